"""The clerk groups exist after every migrate, with exactly their permissions."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management.sql import emit_post_migrate_signal

from kyosai_portal.applications.staff_groups import READERS, REVIEWERS

pytestmark = pytest.mark.django_db


def codenames(group_name):
    group = Group.objects.get(name=group_name)
    return set(group.permissions.values_list("codename", flat=True))


def test_post_migrate_creates_both_groups_with_their_permissions():
    Group.objects.filter(name__in=[READERS, REVIEWERS]).delete()

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert "review_application" in codenames(REVIEWERS)
    assert "review_application" not in codenames(READERS)
    assert codenames(REVIEWERS) - codenames(READERS) == {"review_application"}
    assert {"view_application", "view_contract", "view_exportbatch"} <= codenames(
        READERS
    )


def test_post_migrate_puts_back_a_permission_removed_by_hand():
    readers = Group.objects.get(name=READERS)
    readers.permissions.remove(Permission.objects.get(codename="view_application"))

    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")

    assert "view_application" in codenames(READERS)
