"""Sliding session expiry, written at most once per SESSION_REFRESH_SECONDS."""

import time

import pytest
from django.urls import reverse

from kyosai_portal.session_refresh import REFRESHED_AT_KEY

pytestmark = pytest.mark.django_db

LIST = reverse("applications:list")


def test_a_used_session_is_written_once_then_left_alone_within_the_interval(
    client, applicant
):
    client.force_login(applicant)

    first = client.get(LIST)
    second = client.get(LIST)

    assert "sessionid" in first.cookies
    assert "sessionid" not in second.cookies
    assert second.status_code == 200


def test_a_session_used_after_the_interval_gets_a_full_lifetime_again(
    client, applicant, settings
):
    client.force_login(applicant)
    client.get(LIST)
    session = client.session
    long_ago = int(time.time()) - settings.SESSION_REFRESH_SECONDS
    session[REFRESHED_AT_KEY] = long_ago
    session.save()

    response = client.get(LIST)

    assert response.cookies["sessionid"]["max-age"] == settings.SESSION_COOKIE_AGE
    assert client.session[REFRESHED_AT_KEY] > long_ago


def test_a_page_that_never_reads_the_session_does_not_write_it(
    client, applicant, settings
):
    client.force_login(applicant)
    session = client.session
    session[REFRESHED_AT_KEY] = int(time.time()) - settings.SESSION_REFRESH_SECONDS
    session.save()

    response = client.get(reverse("healthz"))

    assert response.status_code == 200
    assert "sessionid" not in response.cookies
