"""Agency staff's pages under /agency/: sign-in, enrolment and their list."""

from django.urls import path

from auth_mynumber_gbiz import agency_sign_in, staff_otp
from auth_mynumber_gbiz.staff_areas import AGENCY_STAFF
from kyosai_portal.applications import agency_views

app_name = "agency"

urlpatterns = [
    path("", agency_views.application_list, name="applications"),
    path(
        "applications/<str:receipt_no>/",
        agency_views.application_detail,
        name="application",
    ),
    path("login/", agency_sign_in.login, name="login"),
    path("logout/", agency_sign_in.logout, name="logout"),
    path("otp/setup/", staff_otp.otp_setup, {"area": AGENCY_STAFF}, name="otp_setup"),
]
