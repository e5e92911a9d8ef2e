"""Personas and rows for the clerks' admin tests."""

import pytest
from django.contrib.auth.models import Group

from kyosai_portal.applications.staff_groups import READERS, ensure_staff_groups
from tests import factories


@pytest.fixture
def reader(db):
    """An SMRJ staff member in the 閲覧 group: sees the queue, decides nothing."""
    ensure_staff_groups()
    user = factories.UserFactory(username="smrj-reader", is_staff=True)
    user.groups.add(Group.objects.get(name=READERS))
    return user


@pytest.fixture
def submitted(db, submit):
    """Return a function making a submitted 26766 application."""

    def _submitted(**kwargs):
        return submit(factories.PremiumChangeApplicationFactory(**kwargs))

    return _submitted


@pytest.fixture
def reviewer_client(client, reviewer, staff_login):
    staff_login(client, reviewer)
    return client


@pytest.fixture
def reader_client(client, reader, staff_login):
    staff_login(client, reader)
    return client
