"""Login pages for applicants: how to log in, GビズID start and callback, logout."""

import logging
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from auth_mynumber_gbiz import gbizid_accounts, gbizid_flow
from auth_mynumber_gbiz.login_errors import LoginFailed, ProviderUnavailable
from auth_mynumber_gbiz.signing.channel import allow_signing_redirects

logger = logging.getLogger(__name__)

# ModelBackend restores the user on later requests; GビズID users have no
# usable password, so it never authenticates them by one.
SESSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


@require_GET
def login_page(request):
    """Explain who logs in with what and offer the GビズID and card logins."""
    next_url = safe_next(request, request.GET.get("next"))
    response = render(
        request,
        "auth_mynumber_gbiz/login.html",
        {
            "next": next_url,
            "jpki_development": settings.JPKI_SIGNING_CHANNEL == "development",
        },
    )
    # The form's POST is answered with a redirect to GビズID, and Chromium holds
    # every hop of a form submission to this page's form-action.
    if settings.GBIZID_ISSUER:
        issuer = urlsplit(settings.GBIZID_ISSUER)
        response._csp_update = {"form-action": [f"{issuer.scheme}://{issuer.netloc}"]}
    return allow_signing_redirects(response)


@require_POST
def gbizid_start(request):
    """Send the browser to GビズID with a fresh state, nonce and PKCE challenge."""
    attempt = gbizid_flow.LoginAttempt()
    next_url = safe_next(request, request.POST.get("next"))
    try:
        url = gbizid_flow.begin(
            request,
            redirect_uri=callback_uri(),
            next_url=next_url,
            attempt=attempt,
        )
    except LoginFailed as failure:
        return _failed(request, failure, attempt)
    return HttpResponseRedirect(url)


@require_GET
def gbizid_callback(request):
    """Finish a GビズID login and log the applicant in, or explain the refusal."""
    attempt = gbizid_flow.LoginAttempt()
    try:
        provider_login = gbizid_flow.complete(request, attempt=attempt)
        account = gbizid_accounts.read_account(provider_login.userinfo)
        holder = gbizid_accounts.find_holder(account)
        user = gbizid_accounts.sign_in_user(
            issuer=provider_login.issuer,
            subject=provider_login.subject,
            userinfo=provider_login.userinfo,
            account=account,
            holder=holder,
        )
    except LoginFailed as failure:
        return _failed(request, failure, attempt)
    except Exception:
        # Whatever the provider sends must end on a page, not a traceback;
        # the log keeps the traceback for operators.
        logger.exception(
            "GビズID login crashed: issuer=%s sub=%s kid=%s",
            attempt.issuer,
            attempt.subject,
            attempt.kid,
        )
        return _failed(request, ProviderUnavailable("unexpected error"), attempt)

    auth_login(request, user, backend=SESSION_BACKEND)
    logger.info(
        "GビズID login succeeded: issuer=%s sub=%s kid=%s account_type=%s holder=%s",
        attempt.issuer,
        attempt.subject,
        attempt.kid,
        account.account_type,
        holder.pk if holder else None,
    )
    # With no matching holder, 申請一覧 explains that no contract was found
    # and whom to ask; a safe `next` (e.g. an enrollment form) still applies.
    next_url = safe_next(request, provider_login.next_url)
    return HttpResponseRedirect(next_url or reverse("applications:list"))


@require_POST
def logout(request):
    """End the portal session (GビズID's own session is left as it is)."""
    auth_logout(request)
    return redirect("auth_mynumber_gbiz:logged_out")


@require_GET
def logged_out(request):
    """Confirm the logout and offer to log in again."""
    return render(request, "auth_mynumber_gbiz/logged_out.html")


def callback_uri():
    """Return the redirect URI registered with GビズID for this portal."""
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse(
        "auth_mynumber_gbiz:gbizid_callback"
    )


def safe_next(request, next_url):
    """Return `next_url` when it stays on this portal, else ""."""
    if next_url and url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return next_url
    return ""


def _failed(request, failure, attempt):
    logger.warning(
        "GビズID login refused: issuer=%s sub=%s kid=%s reason=%s",
        attempt.issuer,
        attempt.subject,
        attempt.kid,
        failure.reason,
    )
    return render(
        request,
        "auth_mynumber_gbiz/login_failed.html",
        {"title": failure.title, "message": failure.message},
        status=failure.status,
    )
