"""The development provider's endpoints, speaking OpenID Connect like GビズID."""

import base64
import hmac
import secrets
import time
from functools import wraps
from urllib.parse import unquote, urlencode

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from jose import jwt

from auth_mynumber_gbiz import gbizid_provider
from auth_mynumber_gbiz.dev_idp import demo_accounts
from auth_mynumber_gbiz.dev_idp.signing_key import signing_key
from auth_mynumber_gbiz.pending_flows import pkce_challenge

CODE_SALT = "auth_mynumber_gbiz.dev_idp.code"
ACCESS_TOKEN_SALT = "auth_mynumber_gbiz.dev_idp.access_token"
CODE_LIFETIME = 120
ACCESS_TOKEN_LIFETIME = 600
ID_TOKEN_LIFETIME = 300
REQUEST_PARAMS = (
    "response_type",
    "client_id",
    "redirect_uri",
    "scope",
    "state",
    "nonce",
    "code_challenge",
    "code_challenge_method",
)


def development_only(view):
    """Answer 404 unless the development identity provider is switched on."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not settings.DEV_IDENTITY_PROVIDER:
            raise Http404
        return view(request, *args, **kwargs)

    return guarded


@development_only
@require_GET
def discovery(request):
    """Publish the provider's endpoints, as GビズID does at its issuer."""
    return JsonResponse(
        {
            "issuer": gbizid_provider.dev_issuer(),
            "authorization_endpoint": _absolute("authorize"),
            "token_endpoint": _absolute("token"),
            "userinfo_endpoint": _absolute("userinfo"),
            "jwks_uri": _absolute("jwks"),
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "profile", "email"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic"],
            "code_challenge_methods_supported": ["S256"],
            "grant_types_supported": ["authorization_code"],
            "authorization_response_iss_parameter_supported": True,
        }
    )


@development_only
@require_GET
def jwks(request):
    """Publish the public half of the development signing key."""
    return JsonResponse({"keys": [signing_key().public_jwk]})


@development_only
@never_cache
@require_http_methods(["GET", "POST"])
def authorize(request):
    """Let the developer pick a demo account, then return a code to the portal."""
    params = request.GET if request.method == "GET" else request.POST
    if not _known_client(params):
        return render(
            request,
            "auth_mynumber_gbiz/dev_idp/bad_request.html",
            status=400,
        )
    problem = _request_problem(params)
    if problem:
        return _answer(params, error="invalid_request", error_description=problem)
    if request.method == "GET":
        return render(
            request,
            "auth_mynumber_gbiz/dev_idp/authorize.html",
            {
                "request_params": [(name, params[name]) for name in REQUEST_PARAMS],
                "accounts": demo_accounts.demo_accounts(),
            },
        )

    if "cancel" in request.POST:
        return _answer(params, error="access_denied")
    account = demo_accounts.find_account(request.POST.get("sub", ""))
    if account is None:
        return _answer(params, error="access_denied")
    code = signing.dumps(
        {
            "sub": account.sub,
            "redirect_uri": params["redirect_uri"],
            "nonce": params["nonce"],
            "code_challenge": params["code_challenge"],
            "jti": secrets.token_urlsafe(16),
        },
        salt=CODE_SALT,
    )
    return _answer(params, code=code)


