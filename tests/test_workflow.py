"""The application state machine (ARCHITECTURE.md, Application states)."""

import pytest

from kyosai_portal.applications import workflow
from kyosai_portal.applications.models import ApplicationEvent, Status
from tests.factories import PremiumChangeApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_it_issues_a_receipt_no_and_records_the_event_on_submission(submit):
    application = PremiumChangeApplicationFactory()

    submit(application)

    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.receipt_no.startswith("T")
    assert len(application.receipt_no) == 16
    event = ApplicationEvent.objects.get(application=application)
    assert (event.from_status, event.to_status) == (Status.DRAFT, Status.SUBMITTED)
    assert event.actor == application.filed_by


def test_it_refuses_a_move_the_state_machine_does_not_allow():
    application = PremiumChangeApplicationFactory()

    with pytest.raises(workflow.TransitionError):
        workflow.transition(application, Status.ACCEPTED)

    application.refresh_from_db()
    assert application.status == Status.DRAFT
    assert not application.events.exists()


def test_a_return_needs_a_reason_that_the_applicant_then_sees(submit):
    clerk = UserFactory()
    application = submit(PremiumChangeApplicationFactory())
    workflow.transition(application, Status.IN_REVIEW, actor=clerk)

    with pytest.raises(workflow.TransitionError):
        workflow.transition(application, Status.RETURNED, actor=clerk, reason="  ")
    workflow.transition(
        application, Status.RETURNED, actor=clerk, reason="変更月をご確認ください。"
    )

    application.refresh_from_db()
    assert application.status == Status.RETURNED
    assert application.applicant_message == "変更月をご確認ください。"


def test_a_resubmission_keeps_the_receipt_no_and_first_received_time(submit):
    clerk = UserFactory()
    application = submit(PremiumChangeApplicationFactory())
    first_no, first_at = application.receipt_no, application.submitted_at
    workflow.transition(application, Status.IN_REVIEW, actor=clerk)
    workflow.transition(application, Status.RETURNED, actor=clerk, reason="確認")

    submit(application)

    application.refresh_from_db()
    assert (application.receipt_no, application.submitted_at) == (first_no, first_at)
    assert application.events.count() == 4


@pytest.mark.django_db(transaction=True)
def test_a_move_of_a_row_no_transaction_holds_is_refused():
    application = PremiumChangeApplicationFactory()

    with pytest.raises(RuntimeError):
        workflow.transition_locked(application, Status.SUBMITTED)

    application.refresh_from_db()
    assert application.status == Status.DRAFT
