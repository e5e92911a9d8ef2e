"""What a stored signature shows: the receipt, the clerks' admin page and
`manage.py verify_signature RECEIPT_NO`, which re-verifies it now.
"""

import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from auth_mynumber_gbiz.models import ApplicationSignature
from kyosai_portal.applications import receipts
from tests.factories import PremiumChangeApplicationFactory
from tests.receipts.pdf_tools import pdf_text
from tests.signing.conftest import MEMBER_CARD
from tests.signing.flows import back_from_app
from tests.signing.wizard import draft_of, member_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_application(client, app, member):
    """The member's 26847 減額, signed with their card through the app peer."""
    browser = member_client(client, member)
    draft = draft_of(browser, member, new_premium="20000")
    confirm = reverse("maintenance:s_premium_change_confirm", args=[draft.pk])
    back_from_app(browser, browser.post(confirm))
    draft.refresh_from_db()
    assert draft.receipt_no, "the signed application was not submitted"
    return draft


def run_verify_signature(receipt_no):
    """Run the command; return (exit code as the shell would see it, output)."""
    out = io.StringIO()
    try:
        call_command("verify_signature", receipt_no, stdout=out)
    except CommandError as error:
        return 1, out.getvalue() + str(error)
    return 0, out.getvalue()


def test_the_command_re_verifies_and_prints_the_four_facts(signed_application):
    code, output = run_verify_signature(signed_application.receipt_no)

    assert code == 0, output
    assert "結果: valid (有効)" in output
    assert "受付時の検証: valid" in output
    assert f"氏名: {MEMBER_CARD.name}" in output
    assert "性別: 男" in output
    assert "生年月日: 1970-04-01" in output
    assert f"住所: {MEMBER_CARD.address}" in output


def test_the_command_fails_once_the_certificate_is_revoked(
    signed_application, app, authority, jpki
):
    serial = app.card.certificate.serial_number
    jpki.write_crl(authority.crl(revoked=[serial], number=9))

    code, output = run_verify_signature(signed_application.receipt_no)

    assert code == 1
    assert "結果: revoked" in output
    assert "氏名:" not in output


def test_the_command_fails_when_the_stored_payload_was_altered(signed_application):
    signature = ApplicationSignature.objects.get(application=signed_application)
    signature.payload = bytes(signature.payload).replace(b"20000", b"70000")
    signature.save()

    code, output = run_verify_signature(signed_application.receipt_no)

    assert code == 1
    assert "bad_signature" in output


def test_the_command_says_when_there_is_no_signature(db):
    code, output = run_verify_signature("S20261203000001")

    assert code == 1
    assert "電子署名は記録されていません" in output


def test_the_receipt_says_it_was_signed_by_whom_and_when(signed_application):
    signature = ApplicationSignature.objects.get(application=signed_application)

    text = pdf_text(receipts.render_receipt_pdf(signed_application))

    # Table cells wrap: compare without the line breaks pdftotext puts in.
    squeezed = "".join(text.split())
    assert (
        "電子署名マイナンバーカードの署名用電子証明書による電子署名があります"
        in squeezed
    )
    assert "署名者共済一郎" in squeezed
    checked = signature.checked_at.astimezone(ZoneInfo("Asia/Tokyo"))
    assert f"署名の検証日時（日本時間）{checked:%Y}年{checked.month}月" in squeezed


def test_an_unsigned_receipt_claims_no_signature(applicant, company_contract, submit):
    application = submit(
        PremiumChangeApplicationFactory(contract=company_contract, filed_by=applicant)
    )

    text = pdf_text(receipts.render_receipt_pdf(application))

    assert "電子署名" not in text


def test_the_admin_page_shows_the_signature_to_a_clerk(
    client, signed_application, reviewer, staff_login, app
):
    staff_login(client, reviewer)
    url = reverse("admin:applications_application_change", args=[signed_application.pk])

    page = client.get(url).content.decode()

    certificate = app.card.certificate
    assert "電子署名（マイナンバーカード）" in page
    assert MEMBER_CARD.name in page
    assert "1970-04-01" in page or "1970年4月1日" in page
    assert MEMBER_CARD.address in page
    assert str(certificate.serial_number) in page
    assert "JPKI for digital signature" in page
    assert "現在の再検証" in page
    assert "有効（" in page
