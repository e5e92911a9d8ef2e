"""Personas for agency staff: a 商工会議所 and its staff member, another agency."""

import pytest
from axes.utils import reset as reset_axes

from tests import factories
from tests.agency.sign_in import agency_staff_at
from tests.staff.sign_in import totp_device_for


@pytest.fixture(autouse=True)
def no_failed_logins_recorded(db):
    """Start every test with no failed attempts and no lockout recorded."""
    reset_axes()


@pytest.fixture
def agency(db):
    """The 商工会議所 the agency clerk works at."""
    return factories.AgencyFactory(code="13100001", name="東京商工会議所")


@pytest.fixture
def other_agency(db):
    """Another agency, whose applications are none of the first one's business."""
    return factories.AgencyFactory(code="27100002", name="大阪府商工会連合会")


@pytest.fixture
def new_agency_clerk(agency):
    """An agency clerk who has not set up an authenticator yet."""
    return agency_staff_at(agency, "shokokai-tanaka")


@pytest.fixture
def agency_clerk(new_agency_clerk):
    """The same agency clerk with a confirmed authenticator."""
    totp_device_for(new_agency_clerk)
    return new_agency_clerk


@pytest.fixture
def device(agency_clerk):
    """The agency clerk's confirmed authenticator."""
    return totp_device_for(agency_clerk)
