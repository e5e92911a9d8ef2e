"""The two places staff sign in to with a second factor, and who belongs where.

SMRJ clerks sign in to Django admin; agency staff (委託機関の担当者) sign
in to their own pages under /agency/. Both share the login form's code
check, enrolment by QR code, backup codes and the lockout. An area says
where its login and home pages are and who may sign in to it, so that the
shared pieces never send anyone to the other area.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kyosai_portal.contracts.models import AgencyStaffMember


@dataclass(frozen=True)
class SignInArea:
    name: str
    login_url: str
    home_url: str
    # What the pages call the area: 「{{ system_name }}へ進む」.
    system_name: Promise
    base_template: str
    may_sign_in: Callable


def is_clerk(user):
    """Return True when `user` is an active SMRJ clerk (Django staff)."""
    return user.is_active and user.is_staff


def agency_membership(user):
    """Return the AgencyStaffMember of `user` with its agency, or None.

    Only an active user who is not a clerk has one here: agency pages are
    never reached with a clerk's account, whatever its data says.
    """
    if not user.is_active or user.is_staff:
        return None
    return AgencyStaffMember.objects.select_related("agency").filter(user=user).first()


def is_agency_staff(user):
    """Return True when `user` is an active agency staff member, not a clerk."""
    return agency_membership(user) is not None


CLERKS = SignInArea(
    name="admin",
    login_url="admin:login",
    home_url="admin:index",
    system_name=_("審査システム"),
    base_template="base.html",
    may_sign_in=is_clerk,
)
AGENCY_STAFF = SignInArea(
    name="agency",
    login_url="agency:login",
    home_url="agency:applications",
    system_name=_("委託機関の申請一覧"),
    base_template="agency/base.html",
    may_sign_in=is_agency_staff,
)
