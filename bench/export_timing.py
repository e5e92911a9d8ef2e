"""Time the legacy export against COPY of the same rows; measure its memory.

For each size, exactly that many seeded applications are made `accepted`
(the rest of the seeded accepted group waits in review), then:

- the baseline: `COPY (SELECT ... same rows, joined ...) TO STDOUT`, read
  and thrown away, median of a few runs after a warm-up one;
- the export: `export_accepted_applications()` (what `manage.py
  export_legacy` runs) in a child process, timed from inside so Django's
  start-up is not counted, with the child's peak RSS.

"""

import os
import shutil
import statistics
import tempfile
import time

from psycopg import sql

from bench import child, databases
from kyosai_portal.applications.models import Application
from kyosai_portal.contracts.models import Agency, Contract, ContractHolder
from maintenance.models import SafetyNetPremiumChange


def accept_exactly(url, plan, size):
    """Leave exactly `size` applications accepted; refresh the statistics.

    The seeded accepted group is application ids drafts+1 .. drafts+accepted.
    """
    first, last = plan.drafts + 1, plan.drafts + plan.accepted
    with databases.connect(url) as conn:
        conn.execute(
            sql.SQL(
                "UPDATE {} SET export_batch_id = NULL, status = CASE WHEN id < %s"
                " THEN 'accepted' ELSE 'in_review' END WHERE id BETWEEN %s AND %s"
            ).format(databases.table(Application)),
            [first + size, first, last],
        )
    with databases.connect(url, autocommit=True) as conn:
        conn.execute(sql.SQL("ANALYZE {}").format(databases.table(Application)))


def copy_query():
    """Return the COPY of the export's rows, joined like the export's."""
    return sql.SQL(
        "COPY (SELECT a.receipt_no, a.procedure_id, a.submitted_at, a.channel,"
        " g.code, c.contract_no, h.kind, h.corporate_no, h.name, h.name_kana,"
        " h.representative, h.birth_date, h.gender, h.postal_code, h.address,"
        " h.phone, d.current_premium, d.new_premium, d.change_kind,"
        " d.effective_month, d.reason_code"
        " FROM {app} a JOIN {holder} h ON h.id = a.holder_id"
        " LEFT JOIN {contract} c ON c.id = a.contract_id"
        " LEFT JOIN {agency} g ON g.id = a.agency_id"
        " JOIN {detail} d ON d.application_id = a.id"
        " WHERE a.status = 'accepted' ORDER BY a.receipt_no) TO STDOUT"
    ).format(
        app=databases.table(Application),
        holder=databases.table(ContractHolder),
        contract=databases.table(Contract),
        agency=databases.table(Agency),
        detail=databases.table(SafetyNetPremiumChange),
    )


def time_copy(url, repeat):
    """Return (median seconds, rows, bytes) of the baseline COPY."""
    timings = []
    with databases.connect(url) as conn:
        for _ in range(repeat + 1):
            started = time.perf_counter()
            size = rows = 0
            with conn.cursor() as cursor, cursor.copy(copy_query()) as copy:
                for block in copy:
                    size += len(block)
                    rows += bytes(block).count(b"\n")
            timings.append(time.perf_counter() - started)
    return statistics.median(timings[1:]), rows, size


def measure(url, plan, size, env, repeat):
    """Return the figures of exporting `size` applications and their COPY."""
    accept_exactly(url, plan, size)
    copy_seconds, copy_rows, copy_bytes = time_copy(url, repeat)
    out_dir = tempfile.mkdtemp(prefix="bench-export-")
    try:
        figures = child.run(
            "bench.export_timing",
            [],
            dict(env, LEGACY_EXPORT_DIR=out_dir),
            "export.log",
        )
        figures["file_bytes"] = sum(
            entry.stat().st_size for entry in os.scandir(out_dir) if entry.is_file()
        )
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)
    if figures["records"] != size or copy_rows != size:
        raise RuntimeError(
            f"expected {size} rows, the export wrote {figures['records']} "
            f"and COPY read {copy_rows}"
        )
    return dict(
        figures, copy_seconds=copy_seconds, copy_rows=copy_rows, copy_bytes=copy_bytes
    )


def child_main():
    """Run the export in this process and report its time and memory."""
    from kyosai_portal.legacy import export

    before = child.memory_kib("VmHWM")
    started = time.perf_counter()
    batches = export.export_accepted_applications()
    seconds = time.perf_counter() - started
    child.report(
        {
            "seconds": seconds,
            "records": sum(batch.record_count for batch in batches),
            "peak_before_kib": before,
        }
    )
