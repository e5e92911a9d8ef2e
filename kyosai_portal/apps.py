from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "kyosai_portal"
    verbose_name = "共済電子申請ポータル"

    def ready(self):
        from kyosai_portal import checks  # noqa: F401  (registers system checks)
