"""Background work on applications: receipts and the mails to applicants.

Tasks take ids and are safe to run twice. `enqueue_*` are called from
`transaction.on_commit` in the web process; a broker outage there is logged,
never raised, and `sweep_missing_receipts` re-drives the receipts it lost.
"""

import logging
from datetime import timedelta

from celery import shared_task
from django.db import DatabaseError
from django.utils import timezone

from kyosai_portal.applications import notifications, receipts
from kyosai_portal.applications.models import Application

logger = logging.getLogger(__name__)

# Long enough that the sweep does not race the task queued on submission.
SWEEP_GRACE = timedelta(minutes=10)
SWEEP_BATCH = 500


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=3)
def render_receipt(application_id):
    """Render and store the receipt of one application, then queue its mail.

    Only the run that stored the receipt queues the mail, so a duplicate run
    sends nothing.
    """
    if receipts.issue_receipt(application_id):
        send_received_mail.delay(application_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_received_mail(application_id):
    """Mail the applicant that their application was received, with a link."""
    application = _application_for_mail(application_id)
    if application is not None and application.status in receipts.RECEIPT_STATUSES:
        notifications.send_received_mail(application)


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_status_mail(application_id):
    """Mail the applicant that their application was returned, rejected or completed.

    An application that has moved on since (e.g. resubmitted) gets no mail.
    """
    application = _application_for_mail(application_id)
    if application is not None:
        notifications.send_status_mail(application)


@shared_task
def sweep_missing_receipts():
    """Re-drive receipts still missing ten minutes after (re)submission.

    Return how many were queued.
    """
    ids = receipts.missing_receipt_ids(timezone.now() - SWEEP_GRACE, SWEEP_BATCH)
    for application_id in ids:
        render_receipt.delay(application_id)
    if ids:
        logger.warning("re-driving %d missing receipts", len(ids))
    return len(ids)


def enqueue_receipt(application_id):
    """Queue the receipt of one application; never raise (the sweep re-drives)."""
    _enqueue(render_receipt, application_id)


def enqueue_status_mail(application_id):
    """Queue the mail telling the applicant their application changed; never raise."""
    _enqueue(send_status_mail, application_id)


def _enqueue(task, application_id):
    try:
        task.delay(application_id)
    except Exception as exc:  # noqa: BLE001 - the commit is done, the caller must go on
        logger.warning(
            "could not queue %s for application id %s: %s",
            task.name,
            application_id,
            exc,
        )


def _application_for_mail(application_id):
    return (
        Application.objects.select_related("filed_by", "holder")
        .filter(pk=application_id, receipt_no__isnull=False)
        .first()
    )
