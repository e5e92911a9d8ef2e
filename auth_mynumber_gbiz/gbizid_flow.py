"""The OpenID Connect authorization code flow with GビズID, from the portal's side.

`begin` stores a fresh state, nonce and PKCE verifier in the server session
and returns the URL to send the browser to; `complete` takes the callback,
uses that stored entry once, redeems the code with client_secret_basic,
verifies the ID token and returns the userinfo claims. Nothing here decides
who may use the portal: gbizid_accounts does.
"""

import hmac
from dataclasses import dataclass
from urllib.parse import quote

from django.utils.translation import gettext_lazy as _
from requests.auth import HTTPBasicAuth

from auth_mynumber_gbiz import (
    code_flow,
    gbizid_provider,
    id_token,
    oidc_discovery,
    pending_flows,
    provider_http,
)
from auth_mynumber_gbiz.login_errors import (
    FlowExpired,
    FlowMismatch,
    ResponseRejected,
)

SCOPE = "openid profile email"
SESSION_KEY = "gbizid_pending_logins"
FLOW_LIFETIME = pending_flows.FLOW_LIFETIME
_pending = pending_flows.PendingFlows(SESSION_KEY)


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
    metadata = oidc_discovery.metadata_cache.get(client.issuer)

    state = pending_flows.new_state()
    nonce = pending_flows.new_state()
    verifier = pending_flows.new_verifier()
    _pending.put(
        request,
        state,
        {
            "nonce": nonce,
            "verifier": verifier,
            "issuer": client.issuer,
            "redirect_uri": redirect_uri,
            "next": next_url,
        },
    )

    return code_flow.authorization_url(
        metadata.authorization_endpoint,
        client_id=client.client_id,
        redirect_uri=redirect_uri,
        scope=SCOPE,
        state=state,
        nonce=nonce,
        verifier=verifier,
    )


def complete(request, *, attempt):
    """Finish the login the callback `request` answers and return its claims."""
    entry = _take_entry(request)
    attempt.issuer = entry["issuer"]

    client = gbizid_provider.client_settings()
    if client.issuer != entry["issuer"]:
        raise FlowMismatch("issuer setting changed during the login")
    code = code_flow.returned_code(request.GET, client.issuer)

    metadata = oidc_discovery.metadata_cache.get(client.issuer)
    try:
        tokens, verified = code_flow.verified_tokens(
            metadata,
            code,
            entry,
            client_id=client.client_id,
            # RFC 6749 2.3.1: the id and secret are form-encoded before Basic.
            basic_auth=HTTPBasicAuth(
                quote(client.client_id, safe=""), quote(client.client_secret, safe="")
            ),
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


def _take_entry(request):
    try:
        return _pending.take(request, request.GET.get("state", ""))
    except pending_flows.FlowNotFound:
        raise FlowExpired(
            "no login pending in this session",
            _(
                "ログインの手続きの情報が見つかりませんでした。時間がたちすぎたか、"
                "ブラウザーでCookieが使えない設定になっている可能性があります。"
                "Cookieを有効にして、もう一度ログイン画面からやり直してください。"
            ),
        ) from None
    except pending_flows.FlowUnknown:
        raise FlowMismatch("state does not match a pending login") from None
    except pending_flows.FlowTooOld:
        raise FlowExpired(f"login started more than {FLOW_LIFETIME} s ago") from None
