"""The portal's URLs plus the bench's bare baseline view."""

from django.urls import include, path

from bench import views

urlpatterns = [
    path("bench/bare/<str:receipt_no>/", views.bare_status, name="bench_bare"),
    path("", include("kyosai_portal.urls")),
]
