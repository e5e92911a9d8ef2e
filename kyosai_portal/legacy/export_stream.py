"""The export's main loop: stream one batch's records into a binary file.

One query reads the whole batch in 受付番号 order: each application as plain
values joined to its holder, contract and agency, and to the detail table of
every procedure of its scheme. On PostgreSQL it is streamed in chunks, so
the database goes on producing rows while Python encodes those it has, and
memory and the number of queries stay flat at any batch size. (A server-side
cursor would be planned for its first rows only, with nested loops several
times slower over a whole batch.)
"""

import hashlib
from dataclasses import dataclass

import psycopg
from django.db import connections
from django.utils.translation import gettext as _

from kyosai_portal.applications.models import Application
from kyosai_portal.applications.procedures import implemented_specs
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


@dataclass(frozen=True)
class _DetailColumns:
    """Where one procedure's detail row sits in a batch row."""

    model: type
    start: int
    attnames: tuple
    pk_at: int

    def instance(self, row, db):
        """Return the detail model of `row`, or None when it has none."""
        values = row[self.start : self.start + len(self.attnames)]
        # The primary key is NULL when the LEFT JOIN found no detail row.
        if values[self.pk_at] is None:
            return None
        return self.model.from_db(db, self.attnames, values)


def batch_rows(batch, chunk_size=CHUNK_SIZE):
    """Yield (row, detail) of `batch` in 受付番号 order.

    `row` starts with the values of `export_records.COMMON_AREA_COLUMNS`;
    `detail` is the application's procedure detail model.
    """
    columns = list(export_records.COMMON_AREA_COLUMNS)
    details = {}
    for spec in implemented_specs():
        if spec.scheme == batch.scheme:
            model = spec.get_detail_model()
            attnames = tuple(field.attname for field in model._meta.concrete_fields)
            details[spec.id] = _DetailColumns(
                model, len(columns), attnames, attnames.index(model._meta.pk.attname)
            )
            columns += [f"{spec.detail_relation}__{name}" for name in attnames]
    applications = (
        Application.objects.filter(export_batch=batch)
        .order_by("receipt_no")
        .values_list(*columns)
    )
    procedure_id, receipt_no = export_records.PROCEDURE_ID, export_records.RECEIPT_NO
    for row in _stream(applications, chunk_size):
        placement = details.get(row[procedure_id])
        detail = placement and placement.instance(row, applications.db)
        if detail is None:
            raise export_records.ExportRecordError(
                _("受付番号 %(receipt_no)s の申請内容がありません。")
                % {"receipt_no": row[receipt_no]}
            )
        yield row, detail


def _stream(queryset, chunk_size):
    """Yield the rows of the values_list `queryset`, converted as Django would.

    On PostgreSQL psycopg streams the result chunk by chunk; elsewhere (SQLite
    for `make run`) the queryset's own iterator does.
    """
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        yield from queryset.iterator(chunk_size)
        return
    compiler = queryset.query.get_compiler(using=queryset.db)
    sql, params = compiler.as_sql()
    connection.ensure_connection()
    # A plain psycopg cursor, not Django's client-side one: it can ask for
    # binary results, which psycopg loads several times faster than text.
    with psycopg.Cursor(connection.connection) as cursor:
        rows = cursor.stream(sql, params, binary=True, size=chunk_size)
        yield from compiler.results_iter([rows], tuple_expected=True)
