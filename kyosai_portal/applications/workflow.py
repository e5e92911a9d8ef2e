"""The one place that moves an application from one state to another.

Every move is checked against `ALLOWED`, recorded as an `ApplicationEvent` in
the same transaction, and its follow-up work (receipt, e-mail) is scheduled
with `transaction.on_commit`, so a rolled-back move leaves nothing behind.
"""

import logging
from functools import partial

from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.sql.subqueries import UpdateQuery
from django.utils import timezone
from django.utils.translation import gettext as _

from kyosai_portal.applications import mail_outbox
from kyosai_portal.applications.models import (
    Application,
    ApplicationEvent,
    MailKind,
    Status,
)
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

# Moves with follow-up work of their own per application.
ONE_BY_ONE = {Status.SUBMITTED, Status.ACCEPTED}


class TransitionError(Exception):
    """A move the state machine does not allow, or one missing its reason."""


def transition(application, to_status, *, actor=None, reason=""):
    """Move `application` to `to_status` and record who did it and why.

    Lock the row, check the move, write the event; return the locked,
    updated application. Raise TransitionError when the move is not allowed.
    """
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        transition_locked(locked, to_status, actor=actor, reason=reason)

    application.__dict__.update(
        {
            f.attname: getattr(locked, f.attname)
            for f in Application._meta.concrete_fields
        }
    )
    return locked


