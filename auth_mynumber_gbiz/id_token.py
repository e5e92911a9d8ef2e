"""Verify GビズID ID tokens: the one module that checks a signature and its claims.

python-jose does the cryptography; everything it leaves to the caller is done
here (IDENTITY.md lists the pitfalls): only RS256, the key chosen by `kid`
from the provider's JWKS (never from `jku`, `x5u` or `jwk` headers), `aud`,
`iss`, `exp`, `iat` and `sub` required, and the nonce compared in constant time.
"""

import hmac
import threading
import time
from dataclasses import dataclass

from jose import jwk, jws, jwt
from jose.exceptions import JOSEError

from auth_mynumber_gbiz import provider_http
from auth_mynumber_gbiz.login_errors import ResponseRejected

ALGORITHM = "RS256"
# Allowed clock difference between GビズID and the portal, in seconds.
LEEWAY = 30
# Keys are refetched this often anyway, so a withdrawn key stops working.
JWKS_MAX_AGE = 3600
# An unknown `kid` triggers at most one refetch per interval, so forged
# tokens cannot make the portal hammer the provider.
JWKS_REFETCH_INTERVAL = 60

_DECODE_OPTIONS = {
    "verify_signature": True,
    "verify_aud": True,
    "verify_iss": True,
    "verify_exp": True,
    "verify_iat": True,
    "verify_nbf": True,
    "verify_sub": True,
    "verify_at_hash": True,
    "require_aud": True,
    "require_iss": True,
    "require_exp": True,
    "require_iat": True,
    "require_sub": True,
    "leeway": LEEWAY,
}


class InvalidIdToken(ResponseRejected):
    """The ID token failed one of the checks; `reason` says which."""

    def __init__(self, reason, kid=None):
        super().__init__(reason)
        self.kid = kid


@dataclass(frozen=True)
class VerifiedIdToken:
    claims: dict
    kid: str

    @property
    def subject(self):
        return self.claims["sub"]


class JwksCache:
    """Signing keys by JWKS URI, refetched when old or on an unknown `kid`."""

    def __init__(self):
        self._entries = {}
        self._lock = threading.Lock()

    def key(self, jwks_uri, kid):
        """Return the RS256 public key `kid` of `jwks_uri`, or None if unknown.

        With `kid` None the set must hold exactly one signing key.
        """
        with self._lock:
            entry = self._entries.get(jwks_uri)
            now = time.monotonic()
            if entry is None or now - entry.fetched_at >= JWKS_MAX_AGE:
                entry = self._fetch(jwks_uri, now, forced_at=None)
            found = entry.find(kid)
            may_refetch = (
                entry.forced_at is None
                or now - entry.forced_at >= JWKS_REFETCH_INTERVAL
            )
            if found is None and may_refetch:
                entry = self._fetch(jwks_uri, now, forced_at=now)
                found = entry.find(kid)
            return found

    def clear(self):
        """Forget every key set, e.g. after the provider revoked a key."""
        with self._lock:
            self._entries.clear()

    def _fetch(self, jwks_uri, now, forced_at):
        document = provider_http.get_json(jwks_uri)
        entry = _KeySet(_signing_keys(document), fetched_at=now, forced_at=forced_at)
        previous = self._entries.get(jwks_uri)
        if forced_at is None and previous is not None:
            entry.forced_at = previous.forced_at
        self._entries[jwks_uri] = entry
        return entry


@dataclass
class _KeySet:
    keys: list
    fetched_at: float
    forced_at: float | None

    def find(self, kid):
        if kid is None:
            return self.keys[0][1] if len(self.keys) == 1 else None
        for key_id, key in self.keys:
            if key_id == kid:
                return key
        return None


def _signing_keys(document):
    keys = document.get("keys")
    if not isinstance(keys, list):
        raise ResponseRejected("JWKS has no keys list")
    usable = []
    for entry in keys:
        if not isinstance(entry, dict) or entry.get("kty") != "RSA":
            continue
        if entry.get("use", "sig") != "sig" or entry.get("alg", ALGORITHM) != ALGORITHM:
            continue
        try:
            usable.append((entry.get("kid"), jwk.construct(entry, ALGORITHM)))
        except JOSEError:
            continue
    return usable


jwks_cache = JwksCache()


def verify(token, *, jwks_uri, issuer, client_id, nonce, access_token=None):
    """Return the verified claims of ID token `token`, or raise InvalidIdToken.

    `nonce` is the one stored when the login started; `access_token`, when
    given, is checked against the token's `at_hash`.
    """
    header = _header(token)
    kid = header.get("kid")
    if kid is not None and not isinstance(kid, str):
        raise InvalidIdToken("kid is not a string")
    if header.get("alg") != ALGORITHM:
        raise InvalidIdToken(f"alg {header.get('alg')!r} is not {ALGORITHM}", kid)

    key = jwks_cache.key(jwks_uri, kid)
    if key is None:
        raise InvalidIdToken(f"no signing key with kid {kid!r}", kid)

    try:
        claims = jwt.decode(
            token,
            key,
            algorithms=[ALGORITHM],
            audience=client_id,
            issuer=issuer,
            access_token=access_token,
            options=_DECODE_OPTIONS,
        )
    except JOSEError as exc:
        raise InvalidIdToken(f"{type(exc).__name__}: {exc}", kid) from exc

    _check_claims(claims, client_id, nonce, kid)
    return VerifiedIdToken(claims=claims, kid=kid or "")


def _header(token):
    if not isinstance(token, str) or token.count(".") != 2:
        raise InvalidIdToken("not a compact JWS")
    try:
        header = jws.get_unverified_header(token)
    except JOSEError as exc:
        raise InvalidIdToken("unreadable header") from exc
    if not isinstance(header, dict):
        raise InvalidIdToken("header is not an object")
    return header


def _check_claims(claims, client_id, nonce, kid):
    # python-jose checks iat's type only; a token from the future is forged
    # or comes from a provider whose clock is wrong.
    issued_at = claims["iat"]
    if isinstance(issued_at, bool) or not isinstance(issued_at, int | float):
        raise InvalidIdToken("iat is not a number", kid)
    if issued_at > time.time() + LEEWAY:
        raise InvalidIdToken("iat is in the future", kid)

    audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
    if len(audiences) > 1 and claims.get("azp") != client_id:
        raise InvalidIdToken("several audiences and azp is not this client", kid)

    received = claims.get("nonce")
    if not isinstance(received, str) or not hmac.compare_digest(
        received.encode(), nonce.encode()
    ):
        raise InvalidIdToken("nonce does not match", kid)
