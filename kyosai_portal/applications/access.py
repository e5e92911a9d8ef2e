"""Who may see which applications."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404

from auth_mynumber_gbiz.models import ExternalIdentity
from kyosai_portal.applications.models import Application
from kyosai_portal.contracts.models import ContractHolder


def holder_of(user):
    """Return the ContractHolder `user` acts for, or None.

    One query, remembered on the user object for the rest of the request.
    """
    if not user.is_authenticated:
        return None
    if not hasattr(user, "_acts_for_holder"):
        user._acts_for_holder = ContractHolder.objects.filter(
            identities__user=user
        ).first()
    return user._acts_for_holder


def applications_visible_to(user):
    """Return the applications `user` may see: staff see all, applicants their own."""
    if not user.is_authenticated:
        return Application.objects.none()
    if user.is_staff and user.has_perm("applications.view_application"):
        return Application.objects.all()
    return Application.objects.filter(applicant_owns(user))


def applicant_owns(user):
    """Return the condition of applications of the holder `user` logged in for.

    A subquery rather than a lookup first: the page's own query checks it.
    """
    return Q(
        holder_id__in=ExternalIdentity.objects.filter(user_id=user.pk).values(
            "holder_id"
        )
    )


def get_visible_application(user, *, related=(), **lookup):
    """Return the one application matching `lookup` that `user` may see, else 404.

    `related` names foreign keys to fetch in the same query.
    """
    if not user.is_authenticated:
        raise PermissionDenied
    return get_object_or_404(
        applications_visible_to(user).select_related(*related), **lookup
    )
