"""A local peer on 127.0.0.1 that plays the デジタル認証アプリ service.

It speaks the protocol the production channel uses (see
auth_mynumber_gbiz/signing/digital_auth_app.py, parts to confirm):
discovery, JWKS, authorize (answering at once, as if the applicant had
signed on the phone), token with `private_key_jwt` for both the client
credentials and the authorization code grant, PKCE S256, sign
transactions and their results. It verifies the portal's client assertion
with the public key registered for the client, and signs the registered
digest with the key of a card issued by the tests' JPKI CA.
"""

import base64
import hashlib
import json
import secrets
from urllib.parse import parse_qs, urlencode, urlsplit

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, utils
from jose import jwt
from jose.exceptions import JOSEError

from tests.auth.oidc_test_peer import OidcTestPeer, _Handler, _s256

JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
SCOPES = {"openid", "name", "address", "birthdate", "gender"}
# The longest client assertion lifetime the peer accepts, in seconds.
MAX_ASSERTION_LIFETIME = 300


class DigitalAuthAppPeer(OidcTestPeer):
    """The service: start() it, point DIGITAL_AUTH_APP_* at it, stop() it.

    `card` is the tests' Card the applicant signs with; `faults` bends one
    answer ("error", "claims", "tamper", "sign_with_card").
    """

    def __init__(self, *, client_id, client_public_key, redirect_uri, card):
        super().__init__(
            client_id=client_id, client_secret="", redirect_uri=redirect_uri
        )
        self.client_public_pem = client_public_key.public_bytes(
            serialization.Encoding.PEM,
            serialization.PublicFormat.SubjectPublicKeyInfo,
        ).decode()
        self.card = card
        self.subject = "app-user-0001"
        self.assertions = []
        self.transactions = {}
        self.result_requests = []
        self._service_tokens = set()
        self._result_tokens = {}
        self._used_jti = set()

    def start(self):
        """Serve on a free loopback port in a background thread."""
        return super().start(handler=_AppHandler)

    # ---------------------------------------------------------------- endpoints
    def discovery(self):
        status, document = super().discovery()
        document.update(
            token_endpoint_auth_methods_supported=["private_key_jwt"],
            code_challenge_methods_supported=["S256"],
            scopes_supported=sorted(SCOPES),
        )
        return status, document

    def authorize(self, query):
        params = {name: values[0] for name, values in parse_qs(query).items()}
        self.authorization_requests.append(params)
        if params.get("client_id") != self.client_id or (
            params.get("redirect_uri") != self.redirect_uri
        ):
            return 400, {"error": "invalid_request"}
        if not self._acceptable(params):
            return self._redirect(error="invalid_request", state=params.get("state"))
        if "error" in self.faults:
            return self._redirect(error=self.faults["error"], state=params["state"])
        code = secrets.token_urlsafe(24)
        self._codes[code] = params
        return self._redirect(code=code, state=params["state"], iss=self.issuer)

    def token(self, headers, body):
        form = {name: values[0] for name, values in parse_qs(body).items()}
        self.token_requests.append(form)
        if self._verified_assertion(form) is None:
            return 401, {"error": "invalid_client"}
        grant = form.get("grant_type")
        if grant == "client_credentials":
            token = secrets.token_urlsafe(32)
            self._service_tokens.add(token)
            return 200, {
                "access_token": token,
                "token_type": "Bearer",
                "expires_in": 300,
            }
        if grant != "authorization_code":
            return 400, {"error": "unsupported_grant_type"}

        request = self._codes.pop(form.get("code"), None)
        if request is None or form.get("redirect_uri") != request["redirect_uri"]:
            return 400, {"error": "invalid_grant"}
        if _s256(form.get("code_verifier", "")) != request["code_challenge"]:
            return 400, {"error": "invalid_grant"}
        access_token = secrets.token_urlsafe(32)
        self._result_tokens[access_token] = request["sign_transaction_id"]
        self.id_tokens.append(self.id_token(request["nonce"], access_token))
        return 200, {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": 600,
            "id_token": self.id_tokens[-1],
        }

    def register_transaction(self, headers, body):
        if _bearer(headers) not in self._service_tokens:
            return 401, {"error": "invalid_token"}
        request = json.loads(body)
        digest = base64.b64decode(request.get("digest", ""))
        if request.get("hash_algorithm") != "SHA-256" or len(digest) != 32:
            return 400, {"error": "invalid_request"}
        transaction_id = secrets.token_hex(16)
        self.transactions[transaction_id] = digest
        return 201, {"id": transaction_id}

    def transaction_result(self, transaction_id, headers):
        self.result_requests.append(transaction_id)
        if self._result_tokens.get(_bearer(headers)) != transaction_id:
            return 401, {"error": "invalid_token"}
        digest = self.transactions[transaction_id]
        if self.faults.get("tamper"):
            digest = hashlib.sha256(b"something the applicant never saw").digest()
        # The card signs the DigestInfo of the registered digest.
        signature = self.card.key.sign(
            digest, padding.PKCS1v15(), utils.Prehashed(hashes.SHA256())
        )
        return 200, {
            "signature": base64.b64encode(signature).decode(),
            "certificate": base64.b64encode(self.card.der).decode(),
        }

    # ---------------------------------------------------------------- checks
    def _acceptable(self, params):
        return (
            params.get("response_type") == "code"
            and set(params.get("scope", "").split()) == SCOPES
            and params.get("code_challenge_method") == "S256"
            and len(params.get("code_challenge", "")) == 43
            and bool(params.get("nonce"))
            and bool(params.get("state"))
            and params.get("sign_transaction_id") in self.transactions
        )

    def _verified_assertion(self, form):
        if form.get("client_assertion_type") != JWT_BEARER:
            return None
        try:
            claims = jwt.decode(
                form.get("client_assertion", ""),
                self.client_public_pem,
                algorithms=["RS256"],
                audience=self.issuer + "token",
                issuer=self.client_id,
                options={
                    "require_aud": True,
                    "require_iss": True,
                    "require_sub": True,
                    "require_exp": True,
                    "require_iat": True,
                    "require_jti": True,
                },
            )
        except JOSEError:
            return None
        if (
            claims["sub"] != self.client_id
            or form.get("client_id") not in (None, self.client_id)
            or claims["jti"] in self._used_jti
            or claims["exp"] - claims["iat"] > MAX_ASSERTION_LIFETIME
        ):
            return None
        self._used_jti.add(claims["jti"])
        self.assertions.append(claims)
        return claims

    def _redirect(self, **params):
        params = {name: value for name, value in params.items() if value is not None}
        return 302, self.redirect_uri + "?" + urlencode(params)


class _AppHandler(_Handler):
    def do_GET(self):
        peer = self.server.peer
        parts = urlsplit(self.path)
        routes = {
            "/.well-known/openid-configuration": peer.discovery,
            "/jwks": peer.jwks,
            "/authorize": lambda: peer.authorize(parts.query),
        }
        segments = parts.path.split("/")
        if len(segments) == 4 and segments[1::2] == ["sign-transactions", "result"]:
            routes[parts.path] = lambda: peer.transaction_result(
                segments[2], self.headers
            )
        self._answer(parts.path, routes)

    def do_POST(self):
        peer = self.server.peer
        length = int(self.headers.get("Content-Length", 0))
        body = self.rfile.read(length).decode()
        self._answer(
            urlsplit(self.path).path,
            {
                "/token": lambda: peer.token(self.headers, body),
                "/sign-transactions": lambda: peer.register_transaction(
                    self.headers, body
                ),
            },
        )


def _bearer(headers):
    scheme, _sep, token = headers.get("Authorization", "").partition(" ")
    return token if scheme == "Bearer" else None
