"""The export's main loop: stream one batch's records into a binary file.

Applications are read as plain values with their holder, contract and agency
joined, and their detail rows by one query per procedure in the same order,
all through chunked cursors: memory and the number of queries stay flat at
any batch size.
"""

import hashlib
from dataclasses import dataclass

from django.utils.translation import gettext as _

from kyosai_portal.applications.models import Application
from kyosai_portal.applications.procedures import get_spec
from kyosai_portal.legacy import export_records

CHUNK_SIZE = 2000


@dataclass(frozen=True)
class BatchSummary:
    """What one written batch file holds, as recorded on its ExportBatch."""

    record_count: int
    premium_total: int
    sha256: str


def write_batch(batch, out, chunk_size=CHUNK_SIZE):
    """Write every record of `batch` to the binary file `out`; return a summary.

    Records go in 受付番号 order, so the same batch always gives the same bytes.
    """
    digest = hashlib.sha256()

    def emit(record):
        out.write(record)
        digest.update(record)

    emit(export_records.header_record(batch.scheme, batch.created_at, batch.run_seq))
    record_count = premium_total = 0
    for row, detail in batch_rows(batch, chunk_size):
        record_count += 1
        emit(export_records.data_record(record_count, row, detail))
        premium_total += detail.premium_for_total()
    emit(export_records.trailer_record(record_count, premium_total))
    emit(export_records.end_record())
    return BatchSummary(record_count, premium_total, digest.hexdigest())


def batch_rows(batch, chunk_size=CHUNK_SIZE):
    """Yield (common area row, detail) of `batch` in 受付番号 order.

    The applications and, per procedure, their detail rows are read by
    cursors side by side in that same order, chunk by chunk.
    """
    applications = Application.objects.filter(export_batch=batch).order_by("receipt_no")
    details = {}
    for row in export_records.common_area_rows(applications).iterator(chunk_size):
        procedure_id = row["procedure_id"]
        if procedure_id not in details:
            details[procedure_id] = _details_in_order(batch, procedure_id, chunk_size)
        detail = next(details[procedure_id], None)
        # Details come in their applications' order: the next one is this
        # application's, unless it has none.
        if detail is None or detail.application_id != row["pk"]:
            raise export_records.ExportRecordError(
                _("受付番号 %(receipt_no)s の申請内容がありません。")
                % {"receipt_no": row["receipt_no"]}
            )
        yield row, detail


def _details_in_order(batch, procedure_id, chunk_size):
    model = get_spec(procedure_id).get_detail_model()
    return (
        model.objects.filter(
            application__export_batch=batch,
            application__procedure_id=procedure_id,
        )
        .order_by("application__receipt_no")
        .iterator(chunk_size)
    )
