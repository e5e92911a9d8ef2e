"""A JPKI-shaped certificate authority, built with `cryptography` for tests.

It issues 署名用 and 利用者証明用 certificates with the JPKI profile
(critical certificatePolicies and keyUsage, the four facts as SAN
otherNames holding UTF8Strings) and signs CRLs. The object identifiers are
written out here rather than imported from the portal, so that a wrong
constant in the portal fails the tests. The UTF8Strings are encoded with
pyasn1, independently of the portal's own decoder.
"""

import datetime
import functools
from dataclasses import dataclass, field

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.x509.oid import NameOID
from pyasn1.codec.der import encoder
from pyasn1.type import char

SIGNING_POLICY = "1.2.392.200149.8.5.1.1.20"
TEST_ENVIRONMENT_SIGNING_POLICY = "1.2.392.200149.8.5.1.0.20"
AUTHENTICATION_POLICY = "1.2.392.200149.8.5.1.3.30"

NAME_OID = "1.2.392.200149.8.5.5.1"
NAME_SUBSTITUTIONS_OID = "1.2.392.200149.8.5.5.2"
GENDER_OID = "1.2.392.200149.8.5.5.3"
BIRTH_DATE_OID = "1.2.392.200149.8.5.5.4"
ADDRESS_OID = "1.2.392.200149.8.5.5.5"
ADDRESS_SUBSTITUTIONS_OID = "1.2.392.200149.8.5.5.6"

JPKI_CA_SUBJECT = x509.Name(
    [
        x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "JPKI"),
        x509.NameAttribute(
            NameOID.ORGANIZATIONAL_UNIT_NAME, "JPKI for digital signature"
        ),
        x509.NameAttribute(
            NameOID.ORGANIZATIONAL_UNIT_NAME,
            "Japan Agency for Local Authority Information Systems",
        ),
    ]
)

SIGNING_KEY_USAGE = {"digital_signature": True, "content_commitment": True}
AUTHENTICATION_KEY_USAGE = {"digital_signature": True}


def now():
    """Return the current time, aware, in UTC."""
    return datetime.datetime.now(datetime.UTC)


@functools.cache
def rsa_key(label, bits=2048):
    """Return an RSA key, one per label, made once per test session."""
    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def utf8_string(text):
    """Return `text` as a DER UTF8String, the form each fact takes."""
    return encoder.encode(char.UTF8String(text))


@dataclass(frozen=True)
class Holder:
    """The facts written onto a test card, in the certificate's own formats."""

    name: str = "山田\u3000花子"
    name_substitutions: str = ""
    gender: str = "2"
    birth_date: str = "319850423"
    address: str = "東京都千代田区霞が関一丁目３番１号"
    address_substitutions: str = ""

    def other_names(self):
        """Return the SAN otherNames of these facts, empty ones left out."""
        values = [
            (NAME_OID, self.name),
            (NAME_SUBSTITUTIONS_OID, self.name_substitutions),
            (GENDER_OID, self.gender),
            (BIRTH_DATE_OID, self.birth_date),
            (ADDRESS_OID, self.address),
            (ADDRESS_SUBSTITUTIONS_OID, self.address_substitutions),
        ]
        return [
            x509.OtherName(x509.ObjectIdentifier(oid), utf8_string(value))
            for oid, value in values
            if value
        ]


@dataclass
class Card:
    """A certificate and its private key, as a card (or smartphone) holds them."""

    certificate: x509.Certificate
    key: rsa.RSAPrivateKey = field(repr=False)

    def sign(self, data):
        """Return the PKCS#1 v1.5 SHA-256 signature of `data`, as the card makes it."""
        return self.key.sign(data, padding.PKCS1v15(), hashes.SHA256())

    @property
    def pem(self):
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    @property
    def der(self):
        return self.certificate.public_bytes(serialization.Encoding.DER)


