"""Exporting accepted applications (LEGACY_INTERFACE.md, "Files and their life",
"Records")."""

import hashlib
import io
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kyosai_portal.applications.models import Application, ApplicationEvent, Status
from kyosai_portal.legacy import export_stream
from kyosai_portal.legacy.export import ExportError, export_accepted_applications
from kyosai_portal.legacy.models import ExportBatch
from maintenance.models import SafetyNetPremiumChange
from tests.factories import PremiumChangeApplicationFactory
from tests.legacy.batch_files import read_export, records_of

pytestmark = pytest.mark.django_db

JST = ZoneInfo("Asia/Tokyo")
FULL_WIDTH_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
# 2026-12-04 01:30 in JST, still 12-03 in UTC.
NIGHT = datetime(2026, 12, 3, 16, 30, tzinfo=UTC)


def test_an_exported_file_parses_back_to_the_submitted_values(
    export_dir, accepted_application
):
    """Records: header, common area, 26766 procedure area, trailer."""
    application = accepted_application()
    holder = application.holder

    export_accepted_applications(now=NIGHT)

    header, data, trailer = read_export(export_dir / "KYOT2026120401.DAT")
    assert header == {
        "record_type": "1",
        "file_kind": "KYO",
        "scheme": "T",
        "created_date": 20261204,
        "created_time": 13000,
        "run_seq": 1,
    }
    kana_suffix = holder.name_kana.removeprefix("カブシキガイシャテストショウジ")
    assert data == [
        {
            "record_type": "2",
            "seq": 1,
            "procedure_id": 26766,
            "receipt_no": application.receipt_no,
            "received_at": _jst_stamp(application.submitted_at),
            "channel": 1,
            "agency_code": "",
            "contract_no": application.contract.contract_no,
            "holder_kind": 2,
            "corporate_no": holder.corporate_no,
            "name": holder.name.translate(FULL_WIDTH_DIGITS),
            "name_kana": "ｶﾌﾞｼｷｶﾞｲｼｬﾃｽﾄｼｮｳｼﾞ" + kana_suffix,
            "representative": "山田　太郎",
            "birth_date": 19700401,
            "gender": 0,
            "postal_code": 1050001,
            "address": "東京都港区虎ノ門三丁目５番１号",
            "phone": "03-1234-5678",
            "gaiji_flag": 0,
            "filler": "",
            "current_premium": 50_000,
            "new_premium": 100_000,
            "change_kind": 1,
            "effective_month": 202612,
            "reason_code": 0,
        }
    ]
    assert trailer == {"record_type": "8", "record_count": 1, "premium_total": 100_000}


def test_the_bytes_sit_at_the_positions_the_contract_gives(
    export_dir, accepted_application
):
    """Records: from/to columns of the header, 26766 area and trailer, CP932."""
    application = accepted_application()

    export_accepted_applications(now=NIGHT)

    header, record, trailer, end = records_of(export_dir / "KYOT2026120401.DAT")
    assert header[:21] == b"1KYOT2026120401300001"
    assert header[21:] == b" " * 579
    assert record[:12] == b"200000126766"
    assert record[12:28] == application.receipt_no.encode()
    assert record[42:43] == b"1"
    assert record[43:51] == b" " * 8  # no agency for channel 1
    assert record[75:135].decode("cp932").startswith("株式会社テスト商事")
    assert record[75:135].endswith("\u3000".encode("cp932"))
    assert record[386:400] == b"0" + b" " * 13
    assert record[400:420] == b"05000010000012026120"
    assert record[420:] == b" " * 180
    assert trailer[:19] == b"8000001000000100000"
    assert end == b"9" + b" " * 599


