"""A clerk decides on one application from its admin page."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from kyosai_portal.applications import workflow
from kyosai_portal.applications.models import ApplicationEvent, Status

pytestmark = pytest.mark.django_db


def decide_url(application, slug):
    return reverse("admin:applications_application_decide", args=[application.pk, slug])


def change_url(application):
    return reverse("admin:applications_application_change", args=[application.pk])


def message_texts(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_reviewer_accepts_a_submitted_application_with_a_note(
    reviewer_client, reviewer, submitted
):
    application = submitted()

    response = reviewer_client.post(
        decide_url(application, "accept"), {"reason": "増額の確認済み"}
    )

    assert response.status_code == 302
    assert response["Location"] == change_url(application)
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED
    moves = list(
        application.events.filter(actor=reviewer).values_list(
            "from_status", "to_status", "reason"
        )
    )
    assert moves == [
        (Status.SUBMITTED, Status.IN_REVIEW, ""),
        (Status.IN_REVIEW, Status.ACCEPTED, "増額の確認済み"),
    ]
    assert application.applicant_message == ""
    assert message_texts(response) == [
        f"受付番号 {application.receipt_no} の申請を承認しました。"
    ]


def test_accepting_needs_no_note(reviewer_client, submitted):
    application = submitted()

    reviewer_client.post(decide_url(application, "accept"), {"reason": ""})

    application.refresh_from_db()
    assert application.status == Status.ACCEPTED


def test_a_return_shows_its_reason_to_the_applicant_and_records_it(
    reviewer_client, reviewer, submitted
):
    application = submitted()
    reason = "変更月が申込月より前になっています。変更月をご確認ください。"

    reviewer_client.post(decide_url(application, "return"), {"reason": reason})

    application.refresh_from_db()
    assert application.status == Status.RETURNED
    assert application.applicant_message == reason
    last = application.events.last()
    assert (last.from_status, last.to_status, last.actor, last.reason) == (
        Status.IN_REVIEW,
        Status.RETURNED,
        reviewer,
        reason,
    )


def test_a_reject_records_its_reason(reviewer_client, submitted):
    application = submitted()

    reviewer_client.post(
        decide_url(application, "reject"), {"reason": "契約が終了しています。"}
    )

    application.refresh_from_db()
    assert application.status == Status.REJECTED
    assert application.applicant_message == "契約が終了しています。"
    assert application.events.last().reason == "契約が終了しています。"


def test_an_application_already_in_review_is_decided_without_a_second_review_move(
    reviewer_client, reviewer, submitted
):
    application = submitted()
    workflow.start_review_if_needed(application, reviewer)

    reviewer_client.post(decide_url(application, "accept"))

    assert list(application.events.values_list("to_status", flat=True)) == [
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.ACCEPTED,
    ]


@pytest.mark.parametrize("slug", ["return", "reject"])
@pytest.mark.parametrize("reason", ["", "　 \n"])
def test_a_return_or_reject_without_a_reason_is_refused_and_changes_nothing(
    reviewer_client, submitted, slug, reason
):
    application = submitted()
    events_before = application.events.count()

    response = reviewer_client.post(decide_url(application, slug), {"reason": reason})

    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.applicant_message == ""
    assert application.events.count() == events_before
    assert response.context["form"].errors["reason"]
    label = "差戻し" if slug == "return" else "不受理"
    assert f"{label}の理由を入力してください。" in response.content.decode()
    assert any("行っていません" in text for text in message_texts(response))


def test_a_reason_longer_than_the_applicant_message_is_refused(
    reviewer_client, submitted
):
    application = submitted()

    response = reviewer_client.post(
        decide_url(application, "return"), {"reason": "あ" * 201}
    )

    assert response.status_code == 200
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_deciding_on_an_accepted_application_gives_a_message_not_an_error(
    reviewer_client, submitted
):
    application = submitted()
    reviewer_client.post(decide_url(application, "accept"))
    events_before = application.events.count()

    response = reviewer_client.post(
        decide_url(application, "return"), {"reason": "やはり確認が必要です。"}
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED
    assert application.events.count() == events_before
    assert message_texts(response)[-1] == (
        "「審査完了（基幹システムへの送付待ち）」の申請は審査できません。"
        "審査できるのは受付済み・審査中の申請です。"
    )


def test_the_decision_page_asks_for_the_reason_with_csrf(reviewer_client, submitted):
    application = submitted()

    response = reviewer_client.get(decide_url(application, "return"))

    assert response.status_code == 200
    body = response.content.decode()
    assert "csrfmiddlewaretoken" in body
    assert "差戻しの理由（申請者に表示されます）" in body
    assert application.receipt_no in body


def test_a_decision_post_without_csrf_token_is_refused(
    reviewer, submitted, staff_login
):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    staff_login(client, reviewer)
    application = submitted()

    response = client.post(decide_url(application, "accept"))

    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_an_unknown_decision_is_not_found(reviewer_client, submitted):
    application = submitted()

    response = reviewer_client.post(decide_url(application, "approve"))

    assert response.status_code == 404


@pytest.mark.parametrize("slug", ["accept", "return", "reject"])
def test_a_reader_cannot_decide_even_posting_by_hand(reader_client, submitted, slug):
    application = submitted()

    get = reader_client.get(decide_url(application, slug))
    post = reader_client.post(decide_url(application, slug), {"reason": "理由"})

    assert (get.status_code, post.status_code) == (403, 403)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert not ApplicationEvent.objects.filter(
        application=application, to_status=Status.IN_REVIEW
    ).exists()
