"""Agency staff sign in under /agency/ with a password and a TOTP code (issue 3).

Codes are computed from the device's key with django-otp's TOTP, as the
agency clerk's phone would; the password alone opens nothing under /agency/.
"""

import re

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from auth_mynumber_gbiz.staff_devices import issue_backup_codes
from kyosai_portal.applications.staff_groups import REVIEWERS
from tests.agency.sign_in import (
    HOME,
    LOGIN,
    agency_login_data,
    sign_agency_clerk_in,
    submitted_through,
)
from tests.staff.sign_in import clerk_in, current_code, login_data, wrong_code

SETUP = reverse("agency:otp_setup")


def reaches_the_list(client):
    """Return True when the client's session opens the agency's list."""
    response = client.get(HOME)
    return response.status_code == 200 and "委託機関の申請一覧" in (
        response.content.decode()
    )


def test_the_password_and_a_current_code_open_the_agency_list(
    client, agency_clerk, device
):
    response = client.post(LOGIN, agency_login_data(agency_clerk, current_code(device)))

    assert response.status_code == 302
    assert response["Location"] == HOME
    assert reaches_the_list(client)
    assert "東京商工会議所" in client.get(HOME).content.decode()


def test_without_the_code_nothing_under_agency_is_reachable(
    client, agency, agency_clerk, device
):
    application = submitted_through(agency)

    response = client.post(LOGIN, agency_login_data(agency_clerk))

    assert response.status_code == 200
    assert response.context["form"].errors["otp_token"] == [
        "確認コードを入力してください。認証アプリに表示されている6桁の数字です。"
    ]
    assert "_auth_user_id" not in client.session
    for url in (
        HOME,
        reverse("agency:application", args=[application.receipt_no]),
        HOME + "?receipt_no=" + application.receipt_no,
    ):
        page = client.get(url)
        assert page.status_code == 302
        assert page["Location"].startswith(LOGIN + "?next=")


def test_a_password_only_session_is_not_an_agency_session(client, agency_clerk):
    """Even logged in by password (say, by a bug elsewhere), the list stays shut."""
    client.force_login(agency_clerk)

    assert client.get(HOME)["Location"].startswith(LOGIN)


def test_a_wrong_code_is_refused_with_a_clear_message_at_the_field(
    client, agency_clerk, device
):
    response = client.post(LOGIN, agency_login_data(agency_clerk, wrong_code(device)))

    body = response.content.decode()
    assert response.status_code == 200
    (error,) = response.context["form"].errors["otp_token"]
    assert error == (
        "確認コードが正しくありません。認証アプリに今表示されている6桁の数字を、"
        "パスワードとあわせてもう一度入力してください。"
    )
    assert 'id="id_otp_token_error"' in body
    assert 'class="error-summary"' in body
    assert 'href="#id_otp_token"' in body
    # What was typed is kept, except the password.
    assert f'value="{agency_clerk.username}"' in body
    assert not reaches_the_list(client)


def test_a_wrong_password_says_so_without_telling_whether_the_user_exists(
    client, agency_clerk
):
    wrong = client.post(LOGIN, agency_login_data(agency_clerk, password="wrong"))
    nobody = client.post(
        LOGIN, {"username": "nobody", "password": "wrong", "otp_token": ""}
    )

    assert wrong.context["form"].non_field_errors() == (
        nobody.context["form"].non_field_errors()
    )
    assert (
        wrong.context["form"]
        .non_field_errors()[0]
        .startswith("ユーザー名またはパスワードが正しくありません。")
    )


def test_a_code_typed_in_full_width_digits_is_accepted(client, agency_clerk, device):
    full_width = current_code(device).translate(
        str.maketrans("0123456789", "０１２３４５６７８９")
    )

    client.post(LOGIN, agency_login_data(agency_clerk, full_width))

    assert reaches_the_list(client)


def test_a_backup_code_signs_in_once(client, agency_clerk, device):
    code = issue_backup_codes(agency_clerk)[0]

    client.post(LOGIN, agency_login_data(agency_clerk, code))
    first_time = reaches_the_list(client)
    client.post(reverse("agency:logout"))
    again = client.post(LOGIN, agency_login_data(agency_clerk, code))

    assert first_time
    assert "otp_token" in again.context["form"].errors
    assert not reaches_the_list(client)


