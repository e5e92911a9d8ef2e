"""The clerk permission groups: 審査担当 acts on applications, 閲覧 only reads."""

from django.contrib.auth.models import Group, Permission

REVIEWERS = "審査担当"
READERS = "閲覧"

_READ = [
    ("applications", "view_application"),
    ("applications", "view_applicationevent"),
    ("applications", "view_attachment"),
    ("applications", "view_applicantmail"),
    ("contracts", "view_contract"),
    ("contracts", "view_contractholder"),
    ("contracts", "view_agency"),
    ("legacy", "view_exportbatch"),
    ("legacy", "view_resultimport"),
    ("maintenance", "view_safetynetpremiumchange"),
]
_ACT = [("applications", "review_application")]


def ensure_staff_groups():
    """Create or update both groups with exactly their permissions."""
    for name, perms in ((READERS, _READ), (REVIEWERS, _READ + _ACT)):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(
            [
                Permission.objects.get(content_type__app_label=app, codename=code)
                for app, code in perms
            ]
        )
