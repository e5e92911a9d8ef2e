"""The admin site staff sign in to: password plus a TOTP code.

django-otp's `OTPAdminSite` lets in only sessions verified by a device.
Staff who have no device yet are sent from the login page to enrolment
once their password is right, so a new clerk can set up an authenticator.
"""

from django.conf import settings
from django.contrib.admin import AdminSite
from django.shortcuts import redirect
from django_otp.admin import OTPAdminSite

from auth_mynumber_gbiz.staff_areas import CLERKS
from auth_mynumber_gbiz.staff_enrolment import begin_enrolment
from auth_mynumber_gbiz.staff_forms import StaffLoginForm


class StaffAdminSite(OTPAdminSite):
    login_form = StaffLoginForm
    login_template = "staff/admin_login.html"

    def __init__(self, name="admin"):
        # OTPAdminSite names itself "otpadmin"; every reverse("admin:…")
        # in the portal needs the usual name.
        super().__init__(name)

    def has_permission(self, request):
        if settings.STAFF_REQUIRE_OTP:
            return super().has_permission(request)
        return AdminSite.has_permission(self, request)

    def login(self, request, extra_context=None):
        extra_context = {
            "require_otp": settings.STAFF_REQUIRE_OTP,
            **(extra_context or {}),
        }
        response = super().login(request, extra_context)

        # The form is still in the unrendered response's context.
        form = (getattr(response, "context_data", None) or {}).get("form")
        user = getattr(form, "user_to_enrol", None)
        if user is not None:
            begin_enrolment(request, user, CLERKS)
            return redirect("staff:otp_setup")
        return response
