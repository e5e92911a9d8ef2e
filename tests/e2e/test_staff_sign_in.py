"""Staff sign-in in Debian's Chromium (issue 3): a new clerk enrols an
authenticator from the admin login, then reaches the review queue; repeated
failures end on the lockout page. The portal's own pages on the way pass
axe-core and fit 320 px.
"""

import re
from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from playwright.sync_api import expect

from kyosai_portal.applications.staff_groups import REVIEWERS
from tests.e2e.conftest import expect_heading
from tests.staff.sign_in import PASSWORD, clerk_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def new_clerk(portal):
    """An SMRJ clerk in 審査担当 without an authenticator yet."""
    return clerk_in(REVIEWERS, "browser-clerk")


def code_from_secret(text):
    """Return the code an authenticator app shows for the typed-in secret."""
    secret = text.replace(" ", "")
    key = b32decode(secret + "=" * (-len(secret) % 8))
    return f"{TOTP(key).token():06d}"


def sign_in(page, username, password, code=""):
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_label("確認コード").fill(code)
    page.get_by_role("button", name="ログイン").click()


def enrol_on_the_qr_code_page(page, check_page):
    """Scan the shown key as a phone would, confirm it, see the backup codes.

    `check_page` runs on the enrolment page and on the page that follows.
    """
    expect_heading(page, "認証アプリの登録")
    expect(page.get_by_role("img", name="認証アプリ登録用のQRコード")).to_be_visible()
    check_page(page)
    secret = page.locator("code.secret").inner_text()
    page.get_by_label(re.compile("確認コード")).fill(code_from_secret(secret))
    page.get_by_role("button", name="登録する").click()

    expect_heading(page, "認証アプリを登録しました")
    expect(page.locator(".backup-codes li")).to_have_count(10)
    check_page(page)


def test_a_new_clerk_enrols_by_qr_code_and_reaches_the_queue(
    portal, new_clerk, new_page, check_applicant_page
):
    page = new_page()
    page.goto(portal.url + reverse("admin:index"))

    sign_in(page, new_clerk.username, PASSWORD)

    enrol_on_the_qr_code_page(page, check_applicant_page)
    page.get_by_role("link", name="審査システムへ進む").click()
    page.locator("#applications-application").get_by_role("link").click()
    expect(page).to_have_url(
        re.compile(re.escape(reverse("admin:applications_application_changelist")))
    )


def test_five_wrong_passwords_end_on_the_lockout_page(
    portal, new_clerk, new_page, check_applicant_page
):
    page = new_page()
    page.goto(portal.url + reverse("admin:login"))

    for _ in range(5):
        sign_in(page, new_clerk.username, "not the password")

    expect_heading(page, "ログインを一時的に停止しています")
    check_applicant_page(page)
