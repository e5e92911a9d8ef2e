"""Load a bench dataset into PostgreSQL with COPY, table by table.

Rows stream from `bench.dataset` straight into `cursor.copy()`: no model
instances, no per-row statements, memory flat at any size. Ids are written
explicitly, so each identity sequence is moved past them afterwards.

At millions of rows, keeping a dozen indexes up to date row by row and
queueing a deferred foreign-key check per row cost far more than the COPY
itself. So, by default, a table's secondary indexes are dropped before its
COPY and built again after it, and foreign-key triggers are off for the
seeding session; the rows are consistent by construction, which the smoke
test checks by seeding with every check on.
"""

import logging
import time

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import NOT_PROVIDED
from psycopg import sql

from auth_mynumber_gbiz.models import ExternalIdentity
from bench import databases, dataset
from kyosai_portal.applications.models import Application, ApplicationEvent
from kyosai_portal.contracts.models import Agency, Contract, ContractHolder
from kyosai_portal.legacy.models import ExportBatch
from maintenance.models import SafetyNetPremiumChange

logger = logging.getLogger(__name__)


def tables():
    """Return (model, columns, rows function) in foreign-key order."""
    return (
        (Agency, dataset.AGENCY_COLUMNS, dataset.agencies),
        (get_user_model(), dataset.USER_COLUMNS, dataset.users),
        (ContractHolder, dataset.HOLDER_COLUMNS, dataset.holders),
        (ExternalIdentity, dataset.IDENTITY_COLUMNS, dataset.identities),
        (Contract, dataset.CONTRACT_COLUMNS, dataset.contracts),
        (ExportBatch, dataset.BATCH_COLUMNS, dataset.export_batches),
        (Application, dataset.APPLICATION_COLUMNS, dataset.applications),
        (SafetyNetPremiumChange, dataset.DETAIL_COLUMNS, dataset.details),
        (ApplicationEvent, dataset.EVENT_COLUMNS, dataset.events),
    )


def copy_rows(conn, table, columns, rows):
    """COPY `rows` into `table`; return how many were written."""
    statement = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )
    count = 0
    with conn.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def seed(conn, plan, bulk=True):
    """Write the whole dataset of `plan` through the psycopg connection `conn`.

    The tables must be empty. Return {table: rows written}. The caller
    commits (or, in a test, rolls back). `bulk=False` keeps indexes and
    foreign-key checks in place while copying.
    """
    with conn.cursor() as cursor:
        cursor.execute(
            sql.SQL("SELECT EXISTS (SELECT 1 FROM {})").format(
                databases.table(Application)
            )
        )
        if cursor.fetchone()[0]:
            raise RuntimeError("the bench seeds empty databases only")

    if bulk:
        conn.execute("SET session_replication_role = replica")
        conn.execute("SET maintenance_work_mem = '256MB'")
    written = {}
    for model, columns, rows in tables():
        table = model._meta.db_table
        started = time.perf_counter()
        rebuild = _drop_secondary_indexes(conn, table) if bulk else []
        defaults = _defaults_of_other_fields(model, columns)
        written[table] = copy_rows(
            conn,
            table,
            columns + tuple(defaults),
            (row + tuple(defaults.values()) for row in rows(plan)),
        )
        copied = time.perf_counter()
        for statement in rebuild:
            conn.execute(statement)
        logger.info(
            "copied %d rows into %s in %.1f s, indexed in %.1f s",
            written[table],
            table,
            copied - started,
            time.perf_counter() - copied,
        )
    if bulk:
        conn.execute("RESET session_replication_role")
    _move_sequences(conn, [model for model, _c, _r in tables()])
    _count_batches(conn)
    return written


def _defaults_of_other_fields(model, columns):
    """Return {column: database value} of the model's other NOT NULL fields.

    The dataset names the columns it fills; a field added to a model later
    gets its model default here, as the ORM would write it, so seeding keeps
    working when the schema grows.
    """
    defaults = {}
    for field in model._meta.concrete_fields:
        if field.column in columns or field.null or field.primary_key:
            continue
        if field.db_default is not NOT_PROVIDED:
            continue
        defaults[field.column] = field.get_db_prep_save(field.get_default(), connection)
    return defaults


def _drop_secondary_indexes(conn, table):
    """Drop `table`'s indexes backing no constraint; return how to rebuild."""
    rows = conn.execute(
        "SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x"
        " JOIN pg_class i ON i.oid = x.indexrelid"
        " WHERE x.indrelid = %s::regclass AND NOT EXISTS"
        " (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
        [table],
    ).fetchall()
    for name, _definition in rows:
        conn.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(name)))
    return [definition for _name, definition in rows]


def _move_sequences(conn, models):
    # Rows came with explicit ids; the portal's next insert must not reuse one.
    with conn.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            cursor.execute(
                sql.SQL(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'),"
                    " GREATEST((SELECT max(id) FROM {}), 1))"
                ).format(sql.Identifier(table)),
                [table],
            )


def _count_batches(conn):
    # Make each seeded batch's totals agree with the applications it holds.
    with conn.cursor() as cursor:
        cursor.execute(
            sql.SQL(
                "UPDATE {batch} b SET record_count = t.n, premium_total = t.total"
                " FROM (SELECT a.export_batch_id, count(*) AS n,"
                " sum(d.new_premium) AS total FROM {app} a"
                " JOIN {detail} d ON d.application_id = a.id"
                " WHERE a.export_batch_id IS NOT NULL"
                " GROUP BY a.export_batch_id) t WHERE b.id = t.export_batch_id"
            ).format(
                batch=databases.table(ExportBatch),
                app=databases.table(Application),
                detail=databases.table(SafetyNetPremiumChange),
            )
        )
