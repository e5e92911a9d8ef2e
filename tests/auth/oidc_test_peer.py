"""A small OpenID provider on 127.0.0.1 that plays GビズID, with switchable faults.

It speaks the real protocol over real HTTP (discovery, authorize, token with
client_secret_basic and PKCE, userinfo, JWKS) so the portal's production code
runs unchanged; a test sets `peer.faults` to make one answer go wrong.
"""

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from jose import jwk, jwt

# A fault value that removes the claim instead of replacing it.
DROP = object()


class PeerKey:
    """An RSA key pair with a kid, as the peer signs with and publishes."""

    def __init__(self, kid=None):
        private_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = kid or "peer-" + secrets.token_hex(4)
        self.private_pem = private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        self.public_pem = (
            private_key.public_key()
            .public_bytes(
                serialization.Encoding.PEM,
                serialization.PublicFormat.SubjectPublicKeyInfo,
            )
            .decode()
        )

    def public_jwk(self):
        public = jwk.construct(self.public_pem, "RS256").to_dict()
        return {**public, "kid": self.kid, "use": "sig"}


class OidcTestPeer:
    """The provider: start() it, point GBIZID_ISSUER at `issuer`, stop() it."""

    def __init__(self, *, client_id, client_secret, redirect_uri):
        self.client_id = client_id
        self.client_secret = client_secret
        self.redirect_uri = redirect_uri
        self.signing_key = PeerKey()
        self.published_keys = [self.signing_key]
        self.subject = "gbiz-sub-0001"
        self.userinfo_claims = {}
        self.faults = {}
        self.hits = {}
        self.token_requests = []
        self.authorization_requests = []
        self._codes = {}
        self.access_tokens = {}
        self.id_tokens = []
        self._server = None

    # ---------------------------------------------------------------- lifecycle
    def start(self, handler=None):
        """Serve on a free loopback port in a background thread."""
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler or _Handler)
        self._server.daemon_threads = True
        self._server.peer = self
        threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            daemon=True,
        ).start()
        return self

    def stop(self):
        """Stop serving; later requests get connection refused."""
        self._server.shutdown()
        self._server.server_close()

    @property
    def issuer(self):
        return f"http://127.0.0.1:{self._server.server_address[1]}/"

    def rotate_key(self):
        """Sign with a new key from now on and publish only that one."""
        self.signing_key = PeerKey()
        self.published_keys = [self.signing_key]

    # ---------------------------------------------------------------- endpoints
    def discovery(self):
        return 200, {
            "issuer": self.faults.get("discovery_issuer", self.issuer),
            "authorization_endpoint": self.issuer + "authorize",
            "token_endpoint": self.issuer + "token",
            "userinfo_endpoint": self.issuer + "userinfo",
            "jwks_uri": self.issuer + "jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
        }

    def jwks(self):
        return 200, {"keys": [key.public_jwk() for key in self.published_keys]}

    def attacker_jwks(self):
        return 200, {"keys": [self.faults["attacker_key"].public_jwk()]}

    def authorize(self, query):
        params = {name: values[0] for name, values in parse_qs(query).items()}
        self.authorization_requests.append(params)
        if params.get("client_id") != self.client_id or (
            params.get("redirect_uri") != self.redirect_uri
        ):
            return 400, {"error": "invalid_request"}
        if "error" in self.faults:
            return self._redirect(error=self.faults["error"], state=params["state"])
        code = secrets.token_urlsafe(24)
        self._codes[code] = params
        return self._redirect(
            code=code, state=self.faults.get("redirect_state", params["state"])
        )

    def token(self, headers, body):
        form = {name: values[0] for name, values in parse_qs(body).items()}
        self.token_requests.append(
            {"authorization": headers.get("Authorization"), **form}
        )
        if "token_error" in self.faults:
            return 400, {"error": self.faults["token_error"]}
        if not self._client_authenticated(headers.get("Authorization", "")):
            return 401, {"error": "invalid_client"}
        request = self._codes.pop(form.get("code"), None)
        if request is None or form.get("redirect_uri") != request["redirect_uri"]:
            return 400, {"error": "invalid_grant"}
        if _s256(form.get("code_verifier", "")) != request["code_challenge"]:
            return 400, {"error": "invalid_grant"}

        access_token = secrets.token_urlsafe(32)
        self.access_tokens[access_token] = self.subject
        self.id_tokens.append(self.id_token(request["nonce"], access_token))
        return 200, {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": 600,
            "id_token": self.id_tokens[-1],
        }

    def userinfo(self, headers):
        scheme, _sep, token = headers.get("Authorization", "").partition(" ")
        subject = self.access_tokens.get(token) if scheme == "Bearer" else None
        if subject is None:
            return 401, {"error": "invalid_token"}
        return 200, {
            "sub": self.faults.get("userinfo_sub", subject),
            **self.userinfo_claims,
        }

    # ---------------------------------------------------------------- tokens
    def id_token(self, nonce, access_token):
        """Return an ID token for the current subject, bent by the faults."""
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": self.subject,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
        }
        for name, value in self.faults.get("claims", {}).items():
            if value is DROP:
                claims.pop(name, None)
            else:
                claims[name] = value
        headers = {"kid": self.faults.get("kid", self.signing_key.kid)}
        headers.update(self.faults.get("headers", {}))

        alg = self.faults.get("alg", "RS256")
        if alg == "none":
            return _unsigned(headers, claims)
        if alg == "HS256-public-key":
            return _hmac_signed(headers, claims, self.signing_key.public_pem.encode())
        key = self.faults.get("sign_with", self.signing_key)
        # python-jose overwrites at_hash when given the access token.
        bent_at_hash = "at_hash" in self.faults.get("claims", {})
        return jwt.encode(
            claims,
            key.private_pem,
            algorithm="RS256",
            headers=headers,
            access_token=None if bent_at_hash else access_token,
        )

    # ---------------------------------------------------------------- helpers
    def _redirect(self, **params):
        return 302, self.redirect_uri + "?" + urlencode(params)

    def _client_authenticated(self, header):
        scheme, _sep, encoded = header.partition(" ")
        if scheme != "Basic":
            return False
        client_id, _sep, secret = base64.b64decode(encoded).decode().partition(":")
        return (unquote(client_id), unquote(secret)) == (
            self.client_id,
            self.client_secret,
        )


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        peer = self.server.peer
        parts = urlsplit(self.path)
        routes = {
            "/.well-known/openid-configuration": peer.discovery,
            "/jwks": peer.jwks,
            "/attacker-jwks": peer.attacker_jwks,
            "/userinfo": lambda: peer.userinfo(self.headers),
            "/authorize": lambda: peer.authorize(parts.query),
        }
        self._answer(parts.path, routes)

    def do_POST(self):
        peer = self.server.peer
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length).decode()
        self._answer(
            urlsplit(self.path).path, {"/token": lambda: peer.token(self.headers, body)}
        )

    def _answer(self, path, routes):
        peer = self.server.peer
        peer.hits[path] = peer.hits.get(path, 0) + 1
        if path not in routes:
            self.send_error(404)
            return
        status, payload = routes[path]()
        if status == 302:
            self.send_response(302)
            self.send_header("Location", payload)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        # Keep pytest's output for failures; the hit counts tell what was called.
        pass


def _s256(verifier):
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _segments(headers, claims, alg):
    header = _b64(json.dumps({**headers, "alg": alg}).encode())
    return header + "." + _b64(json.dumps(claims).encode())


def _unsigned(headers, claims):
    return _segments(headers, claims, "none") + "."


def _hmac_signed(headers, claims, secret):
    # The classic confusion attack: HMAC keyed with the provider's public key.
    signing_input = _segments(headers, claims, "HS256")
    signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + _b64(signature)
