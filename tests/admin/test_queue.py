"""The clerks' queue: filters, searches, paging and its cost per page."""

from datetime import timedelta

import pytest
from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from kyosai_portal.applications import admin_search
from kyosai_portal.applications.admin import ApplicationAdmin
from kyosai_portal.applications.admin_paginator import EstimatedCountPaginator
from kyosai_portal.applications.models import Application, Channel, Status
from tests import factories

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:applications_application_changelist")


def capture_queries():
    """Return a context capturing the queries of one test-client request.

    Each request empties the connection's query log (request_started): the
    log must start empty, and the captured queries be read before the next
    request.
    """
    reset_queries()
    return CaptureQueriesContext(connection)


def listed(client, **params):
    response = client.get(QUEUE, params)
    assert response.status_code == 200
    return {application.pk for application in response.context["cl"].result_list}


def response_filter_choices(client, title):
    response = client.get(QUEUE)
    spec = next(s for s in response.context["cl"].filter_specs if s.title == title)
    return [choice["display"] for choice in spec.choices(response.context["cl"])]


def received_days_ago(application, days):
    # Tests place applications in the past; only the workflow writes status.
    at = timezone.now() - timedelta(days=days)
    Application.objects.filter(pk=application.pk).update(submitted_at=at)


def test_the_queue_lists_received_applications_newest_first(reviewer_client, submitted):
    older, newer = submitted(), submitted()
    received_days_ago(older, 2)
    factories.PremiumChangeApplicationFactory()  # a draft: not the clerks' business

    response = reviewer_client.get(QUEUE)

    rows = list(response.context["cl"].result_list)
    assert [row.pk for row in rows] == [newer.pk, older.pk]
    body = response.content.decode()
    assert newer.receipt_no in body and newer.holder.name in body
    assert "倒産防止共済 掛金月額変更の申込み" in body
    assert "受付済み（審査待ち）" in body
    assert "2日" in body


def test_the_status_filter(reviewer_client, reviewer, submitted):
    waiting, decided = submitted(), submitted()
    reviewer_client.post(
        reverse("admin:applications_application_decide", args=[decided.pk, "accept"])
    )

    assert listed(reviewer_client, status=Status.SUBMITTED) == {waiting.pk}
    assert listed(reviewer_client, status=Status.ACCEPTED) == {decided.pk}
    choices = response_filter_choices(reviewer_client, "状態")
    assert Status.DRAFT.label not in choices and Status.SUBMITTED.label in choices


def test_the_procedure_scheme_and_channel_filters(reviewer_client, submitted):
    by_agency = submitted(channel=Channel.AGENCY)
    by_self = submitted()

    assert listed(reviewer_client, channel__exact=Channel.AGENCY) == {by_agency.pk}
    assert listed(reviewer_client, procedure_id__exact=26766) == {
        by_agency.pk,
        by_self.pk,
    }
    assert listed(reviewer_client, procedure_id__exact=26847) == set()
    assert listed(reviewer_client, scheme__exact="T") == {by_agency.pk, by_self.pk}
    assert listed(reviewer_client, scheme__exact="S") == set()


@pytest.mark.parametrize(
    ("band", "expected_days"),
    [("0-3", {0, 3}), ("4-7", {4, 7}), ("8-14", {8, 14}), ("15-", {15, 40})],
)
def test_the_age_filter_uses_whole_days_since_receipt(
    reviewer_client, submitted, band, expected_days
):
    by_age = {}
    for days in (0, 3, 4, 7, 8, 14, 15, 40):
        application = submitted()
        received_days_ago(application, days)
        by_age[days] = application.pk

    assert listed(reviewer_client, age=band) == {by_age[d] for d in expected_days}


@pytest.fixture
def three_holders(submitted):
    """Three applications whose numbers and names differ."""
    return [
        submitted(
            contract__holder__name="有限会社山田精機",
            contract__holder__name_kana="ユウゲンガイシャヤマダセイキ",
        ),
        submitted(contract__holder__name="株式会社佐藤商事"),
        submitted(contract__holder__name="ABC Trading株式会社"),
    ]


def test_search_by_receipt_no_is_exact(reviewer_client, three_holders):
    target = three_holders[1]

    assert listed(reviewer_client, q=target.receipt_no) == {target.pk}
    assert listed(reviewer_client, q=target.receipt_no[:-1]) == set()


