"""Fixtures for GビズID login tests: a live test peer and a way to log in through it."""

from urllib.parse import urlsplit

import pytest
import requests
from django.urls import reverse

from auth_mynumber_gbiz import gbizid_provider, id_token
from tests.auth.oidc_test_peer import OidcTestPeer
from tests.factories import SafetyNetContractFactory

PORTAL = "http://testserver"
CLIENT_ID = "kyosai-portal-test"
# Characters that must be form-encoded before HTTP Basic (RFC 6749 2.3.1).
CLIENT_SECRET = "test:secret/with+specials"


@pytest.fixture(autouse=True)
def fresh_provider_caches():
    """Start every test with no cached discovery document or JWKS."""
    gbizid_provider.metadata_cache.clear()
    id_token.jwks_cache.clear()
    yield
    gbizid_provider.metadata_cache.clear()
    id_token.jwks_cache.clear()


@pytest.fixture
def company(db):
    """A company holding a 倒産防止共済 contract, known by its 法人番号."""
    return SafetyNetContractFactory(holder__name="株式会社共済テスト").holder


@pytest.fixture
def peer(settings, company):
    """A running test provider whose default account is the company's プライム."""
    server = OidcTestPeer(
        client_id=CLIENT_ID,
        client_secret=CLIENT_SECRET,
        redirect_uri=PORTAL + reverse("auth_mynumber_gbiz:gbizid_callback"),
    ).start()
    server.userinfo_claims = prime_claims(company.corporate_no)
    settings.PORTAL_BASE_URL = PORTAL
    settings.GBIZID_ISSUER = server.issuer
    settings.GBIZID_CLIENT_ID = CLIENT_ID
    settings.GBIZID_CLIENT_SECRET = CLIENT_SECRET
    yield server
    server.stop()


def prime_claims(corporate_number, **overrides):
    """Return userinfo claims of a 法人 プライム account."""
    claims = {
        "account_type": 2,
        "corp_type": 1,
        "corporate_number": corporate_number,
        "name": "株式会社共済テスト",
        "rep_last_nm": "山田",
        "rep_first_nm": "太郎",
        "prefecture_name": "東京都",
        "address1": "港区虎ノ門三丁目５番１号",
        "address2": "",
        "email": "yamada@example.jp",
        "user_last_nm": "山田",
        "user_first_nm": "太郎",
    }
    claims.update(overrides)
    return claims


def start_login(client, next_url=None):
    """Press the GビズID button and return the authorization URL the portal sent."""
    data = {"next": next_url} if next_url else {}
    response = client.post(reverse("auth_mynumber_gbiz:gbizid_start"), data)
    assert response.status_code == 302, response.content.decode()
    return response["Location"]


def callback_path(authorization_url):
    """Follow the provider's authorization endpoint; return the portal callback."""
    answer = requests.get(authorization_url, allow_redirects=False, timeout=5)
    assert answer.status_code == 302, answer.text
    location = urlsplit(answer.headers["Location"])
    assert location.netloc == "testserver"
    return location.path + "?" + location.query


def log_in(client, next_url=None):
    """Run the whole code flow through the test client; return the callback answer."""
    return client.get(callback_path(start_login(client, next_url)))


def logged_in_user_id(client):
    """Return the id of the user the test client's session belongs to, or None."""
    return client.session.get("_auth_user_id")
