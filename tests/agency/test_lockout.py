"""Repeated failures at the agency login lock the username out (issue 3).

The same django-axes lockout as the clerks' admin login: five failures in
a row (wrong passwords and wrong codes alike) lock the username from that
address, and the Japanese lockout page says why and for how long.
"""

from tests.agency.sign_in import HOME, LOGIN, agency_login_data
from tests.staff.sign_in import current_code, wrong_code

LOCKED_HEADING = "<h1>ログインを一時的に停止しています</h1>"


def test_five_wrong_passwords_lock_the_agency_clerk_out(client, agency_clerk, device):
    responses = [
        client.post(LOGIN, agency_login_data(agency_clerk, password="wrong"))
        for _ in range(5)
    ]

    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    body = responses[-1].content.decode()
    assert LOCKED_HEADING in body
    assert "パスワードまたは確認コードの誤りが5回続いたため" in body
    assert "30分ほど待ってから、もう一度ログインしてください。" in body


def test_wrong_codes_count_towards_the_lockout_too(client, agency_clerk, device):
    for _ in range(3):
        client.post(LOGIN, agency_login_data(agency_clerk, password="wrong"))
    for _ in range(2):
        last = client.post(LOGIN, agency_login_data(agency_clerk, wrong_code(device)))

    assert last.status_code == 429


def test_during_the_lockout_the_right_password_and_code_are_refused(
    client, agency_clerk, device
):
    for _ in range(5):
        client.post(LOGIN, agency_login_data(agency_clerk, password="wrong"))

    response = client.post(LOGIN, agency_login_data(agency_clerk, current_code(device)))

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get(HOME)["Location"].startswith(LOGIN)


def test_four_failures_do_not_lock(client, agency_clerk, device):
    for _ in range(4):
        client.post(LOGIN, agency_login_data(agency_clerk, password="wrong"))

    response = client.post(LOGIN, agency_login_data(agency_clerk, current_code(device)))

    assert response["Location"] == HOME
