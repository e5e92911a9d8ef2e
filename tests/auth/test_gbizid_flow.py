"""The code flow around the token: state, lifetime, provider errors, issuer rules."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.urls import reverse

from auth_mynumber_gbiz import gbizid_provider
from auth_mynumber_gbiz.gbizid_flow import FLOW_LIFETIME, SESSION_KEY
from auth_mynumber_gbiz.login_errors import ProviderMisconfigured
from tests.auth.conftest import callback_path, log_in, logged_in_user_id, start_login
from tests.auth.test_gbizid_id_token import assert_refused

pytestmark = pytest.mark.django_db


def test_it_refuses_a_callback_whose_state_it_did_not_issue(client, peer):
    path = callback_path(start_login(client))
    forged = path.replace("state=", "state=x")

    response = client.get(forged)

    assert_refused(client, response)
    assert "一致しません" in response.content.decode()
    assert "/token" not in peer.hits


def test_a_state_works_only_once(client, peer):
    path = callback_path(start_login(client))
    assert client.get(path).status_code == 302
    client.logout()

    replay = client.get(path)

    assert replay.status_code == 400
    assert logged_in_user_id(client) is None


def test_a_failed_callback_still_uses_up_its_state(client, peer):
    authorization_url = start_login(client)
    state = parse_qs(urlsplit(authorization_url).query)["state"][0]
    peer.faults["userinfo_sub"] = "someone-else"
    path = callback_path(authorization_url)
    assert client.get(path).status_code == 400

    assert state not in client.session.get(SESSION_KEY, {})


def test_it_refuses_a_login_started_more_than_ten_minutes_ago(client, peer):
    authorization_url = start_login(client)
    state = parse_qs(urlsplit(authorization_url).query)["state"][0]
    session = client.session
    session[SESSION_KEY][state]["started"] -= FLOW_LIFETIME + 1
    session.save()

    response = client.get(callback_path(authorization_url))

    assert_refused(client, response)
    assert "有効期限" in response.content.decode()
    assert "/token" not in peer.hits


def test_it_refuses_a_callback_in_a_browser_that_never_started_a_login(client, peer):
    path = callback_path(start_login(client))
    client.cookies.clear()

    response = client.get(path)

    assert_refused(client, response)
    assert "Cookie" in response.content.decode()


def test_logins_started_in_two_tabs_both_complete(client, peer):
    first = start_login(client)
    second = start_login(client)

    assert client.get(callback_path(second)).status_code == 302
    assert client.get(callback_path(first)).status_code == 302


def test_it_tells_the_applicant_when_they_cancelled_at_gbizid(client, peer):
    peer.faults["error"] = "access_denied"

    response = log_in(client)

    assert_refused(client, response)
    assert "中止" in response.content.decode()


def test_it_shows_a_page_when_the_provider_reports_an_error(client, peer):
    peer.faults["error"] = "server_error"

    assert_refused(client, log_in(client), status=502)


def test_it_shows_a_page_when_the_token_endpoint_refuses_the_code(client, peer):
    peer.faults["token_error"] = "invalid_grant"

    assert_refused(client, log_in(client), status=502)


def test_it_shows_a_page_when_the_provider_is_down(client, peer):
    authorization_url = start_login(client)
    path = callback_path(authorization_url)
    peer.stop()

    response = client.get(path)

    assert_refused(client, response, status=502)
    assert "通信" in response.content.decode()


def test_it_refuses_a_callback_naming_another_issuer(client, peer):
    path = callback_path(start_login(client))

    response = client.get(path + "&iss=https%3A%2F%2Fevil.example%2F")

    assert_refused(client, response)


def test_it_refuses_a_discovery_document_for_another_issuer(client, peer):
    peer.faults["discovery_issuer"] = peer.issuer.rstrip("/")

    response = client.post(reverse("auth_mynumber_gbiz:gbizid_start"))

    assert response.status_code == 503
    assert "ログイン画面に戻る" in response.content.decode()


def test_it_refuses_a_plain_http_issuer_that_is_not_loopback(client, settings, db):
    settings.GBIZID_ISSUER = "http://gbiz-id.example/oauth/"
    settings.GBIZID_CLIENT_ID = "id"
    settings.GBIZID_CLIENT_SECRET = "secret"

    response = client.post(reverse("auth_mynumber_gbiz:gbizid_start"))

    assert response.status_code == 503
    assert "GビズIDでのログインを利用できません" in response.content.decode()
    assert SESSION_KEY not in client.session


@pytest.mark.parametrize(
    "issuer",
    [
        "https://gbiz-id.go.jp/oauth/",
        "http://127.0.0.1:8000/",
        "http://127.10.20.30/",
        "http://localhost:3000/",
        "http://[::1]:8080/",
    ],
)
def test_https_or_loopback_issuers_are_allowed(issuer):
    gbizid_provider.check_provider_url(issuer, "issuer")


@pytest.mark.parametrize(
    "issuer",
    [
        "http://gbiz-id.go.jp/oauth/",
        "http://10.0.0.1/",
        "http://127.0.0.1.evil.example/",
        "http://localhost.evil.example/",
        "ftp://127.0.0.1/",
        "https://user:pass@gbiz-id.go.jp/oauth/",
        "https:///oauth/",
    ],
)
def test_other_issuers_are_refused(issuer):
    with pytest.raises(ProviderMisconfigured):
        gbizid_provider.check_provider_url(issuer, "issuer")


def test_it_refuses_endpoints_that_leave_https(client, peer):
    document = requests.get(
        gbizid_provider.discovery_url(peer.issuer), timeout=5
    ).json()
    document["token_endpoint"] = "http://gbiz-id.example/token"
    peer.discovery = lambda: (200, document)

    response = client.post(reverse("auth_mynumber_gbiz:gbizid_start"))

    assert response.status_code == 503
