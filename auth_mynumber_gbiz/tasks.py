"""Background work of the identity app."""

import datetime
import logging

from celery import shared_task

from auth_mynumber_gbiz.jpki.crl_cache import reload_crl_store
from auth_mynumber_gbiz.jpki.trust_store import configured_trust_store

logger = logging.getLogger(__name__)


@shared_task
def reload_jpki_crls():
    """Reload and verify every CRL in JPKI_CRL_DIR; return a summary.

    Safe to run any number of times. Each web process also reloads by
    itself when the files change; this task reports, on a schedule, what
    the CRLs hold and which files were refused.
    """
    store = reload_crl_store()
    now = datetime.datetime.now(datetime.UTC)
    uncovered = []
    for authority in configured_trust_store().authorities:
        crl = store.for_authority(authority)
        if crl is None or not crl.is_current(now):
            uncovered.append(authority.subject.rfc4514_string())
            # Every signature from this CA is refused until a CRL arrives.
            logger.error("JPKI CA without a current CRL: %s", uncovered[-1])
    next_updates = [crl.next_update for crl in store.lists.values() if crl.next_update]
    logger.info(
        "JPKI CRLs reloaded: %d CRLs, %d revoked serials, %d skipped, %.1f s",
        len(store.lists),
        store.revoked_count,
        len(store.problems),
        store.load_seconds,
    )
    return {
        "crls": len(store.lists),
        "revoked_serials": store.revoked_count,
        "problems": list(store.problems),
        "authorities_without_current_crl": uncovered,
        "earliest_next_update": min(next_updates).isoformat() if next_updates else None,
        "load_seconds": round(store.load_seconds, 3),
    }
