"""The bench's own PostgreSQL databases: created fresh, migrated once, cloned.

Migrating takes seconds, so one template database is migrated and every
other bench database is a file-level copy of it (CREATE DATABASE ...
TEMPLATE). Only databases whose name starts with the bench prefix are
ever dropped.
"""

import os
import subprocess
import sys
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

from bench import paths


def with_name(url, name):
    """Return the database URL `url` pointing at database `name` instead."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


def name_of(url):
    """Return the database name of a postgres:// URL."""
    return urlsplit(url).path.lstrip("/")


def table(model):
    """Return the quoted table name of a Django model, for psycopg SQL."""
    return sql.Identifier(model._meta.db_table)


def connect(url, **kwargs):
    """Return a psycopg connection to the database of a postgres:// URL."""
    return psycopg.connect(url, **kwargs)


def recreate(url, template=None):
    """Drop the database of `url`; create it anew, empty or from `template`."""
    drop(url)
    create = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name_of(url)))
    if template:
        create += sql.SQL(" TEMPLATE {}").format(sql.Identifier(name_of(template)))
    with connect(with_name(url, "postgres"), autocommit=True) as conn:
        conn.execute(create)


def drop(url):
    """Drop the bench database of `url`, if it exists."""
    name = name_of(url)
    if not name.startswith("kyosai_bench"):
        raise ValueError("the bench only drops its own kyosai_bench* databases")
    with connect(with_name(url, "postgres"), autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                sql.Identifier(name)
            )
        )


def migrate(url):
    """Apply every migration to the database of `url` (`manage.py migrate`)."""
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="bench.settings")
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=paths.PROJECT,
        env=env,
        check=True,
    )


def analyze(url):
    """Refresh the planner statistics and visibility map after a bulk load."""
    with connect(url, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")
