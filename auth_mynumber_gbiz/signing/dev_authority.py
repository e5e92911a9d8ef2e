"""The development CA that issues demo cards for `make run`, and its CRL.

It plays J-LIS's 署名用認証局 on a developer's machine and nowhere else: its
certificates carry the JPKI profile with the test-environment policy, and
in development the trust store (JPKI_CA_CERTS), the CRL directory
(JPKI_CRL_DIR) and the accepted policies default to what it writes under
settings.DEV_JPKI_DIR. Every file is created on first use, readable by
this user only (0600). The CRL is rewritten well before it goes stale, so
signatures keep verifying however long the server runs.
"""

import datetime
import threading
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID
from django.conf import settings

from auth_mynumber_gbiz.dev_idp.signing_key import write_private_file
from auth_mynumber_gbiz.jpki import profile

CA_FILE = "ca.pem"
CA_KEY_FILE = "ca-key.pem"
CRL_DIRECTORY = "crl"
CRL_FILE = "dev-ca.crl"
CARDS_DIRECTORY = "cards"
# IDENTITY.md: the 署名用 policy of the JPKI test environment (to confirm).
TEST_ENVIRONMENT_POLICY = "1.2.392.200149.8.5.1.0.20"
CRL_LIFETIME = datetime.timedelta(days=7)
# Rewritten once a day of use, so it is never near its next update.
CRL_RENEWAL_AGE = datetime.timedelta(days=1)
CARD_LIFETIME = datetime.timedelta(days=5 * 365)

CA_SUBJECT = x509.Name(
    [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "JPKI"),
        x509.NameAttribute(
            NameOID.ORGANIZATIONAL_UNIT_NAME,
            "Kyosai portal development CA (not J-LIS)",
        ),
    ]
)

_lock = threading.Lock()


@dataclass(frozen=True)
class CardFacts:
    """The facts written onto a demo card, in the certificate's own formats."""

    name: str
    name_substitutions: str
    gender: str
    birth_date: str
    address: str
    address_substitutions: str

    def other_names(self):
        """Return the subjectAltName otherNames carrying these facts."""
        values = (
            (profile.NAME, self.name),
            (profile.NAME_SUBSTITUTIONS, self.name_substitutions),
            (profile.GENDER, self.gender),
            (profile.BIRTH_DATE, self.birth_date),
            (profile.ADDRESS, self.address),
            (profile.ADDRESS_SUBSTITUTIONS, self.address_substitutions),
        )
        return [
            x509.OtherName(oid, utf8_string(value)) for oid, value in values if value
        ]


@dataclass(frozen=True)
class DevCard:
    """A demo card's certificate and the key that signs as the card would."""

    certificate: x509.Certificate
    key: rsa.RSAPrivateKey = field(repr=False)

    def sign(self, data):
        """Return the PKCS#1 v1.5 SHA-256 signature of `data`."""
        return self.key.sign(data, padding.PKCS1v15(), hashes.SHA256())

    @property
    def der(self):
        """Return the certificate as DER bytes."""
        return self.certificate.public_bytes(serialization.Encoding.DER)


def directory():
    """Return the directory the development CA keeps its files in."""
    return Path(settings.DEV_JPKI_DIR)


def issue_card(card_id, facts, state):
    """Return the DevCard `card_id`, issuing it (and the CA) on first use.

    `state` is "valid", "revoked" or "expired". A revoked card's serial
    goes onto the CRL, which is also rewritten once it is a day old.
    """
    with _lock:
        for folder in (
            directory(),
            directory() / CARDS_DIRECTORY,
            directory() / CRL_DIRECTORY,
        ):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        ca_certificate, ca_key = _authority()
        card = _card(ca_certificate, ca_key, card_id, facts, state)
        revoked = {card.certificate.serial_number} if state == "revoked" else set()
        _publish_crl(ca_certificate, ca_key, revoked)
    return card


def utf8_string(text):
    """Return `text` as a DER UTF8String, the form each JPKI fact takes."""
    content = text.encode("utf-8")
    length = len(content)
    if length < 0x80:
        header = bytes([length])
    else:
        size = (length.bit_length() + 7) // 8
        header = bytes([0x80 | size]) + length.to_bytes(size, "big")
    return b"\x0c" + header + content


def _now():
    return datetime.datetime.now(datetime.UTC)


