"""Absolute links to portal pages, for documents and mails that leave the site."""

from django.conf import settings
from django.urls import reverse


def status_page_url(application):
    """Return the absolute URL of the application's status page."""
    path = reverse("applications:status", args=[application.receipt_no])
    return settings.PORTAL_BASE_URL.rstrip("/") + path
