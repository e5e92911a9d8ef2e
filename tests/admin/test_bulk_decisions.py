"""Deciding on several applications at once from the queue."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import get_messages
from django.urls import reverse

from kyosai_portal.applications import admin_review, workflow
from kyosai_portal.applications.models import Status

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:applications_application_changelist")


def choose(client, action, applications):
    """Pick an action for the checked rows, as the changelist's action bar does."""
    return client.post(
        QUEUE,
        {
            "action": action,
            ACTION_CHECKBOX_NAME: [a.pk for a in applications],
            "index": 0,
        },
    )


def confirm(client, action, applications, reason=""):
    """Submit the confirmation page with its reason."""
    return client.post(
        QUEUE,
        {
            "action": action,
            ACTION_CHECKBOX_NAME: [a.pk for a in applications],
            "confirm": "yes",
            "reason": reason,
        },
    )


def statuses(applications):
    for application in applications:
        application.refresh_from_db()
    return [application.status for application in applications]


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_accepting_several_asks_for_confirmation_first(reviewer_client, submitted):
    applications = [submitted() for _ in range(3)]

    page = choose(reviewer_client, "accept_selected", applications)

    assert page.status_code == 200
    body = page.content.decode()
    for application in applications:
        assert application.receipt_no in body
    assert "備考（任意・履歴に残ります）" in body
    assert statuses(applications) == [Status.SUBMITTED] * 3


def test_accepting_several_moves_them_all(reviewer_client, reviewer, submitted):
    applications = [submitted() for _ in range(3)]

    response = confirm(reviewer_client, "accept_selected", applications)

    assert response.status_code == 302
    assert statuses(applications) == [Status.ACCEPTED] * 3
    assert all(
        application.events.filter(to_status=Status.ACCEPTED, actor=reviewer).exists()
        for application in applications
    )
    assert messages_of(response) == ["3件の申請を承認しました。"]


def test_returning_several_gives_each_the_same_reason_and_reports_the_refused(
    reviewer_client, reviewer, submitted
):
    waiting = [submitted(), submitted()]
    decided = submitted()
    workflow.start_review_if_needed(decided, reviewer)
    workflow.transition(decided, Status.ACCEPTED, actor=reviewer)
    reason = "添付書類が不足しています。決算書の写しを添付してください。"

    response = confirm(reviewer_client, "return_selected", [*waiting, decided], reason)

    assert statuses(waiting) == [Status.RETURNED] * 2
    assert [a.applicant_message for a in waiting] == [reason] * 2
    assert statuses([decided]) == [Status.ACCEPTED]
    success, warning = messages_of(response)
    assert success == "2件の申請を差し戻しました。"
    assert warning.startswith("次の1件は変更できませんでした：")
    assert decided.receipt_no in warning
    assert "審査できません" in warning


def test_the_confirmation_page_warns_about_rows_that_cannot_be_decided(
    reviewer_client, reviewer, submitted
):
    decided = submitted()
    workflow.start_review_if_needed(decided, reviewer)
    workflow.transition(decided, Status.REJECTED, actor=reviewer, reason="重複")

    page = choose(reviewer_client, "reject_selected", [decided, submitted()])

    assert (
        page.content.decode().count("できません（受付済み・審査中ではありません）") == 1
    )


def test_rejecting_several_without_a_reason_changes_nothing(reviewer_client, submitted):
    applications = [submitted(), submitted()]

    response = confirm(reviewer_client, "reject_selected", applications, reason=" ")

    assert response.status_code == 200
    assert "不受理の理由を入力してください。" in response.content.decode()
    assert statuses(applications) == [Status.SUBMITTED] * 2
    assert all(a.events.count() == 1 for a in applications)


def test_rejecting_several_with_a_reason(reviewer_client, submitted):
    applications = [submitted(), submitted()]

    confirm(reviewer_client, "reject_selected", applications, "対象外の契約です。")

    assert statuses(applications) == [Status.REJECTED] * 2


def test_too_many_at_once_are_refused_with_a_message(
    reviewer_client, submitted, monkeypatch
):
    monkeypatch.setattr(admin_review, "MAX_BULK_DECISIONS", 2)
    applications = [submitted() for _ in range(3)]

    response = confirm(reviewer_client, "accept_selected", applications)

    assert statuses(applications) == [Status.SUBMITTED] * 3
    assert messages_of(response) == [
        "一度に審査できるのは2件までです。"
        "絞り込みや検索で対象を減らしてから選択してください。"
    ]


@pytest.mark.parametrize("action", ["accept_selected", "return_selected"])
def test_a_reader_posting_a_decision_action_by_hand_gets_403(
    reader_client, submitted, action
):
    applications = [submitted(), submitted()]

    response = confirm(reader_client, action, applications, "理由")

    assert response.status_code == 403
    assert statuses(applications) == [Status.SUBMITTED] * 2
