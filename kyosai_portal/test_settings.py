"""Settings for the test suite: the machine's real PostgreSQL and Redis.

Only the defaults differ from development; every value can still be set from
the environment (a helper running beside another picks its own database).
"""

import os

os.environ.setdefault("PORTAL_ENV", "test")
os.environ.setdefault("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/kyosai")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")

from kyosai_portal.settings import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MEDIA_ROOT = BASE_DIR / ".data" / "test-media"  # noqa: F405
