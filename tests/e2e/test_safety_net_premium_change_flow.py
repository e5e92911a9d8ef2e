"""Issue 2 end to end in Debian's Chromium: a 倒産防止共済 増額 from GビズID
login to the legacy export file (T-CHG-1, T-CHG-4).

A company representative logs in through the npm `oidc-provider`, files a
掛金月額変更 in the wizard, downloads the 受付票; an SMRJ clerk signs in to
admin with a password and a TOTP code and accepts it; `export_legacy` writes
a file that parses back to what was typed.
Every applicant page on the way passes axe-core and fits 320 px.
"""

import hashlib
import io
import re
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from kyosai_portal.applications.models import Application, Status
from kyosai_portal.formatting import month_label
from kyosai_portal.legacy.files import ControlLine, control_path, read_control_line
from kyosai_portal.schemes import safety_net
from tests.e2e.conftest import (
    COMPANY_NAME,
    NARROW_WIDTH,
    expect_heading,
    open_premium_change,
)
from tests.legacy.batch_files import read_export
from tests.staff.sign_in import current_code, totp_device_for

pytestmark = pytest.mark.e2e

PROCEDURE = "倒産防止共済 掛金月額変更の申込み"
NEW_PREMIUM = 80_000
# The password UserFactory gives every user, the reviewer persona included.
CLERK_PASSWORD = "correct horse battery staple"


def next_month():
    """Return the first day of next month: an 増額 may always start then."""
    return safety_net.add_months(safety_net.first_of_month(timezone.localdate()), 1)


def screenshot_at_320(page, path):
    """Save a full-page screenshot of `page` as seen 320 px wide."""
    previous = page.viewport_size
    page.set_viewport_size({"width": NARROW_WIDTH, "height": 640})
    page.screenshot(path=path, full_page=True)
    page.set_viewport_size(previous)


def test_a_company_files_an_increase_a_clerk_accepts_it_and_the_export_carries_it(
    portal,
    gbizid_company,
    reviewer,
    new_page,
    check_applicant_page,
    tmp_path,
    settings,
):
    contract = gbizid_company
    month = next_month()
    page = new_page()

    # 1. Log in with GビズID (the npm oidc-provider) through the browser.
    page.goto(portal.url + "/")
    check_applicant_page(page)
    page.get_by_role("link", name="ログインへ進む").click()
    expect_heading(page, "ログイン")
    check_applicant_page(page)
    page.get_by_role("button", name="GビズIDでログインする").click()
    page.wait_for_url(portal.url + reverse("applications:list"))

    # 2. The contract on the portal top, then the wizard.
    open_premium_change(page, check_applicant_page, contract, "50,000円", PROCEDURE)
    amount = page.get_by_label(re.compile("変更後の掛金月額"))
    amount.fill("82,000")
    page.get_by_role("button", name="保存して次へ進む").click()
    expect(page.locator(".field__error")).to_have_text(
        "掛金月額は5,000円単位で入力してください。"
    )
    check_applicant_page(page)
    amount.fill(f"{NEW_PREMIUM:,}")
    page.get_by_role("button", name="保存して次へ進む").click()

    expect_heading(page, "変更月・理由")
    check_applicant_page(page)
    page.get_by_label(month_label(month)).check()
    page.get_by_role("button", name="保存して次へ進む").click()

    expect_heading(page, "入力内容の確認")
    summary = page.locator("table.summary")
    expect(summary).to_contain_text("増額")
    expect(summary).to_contain_text("50,000円")
    expect(summary).to_contain_text("80,000円")
    expect(summary).to_contain_text(month_label(month))
    check_applicant_page(page)
    screenshot_at_320(page, tmp_path / "confirmation-320.png")
    page.get_by_role("button", name="この内容で申請する").click()

    # The status page: the 受付番号 at once, the receipt already rendered.
    expect(page.locator(".message--success")).to_contain_text("受付番号は")
    application = Application.objects.get(contract=contract, procedure_id=26766)
    receipt_no = application.receipt_no
    assert application.status == Status.SUBMITTED
    expect(page.locator(".message--success")).to_contain_text(receipt_no)
    expect(page.locator("table.summary").first).to_contain_text(receipt_no)
    check_applicant_page(page)
    screenshot_at_320(page, tmp_path / "status-320.png")

    # 申請一覧 and the 受付票 PDF.
    page.get_by_role("navigation", name="メニュー").get_by_role(
        "link", name="申請一覧"
    ).click()
    expect_heading(page, "申請一覧")
    check_applicant_page(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name=f"受付番号 {receipt_no} の受付票（PDF）").click()
    pdf_path = tmp_path / "receipt.pdf"
    download_info.value.save_as(pdf_path)
    assert pdf_path.read_bytes().startswith(b"%PDF-")
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", pdf_path, "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert receipt_no in text
    assert COMPANY_NAME in text

    # 3. An SMRJ clerk accepts it in admin, in a context of their own.
    admin = new_page()
    admin.goto(portal.url + reverse("admin:index"))
    admin.locator("#id_username").fill(reviewer.username)
    admin.locator("#id_password").fill(CLERK_PASSWORD)
    # The code the clerk's authenticator app shows now (django-otp's TOTP).
    admin.get_by_label("確認コード").fill(current_code(totp_device_for(reviewer)))
    admin.get_by_role("button", name="ログイン").click()
    admin.goto(portal.url + reverse("admin:applications_application_changelist"))
    admin.locator("#searchbar").fill(receipt_no)
    admin.locator("#changelist-search").get_by_role("button").click()
    admin.get_by_role("link", name=receipt_no, exact=True).click()
    admin.get_by_role("link", name="承認", exact=True).click()
    admin.get_by_role("button", name="承認する").click()
    expect(admin.locator(".messagelist")).to_contain_text(
        f"受付番号 {receipt_no} の申請を承認しました。"
    )
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED

    # 4. The export file parses back to the submitted values.
    output = io.StringIO()
    call_command("export_legacy", stdout=output)
    (dat_path,) = Path(settings.LEGACY_EXPORT_DIR).glob("KYOT*.DAT")
    assert dat_path.name in output.getvalue()
    header, records, trailer = read_export(dat_path)
    assert header["file_kind"] == "KYO" and header["scheme"] == "T"
    (record,) = records
    assert record["receipt_no"] == receipt_no
    assert record["procedure_id"] == 26766
    assert record["contract_no"] == contract.contract_no
    assert record["corporate_no"] == contract.holder.corporate_no
    assert record["current_premium"] == 50_000
    assert record["new_premium"] == NEW_PREMIUM
    assert record["change_kind"] == 1
    assert record["effective_month"] == int(f"{month:%Y%m}")
    assert record["reason_code"] == 0
    assert trailer == {
        "record_type": "8",
        "record_count": 1,
        "premium_total": NEW_PREMIUM,
    }
    assert read_control_line(control_path(dat_path)) == ControlLine(
        dat_path.name, 1, hashlib.sha256(dat_path.read_bytes()).hexdigest()
    )

    assert len(check_applicant_page.checked) == 10, check_applicant_page.checked