def test_records_follow_receipt_no_order_and_the_trailer_sums_new_premiums(
    export_dir, accept
):
    """Records: seq from 000001; trailer premium_total sums new_premium."""
    first, second, third = (
        PremiumChangeApplicationFactory(detail__new_premium=amount)
        for amount in (70_000, 80_000, 90_000)
    )
    for application in (third, first, second):
        accept(application)

    export_accepted_applications(now=NIGHT)

    _header, data, trailer = read_export(export_dir / "KYOT2026120401.DAT")
    assert [row["receipt_no"] for row in data] == sorted(
        [first.receipt_no, second.receipt_no, third.receipt_no]
    )
    assert [row["receipt_no"] for row in data][0] == third.receipt_no
    assert [row["seq"] for row in data] == [1, 2, 3]
    assert trailer["record_count"] == 3
    assert trailer["premium_total"] == 240_000
    assert ExportBatch.objects.get().premium_total == 240_000


def test_the_end_file_names_the_dat_its_count_and_its_sha256(
    export_dir, accepted_application
):
    """Files and their life: `<dat> <count> <sha256>` CR LF; no temp left."""
    accepted_application()
    accepted_application()

    export_accepted_applications(now=NIGHT)

    dat = (export_dir / "KYOT2026120401.DAT").read_bytes()
    sha256 = hashlib.sha256(dat).hexdigest()
    control = (export_dir / "KYOT2026120401.END").read_bytes()
    assert control == f"KYOT2026120401.DAT 2 {sha256}\r\n".encode("ascii")
    assert sorted(path.name for path in export_dir.iterdir()) == [
        "KYOT2026120401.DAT",
        "KYOT2026120401.END",
    ]
    batch = ExportBatch.objects.get()
    assert (batch.file_name, batch.sha256, batch.record_count) == (
        "KYOT2026120401.DAT",
        sha256,
        2,
    )
    assert batch.written_at is not None


def test_exported_applications_move_to_exported_with_an_event(
    export_dir, accepted_application
):
    """Files and their life: every accepted application goes into one file."""
    application = accepted_application()

    export_accepted_applications(now=NIGHT)

    application.refresh_from_db()
    assert application.status == Status.EXPORTED
    assert application.export_batch.file_name == "KYOT2026120401.DAT"
    event = application.events.last()
    assert (event.from_status, event.to_status, event.actor) == (
        Status.ACCEPTED,
        Status.EXPORTED,
        None,
    )


def test_a_run_with_nothing_accepted_writes_no_file(export_dir, submit):
    """Files and their life: a run with no applications writes no file."""
    submit(PremiumChangeApplicationFactory())

    assert export_accepted_applications(now=NIGHT) == []

    assert not export_dir.exists() or not list(export_dir.iterdir())
    assert not ExportBatch.objects.exists()


def test_each_run_of_a_day_gets_the_next_number_and_a_new_day_starts_at_01(
    export_dir, accepted_application
):
    """Files and their life: NN is the run of that day, 01-99, date in JST."""
    accepted_application()
    export_accepted_applications(now=NIGHT)
    accepted_application()
    export_accepted_applications(now=NIGHT + timedelta(hours=1))
    accepted_application()
    export_accepted_applications(now=NIGHT + timedelta(days=1))

    assert sorted(path.name for path in export_dir.glob("*.DAT")) == [
        "KYOT2026120401.DAT",
        "KYOT2026120402.DAT",
        "KYOT2026120501.DAT",
    ]


def test_a_character_cp932_lacks_is_written_as_geta_and_flagged(
    export_dir, accepted_application
):
    """Encoding: 𠮷 becomes 〓, gaiji_flag 1; the portal keeps the original."""
    application = accepted_application(contract__holder__name="𠮷野商事株式会社")

    export_accepted_applications(now=NIGHT)

    _header, [row], _trailer = read_export(export_dir / "KYOT2026120401.DAT")
    assert row["name"] == "〓野商事株式会社"
    assert row["gaiji_flag"] == 1
    application.holder.refresh_from_db()
    assert application.holder.name == "𠮷野商事株式会社"


def test_text_too_long_stops_the_run_and_changes_nothing(
    export_dir, accepted_application
):
    """Encoding: text too long is an error, never silently cut at export."""
    application = accepted_application(contract__holder__name_kana="ガ" * 31)

    with pytest.raises(ExportError, match=application.receipt_no):
        export_accepted_applications(now=NIGHT)

    application.refresh_from_db()
    assert application.status == Status.ACCEPTED
    assert not ExportBatch.objects.exists()
    assert not list(export_dir.iterdir())