class CardAuthority:
    """A single-level CA issuing card certificates directly, as JPKI does."""

    def __init__(self, key_label="jpki-ca", subject=JPKI_CA_SUBJECT):
        self.key = rsa_key(key_label)
        start = now() - datetime.timedelta(days=365)
        self.certificate = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject)
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start)
            .not_valid_after(start + datetime.timedelta(days=365 * 12))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_key_usage(key_cert_sign=True, crl_sign=True), critical=True)
            .sign(self.key, hashes.SHA256())
        )
        self._next_serial = 1000

    @property
    def pem(self):
        return self.certificate.public_bytes(serialization.Encoding.PEM)

    def issue(
        self,
        holder=Holder(),
        *,
        policies=(SIGNING_POLICY,),
        policies_critical=True,
        key_usage=SIGNING_KEY_USAGE,
        key_usage_critical=True,
        other_names=None,
        not_before=None,
        not_after=None,
        serial=None,
        key=None,
        extra_extensions=(),
    ):
        """Return a 署名用 Card; the keyword arguments bend the profile for tests."""
        self._next_serial += 1
        start = not_before or now() - datetime.timedelta(days=30)
        key = key or rsa_key("card")
        subject = x509.Name(
            [
                x509.NameAttribute(NameOID.COUNTRY_NAME, "JP"),
                x509.NameAttribute(NameOID.LOCALITY_NAME, "Tokyo"),
                x509.NameAttribute(NameOID.LOCALITY_NAME, "Chiyoda-ku"),
                x509.NameAttribute(
                    NameOID.COMMON_NAME, f"TEST{self._next_serial:012d}"
                ),
            ]
        )
        builder = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(self.certificate.subject)
            .public_key(key.public_key())
            .serial_number(serial or self._next_serial)
            .not_valid_before(start)
            .not_valid_after(not_after or start + datetime.timedelta(days=365 * 5))
            .add_extension(_key_usage(**key_usage), critical=key_usage_critical)
            .add_extension(
                x509.CertificatePolicies(
                    [
                        x509.PolicyInformation(x509.ObjectIdentifier(oid), None)
                        for oid in policies
                    ]
                ),
                critical=policies_critical,
            )
        )
        names = holder.other_names() if other_names is None else other_names
        if names:
            builder = builder.add_extension(
                x509.SubjectAlternativeName(names), critical=False
            )
        for extension, critical in extra_extensions:
            builder = builder.add_extension(extension, critical=critical)
        return Card(builder.sign(self.key, hashes.SHA256()), key)

    def issue_authentication(self, **overrides):
        """Return a 利用者証明用 Card: its own policy, no facts."""
        overrides.setdefault("policies", (AUTHENTICATION_POLICY,))
        overrides.setdefault("key_usage", AUTHENTICATION_KEY_USAGE)
        overrides.setdefault("other_names", [])
        return self.issue(**overrides)

    def crl(
        self,
        revoked=(),
        *,
        this_update=None,
        next_update=None,
        number=1,
        extensions=(),
    ):
        """Return a CRL of this CA listing the serials in `revoked`."""
        this_update = this_update or now() - datetime.timedelta(hours=1)
        revoked_at = this_update - datetime.timedelta(hours=1)
        # The builder copies its list on every add; handing it the whole
        # list at once keeps a million entries to seconds.
        entries = [
            x509.RevokedCertificateBuilder()
            .serial_number(serial)
            .revocation_date(revoked_at)
            .build()
            for serial in revoked
        ]
        builder = (
            x509.CertificateRevocationListBuilder(revoked_certificates=entries)
            .issuer_name(self.certificate.subject)
            .last_update(this_update)
            .next_update(next_update or this_update + datetime.timedelta(days=1))
            .add_extension(x509.CRLNumber(number), critical=False)
        )
        for extension, critical in extensions:
            builder = builder.add_extension(extension, critical=critical)
        return builder.sign(self.key, hashes.SHA256())


def crl_bytes(crl, encoding="DER"):
    """Return a CRL as DER or PEM bytes."""
    return crl.public_bytes(getattr(serialization.Encoding, encoding))


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
