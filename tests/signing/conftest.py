"""Fixtures for the マイナンバーカード login and signing tests.

Two channels, both real: the development channel with the development CA
in a directory of this test session, and the デジタル認証アプリ channel
against a local peer that signs with cards of the tests' JPKI CA.
"""

import datetime

import pytest
from cryptography.hazmat.primitives import serialization
from django.urls import reverse

from auth_mynumber_gbiz import id_token, oidc_discovery
from tests.factories import SmallBusinessContractFactory
from tests.jpki.card_authority import Holder, rsa_key
from tests.jpki.conftest import authority, jpki  # noqa: F401 (fixtures)
from tests.signing.app_peer import DigitalAuthAppPeer

PORTAL = "http://testserver"
CLIENT_ID = "kyosai-portal-signing-test"
TEST_ENVIRONMENT_POLICY = "1.2.392.200149.8.5.1.0.20"

# The member the tests' cards name, as the card writes the facts.
MEMBER_NAME = "共済\u3000一郎"
MEMBER_BIRTH_DATE = datetime.date(1970, 4, 1)
MEMBER_CARD = Holder(
    name=MEMBER_NAME,
    gender="1",
    birth_date="319700401",
    address="東京都千代田区霞が関一丁目３番１号",
)


@pytest.fixture(scope="session")
def dev_jpki_dir(tmp_path_factory):
    """One development CA for the whole session: keys are slow to make."""
    return tmp_path_factory.mktemp("dev-jpki")


@pytest.fixture
def dev_channel(settings, dev_jpki_dir):
    """Sign through the development channel, trusting the development CA."""
    settings.JPKI_SIGNING_CHANNEL = "development"
    settings.DEV_JPKI_DIR = dev_jpki_dir
    settings.JPKI_CA_CERTS = str(dev_jpki_dir / "ca.pem")
    settings.JPKI_CRL_DIR = str(dev_jpki_dir / "crl")
    settings.JPKI_ALLOWED_POLICIES = [TEST_ENVIRONMENT_POLICY]
    return dev_jpki_dir


@pytest.fixture
def member(db):
    """A person holding a 小規模企業共済 contract, as their card names them."""
    return SmallBusinessContractFactory(
        holder__name="共済 一郎",
        holder__birth_date=MEMBER_BIRTH_DATE,
        holder__address="北海道札幌市中央区北一条西二丁目",
    ).holder


@pytest.fixture
def client_key_path(tmp_path):
    """The portal's private_key_jwt key, as a PEM file."""
    path = tmp_path / "portal-client-key.pem"
    path.write_bytes(
        rsa_key("portal-client").private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return path


@pytest.fixture
def app(settings, jpki, authority, client_key_path):  # noqa: F811
    """A running デジタル認証アプリ peer holding the member's card of the test CA."""
    peer = DigitalAuthAppPeer(
        client_id=CLIENT_ID,
        client_public_key=rsa_key("portal-client").public_key(),
        redirect_uri=PORTAL + reverse("auth_mynumber_gbiz:signing_callback"),
        card=authority.issue(MEMBER_CARD),
    ).start()
    settings.JPKI_SIGNING_CHANNEL = "digital_auth_app"
    settings.PORTAL_BASE_URL = PORTAL
    settings.DIGITAL_AUTH_APP_ISSUER = peer.issuer
    settings.DIGITAL_AUTH_APP_CLIENT_ID = CLIENT_ID
    settings.DIGITAL_AUTH_APP_PRIVATE_KEY = str(client_key_path)
    settings.DIGITAL_AUTH_APP_SIGN_TRANSACTIONS_URL = peer.issuer + "sign-transactions"
    oidc_discovery.metadata_cache.clear()
    id_token.jwks_cache.clear()
    yield peer
    peer.stop()
    oidc_discovery.metadata_cache.clear()
    id_token.jwks_cache.clear()
