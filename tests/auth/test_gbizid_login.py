"""A GビズID login that succeeds, through the test peer over real HTTP."""

import base64
import hashlib
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from django.urls import reverse

from auth_mynumber_gbiz.models import ExternalIdentity, Provider
from kyosai_portal.applications.access import applications_visible_to
from kyosai_portal.contracts.models import HolderKind
from tests.auth.conftest import (
    CLIENT_ID,
    CLIENT_SECRET,
    callback_path,
    log_in,
    logged_in_user_id,
    prime_claims,
    start_login,
)
from tests.factories import CorporationFactory, PremiumChangeApplicationFactory

pytestmark = pytest.mark.django_db


def test_it_logs_a_prime_account_in_as_its_company(client, peer, company):
    response = log_in(client)

    assert response.status_code == 302
    assert response["Location"] == reverse("applications:list")
    identity = ExternalIdentity.objects.get(issuer=peer.issuer, subject=peer.subject)
    assert identity.provider == Provider.GBIZID
    assert identity.holder == company
    assert identity.account_type == 2
    assert identity.corporate_number == company.corporate_no
    assert identity.last_login_at is not None
    user = identity.user
    assert logged_in_user_id(client) == str(user.pk)
    assert user.username == "gbiz:" + peer.subject
    assert not user.has_usable_password()
    assert user.email == "yamada@example.jp"


def test_the_applicant_then_sees_the_companys_applications(client, peer, company):
    application = PremiumChangeApplicationFactory(
        contract__holder=company, holder=company
    )

    log_in(client)

    user = ExternalIdentity.objects.get(subject=peer.subject).user
    assert list(applications_visible_to(user)) == [application]
    assert client.get(reverse("applications:list")).status_code == 200


def test_it_sends_scope_state_nonce_and_an_s256_pkce_challenge(client, peer):
    authorization_url = start_login(client)

    params = {k: v[0] for k, v in parse_qs(urlsplit(authorization_url).query).items()}
    assert params["response_type"] == "code"
    assert params["scope"] == "openid profile email"
    assert params["client_id"] == CLIENT_ID
    assert params["code_challenge_method"] == "S256"
    assert len(params["state"]) >= 32 and len(params["nonce"]) >= 32
    assert params["state"] != params["nonce"]

    client.get(callback_path(authorization_url))

    token_request = peer.token_requests[-1]
    verifier = token_request["code_verifier"]
    digest = hashlib.sha256(verifier.encode()).digest()
    assert (
        base64.urlsafe_b64encode(digest).rstrip(b"=").decode()
        == params["code_challenge"]
    )
    scheme, _sep, encoded = token_request["authorization"].partition(" ")
    assert scheme == "Basic"
    client_id, _sep, secret = base64.b64decode(encoded).decode().partition(":")
    assert (unquote(client_id), unquote(secret)) == (CLIENT_ID, CLIENT_SECRET)
    assert "client_secret" not in token_request


def test_every_login_gets_its_own_state_and_nonce(client, peer):
    first = parse_qs(urlsplit(start_login(client)).query)
    second = parse_qs(urlsplit(start_login(client)).query)

    assert first["state"] != second["state"]
    assert first["nonce"] != second["nonce"]
    assert first["code_challenge"] != second["code_challenge"]


def test_it_rotates_the_session_key_on_login(client, peer):
    authorization_url = start_login(client)
    key_before = client.session.session_key

    client.get(callback_path(authorization_url))

    assert client.session.session_key != key_before
    assert logged_in_user_id(client) is not None


def test_it_returns_to_a_safe_next_page(client, peer):
    response = log_in(client, next_url="/maintenance/somewhere/?step=2")

    assert response["Location"] == "/maintenance/somewhere/?step=2"


@pytest.mark.parametrize(
    "next_url", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"]
)
def test_it_ignores_a_next_page_on_another_site(client, peer, next_url):
    response = log_in(client, next_url=next_url)

    assert response["Location"] == reverse("applications:list")


def test_a_second_login_reuses_the_user_and_refreshes_the_email(client, peer):
    log_in(client)
    first = ExternalIdentity.objects.get(subject=peer.subject).user
    peer.userinfo_claims["email"] = "new-address@example.jp"

    log_in(client)

    identity = ExternalIdentity.objects.get(subject=peer.subject)
    assert identity.user == first
    assert identity.user.email == "new-address@example.jp"
    assert ExternalIdentity.objects.count() == 1


def test_a_sole_proprietor_is_matched_by_gbizid_management_number(client, peer):
    proprietor = CorporationFactory(
        kind=HolderKind.INDIVIDUAL, corporate_no="", gbizid_account_no="A123456789012"
    )
    peer.userinfo_claims = prime_claims("A123456789012", corp_type=2, name="山田商店")

    log_in(client)

    assert ExternalIdentity.objects.get(subject=peer.subject).holder == proprietor


def test_a_company_without_contract_is_logged_in_and_told_whom_to_ask(client, peer):
    peer.userinfo_claims = prime_claims("8900000000001")

    response = log_in(client)

    identity = ExternalIdentity.objects.get(subject=peer.subject)
    assert identity.holder is None
    assert logged_in_user_id(client) == str(identity.user.pk)
    page = client.get(response["Location"])
    assert "共済契約が見つかりません" in page.content.decode()
    assert "共済相談室" in page.content.decode()


def test_it_logs_issuer_sub_kid_and_outcome_but_no_token(client, peer, caplog):
    caplog.set_level("INFO", logger="auth_mynumber_gbiz")

    log_in(client)

    line = next(r for r in caplog.records if "login succeeded" in r.getMessage())
    message = line.getMessage()
    assert peer.issuer in message
    assert peer.subject in message
    assert peer.signing_key.kid in message
    secrets = [peer.token_requests[-1]["code"], *peer.access_tokens, *peer.id_tokens]
    assert len(secrets) == 3
    for secret in secrets:
        assert secret not in caplog.text


def test_the_login_page_explains_who_logs_in_with_what(client, db):
    response = client.get(reverse("auth_mynumber_gbiz:login") + "?next=/applications/")

    page = response.content.decode()
    assert response.status_code == 200
    assert "GビズIDプライム" in page
    assert "マイナンバーカードでログインする" in page
    start_url = reverse("auth_mynumber_gbiz:gbizid_start")
    assert f'action="{start_url}"' in page
    assert 'name="next" value="/applications/"' in page


def test_starting_a_login_needs_a_post(client, peer):
    response = client.get(reverse("auth_mynumber_gbiz:gbizid_start"))

    assert response.status_code == 405


def test_logout_ends_the_session_and_needs_a_post(client, peer):
    log_in(client)

    assert client.get(reverse("auth_mynumber_gbiz:logout")).status_code == 405
    response = client.post(reverse("auth_mynumber_gbiz:logout"), follow=True)

    assert logged_in_user_id(client) is None
    assert "ログアウトしました" in response.content.decode()
