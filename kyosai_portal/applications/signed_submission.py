"""Submitting an application only with its holder's マイナンバーカード signature.

A wizard with `requires_signature` does not submit on the confirm page:
`start` sends the applicant to the signing channel with the canonical
bytes of the draft (signed_payload). When the channel brings them back,
`verified_signature` checks the signature with the portal's own JPKI code
and that the signer is the application's holder; then, inside the
submission's transaction and under the row lock, `record` checks that
the draft still yields the bytes signed and stores the signature.
"""

import hashlib
import logging

from django.utils.translation import gettext_lazy as _

from auth_mynumber_gbiz.jpki.verify import verify_signature
from auth_mynumber_gbiz.jpki_matching import facts_match_holder
from auth_mynumber_gbiz.models import ApplicationSignature
from auth_mynumber_gbiz.signing.channel import configured_channel
from auth_mynumber_gbiz.signing.errors import SigningFailed
from kyosai_portal.applications.signed_payload import (
    application_payload,
    prepared_now,
)

logger = logging.getLogger(__name__)

PURPOSE = "application"


class SignatureRefused(Exception):
    """The signature cannot submit this application; `message` says why."""

    def __init__(self, reason, message):
        super().__init__(reason)
        self.reason = reason
        self.message = message


SIGNER_IS_NOT_HOLDER = _(
    "署名に使われたマイナンバーカードの方（氏名・生年月日）が、この契約の契約者と"
    "一致しません。契約者ご本人のマイナンバーカードで、もう一度署名してください。"
)
DRAFT_CHANGED = _(
    "署名の後に申込内容が変わったため、申請を送信しませんでした。"
    "内容をご確認のうえ、もう一度署名してください。"
)


def start(request, wizard, application):
    """Send the applicant to sign the draft; return the response to send.

    Raise SigningFailed when the channel cannot start.
    """
    prepared_at = prepared_now()
    payload = application_payload(
        application, wizard.draft_detail(application), prepared_at
    )
    return configured_channel().start(
        request,
        PURPOSE,
        payload,
        wizard.signed_url(application),
        context={"application": application.pk, "prepared_at": prepared_at},
        label=wizard.spec.title,
    )


def verified_signature(request, application):
    """Return (SignedResponse, VerificationResult) for the returning applicant.

    Raise SignatureRefused when no signature came back, it fails
    verification, it was asked for another application, or the signer is
    not the application's holder.
    """
    try:
        signed = configured_channel().finish(request, PURPOSE)
    except SigningFailed as failure:
        raise SignatureRefused(failure.reason, failure.message) from None
    if signed.context.get("application") != application.pk:
        raise SignatureRefused(
            "signature asked for another application",
            _("この署名は別の申請のためのものです。もう一度署名してください。"),
        )

    result = verify_signature(signed.certificate_der, signed.signature, signed.data)
    if not result.ok:
        raise SignatureRefused("verification " + result.outcome.value, result.message)
    if not facts_match_holder(result.facts, application.holder):
        raise SignatureRefused("signer is not the holder", SIGNER_IS_NOT_HOLDER)
    return signed, result


def record(application, wizard, signed, result):
    """Store the signature of `application`, locked for its submission.

    Raise SignatureRefused (rolling the submission back) when the draft no
    longer yields the bytes that were signed.
    """
    current = application_payload(
        application,
        wizard.draft_detail(application),
        signed.context["prepared_at"],
    )
    if current != signed.data:
        raise SignatureRefused("draft changed after signing", DRAFT_CHANGED)

    facts = result.facts
    revocation = result.revocation
    ApplicationSignature.objects.create(
        application=application,
        payload=signed.data,
        payload_sha256=hashlib.sha256(signed.data).hexdigest(),
        signature=signed.signature,
        certificate=signed.certificate_der,
        certificate_evidence=result.certificate_evidence,
        outcome=result.outcome,
        checked_at=result.checked_at,
        revocation_status=revocation.status,
        crl_this_update=revocation.crl_this_update,
        crl_next_update=revocation.crl_next_update,
        signer_name=facts.name,
        signer_name_substituted=_flags(facts.name_substituted),
        signer_gender=facts.gender,
        signer_birth_date=facts.birth_date,
        signer_birth_date_text=facts.birth_date_text,
        signer_address=facts.address,
        signer_address_substituted=_flags(facts.address_substituted),
    )
    logger.info(
        "signature stored for application %s (certificate %s)",
        application.pk,
        result.certificate_evidence[:16],
    )


def _flags(substituted):
    # The certificate's own notation: one digit per character, "" for none.
    text = "".join("1" if flag else "0" for flag in substituted)
    return text if "1" in text else ""
