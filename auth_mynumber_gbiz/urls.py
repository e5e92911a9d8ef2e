"""Applicant login URLs, and the development identity provider when enabled."""

from django.conf import settings
from django.urls import include, path

from auth_mynumber_gbiz import views

app_name = "auth_mynumber_gbiz"

urlpatterns = [
    path("login/", views.login_page, name="login"),
    path("gbizid/start/", views.gbizid_start, name="gbizid_start"),
    path("gbizid/callback/", views.gbizid_callback, name="gbizid_callback"),
    path("logout/", views.logout, name="logout"),
    path("logged-out/", views.logged_out, name="logged_out"),
]

# The development provider must not exist at all outside development.
if settings.DEV_IDENTITY_PROVIDER:
    urlpatterns.append(path("dev-idp/", include("auth_mynumber_gbiz.dev_idp.urls")))
