"""Fixtures for the receipt tests: submitted applications and a private media root."""

import pytest

from tests import factories


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Store receipts under this test's own directory."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def application(applicant, company_contract, submit):
    """The applicant's submitted 26766 増額 from ¥50,000 to ¥100,000, no receipt yet."""
    return submit(
        factories.PremiumChangeApplicationFactory(
            contract=company_contract, filed_by=applicant
        )
    )


@pytest.fixture
def yoshino_application(submit):
    """A submitted 26766 of a company whose name has 𠮷, beyond JIS X 0213."""
    holder = factories.CorporationFactory(name="𠮷野家商事株式会社")
    contract = factories.SafetyNetContractFactory(holder=holder)
    return submit(factories.PremiumChangeApplicationFactory(contract=contract))
