"""The one place that moves an application from one state to another.

Every move is checked against `ALLOWED`, recorded as an `ApplicationEvent` in
the same transaction, and its follow-up work (receipt, e-mail) is scheduled
with `transaction.on_commit`, so a rolled-back move leaves nothing behind.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kyosai_portal.applications.models import Application, ApplicationEvent, Status
from kyosai_portal.applications.receipt_numbers import issue_receipt_no

logger = logging.getLogger(__name__)

ALLOWED = {
    Status.DRAFT: {Status.SUBMITTED, Status.WITHDRAWN},
    Status.SUBMITTED: {Status.IN_REVIEW, Status.WITHDRAWN},
    Status.IN_REVIEW: {Status.ACCEPTED, Status.RETURNED, Status.REJECTED},
    Status.RETURNED: {Status.SUBMITTED, Status.WITHDRAWN},
    Status.ACCEPTED: {Status.EXPORTED},
    # The core's result file moves exported applications (LEGACY_INTERFACE.md).
    Status.EXPORTED: {Status.COMPLETED, Status.RETURNED, Status.REJECTED},
}

# Moves whose reason the applicant must be told.
REASON_REQUIRED = {Status.RETURNED, Status.REJECTED}


class TransitionError(Exception):
    """A move the state machine does not allow, or one missing its reason."""


def transition(application, to_status, *, actor=None, reason=""):
    """Move `application` to `to_status` and record who did it and why.

    Lock the row, check the move, write the event; return the locked,
    updated application. Raise TransitionError when the move is not allowed.
    """
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        from_status = Status(locked.status)
        to_status = Status(to_status)

        if to_status not in ALLOWED.get(from_status, set()):
            raise TransitionError(
                _("「%(from)s」の申請を「%(to)s」にすることはできません。")
                % {"from": from_status.label, "to": to_status.label}
            )
        if to_status in REASON_REQUIRED and not reason.strip():
            raise TransitionError(_("理由を入力してください。"))

        now = timezone.now()
        locked.status = to_status
        locked.status_changed_at = now
        update_fields = ["status", "status_changed_at"]
        if to_status in REASON_REQUIRED:
            locked.applicant_message = reason.strip()[:200]
            update_fields.append("applicant_message")
        if to_status == Status.SUBMITTED:
            # A resubmission keeps its number and first 受付日時 but gets a
            # fresh receipt showing the corrected values.
            locked.receipt_pdf = ""
            update_fields.append("receipt_pdf")
            if not locked.receipt_no:
                locked.receipt_no = issue_receipt_no(locked.scheme, now)
                locked.submitted_at = now
                update_fields += ["receipt_no", "submitted_at"]
        locked.save(update_fields=update_fields)

        ApplicationEvent.objects.create(
            application=locked,
            created_at=now,
            actor=actor,
            from_status=from_status,
            to_status=to_status,
            reason=reason.strip(),
        )
        logger.info(
            "application %s moved %s -> %s", locked.receipt_no or locked.pk, from_status, to_status
        )
        _schedule_follow_up(locked, from_status, to_status)

    application.__dict__.update(
        {f.attname: getattr(locked, f.attname) for f in Application._meta.concrete_fields}
    )
    return locked


def _schedule_follow_up(application, from_status, to_status):
    # Imported here: the tasks module pulls in Celery and the receipt renderer.
    from kyosai_portal.applications import tasks

    if to_status == Status.SUBMITTED:
        transaction.on_commit(
            lambda: tasks.enqueue_receipt(application.pk), robust=True
        )
    if to_status in (Status.RETURNED, Status.REJECTED, Status.COMPLETED):
        transaction.on_commit(
            lambda: tasks.enqueue_status_mail(application.pk), robust=True
        )


def start_review_if_needed(application, actor):
    """Move a submitted application into review before a clerk decides on it."""
    if application.status == Status.SUBMITTED:
        return transition(application, Status.IN_REVIEW, actor=actor)
    return application
