"""Applicant login and signing URLs, and the development providers when enabled."""

from django.conf import settings
from django.urls import include, path

from auth_mynumber_gbiz import jpki_views, views
from auth_mynumber_gbiz.signing import views as signing_views

app_name = "auth_mynumber_gbiz"

urlpatterns = [
    path("login/", views.login_page, name="login"),
    path("gbizid/start/", views.gbizid_start, name="gbizid_start"),
    path("gbizid/callback/", views.gbizid_callback, name="gbizid_callback"),
    path("jpki/start/", jpki_views.jpki_start, name="jpki_start"),
    path("jpki/complete/", jpki_views.jpki_complete, name="jpki_complete"),
    path("signing/callback/", signing_views.callback, name="signing_callback"),
    path("logout/", views.logout, name="logout"),
    path("logged-out/", views.logged_out, name="logged_out"),
]

# The development providers must not exist at all outside development.
if settings.DEV_IDENTITY_PROVIDER:
    urlpatterns.append(path("dev-idp/", include("auth_mynumber_gbiz.dev_idp.urls")))
if settings.JPKI_SIGNING_CHANNEL == "development":
    urlpatterns.append(
        path("dev-jpki/", include("auth_mynumber_gbiz.signing.dev_urls"))
    )
