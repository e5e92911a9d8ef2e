"""The receipt made by a real Celery worker process, through the real broker."""

import os
import signal
import subprocess
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from kyosai_portal.applications import workflow
from kyosai_portal.applications.models import Application, Status
from kyosai_portal.celery import app as celery_app
from tests import factories
from tests.receipts.pdf_tools import pdf_text

pytestmark = pytest.mark.worker

WAIT_SECONDS = 90


@pytest.fixture
def media_root():
    """The worker stores where test_settings says; so must this test look."""
    return Path(settings.MEDIA_ROOT)


def _test_database_url():
    db = connection.settings_dict
    credentials = quote(db["USER"] or "")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"])
    host = db["HOST"] or "127.0.0.1"
    port = db["PORT"] or 5432
    return f"postgres://{credentials}@{host}:{port}/{db['NAME']}"


@pytest.fixture
def publish_to_broker():
    """Send tasks to Redis instead of running them in this process."""
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        # Messages left by an earlier, interrupted run would only slow the worker.
        celery_app.control.purge()
        yield
    finally:
        celery_app.conf.task_always_eager = eager


@pytest.fixture
def worker(transactional_db, publish_to_broker, tmp_path):
    """Run `celery worker` on the test database; stop it whatever happens."""
    log_path = tmp_path / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kyosai_portal.test_settings",
        "DATABASE_URL": _test_database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "CONN_MAX_AGE": "0",
    }
    celery = Path(settings.BASE_DIR) / ".venv" / "bin" / "celery"
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [
                str(celery),
                "-A",
                "kyosai_portal",
                "worker",
                "--pool=solo",
                "-c",
                "1",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
                "--loglevel=INFO",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process, log_path
    finally:
        _stop(process)


def _stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _wait_for(condition, process, log_path):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if condition():
            return
        assert process.poll() is None, log_path.read_text(errors="replace")
        time.sleep(0.5)
    pytest.fail(
        "worker did not finish in time:\n" + log_path.read_text(errors="replace")
    )


def test_a_submission_gets_its_receipt_and_mail_from_a_real_worker(
    worker, applicant, company_contract
):
    process, log_path = worker
    draft = factories.PremiumChangeApplicationFactory(
        contract=company_contract, filed_by=applicant
    )

    workflow.transition(draft, Status.SUBMITTED, actor=applicant)

    def receipt_stored():
        return bool(Application.objects.get(pk=draft.pk).receipt_pdf)

    _wait_for(receipt_stored, process, log_path)
    assert "tasks.render_receipt[" in log_path.read_text()
    application = Application.objects.get(pk=draft.pk)
    try:
        with application.receipt_pdf.open("rb") as file:
            text = pdf_text(file.read())
        assert application.receipt_no in text
        assert company_contract.holder.name in text

        # The console mail backend of the worker prints the mail it sends.
        status_url = f"/applications/{application.receipt_no}/"
        _wait_for(lambda: status_url in log_path.read_text(), process, log_path)
    finally:
        application.receipt_pdf.delete(save=False)
