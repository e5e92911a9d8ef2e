"""Interoperability: the production login code against the npm `oidc-provider`.

oidc-provider is a certified OpenID provider; passing the whole code flow
through it shows the portal speaks standard OpenID Connect, not only the
dialect of the test peer written beside it.
"""

from urllib.parse import urljoin, urlsplit

import pytest
import requests
from django.urls import reverse

from auth_mynumber_gbiz.models import ExternalIdentity
from tests.auth.conftest import (
    CLIENT_ID,
    CLIENT_SECRET,
    PORTAL,
    logged_in_user_id,
    prime_claims,
    start_login,
)
from tests.oidc_fixtures import running_oidc_provider

pytestmark = [pytest.mark.oidc_peer, pytest.mark.django_db]

SUBJECT = "interop-account-0001"


@pytest.fixture
def oidc_provider(settings, company):
    """Run tests/oidc_peer/server.mjs on a free loopback port; yield its issuer."""
    with running_oidc_provider(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        redirect_uri=PORTAL + reverse("auth_mynumber_gbiz:gbizid_callback"),
        account={"sub": SUBJECT, "claims": prime_claims(company.corporate_no)},
    ) as issuer:
        settings.PORTAL_BASE_URL = PORTAL
        settings.GBIZID_ISSUER = issuer
        settings.GBIZID_CLIENT_ID = CLIENT_ID
        settings.GBIZID_CLIENT_SECRET = CLIENT_SECRET
        yield issuer


def follow_to_portal(url):
    """Follow the provider's redirects until they return to the portal."""
    browser = requests.Session()
    for _hop in range(10):
        answer = browser.get(url, allow_redirects=False, timeout=10)
        assert answer.status_code in (302, 303), answer.text[:2000]
        url = urljoin(url, answer.headers["Location"])
        if url.startswith(PORTAL + "/"):
            location = urlsplit(url)
            return location.path + "?" + location.query
    raise AssertionError("oidc-provider never redirected back to the portal")


def test_the_full_code_flow_completes_against_oidc_provider(
    client, oidc_provider, company
):
    callback = follow_to_portal(start_login(client))

    response = client.get(callback)

    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == reverse("applications:list")
    identity = ExternalIdentity.objects.get(issuer=oidc_provider, subject=SUBJECT)
    assert identity.holder == company
    assert identity.account_type == 2
    assert logged_in_user_id(client) == str(identity.user.pk)
    assert identity.user.email == "yamada@example.jp"


def test_a_replayed_callback_is_refused(client, oidc_provider):
    callback = follow_to_portal(start_login(client))
    client.get(callback)
    client.logout()

    replay = client.get(callback)

    assert replay.status_code == 400
    assert logged_in_user_id(client) is None


def test_an_issuer_setting_differing_by_one_byte_is_refused(
    client, oidc_provider, settings
):
    settings.GBIZID_ISSUER = oidc_provider.rstrip("/")

    response = client.post(reverse("auth_mynumber_gbiz:gbizid_start"))

    assert response.status_code == 503
    assert "ログイン画面に戻る" in response.content.decode()
