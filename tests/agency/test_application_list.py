"""Agency staff see the applications filed through their own agency only (issue 3).

/agency/ lists them newest first, twenty a page, with 受付番号, procedure,
the member's name and the status in plain Japanese; another agency's
application is never listed and its 受付番号 opens nothing, even typed in
by hand.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kyosai_portal.applications import workflow
from kyosai_portal.applications.agency_views import PAGE_SIZE
from kyosai_portal.applications.models import Status
from tests import factories
from tests.agency.sign_in import HOME, sign_agency_clerk_in, submitted_through


@pytest.fixture
def signed_in(client, agency_clerk):
    """The agency clerk's client, signed in with password and code."""
    sign_agency_clerk_in(client, agency_clerk)
    return client


def listed_receipt_nos(response):
    return [a.receipt_no for a in response.context["page"].object_list]


def test_the_list_shows_receipt_procedure_holder_and_status_in_japanese(
    signed_in, agency, reviewer
):
    application = submitted_through(
        agency, contract__holder__name="株式会社さくら製作所"
    )
    workflow.transition(application, Status.IN_REVIEW, actor=reviewer)

    body = signed_in.get(HOME).content.decode()

    assert "受付番号：" + application.receipt_no in body
    assert "倒産防止共済" in body and "掛金月額変更" in body
    assert "<h2>株式会社さくら製作所</h2>" in body
    assert '<span class="status status--in_review">審査中</span>' in body


def test_the_newest_application_comes_first(signed_in, agency):
    older = submitted_through(agency)
    newer = submitted_through(agency)

    response = signed_in.get(HOME)

    assert listed_receipt_nos(response) == [newer.receipt_no, older.receipt_no]


def test_another_agencys_applications_are_never_listed(signed_in, agency, other_agency):
    ours = submitted_through(agency)
    theirs = submitted_through(other_agency, contract__holder__name="他機関の会員")
    # Filed by the member alone: no agency at all.
    factories.PremiumChangeApplicationFactory()

    response = signed_in.get(HOME)

    assert listed_receipt_nos(response) == [ours.receipt_no]
    assert theirs.receipt_no not in response.content.decode()
    assert "他機関の会員" not in response.content.decode()


def test_another_agencys_receipt_typed_by_hand_opens_nothing(
    signed_in, agency, other_agency
):
    submitted_through(agency)
    theirs = submitted_through(other_agency, contract__holder__name="他機関の会員")

    searched = signed_in.get(HOME, {"receipt_no": theirs.receipt_no})
    detail = signed_in.get(reverse("agency:application", args=[theirs.receipt_no]))
    by_id = signed_in.get(reverse("agency:application", args=[str(theirs.pk)]))

    assert listed_receipt_nos(searched) == []
    assert "この委託機関を通じた申請の中に見つかりませんでした" in (
        searched.content.decode()
    )
    assert "他機関の会員" not in searched.content.decode()
    assert detail.status_code == 404
    assert by_id.status_code == 404


def test_a_receipt_no_finds_the_agencys_own_application(signed_in, agency):
    wanted = submitted_through(agency)
    submitted_through(agency)
    typed = " " + wanted.receipt_no.lower().translate(
        str.maketrans("0123456789", "０１２３４５６７８９")
    )

    response = signed_in.get(HOME, {"receipt_no": typed})

    assert listed_receipt_nos(response) == [wanted.receipt_no]
    assert 'value="' + typed + '"' in response.content.decode()


def test_the_detail_page_shows_status_contents_and_history(signed_in, agency, reviewer):
    application = submitted_through(
        agency, contract__holder__name="株式会社さくら製作所"
    )
    workflow.transition(application, Status.IN_REVIEW, actor=reviewer)
    workflow.transition(
        application, Status.RETURNED, actor=reviewer, reason="変更月をご確認ください。"
    )

    response = signed_in.get(
        reverse("agency:application", args=[application.receipt_no])
    )

    body = response.content.decode()
    assert response.status_code == 200
    assert "株式会社さくら製作所" in body
    assert "差戻し（修正をお願いします）" in body
    assert "変更月をご確認ください。" in body
    assert application.contract.contract_no in body
    # Clerks' names stay inside SMRJ.
    assert reviewer.username not in body


def test_drafts_are_not_listed(signed_in, agency):
    factories.PremiumChangeApplicationFactory(agency=agency)

    assert listed_receipt_nos(signed_in.get(HOME)) == []
    assert "この委託機関を通じた申請はまだありません。" in (
        signed_in.get(HOME).content.decode()
    )


def queries_to_show(client, url, **params):
    """Return the response to a GET of `url` and the SQL statements it ran."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    return response, len(queries)


def test_the_list_pages_by_twenty_in_as_many_queries_as_for_one(signed_in, agency):
    applications = [submitted_through(agency)]
    _response, for_one = queries_to_show(signed_in, HOME)
    applications += [submitted_through(agency) for _ in range(PAGE_SIZE)]

    first, for_a_full_page = queries_to_show(signed_in, HOME)
    second = signed_in.get(HOME, {"page": 2})

    assert for_a_full_page == for_one
    assert len(listed_receipt_nos(first)) == PAGE_SIZE
    assert listed_receipt_nos(second) == [applications[0].receipt_no]
    assert 'href="?page=2"' in first.content.decode()
    assert "1 / 2 ページ" in first.content.decode()
