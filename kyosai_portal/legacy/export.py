"""Export accepted applications to the legacy core, one file per scheme per run.

LEGACY_INTERFACE.md, "Files and their life". Per scheme, under a PostgreSQL
advisory lock that serialises exports of that scheme across processes:

1. finish any batch a previous run committed but did not publish;
2. in one transaction, number a new ExportBatch, claim the accepted
   applications (rows locked elsewhere are skipped, left for the next run),
   move them to exported, stream the `.DAT` to a temporary file and record its
   count, premium total and SHA-256;
3. after the commit, rename the `.DAT` into place, then write the `.END`.

A crash before the commit leaves nothing claimed; a crash after it leaves a
batch without `written_at`, which step 1 of the next run finishes from the
temporary file or, failing that, by regenerating it from the database.
"""

import hashlib
import logging
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from kyosai_portal.applications import workflow
from kyosai_portal.applications.models import Application, Status
from kyosai_portal.contracts.models import Scheme
from kyosai_portal.legacy.export_records import (
    EXPORT_FILE_KIND,
    JST,
    ExportRecordError,
)
from kyosai_portal.legacy.export_stream import BatchSummary, write_batch
from kyosai_portal.legacy.files import (
    ControlLine,
    StagedFile,
    control_path,
    dat_name,
    write_atomically,
)
from kyosai_portal.legacy.models import ExportBatch

logger = logging.getLogger(__name__)

# First key of the two-key advisory lock; the second is the scheme letter.
_LOCK_NAMESPACE = 0x4B594F  # "KYO"
_MAX_RUNS_PER_DAY = 99


class ExportError(Exception):
    """An export that cannot go ahead; the message tells the operator why."""


def export_accepted_applications(now=None):
    """Export every accepted, unexported application; return the batches written.

    Safe to run in several processes at once: each application lands in
    exactly one file.
    """
    now = now or timezone.now()
    written, failures = [], []
    for scheme in Scheme.values:
        try:
            written += export_scheme(scheme, now)
        except (ExportError, ExportRecordError) as error:
            # One scheme's bad record must not hold back the other's file.
            logger.error("export of scheme %s failed: %s", scheme, error)
            failures.append(str(error))
    if failures:
        raise ExportError("\n".join(failures))
    return written


def export_scheme(scheme, now):
    """Finish unpublished batches of `scheme`, then export its new acceptances.

    This is the export's main loop for one scheme; return the batches written.
    """
    written = []
    with scheme_lock(scheme):
        for batch in ExportBatch.objects.filter(
            scheme=scheme, written_at__isnull=True
        ).order_by("run_date", "run_seq"):
            finish_batch(batch)
            written.append(batch)

        batch, staged = claim_batch(scheme, now)
        if batch is not None:
            publish(batch, staged)
            written.append(batch)
    return written


def rewrite_batch(file_name):
    """Regenerate a written batch's `.DAT` and `.END` from the database.

    Raise ExportError, leaving the files as they were, unless the new bytes
    have the SHA-256 recorded when the batch was first written.
    """
    batch = ExportBatch.objects.filter(file_name=file_name).first()
    if batch is None:
        raise ExportError(
            _("送付ファイル %(name)s の記録がありません。ファイル名をご確認ください。")
            % {"name": file_name}
        )

    with scheme_lock(batch.scheme):
        batch.refresh_from_db()
        staged = StagedFile(export_path(batch))
        _regenerate(batch, staged)
        publish(batch, staged)
    return batch


