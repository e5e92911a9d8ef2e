"""The production channel against a local デジタル認証アプリ peer.

IDENTITY.md: code flow with PKCE S256 and nonce, client authentication
`private_key_jwt`, scopes `openid name address birthdate gender`, and a
signing request over the digest of what the portal asked to be signed.
The peer verifies the portal's client assertion and PKCE itself.
"""

import base64
import hashlib
import json
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from cryptography.hazmat.primitives import serialization
from django.urls import reverse

from auth_mynumber_gbiz.models import ExternalIdentity
from auth_mynumber_gbiz.pending_flows import pkce_challenge
from auth_mynumber_gbiz.signing.channel import SESSION_KEY
from tests.auth.conftest import logged_in_user_id
from tests.jpki.card_authority import rsa_key
from tests.signing.conftest import CLIENT_ID
from tests.signing.flows import log_in_with_app, path_of

pytestmark = pytest.mark.django_db

START = reverse("auth_mynumber_gbiz:jpki_start")


def test_a_member_logs_in_through_the_app(client, app, member):
    answer = log_in_with_app(client)

    assert answer.status_code == 302, answer.content.decode()
    assert answer["Location"] == reverse("applications:list")
    identity = ExternalIdentity.objects.get(holder=member)
    assert logged_in_user_id(client) == str(identity.user_id)


def test_the_authorization_request_carries_pkce_nonce_state_and_the_scopes(
    client, app, member
):
    started = client.post(START)
    params = parse_qs(urlsplit(started["Location"]).query)

    assert params["response_type"] == ["code"]
    assert params["scope"] == ["openid name address birthdate gender"]
    assert params["code_challenge_method"] == ["S256"]
    assert len(params["code_challenge"][0]) == 43
    assert params["nonce"][0] and params["state"][0]
    assert params["sign_transaction_id"][0] in app.transactions
    entry = client.session[SESSION_KEY][params["state"][0]]
    assert pkce_challenge(entry["verifier"]) == params["code_challenge"][0]
    assert entry["nonce"] == params["nonce"][0]


def test_the_digest_registered_is_that_of_the_bytes_kept_in_the_session(
    client, app, member
):
    started = client.post(START)
    state = parse_qs(urlsplit(started["Location"]).query)["state"][0]
    entry = client.session[SESSION_KEY][state]
    signed_bytes = base64.b64decode(entry["data"])

    (digest,) = app.transactions.values()

    assert digest == hashlib.sha256(signed_bytes).digest()
    assert json.loads(signed_bytes)["format"] == "kyosai-portal-login/1"


def test_every_token_request_is_authenticated_by_a_fresh_client_assertion(
    client, app, member
):
    log_in_with_app(client)

    grants = [request["grant_type"] for request in app.token_requests]
    assert grants == ["client_credentials", "authorization_code"]
    assert len(app.assertions) == 2
    assert {claims["iss"] for claims in app.assertions} == {CLIENT_ID}
    assert {claims["aud"] for claims in app.assertions} == {app.issuer + "token"}
    assert len({claims["jti"] for claims in app.assertions}) == 2
    assert all("client_secret" not in request for request in app.token_requests)


def test_a_client_key_the_app_does_not_know_is_refused(client, app, member):
    app.client_public_pem = (
        rsa_key("someone-else")
        .public_key()
        .public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
        .decode()
    )

    started = client.post(START)

    assert started.status_code == 502
    assert (
        "デジタル認証アプリとの通信がうまくいきませんでした" in started.content.decode()
    )
    assert not app.transactions


def test_the_code_is_redeemed_with_the_pkce_verifier(client, app, member):
    started = client.post(START)
    answer = requests.get(started["Location"], allow_redirects=False, timeout=5)
    callback = answer.headers["Location"]
    state = parse_qs(urlsplit(callback).query)["state"][0]
    session = client.session
    session[SESSION_KEY][state]["verifier"] = "x" * 64
    session.save()

    returned = client.get(client.get(path_of(callback))["Location"])

    assert (
        "デジタル認証アプリとの通信がうまくいきませんでした"
        in returned.content.decode()
    )
    assert logged_in_user_id(client) is None


def test_an_id_token_with_another_nonce_is_refused(client, app, member):
    app.faults["claims"] = {"nonce": "not-the-portals-nonce"}

    answer = log_in_with_app(client)

    assert "安全のため手続きを中止しました" in answer.content.decode()
    assert logged_in_user_id(client) is None
    assert not app.result_requests


def test_cancelling_in_the_app_says_so(client, app, member):
    app.faults["error"] = "access_denied"

    answer = log_in_with_app(client)

    assert "電子署名を中止しました" in answer.content.decode()
    assert logged_in_user_id(client) is None


def test_an_answer_for_another_browser_is_refused(client, app, member):
    started = client.post(START)
    answer = requests.get(started["Location"], allow_redirects=False, timeout=5)
    client.cookies.clear()

    refused = client.get(path_of(answer.headers["Location"]))

    assert refused.status_code == 400
    assert "有効期限が切れました" in refused.content.decode()
    assert not app.token_requests[1:]


def test_the_callback_works_once(client, app, member):
    started = client.post(START)
    answer = requests.get(started["Location"], allow_redirects=False, timeout=5)
    callback = path_of(answer.headers["Location"])
    client.get(client.get(callback)["Location"])
    client.logout()

    replay = client.get(callback)

    assert replay.status_code == 400
    assert logged_in_user_id(client) is None


def test_the_signature_is_verified_by_the_portal_not_taken_from_the_app(
    client, app, member
):
    app.faults["tamper"] = True

    answer = log_in_with_app(client)

    assert "電子署名が申込内容と一致しません" in answer.content.decode()
    assert logged_in_user_id(client) is None


def test_the_login_page_lets_its_form_go_to_the_app(client, app):
    policy = client.get(reverse("auth_mynumber_gbiz:login"))["Content-Security-Policy"]

    assert app.issuer.rstrip("/") in policy


def test_the_development_page_does_not_exist_with_the_app_channel(client, app, member):
    assert client.get("/auth/dev-jpki/sign/some-state/").status_code == 404


def test_an_insecure_issuer_is_refused_before_anything_is_sent(
    client, app, member, settings
):
    settings.DIGITAL_AUTH_APP_ISSUER = "http://app.example/"

    started = client.post(START)

    assert started.status_code == 503
    assert "マイナンバーカードでの電子署名を利用できません" in started.content.decode()
    assert not app.token_requests


def test_a_missing_client_key_is_refused_before_anything_is_sent(
    client, app, member, settings, tmp_path
):
    settings.DIGITAL_AUTH_APP_PRIVATE_KEY = str(tmp_path / "missing.pem")

    started = client.post(START)

    assert started.status_code == 503
    assert not app.token_requests
