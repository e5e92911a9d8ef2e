"""Downloading the 受付票: the applicant and staff only, never cached."""

import pytest
from django.urls import reverse

from auth_mynumber_gbiz.models import ExternalIdentity, Provider
from kyosai_portal.applications import tasks
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def ready(application):
    """The applicant's application with its receipt stored."""
    tasks.render_receipt(application.pk)
    application.refresh_from_db()
    return application


@pytest.fixture
def other_company_user(db):
    """A representative of another company, logged in through GビズID."""
    contract = factories.SafetyNetContractFactory()
    user = factories.UserFactory(username="gbiz-other-company")
    ExternalIdentity.objects.create(
        user=user,
        provider=Provider.GBIZID,
        issuer="https://gbiz.test/",
        subject="other-company-sub",
        account_type=2,
        corporate_number=contract.holder.corporate_no,
        holder=contract.holder,
    )
    return user


def _download(client, user, application):
    if user is not None:
        client.force_login(user)
    return client.get(reverse("receipt", args=[application.receipt_no]))


def _assert_pdf_attachment(response, application):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="uketsukehyo-{application.receipt_no}.pdf"'
    )
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_the_applicant_downloads_their_receipt(client, applicant, ready):
    _assert_pdf_attachment(_download(client, applicant, ready), ready)


def test_staff_download_any_receipt(client, reviewer, ready):
    _assert_pdf_attachment(_download(client, reviewer, ready), ready)


def test_another_company_gets_not_found(client, other_company_user, ready):
    response = _download(client, other_company_user, ready)

    assert response.status_code == 404


def test_staff_without_the_view_permission_get_not_found(client, ready):
    staff = factories.UserFactory(username="staff-without-groups", is_staff=True)

    assert _download(client, staff, ready).status_code == 404


def test_an_anonymous_visitor_is_sent_to_log_in(client, ready):
    response = _download(client, None, ready)

    assert response.status_code == 302
    assert reverse("receipt", args=[ready.receipt_no]) in response["Location"]


def test_a_receipt_not_ready_yet_gets_a_page_saying_so(client, applicant, application):
    response = _download(client, applicant, application)

    assert response.status_code == 202
    assert response["Content-Type"].startswith("text/html")
    assert response["Cache-Control"] == "private, no-store"
    page = response.content.decode()
    assert "<title>受付票を作成しています" in page
    assert (
        f"受付番号 {application.receipt_no} の受付票（PDF）は、ただいま作成中です"
        in page
    )