def _authority():
    folder = directory()
    certificate_path = folder / CA_FILE
    key_path = folder / CA_KEY_FILE
    if not (certificate_path.exists() and key_path.exists()):
        key = _new_key()
        start = _now() - datetime.timedelta(days=1)
        certificate = (
            x509.CertificateBuilder()
            .subject_name(CA_SUBJECT)
            .issuer_name(CA_SUBJECT)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(start + datetime.timedelta(days=20 * 365))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_key_usage(key_cert_sign=True, crl_sign=True), critical=True)
            .sign(key, hashes.SHA256())
        )
        _store(key_path, key, certificate_path, certificate)
    return (
        x509.load_pem_x509_certificate(certificate_path.read_bytes()),
        serialization.load_pem_private_key(key_path.read_bytes(), password=None),
    )


def _card(ca_certificate, ca_key, card_id, facts, state):
    folder = directory() / CARDS_DIRECTORY
    certificate_path = folder / (card_id + ".pem")
    key_path = folder / (card_id + "-key.pem")
    if certificate_path.exists() and key_path.exists():
        certificate = x509.load_pem_x509_certificate(certificate_path.read_bytes())
        # A card of an earlier development CA (its files deleted) is replaced.
        if certificate.issuer == ca_certificate.subject and _issued_by(
            certificate, ca_certificate
        ):
            return DevCard(
                certificate,
                serialization.load_pem_private_key(
                    key_path.read_bytes(), password=None
                ),
            )

    key = _new_key()
    if state == "expired":
        end = _now() - datetime.timedelta(days=30)
        start = end - CARD_LIFETIME
    else:
        start = _now() - datetime.timedelta(days=1)
        end = start + CARD_LIFETIME
    certificate = (
        x509.CertificateBuilder()
        .subject_name(
            x509.Name(
                [
                    x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
                    x509.NameAttribute(NameOID.COMMON_NAME, "DEV" + card_id[:16]),
                ]
            )
        )
        .issuer_name(ca_certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(end)
        .add_extension(
            _key_usage(digital_signature=True, content_commitment=True), critical=True
        )
        .add_extension(
            x509.CertificatePolicies(
                [
                    x509.PolicyInformation(
                        x509.ObjectIdentifier(TEST_ENVIRONMENT_POLICY), None
                    )
                ]
            ),
            critical=True,
        )
        .add_extension(x509.SubjectAlternativeName(facts.other_names()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    _store(key_path, key, certificate_path, certificate)
    return DevCard(certificate, key)


def _publish_crl(ca_certificate, ca_key, newly_revoked):
    path = directory() / CRL_DIRECTORY / CRL_FILE
    number = 1
    revoked = set(newly_revoked)
    if path.exists():
        current = x509.load_der_x509_crl(path.read_bytes())
        if current.issuer == ca_certificate.subject:
            listed = {entry.serial_number for entry in current}
            fresh = _now() - current.last_update_utc < CRL_RENEWAL_AGE
            if revoked <= listed and fresh:
                return
            revoked |= listed
            number = _crl_number(current) + 1

    this_update = _now() - datetime.timedelta(minutes=5)
    entries = [
        x509.RevokedCertificateBuilder()
        .serial_number(serial)
        .revocation_date(this_update)
        .build()
        for serial in sorted(revoked)
    ]
    crl = (
        x509.CertificateRevocationListBuilder(revoked_certificates=entries)
        .issuer_name(ca_certificate.subject)
        .last_update(this_update)
        .next_update(this_update + CRL_LIFETIME)
        .add_extension(x509.CRLNumber(number), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    write_private_file(path, crl.public_bytes(serialization.Encoding.DER), replace=True)


def _crl_number(crl):
    try:
        return crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number
    except x509.ExtensionNotFound:
        return 0


def _issued_by(certificate, ca_certificate):
    try:
        certificate.verify_directly_issued_by(ca_certificate)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _store(key_path, key, certificate_path, certificate):
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    write_private_file(key_path, private_pem, replace=True)
    write_private_file(
        certificate_path,
        certificate.public_bytes(serialization.Encoding.PEM),
        replace=True,
    )


def _key_usage(**bits):
    names = (
        "digital_signature",
        "content_commitment",
        "key_encipherment",
        "data_encipherment",
        "key_agreement",
        "key_cert_sign",
        "crl_sign",
    )
    return x509.KeyUsage(
        **{name: bits.get(name, False) for name in names},
        encipher_only=False,
        decipher_only=False,
    )
