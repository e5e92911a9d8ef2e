from django.apps import AppConfig


class AuthConfig(AppConfig):
    name = "auth_mynumber_gbiz"
    verbose_name = "本人確認"
