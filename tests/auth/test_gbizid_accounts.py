"""Which GビズID accounts may use the portal, and for which company (IDENTITY.md)."""

import pytest

from auth_mynumber_gbiz.models import ExternalIdentity
from kyosai_portal.applications.access import applications_visible_to
from tests.auth.conftest import log_in, logged_in_user_id, prime_claims
from tests.auth.test_gbizid_id_token import assert_refused
from tests.factories import PremiumChangeApplicationFactory, SafetyNetContractFactory

pytestmark = pytest.mark.django_db


def test_an_entry_account_is_refused_with_a_way_forward(client, peer, company):
    peer.userinfo_claims = prime_claims(company.corporate_no, account_type=1)

    response = log_in(client)

    assert_refused(client, response, status=403)
    page = response.content.decode()
    assert "GビズIDエントリー" in page
    assert "GビズIDプライム" in page


@pytest.mark.parametrize("account_type", [2, "2"])
def test_a_prime_account_is_accepted_whether_the_type_is_a_number_or_text(
    client, peer, company, account_type
):
    peer.userinfo_claims = prime_claims(
        company.corporate_no, account_type=account_type, corp_type=str(1)
    )

    assert log_in(client).status_code == 302
    assert ExternalIdentity.objects.get().holder == company


def test_a_member_account_acts_for_the_company_of_its_own_number(client, peer, company):
    peer.userinfo_claims = prime_claims(company.corporate_no, account_type=3)

    assert log_in(client).status_code == 302
    identity = ExternalIdentity.objects.get()
    assert identity.account_type == 3
    assert identity.holder == company


def test_a_member_that_moved_to_another_company_loses_the_first_one(
    client, peer, company
):
    other_company = SafetyNetContractFactory().holder
    first_application = PremiumChangeApplicationFactory(
        contract__holder=company, holder=company
    )
    peer.userinfo_claims = prime_claims(company.corporate_no, account_type=3)
    log_in(client)
    client.logout()
    peer.userinfo_claims = prime_claims(other_company.corporate_no, account_type=3)

    log_in(client)

    identity = ExternalIdentity.objects.get()
    assert identity.holder == other_company
    assert first_application not in applications_visible_to(identity.user)


def test_a_company_number_with_a_wrong_check_digit_is_refused(client, peer, company):
    number = company.corporate_no
    wrong_check_digit = str((int(number[0]) % 9) + 1) + number[1:]
    peer.userinfo_claims = prime_claims(wrong_check_digit)

    response = log_in(client)

    assert_refused(client, response, status=403)
    assert "法人番号" in response.content.decode()


@pytest.mark.parametrize("number", ["", "123", "12345678901234", None])
def test_a_company_number_that_is_not_13_digits_is_refused(client, peer, number):
    peer.userinfo_claims = prime_claims(number)

    assert_refused(client, log_in(client), status=403)


@pytest.mark.parametrize(
    "claims",
    [
        {"account_type": 9},
        {"account_type": None},
        {"account_type": True},
        {"corp_type": 3},
        {"corp_type": "法人"},
    ],
)
def test_an_account_of_unknown_kind_is_refused(client, peer, company, claims):
    peer.userinfo_claims = prime_claims(company.corporate_no, **claims)

    assert_refused(client, log_in(client), status=403)


def test_a_sole_proprietor_without_management_number_is_refused(client, peer):
    peer.userinfo_claims = prime_claims("", corp_type=2)

    assert_refused(client, log_in(client), status=403)


def test_a_portal_user_switched_off_by_smrj_cannot_log_in(client, peer):
    log_in(client)
    client.logout()
    user = ExternalIdentity.objects.get().user
    user.is_active = False
    user.save()

    response = log_in(client)

    assert response.status_code == 403
    assert logged_in_user_id(client) is None
