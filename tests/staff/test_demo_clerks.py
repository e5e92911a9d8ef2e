"""`make run`'s demo clerks and agency staff log in with the second factor on.

Their authenticators have published keys; `manage.py demo_totp_code` shows
the current code, in development only.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from kyosai_portal import demo_data
from tests import factories
from tests.staff.sign_in import login_data


@pytest.fixture
def shinsa(db):
    """The demo 審査担当 clerk as `seed_demo` creates it."""
    return factories.UserFactory(
        username="shinsa",
        password=demo_data.CLERK_PASSWORD,
        is_staff=True,
        is_superuser=True,
    )


def printed_code(username):
    out = io.StringIO()
    call_command("demo_totp_code", username, stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


def test_a_demo_clerk_logs_in_with_the_printed_code(client, shinsa):
    demo_data.give_staff_authenticators()

    response = client.post(
        reverse("admin:login"),
        login_data(shinsa, printed_code("shinsa"), password=demo_data.CLERK_PASSWORD),
    )

    assert response.status_code == 302
    assert (
        client.get(reverse("admin:applications_application_changelist")).status_code
        == 200
    )


def test_giving_authenticators_twice_keeps_the_published_key(shinsa):
    demo_data.give_staff_authenticators()
    demo_data.give_staff_authenticators()

    (device,) = shinsa.totpdevice_set.all()
    assert device.confirmed
    assert device.key == demo_data.demo_totp_key("shinsa")


def test_the_code_command_refuses_production(shinsa, settings):
    demo_data.give_staff_authenticators()
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="本番環境では使えません"):
        printed_code("shinsa")


def test_the_code_command_says_when_there_is_no_authenticator(db):
    factories.UserFactory(username="no-device", is_staff=True)

    with pytest.raises(CommandError, match="認証アプリが登録されていません"):
        printed_code("no-device")


def test_the_demo_agency_staff_member_signs_in_under_agency_with_the_printed_code(
    client,
):
    agency_code = demo_data.AGENCY_STAFF[0][2]
    factories.AgencyFactory(code=agency_code, name="東京商工会議所")
    demo_data.create_agency_staff()
    demo_data.create_agency_staff()
    demo_data.give_staff_authenticators()
    itaku = get_user_model().objects.get(username="itaku")

    response = client.post(
        reverse("agency:login"),
        login_data(itaku, printed_code("itaku"), password=demo_data.CLERK_PASSWORD),
    )

    assert response.status_code == 302
    assert client.get(reverse("agency:applications")).status_code == 200
    assert not itaku.is_staff
    assert itaku.agency_membership.agency.code == agency_code
