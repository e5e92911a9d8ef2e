"""Repeated failures lock a staff username out from that address (issue 3).

Five failures in a row (wrong passwords and wrong codes alike) lock the
username from the client's address for 30 minutes; during the lockout even
the right password and code are refused, on a Japanese page. Operators lift
a lockout with axes' reset command; otherwise it ends after the cool-off.
"""

from datetime import timedelta

from axes.models import AccessAttempt
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.staff.sign_in import current_code, login_data, wrong_code

LOGIN = reverse("admin:login")
QUEUE = reverse("admin:applications_application_changelist")
LOCKED_HEADING = "<h1>ログインを一時的に停止しています</h1>"


def fail_five_times(client, clerk, device):
    """Fail with three wrong passwords and two wrong codes; return responses."""
    responses = [
        client.post(LOGIN, login_data(clerk, password="wrong")) for _ in range(3)
    ]
    responses += [
        client.post(LOGIN, login_data(clerk, wrong_code(device))) for _ in range(2)
    ]
    return responses


def later(device, minutes):
    """Move the recorded failures `minutes` into the past, as if time passed.

    The device's own throttling after wrong codes (seconds) passes too.
    """
    then = timezone.now() - timedelta(minutes=minutes)
    AccessAttempt.objects.update(attempt_time=then)
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=then)


def logs_in(client, clerk, device):
    """Return True when the right password and code open the review queue."""
    response = client.post(LOGIN, login_data(clerk, current_code(device)))
    return response.status_code == 302 and client.get(QUEUE).status_code == 200


def test_wrong_passwords_and_wrong_codes_both_count_towards_the_lockout(
    client, clerk, device
):
    *before, fifth = fail_five_times(client, clerk, device)

    assert [r.status_code for r in before] == [200, 200, 200, 200]
    assert fifth.status_code == 429
    assert LOCKED_HEADING in fifth.content.decode()


def test_the_right_password_and_code_are_refused_during_the_lockout(
    client, clerk, device
):
    fail_five_times(client, clerk, device)

    response = client.post(LOGIN, login_data(clerk, current_code(device)))

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get(QUEUE)["Location"].startswith(LOGIN)


def test_the_lockout_page_says_in_japanese_why_and_how_long(client, clerk, device):
    fail_five_times(client, clerk, device)

    body = client.post(LOGIN, login_data(clerk, current_code(device))).content
    body = body.decode()

    assert '<html lang="ja">' in body
    assert "パスワードまたは確認コードの誤りが5回続いたため" in body
    assert "30分ほど待ってから、もう一度ログインしてください。" in body


def test_four_failures_do_not_lock_and_a_success_clears_them(client, clerk, device):
    for _ in range(4):
        client.post(LOGIN, login_data(clerk, password="wrong"))
    assert logs_in(client, clerk, device)
    client.post(reverse("admin:logout"))

    for _ in range(4):
        client.post(LOGIN, login_data(clerk, password="wrong"))

    assert logs_in(client, clerk, device)


def test_the_lockout_is_per_username_and_address(client, clerk, device):
    for _ in range(5):
        client.post(LOGIN, login_data(clerk, password="wrong"))

    response = client.post(
        LOGIN, login_data(clerk, current_code(device)), REMOTE_ADDR="192.0.2.10"
    )

    assert response.status_code == 302


def test_behind_our_proxy_the_lockout_is_per_client_not_per_proxy(
    client, clerk, device, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(5):
        client.post(
            LOGIN,
            login_data(clerk, password="wrong"),
            # Whatever the client puts first, the proxy appends what it saw.
            HTTP_X_FORWARDED_FOR=f"192.0.2.{_}, 203.0.113.7",
            **proxy,
        )

    from_elsewhere = client.post(
        LOGIN,
        login_data(clerk, current_code(device)),
        HTTP_X_FORWARDED_FOR="198.51.100.20",
        **proxy,
    )
    assert from_elsewhere.status_code == 302
    client.logout()
    from_the_same_client = client.post(
        LOGIN,
        login_data(clerk, current_code(device)),
        HTTP_X_FORWARDED_FOR="198.51.100.99, 203.0.113.7",
        **proxy,
    )
    assert from_the_same_client.status_code == 429


def test_an_operator_lifts_the_lockout_with_axes_reset(client, clerk, device):
    fail_five_times(client, clerk, device)
    assert not logs_in(client, clerk, device)

    later(device, minutes=1)
    assert not logs_in(client, clerk, device)

    call_command("axes_reset_username", clerk.username)

    assert logs_in(client, clerk, device)


def test_the_lockout_ends_after_the_30_minute_cool_off(client, clerk, device):
    fail_five_times(client, clerk, device)
    later(device, minutes=29)
    assert not logs_in(client, clerk, device)

    later(device, minutes=31)

    assert logs_in(client, clerk, device)


def test_trying_during_the_lockout_does_not_extend_it(client, clerk, device):
    fail_five_times(client, clerk, device)
    later(device, minutes=29)
    before = AccessAttempt.objects.values_list(
        "attempt_time", "failures_since_start"
    ).get()

    during = [
        client.post(LOGIN, login_data(clerk, password="wrong")).status_code,
        client.post(LOGIN, login_data(clerk, current_code(device))).status_code,
    ]

    assert during == [429, 429]
    assert (
        AccessAttempt.objects.values_list("attempt_time", "failures_since_start").get()
        == before
    )
