"""Staff reach admin only with the password and a TOTP code (issue 3).

The login form is admin's own, at /admin/login/; codes are computed from
the device's key with django-otp's TOTP, as the clerk's phone would.
"""

from django.urls import reverse

from auth_mynumber_gbiz.staff_devices import issue_backup_codes
from tests import factories
from tests.staff.sign_in import current_code, login_data, totp_device_for

LOGIN = reverse("admin:login")
QUEUE = reverse("admin:applications_application_changelist")


def reaches_the_queue(client):
    """Return True when the client's session opens the review queue."""
    response = client.get(QUEUE)
    return response.status_code == 200 and "審査システム" in response.content.decode()


def test_a_correct_password_without_the_code_gets_the_login_form_back(client, clerk):
    response = client.post(LOGIN, login_data(clerk))

    assert response.status_code == 200
    assert response.context["form"].errors["otp_token"] == [
        "確認コードを入力してください。認証アプリに表示されている6桁の数字です。"
    ]
    assert not reaches_the_queue(client)
    assert client.get(QUEUE)["Location"].startswith(LOGIN)


def test_a_correct_code_reaches_the_review_queue(client, clerk, device):
    response = client.post(LOGIN, login_data(clerk, current_code(device)))

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert reaches_the_queue(client)


def test_a_wrong_code_is_refused_at_the_field(client, clerk, device):
    right = current_code(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"

    response = client.post(LOGIN, login_data(clerk, wrong))

    assert response.status_code == 200
    (error,) = response.context["form"].errors["otp_token"]
    assert error.startswith("確認コードが正しくありません。")
    assert not reaches_the_queue(client)


def test_a_code_typed_in_full_width_digits_is_accepted(client, clerk, device):
    full_width = current_code(device).translate(
        str.maketrans("0123456789", "０１２３４５６７８９")
    )

    client.post(LOGIN, login_data(clerk, full_width))

    assert reaches_the_queue(client)


def test_a_code_is_accepted_only_once(client, clerk, device):
    code = current_code(device)
    client.post(LOGIN, login_data(clerk, code))
    client.post(reverse("admin:logout"))

    response = client.post(LOGIN, login_data(clerk, code))

    assert "otp_token" in response.context["form"].errors
    assert not reaches_the_queue(client)


def test_a_backup_code_logs_in_once(client, clerk):
    code = issue_backup_codes(clerk)[0]

    client.post(LOGIN, login_data(clerk, code.upper()))
    first_time = reaches_the_queue(client)
    client.post(reverse("admin:logout"))
    again = client.post(LOGIN, login_data(clerk, code))

    assert first_time
    assert "otp_token" in again.context["form"].errors
    assert not reaches_the_queue(client)


def test_another_staff_members_code_does_not_open_this_account(client, clerk):
    other = factories.UserFactory(username="other-clerk", is_staff=True)
    their_code = current_code(totp_device_for(other))

    response = client.post(LOGIN, login_data(clerk, their_code))

    assert "otp_token" in response.context["form"].errors
    assert not reaches_the_queue(client)


def test_without_a_device_the_password_leads_to_enrolment_not_admin(client, new_clerk):
    response = client.post(LOGIN, login_data(new_clerk))

    assert response.status_code == 302
    assert response["Location"] == reverse("staff:otp_setup")
    # Not logged in: the password alone is no staff session anywhere.
    assert "_auth_user_id" not in client.session
    assert not reaches_the_queue(client)


def test_a_wrong_password_without_a_device_does_not_open_enrolment(client, new_clerk):
    response = client.post(LOGIN, login_data(new_clerk, password="wrong"))

    assert response.status_code == 200
    assert client.get(reverse("staff:otp_setup"))["Location"] == LOGIN


def test_someone_who_is_not_staff_is_refused_before_any_code(client, clerk):
    applicant = factories.UserFactory(username="not-staff")

    response = client.post(LOGIN, login_data(applicant))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert client.get(reverse("staff:otp_setup"))["Location"] == LOGIN


def test_the_login_form_labels_the_code_field_in_japanese(client):
    body = client.get(LOGIN).content.decode()

    assert '<label for="id_otp_token">確認コード:</label>' in body
    assert 'aria-describedby="id_otp_token_helptext"' in body
    assert 'autocomplete="one-time-code"' in body


def test_with_the_second_factor_switched_off_the_password_is_enough(
    client, clerk, settings
):
    settings.STAFF_REQUIRE_OTP = False

    response = client.post(LOGIN, login_data(clerk))

    assert response.status_code == 302
    assert reaches_the_queue(client)
