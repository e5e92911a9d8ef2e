"""E-mails to applicants about their applications.

A mail says only that something happened and links to the status page, where
the applicant logs in to read the rest: no names, amounts or reasons, and
never the receipt PDF, because a mail can be forwarded or read by others.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

from kyosai_portal.applications.links import status_page_url
from kyosai_portal.applications.models import Status

logger = logging.getLogger(__name__)


def applicant_address(application):
    """Return where mail about `application` goes: its filer, else its holder."""
    return application.filed_by.email or application.holder.email or ""


def send_received_mail(application):
    """Tell the applicant their application was received; return whether sent."""
    return _send(application, "application_received", {})


def send_status_mail(application):
    """Tell the applicant the state their application reached; return whether sent.

    Which states call for this mail is mail_outbox's business.
    """
    context = {
        "status": application.status,
        "status_label": Status(application.status).label,
    }
    return _send(application, "status_changed", context)


def _send(application, template, extra_context):
    address = applicant_address(application)
    if not address:
        logger.info("no mail address for application %s", application.receipt_no)
        return False

    context = {
        "receipt_no": application.receipt_no,
        "status_url": status_page_url(application),
        **extra_context,
    }
    subject = render_to_string(f"emails/{template}_subject.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string(f"emails/{template}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[address],
    )
    message.attach_alternative(
        render_to_string(f"emails/{template}.html", context), "text/html"
    )
    message.send()
    logger.info("sent %s mail for application %s", template, application.receipt_no)
    return True
