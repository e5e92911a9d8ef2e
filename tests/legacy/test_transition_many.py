"""`workflow.transition_many`, the export's bulk move (ARCHITECTURE.md,
Application states)."""

import pytest
from django.db import connection

from kyosai_portal.applications import workflow
from kyosai_portal.applications.models import (
    ApplicantMail,
    Application,
    ApplicationEvent,
    Status,
)
from tests.factories import PremiumChangeApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["postgresql", "other databases"], autouse=True)
def database(request, monkeypatch):
    """Run each test with the one-statement PostgreSQL move and with the
    ORM's, which SQLite (`make run`) uses."""
    if request.param != "postgresql":
        monkeypatch.setattr(connection, "vendor", "sqlite")
    return request.param


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


def test_each_event_records_who_moved_it_why_and_when_and_mails_follow(
    accepted_application, django_capture_on_commit_callbacks
):
    """ApplicationEvent is the clerks' audit trail: one per application."""
    clerk = UserFactory(username="bulk-clerk")
    pks = [accepted_application().pk for _ in range(3)]
    workflow.transition_many(pks, Status.EXPORTED)

    with django_capture_on_commit_callbacks() as mails:
        moved = workflow.transition_many(
            pks, Status.REJECTED, actor=clerk, reason=" 対象外です。 ", chunk_size=2
        )

    assert moved == 3
    events = ApplicationEvent.objects.filter(to_status=Status.REJECTED)
    assert sorted(e.application_id for e in events) == sorted(pks)
    changed_at = set(
        Application.objects.filter(pk__in=pks).values_list(
            "status_changed_at", flat=True
        )
    )
    assert {(e.from_status, e.actor, e.reason, e.created_at) for e in events} == {
        (Status.EXPORTED, clerk, "対象外です。", *changed_at)
    }
    assert len(mails) == 3
    owed = ApplicantMail.objects.filter(application_id__in=pks, status=Status.REJECTED)
    assert owed.count() == 3


def test_extra_fields_are_written_with_the_status(accepted_application):
    """The export claims its applications with `export_batch` this way."""
    from kyosai_portal.legacy.models import ExportBatch

    application = accepted_application()
    batch = ExportBatch.objects.create(
        scheme="T",
        run_date="2026-12-04",
        run_seq=1,
        created_at="2026-12-03T16:30:00Z",
        file_name="KYOT2026120401.DAT",
    )

    workflow.transition_many(
        [application.pk], Status.EXPORTED, extra_fields={"export_batch": batch}
    )

    application.refresh_from_db()
    assert (application.status, application.export_batch) == (Status.EXPORTED, batch)


def test_submission_is_refused_in_bulk_because_each_needs_its_receipt_no():
    application = PremiumChangeApplicationFactory()

    with pytest.raises(workflow.TransitionError):
        workflow.transition_many([application.pk], Status.SUBMITTED)

    application.refresh_from_db()
    assert application.status == Status.DRAFT
