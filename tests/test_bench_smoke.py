"""The bench seeds consistent data through COPY; its drafts and sessions work.

The bench itself prints figures, never asserts them; these tests only check
that what it loads is what the portal would have written, so its figures
measure real pages on real data.
"""

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from stdnum.jp import cn

from auth_mynumber_gbiz.models import ExternalIdentity
from bench import dataset, load_plan, seed
from kyosai_portal.applications.models import Application, ApplicationEvent, Status
from kyosai_portal.contracts.models import ContractHolder
from maintenance.models import SafetyNetPremiumChange


@pytest.fixture
def plan():
    return dataset.Plan(
        contracts=40, applications=100, accepted=5, drafts=5, today=timezone.localdate()
    )


@pytest.fixture
def seeded(db, plan):
    """The plan copied into the test database with every check on."""
    connection.ensure_connection()
    written = seed.seed(connection.connection, plan, bulk=False)
    # Foreign keys are deferred to the commit a test never reaches: check now.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    return written


def test_seeder_copies_the_planned_rows_with_valid_keys(seeded, plan):
    assert seeded[Application._meta.db_table] == plan.applications
    assert Application.objects.count() == plan.applications
    assert ContractHolder.objects.count() == plan.contracts
    assert all(
        cn.is_valid(no)
        for no in ContractHolder.objects.values_list("corporate_no", flat=True)
    )
    assert set(Application.objects.values_list("status", flat=True)) == set(
        Status.values
    )
    assert Application.objects.filter(status=Status.ACCEPTED).count() == plan.accepted


def test_every_submitted_application_has_its_detail_and_history(seeded):
    submitted = Application.objects.filter(receipt_no__isnull=False)
    details = SafetyNetPremiumChange.objects.values_list("application_id", flat=True)
    assert set(submitted.values_list("pk", flat=True)) == set(details)
    for application in submitted:
        moves = list(application.events.values_list("to_status", flat=True))
        assert moves[0] == Status.SUBMITTED
        assert moves[-1] == application.status


def test_a_seeded_draft_submits_through_the_confirm_page(seeded, client):
    draft = Application.objects.filter(
        status=Status.DRAFT, draft_data__has_key="timing"
    ).first()
    client.force_login(ExternalIdentity.objects.get(holder=draft.holder).user)

    response = client.post(
        reverse("maintenance:t_premium_change_confirm", args=[draft.pk])
    )

    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert response.url == reverse("applications:status", args=[draft.receipt_no])
    assert ApplicationEvent.objects.filter(application=draft).count() == 1


def test_a_prepared_session_logs_the_applicant_in(seeded, client):
    application = Application.objects.filter(status=Status.ACCEPTED).first()
    user = ExternalIdentity.objects.get(holder=application.holder).user
    keys = load_plan.create_sessions([user.pk])

    client.cookies["sessionid"] = keys[user.pk]
    response = client.get(reverse("applications:status", args=[application.receipt_no]))

    assert response.status_code == 200
    assert application.receipt_no in response.content.decode()
