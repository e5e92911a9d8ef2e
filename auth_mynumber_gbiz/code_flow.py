"""The OpenID Connect code flow steps GビズID and the デジタル認証アプリ share.

The authorization request (always `state`, `nonce` and a PKCE S256
challenge), the checks on the browser's return, and the code redemption
with its checks on the token response and the ID token. How the client authenticates at
the token endpoint differs per provider and is passed in. Failures are
LoginFailed exceptions (login_errors).
"""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from auth_mynumber_gbiz import id_token, pending_flows, provider_http
from auth_mynumber_gbiz.login_errors import (
    LoginCancelled,
    ProviderUnavailable,
    ResponseRejected,
)

# Errors by which the provider says the person stopped, not that it failed.
CANCELLATIONS = ("access_denied", "login_required", "consent_required")


def authorization_url(
    endpoint, *, client_id, redirect_uri, scope, state, nonce, verifier, **extra
):
    """Return the URL of an authorization request with PKCE S256 and a nonce."""
    return _with_query(
        endpoint,
        {
            "response_type": "code",
            "client_id": client_id,
            "redirect_uri": redirect_uri,
            "scope": scope,
            "state": state,
            "nonce": nonce,
            "code_challenge": pending_flows.pkce_challenge(verifier),
            "code_challenge_method": "S256",
            **extra,
        },
    )


def returned_code(params, issuer):
    """Return the code of an authorization response, or raise LoginFailed.

    An `iss` parameter (RFC 9207), when sent, must name `issuer`.
    """
    returned_issuer = params.get("iss")
    if returned_issuer is not None and returned_issuer != issuer:
        raise ResponseRejected(f"authorization response iss {returned_issuer!r}")
    error = params.get("error")
    if error in CANCELLATIONS:
        raise LoginCancelled(f"provider answered {error[:50]}")
    if error is not None:
        raise ProviderUnavailable(f"provider answered {error[:50]}")
    code = params.get("code")
    if not code:
        raise ResponseRejected("callback without code")
    return code


def verified_tokens(
    metadata, code, entry, *, client_id, client_fields=None, basic_auth=None
):
    """Exchange `code` for tokens; return them with the verified ID token.

    `entry` is the pending flow (its issuer, redirect URI, PKCE verifier and
    nonce); the client authenticates by `client_fields` in the form or by
    `basic_auth`. Raise InvalidIdToken (with its kid) for a bad ID token.
    """
    tokens = _redeem_code(
        metadata.token_endpoint,
        code,
        entry,
        client_fields=client_fields,
        basic_auth=basic_auth,
    )
    verified = id_token.verify(
        tokens["id_token"],
        jwks_uri=metadata.jwks_uri,
        issuer=entry["issuer"],
        client_id=client_id,
        nonce=entry["nonce"],
        access_token=tokens["access_token"],
    )
    return tokens, verified


def _redeem_code(token_endpoint, code, entry, *, client_fields, basic_auth):
    tokens = provider_http.post_form(
        token_endpoint,
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": entry["redirect_uri"],
            "code_verifier": entry["verifier"],
            **(client_fields or {}),
        },
        basic_auth=basic_auth,
    )
    for name in ("id_token", "access_token"):
        if not isinstance(tokens.get(name), str) or not tokens[name]:
            raise ResponseRejected(f"token response lacks {name}")
    if str(tokens.get("token_type", "")).lower() != "bearer":
        raise ResponseRejected("token_type is not Bearer")
    return tokens


def _with_query(url, params):
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True) + list(params.items())
    return urlunsplit(parts._replace(query=urlencode(query)))
