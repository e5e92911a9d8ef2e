"""The Celery app: settings from Django's CELERY_* names, tasks found per app."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kyosai_portal.settings")

app = Celery("kyosai_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(
    ["kyosai_portal.applications", "kyosai_portal.legacy", "auth_mynumber_gbiz"]
)
