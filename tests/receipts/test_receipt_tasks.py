"""Receipt tasks: stored once, queued on submission, re-driven by the sweep."""

import os
import subprocess
import sys
import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone

from kyosai_portal.applications import receipts, tasks, workflow
from kyosai_portal.applications.models import Application, Status
from tests import factories
from tests.receipts.pdf_tools import pdf_text

pytestmark = pytest.mark.django_db


def _stored_files(media_root):
    return sorted(p for p in media_root.rglob("*") if p.is_file())


def test_rendering_twice_keeps_one_file_and_sends_one_mail(application, media_root):
    tasks.render_receipt(application.pk)
    application.refresh_from_db()
    first_name = application.receipt_pdf.name

    tasks.render_receipt(application.pk)

    application.refresh_from_db()
    assert application.receipt_pdf.name == first_name
    assert first_name.endswith(f"uketsukehyo-{application.receipt_no}.pdf")
    assert len(_stored_files(media_root)) == 1
    with application.receipt_pdf.open("rb") as file:
        assert application.receipt_no in pdf_text(file.read())
    assert len(mail.outbox) == 1


def test_a_submission_queues_its_receipt_once_committed(
    applicant, company_contract, django_capture_on_commit_callbacks
):
    draft = factories.PremiumChangeApplicationFactory(
        contract=company_contract, filed_by=applicant
    )

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        workflow.transition(draft, Status.SUBMITTED, actor=applicant)

    draft.refresh_from_db()
    assert len(callbacks) == 1
    assert draft.receipt_pdf
    assert [m.subject for m in mail.outbox] == [
        f"【共済電子申請】申請を受け付けました（受付番号 {draft.receipt_no}）"
    ]


def test_a_resubmission_gets_a_fresh_receipt(application, reviewer):
    tasks.render_receipt(application.pk)
    workflow.transition(application, Status.IN_REVIEW, actor=reviewer)
    workflow.transition(
        application, Status.RETURNED, actor=reviewer, reason="変更月をご確認ください。"
    )
    application.refresh_from_db()
    first_name = application.receipt_pdf.name

    workflow.transition(application, Status.SUBMITTED, actor=application.filed_by)
    tasks.render_receipt(application.pk)

    application.refresh_from_db()
    assert application.receipt_pdf
    assert application.receipt_pdf.name != first_name


def test_no_receipt_for_a_draft_or_a_withdrawn_application(submit, media_root):
    draft = factories.PremiumChangeApplicationFactory()
    withdrawn = submit(factories.PremiumChangeApplicationFactory())
    workflow.transition(withdrawn, Status.WITHDRAWN, actor=withdrawn.filed_by)

    tasks.render_receipt(draft.pk)
    tasks.render_receipt(withdrawn.pk)
    tasks.render_receipt(0)

    assert _stored_files(media_root) == []
    assert mail.outbox == []


def _submitted_ago(submit, minutes, **kwargs):
    application = submit(factories.PremiumChangeApplicationFactory(**kwargs))
    moment = timezone.now() - timedelta(minutes=minutes)
    Application.objects.filter(pk=application.pk).update(
        submitted_at=moment, status_changed_at=moment
    )
    return application


def test_the_sweep_re_drives_only_receipts_missing_for_over_ten_minutes(submit):
    old_missing = _submitted_ago(submit, 11)
    recent_missing = _submitted_ago(submit, 2)
    old_present = _submitted_ago(submit, 30)
    tasks.render_receipt(old_present.pk)
    old_present.refresh_from_db()
    present_name = old_present.receipt_pdf.name
    old_withdrawn = _submitted_ago(submit, 30)
    Application.objects.filter(pk=old_withdrawn.pk).update(status=Status.WITHDRAWN)
    old_draft = factories.PremiumChangeApplicationFactory()
    Application.objects.filter(pk=old_draft.pk).update(
        submitted_at=timezone.now() - timedelta(minutes=30)
    )
    mail.outbox.clear()

    queued = tasks.sweep_missing_receipts()

    assert queued == 1
    for application in (
        old_missing,
        recent_missing,
        old_present,
        old_withdrawn,
        old_draft,
    ):
        application.refresh_from_db()
    assert old_missing.receipt_pdf
    assert not recent_missing.receipt_pdf
    assert old_present.receipt_pdf.name == present_name
    assert not old_withdrawn.receipt_pdf
    assert not old_draft.receipt_pdf
    assert len(mail.outbox) == 1


def test_the_sweep_waits_ten_minutes_after_a_resubmission_too(submit):
    resubmitted = _submitted_ago(submit, 60)
    Application.objects.filter(pk=resubmitted.pk).update(
        status_changed_at=timezone.now() - timedelta(minutes=1)
    )

    assert tasks.sweep_missing_receipts() == 0


def test_queueing_with_the_broker_down_logs_a_warning_and_does_not_raise():
    """The request that submitted must succeed even when Redis is unreachable."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kyosai_portal.test_settings",
        # Port 1 on loopback: nothing listens, the connection is refused.
        "REDIS_URL": "redis://127.0.0.1:1/0",
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "LOG_LEVEL": "WARNING",
    }
    script = (
        "import django; django.setup()\n"
        "from kyosai_portal.applications import tasks\n"
        "tasks.enqueue_receipt(1)\n"
        "tasks.enqueue_mail(1)\n"
        "print('request goes on')\n"
    )

    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "request goes on"
    assert result.stderr.count("could not queue") == 2
    assert "render_receipt" in result.stderr
    assert "send_applicant_mail" in result.stderr
    assert time.monotonic() - started < 30


def test_a_receipt_rendered_before_a_resubmission_is_thrown_away(
    application, reviewer, monkeypatch
):
    real_render = receipts.render_receipt_pdf

    def render_while_the_applicant_resubmits(rendered):
        pdf = real_render(rendered)
        workflow.transition(application, Status.IN_REVIEW, actor=reviewer)
        workflow.transition(
            application,
            Status.RETURNED,
            actor=reviewer,
            reason="金額をご確認ください。",
        )
        workflow.transition(application, Status.SUBMITTED, actor=application.filed_by)
        return pdf

    monkeypatch.setattr(
        receipts, "render_receipt_pdf", render_while_the_applicant_resubmits
    )

    assert receipts.issue_receipt(application.pk) is False
    application.refresh_from_db()
    assert not application.receipt_pdf
