"""An export that died half way is finished by the next run
(LEGACY_INTERFACE.md, "Files and their life")."""

import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from kyosai_portal.legacy.export import (
    claim_batch,
    export_accepted_applications,
    scheme_lock,
)
from kyosai_portal.legacy.models import ExportBatch
from tests.legacy.batch_files import read_export

pytestmark = pytest.mark.django_db

NIGHT = datetime(2026, 12, 3, 16, 30, tzinfo=UTC)


def _die_after_commit(scheme="T"):
    """Run an export up to its commit and stop, as a killed process would."""
    with scheme_lock(scheme):
        batch, staged = claim_batch(scheme, NIGHT)
    return batch, staged


def _receipts_in(path):
    _header, data, _trailer = read_export(path)
    return [row["receipt_no"] for row in data]


@pytest.mark.parametrize("temp_file_survived", [True, False])
def test_a_batch_committed_but_never_published_is_finished_by_the_next_run(
    export_dir, accepted_application, temp_file_survived
):
    """Files and their life: .END only after the .DAT is durable; no reader
    sees a partial file, and the next run finishes the batch with the same
    bytes, from the staged file or regenerated from the database."""
    first = accepted_application()
    batch, staged = _die_after_commit()
    assert not (export_dir / "KYOT2026120401.DAT").exists()
    assert not (export_dir / "KYOT2026120401.END").exists()
    if not temp_file_survived:
        staged.temp_path.unlink()
    second = accepted_application()

    written = export_accepted_applications(now=NIGHT + timedelta(hours=1))

    assert [b.file_name for b in written] == [
        "KYOT2026120401.DAT",
        "KYOT2026120402.DAT",
    ]
    dat = export_dir / "KYOT2026120401.DAT"
    sha256 = hashlib.sha256(dat.read_bytes()).hexdigest()
    assert sha256 == batch.sha256
    assert dat.with_suffix(".END").read_bytes() == (
        f"KYOT2026120401.DAT 1 {sha256}\r\n".encode()
    )
    assert _receipts_in(dat) == [first.receipt_no]
    assert _receipts_in(export_dir / "KYOT2026120402.DAT") == [second.receipt_no]
    assert not ExportBatch.objects.filter(written_at__isnull=True).exists()


def test_a_run_that_died_between_the_dat_and_the_end_gets_its_end(
    export_dir, accepted_application
):
    """Files and their life: the core only picks up a .DAT whose .END exists."""
    accepted_application()
    batch, staged = _die_after_commit()
    staged.publish()
    assert not (export_dir / "KYOT2026120401.END").exists()

    export_accepted_applications(now=NIGHT + timedelta(hours=1))

    control = (export_dir / "KYOT2026120401.END").read_bytes()
    assert control == f"KYOT2026120401.DAT 1 {batch.sha256}\r\n".encode()
    assert ExportBatch.objects.get().written_at is not None


def test_an_unfinished_batch_is_published_even_when_nothing_new_is_accepted(
    export_dir, accepted_application
):
    """Files and their life: every accepted application goes into one file."""
    accepted_application()
    _die_after_commit()

    written = export_accepted_applications(now=NIGHT + timedelta(hours=1))

    assert [b.file_name for b in written] == ["KYOT2026120401.DAT"]
    assert ExportBatch.objects.count() == 1
