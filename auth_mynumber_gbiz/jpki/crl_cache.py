"""The CRL store this process verifies against, reloaded when files change.

Every web and worker process keeps its own copy in memory. Each look-up
compares the names, sizes and modification times of the files in
settings.JPKI_CRL_DIR with those of the loaded copy (a directory listing,
not a read), so a CRL written there reaches every process without a
restart. While one thread loads a changed directory, the others carry on
with the copy they have; a CRL past its next update is refused anyway.
"""

import os
import threading
from dataclasses import dataclass

from django.conf import settings

from .revocation import CrlStore, load_crl_store
from .trust_store import TrustStore, configured_trust_store


@dataclass(frozen=True)
class _Snapshot:
    trust_store: TrustStore
    directory: str
    listing: tuple
    store: CrlStore


_snapshot = None
_loading = threading.Lock()


def current_crl_store():
    """Return the CrlStore of the configured CAs and JPKI_CRL_DIR, loading on change."""
    trust_store = configured_trust_store()
    directory = str(settings.JPKI_CRL_DIR or "")
    listing = _listing(directory)
    snapshot = _snapshot
    if _serves(snapshot, trust_store, directory) and snapshot.listing == listing:
        return snapshot.store

    # Only a change of files lets other threads go on with the old copy;
    # a different configuration must never be answered from the old one.
    if not _loading.acquire(blocking=not _serves(snapshot, trust_store, directory)):
        return snapshot.store
    try:
        snapshot = _snapshot
        if _serves(snapshot, trust_store, directory) and snapshot.listing == listing:
            return snapshot.store
        return _load(trust_store, directory, listing).store
    finally:
        _loading.release()


def _serves(snapshot, trust_store, directory):
    return (
        snapshot is not None
        and snapshot.trust_store is trust_store
        and snapshot.directory == directory
    )


def reload_crl_store():
    """Load the configured CRLs afresh, whatever changed, and return the store."""
    trust_store = configured_trust_store()
    directory = str(settings.JPKI_CRL_DIR or "")
    with _loading:
        return _load(trust_store, directory, _listing(directory)).store


def _load(trust_store, directory, listing):
    global _snapshot
    _snapshot = _Snapshot(
        trust_store=trust_store,
        directory=directory,
        listing=listing,
        store=load_crl_store(trust_store, directory),
    )
    return _snapshot


def _listing(directory):
    if not directory:
        return ()
    try:
        with os.scandir(directory) as entries:
            return tuple(
                sorted(
                    (entry.name, entry.stat().st_mtime_ns, entry.stat().st_size)
                    for entry in entries
                    if not entry.name.startswith(".")
                )
            )
    except OSError:
        return None
