"""A clerk without an authenticator enrols one by QR code (issue 3).

The right password opens the enrolment page (not admin, and no login);
the page shows a new secret as a QR code and as text; a current code from
that secret confirms the device, logs the clerk in verified and shows
single-use backup codes.
"""

import re
from base64 import b32decode

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from auth_mynumber_gbiz.staff_enrolment import ENROLMENT_SECONDS
from tests.staff.sign_in import current_code, login_data, wrong_code

LOGIN = reverse("admin:login")
SETUP = reverse("staff:otp_setup")
QUEUE = reverse("admin:applications_application_changelist")


@pytest.fixture
def enrolling(client, new_clerk):
    """The new clerk's client, past the password step."""
    response = client.post(LOGIN, login_data(new_clerk))
    assert response["Location"] == SETUP
    return client


def shown_secret(body):
    """Return the key the page shows as text, as bytes."""
    text = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', body).group(1)
    secret = text.replace(" ", "")
    return b32decode(secret + "=" * (-len(secret) % 8))


def test_enrolment_end_to_end_from_password_to_the_review_queue(enrolling, new_clerk):
    page = enrolling.get(SETUP)
    body = page.content.decode()
    device = TOTPDevice.objects.get(user=new_clerk)

    assert page.status_code == 200
    assert "<h1>認証アプリの登録</h1>" in body
    assert re.search(r'<svg role="img"[^>]*class="qr-code"', body)
    assert "<title>認証アプリ登録用のQRコード</title>" in body
    assert shown_secret(body) == device.bin_key
    assert not device.confirmed

    done = enrolling.post(SETUP, {"code": current_code(device)})

    device.refresh_from_db()
    assert device.confirmed
    assert done.status_code == 200
    assert "<h1>認証アプリを登録しました</h1>" in done.content.decode()
    codes = done.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(code in done.content.decode() for code in codes)
    assert enrolling.get(QUEUE).status_code == 200


def test_a_wrong_code_leaves_the_device_unconfirmed_with_the_error_at_the_field(
    enrolling, new_clerk
):
    enrolling.get(SETUP)
    device = TOTPDevice.objects.get(user=new_clerk)
    response = enrolling.post(SETUP, {"code": wrong_code(device)})

    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_code_error"' in body
    assert "確認コードが正しくありません。" in body
    assert 'aria-describedby="id_code_helptext id_code_error"' in body
    device.refresh_from_db()
    assert not device.confirmed
    assert "_auth_user_id" not in enrolling.session
    assert enrolling.get(QUEUE).status_code == 302


def test_an_empty_code_says_what_to_type(enrolling):
    response = enrolling.post(SETUP, {"code": ""})

    assert response.context["form"].errors["code"] == [
        "確認コードを入力してください。QRコードを読み取った認証アプリに"
        "表示される6桁の数字です。"
    ]


def test_reloading_the_page_keeps_the_secret_already_scanned(enrolling, new_clerk):
    first = shown_secret(enrolling.get(SETUP).content.decode())
    second = shown_secret(enrolling.get(SETUP).content.decode())

    assert first == second
    assert TOTPDevice.objects.filter(user=new_clerk).count() == 1


def test_the_page_has_no_inline_script_or_style(enrolling):
    body = enrolling.get(SETUP).content.decode()

    assert "<script" not in body
    assert "<style" not in body
    assert " style=" not in body


def test_the_secret_is_not_cached(enrolling):
    response = enrolling.get(SETUP)

    assert "no-store" in response["Cache-Control"]


def test_without_the_password_step_the_page_sends_to_the_login(client, new_clerk):
    response = client.get(SETUP)

    assert response["Location"] == LOGIN
    assert not TOTPDevice.objects.filter(user=new_clerk).exists()


def test_the_password_step_expires(enrolling, new_clerk):
    session = enrolling.session
    session["staff_enrolment"]["since"] -= ENROLMENT_SECONDS + 1
    session.save()

    assert enrolling.get(SETUP)["Location"] == LOGIN


def test_a_clerk_with_a_device_cannot_enrol_another(client, clerk, device):
    client.post(LOGIN, login_data(clerk, current_code(device)))

    response = client.get(SETUP)

    assert response["Location"] == LOGIN
    assert TOTPDevice.objects.filter(user=clerk).count() == 1


def test_backup_codes_from_enrolment_log_in(enrolling, client, new_clerk):
    enrolling.get(SETUP)
    device = TOTPDevice.objects.get(user=new_clerk)
    codes = enrolling.post(SETUP, {"code": current_code(device)}).context["codes"]
    enrolling.post(reverse("admin:logout"))

    client.post(LOGIN, login_data(new_clerk, codes[3]))

    assert client.get(QUEUE).status_code == 200
