"""Staff pages outside admin: enrolment of the authenticator app."""

from django.urls import path

from auth_mynumber_gbiz import staff_otp

app_name = "staff"

urlpatterns = [
    path("otp/setup/", staff_otp.otp_setup, name="otp_setup"),
]
