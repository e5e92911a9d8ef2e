from django.apps import AppConfig


class LegacyConfig(AppConfig):
    name = "kyosai_portal.legacy"
    label = "legacy"
    verbose_name = "基幹システム連携"
