from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "kyosai_portal.applications"
    label = "applications"
    verbose_name = "申請"
