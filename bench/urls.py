"""The portal's URLs plus the bench's bare baseline view."""

from django.urls import include, path

from bench import views

urlpatterns = [
    path("bench/bare/<str:receipt_no>/", views.bare_status, name="bench_bare"),
    path(
        "bench/signed-in-bare/<str:receipt_no>/",
        views.signed_in_bare_status,
        name="bench_signed_in_bare",
    ),
    path("", include("kyosai_portal.urls")),
]
