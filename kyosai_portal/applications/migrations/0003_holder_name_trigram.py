"""Trigram indexes that let clerks find an application by the holder's name.

The review queue searches 共済契約者 names with a substring match: Japanese
company names start with 株式会社 or 有限会社, so a prefix search would miss
most of what a clerk types. Django's `icontains` compares `UPPER(name)`, so
the GIN indexes are on that expression. They live here, not in the contracts
app, because the queue's search is what needs them.

PostgreSQL only: development on SQLite skips both operations.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

_COLUMNS = {
    "contracts_holder_name_trgm": "name",
    "contracts_holder_kana_trgm": "name_kana",
}


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index, column in _COLUMNS.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {index} ON contracts_contractholder "
            f"USING gin (UPPER({column}) gin_trgm_ops)"
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for index in _COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index}")


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0002_queue_order_index"),
        ("contracts", "0001_initial"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes),
    ]
