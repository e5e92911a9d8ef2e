"""The production signing channel: the Digital Agency's デジタル認証アプリ.

The applicant signs on their smartphone with the card; the portal talks
OpenID Connect to the app's service. What is public (IDENTITY.md) is kept
as is: authorization code flow with PKCE S256 and `nonce`, client
authentication `private_key_jwt`, scopes `openid name address birthdate
gender`. The signing request itself is not in our documents, so its shape
below is a design to confirm with the Digital Agency before going live:

1. (to confirm) The portal gets a token of its own (client credentials
   grant, `private_key_jwt`) and registers a sign transaction carrying the
   SHA-256 digest of the bytes to sign:
   `POST {DIGITAL_AUTH_APP_SIGN_TRANSACTIONS_URL}` with
   `{"hash_algorithm": "SHA-256", "digest": <base64>}`, answered
   `{"id": <transaction id>}`.
2. (to confirm) The authorization request names that transaction in the
   parameter `sign_transaction_id`; the app shows it and the card signs the
   DigestInfo of the digest (a PKCS#1 v1.5 SHA-256 signature).
3. The code is redeemed with `private_key_jwt` and the PKCE verifier; the
   ID token is verified like GビズID's (auth_mynumber_gbiz.id_token).
4. (to confirm) With the user's access token,
   `GET {DIGITAL_AUTH_APP_SIGN_TRANSACTIONS_URL}/{id}/result` answers
   `{"signature": <base64>, "certificate": <base64 DER>}`. Public
   secondary sources say the real result may be a JWE encrypted to the
   portal's key: decrypting it would be added here.

Nothing the app says about the applicant is trusted: the caller verifies
the returned signature and certificate with the portal's own JPKI code.
"""

import base64
import binascii
import contextlib
import hashlib
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.http import HttpResponseRedirect
from django.urls import reverse

from auth_mynumber_gbiz import (
    code_flow,
    oidc_discovery,
    pending_flows,
    provider_http,
)
from auth_mynumber_gbiz.login_errors import (
    LoginCancelled,
    LoginFailed,
    ProviderMisconfigured,
    ProviderUnavailable,
)
from auth_mynumber_gbiz.signing import errors
from auth_mynumber_gbiz.signing.channel import SigningChannel
from auth_mynumber_gbiz.signing.client_assertion import (
    client_authentication,
    load_client_key,
)

SCOPE = "openid name address birthdate gender"
# (to confirm) The scope of the portal's own token for sign transactions.
SIGN_TRANSACTION_SCOPE = "sign"
SIGN_TRANSACTION_PARAMETER = "sign_transaction_id"


@dataclass(frozen=True, repr=False)
class AppClient:
    issuer: str
    client_id: str
    sign_transactions_url: str
    key: object


def app_client():
    """Return the configured client of the デジタル認証アプリ service."""
    issuer = settings.DIGITAL_AUTH_APP_ISSUER
    client_id = settings.DIGITAL_AUTH_APP_CLIENT_ID
    transactions = settings.DIGITAL_AUTH_APP_SIGN_TRANSACTIONS_URL
    if not (issuer and client_id and transactions):
        raise errors.SigningMisconfigured(
            "DIGITAL_AUTH_APP_ISSUER, _CLIENT_ID or _SIGN_TRANSACTIONS_URL is empty"
        )
    with _as_signing_failure():
        oidc_discovery.check_provider_url(issuer, "issuer")
        oidc_discovery.check_provider_url(transactions, "sign transactions URL")
    return AppClient(
        issuer=issuer,
        client_id=client_id,
        sign_transactions_url=transactions.rstrip("/"),
        key=load_client_key(settings.DIGITAL_AUTH_APP_PRIVATE_KEY),
    )


class DigitalAuthAppChannel(SigningChannel):
    """Signatures made in the デジタル認証アプリ, over OpenID Connect."""

    name = "digital_auth_app"

    def authorize(self, request, state, entry, data_to_sign):
        client = app_client()
        with _as_signing_failure():
            metadata = oidc_discovery.metadata_cache.get(client.issuer)
            transaction_id = _register_transaction(client, metadata, data_to_sign)

        nonce = pending_flows.new_state()
        verifier = pending_flows.new_verifier()
        redirect_uri = callback_uri()
        entry.update(
            issuer=client.issuer,
            nonce=nonce,
            verifier=verifier,
            redirect_uri=redirect_uri,
            transaction=transaction_id,
        )
        return HttpResponseRedirect(
            code_flow.authorization_url(
                metadata.authorization_endpoint,
                client_id=client.client_id,
                redirect_uri=redirect_uri,
                scope=SCOPE,
                state=state,
                nonce=nonce,
                verifier=verifier,
                **{SIGN_TRANSACTION_PARAMETER: transaction_id},
            )
        )

    def collect(self, request, entry):
        client = app_client()
        if client.issuer != entry["issuer"]:
            raise errors.SigningMismatch("issuer setting changed during signing")
        with _as_signing_failure():
            code = code_flow.returned_code(request.GET, client.issuer)
            metadata = oidc_discovery.metadata_cache.get(client.issuer)
            tokens, _verified = code_flow.verified_tokens(
                metadata,
                code,
                entry,
                client_id=client.client_id,
                client_fields=client_authentication(
                    client.client_id, metadata.token_endpoint, client.key
                ),
            )
            result = provider_http.get_json(
                client.sign_transactions_url
                + "/"
                + quote(entry["transaction"], safe="")
                + "/result",
                bearer=tokens["access_token"],
            )
        return _binary(result, "certificate"), _binary(result, "signature")

    def form_action_origins(self):
        issuer = urlsplit(settings.DIGITAL_AUTH_APP_ISSUER or "")
        return [f"{issuer.scheme}://{issuer.netloc}"] if issuer.netloc else []


def callback_uri():
    """Return the redirect URI registered with the デジタル認証アプリ service."""
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse(
        "auth_mynumber_gbiz:signing_callback"
    )


def _register_transaction(client, metadata, data_to_sign):
    token = provider_http.post_form(
        metadata.token_endpoint,
        {
            "grant_type": "client_credentials",
            "scope": SIGN_TRANSACTION_SCOPE,
            **client_authentication(
                client.client_id, metadata.token_endpoint, client.key
            ),
        },
    )
    access_token = _string(token, "access_token")
    digest = hashlib.sha256(data_to_sign).digest()
    answer = provider_http.post_json(
        client.sign_transactions_url,
        {"hash_algorithm": "SHA-256", "digest": base64.b64encode(digest).decode()},
        bearer=access_token,
    )
    return _string(answer, "id")


def _string(document, name):
    value = document.get(name)
    if not isinstance(value, str) or not value:
        raise errors.SigningRejected(f"answer lacks {name}")
    return value


def _binary(document, name):
    try:
        return base64.b64decode(_string(document, name), validate=True)
    except binascii.Error:
        raise errors.SigningRejected(f"{name} is not base64") from None


@contextlib.contextmanager
def _as_signing_failure():
    # The OpenID code shared with GビズID speaks of GビズID to the applicant;
    # here the same failures are told in terms of the app.
    try:
        yield
    except LoginCancelled as failure:
        raise errors.SigningCancelled(failure.reason) from failure
    except ProviderUnavailable as failure:
        raise errors.SigningUnavailable(failure.reason) from failure
    except ProviderMisconfigured as failure:
        raise errors.SigningMisconfigured(failure.reason) from failure
    except LoginFailed as failure:
        raise errors.SigningRejected(failure.reason) from failure
