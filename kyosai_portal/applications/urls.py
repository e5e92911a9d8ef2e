from django.urls import path

from kyosai_portal.applications import views

app_name = "applications"

urlpatterns = [
    path("", views.home, name="home"),
    path("applications/", views.application_list, name="list"),
    path("applications/<str:receipt_no>/", views.status, name="status"),
]
