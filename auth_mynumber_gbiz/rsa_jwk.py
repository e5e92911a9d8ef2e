"""RSA public keys as JSON Web Keys, named by their RFC 7638 thumbprint."""

import base64
import hashlib
import json


def public_jwk(public_key):
    """Return `public_key` as an RS256 JWK whose kid is its RFC 7638 thumbprint."""
    numbers = public_key.public_numbers()
    members = {"e": _b64_uint(numbers.e), "kty": "RSA", "n": _b64_uint(numbers.n)}
    canonical = json.dumps(members, separators=(",", ":"), sort_keys=True)
    thumbprint = base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest())
    return {
        **members,
        "kid": thumbprint.rstrip(b"=").decode(),
        "alg": "RS256",
        "use": "sig",
    }


def _b64_uint(value):
    raw = value.to_bytes((value.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()
