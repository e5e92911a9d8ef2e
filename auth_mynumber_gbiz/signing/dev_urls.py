"""URLs of the development signing page; installed only in development."""

from django.urls import path

from auth_mynumber_gbiz.signing import dev_views

app_name = "dev_jpki"

urlpatterns = [
    path("sign/<str:state>/", dev_views.sign, name="sign"),
]
