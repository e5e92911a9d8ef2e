"""The JPKI CA certificates the portal trusts (settings.JPKI_CA_CERTS).

JPKI is a single-level hierarchy: the 署名用認証局 issues card certificates
directly, in generations that may share one subject name. The store
therefore keeps every accepted generation and picks the issuer by
signature, not by name alone.
"""

import os
import threading
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .certificate_files import load_certificates


@dataclass(frozen=True)
class TrustStore:
    """The accepted CA certificates, in the order of the bundle."""

    authorities: tuple[x509.Certificate, ...] = ()

    def issuer_of(self, certificate, at):
        """Return the trusted CA that signed `certificate` and is valid at `at`.

        Return None when no CA in the store has the certificate's issuer as
        its subject, when none of those verifies the signature, or when the
        one that does is outside its own validity.
        """
        for authority in self.authorities:
            if authority.subject != certificate.issuer:
                continue
            try:
                certificate.verify_directly_issued_by(authority)
            except (ValueError, TypeError, InvalidSignature):
                continue
            if authority.not_valid_before_utc <= at <= authority.not_valid_after_utc:
                return authority
        return None


def authority_key(authority):
    """Return the SHA-256 fingerprint that names a CA in the CRL store."""
    return authority.fingerprint(hashes.SHA256())


def load_trust_store(path):
    """Return the TrustStore of the PEM bundle at `path` ("" for none).

    Raise ImproperlyConfigured when the bundle cannot be read or holds a
    certificate that is not a CA.
    """
    if not path:
        return TrustStore()
    try:
        with open(path, "rb") as bundle:
            authorities = load_certificates(bundle.read())
    except (OSError, ValueError) as error:
        raise ImproperlyConfigured(f"JPKI_CA_CERTS cannot be read: {error}") from error
    for authority in authorities:
        if not _is_ca(authority):
            subject = authority.subject.rfc4514_string()
            raise ImproperlyConfigured(
                f"JPKI_CA_CERTS holds a certificate that is not a CA: {subject}"
            )
    return TrustStore(tuple(authorities))


def _is_ca(certificate):
    try:
        constraints = certificate.extensions.get_extension_for_class(
            x509.BasicConstraints
        )
    except x509.ExtensionNotFound:
        return False
    return constraints.value.ca


_cache_lock = threading.Lock()
_cache = {}


def configured_trust_store():
    """Return the TrustStore of settings.JPKI_CA_CERTS, re-read when it changes."""
    path = settings.JPKI_CA_CERTS
    try:
        stat = os.stat(path) if path else None
    except OSError as error:
        raise ImproperlyConfigured(f"JPKI_CA_CERTS cannot be read: {error}") from error
    version = (str(path), stat and (stat.st_mtime_ns, stat.st_size))
    with _cache_lock:
        if _cache.get("version") != version:
            _cache["store"] = load_trust_store(path)
            _cache["version"] = version
        return _cache["store"]
