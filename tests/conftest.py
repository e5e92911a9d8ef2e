"""Named personas and helpers shared by the whole suite."""

import pytest
from django.contrib.auth.models import Group

from auth_mynumber_gbiz.models import ExternalIdentity, Provider
from kyosai_portal.applications import workflow
from kyosai_portal.applications.models import Status
from tests import factories


@pytest.fixture
def company_contract(db):
    """A 倒産防止共済 contract of a company, at ¥50,000 a month."""
    return factories.SafetyNetContractFactory()


def identity_for(holder, subject=None):
    """Return a user who logged in through GビズID プライム for `holder`."""
    subject = subject or f"sub-{holder.corporate_no}"
    user = factories.UserFactory(
        username=f"gbiz:{subject}", email=f"{subject}@example.jp"
    )
    ExternalIdentity.objects.create(
        user=user,
        provider=Provider.GBIZID,
        issuer="https://gbiz.test/",
        subject=subject,
        account_type=2,
        corporate_number=holder.corporate_no,
        holder=holder,
    )
    return user


@pytest.fixture
def applicant(company_contract):
    """A company representative logged in through GビズID プライム."""
    return identity_for(company_contract.holder, subject="applicant-sub")


@pytest.fixture
def reviewer(db):
    """An SMRJ clerk in the 審査担当 group."""
    from kyosai_portal.applications.staff_groups import ensure_staff_groups

    ensure_staff_groups()
    user = factories.UserFactory(username="smrj-reviewer", is_staff=True)
    user.groups.add(Group.objects.get(name="審査担当"))
    return user


@pytest.fixture
def staff_login(db):
    """Return a function signing a staff member in to admin like a browser.

    It posts the real login form with the password and a code computed from
    a confirmed authenticator, so the session is verified by django-otp.
    """
    from tests.staff.sign_in import log_in_with_code

    return log_in_with_code


@pytest.fixture
def submit():
    """Return a function that submits a draft application the way the wizard does."""

    def _submit(application, actor=None):
        return workflow.transition(
            application, Status.SUBMITTED, actor=actor or application.filed_by
        )

    return _submit
