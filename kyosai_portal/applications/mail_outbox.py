"""The mails the portal owes applicants, kept until sent (an outbox).

A move that calls for a mail writes an ApplicantMail row in its own
transaction (`owe_mails`). A task then delivers it (`deliver`) under a row
lock and marks it handled; a periodic sweep re-drives rows left unhandled,
e.g. when the broker was down at commit time. Delivery is at least once: a
crash between the SMTP hand-over and the commit would send a mail twice.
"""

import logging

from django.db import transaction
from django.utils import timezone

from kyosai_portal.applications import notifications
from kyosai_portal.applications.models import (
    ApplicantMail,
    MailKind,
    MailOutcome,
    Status,
)
from kyosai_portal.applications.receipts import RECEIPT_STATUSES

logger = logging.getLogger(__name__)

# The states whose arrival the applicant is told about by mail.
STATUS_MAIL_STATUSES = (Status.RETURNED, Status.REJECTED, Status.COMPLETED)


def owe_mails(application, to_status, now):
    """Record the mails `application`'s move to `to_status` calls for.

    Call in the transaction of the move; return the rows written.
    """
    return owe_mails_in_bulk([application.pk], to_status, now)


def owe_mails_in_bulk(application_ids, to_status, now):
    """Record the mails a move of `application_ids` to `to_status` calls for.

    Call in the transaction of the move; return the rows written, with ids.
    """
    if to_status == Status.SUBMITTED:
        kind = MailKind.RECEIVED
    elif to_status in STATUS_MAIL_STATUSES:
        kind = MailKind.STATUS_CHANGED
    else:
        return []
    return ApplicantMail.objects.bulk_create(
        ApplicantMail(application_id=pk, kind=kind, status=to_status, created_at=now)
        for pk in application_ids
    )


def deliver(mail_id):
    """Send one owed mail unless it is handled already; return its outcome.

    Return None, leaving it owed, for a received mail whose receipt is not
    stored yet: the receipt task delivers it once it is.
    """
    with transaction.atomic():
        mail = (
            ApplicantMail.objects.select_for_update(of=("self",))
            .select_related("application__filed_by", "application__holder")
            .filter(pk=mail_id, handled_at__isnull=True)
            .first()
        )
        if mail is None:
            return None
        application = mail.application
        # Checked first: an application withdrawn before its receipt never
        # gets one, and its mail must not wait for it for ever.
        if not _still_true(mail, application):
            outcome = MailOutcome.NOT_NEEDED
        elif mail.kind == MailKind.RECEIVED and not application.receipt_pdf:
            return None
        elif mail.kind == MailKind.RECEIVED:
            outcome = _outcome(notifications.send_received_mail(application))
        else:
            outcome = _outcome(notifications.send_status_mail(application))
        mail.handled_at = timezone.now()
        mail.outcome = outcome
        mail.save(update_fields=["handled_at", "outcome"])
    logger.info("applicant mail %s: %s", mail_id, outcome)
    return outcome


def owed_received_mail_ids(application_id):
    """Return the ids of `application_id`'s received mails still owed."""
    return list(
        ApplicantMail.objects.filter(
            application_id=application_id,
            kind=MailKind.RECEIVED,
            handled_at__isnull=True,
        ).values_list("pk", flat=True)
    )


def unhandled_ids(created_before, limit):
    """Return the ids of at most `limit` mails owed since before `created_before`."""
    return list(
        ApplicantMail.objects.filter(
            handled_at__isnull=True, created_at__lt=created_before
        )
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )


def _still_true(mail, application):
    if mail.kind == MailKind.RECEIVED:
        return application.status in RECEIPT_STATUSES
    return application.status == mail.status


def _outcome(sent):
    return MailOutcome.SENT if sent else MailOutcome.NO_ADDRESS
