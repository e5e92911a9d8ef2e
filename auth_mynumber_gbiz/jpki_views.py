"""マイナンバーカード login: sign a challenge, verify it, find the person.

The applicant signs a random challenge with the card through the signing
channel; the portal verifies the signature itself, matches the four facts
to a ContractHolder and logs in the user keyed by that holder.
"""

import logging

from django.contrib.auth import login as auth_login
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from auth_mynumber_gbiz import jpki_accounts
from auth_mynumber_gbiz.jpki.verify import verify_signature
from auth_mynumber_gbiz.login_errors import LoginFailed
from auth_mynumber_gbiz.signing.channel import configured_channel
from auth_mynumber_gbiz.signing.errors import SigningFailed
from auth_mynumber_gbiz.signing.payloads import login_challenge
from auth_mynumber_gbiz.views import SESSION_BACKEND, safe_next

logger = logging.getLogger(__name__)

PURPOSE = "login"
LOGIN_LABEL = _("電子申請へのログイン")
REFUSED_TITLE = _("マイナンバーカードでログインできませんでした")


@require_POST
def jpki_start(request):
    """Ask the card to sign a fresh login challenge (single use, ten minutes)."""
    next_url = safe_next(request, request.POST.get("next"))
    try:
        return configured_channel().start(
            request,
            PURPOSE,
            login_challenge(),
            reverse("auth_mynumber_gbiz:jpki_complete"),
            context={"next": next_url},
            label=LOGIN_LABEL,
        )
    except SigningFailed as failure:
        logger.warning("JPKI login could not start: %s", failure.reason)
        return _refused(request, failure.title, failure.message, failure.status)


@never_cache
@require_GET
def jpki_complete(request):
    """Verify the login signature, find the person and log them in."""
    try:
        signed = configured_channel().finish(request, PURPOSE)
    except SigningFailed as failure:
        logger.warning("JPKI login refused: %s", failure.reason)
        return _refused(request, failure.title, failure.message, failure.status)

    result = verify_signature(signed.certificate_der, signed.signature, signed.data)
    if not result.ok:
        logger.warning(
            "JPKI login refused: outcome=%s evidence=%s",
            result.outcome.value,
            result.certificate_evidence[:16],
        )
        return _refused(request, REFUSED_TITLE, result.message, 403)
    try:
        holder = jpki_accounts.find_holder(result.facts)
        user = jpki_accounts.sign_in_user(holder, result)
    except LoginFailed as failure:
        logger.warning(
            "JPKI login refused: evidence=%s reason=%s",
            result.certificate_evidence[:16],
            failure.reason,
        )
        return _refused(request, failure.title, failure.message, failure.status)

    # Django's login() gives the session a new key (no session fixation).
    auth_login(request, user, backend=SESSION_BACKEND)
    logger.info(
        "JPKI login succeeded: evidence=%s holder=%s",
        result.certificate_evidence[:16],
        holder.pk,
    )
    next_url = safe_next(request, signed.context.get("next"))
    return HttpResponseRedirect(next_url or reverse("applications:list"))


def _refused(request, title, message, status):
    return render(
        request,
        "auth_mynumber_gbiz/login_failed.html",
        {"title": title, "message": message},
        status=status,
    )
