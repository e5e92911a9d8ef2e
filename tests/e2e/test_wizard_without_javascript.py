"""The 26766 wizard works in a browser with JavaScript turned off (issue 2, UI).

Everything is server-rendered: login, each step, the error at the field and
the submission. A wrong amount comes back with the Japanese message next to
the field and the typed value kept (T-CHG-1).
"""

import re

import pytest
from playwright.sync_api import expect

from kyosai_portal.applications.models import Application, Status
from tests.e2e.conftest import expect_heading, log_in_with_gbizid

pytestmark = pytest.mark.e2e

PROCEDURE = "倒産防止共済 掛金月額変更の申込み"


def test_the_wizard_completes_without_javascript_and_keeps_a_wrong_amount(
    portal, gbizid_company, new_page
):
    contract = gbizid_company
    page = new_page(java_script_enabled=False)

    log_in_with_gbizid(page, portal.url)
    page.goto(portal.url + "/")
    page.get_by_role("link", name=PROCEDURE).click()
    page.get_by_label(re.compile(contract.contract_no)).check()
    page.get_by_role("button", name="次へ進む").click()

    amount = page.get_by_label(re.compile("変更後の掛金月額"))
    amount.fill("12,345")
    page.get_by_role("button", name="保存して次へ進む").click()

    field = page.locator(".field", has=amount)
    expect(field.locator(".field__error")).to_have_text(
        "掛金月額は5,000円単位で入力してください。"
    )
    expect(amount).to_have_value("12,345")
    expect(amount).to_have_attribute("aria-invalid", "true")
    expect(amount).to_have_accessible_description(
        re.compile("掛金月額は5,000円単位で入力してください。")
    )
    expect(page.locator(".error-summary a")).to_have_attribute(
        "href", "#" + amount.get_attribute("id")
    )

    amount.fill("１００，０００円")
    page.get_by_role("button", name="保存して次へ進む").click()
    expect_heading(page, "変更月・理由")
    page.locator("input[name=effective_month]").last.check()
    page.get_by_role("button", name="保存して次へ進む").click()
    expect_heading(page, "入力内容の確認")
    page.get_by_role("button", name="この内容で申請する").click()

    expect(page.locator(".message--success")).to_contain_text("受付番号は")
    application = Application.objects.get(contract=contract)
    assert application.status == Status.SUBMITTED
    assert application.detail.new_premium == 100_000
    expect(page.locator(".message--success")).to_contain_text(application.receipt_no)
