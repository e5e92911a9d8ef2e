"""The OpenID Connect authorization code flow with GビズID, from the portal's side.

`begin` stores a fresh state, nonce and PKCE verifier in the server session
and returns the URL to send the browser to; `complete` takes the callback,
uses that stored entry once, redeems the code with client_secret_basic,
verifies the ID token and returns the userinfo claims. Nothing here decides
who may use the portal: gbizid_accounts does.
"""

import base64
import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from django.utils.translation import gettext_lazy as _
from requests.auth import HTTPBasicAuth

from auth_mynumber_gbiz import gbizid_provider, id_token, provider_http
from auth_mynumber_gbiz.login_errors import (
    FlowExpired,
    FlowMismatch,
    LoginCancelled,
    ProviderUnavailable,
    ResponseRejected,
)

SCOPE = "openid profile email"
SESSION_KEY = "gbizid_pending_logins"
# IDENTITY.md: state, nonce and verifier live ten minutes and are used once.
FLOW_LIFETIME = 600
# Logins started in other tabs stay usable, up to this many.
MAX_PENDING = 5


@dataclass
class LoginAttempt:
    """What is known about one login so far, for the log line that ends it."""

    issuer: str = ""
    subject: str = ""
    kid: str = ""


@dataclass(frozen=True)
class ProviderLogin:
    issuer: str
    subject: str
    userinfo: dict
    next_url: str


def begin(request, *, redirect_uri, next_url, attempt):
    """Remember a new login in the session and return the authorization URL."""
    client = gbizid_provider.client_settings()
    attempt.issuer = client.issuer
    metadata = gbizid_provider.metadata_cache.get(client.issuer)

    state = secrets.token_urlsafe(32)
    nonce = secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(64)
    pending = _live_entries(request.session.get(SESSION_KEY))
    pending[state] = {
        "nonce": nonce,
        "verifier": verifier,
        "issuer": client.issuer,
        "redirect_uri": redirect_uri,
        "next": next_url,
        "started": time.time(),
    }
    newest = sorted(pending.items(), key=lambda item: item[1]["started"])[-MAX_PENDING:]
    request.session[SESSION_KEY] = dict(newest)

    return _with_query(
        metadata.authorization_endpoint,
        {
            "response_type": "code",
            "client_id": client.client_id,
            "redirect_uri": redirect_uri,
            "scope": SCOPE,
            "state": state,
            "nonce": nonce,
            "code_challenge": pkce_challenge(verifier),
            "code_challenge_method": "S256",
        },
    )


def complete(request, *, attempt):
    """Finish the login the callback `request` answers and return its claims."""
    entry = _take_entry(request)
    attempt.issuer = entry["issuer"]
    if time.time() - entry["started"] > FLOW_LIFETIME:
        raise FlowExpired(f"login started more than {FLOW_LIFETIME} s ago")

    client = gbizid_provider.client_settings()
    if client.issuer != entry["issuer"]:
        raise FlowMismatch("issuer setting changed during the login")
    returned_issuer = request.GET.get("iss")
    if returned_issuer is not None and returned_issuer != client.issuer:
        raise ResponseRejected(f"authorization response iss {returned_issuer!r}")
    _raise_provider_error(request.GET)
    code = request.GET.get("code")
    if not code:
        raise ResponseRejected("callback without code")

    metadata = gbizid_provider.metadata_cache.get(client.issuer)
    tokens = _redeem_code(metadata, client, code, entry)
    try:
        verified = id_token.verify(
            tokens["id_token"],
            jwks_uri=metadata.jwks_uri,
            issuer=client.issuer,
            client_id=client.client_id,
            nonce=entry["nonce"],
            access_token=tokens["access_token"],
        )
    except id_token.InvalidIdToken as failure:
        attempt.kid = failure.kid or ""
        raise
    attempt.subject = verified.subject
    attempt.kid = verified.kid

    userinfo = provider_http.get_json(
        metadata.userinfo_endpoint, bearer=tokens["access_token"]
    )
    if not isinstance(userinfo.get("sub"), str) or not hmac.compare_digest(
        userinfo["sub"].encode(), verified.subject.encode()
    ):
        raise ResponseRejected("userinfo sub differs from the ID token sub")
    return ProviderLogin(
        issuer=client.issuer,
        subject=verified.subject,
        userinfo=userinfo,
        next_url=entry["next"],
    )


def pkce_challenge(verifier):
    """Return the S256 code challenge of `verifier` (RFC 7636)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def _take_entry(request):
    # The entry is removed before anything is checked: a state works once,
    # whatever the outcome.
    pending = request.session.get(SESSION_KEY)
    if not pending:
        raise FlowExpired(
            "no login pending in this session",
            _(
                "ログインの手続きの情報が見つかりませんでした。時間がたちすぎたか、"
                "ブラウザーでCookieが使えない設定になっている可能性があります。"
                "Cookieを有効にして、もう一度ログイン画面からやり直してください。"
            ),
        )
    state = request.GET.get("state", "")
    entry = pending.pop(state, None) if state else None
    request.session[SESSION_KEY] = pending
    if entry is None:
        raise FlowMismatch("state does not match a pending login")
    return entry


def _live_entries(pending):
    now = time.time()
    return {
        state: entry
        for state, entry in (pending or {}).items()
        if now - entry["started"] <= FLOW_LIFETIME
    }


def _raise_provider_error(params):
    error = params.get("error")
    if error is None:
        return
    if error in ("access_denied", "login_required", "consent_required"):
        raise LoginCancelled(f"provider answered {error[:50]}")
    raise ProviderUnavailable(f"provider answered {error[:50]}")


def _redeem_code(metadata, client, code, entry):
    # RFC 6749 2.3.1: the client id and secret are form-encoded before Basic.
    tokens = provider_http.post_form(
        metadata.token_endpoint,
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": entry["redirect_uri"],
            "code_verifier": entry["verifier"],
        },
        basic_auth=HTTPBasicAuth(
            quote(client.client_id, safe=""), quote(client.client_secret, safe="")
        ),
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
