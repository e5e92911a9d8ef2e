"""Agency staff sign-in in Debian's Chromium (issue 3): a new agency clerk is
sent from /agency/ to the login, enrols an authenticator by QR code, and
reaches the agency's list of applications and one application's page.
Every page on the way passes
axe-core and fits 320 px.
"""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests import factories
from tests.agency.sign_in import agency_staff_at, submitted_through
from tests.e2e.conftest import expect_heading
from tests.e2e.test_staff_sign_in import enrol_on_the_qr_code_page, sign_in
from tests.staff.sign_in import PASSWORD, totp_device_for, wrong_code

pytestmark = pytest.mark.e2e


def test_a_new_agency_clerk_enrols_and_sees_the_agencys_applications(
    portal, new_page, check_applicant_page
):
    agency = factories.AgencyFactory(name="東京商工会議所")
    clerk = agency_staff_at(agency, "browser-agency-clerk")
    application = submitted_through(
        agency, contract__holder__name="株式会社さくら製作所"
    )
    page = new_page()

    page.goto(portal.url + reverse("agency:applications"))
    expect_heading(page, "委託機関の担当者ログイン")
    check_applicant_page(page)
    sign_in(page, clerk.username, PASSWORD)

    enrol_on_the_qr_code_page(page, check_applicant_page)
    page.get_by_role("link", name="委託機関の申請一覧へ進む").click()

    expect_heading(page, "委託機関の申請一覧")
    expect(page.get_by_role("heading", name="株式会社さくら製作所")).to_be_visible()
    check_applicant_page(page)
    page.get_by_role("link", name=f"受付番号 {application.receipt_no} の詳細").click()

    expect(page.get_by_role("cell", name="株式会社さくら製作所")).to_be_visible()
    check_applicant_page(page)


def test_a_wrong_code_shows_the_error_summary(portal, new_page, check_applicant_page):
    clerk = agency_staff_at(factories.AgencyFactory(), "browser-agency-clerk")
    device = totp_device_for(clerk)
    page = new_page()
    page.goto(portal.url + reverse("agency:login"))

    sign_in(page, clerk.username, PASSWORD, wrong_code(device))

    expect(page.get_by_role("alert")).to_contain_text("確認コードが正しくありません。")
    check_applicant_page(page)
