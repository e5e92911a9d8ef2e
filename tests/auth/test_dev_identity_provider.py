"""The development identity provider, driven over HTTP by the production login code."""

import base64
import importlib
import stat
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
import requests
from django.urls import Resolver404, clear_url_caches, resolve, reverse

from auth_mynumber_gbiz import gbizid_provider
from auth_mynumber_gbiz.dev_idp import signing_key as dev_signing_key
from auth_mynumber_gbiz.dev_idp.demo_accounts import UNKNOWN_COMPANY_NUMBER
from auth_mynumber_gbiz.models import ExternalIdentity
from kyosai_portal.contracts.models import HolderKind
from tests.factories import CorporationFactory, SafetyNetContractFactory


class _Forms(HTMLParser):
    """Collect each form's action and its inputs' names and values."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attrs.get("action"), "inputs": []})
        elif tag == "input" and self.forms:
            self.forms[-1]["inputs"].append(attrs)


def forms_of(html):
    parser = _Forms()
    parser.feed(html)
    return parser.forms


@pytest.fixture
def portal(live_server, settings, transactional_db):
    """The portal on a live server, logging in through its own dev provider."""
    settings.PORTAL_BASE_URL = live_server.url
    settings.GBIZID_ISSUER = ""
    settings.DEV_IDENTITY_PROVIDER = True
    return live_server.url


@pytest.fixture
def dev_key_dir(settings, tmp_path):
    """Keep the development signing key of this test in a temporary BASE_DIR."""
    settings.BASE_DIR = tmp_path
    return tmp_path / ".data"


def open_dev_login(portal):
    """Press the GビズID button; return the browser session and the account page."""
    browser = requests.Session()
    login_page = browser.get(portal + reverse("auth_mynumber_gbiz:login"), timeout=10)
    start_form = next(
        form
        for form in forms_of(login_page.text)
        if form["action"] == reverse("auth_mynumber_gbiz:gbizid_start")
    )
    data = {i["name"]: i.get("value", "") for i in start_form["inputs"]}
    page = browser.post(portal + start_form["action"], data=data, timeout=10)
    assert page.status_code == 200, page.text
    assert urlsplit(page.url).path == reverse("auth_mynumber_gbiz:dev_idp:authorize")
    return browser, page


def choose_account(browser, page, sub, *, cancel=False):
    """Pick demo account `sub` on the provider's page and follow every redirect."""
    form = forms_of(page.text)[-1]
    data = {
        i["name"]: i.get("value", "")
        for i in form["inputs"]
        if i.get("type") != "radio"
    }
    data["sub"] = sub
    if cancel:
        data["cancel"] = "1"
    return browser.post(urljoin(page.url, form["action"]), data=data, timeout=20)


def test_make_run_logs_a_demo_company_in_through_the_dev_provider(portal, dev_key_dir):
    company = SafetyNetContractFactory().holder
    browser, page = open_dev_login(portal)
    assert company.name in page.text

    landing = choose_account(browser, page, f"demo-prime-{company.corporate_no}")

    assert landing.status_code == 200
    assert urlsplit(landing.url).path == reverse("applications:list")
    identity = ExternalIdentity.objects.get()
    assert identity.issuer == portal + "/auth/dev-idp/"
    assert identity.holder == company
    assert identity.account_type == 2


def test_the_dev_provider_offers_sole_proprietors_members_and_entries(
    portal, dev_key_dir
):
    company = SafetyNetContractFactory().holder
    proprietor = CorporationFactory(
        kind=HolderKind.INDIVIDUAL, corporate_no="", gbizid_account_no="5000000000123"
    )
    browser, page = open_dev_login(portal)

    subs = {
        i["value"] for i in forms_of(page.text)[-1]["inputs"] if i.get("name") == "sub"
    }

    assert {
        f"demo-prime-{company.corporate_no}",
        f"demo-sole-{proprietor.gbizid_account_no}",
        f"demo-member-{company.corporate_no}",
        f"demo-entry-{company.corporate_no}",
        f"demo-prime-{UNKNOWN_COMPANY_NUMBER}",
    } <= subs


