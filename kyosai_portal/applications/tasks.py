"""Background work on applications: receipts and the mails to applicants.

Tasks take ids and are safe to run twice. `enqueue_*` are called from
`transaction.on_commit` in the web process; a broker outage there is logged,
never raised, and the sweeps re-drive the receipts and mails it held up.
"""

import logging
from datetime import timedelta

from celery import shared_task
from django.db import DatabaseError
from django.utils import timezone

from kyosai_portal.applications import mail_outbox, receipts

logger = logging.getLogger(__name__)

# Long enough that the sweep does not race the task queued on submission.
SWEEP_GRACE = timedelta(minutes=10)
SWEEP_BATCH = 500


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=True, max_retries=3)
def render_receipt(application_id):
    """Render and store the receipt of one application, then queue its mail.

    Only the run that stored the receipt queues the mail; the mail itself is
    sent once however often it is queued (mail_outbox).
    """
    if receipts.issue_receipt(application_id):
        for mail_id in mail_outbox.owed_received_mail_ids(application_id):
            send_applicant_mail.delay(mail_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=60, max_retries=5)
def send_applicant_mail(mail_id):
    """Send one mail owed to an applicant, unless it was handled already.

    A mail about a state the application has left since (e.g. a return
    answered by a resubmission) is not sent.
    """
    mail_outbox.deliver(mail_id)


@shared_task
def sweep_unsent_mails():
    """Re-drive applicant mails still owed ten minutes after they were owed.

    Return how many were queued. A received mail waits for its receipt,
    which the receipt sweep re-drives.
    """
    ids = mail_outbox.unhandled_ids(timezone.now() - SWEEP_GRACE, SWEEP_BATCH)
    return _redrive(send_applicant_mail, ids)


@shared_task
def sweep_missing_receipts():
    """Re-drive receipts still missing ten minutes after (re)submission.

    Return how many were queued.
    """
    ids = receipts.missing_receipt_ids(timezone.now() - SWEEP_GRACE, SWEEP_BATCH)
    return _redrive(render_receipt, ids)


def enqueue_receipt(application_id):
    """Queue the receipt of one application; never raise (the sweep re-drives)."""
    _enqueue(render_receipt, application_id)


def enqueue_mail(mail_id):
    """Queue the delivery of one owed applicant mail; never raise (the sweep re-drives)."""
    _enqueue(send_applicant_mail, mail_id)


def _redrive(task, ids):
    for object_id in ids:
        task.delay(object_id)
    if ids:
        logger.warning("re-driving %s for %d ids", task.name, len(ids))
    return len(ids)


def _enqueue(task, object_id):
    try:
        task.delay(object_id)
    except Exception as exc:  # noqa: BLE001 - the commit is done, the caller must go on
        logger.warning("could not queue %s for id %s: %s", task.name, object_id, exc)
