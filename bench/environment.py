"""The environment of every portal process the bench starts, itself included.

Development-like settings with DEBUG off, the bench URLconf, the bench's own
database and Redis database 7, and tasks queued, not run in the web process.
"""

import os

REDIS_URL = "redis://127.0.0.1:6379/7"


def portal_env(database_url):
    """Return the variables a portal process on `database_url` runs with."""
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "PORTAL_ENV": "development",
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": database_url,
        "REDIS_URL": REDIS_URL,
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }


def child_env(database_url):
    """Return this process's environment, pointed at `database_url`."""
    return dict(os.environ, **portal_env(database_url))


def configure_django(database_url):
    """Set up Django here with the bench settings on `database_url`."""
    os.environ.update(portal_env(database_url))
    import django

    django.setup()
