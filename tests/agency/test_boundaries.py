"""Agency staff, clerks and applicants each stay in their own part of the portal.

Agency staff are not Django staff and never reach admin; clerks and
applicants never reach /agency/; an agency account is no applicant
identity on the GビズID / マイナンバーカード pages.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kyosai_portal.applications.staff_groups import REVIEWERS
from kyosai_portal.contracts.models import AgencyStaffMember
from tests import factories
from tests.agency.sign_in import (
    HOME,
    LOGIN,
    agency_login_data,
    agency_staff_at,
    sign_agency_clerk_in,
    submitted_through,
)
from tests.conftest import identity_for
from tests.staff.sign_in import (
    clerk_in,
    current_code,
    log_in_with_code,
    login_data,
    totp_device_for,
)

ADMIN_LOGIN = reverse("admin:login")
ADMIN_QUEUE = reverse("admin:applications_application_changelist")


def test_a_signed_in_agency_clerk_cannot_reach_admin(client, agency_clerk):
    sign_agency_clerk_in(client, agency_clerk)

    for url in (reverse("admin:index"), ADMIN_QUEUE):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(ADMIN_LOGIN)


def test_the_admin_login_refuses_an_agency_clerks_password_and_code(
    client, agency_clerk, device
):
    response = client.post(ADMIN_LOGIN, login_data(agency_clerk, current_code(device)))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert client.get(ADMIN_QUEUE)["Location"].startswith(ADMIN_LOGIN)


def test_an_agency_clerk_without_a_device_is_not_sent_to_the_clerks_enrolment(
    client, new_agency_clerk
):
    response = client.post(ADMIN_LOGIN, login_data(new_agency_clerk))

    assert response.status_code == 200
    assert client.get(reverse("staff:otp_setup"))["Location"] == ADMIN_LOGIN


def test_a_clerk_cannot_sign_in_under_agency(client):
    clerk = clerk_in(REVIEWERS, "smrj-clerk")
    device = totp_device_for(clerk)

    response = client.post(LOGIN, agency_login_data(clerk, current_code(device)))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert "_auth_user_id" not in client.session


def test_a_signed_in_clerk_does_not_reach_agency_pages(client):
    clerk = clerk_in(REVIEWERS, "smrj-clerk")
    log_in_with_code(client, clerk)

    assert client.get(HOME)["Location"].startswith(LOGIN)


def test_an_agency_member_made_staff_loses_the_agency_pages(client, agency_clerk):
    sign_agency_clerk_in(client, agency_clerk)
    agency_clerk.is_staff = True
    agency_clerk.save(update_fields=["is_staff"])

    assert client.get(HOME)["Location"].startswith(LOGIN)


def test_a_clerk_cannot_be_made_agency_staff(agency):
    clerk = clerk_in(REVIEWERS, "smrj-clerk")

    with pytest.raises(ValidationError) as refused:
        AgencyStaffMember(user=clerk, agency=agency).full_clean()

    assert "スタッフ権限のあるユーザー" in str(refused.value)


def test_an_applicant_does_not_reach_agency_pages(client, applicant, agency):
    application = submitted_through(agency)
    client.force_login(applicant)

    for url in (HOME, reverse("agency:application", args=[application.receipt_no])):
        assert client.get(url)["Location"].startswith(LOGIN)


def test_an_applicant_cannot_sign_in_under_agency(client, company_contract):
    applicant = identity_for(company_contract.holder)
    applicant.set_password("correct horse battery staple")
    applicant.save()

    response = client.post(LOGIN, agency_login_data(applicant))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert client.get(HOME)["Location"].startswith(LOGIN)


def test_an_agency_clerk_is_no_applicant_identity(client, agency, agency_clerk):
    member_application = submitted_through(agency)
    sign_agency_clerk_in(client, agency_clerk)

    applicant_list = client.get(reverse("applications:list"))
    status = client.get(
        reverse("applications:status", args=[member_application.receipt_no])
    )
    receipt = client.get(reverse("receipt", args=[member_application.receipt_no]))

    assert applicant_list.status_code == 403
    assert status.status_code == 404
    assert receipt.status_code == 404


def test_an_inactive_agency_clerk_cannot_sign_in(client, agency):
    user = agency_staff_at(agency, "left-the-agency")
    device = totp_device_for(user)
    user.is_active = False
    user.save(update_fields=["is_active"])

    response = client.post(LOGIN, agency_login_data(user, current_code(device)))

    assert response.status_code == 200
    assert client.get(HOME)["Location"].startswith(LOGIN)


def test_a_user_without_staff_rights_can_be_made_agency_staff(agency):
    user = factories.UserFactory(username="plain")

    AgencyStaffMember(user=user, agency=agency).full_clean()


def test_in_admin_a_superuser_links_a_user_to_an_agency_but_never_a_clerk(
    client, staff_login, agency
):
    staff_login(
        client, factories.UserFactory(username="root", is_staff=True, is_superuser=True)
    )
    add = reverse("admin:contracts_agencystaffmember_add")
    clerk = clerk_in(REVIEWERS, "smrj-clerk")
    plain = factories.UserFactory(username="new-agency-clerk")

    refused = client.post(add, {"user": clerk.pk, "agency": agency.pk})
    accepted = client.post(add, {"user": plain.pk, "agency": agency.pk})

    assert refused.status_code == 200
    assert "スタッフ権限のあるユーザー" in refused.content.decode()
    assert accepted.status_code == 302
    assert AgencyStaffMember.objects.get().user == plain
