"""Two exports at once on the real PostgreSQL: each application in exactly one
file (LEGACY_INTERFACE.md, "Files and their life")."""

import os
import subprocess
import sys
import threading
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone

from kyosai_portal.applications.models import Application, ApplicationEvent, Status
from kyosai_portal.applications.receipt_numbers import issue_receipt_no
from kyosai_portal.legacy.export import export_accepted_applications
from kyosai_portal.legacy.models import ExportBatch
from tests.factories import PremiumChangeApplicationFactory
from tests.legacy.batch_files import read_export

pytestmark = pytest.mark.django_db(transaction=True)

NIGHT = datetime(2026, 12, 3, 16, 30, tzinfo=UTC)


def _accepted(count):
    """Create `count` accepted applications with real 受付番号.

    Made in their accepted state: submitting them one by one here would
    render a receipt PDF per application on commit, which is not under test.
    """
    pks = []
    with transaction.atomic():
        for _ in range(count):
            now = timezone.now()
            application = PremiumChangeApplicationFactory(
                status=Status.ACCEPTED,
                receipt_no=issue_receipt_no("T", now),
                submitted_at=now,
            )
            pks.append(application.pk)
    return Application.objects.filter(pk__in=pks)


def _receipts_in_files(directory):
    receipts = []
    for path in sorted(directory.glob("*.DAT")):
        assert path.with_suffix(".END").exists()
        _header, data, _trailer = read_export(path)
        receipts += [row["receipt_no"] for row in data]
    return receipts


def _export_process(export_dir):
    database = connection.settings_dict
    env = os.environ | {
        "DJANGO_SETTINGS_MODULE": "kyosai_portal.test_settings",
        "DATABASE_URL": "postgres://{USER}@{HOST}:{PORT}/{NAME}".format(**database),
        "LEGACY_EXPORT_DIR": str(export_dir),
    }
    return subprocess.Popen(
        [sys.executable, "manage.py", "export_legacy"],
        cwd=Path(settings.BASE_DIR),
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_export_processes_at_once_put_each_application_in_exactly_one_file(
    export_dir,
):
    """Files and their life: every accepted application goes into exactly one
    export file, never twice and never skipped, with two runs racing."""
    applications = _accepted(300)

    runs = [_export_process(export_dir), _export_process(export_dir)]
    outputs = [run.communicate(timeout=120) for run in runs]

    assert [run.returncode for run in runs] == [0, 0], outputs
    receipts = _receipts_in_files(export_dir)
    assert Counter(receipts) == Counter(a.receipt_no for a in applications)
    assert ExportBatch.objects.filter(written_at__isnull=False).count() == len(
        list(export_dir.glob("*.DAT"))
    )
    assert set(applications.values_list("status", flat=True)) == {Status.EXPORTED}
    assert ApplicationEvent.objects.filter(to_status=Status.EXPORTED).count() == 300


def test_two_export_threads_released_together_share_nothing(export_dir):
    """Files and their life: exactly once, with the claims started together."""
    applications = _accepted(40)
    start = threading.Barrier(2)
    failures = []

    def run():
        try:
            start.wait()
            export_accepted_applications(now=NIGHT)
        except Exception as error:  # noqa: BLE001 - reported to the test below
            failures.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert failures == []
    assert sorted(_receipts_in_files(export_dir)) == sorted(
        a.receipt_no for a in applications
    )


def test_an_application_locked_elsewhere_is_left_for_the_next_run(export_dir):
    """Files and their life: a row another transaction holds is skipped, not
    waited for, and goes into the next run's file."""
    busy, free = _accepted(2)
    locked, release = threading.Event(), threading.Event()

    def hold_lock():
        with transaction.atomic():
            Application.objects.select_for_update().get(pk=busy.pk)
            locked.set()
            release.wait(30)
        connections.close_all()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    locked.wait(10)
    try:
        export_accepted_applications(now=NIGHT)
    finally:
        release.set()
        holder.join(10)

    assert _receipts_in_files(export_dir) == [free.receipt_no]
    busy.refresh_from_db()
    assert busy.status == Status.ACCEPTED

    export_accepted_applications(now=NIGHT)

    assert sorted(_receipts_in_files(export_dir)) == sorted(
        [busy.receipt_no, free.receipt_no]
    )
    busy.refresh_from_db()
    assert busy.status == Status.EXPORTED
