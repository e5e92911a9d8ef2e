"""What the locust users request, and the logged-in sessions they send.

Sessions are made ahead of time through the configured session engine (Redis
here, as in production), as a GビズID login would leave them: the load test
then measures the pages, not the identity provider. The CSRF secret
goes in a cookie and the form alike, as a browser holding the cookie does.
"""

import json
import random
from datetime import timedelta
from importlib import import_module

from django.conf import settings
from django.contrib.auth import (
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,
)
from django.middleware.csrf import CSRF_ALLOWED_CHARS, CSRF_SECRET_LENGTH
from django.utils.crypto import get_random_string
from psycopg import sql

from bench import databases, dataset
from kyosai_portal.applications.models import Application

LOGIN_BACKEND = "django.contrib.auth.backends.ModelBackend"
# Enough receipt numbers that the bare view and the status page hit rows
# spread over the table, not a handful that stay in one cache page.
SAMPLE = 5_000


def create_sessions(user_ids):
    """Log each user in with a fresh session; return {user_id: session_key}."""
    session_store = import_module(settings.SESSION_ENGINE).SessionStore
    auth_hash = get_user_model()(password=dataset.NO_PASSWORD).get_session_auth_hash()
    keys = {}
    for user_id in user_ids:
        store = session_store()
        store.update(
            {
                SESSION_KEY: str(user_id),
                BACKEND_SESSION_KEY: LOGIN_BACKEND,
                HASH_SESSION_KEY: auth_hash,
            }
        )
        store.set_expiry(timedelta(days=1))
        store.create()
        keys[user_id] = store.session_key
    return keys


def build(conn, plan, status_users, drafts):
    """Write the sessions the load test needs; return its plan as a dict.

    `status_users` applicants with submitted applications browse their
    status pages; `drafts` complete drafts, each of a different applicant,
    wait to be submitted once each. Seeded users share ids with holders.
    """
    table = databases.table(Application)
    rng = random.Random(7)
    # Applicants spread evenly over the contracts past the drafts, so their
    # applications are in every state and all over the table.
    stride = max(1, (plan.current - plan.drafts) // max(status_users, 1))
    chosen = list(range(plan.drafts + 1, plan.current + 1, stride))[:status_users]
    with conn.cursor() as cursor:
        cursor.execute(
            sql.SQL(
                "SELECT holder_id, receipt_no FROM {} WHERE holder_id = ANY(%s)"
                " AND receipt_no IS NOT NULL"
            ).format(table),
            [chosen],
        )
        owned = cursor.fetchall()
        cursor.execute(
            sql.SQL(
                "SELECT id, holder_id FROM {} WHERE status = 'draft'"
                " AND draft_data ? 'timing' ORDER BY id LIMIT %s"
            ).format(table),
            [drafts],
        )
        draft_rows = cursor.fetchall()

    holders = sorted({holder for holder, _no in owned} | {h for _pk, h in draft_rows})
    keys = create_sessions(holders)

    status_pairs = [(keys[holder], no) for holder, no in owned]
    receipts = [no for _holder, no in owned]
    return {
        "csrf": get_random_string(CSRF_SECRET_LENGTH, CSRF_ALLOWED_CHARS),
        "receipts": rng.sample(receipts, min(SAMPLE, len(receipts))),
        "status": rng.sample(status_pairs, min(SAMPLE, len(status_pairs))),
        "drafts": [(keys[holder], pk) for pk, holder in draft_rows],
    }


def save(load_plan, path):
    """Write the load plan where the locustfile reads it."""
    path.write_text(json.dumps(load_plan))
