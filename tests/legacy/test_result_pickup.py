"""Result files are picked up from LEGACY_RESULT_DIR once their .END is there."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kyosai_portal.applications import workflow
from kyosai_portal.applications.models import Status
from kyosai_portal.legacy import tasks
from kyosai_portal.legacy.files import control_path
from kyosai_portal.legacy.models import ResultImport
from tests.legacy.batch_files import write_result_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def result_dir(settings, tmp_path):
    settings.LEGACY_RESULT_DIR = tmp_path / "in"
    return settings.LEGACY_RESULT_DIR


@pytest.fixture
def waiting(accepted_application):
    """Return applications exported to the core, waiting for its result."""
    applications = [accepted_application() for _ in range(3)]
    workflow.transition_many([a.pk for a in applications], Status.EXPORTED)
    for application in applications:
        application.refresh_from_db()
    return applications


def _status(application):
    application.refresh_from_db()
    return application.status


def test_ready_files_are_imported_in_order_and_only_once(result_dir, waiting):
    first, second, _third = waiting
    write_result_file(result_dir, [(first.receipt_no, 0, "", "")], run_seq=1)
    write_result_file(result_dir, [(second.receipt_no, 0, "", "")], run_seq=2)

    picked = tasks.import_ready_result_files.delay().get()
    again = tasks.import_ready_result_files.delay().get()

    assert picked == {
        "imported": ["KYRT2026120401.DAT", "KYRT2026120402.DAT"],
        "refused": [],
    }
    assert again == {"imported": [], "refused": []}
    assert (_status(first), _status(second)) == (Status.COMPLETED, Status.COMPLETED)
    assert ResultImport.objects.count() == 2


def test_a_file_without_its_end_waits_for_it(result_dir, waiting):
    path = write_result_file(result_dir, [(waiting[0].receipt_no, 0, "", "")])
    control = control_path(path)
    control_line = control.read_bytes()
    control.unlink()

    call_command("import_legacy_results", "--ready", stdout=io.StringIO())
    assert _status(waiting[0]) == Status.EXPORTED

    control.write_bytes(control_line)
    call_command("import_legacy_results", "--ready", stdout=io.StringIO())
    assert _status(waiting[0]) == Status.COMPLETED


def test_a_refused_file_is_reported_and_the_others_still_apply(result_dir, waiting):
    good, bad = waiting[0], waiting[1]
    write_result_file(result_dir, [(good.receipt_no, 0, "", "")], run_seq=1)
    broken = write_result_file(result_dir, [(bad.receipt_no, 0, "", "")], run_seq=2)
    control_path(broken).write_bytes(b"KYRT2026120402.DAT 7 " + b"0" * 64 + b"\r\n")

    errors = io.StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_legacy_results", "--ready", stdout=io.StringIO(), stderr=errors
        )

    assert "KYRT2026120402.DAT は取り込めませんでした" in errors.getvalue()
    assert (_status(good), _status(bad)) == (Status.COMPLETED, Status.EXPORTED)


def test_an_empty_or_missing_directory_imports_nothing(result_dir):
    out = io.StringIO()

    call_command("import_legacy_results", "--ready", stdout=out)

    assert "取り込む結果ファイルはありません。" in out.getvalue()
