"""The bytes the portal asks a card to sign: canonical JSON.

Canonical means one byte string per value, so that a clerk can rebuild and
compare it years later: keys sorted, no whitespace (`,` and `:` only),
UTF-8 with non-ASCII characters as themselves (no \\u escapes), integers
as integers and everything else as strings. The card signs the SHA-256 of
these bytes (PKCS#1 v1.5), which is what `verify_signature` checks.
"""

import base64
import json
import secrets

from django.conf import settings
from django.utils import timezone

LOGIN_FORMAT = "kyosai-portal-login/1"
CHALLENGE_BYTES = 32


def canonical_json(value):
    """Return `value` as canonical JSON bytes."""
    return json.dumps(
        value, ensure_ascii=False, separators=(",", ":"), sort_keys=True
    ).encode("utf-8")


def login_challenge():
    """Return fresh bytes for a login signature: a random challenge, dated.

    The challenge is random and kept only in the server session, so a
    signature over it proves the card was used for this login, now.
    """
    challenge = secrets.token_bytes(CHALLENGE_BYTES)
    return canonical_json(
        {
            "format": LOGIN_FORMAT,
            "challenge": base64.urlsafe_b64encode(challenge).decode("ascii"),
            "portal": settings.PORTAL_BASE_URL,
            "issued_at": timezone.now().isoformat(timespec="seconds"),
        }
    )
