from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "kyosai_portal.contracts"
    label = "contracts"
    verbose_name = "共済契約"
