"""The page django-axes shows while a staff login is locked out."""

from django.conf import settings
from django.shortcuts import render


def lockout_page(request, original_response, credentials):
    """Render the Japanese lockout page: how many failures, how long to wait."""
    return render(
        request,
        "staff/locked_out.html",
        {
            "failure_limit": settings.STAFF_LOGIN_FAILURE_LIMIT,
            "minutes": settings.STAFF_LOCKOUT_MINUTES,
        },
        status=429,
    )
