"""Applicant mails are owed in the move's transaction and sent exactly once.

A broker outage at commit time delays a mail until the sweep; it never
loses it. A task queued twice sends it once.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from kyosai_portal.applications import tasks, workflow
from kyosai_portal.applications.models import (
    ApplicantMail,
    MailKind,
    MailOutcome,
    Status,
)

pytestmark = pytest.mark.django_db


def _return(application, reviewer):
    workflow.transition(application, Status.IN_REVIEW, actor=reviewer)
    workflow.transition(
        application, Status.RETURNED, actor=reviewer, reason="変更月をご確認ください。"
    )
    return application.mails.get(kind=MailKind.STATUS_CHANGED)


def _owed_since(mail_row, minutes):
    ApplicantMail.objects.filter(pk=mail_row.pk).update(
        created_at=timezone.now() - timedelta(minutes=minutes)
    )


def test_a_return_owes_a_mail_in_its_own_transaction(application, reviewer):
    owed = _return(application, reviewer)

    assert (owed.status, owed.handled_at, owed.outcome) == (Status.RETURNED, None, "")
    assert mail.outbox == []


def test_a_mail_queued_twice_is_sent_once(application, reviewer):
    owed = _return(application, reviewer)

    tasks.send_applicant_mail(owed.pk)
    tasks.send_applicant_mail(owed.pk)

    assert len(mail.outbox) == 1
    owed.refresh_from_db()
    assert owed.outcome == MailOutcome.SENT
    assert owed.handled_at is not None


def test_the_sweep_sends_a_mail_the_broker_lost_and_only_once(application, reviewer):
    # In a test the commit hooks never run: as if the broker had been down.
    owed = _return(application, reviewer)
    _owed_since(owed, minutes=11)

    assert tasks.sweep_unsent_mails() >= 1
    assert tasks.sweep_unsent_mails() == 0

    assert [m.to for m in mail.outbox if "修正" in m.subject] == [
        [application.filed_by.email]
    ]


def test_the_sweep_leaves_mails_younger_than_ten_minutes_to_their_task(
    application, reviewer
):
    owed = _return(application, reviewer)
    _owed_since(owed, minutes=9)
    ApplicantMail.objects.exclude(pk=owed.pk).update(handled_at=timezone.now())

    assert tasks.sweep_unsent_mails() == 0
    assert mail.outbox == []


def test_a_received_mail_waits_for_its_receipt(application):
    owed = application.mails.get(kind=MailKind.RECEIVED)

    tasks.send_applicant_mail(owed.pk)
    owed.refresh_from_db()
    assert owed.handled_at is None
    assert mail.outbox == []

    tasks.render_receipt(application.pk)

    owed.refresh_from_db()
    assert owed.outcome == MailOutcome.SENT
    assert len(mail.outbox) == 1


def test_acceptance_is_refused_in_bulk(application, reviewer):
    """Acceptance fixes what each procedure decides then (e.g. S-CHG-4)."""
    workflow.transition(application, Status.IN_REVIEW, actor=reviewer)

    with pytest.raises(workflow.TransitionError):
        workflow.transition_many([application.pk], Status.ACCEPTED, actor=reviewer)

    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW


def test_a_received_mail_is_not_owed_once_withdrawn_before_its_receipt(application):
    owed = application.mails.get(kind=MailKind.RECEIVED)
    workflow.transition(application, Status.WITHDRAWN, actor=application.filed_by)
    _owed_since(owed, minutes=11)

    tasks.sweep_unsent_mails()

    owed.refresh_from_db()
    assert owed.outcome == MailOutcome.NOT_NEEDED
    assert tasks.sweep_unsent_mails() == 0
    assert mail.outbox == []
