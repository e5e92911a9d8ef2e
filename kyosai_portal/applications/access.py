"""Who may see which applications."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from kyosai_portal.applications.models import Application


def holder_of(user):
    """Return the ContractHolder `user` acts for, or None."""
    identity = getattr(user, "external_identity", None)
    return identity.holder if identity else None


def applications_visible_to(user):
    """Return the applications `user` may see: staff see all, applicants their own."""
    if not user.is_authenticated:
        return Application.objects.none()
    if user.is_staff and user.has_perm("applications.view_application"):
        return Application.objects.all()
    holder = holder_of(user)
    if holder is None:
        return Application.objects.none()
    return Application.objects.filter(holder=holder)


def get_visible_application(user, **lookup):
    """Return the one application matching `lookup` that `user` may see, else 404."""
    if not user.is_authenticated:
        raise PermissionDenied
    return get_object_or_404(applications_visible_to(user), **lookup)
