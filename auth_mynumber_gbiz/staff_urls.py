"""Clerks' pages outside admin: enrolment of the authenticator app."""

from django.urls import path

from auth_mynumber_gbiz import staff_otp
from auth_mynumber_gbiz.staff_areas import CLERKS

app_name = "staff"

urlpatterns = [
    path("otp/setup/", staff_otp.otp_setup, {"area": CLERKS}, name="otp_setup"),
]
