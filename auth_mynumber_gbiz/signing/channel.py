"""The signing channel interface, and the round trip every channel shares.

1. `start(request, purpose, data_to_sign, return_url)` remembers the request
   in the server session under a fresh `state` and sends the browser to the
   app (`authorize`, one per channel).
2. The app sends the browser back to the one registered callback URL;
   `receive` uses the pending entry once, lets the channel `collect` the
   signature and certificate, and redirects to the caller's `return_url`
   with `?signing=<state>`.
3. There the caller's view calls `finish(request, purpose)`, which takes the
   entry for good and returns a SignedResponse, or raises SigningFailed with
   a message for the applicant. The caller then verifies the signature.

A request lives ten minutes and is used once (auth_mynumber_gbiz.
pending_flows). The bytes to sign stay on the server: only their digest
travels.
"""

import base64
import logging
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render

from auth_mynumber_gbiz import pending_flows
from auth_mynumber_gbiz.signing import errors

logger = logging.getLogger(__name__)

SESSION_KEY = "jpki_pending_signatures"
RETURN_PARAMETER = "signing"

_pending = pending_flows.PendingFlows(SESSION_KEY)
_FAILURES = {
    failure.__name__: failure
    for failure in (
        errors.SigningFailed,
        errors.SigningExpired,
        errors.SigningMismatch,
        errors.SigningCancelled,
        errors.SigningUnavailable,
        errors.SigningMisconfigured,
        errors.SigningRejected,
    )
}


@dataclass(frozen=True, repr=False)
class SignedResponse:
    """What came back: the signature over `data` and the certificate to check it.

    `data` is the exact bytes the portal asked to be signed (kept on the
    server, not returned by the app); `context` what the caller gave `start`.
    """

    certificate_der: bytes
    signature: bytes
    data: bytes
    purpose: str
    context: dict = field(default_factory=dict)

    def __repr__(self):
        return f"<SignedResponse {self.purpose}>"


class SigningChannel:
    """A way to have the applicant's card sign bytes the portal chose."""

    name = ""

    def start(
        self, request, purpose, data_to_sign, return_url, *, context=None, label=""
    ):
        """Ask for a signature over `data_to_sign`; return the response to send.

        `purpose` names what the signature is for ("login", "application")
        and must be given again to `finish`; `return_url` is a path of this
        portal the browser comes back to; `label` tells the applicant what
        they sign. Raise SigningFailed when the channel cannot start.
        """
        state = pending_flows.new_state()
        entry = {
            "channel": self.name,
            "purpose": purpose,
            "label": str(label),
            "data": encode_bytes(data_to_sign),
            "return_url": return_url,
            "context": context or {},
        }
        response = self.authorize(request, state, entry, bytes(data_to_sign))
        _pending.put(request, state, entry)
        logger.info("JPKI signing started: channel=%s purpose=%s", self.name, purpose)
        return response

    def receive(self, request):
        """Handle the browser's return from the app and send it on to the caller.

        The signature is only collected here; a failure is kept for `finish`
        to report on the caller's own page. An answer that matches no request
        of this session ends on a page of its own.
        """
        state = request.GET.get("state", "")
        try:
            entry = _take(request, state)
            if entry.get("channel") != self.name or "answer" in entry:
                raise errors.SigningMismatch("answer for another channel or twice")
        except errors.SigningFailed as failure:
            logger.warning("JPKI signing callback refused: %s", failure.reason)
            return failure_page(request, failure)

        try:
            certificate, signature = self.collect(request, entry)
        except errors.SigningFailed as failure:
            logger.warning(
                "JPKI signing failed: channel=%s purpose=%s reason=%s",
                self.name,
                entry["purpose"],
                failure.reason,
            )
            entry["answer"] = {
                "failure": type(failure).__name__,
                "reason": failure.reason,
                "message": str(failure.message),
            }
        else:
            entry["answer"] = {
                "certificate": encode_bytes(certificate),
                "signature": encode_bytes(signature),
            }
        _pending.put(request, state, entry)
        query = urlencode({RETURN_PARAMETER: state})
        return HttpResponseRedirect(entry["return_url"] + "?" + query)

    def finish(self, request, purpose):
        """Return the SignedResponse the browser came back with, once.

        Raise SigningFailed (with the applicant's message) when it expired,
        belongs to another purpose, or the app did not sign.
        """
        entry = _take(request, request.GET.get(RETURN_PARAMETER, ""))
        answer = entry.get("answer")
        if entry.get("purpose") != purpose or answer is None:
            raise errors.SigningMismatch("no answered request for " + purpose)
        if "failure" in answer:
            failure = _FAILURES.get(answer["failure"], errors.SigningFailed)
            raise failure(answer["reason"], answer["message"])
        return SignedResponse(
            certificate_der=decode_bytes(answer["certificate"]),
            signature=decode_bytes(answer["signature"]),
            data=decode_bytes(entry["data"]),
            purpose=purpose,
            context=entry["context"],
        )

    def form_action_origins(self):
        """Return the origins a form starting this channel is redirected to."""
        return []

    # ---------------------------------------------------------------- per channel
    def authorize(self, request, state, entry, data_to_sign):
        """Return the response that sends the browser to the app.

        May add what the callback needs (nonce, verifier...) to `entry`.
        """
        raise NotImplementedError

    def collect(self, request, entry):
        """Return (certificate DER, signature) from the app's answer in `request`."""
        raise NotImplementedError


