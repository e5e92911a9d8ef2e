"""ID tokens the portal must refuse (IDENTITY.md negative cases), and key rotation."""

import time

import pytest

from auth_mynumber_gbiz.models import ExternalIdentity
from tests.auth.conftest import log_in, logged_in_user_id
from tests.auth.oidc_test_peer import DROP, PeerKey

pytestmark = pytest.mark.django_db


def assert_refused(client, response, status=400):
    """Check the applicant got a Japanese error page, not a login."""
    page = response.content.decode()
    assert response.status_code == status
    assert "ログイン画面に戻る" in page
    assert logged_in_user_id(client) is None
    assert not ExternalIdentity.objects.exists()


@pytest.mark.parametrize(
    "claims",
    [
        pytest.param({"aud": "another-client"}, id="wrong-aud"),
        pytest.param({"aud": DROP}, id="missing-aud"),
        pytest.param({"aud": ["another-client", "kyosai-portal-test"]}, id="no-azp"),
        pytest.param({"iss": "http://127.0.0.1:1/"}, id="wrong-iss"),
        pytest.param({"iss": DROP}, id="missing-iss"),
        pytest.param({"exp": int(time.time()) - 120}, id="expired"),
        pytest.param({"exp": DROP}, id="missing-exp"),
        pytest.param({"iat": DROP}, id="missing-iat"),
        pytest.param({"iat": int(time.time()) + 3600}, id="iat-in-future"),
        pytest.param({"nonce": "not-the-nonce-we-sent"}, id="nonce-mismatch"),
        pytest.param({"nonce": DROP}, id="missing-nonce"),
        pytest.param({"at_hash": "AAAAAAAAAAAAAAAAAAAAAA"}, id="wrong-at-hash"),
    ],
)
def test_it_refuses_an_id_token_with_bad_claims(client, peer, claims):
    peer.faults["claims"] = claims

    assert_refused(client, log_in(client))


def test_it_accepts_several_audiences_when_azp_names_the_portal(client, peer):
    peer.faults["claims"] = {
        "aud": ["another-client", "kyosai-portal-test"],
        "azp": "kyosai-portal-test",
    }

    assert log_in(client).status_code == 302
    assert logged_in_user_id(client) is not None


def test_it_refuses_alg_none(client, peer):
    peer.faults["alg"] = "none"

    assert_refused(client, log_in(client))


def test_it_refuses_hs256_signed_with_the_providers_public_key(client, peer):
    peer.faults["alg"] = "HS256-public-key"

    assert_refused(client, log_in(client))


def test_it_refuses_a_token_signed_by_a_key_the_provider_does_not_publish(client, peer):
    impostor = PeerKey(kid=peer.signing_key.kid)
    peer.faults["sign_with"] = impostor

    assert_refused(client, log_in(client))


def test_it_refuses_an_unknown_kid_after_one_refetch(client, peer):
    peer.faults["kid"] = "kid-nobody-published"

    assert_refused(client, log_in(client))
    assert peer.hits["/jwks"] == 2


def test_it_follows_a_key_rotation_by_refetching_the_jwks(client, peer):
    assert log_in(client).status_code == 302
    client.logout()
    peer.rotate_key()

    response = log_in(client)

    assert response.status_code == 302
    assert logged_in_user_id(client) is not None
    assert peer.hits["/jwks"] == 2


def test_it_refetches_the_jwks_at_most_once_a_minute_for_unknown_kids(client, peer):
    peer.faults["kid"] = "forged-kid-1"
    log_in(client)
    assert peer.hits["/jwks"] == 2

    peer.faults["kid"] = "forged-kid-2"
    response = log_in(client)

    assert response.status_code == 400
    assert peer.hits["/jwks"] == 2


def test_it_uses_the_cached_jwks_for_a_known_kid(client, peer):
    log_in(client)
    client.logout()

    log_in(client)

    assert peer.hits["/jwks"] == 1


@pytest.mark.parametrize("header", ["jku", "x5u"])
def test_it_never_fetches_keys_from_a_url_in_the_token(client, peer, header):
    attacker = PeerKey(kid="attacker-key")
    peer.faults.update(
        sign_with=attacker,
        kid="attacker-key",
        attacker_key=attacker,
        headers={header: peer.issuer + "attacker-jwks"},
    )

    assert_refused(client, log_in(client))
    assert "/attacker-jwks" not in peer.hits


def test_it_never_trusts_a_key_embedded_in_the_token(client, peer):
    attacker = PeerKey(kid=peer.signing_key.kid)
    peer.faults.update(sign_with=attacker, headers={"jwk": attacker.public_jwk()})

    assert_refused(client, log_in(client))


def test_it_refuses_a_userinfo_sub_other_than_the_id_tokens(client, peer):
    peer.faults["userinfo_sub"] = "someone-else"

    assert_refused(client, log_in(client))
