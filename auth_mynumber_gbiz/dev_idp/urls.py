"""URLs of the development identity provider; included only in development."""

from django.urls import path

from auth_mynumber_gbiz.dev_idp import views

app_name = "dev_idp"

urlpatterns = [
    path(".well-known/openid-configuration", views.discovery, name="discovery"),
    path("authorize/", views.authorize, name="authorize"),
    path("token/", views.token, name="token"),
    path("userinfo/", views.userinfo, name="userinfo"),
    path("jwks/", views.jwks, name="jwks"),
]
