from django.contrib import admin
from django.urls import include, path

from kyosai_portal import health
from kyosai_portal.applications import receipt_views

urlpatterns = [
    path("", include("kyosai_portal.applications.urls")),
    path("auth/", include("auth_mynumber_gbiz.urls")),
    path("staff/", include("auth_mynumber_gbiz.staff_urls")),
    path("agency/", include("kyosai_portal.agency_urls")),
    path("maintenance/", include("maintenance.urls")),
    path(
        "applications/<str:receipt_no>/receipt.pdf",
        receipt_views.download_receipt,
        name="receipt",
    ),
    path("healthz/", health.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