def configured_channel():
    """Return the channel settings.JPKI_SIGNING_CHANNEL names."""
    # Imported here: each channel module imports this one.
    from auth_mynumber_gbiz.signing.development import DevelopmentChannel
    from auth_mynumber_gbiz.signing.digital_auth_app import DigitalAuthAppChannel

    channels = {
        DevelopmentChannel.name: DevelopmentChannel,
        DigitalAuthAppChannel.name: DigitalAuthAppChannel,
    }
    try:
        return channels[settings.JPKI_SIGNING_CHANNEL]()
    except KeyError:
        raise errors.SigningMisconfigured(
            "unknown JPKI_SIGNING_CHANNEL " + repr(settings.JPKI_SIGNING_CHANNEL)
        ) from None


def allow_signing_redirects(response):
    """Let the page's forms be redirected to the signing app; return `response`.

    A form that starts a signature is answered with a redirect to the app,
    and browsers hold every hop of a form submission to form-action (CSP).
    """
    try:
        origins = configured_channel().form_action_origins()
    except errors.SigningFailed:
        return response
    if origins:
        update = dict(getattr(response, "_csp_update", None) or {})
        update["form-action"] = list(update.get("form-action", ())) + origins
        response._csp_update = update
    return response


def pending_request(request, state):
    """Return the live, unanswered request `state` of this session, or None."""
    entry = _pending.peek(request, state)
    if entry is None or "answer" in entry:
        return None
    return entry


def update_pending_request(request, state, entry):
    """Store a changed pending request back into the session."""
    _pending.put(request, state, entry)


def failure_page(request, failure, status=None):
    """Render the page that explains a failed signing on its own."""
    return render(
        request,
        "auth_mynumber_gbiz/signing_failed.html",
        {"title": failure.title, "message": failure.message},
        status=status or getattr(failure, "status", 400),
    )


def _take(request, state):
    try:
        return _pending.take(request, state)
    except (pending_flows.FlowNotFound, pending_flows.FlowTooOld):
        raise errors.SigningExpired("no live signing request in this session") from None
    except pending_flows.FlowUnknown:
        raise errors.SigningMismatch("state names no signing request") from None


def encode_bytes(data):
    """Return `data` as base64 text, the form bytes take in the session."""
    return base64.b64encode(bytes(data)).decode("ascii")


def decode_bytes(text):
    """Return the bytes of base64 `text`; raise binascii.Error if it is not."""
    return base64.b64decode(text.encode("ascii"), validate=True)
