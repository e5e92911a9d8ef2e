from django.apps import AppConfig, apps
from django.contrib.auth.management import create_permissions
from django.db.models.signals import post_migrate


class ApplicationsConfig(AppConfig):
    name = "kyosai_portal.applications"
    label = "applications"
    verbose_name = "申請"

    def ready(self):
        post_migrate.connect(
            _ensure_staff_groups,
            sender=self,
            dispatch_uid="applications.ensure_staff_groups",
        )


def _ensure_staff_groups(sender, using, **kwargs):
    # The groups also hold permissions of apps migrated after this one, whose
    # post_migrate has not run yet; creating them now is what auth would do.
    from kyosai_portal.applications.staff_groups import ensure_staff_groups

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    ensure_staff_groups()
