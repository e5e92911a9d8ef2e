"""A 26847 is submitted only with its holder's verified card signature.

IDENTITY.md: the applicant signs the SHA-256 of a canonical serialisation
of the application; signature, certificate and verification result are
stored with it. The confirm page sends the applicant to sign; only the
channel's return, with a valid signature by the holder, submits.
"""

import hashlib
import json

import pytest
from django.urls import reverse

from auth_mynumber_gbiz.jpki.outcomes import Outcome
from auth_mynumber_gbiz.jpki.result import RevocationStatus
from auth_mynumber_gbiz.models import ApplicationSignature
from kyosai_portal.applications import workflow
from kyosai_portal.applications.models import ApplicationEvent, Status
from tests.factories import SmallBusinessContractFactory
from tests.signing.flows import path_of, sign_with_demo_card
from tests.signing.wizard import draft_of, member_client

pytestmark = pytest.mark.django_db

MEMBER_CARD_LABEL = "共済 一郎 さんのカード"


def confirm_url(application):
    return reverse("maintenance:s_premium_change_confirm", args=[application.pk])


@pytest.fixture
def browser(client, dev_channel, member):
    return member_client(client, member)


@pytest.fixture
def draft(browser, member):
    return draft_of(browser, member, new_premium="20000")


def sign_and_submit(browser, draft, card_label=MEMBER_CARD_LABEL):
    """Press the confirm button and sign with the demo card `card_label`."""
    return sign_with_demo_card(browser, browser.post(confirm_url(draft)), card_label)


def test_confirming_asks_for_a_signature_and_submits_nothing_yet(browser, draft):
    page = browser.get(confirm_url(draft)).content.decode()
    started = browser.post(confirm_url(draft))

    assert "マイナンバーカードで署名して申請する" in page
    assert started.status_code == 302
    assert started["Location"].startswith("/auth/dev-jpki/sign/")
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_signed_decrease_is_submitted_with_its_signature(browser, draft, member):
    answer = sign_and_submit(browser, draft)

    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert answer["Location"] == reverse("applications:status", args=[draft.receipt_no])
    signature = ApplicationSignature.objects.get(application=draft)
    assert signature.outcome == Outcome.VALID
    assert signature.revocation_status == RevocationStatus.GOOD
    assert signature.crl_next_update > signature.checked_at
    assert signature.signer_name == "共済\u3000一郎"
    assert signature.signer_birth_date == member.birth_date
    assert signature.signer_address == member.address
    assert len(signature.certificate_evidence) == 64


def test_what_is_signed_is_canonical_json_of_what_is_filed(browser, draft, member):
    sign_and_submit(browser, draft)

    signature = ApplicationSignature.objects.get(application=draft)
    payload = bytes(signature.payload)
    document = json.loads(payload)
    assert payload == json.dumps(
        document, ensure_ascii=False, separators=(",", ":"), sort_keys=True
    ).encode("utf-8")
    assert signature.payload_sha256 == hashlib.sha256(payload).hexdigest()
    assert document["format"] == "kyosai-application/1"
    assert document["procedure_id"] == 26847
    assert document["application"] == draft.pk
    assert document["contract_no"] == draft.contract.contract_no
    assert document["holder"] == {"id": member.pk, "kind": 1, "name": member.name}
    assert document["fields"] == draft.detail.legacy_fields()
    assert document["fields"]["new_premium"] == 20_000
    assert "共済 一郎" in payload.decode("utf-8")


def test_the_return_url_submits_once(browser, draft):
    answer = sign_and_submit(browser, draft)
    replay = browser.get(answer.wsgi_request.get_full_path())

    assert replay.status_code == 302
    assert ApplicationSignature.objects.filter(application=draft).count() == 1
    assert (
        ApplicationEvent.objects.filter(
            application=draft, to_status=Status.SUBMITTED
        ).count()
        == 1
    )


def test_a_draft_changed_after_signing_is_not_submitted(browser, draft, member):
    started = browser.post(confirm_url(draft))
    # Another tab changes the amount while the applicant signs.
    browser.post(
        reverse("maintenance:s_premium_change_step", args=[draft.pk, "amount"]),
        {"new_premium": "25000", "decrease_notice_understood": "on"},
    )

    answer = sign_with_demo_card(browser, started, MEMBER_CARD_LABEL)

    assert answer["Location"] == confirm_url(draft)
    page = browser.get(confirm_url(draft)).content.decode()
    assert "署名の後に申込内容が変わったため" in page
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert not ApplicationSignature.objects.exists()


def test_a_signature_by_someone_else_is_not_submitted(browser, draft, member):
    SmallBusinessContractFactory(holder__name="別人　花子")

    answer = sign_and_submit(browser, draft, card_label="別人 花子 さんのカード")

    page = browser.get(answer["Location"]).content.decode()
    assert "この契約の契約者と一致しません" in page
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert not ApplicationSignature.objects.exists()


def test_a_revoked_card_is_refused_on_the_confirm_page(browser, draft):
    answer = sign_and_submit(browser, draft, card_label="失効したカード")

    page = browser.get(answer["Location"]).content.decode()
    assert "この電子証明書は失効しています" in page
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_cancelling_the_signature_submits_nothing(browser, draft):
    started = browser.post(confirm_url(draft))
    cancelled = browser.post(started["Location"], {"cancel": "1"})
    back = browser.get(path_of(browser.get(cancelled["Location"])["Location"]))

    page = browser.get(back["Location"]).content.decode()
    assert "マイナンバーカードによる電子署名が中止されました" in page
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_signature_asked_for_one_draft_cannot_submit_another(browser, draft, member):
    other_contract = SmallBusinessContractFactory(holder=member)
    other = draft_of(browser, member, new_premium="15000", contract=other_contract)
    started = browser.post(confirm_url(draft))
    page = browser.get(started["Location"])
    card = page.context["form"].fields["card"].choices[0][0]
    signed = browser.post(started["Location"], {"card": card, "password": "abcdef"})
    returned = browser.get(path_of(signed["Location"]))["Location"]
    query = returned.split("?", 1)[1]

    answer = browser.get(
        reverse("maintenance:s_premium_change_signed", args=[other.pk]) + "?" + query
    )

    page = browser.get(answer["Location"]).content.decode()
    assert "この署名は別の申請のためのものです" in page
    for application in (draft, other):
        application.refresh_from_db()
        assert application.status == Status.DRAFT
    assert not ApplicationSignature.objects.exists()


def test_a_resubmission_after_return_is_signed_again(browser, draft, reviewer):
    sign_and_submit(browser, draft)
    draft.refresh_from_db()
    workflow.transition(draft, Status.IN_REVIEW, actor=reviewer)
    workflow.transition(
        draft, Status.RETURNED, actor=reviewer, reason="金額をご確認ください。"
    )

    sign_and_submit(browser, draft)

    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert ApplicationSignature.objects.filter(application=draft).count() == 2
