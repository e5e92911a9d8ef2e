"""Verify a マイナンバーカード signature, in the order IDENTITY.md lays down.

Chain, validity, certificate profile, revocation, the signature over the
exact bytes requested, and only then the four facts. The `cryptography`
path verifier is not used: it rejects JPKI certificates, whose
certificatePolicies extension is critical.
"""

import datetime
import logging

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from django.conf import settings

from .certificate_checks import check_signing_profile, check_validity
from .certificate_files import load_certificate
from .crl_cache import current_crl_store
from .facts import read_facts
from .outcomes import Outcome, VerificationRefused
from .result import (
    RevocationState,
    RevocationStatus,
    VerificationResult,
    certificate_evidence,
)
from .trust_store import configured_trust_store

logger = logging.getLogger(__name__)


def verify_signature(certificate, signature, data, *, trust_store=None, crl_store=None):
    """Check that `signature` over `data` was made with a valid signing card.

    `certificate` is a cryptography Certificate or its DER or PEM bytes;
    `signature` the raw RSA PKCS#1 v1.5 SHA-256 signature; `data` the exact
    bytes the portal asked to be signed. The trust store and CRL store come
    from settings unless given (give both or neither: a CRL store is keyed
    by the CAs of its own trust store). Return a VerificationResult; a refusal is
    an outcome, never an exception.
    """
    allowed_policies = {
        x509.ObjectIdentifier(oid) for oid in settings.JPKI_ALLOWED_POLICIES
    }
    checked_at = datetime.datetime.now(datetime.UTC)
    identity = {"checked_at": checked_at}
    revocation = RevocationState()
    try:
        certificate = _as_certificate(certificate)
        identity.update(
            certificate_issuer=certificate.issuer.rfc4514_string(),
            certificate_serial=certificate.serial_number,
            certificate_evidence=certificate_evidence(certificate),
        )
        if trust_store is None:
            trust_store = configured_trust_store()
        authority = trust_store.issuer_of(certificate, checked_at)
        if authority is None:
            raise VerificationRefused(Outcome.UNTRUSTED_ISSUER)
        check_validity(certificate, checked_at)
        check_signing_profile(certificate, allowed_policies)
        if crl_store is None:
            crl_store = current_crl_store()
        revocation = _revocation(crl_store, authority, certificate, checked_at)
        if revocation.status == RevocationStatus.REVOKED:
            raise VerificationRefused(Outcome.REVOKED)
        _check_signature(certificate, signature, data)
        facts = read_facts(certificate)
    except VerificationRefused as refusal:
        outcome, detail = refusal.outcome, refusal.detail
    except (ValueError, x509.DuplicateExtension) as error:
        # cryptography parses lazily: a damaged certificate fails at load
        # or only when an extension is first read.
        outcome, detail = Outcome.MALFORMED_CERTIFICATE, str(error)
    else:
        return _finish(
            VerificationResult(
                outcome=Outcome.VALID, revocation=revocation, facts=facts, **identity
            )
        )
    return _finish(
        VerificationResult(
            outcome=outcome, revocation=revocation, detail=detail, **identity
        )
    )


def _as_certificate(certificate):
    if isinstance(certificate, x509.Certificate):
        return certificate
    return load_certificate(bytes(certificate))


def _revocation(crl_store, authority, certificate, at):
    revocation_list = crl_store.for_authority(authority)
    if revocation_list is None:
        raise VerificationRefused(Outcome.CRL_MISSING)
    if not revocation_list.is_current(at):
        raise VerificationRefused(
            Outcome.CRL_STALE, f"CRL {revocation_list.source} past its next update"
        )
    revoked = revocation_list.is_revoked(certificate.serial_number)
    return RevocationState(
        status=RevocationStatus.REVOKED if revoked else RevocationStatus.GOOD,
        crl_this_update=revocation_list.this_update,
        crl_next_update=revocation_list.next_update,
        crl_number=revocation_list.number,
    )


def _check_signature(certificate, signature, data):
    try:
        certificate.public_key().verify(
            bytes(signature), bytes(data), padding.PKCS1v15(), hashes.SHA256()
        )
    except InvalidSignature:
        raise VerificationRefused(Outcome.BAD_SIGNATURE) from None


def _finish(result):
    # The evidence hash names the certificate without naming its holder.
    logger.info(
        "JPKI signature check %s (certificate %s) %s",
        result.outcome.value,
        result.certificate_evidence[:16] or "-",
        result.detail,
    )
    return result