def test_search_by_receipt_no_accepts_full_width_and_lower_case(
    reviewer_client, three_holders
):
    target = three_holders[0]
    typed = target.receipt_no.lower().translate(
        {code: code + 0xFEE0 for code in range(0x21, 0x7F)}
    )

    assert listed(reviewer_client, q=typed) == {target.pk}


def test_search_by_corporate_no(reviewer_client, three_holders):
    target = three_holders[2]

    assert listed(reviewer_client, q=target.holder.corporate_no) == {target.pk}


def test_search_by_contract_no(reviewer_client, three_holders):
    target = three_holders[0]

    assert listed(reviewer_client, q=target.contract.contract_no) == {target.pk}


@pytest.mark.parametrize(
    ("term", "index"),
    [
        ("山田精機", 0),
        ("ヤマダ", 0),
        ("佐藤", 1),
        ("abc trading", 2),
        ("株式会社 佐藤", 1),
    ],
)
def test_search_by_name_matches_any_part_of_the_name(
    reviewer_client, three_holders, term, index
):
    assert listed(reviewer_client, q=term) == {three_holders[index].pk}


def test_a_broad_name_search_still_finds_every_match(
    reviewer_client, three_holders, monkeypatch
):
    # Past the id limit the holders are matched by a subquery instead.
    monkeypatch.setattr(admin_search, "MAX_RELATED_IDS", 1)

    assert listed(reviewer_client, q="株式会社") == {
        three_holders[1].pk,
        three_holders[2].pk,
    }


def test_the_search_filters_applications_on_their_own_columns(three_holders):
    target = three_holders[0]
    fields = ApplicationAdmin.search_fields

    with CaptureQueriesContext(connection) as lookups:
        found = admin_search.search_by_fields(
            Application.objects.all(), fields, "山田精機"
        )
        sql = str(found.query)

    # The related tables are asked first, each on its own indexed columns...
    assert len(lookups) == 2
    # ...so the applications are filtered without a join.
    assert "JOIN" not in sql
    assert list(found) == [target]


def test_the_changelist_pages_with_the_estimating_paginator(reviewer_client, submitted):
    for _ in range(3):
        submitted()

    response = reviewer_client.get(QUEUE)

    cl = response.context["cl"]
    assert isinstance(cl.paginator, EstimatedCountPaginator)
    assert cl.result_count == 3
    assert cl.paginator.count_is_estimate is False
    assert cl.full_result_count is None


def test_past_the_exact_limit_the_count_is_the_planners_estimate(
    reviewer_client, submitted, monkeypatch
):
    for _ in range(30):
        submitted()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE applications_application")
    monkeypatch.setattr(EstimatedCountPaginator, "exact_limit", 10)
    monkeypatch.setattr(ApplicationAdmin, "list_per_page", 10)

    with capture_queries() as queries:
        response = reviewer_client.get(QUEUE)
    # Read before the next request empties the log.
    sqls = [query["sql"] for query in queries]

    cl = response.context["cl"]
    assert cl.paginator.count_is_estimate is True
    # Statistics taken on 30 rows estimate about 30.
    assert 25 <= cl.result_count <= 40
    assert "約" in response.content.decode()
    counts = [sql for sql in sqls if "COUNT(" in sql.upper()]
    assert counts and all("LIMIT 11" in sql for sql in counts)
    assert any(sql.startswith("EXPLAIN") for sql in sqls)
    second_page = reviewer_client.get(QUEUE, {"p": 2})
    assert second_page.status_code == 200
    assert len(second_page.context["cl"].result_list) == 10
    assert "?p=2" in response.content.decode()


def changelist_queries(client):
    with capture_queries() as queries:
        response = client.get(QUEUE)
    assert response.status_code == 200
    return len(queries)


def test_the_changelist_queries_do_not_grow_with_the_rows(reviewer_client, submitted):
    for _ in range(5):
        submitted()
    with_five = changelist_queries(reviewer_client)
    for _ in range(45):
        submitted()

    with_fifty = changelist_queries(reviewer_client)

    assert with_fifty == with_five
    assert with_five <= 10


def test_a_reader_sees_the_queue_without_decision_actions(reader_client, submitted):
    application = submitted()

    response = reader_client.get(QUEUE)

    assert response.status_code == 200
    assert application.receipt_no in response.content.decode()
    assert response.context["action_form"] is None
