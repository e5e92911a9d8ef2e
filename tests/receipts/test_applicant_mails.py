"""Mails to applicants: a link to the status page, nothing personal."""

import pytest
from django.core import mail

from kyosai_portal.applications import tasks, workflow
from kyosai_portal.applications.models import MailOutcome, Status
from tests import factories

pytestmark = pytest.mark.django_db

STATUS_PATH = "http://127.0.0.1:8000/applications/%s/"


@pytest.fixture(autouse=True)
def portal_base_url(settings):
    settings.PORTAL_BASE_URL = "http://127.0.0.1:8000"


def _all_text(message):
    html = "".join(body for body, _mimetype in message.alternatives)
    return message.subject + message.body + html


def _assert_nothing_personal(message, application):
    text = _all_text(message)
    assert application.holder.name not in text
    assert application.holder.representative not in text
    for amount in ("50,000", "100,000", "50000", "100000", "円"):
        assert amount not in text
    assert message.attachments == []


def test_the_received_mail_links_to_the_status_page_and_names_no_one(application):
    application.filed_by.email = "filer@example.jp"
    application.filed_by.save()

    tasks.render_receipt(application.pk)

    [message] = mail.outbox
    assert message.to == ["filer@example.jp"]
    assert application.receipt_no in message.subject
    link = STATUS_PATH % application.receipt_no
    assert link in message.body
    assert f'<a href="{link}">' in message.alternatives[0][0]
    _assert_nothing_personal(message, application)


def test_without_a_filer_address_the_mail_goes_to_the_holder(application):
    application.filed_by.email = ""
    application.filed_by.save()

    tasks.render_receipt(application.pk)

    assert [m.to for m in mail.outbox] == [[application.holder.email]]


def test_no_mail_when_neither_filer_nor_holder_has_an_address(submit):
    holder = factories.CorporationFactory(email="")
    contract = factories.SafetyNetContractFactory(holder=holder)
    application = submit(factories.PremiumChangeApplicationFactory(contract=contract))

    tasks.render_receipt(application.pk)

    application.refresh_from_db()
    assert application.receipt_pdf
    assert mail.outbox == []


def _move(application, actor, *steps):
    for status, reason in steps:
        workflow.transition(application, status, actor=actor, reason=reason)


@pytest.mark.parametrize(
    ("steps", "subject_says"),
    [
        ([(Status.RETURNED, "変更月をご確認ください。")], "修正をお願いします"),
        ([(Status.REJECTED, "契約が解除されています。")], "審査の結果"),
        (
            [(Status.ACCEPTED, ""), (Status.EXPORTED, ""), (Status.COMPLETED, "")],
            "完了しました",
        ),
    ],
)
def test_a_decision_is_mailed_with_a_link_but_without_its_reason(
    application, reviewer, django_capture_on_commit_callbacks, steps, subject_says
):
    _move(application, reviewer, (Status.IN_REVIEW, ""))

    with django_capture_on_commit_callbacks(execute=True):
        _move(application, reviewer, *steps)

    [message] = mail.outbox
    assert subject_says in message.subject
    assert STATUS_PATH % application.receipt_no in message.body
    for _status, reason in steps:
        if reason:
            assert reason not in _all_text(message)
    _assert_nothing_personal(message, application)


def test_no_status_mail_for_an_application_that_has_moved_on(application, reviewer):
    _move(
        application,
        reviewer,
        (Status.IN_REVIEW, ""),
        (Status.RETURNED, "変更月をご確認ください。"),
    )
    workflow.transition(application, Status.SUBMITTED, actor=application.filed_by)
    returned_mail = application.mails.get(status=Status.RETURNED)

    tasks.send_applicant_mail(returned_mail.pk)

    assert mail.outbox == []
    returned_mail.refresh_from_db()
    assert returned_mail.outcome == MailOutcome.NOT_NEEDED
