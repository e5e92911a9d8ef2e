"""What a JPKI signature check returns, and the evidence hash it carries."""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from .facts import CardholderFacts
from .outcomes import Outcome

_EVIDENCE_SALT = "auth_mynumber_gbiz.jpki.certificate-evidence"


class RevocationStatus(models.TextChoices):
    NOT_CHECKED = "not_checked", _("未確認")
    GOOD = "good", _("失効していない")
    REVOKED = "revoked", _("失効している")


@dataclass(frozen=True)
class RevocationState:
    """Whether the certificate was on its CA's CRL, and which CRL said so."""

    status: RevocationStatus = RevocationStatus.NOT_CHECKED
    crl_this_update: datetime.datetime | None = None
    crl_next_update: datetime.datetime | None = None
    crl_number: int | None = None


@dataclass(frozen=True)
class VerificationResult:
    """The outcome of one check, and on success who signed.

    `facts` is set only when every check held. `certificate_evidence` is a
    keyed hash of issuer and serial: evidence of which certificate signed,
    never a key to find a person by (the serial changes on renewal).
    `detail` is an English note for operators' logs.
    """

    outcome: Outcome
    checked_at: datetime.datetime
    revocation: RevocationState = RevocationState()
    certificate_issuer: str = ""
    certificate_serial: int | None = None
    certificate_evidence: str = ""
    facts: CardholderFacts | None = None
    detail: str = ""

    @property
    def ok(self):
        """Return whether the signature and certificate passed every check."""
        return self.outcome == Outcome.VALID

    @property
    def message(self):
        """Return the Japanese message for the applicant."""
        return self.outcome.message


def certificate_evidence(certificate):
    """Return the keyed SHA-256 of a certificate's issuer and serial, as hex.

    The key derives from SECRET_KEY, so the hash cannot be recomputed from
    public certificate data by anyone without it.
    """
    # The DER issuer name delimits itself, so issuer and serial cannot run
    # into each other.
    value = certificate.issuer.public_bytes() + str(certificate.serial_number).encode()
    return salted_hmac(_EVIDENCE_SALT, value, algorithm="sha256").hexdigest()