def transition_locked(locked, to_status, *, actor=None, reason=""):
    """Move `locked`, whose row this transaction already holds, to `to_status`.

    For callers that locked the row themselves to check it first (submission
    does): it saves locking and reading the row a second time. Return
    `locked`, updated. Raise TransitionError, before writing anything, when
    the move is not allowed.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("transition_locked() needs the transaction holding the row")
    from_status = Status(locked.status)
    to_status = Status(to_status)
    _check_move(from_status, to_status, reason)

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
    if to_status == Status.ACCEPTED:
        _fix_what_acceptance_decides(locked, now)

    _event(locked.pk, from_status, to_status, actor, reason, now).save()
    mails = mail_outbox.owe_mails(locked, to_status, now)
    logger.info(
        "application %s moved %s -> %s",
        locked.receipt_no or locked.pk,
        from_status,
        to_status,
    )
    _schedule_follow_up(locked.pk, to_status, mails)
    return locked


def transition_many(
    applications,
    to_status,
    *,
    actor=None,
    reason="",
    skip_locked=False,
    extra_fields=None,
    chunk_size=2000,
):
    """Move many applications to `to_status` at once; return how many moved.

    `applications` is a queryset or an iterable of primary keys. Rows are
    locked and checked chunk by chunk in one transaction: if any row's move
    is not allowed, TransitionError is raised and nothing moves. With
    `skip_locked`, rows another transaction holds are left alone rather than
    waited for. `extra_fields` are written in the same UPDATE as the status
    (the export sets `export_batch` this way, in one pass over the rows).
    Moves with follow-up work of their own (to submitted, which issues a
    受付番号; to accepted) go one by one through `transition()`.
    """
    to_status = Status(to_status)
    if to_status in ONE_BY_ONE:
        raise TransitionError(
            _("「%(to)s」への変更は1件ずつ行ってください。") % {"to": to_status.label}
        )
    if not isinstance(applications, QuerySet):
        applications = Application.objects.filter(pk__in=list(applications))

    now = timezone.now()
    changes = {**(extra_fields or {}), "status": to_status, "status_changed_at": now}
    if to_status in REASON_REQUIRED:
        changes["applicant_message"] = reason.strip()[:200]
    new_event = partial(
        _event, to_status=to_status, actor=actor, reason=reason, now=now
    )
    move_page = _move_page_in_sql if connection.vendor == "postgresql" else _move_page
    moved = 0
    last_pk = 0
    with transaction.atomic():
        # Keyset pages of locked rows: memory stays flat however many move.
        while rows := move_page(
            applications.filter(pk__gt=last_pk)
            .order_by("pk")
            .select_for_update(skip_locked=skip_locked)
            .values_list("pk", "status")[:chunk_size],
            changes,
            new_event,
        ):
            # The page is written already: raising here rolls it back.
            for from_status in {status for _pk, status in rows}:
                _check_move(Status(from_status), to_status, reason)
            for mail in mail_outbox.owe_mails_in_bulk(
                [pk for pk, _status in rows], to_status, now
            ):
                _schedule_mail(mail)
            last_pk = max(pk for pk, _status in rows)
            moved += len(rows)

    logger.info("%d applications moved to %s", moved, to_status)
    return moved


def _move_page(page, changes, new_event):
    """Apply `changes` to the locked `page` and record an event per row.

    Return the page's (pk, from_status) pairs.
    """
    rows = list(page)
    if rows:
        Application.objects.filter(pk__in=[pk for pk, _status in rows]).update(
            **changes
        )
        ApplicationEvent.objects.bulk_create(
            new_event(pk, from_status) for pk, from_status in rows
        )
    return rows


def _move_page_in_sql(page, changes, new_event):
    """Do what `_move_page` does in one PostgreSQL statement.

    The database selects and locks the page, updates it and inserts its
    events itself, so neither the rows nor a list of their ids go back and
    forth, nor is a model built per row.
    """
    page_sql, page_params = page.query.sql_with_params()
    update = UpdateQuery(Application)
    update.add_update_values(changes)
    update_sql, update_params = update.get_compiler(connection=connection).as_sql()
    event = new_event(None, "")
    event_fields = [
        ApplicationEvent._meta.get_field(name)
        for name in ("created_at", "actor", "to_status", "reason")
    ]
    quote = connection.ops.quote_name
    sql = (
        "WITH page (id, from_status) AS ({page}), "
        "moved AS ({update} FROM page WHERE {applications}.{pk} = page.id "
        "RETURNING page.id, page.from_status), "
        "recorded AS (INSERT INTO {events} ({application}, {from_status}, {columns}) "
        "SELECT id, from_status, {values} FROM moved) "
        "SELECT id, from_status FROM moved"
    ).format(
        page=page_sql,
        update=update_sql,
        applications=quote(Application._meta.db_table),
        pk=quote(Application._meta.pk.column),
        events=quote(ApplicationEvent._meta.db_table),
        application=quote(ApplicationEvent._meta.get_field("application").column),
        from_status=quote(ApplicationEvent._meta.get_field("from_status").column),
        columns=", ".join(quote(field.column) for field in event_fields),
        values=", ".join(["%s"] * len(event_fields)),
    )
    event_params = [
        field.get_db_prep_save(getattr(event, field.attname), connection)
        for field in event_fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*page_params, *update_params, *event_params])
        return cursor.fetchall()


def _fix_what_acceptance_decides(application, now):
    # E.g. the month a 小規模 premium change applies from (S-CHG-4).
    detail = application.detail
    if detail is not None:
        detail.on_accepted(timezone.localdate(now))


def _event(application_id, from_status, to_status, actor, reason, now):
    return ApplicationEvent(
        application_id=application_id,
        created_at=now,
        actor=actor,
        from_status=from_status,
        to_status=to_status,
        reason=reason.strip(),
    )


def _check_move(from_status, to_status, reason):
    if to_status not in ALLOWED.get(from_status, set()):
        raise TransitionError(
            _("「%(from)s」の申請を「%(to)s」にすることはできません。")
            % {"from": from_status.label, "to": to_status.label}
        )
    if to_status in REASON_REQUIRED and not reason.strip():
        raise TransitionError(_("理由を入力してください。"))


def _schedule_follow_up(application_id, to_status, mails):
    # Imported here: the tasks module pulls in Celery and the receipt renderer.
    from kyosai_portal.applications import tasks

    if to_status == Status.SUBMITTED:
        # The receipt task sends the received mail once the receipt exists.
        transaction.on_commit(
            lambda: tasks.enqueue_receipt(application_id), robust=True
        )
    for mail in mails:
        if mail.kind == MailKind.STATUS_CHANGED:
            _schedule_mail(mail)


def _schedule_mail(mail):
    from kyosai_portal.applications import tasks

    transaction.on_commit(partial(tasks.enqueue_mail, mail.pk), robust=True)


def start_review_if_needed(application, actor):
    """Move a submitted application into review before a clerk decides on it."""
    if application.status == Status.SUBMITTED:
        return transition(application, Status.IN_REVIEW, actor=actor)
    return application