def test_the_dev_providers_entry_account_is_refused(portal, dev_key_dir):
    company = SafetyNetContractFactory().holder
    browser, page = open_dev_login(portal)

    landing = choose_account(browser, page, f"demo-entry-{company.corporate_no}")

    assert landing.status_code == 403
    assert "GビズIDエントリー" in landing.text
    assert not ExternalIdentity.objects.exists()


def test_cancelling_at_the_dev_provider_explains_what_happened(portal, dev_key_dir):
    SafetyNetContractFactory()
    browser, page = open_dev_login(portal)

    landing = choose_account(browser, page, "", cancel=True)

    assert landing.status_code == 400
    assert "中止" in landing.text


def test_the_dev_token_endpoint_checks_client_secret_pkce_and_single_use(
    portal, dev_key_dir
):
    company = SafetyNetContractFactory().holder
    browser, page = open_dev_login(portal)
    form = forms_of(page.text)[-1]
    data = {i["name"]: i.get("value", "") for i in form["inputs"] if i.get("name")}
    data["sub"] = f"demo-prime-{company.corporate_no}"
    answer = browser.post(
        urljoin(page.url, form["action"]), data=data, allow_redirects=False, timeout=10
    )
    callback = answer.headers["Location"]
    token_url = portal + reverse("auth_mynumber_gbiz:dev_idp:token")
    grant = {
        "grant_type": "authorization_code",
        "code": parse_qs(urlsplit(callback).query)["code"][0],
        "redirect_uri": data["redirect_uri"],
        "code_verifier": "a-verifier-that-is-not-the-portals-" + "x" * 20,
    }
    client_id = gbizid_provider.DEV_CLIENT_ID

    wrong_secret = requests.post(
        token_url, data=grant, auth=(client_id, "guess"), timeout=10
    )
    wrong_verifier = requests.post(
        token_url,
        data=grant,
        auth=(client_id, gbizid_provider.DEV_CLIENT_SECRET),
        timeout=10,
    )
    # The failed try used the code up: the portal's own, right verifier fails too.
    landing = browser.get(callback, timeout=20)

    assert wrong_secret.status_code == 401
    assert wrong_verifier.status_code == 400
    assert wrong_verifier.json() == {"error": "invalid_grant"}
    assert landing.status_code == 502
    assert not ExternalIdentity.objects.exists()


def test_the_dev_provider_refuses_an_unregistered_redirect_uri(portal, dev_key_dir):
    authorize = portal + reverse("auth_mynumber_gbiz:dev_idp:authorize")

    answer = requests.get(
        authorize,
        params={
            "client_id": gbizid_provider.DEV_CLIENT_ID,
            "redirect_uri": "https://evil.example/callback",
            "response_type": "code",
        },
        allow_redirects=False,
        timeout=10,
    )

    assert answer.status_code == 400
    assert "Location" not in answer.headers


def test_the_dev_signing_key_is_kept_in_a_private_file(dev_key_dir):
    first = dev_signing_key.load_or_create(dev_key_dir / "key.pem")
    again = dev_signing_key.load_or_create(dev_key_dir / "key.pem")

    assert first.kid == again.kid
    assert stat.S_IMODE((dev_key_dir / "key.pem").stat().st_mode) == 0o600
    assert "d" not in first.public_jwk
    assert base64.urlsafe_b64decode(first.public_jwk["e"] + "==") == b"\x01\x00\x01"


def test_dev_provider_urls_do_not_exist_when_the_setting_is_off(settings):
    import auth_mynumber_gbiz.urls as auth_urls

    settings.DEV_IDENTITY_PROVIDER = False
    try:
        importlib.reload(auth_urls)
        with pytest.raises(Resolver404):
            resolve("/dev-idp/.well-known/openid-configuration", urlconf=auth_urls)
        resolve("/login/", urlconf=auth_urls)
    finally:
        settings.DEV_IDENTITY_PROVIDER = True
        importlib.reload(auth_urls)
        clear_url_caches()


def test_dev_provider_views_answer_404_when_the_setting_is_off(client, settings, db):
    jwks_url = reverse("auth_mynumber_gbiz:dev_idp:jwks")
    settings.DEV_IDENTITY_PROVIDER = False

    response = client.get(jwks_url)

    assert response.status_code == 404