def claim_batch(scheme, now):
    """Claim `scheme`'s accepted applications into a new batch and stage its file.

    Return (batch, staged file), or (None, None) when there is nothing to
    export. Call under `scheme_lock(scheme)`.
    """
    # Not filtered on export_batch: an application the core returned (差戻し)
    # and a clerk accepted again still points at its earlier batch, and must
    # be exported again. Only this function moves accepted -> exported.
    claimable = Application.objects.filter(scheme=scheme, status=Status.ACCEPTED)
    with transaction.atomic():
        if not claimable.exists():
            return None, None

        run_date = timezone.localdate(now, JST)
        run_seq = _next_run_seq(scheme, run_date)
        batch = ExportBatch.objects.create(
            scheme=scheme,
            run_date=run_date,
            run_seq=run_seq,
            created_at=now,
            file_name=dat_name(EXPORT_FILE_KIND, scheme, run_date, run_seq),
        )
        if not workflow.transition_many(
            claimable,
            Status.EXPORTED,
            skip_locked=True,
            extra_fields={"export_batch": batch},
        ):
            transaction.set_rollback(True)
            return None, None

        staged = StagedFile(export_path(batch))
        summary = _stage(batch, staged)
        batch.record_count = summary.record_count
        batch.premium_total = summary.premium_total
        batch.sha256 = summary.sha256
        batch.save()
    logger.info(
        "export batch %s claimed %d applications", batch.file_name, summary.record_count
    )
    return batch, staged


def finish_batch(batch):
    """Publish a committed batch whose files a crashed run did not finish."""
    staged = StagedFile(export_path(batch))
    if _sha256_of(staged.path) == batch.sha256:
        staged = None
    elif _sha256_of(staged.temp_path) != batch.sha256:
        _regenerate(batch, staged)
    logger.warning("export batch %s finished after an interrupted run", batch.file_name)
    publish(batch, staged)


def publish(batch, staged):
    """Rename the staged `.DAT` into place, then write its `.END`; mark it written.

    `staged` may be None when the `.DAT` is already in place and verified.
    """
    if staged is not None:
        staged.publish()
    control = ControlLine(batch.file_name, batch.record_count, batch.sha256)
    write_atomically(control_path(export_path(batch)), control.to_bytes())
    batch.written_at = timezone.now()
    batch.save(update_fields=["written_at"])
    logger.info("export batch %s written", batch.file_name)


def export_path(batch):
    """Return where `batch`'s `.DAT` lives."""
    return Path(settings.LEGACY_EXPORT_DIR) / batch.file_name


@contextmanager
def scheme_lock(scheme):
    """Hold the session advisory lock that serialises exports of `scheme`."""
    if connection.vendor != "postgresql":
        # SQLite (development) admits one writer at a time: the claiming
        # transaction already serialises exports there.
        yield
        return
    key = [_LOCK_NAMESPACE, ord(scheme)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, %s)", key)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", key)


def _stage(batch, staged):
    try:
        summary = write_batch(batch, staged.open())
        staged.close()
    except BaseException:
        staged.discard()
        raise
    return summary


def _regenerate(batch, staged):
    summary = _stage(batch, staged)
    recorded = BatchSummary(batch.record_count, batch.premium_total, batch.sha256)
    if summary != recorded:
        staged.discard()
        raise ExportError(
            _(
                "%(name)s を作り直した内容が記録と一致しません"
                "（記録: %(recorded_count)d件 %(recorded_sha)s、"
                "作成: %(count)d件 %(sha)s）。"
                "送付後に申請者・申請の内容が変わっていないかご確認ください。"
            )
            % {
                "name": batch.file_name,
                "recorded_count": recorded.record_count,
                "recorded_sha": recorded.sha256,
                "count": summary.record_count,
                "sha": summary.sha256,
            }
        )


def _next_run_seq(scheme, run_date):
    last = ExportBatch.objects.filter(scheme=scheme, run_date=run_date).aggregate(
        last=Max("run_seq")
    )["last"]
    run_seq = (last or 0) + 1
    if run_seq > _MAX_RUNS_PER_DAY:
        raise ExportError(
            _("本日の送付ファイルは%(max)d回までです。明日以降に実行してください。")
            % {"max": _MAX_RUNS_PER_DAY}
        )
    return run_seq


def _sha256_of(path):
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as file:
            while block := file.read(1 << 20):
                digest.update(block)
    except FileNotFoundError:
        return None
    return digest.hexdigest()
