"""The portal's `private_key_jwt` client authentication (RFC 7523, OIDC Core 9).

At a token endpoint the portal proves it is the registered client by a
short-lived JWT signed (RS256) with its own private key, instead of a
shared secret. The デジタル認証アプリ service knows the public half, named by
its RFC 7638 thumbprint (`kid`).
"""

import secrets
import time
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jose import jwt

from auth_mynumber_gbiz.rsa_jwk import public_jwk
from auth_mynumber_gbiz.signing.errors import SigningMisconfigured

ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
# Long enough for clock differences, short enough that a leaked assertion
# is useless; the jti makes it single use at the server anyway.
ASSERTION_LIFETIME = 60
MINIMUM_KEY_BITS = 2048


@dataclass(frozen=True, repr=False)
class ClientKey:
    """The portal's private key (PEM) and the kid its public half is known by."""

    private_pem: str
    kid: str
    public: dict


def load_client_key(path):
    """Return the ClientKey in the PEM file at `path`.

    Raise SigningMisconfigured when it is missing, unreadable or not an RSA
    key of at least 2048 bits.
    """
    if not path:
        raise SigningMisconfigured("DIGITAL_AUTH_APP_PRIVATE_KEY is not set")
    try:
        with open(path, "rb") as key_file:
            pem = key_file.read()
        key = serialization.load_pem_private_key(pem, password=None)
    except (OSError, ValueError, TypeError) as error:
        raise SigningMisconfigured(
            f"DIGITAL_AUTH_APP_PRIVATE_KEY unreadable: {type(error).__name__}"
        ) from None
    if not isinstance(key, rsa.RSAPrivateKey) or key.key_size < MINIMUM_KEY_BITS:
        raise SigningMisconfigured("DIGITAL_AUTH_APP_PRIVATE_KEY is not RSA-2048+")
    public = public_jwk(key.public_key())
    return ClientKey(private_pem=pem.decode("ascii"), kid=public["kid"], public=public)


def client_authentication(client_id, token_endpoint, key):
    """Return the form fields that authenticate the client at `token_endpoint`."""
    now = int(time.time())
    assertion = jwt.encode(
        {
            "iss": client_id,
            "sub": client_id,
            "aud": token_endpoint,
            "jti": secrets.token_urlsafe(24),
            "iat": now,
            "exp": now + ASSERTION_LIFETIME,
        },
        key.private_pem,
        algorithm="RS256",
        headers={"kid": key.kid},
    )
    return {
        "client_id": client_id,
        "client_assertion_type": ASSERTION_TYPE,
        "client_assertion": assertion,
    }
