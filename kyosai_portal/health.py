"""Liveness of the portal's two dependencies, for load balancers and operators."""

import logging

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from kyosai_portal.celery import app as celery_app

logger = logging.getLogger(__name__)


def _database_ok():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        logger.exception("health check: database unreachable")
        return False


def _broker_ok():
    if celery_app.conf.task_always_eager:
        # Development runs tasks in the web process: there is no broker to lose.
        return True
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        logger.exception("health check: broker unreachable")
        return False


@never_cache
@require_GET
def healthz(request):
    """Return the state of the database and the broker; 200 only when both are fine."""
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    status = 200 if all(checks.values()) else 503
    body = {"status": "ok" if status == 200 else "degraded"}
    body.update(
        {name: "ok" if fine else "unavailable" for name, fine in checks.items()}
    )
    return JsonResponse(body, status=status)
