"""Personas for staff sign-in: SMRJ clerks with and without an authenticator."""

import pytest
from axes.utils import reset as reset_axes

from kyosai_portal.applications.staff_groups import REVIEWERS
from tests.staff.sign_in import clerk_in, totp_device_for


@pytest.fixture(autouse=True)
def no_failed_logins_recorded(db):
    """Start every test with no failed attempts and no lockout recorded."""
    reset_axes()


@pytest.fixture
def new_clerk(db):
    """An SMRJ clerk in 審査担当 who has not set up an authenticator yet."""
    return clerk_in(REVIEWERS, "new-clerk")


@pytest.fixture
def clerk(new_clerk):
    """The same clerk with a confirmed authenticator on their phone."""
    totp_device_for(new_clerk)
    return new_clerk


@pytest.fixture
def device(clerk):
    """The clerk's confirmed authenticator."""
    return totp_device_for(clerk)
