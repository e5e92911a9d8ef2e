"""The export's main loop: stream one batch's records into a binary file.

Applications are read in chunks with their holder, contract and agency
joined, and each chunk's detail rows come in one query per procedure, so
memory and the number of queries per record stay flat at any batch size.
"""

import hashlib
from dataclasses import dataclass
from itertools import islice

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
    for application, detail in batch_rows(batch, chunk_size):
        record_count += 1
        emit(export_records.data_record(record_count, application, detail))
        premium_total += detail.premium_for_total()
    emit(export_records.trailer_record(record_count, premium_total))
    emit(export_records.end_record())
    return BatchSummary(record_count, premium_total, digest.hexdigest())


def batch_rows(batch, chunk_size=CHUNK_SIZE):
    """Yield (application, detail) of `batch` in 受付番号 order, chunk by chunk."""
    applications = (
        Application.objects.filter(export_batch=batch)
        .select_related("holder", "contract", "agency")
        .defer("draft_data")
        .order_by("receipt_no")
        .iterator(chunk_size=chunk_size)
    )
    while chunk := list(islice(applications, chunk_size)):
        details = _details_of(chunk)
        for application in chunk:
            if application.pk not in details:
                raise export_records.ExportRecordError(
                    _("受付番号 %(receipt_no)s の申請内容がありません。")
                    % {"receipt_no": application.receipt_no}
                )
            yield application, details[application.pk]


def _details_of(applications):
    by_procedure = {}
    for application in applications:
        by_procedure.setdefault(application.procedure_id, []).append(application.pk)

    details = {}
    for procedure_id, pks in by_procedure.items():
        model = get_spec(procedure_id).get_detail_model()
        for detail in model.objects.filter(application_id__in=pks):
            details[detail.application_id] = detail
    return details
