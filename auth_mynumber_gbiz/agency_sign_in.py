"""Agency staff sign in under /agency/: password, then the authenticator's code.

The form is the clerks' one with agency membership in place of `is_staff`
(staff_forms.AgencyLoginForm); enrolment, backup codes and the lockout are
the shared staff pieces. The password alone never opens an agency session.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from auth_mynumber_gbiz.agency_access import signed_in_membership
from auth_mynumber_gbiz.staff_areas import AGENCY_STAFF
from auth_mynumber_gbiz.staff_enrolment import begin_enrolment
from auth_mynumber_gbiz.staff_forms import AgencyLoginForm
from auth_mynumber_gbiz.views import safe_next

logger = logging.getLogger(__name__)


@sensitive_post_parameters("password", "otp_token")
@csrf_protect
@never_cache
def login(request):
    """Sign an agency staff member in, or send a new one to enrolment."""
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.method == "GET" and signed_in_membership(request) is not None:
        return redirect(next_url or AGENCY_STAFF.home_url)

    form = AgencyLoginForm(
        request, data=request.POST if request.method == "POST" else None
    )
    if form.is_valid():
        user = form.get_user()
        auth_login(request, user)
        logger.info("Agency staff signed in: user=%s", user.pk)
        return redirect(next_url or AGENCY_STAFF.home_url)
    if form.user_to_enrol is not None:
        begin_enrolment(request, form.user_to_enrol, AGENCY_STAFF)
        return redirect("agency:otp_setup")

    return render(
        request,
        "agency/login.html",
        {
            "form": form,
            "next": next_url,
            "require_otp": settings.STAFF_REQUIRE_OTP,
        },
    )


@require_POST
def logout(request):
    """End the agency session and go back to the agency login."""
    auth_logout(request)
    messages.success(request, _("ログアウトしました。"))
    return redirect(AGENCY_STAFF.login_url)