@pytest.mark.parametrize("missing", [0, 1])
def test_an_application_without_its_procedure_details_stops_the_run(
    export_dir, accepted_application, missing
):
    """Records: every data record has its procedure area; the run that cannot
    write one names the application and claims nothing."""
    applications = sorted(
        (accepted_application() for _ in range(2)), key=lambda a: a.receipt_no
    )
    without = applications[missing]
    SafetyNetPremiumChange.objects.filter(application=without).delete()

    with pytest.raises(ExportError, match=without.receipt_no):
        export_accepted_applications(now=NIGHT)

    assert not ExportBatch.objects.exists()
    assert set(
        Application.objects.filter(pk__in=[a.pk for a in applications]).values_list(
            "status", flat=True
        )
    ) == {Status.ACCEPTED}


def test_rewrite_reproduces_a_written_file_byte_for_byte(
    export_dir, accepted_application
):
    """Files and their life: re-running a written batch gives the same bytes."""
    accepted_application()
    accepted_application()
    export_accepted_applications(now=NIGHT)
    dat = export_dir / "KYOT2026120401.DAT"
    written = dat.read_bytes(), dat.with_suffix(".END").read_bytes()
    dat.unlink()
    dat.with_suffix(".END").unlink()

    out = io.StringIO()
    call_command("export_legacy", "--rewrite", "KYOT2026120401.DAT", stdout=out)

    assert (dat.read_bytes(), dat.with_suffix(".END").read_bytes()) == written
    assert "KYOT2026120401.DAT" in out.getvalue()
    assert ExportBatch.objects.count() == 1


def test_rewrite_refuses_when_the_database_no_longer_gives_the_recorded_bytes(
    export_dir, accepted_application
):
    """Files and their life: a rewrite must match the recorded SHA-256."""
    application = accepted_application()
    export_accepted_applications(now=NIGHT)
    dat = export_dir / "KYOT2026120401.DAT"
    written = dat.read_bytes()
    application.holder.address = "大阪府大阪市北区梅田一丁目１番１号"
    application.holder.save()

    with pytest.raises(CommandError, match="KYOT2026120401.DAT"):
        call_command("export_legacy", "--rewrite", "KYOT2026120401.DAT")

    assert dat.read_bytes() == written
    assert not list(export_dir.glob(".*.tmp"))


def test_the_command_and_the_task_export_and_name_their_files(
    export_dir, accepted_application
):
    """The nightly beat task and `manage.py export_legacy` run the same export."""
    from kyosai_portal.celery import app
    from kyosai_portal.legacy import tasks  # noqa: F401 - registers the task

    accepted_application()
    out = io.StringIO()
    call_command("export_legacy", stdout=out)
    accepted_application()
    task = app.tasks["kyosai_portal.legacy.tasks.export_accepted_applications"]

    names = task.apply().get()
    assert "件" in out.getvalue()
    assert len(names) == 1 and names[0].startswith("KYOT")
    assert len(list(export_dir.glob("*.END"))) == 2


def test_the_export_loop_reads_details_per_chunk_not_per_application(
    export_dir, accepted_application
):
    """Memory and queries stay flat: no query per record."""
    accepted_application()
    export_accepted_applications(now=NIGHT)
    for _ in range(8):
        accepted_application()
    export_accepted_applications(now=NIGHT + timedelta(hours=1))
    small, large = ExportBatch.objects.order_by("run_seq")

    counts = []
    for batch in (small, large):
        with CaptureQueriesContext(connection) as queries:
            export_stream.write_batch(batch, io.BytesIO())
        counts.append(len(queries))

    assert counts[0] == counts[1]
    assert ApplicationEvent.objects.filter(to_status=Status.EXPORTED).count() == 9


def _jst_stamp(moment):
    return int(moment.astimezone(JST).strftime("%Y%m%d%H%M%S"))
