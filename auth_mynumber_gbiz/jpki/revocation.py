"""Revocation lists: each CRL file verified, its serials kept as a hash set.

A JPKI CRL lists millions of serials. Each list is turned once, at load,
into a frozenset per issuing CA, so that a look-up costs the same whether
the CRL holds ten serials or ten million.
"""

import datetime
import logging
import os
import time
from dataclasses import dataclass, field

from cryptography import x509

from .certificate_files import load_crls
from .trust_store import authority_key

logger = logging.getLogger(__name__)


@dataclass(frozen=True, repr=False)
class RevocationList:
    """The serials one trusted CA has revoked, as of one verified CRL."""

    issuer: str
    this_update: datetime.datetime
    next_update: datetime.datetime | None
    number: int | None
    revoked_serials: frozenset[int]
    source: str

    def __repr__(self):
        return f"<RevocationList {self.source}: {len(self.revoked_serials)} serials>"

    def is_current(self, at):
        """Return whether the CRL may still be relied on at `at`.

        A CRL without a next update has no stated lifetime and is never
        current: the portal fails closed rather than guess.
        """
        return self.next_update is not None and at < self.next_update

    def is_revoked(self, serial):
        """Return whether `serial` is on the list."""
        return serial in self.revoked_serials


@dataclass(frozen=True)
class CrlStore:
    """The newest verified CRL of each trusted CA, keyed by CA fingerprint."""

    lists: dict[bytes, RevocationList] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    load_seconds: float = 0.0

    def for_authority(self, authority):
        """Return the RevocationList of a trusted CA, or None if there is none."""
        return self.lists.get(authority_key(authority))

    @property
    def revoked_count(self):
        """Return the number of revoked serials over every CRL."""
        return sum(len(crl.revoked_serials) for crl in self.lists.values())


def load_crl_store(trust_store, directory):
    """Return the CrlStore of every CRL file in `directory`.

    Each CRL must be signed by a CA of `trust_store` and be a complete
    list for that CA; files that fail are skipped, named in `problems` and
    logged, so that the CA they were meant for is left without a CRL and
    its certificates are refused (fail closed).
    """
    started = time.perf_counter()
    lists = {}
    problems = []
    for path in _crl_files(directory, problems):
        try:
            with open(path, "rb") as crl_file:
                crls = load_crls(crl_file.read())
        except (OSError, ValueError) as error:
            problems.append(f"{path}: unreadable ({error})")
            continue
        for crl in crls:
            _add(lists, problems, trust_store, crl, os.path.basename(path))

    for problem in problems:
        logger.warning("JPKI CRL skipped: %s", problem)
    return CrlStore(
        lists=lists,
        problems=tuple(problems),
        load_seconds=time.perf_counter() - started,
    )


def _crl_files(directory, problems):
    if not directory:
        return []
    try:
        entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
    except OSError as error:
        problems.append(f"{directory}: directory unreadable ({error})")
        return []
    # Dot files are the convention for a download still being written.
    return [
        entry.path
        for entry in entries
        if entry.is_file() and not entry.name.startswith(".")
    ]


def _add(lists, problems, trust_store, crl, source):
    authority = _signing_authority(trust_store, crl)
    if authority is None:
        problems.append(f"{source}: not signed by a trusted JPKI CA")
        return
    reason = _incompleteness(crl)
    if reason:
        problems.append(f"{source}: {reason}")
        return

    revocation_list = RevocationList(
        issuer=crl.issuer.rfc4514_string(),
        this_update=crl.last_update_utc,
        next_update=crl.next_update_utc,
        number=_crl_number(crl),
        revoked_serials=frozenset(entry.serial_number for entry in crl),
        source=source,
    )
    key = authority_key(authority)
    known = lists.get(key)
    if known is None or _newer(revocation_list, known):
        lists[key] = revocation_list


def _signing_authority(trust_store, crl):
    for authority in trust_store.authorities:
        if authority.subject == crl.issuer and crl.is_signature_valid(
            authority.public_key()
        ):
            return authority
    return None


def _incompleteness(crl):
    """Return why `crl` cannot stand alone as the CA's full list, or ""."""
    for extension in crl.extensions:
        if isinstance(extension.value, x509.DeltaCRLIndicator):
            return "a delta CRL is not a complete list"
        if isinstance(extension.value, x509.IssuingDistributionPoint):
            if not _covers_every_user_certificate(extension.value):
                return "a partitioned or indirect CRL is not supported"
        elif extension.critical:
            return "unknown critical extension " + extension.oid.dotted_string
    return ""


def _covers_every_user_certificate(point):
    return not (
        point.full_name
        or point.relative_name
        or point.only_some_reasons
        or point.indirect_crl
        or point.only_contains_ca_certs
        or point.only_contains_attribute_certs
    )


def _crl_number(crl):
    try:
        return crl.extensions.get_extension_for_class(x509.CRLNumber).value.crl_number
    except x509.ExtensionNotFound:
        return None


def _newer(candidate, known):
    if candidate.number is not None and known.number is not None:
        return candidate.number > known.number
    return candidate.this_update > known.this_update
