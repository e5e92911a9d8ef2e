"""Fixtures for JPKI verification: a trusted test CA, its CRL, the settings."""

from dataclasses import dataclass
from pathlib import Path

import pytest

from auth_mynumber_gbiz.jpki.crl_cache import reload_crl_store
from tests.jpki.card_authority import CardAuthority, crl_bytes

SIGNED_BYTES = (
    b'{"procedure":"26847","monthly_premium":30000,'
    b'"contract":"K-0001","at":"2026-12-03T10:00:00+09:00"}'
)


@pytest.fixture(scope="session")
def authority():
    """The trusted JPKI 署名用認証局 of the tests."""
    return CardAuthority()


@dataclass
class JpkiSetup:
    """The files the settings point at, and ways to change them."""

    ca_bundle: Path
    crl_dir: Path

    def write_crl(self, crl, name="jpki.crl", encoding="DER"):
        """Put a CRL into JPKI_CRL_DIR under `name` and reload."""
        (self.crl_dir / name).write_bytes(crl_bytes(crl, encoding))
        reload_crl_store()

    def remove_crls(self):
        """Empty JPKI_CRL_DIR and reload."""
        for path in self.crl_dir.iterdir():
            path.unlink()
        reload_crl_store()


@pytest.fixture
def jpki(tmp_path, settings, authority):
    """Trust the test CA, with a current CRL revoking nothing of ours."""
    ca_bundle = tmp_path / "jpki-ca.pem"
    ca_bundle.write_bytes(authority.pem)
    crl_dir = tmp_path / "crl"
    crl_dir.mkdir()
    settings.JPKI_CA_CERTS = str(ca_bundle)
    settings.JPKI_CRL_DIR = str(crl_dir)
    setup = JpkiSetup(ca_bundle=ca_bundle, crl_dir=crl_dir)
    setup.write_crl(authority.crl(revoked=[1, 2, 3]))
    return setup
