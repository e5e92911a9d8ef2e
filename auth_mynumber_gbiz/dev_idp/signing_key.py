"""The development provider's RS256 key, kept in a PEM file across restarts.

The key lives under BASE_DIR/.data so tokens issued before a restart still
verify; it is created on first use and never leaves the development machine.
"""

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings

from auth_mynumber_gbiz.rsa_jwk import public_jwk

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
    write_private_file(
        path,
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    )


def write_private_file(path, data, *, replace=False):
    """Write `data` to `path` readable by this user only (0600), atomically.

    Unless `replace`, a file another process wrote first is kept.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(f".tmp{os.getpid()}")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
    # Two processes starting at once: the first rename wins, both read it.
    if replace or not path.exists():
        partial.replace(path)
    else:
        partial.unlink()
