"""Agency staff helpers: a member of an agency, its login, its applications."""

from django.urls import reverse

from kyosai_portal.applications import workflow
from kyosai_portal.applications.models import Channel, Status
from kyosai_portal.contracts.models import AgencyStaffMember
from tests import factories
from tests.staff.sign_in import PASSWORD, current_code, login_data, totp_device_for

LOGIN = reverse("agency:login")
HOME = reverse("agency:applications")


def agency_staff_at(agency, username):
    """Return a staff member of `agency` (not Django staff), no authenticator."""
    user = factories.UserFactory(username=username)
    AgencyStaffMember.objects.create(user=user, agency=agency)
    return user


def agency_login_data(user, code="", password=PASSWORD):
    """Return the agency login form's fields for `user`."""
    return login_data(user, code, password, next_url=HOME)


def sign_agency_clerk_in(client, user):
    """Sign `user` in under /agency/ with the password and a current code."""
    device = totp_device_for(user)
    response = client.post(LOGIN, agency_login_data(user, current_code(device)))
    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == HOME
    return device


def submitted_through(agency, **fields):
    """Return a 26766 application filed through `agency` and submitted."""
    application = factories.PremiumChangeApplicationFactory(
        agency=agency, channel=Channel.AGENCY, **fields
    )
    return workflow.transition(
        application, Status.SUBMITTED, actor=application.filed_by
    )