def test_the_sign_in_returns_to_the_page_asked_for(
    client, agency, agency_clerk, device
):
    application = submitted_through(agency)
    wanted = reverse("agency:application", args=[application.receipt_no])
    login_url = client.get(wanted)["Location"]

    data = agency_login_data(agency_clerk, current_code(device))
    data["next"] = wanted
    response = client.post(login_url, data)

    assert response["Location"] == wanted


def test_an_outside_next_is_ignored(client, agency_clerk, device):
    data = agency_login_data(agency_clerk, current_code(device))
    data["next"] = "https://evil.example/"

    assert client.post(LOGIN, data)["Location"] == HOME


def test_logging_out_ends_the_agency_session(client, agency_clerk):
    sign_agency_clerk_in(client, agency_clerk)

    response = client.post(reverse("agency:logout"), follow=True)

    assert response.redirect_chain[0][0] == LOGIN
    assert "ログアウトしました。" in response.content.decode()
    assert not reaches_the_list(client)


def test_the_login_page_is_labelled_japanese_and_needs_no_script(client):
    body = client.get(LOGIN).content.decode()

    assert '<html lang="ja">' in body
    assert "<h1>委託機関の担当者ログイン</h1>" in body
    for field in ("username", "password", "otp_token"):
        assert re.search(rf'<label class="field__label" for="id_{field}">', body)
    assert 'aria-describedby="id_otp_token_helptext"' in body
    assert 'autocomplete="one-time-code"' in body
    assert "<script" not in body


def test_with_the_second_factor_switched_off_the_password_is_enough(
    client, agency_clerk, settings
):
    settings.STAFF_REQUIRE_OTP = False

    response = client.post(LOGIN, agency_login_data(agency_clerk))

    assert response["Location"] == HOME
    assert reaches_the_list(client)


# --------------------------------------------------------------- enrolment


@pytest.fixture
def enrolling(client, new_agency_clerk):
    """The new agency clerk's client, past the password step."""
    response = client.post(LOGIN, agency_login_data(new_agency_clerk))
    assert response["Location"] == SETUP
    assert "_auth_user_id" not in client.session
    return client


def test_a_new_agency_clerk_enrols_by_qr_code_and_reaches_the_list(
    enrolling, new_agency_clerk
):
    page = enrolling.get(SETUP)
    body = page.content.decode()
    device = TOTPDevice.objects.get(user=new_agency_clerk)

    assert "<h1>認証アプリの登録</h1>" in body
    assert "委託機関の申請一覧には、パスワードと" in body
    assert re.search(r'<svg role="img"[^>]*class="qr-code"', body)
    assert not reaches_the_list(enrolling)

    done = enrolling.post(SETUP, {"code": current_code(device)})

    device.refresh_from_db()
    assert device.confirmed
    assert len(done.context["codes"]) == 10
    assert f'href="{HOME}"' in done.content.decode()
    assert "委託機関の申請一覧へ進む" in done.content.decode()
    assert reaches_the_list(enrolling)


def test_a_wrong_code_at_enrolment_leaves_the_clerk_signed_out(
    enrolling, new_agency_clerk
):
    enrolling.get(SETUP)
    device = TOTPDevice.objects.get(user=new_agency_clerk)

    response = enrolling.post(SETUP, {"code": wrong_code(device)})

    assert "確認コードが正しくありません。" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert not reaches_the_list(enrolling)


def test_the_agency_password_step_does_not_open_the_clerks_enrolment(enrolling):
    response = enrolling.get(reverse("staff:otp_setup"))

    assert response["Location"] == reverse("admin:login")


def test_the_clerks_password_step_does_not_open_the_agency_enrolment(
    client, new_agency_clerk
):
    new_clerk = clerk_in(REVIEWERS, "new-clerk")
    client.post(reverse("admin:login"), login_data(new_clerk))

    response = client.get(SETUP)

    assert response["Location"] == LOGIN
    assert not TOTPDevice.objects.filter(user=new_clerk).exists()


def test_without_the_password_step_the_agency_enrolment_sends_to_the_login(
    client, new_agency_clerk
):
    assert client.get(SETUP)["Location"] == LOGIN
