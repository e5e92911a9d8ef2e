"""The development provider's RS256 key, kept in a PEM file across restarts.

The key lives under BASE_DIR/.data so tokens issued before a restart still
verify; it is created on first use and never leaves the development machine.
"""

import base64
import hashlib
import json
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings

KEY_FILE_NAME = "dev-idp-signing-key.pem"

_lock = threading.Lock()
_loaded = {}


@dataclass(frozen=True)
class SigningKey:
    private_pem: bytes
    public_jwk: dict

    @property
    def kid(self):
        return self.public_jwk["kid"]


def signing_key():
    """Return the development signing key, creating its file on first use."""
    path = Path(settings.BASE_DIR) / ".data" / KEY_FILE_NAME
    with _lock:
        if path not in _loaded:
            _loaded[path] = load_or_create(path)
        return _loaded[path]


def load_or_create(path):
    if not path.exists():
        _create(path)
    private_key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    return SigningKey(
        private_pem=path.read_bytes(), public_jwk=public_jwk(private_key.public_key())
    )


def _create(path):
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".tmp{os.getpid()}")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(pem)
    # Two processes starting at once: the first rename wins, both read it.
    if not path.exists():
        partial.replace(path)
    else:
        partial.unlink()


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
