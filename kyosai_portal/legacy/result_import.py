"""Apply a checked result file from the core to the applications.

LEGACY_INTERFACE.md, "Files and their life" and "Result data record": 0 moves
an application to completed, 1 back to the applicant as returned with the
core's message, 2 to rejected. The whole file applies in one transaction and
is recorded as a ResultImport, whose unique SHA-256 makes a second import of
the same file a no-op. A 受付番号 the portal does not know, or one no longer
waiting for a result, is reported and skipped; the rest of the file applies.
"""

import logging
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from kyosai_portal.applications import workflow
from kyosai_portal.applications.models import Application, Status
from kyosai_portal.legacy.models import ResultImport
from kyosai_portal.legacy.result_file import read_result_file

logger = logging.getLogger(__name__)

RESULT_STATUS = {0: Status.COMPLETED, 1: Status.RETURNED, 2: Status.REJECTED}


@dataclass(frozen=True)
class ImportOutcome:
    """The ResultImport of a file, and whether this call was the one applying it."""

    result_import: ResultImport
    already_imported: bool


def import_result_file(path):
    """Apply the result file at `path` whole; return its ImportOutcome.

    Raise ResultFileRefused, changing nothing, when the file does not check out.
    """
    result_file = read_result_file(path)
    existing = ResultImport.objects.filter(sha256=result_file.sha256).first()
    if existing is not None:
        return ImportOutcome(existing, already_imported=True)

    try:
        with transaction.atomic():
            # Inserted first: a concurrent import of the same file waits on
            # the unique SHA-256 here and then fails instead of applying twice.
            result_import = ResultImport.objects.create(
                file_name=result_file.file_name,
                sha256=result_file.sha256,
                record_count=len(result_file.records),
                applied_count=0,
            )
            applied, notes = _apply(result_file)
            result_import.applied_count = applied
            result_import.report = _report(result_file, applied, notes)
            result_import.save(update_fields=["applied_count", "report"])
    except IntegrityError:
        existing = ResultImport.objects.get(sha256=result_file.sha256)
        return ImportOutcome(existing, already_imported=True)

    logger.info(
        "result file %s applied to %d of %d applications",
        result_file.file_name,
        applied,
        len(result_file.records),
    )
    return ImportOutcome(result_import, already_imported=False)


def _apply(result_file):
    records = result_file.records
    applications = Application.objects.in_bulk(
        [record.receipt_no for record in records], field_name="receipt_no"
    )
    applied, notes = 0, []
    for record in records:
        application = applications.get(record.receipt_no)
        if application is None or application.scheme != result_file.scheme:
            logger.warning("result for unknown receipt %s", record.receipt_no)
            notes.append(
                _("%(seq)d件目: この制度に受付番号 %(receipt_no)s の申請はありません。")
                % {"seq": record.seq, "receipt_no": record.receipt_no}
            )
            continue
        if application.status != Status.EXPORTED:
            notes.append(
                _(
                    "%(seq)d件目: 受付番号 %(receipt_no)s は「%(status)s」のため"
                    "反映していません。"
                )
                % {
                    "seq": record.seq,
                    "receipt_no": record.receipt_no,
                    "status": application.get_status_display(),
                }
            )
            continue

        workflow.transition(
            application, RESULT_STATUS[record.result], reason=record.message
        )
        if record.contract_no:
            notes.append(
                _(
                    "%(seq)d件目: 受付番号 %(receipt_no)s に共済契約番号 "
                    "%(contract_no)s が付番されました。"
                )
                % {
                    "seq": record.seq,
                    "receipt_no": record.receipt_no,
                    "contract_no": record.contract_no,
                }
            )
        applied += 1
    return applied, notes


def _report(result_file, applied, notes):
    summary = _("%(count)d件中%(applied)d件を反映しました。") % {
        "count": len(result_file.records),
        "applied": applied,
    }
    return "\n".join([summary, *notes])
