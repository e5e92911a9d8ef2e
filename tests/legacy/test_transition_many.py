"""`workflow.transition_many`, the export's bulk move (ARCHITECTURE.md,
Application states)."""

import pytest

from kyosai_portal.applications import workflow
from kyosai_portal.applications.models import Application, ApplicationEvent, Status
from tests.factories import PremiumChangeApplicationFactory

pytestmark = pytest.mark.django_db


def test_it_moves_every_row_and_records_one_event_each(accepted_application):
    applications = [accepted_application() for _ in range(5)]
    pks = [application.pk for application in applications]

    moved = workflow.transition_many(
        Application.objects.filter(pk__in=pks), Status.EXPORTED, chunk_size=2
    )

    assert moved == 5
    assert set(
        Application.objects.filter(pk__in=pks).values_list("status", flat=True)
    ) == {Status.EXPORTED}
    events = ApplicationEvent.objects.filter(to_status=Status.EXPORTED)
    assert sorted(events.values_list("application_id", flat=True)) == sorted(pks)
    assert {(e.from_status, e.actor_id) for e in events} == {(Status.ACCEPTED, None)}


def test_one_disallowed_row_stops_the_whole_move(accepted_application, submit):
    accepted = [accepted_application() for _ in range(3)]
    only_submitted = submit(PremiumChangeApplicationFactory())
    pks = [a.pk for a in accepted] + [only_submitted.pk]

    with pytest.raises(workflow.TransitionError):
        workflow.transition_many(pks, Status.EXPORTED, chunk_size=2)

    assert set(
        Application.objects.filter(pk__in=pks).values_list("status", flat=True)
    ) == {Status.ACCEPTED, Status.SUBMITTED}
    assert not ApplicationEvent.objects.filter(to_status=Status.EXPORTED).exists()


def test_a_bulk_return_needs_a_reason_and_shows_it_to_the_applicants(
    accepted_application,
):
    pks = [accepted_application().pk for _ in range(2)]
    workflow.transition_many(pks, Status.EXPORTED)

    with pytest.raises(workflow.TransitionError):
        workflow.transition_many(pks, Status.RETURNED, reason=" ")
    workflow.transition_many(pks, Status.RETURNED, reason="住所をご確認ください。")

    assert set(
        Application.objects.filter(pk__in=pks).values_list(
            "status", "applicant_message"
        )
    ) == {(Status.RETURNED, "住所をご確認ください。")}


def test_submission_is_refused_in_bulk_because_each_needs_its_receipt_no():
    application = PremiumChangeApplicationFactory()

    with pytest.raises(workflow.TransitionError):
        workflow.transition_many([application.pk], Status.SUBMITTED)

    application.refresh_from_db()
    assert application.status == Status.DRAFT
