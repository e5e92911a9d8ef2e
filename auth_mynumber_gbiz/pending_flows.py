"""Redirect flows begun in this browser session: state, nonce and PKCE, used once.

Both the GビズID login and the マイナンバーカード signing channel send the
browser away and expect it back with a `state`. What the portal must
remember meanwhile is kept here, in the server session, under that state:
each entry lives FLOW_LIFETIME seconds (IDENTITY.md: ten minutes) and is
removed the first time it is taken, whatever the outcome.
"""

import base64
import hashlib
import secrets
import time

# IDENTITY.md: state, nonce and verifier live ten minutes and are used once.
FLOW_LIFETIME = 600
# Flows started in other tabs stay usable, up to this many.
MAX_PENDING = 5


class FlowNotFound(Exception):
    """Nothing is pending in this session: it expired or has no cookie."""


class FlowUnknown(Exception):
    """The state names no flow pending in this session."""


class FlowTooOld(Exception):
    """The flow was started more than FLOW_LIFETIME seconds ago."""


def new_state():
    """Return a fresh random `state` (or `nonce`) value."""
    return secrets.token_urlsafe(32)


def new_verifier():
    """Return a fresh PKCE code verifier (RFC 7636: 43 to 128 characters)."""
    return secrets.token_urlsafe(64)


def pkce_challenge(verifier):
    """Return the S256 code challenge of `verifier` (RFC 7636)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


class PendingFlows:
    """The flows of one kind pending in a session, under `session_key`."""

    def __init__(self, session_key):
        self.session_key = session_key

    def put(self, request, state, entry):
        """Remember `entry` under `state`; stamp it with its start time if new."""
        entry.setdefault("started", time.time())
        pending = _live(request.session.get(self.session_key))
        pending[state] = entry
        newest = sorted(pending.items(), key=lambda item: item[1]["started"])
        request.session[self.session_key] = dict(newest[-MAX_PENDING:])

    def take(self, request, state):
        """Remove and return the entry under `state`.

        Raise FlowNotFound, FlowUnknown or FlowTooOld; the entry is removed
        before its age is checked, so a state works once whatever happens.
        """
        pending = request.session.get(self.session_key)
        if not pending:
            raise FlowNotFound
        entry = pending.pop(state, None) if state else None
        request.session[self.session_key] = pending
        if entry is None:
            raise FlowUnknown
        if time.time() - entry["started"] > FLOW_LIFETIME:
            raise FlowTooOld
        return entry

    def peek(self, request, state):
        """Return the live entry under `state` without using it up, or None."""
        entry = (request.session.get(self.session_key) or {}).get(state)
        if entry is None or time.time() - entry["started"] > FLOW_LIFETIME:
            return None
        return entry


def _live(pending):
    now = time.time()
    return {
        state: entry
        for state, entry in (pending or {}).items()
        if now - entry["started"] <= FLOW_LIFETIME
    }
