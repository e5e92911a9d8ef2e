"""Issue 3 end to end in Debian's Chromium: a 小規模企業共済 member logs in
with a demo マイナンバーカード, files a 減額 of 26847 (S-CHG-1, S-CHG-2), signs
it with the card and downloads the 受付票 that names the signer.

The development channel plays the デジタル認証アプリ with demo cards of a
development CA; the portal verifies every signature with its own JPKI
code. Every applicant page on the way passes axe-core and fits 320 px.
"""

import re
import subprocess

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from auth_mynumber_gbiz.models import ApplicationSignature
from kyosai_portal.applications.models import Application, Status
from tests.e2e.conftest import expect_heading, open_premium_change
from tests.factories import SmallBusinessContractFactory
from tests.signing.conftest import dev_channel, dev_jpki_dir  # noqa: F401 (fixtures)

pytestmark = pytest.mark.e2e

PROCEDURE = "小規模企業共済 掛金月額変更の申込み"
MEMBER = "共済 一郎"
CARD = f"{MEMBER} さんのカード"
PASSWORD = "Kyosai2026"


@pytest.fixture
def small_business_member(portal, dev_channel):  # noqa: F811
    """A member with a 小規模企業共済 contract at ¥30,000 a month."""
    return SmallBusinessContractFactory(holder__name=MEMBER, monthly_premium=30_000)


def sign_on_the_development_app(page, check_applicant_page, what):
    """Choose the member's demo card, type the password and sign `what`."""
    expect_heading(page, "開発用デジタル認証アプリ：マイナンバーカードで署名します")
    expect(page.locator("table.summary")).to_contain_text(what)
    check_applicant_page(page)
    page.get_by_label(CARD, exact=True).check()
    page.get_by_label("署名用電子証明書のパスワード").fill(PASSWORD)
    page.get_by_role("button", name="署名する").click()


def test_a_member_logs_in_with_a_card_files_a_signed_decrease_and_gets_the_receipt(
    portal, small_business_member, new_page, check_applicant_page, tmp_path
):
    contract = small_business_member
    page = new_page()

    # 1. Log in with the demo card.
    page.goto(portal.url + "/")
    check_applicant_page(page)
    page.get_by_role("link", name="ログインへ進む").click()
    expect_heading(page, "ログイン")
    check_applicant_page(page)
    page.get_by_role("button", name="マイナンバーカードでログインする").click()
    sign_on_the_development_app(page, check_applicant_page, "電子申請へのログイン")
    page.wait_for_url(portal.url + reverse("applications:list"))
    check_applicant_page(page)

    # 2. The contract on the portal top, then the wizard: a 減額 to ¥20,000.
    open_premium_change(page, check_applicant_page, contract, "30,000円", PROCEDURE)
    page.get_by_label(re.compile("変更後の掛金月額")).fill("20,000")
    page.get_by_label(re.compile("減額についての注意事項を確認しました")).check()
    page.get_by_role("button", name="保存して次へ進む").click()

    expect_heading(page, "入力内容の確認")
    expect(page.locator("table.summary")).to_contain_text("減額")
    expect(page.locator("table.summary")).to_contain_text("20,000円")
    expect(page.get_by_text("減額する場合のご注意")).to_be_visible()
    check_applicant_page(page)
    page.get_by_role("button", name="マイナンバーカードで署名して申請する").click()

    # 3. Sign the application with the card; only then is it submitted.
    assert Application.objects.get(contract=contract).status == Status.DRAFT
    sign_on_the_development_app(page, check_applicant_page, PROCEDURE)

    expect(page.locator(".message--success")).to_contain_text("受付番号は")
    application = Application.objects.get(contract=contract)
    assert application.status == Status.SUBMITTED
    signature = ApplicationSignature.objects.get(application=application)
    assert signature.signer_name == "共済\u3000一郎"
    check_applicant_page(page)

    # 4. 申請一覧 and the 受付票 PDF, which names the signer.
    page.get_by_role("navigation", name="メニュー").get_by_role(
        "link", name="申請一覧"
    ).click()
    expect_heading(page, "申請一覧")
    check_applicant_page(page)
    receipt_no = application.receipt_no
    with page.expect_download() as download_info:
        page.get_by_role("link", name=f"受付番号 {receipt_no} の受付票（PDF）").click()
    pdf_path = tmp_path / "receipt.pdf"
    download_info.value.save_as(pdf_path)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", pdf_path, "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    squeezed = "".join(text.split())
    assert receipt_no in squeezed
    assert "電子署名" in squeezed
    assert "署名者共済一郎" in squeezed

    assert len(check_applicant_page.checked) == 11, check_applicant_page.checked