@development_only
@csrf_exempt
@require_POST
def token(request):
    """Redeem a code for tokens: client_secret_basic, then the PKCE verifier."""
    if not _client_authenticated(request.headers.get("Authorization", "")):
        response = _oauth_error("invalid_client", status=401)
        response["WWW-Authenticate"] = 'Basic realm="dev-idp"'
        return response
    if request.POST.get("grant_type") != "authorization_code":
        return _oauth_error("unsupported_grant_type")
    try:
        grant = signing.loads(
            request.POST.get("code", ""), salt=CODE_SALT, max_age=CODE_LIFETIME
        )
    except signing.BadSignature:
        return _oauth_error("invalid_grant")
    if not cache.add("dev-idp-code:" + grant["jti"], True, CODE_LIFETIME * 2):
        return _oauth_error("invalid_grant")
    if request.POST.get("redirect_uri") != grant["redirect_uri"]:
        return _oauth_error("invalid_grant")
    verifier = request.POST.get("code_verifier", "")
    if not (43 <= len(verifier) <= 128) or not hmac.compare_digest(
        pkce_challenge(verifier), grant["code_challenge"]
    ):
        return _oauth_error("invalid_grant")

    access_token = signing.dumps(
        {"sub": grant["sub"], "jti": secrets.token_urlsafe(16)}, salt=ACCESS_TOKEN_SALT
    )
    key = signing_key()
    now = int(time.time())
    id_token = jwt.encode(
        {
            "iss": gbizid_provider.dev_issuer(),
            "sub": grant["sub"],
            "aud": gbizid_provider.DEV_CLIENT_ID,
            "iat": now,
            "exp": now + ID_TOKEN_LIFETIME,
            "auth_time": now,
            "nonce": grant["nonce"],
        },
        key.private_pem.decode(),
        algorithm="RS256",
        headers={"kid": key.kid},
        access_token=access_token,
    )
    response = JsonResponse(
        {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": ACCESS_TOKEN_LIFETIME,
            "id_token": id_token,
            "scope": "openid profile email",
        }
    )
    response["Cache-Control"] = "no-store"
    return response


@development_only
@csrf_exempt
@require_http_methods(["GET", "POST"])
def userinfo(request):
    """Return the demo account's claims, flat, for a valid access token."""
    scheme, _sep, access_token = request.headers.get("Authorization", "").partition(" ")
    try:
        if scheme.lower() != "bearer":
            raise signing.BadSignature
        grant = signing.loads(
            access_token, salt=ACCESS_TOKEN_SALT, max_age=ACCESS_TOKEN_LIFETIME
        )
    except signing.BadSignature:
        response = _oauth_error("invalid_token", status=401)
        response["WWW-Authenticate"] = 'Bearer error="invalid_token"'
        return response
    account = demo_accounts.find_account(grant["sub"])
    if account is None:
        return _oauth_error("invalid_token", status=401)
    return JsonResponse({"sub": account.sub, **account.claims})


def _absolute(name):
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse(
        "auth_mynumber_gbiz:dev_idp:" + name
    )


def _registered_redirect_uri():
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse(
        "auth_mynumber_gbiz:gbizid_callback"
    )


def _known_client(params):
    # An unknown client or redirect URI gets an error page, never a redirect
    # (RFC 6749 4.1.2.1), so the provider cannot be used as an open redirector.
    return (
        params.get("client_id") == gbizid_provider.DEV_CLIENT_ID
        and params.get("redirect_uri") == _registered_redirect_uri()
    )


def _request_problem(params):
    if params.get("response_type") != "code":
        return "response_type must be code"
    if "openid" not in params.get("scope", "").split():
        return "scope must include openid"
    if params.get("code_challenge_method") != "S256":
        return "PKCE with S256 is required"
    if len(params.get("code_challenge", "")) != 43:
        return "code_challenge must be a S256 challenge"
    if not params.get("state") or not params.get("nonce"):
        return "state and nonce are required"
    return ""


def _answer(params, **result):
    query = {**result, "iss": gbizid_provider.dev_issuer()}
    if params.get("state"):
        query["state"] = params["state"]
    return HttpResponseRedirect(params["redirect_uri"] + "?" + urlencode(query))


def _client_authenticated(header):
    scheme, _sep, encoded = header.partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        decoded = base64.b64decode(encoded, validate=True).decode()
    except ValueError:
        return False
    client_id, _sep, secret = decoded.partition(":")
    return hmac.compare_digest(
        unquote(client_id).encode(), gbizid_provider.DEV_CLIENT_ID.encode()
    ) & hmac.compare_digest(
        unquote(secret).encode(), gbizid_provider.DEV_CLIENT_SECRET.encode()
    )


def _oauth_error(error, status=400):
    return JsonResponse({"error": error}, status=status)
