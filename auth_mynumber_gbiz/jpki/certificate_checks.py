"""The checks on the card certificate itself, before revocation and signature.

Each check raises VerificationRefused with the outcome that names it.
"""

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from . import profile
from .outcomes import Outcome, VerificationRefused

# Extensions whose meaning the portal checks or that carry no constraint;
# a critical extension outside this set must make the certificate unusable
# (RFC 5280, 4.2).
_UNDERSTOOD_EXTENSIONS = {
    x509.KeyUsage,
    x509.CertificatePolicies,
    x509.BasicConstraints,
    x509.SubjectAlternativeName,
    x509.AuthorityKeyIdentifier,
    x509.SubjectKeyIdentifier,
    x509.CRLDistributionPoints,
    x509.AuthorityInformationAccess,
}


def check_validity(certificate, at):
    """Refuse a certificate that is not yet valid or has expired at `at`."""
    if at < certificate.not_valid_before_utc:
        raise VerificationRefused(Outcome.NOT_YET_VALID)
    if at > certificate.not_valid_after_utc:
        raise VerificationRefused(Outcome.EXPIRED)


def check_signing_profile(certificate, allowed_policies):
    """Refuse anything but a 署名用電子証明書 under one of `allowed_policies`.

    `allowed_policies` is a set of ObjectIdentifiers.

    The 利用者証明用 certificate is named before key usage is looked at, so
    that the applicant is told which certificate to use instead.
    """
    policies = _policies(certificate)
    if profile.AUTHENTICATION_POLICY in policies:
        raise VerificationRefused(Outcome.AUTHENTICATION_CERTIFICATE)
    _check_key_usage(certificate)
    if not policies & allowed_policies:
        raise VerificationRefused(Outcome.WRONG_POLICY)
    _check_understood(certificate)
    _check_key(certificate)


def _policies(certificate):
    try:
        extension = certificate.extensions.get_extension_for_class(
            x509.CertificatePolicies
        )
    except x509.ExtensionNotFound:
        raise VerificationRefused(Outcome.WRONG_POLICY, "no policies") from None
    if not extension.critical:
        raise VerificationRefused(Outcome.WRONG_POLICY, "policies not critical")
    return {policy.policy_identifier for policy in extension.value}


def _check_key_usage(certificate):
    try:
        extension = certificate.extensions.get_extension_for_class(x509.KeyUsage)
    except x509.ExtensionNotFound:
        raise VerificationRefused(Outcome.WRONG_KEY_USAGE, "no keyUsage") from None
    usage = extension.value
    if not (
        extension.critical
        and usage.digital_signature
        and usage.content_commitment
        and not usage.key_cert_sign
        and not usage.crl_sign
    ):
        raise VerificationRefused(Outcome.WRONG_KEY_USAGE)
    try:
        constraints = certificate.extensions.get_extension_for_class(
            x509.BasicConstraints
        )
    except x509.ExtensionNotFound:
        return
    if constraints.value.ca:
        raise VerificationRefused(Outcome.WRONG_KEY_USAGE, "a CA certificate")


def _check_understood(certificate):
    for extension in certificate.extensions:
        if extension.critical and type(extension.value) not in _UNDERSTOOD_EXTENSIONS:
            raise VerificationRefused(
                Outcome.UNSUPPORTED_CERTIFICATE,
                "critical extension " + extension.oid.dotted_string,
            )


def _check_key(certificate):
    key = certificate.public_key()
    if not isinstance(key, rsa.RSAPublicKey) or key.key_size < profile.MINIMUM_RSA_BITS:
        raise VerificationRefused(Outcome.UNSUPPORTED_CERTIFICATE, "not RSA-2048")
