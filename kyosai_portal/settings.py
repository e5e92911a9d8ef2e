"""Settings for the kyosai portal.

Every value comes from the environment (django-environ) with a development
default, so `make run` needs no variables. `PORTAL_ENV=production` turns on
the secure defaults and refuses the development shortcuts.
"""

from datetime import timedelta
from pathlib import Path

import environ

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
PORTAL_ENV = env.str("PORTAL_ENV", default="development")
PRODUCTION = PORTAL_ENV == "production"

# ---------------------------------------------------------------- core
SECRET_KEY = env.str(
    "SECRET_KEY",
    default=""
    if PRODUCTION
    else "dev-only-secret-key-not-for-production-use-0123456789",
)
DEBUG = env.bool("DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost"]
)
ROOT_URLCONF = "kyosai_portal.urls"
WSGI_APPLICATION = "kyosai_portal.wsgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    # Django's admin, whose default site requires the staff second factor.
    "auth_mynumber_gbiz.staff_admin_config.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_celery_beat",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "kyosai_portal.apps.PortalConfig",
    "kyosai_portal.contracts",
    "kyosai_portal.applications",
    "kyosai_portal.legacy",
    "auth_mynumber_gbiz",
    "enrollment",
    "maintenance",
    "benefits",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "kyosai_portal.session_refresh.refresh_used_sessions",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so it turns any lockout below it into the lockout page.
    "axes.middleware.AxesMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kyosai_portal.context_processors.portal",
            ]
        },
    }
]

# ---------------------------------------------------------------- data
# Development runs on an embedded SQLite file; tests and production use
# PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": env.db(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / '.data' / 'portal.sqlite3'}"
    )
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))

# Redis is the Celery broker, the cache and the session store; without it
# (development) tasks run eagerly and sessions live in the database.
REDIS_URL = env.str("REDIS_URL", default="")
CACHES = {
    "default": (
        {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Bank account numbers are encrypted at rest with this key (ARCHITECTURE.md).
FIELD_ENCRYPTION_KEY = env.str(
    "FIELD_ENCRYPTION_KEY",
    default="" if PRODUCTION else "ZGV2LW9ubHktZmllbGQta2V5LTMyLWJ5dGVzLWxvbmc=",
)

MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / ".data" / "media")
MEDIA_URL = "/media/"
STATIC_URL = "/static/"
# Development and tests serve static files straight from the finders.
STATIC_ROOT = (
    env.path("STATIC_ROOT", default=BASE_DIR / ".data" / "static")
    if PRODUCTION
    else None
)
WHITENOISE_USE_FINDERS = not PRODUCTION
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# ---------------------------------------------------------------- language
LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", "日本語")]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

# ---------------------------------------------------------------- sessions and security
# Sliding expiry: a session idle this long ends. It is written again at most
# once a SESSION_REFRESH_SECONDS (kyosai_portal.session_refresh), not on
# every page: that costs two round trips to the store each time.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=60 * 60)
SESSION_REFRESH_SECONDS = env.int("SESSION_REFRESH_SECONDS", default=60)
SESSION_ENGINE = (
    "django.contrib.sessions.backends.cache"
    if REDIS_URL
    else "django.contrib.sessions.backends.db"
)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = PRODUCTION
CSRF_COOKIE_SECURE = PRODUCTION
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_HSTS_SECONDS = env.int(
    "SECURE_HSTS_SECONDS", default=31536000 if PRODUCTION else 0
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
BEHIND_TLS_PROXY = env.bool("BEHIND_TLS_PROXY", default=PRODUCTION)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_TLS_PROXY else None
)
# How many proxies of ours stand in front of gunicorn, each appending the
# address it was reached from to X-Forwarded-For (staff lockouts count per
# client address).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=int(BEHIND_TLS_PROXY))
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
LOGIN_URL = "auth_mynumber_gbiz:login"

# No inline script or style anywhere: every page works without JavaScript.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# ---------------------------------------------------------------- 職員のログイン
# SMRJ clerks sign in to admin, agency staff to /agency/, both with a
# password and a TOTP code (django-otp); repeated failures lock the username
# from that address for a while (django-axes). Applicants never use these.
AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out username+address before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Admin asks for the second factor. Development may turn it off; a system
# check refuses that in production.
STAFF_REQUIRE_OTP = env.bool("STAFF_REQUIRE_OTP", default=True)
# The issuer shown beside the account in the staff member's authenticator.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="共済電子申請 職員用")
# Superusers may delete a lost device in admin, but never read its secret.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

STAFF_LOGIN_FAILURE_LIMIT = env.int("STAFF_LOGIN_FAILURE_LIMIT", default=5)
STAFF_LOCKOUT_MINUTES = env.int("STAFF_LOCKOUT_MINUTES", default=30)
AXES_FAILURE_LIMIT = STAFF_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=STAFF_LOCKOUT_MINUTES)
# Per username and address together: a typo-prone clerk at one office does
# not lock out the same username elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "auth_mynumber_gbiz.staff_client_address.staff_client_address"
AXES_RESET_ON_SUCCESS = True
# Attempts during a lockout do not extend it, so an attacker cannot keep a
# clerk locked out for ever.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Failures live in PostgreSQL: every gunicorn worker sees the same count,
# and the test client's requests are counted like a browser's.
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_CALLABLE = "auth_mynumber_gbiz.staff_lockout.lockout_page"
# Applicants log in through GビズID and JPKI too; no table of who logged in
# when is kept for them here.
AXES_DISABLE_ACCESS_LOG = True

# ---------------------------------------------------------------- e-mail
EMAIL_CONFIG = env.email_url(
    "EMAIL_URL",
    default="smtp://localhost:25" if PRODUCTION else "consolemail://",
)
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="kyosai-portal@smrj.go.jp")
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="http://127.0.0.1:8000")

# ---------------------------------------------------------------- Celery
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "max_retries": 1}
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# ---------------------------------------------------------------- legacy core
LEGACY_EXPORT_DIR = env.path(
    "LEGACY_EXPORT_DIR", default=BASE_DIR / ".data" / "legacy" / "out"
)
LEGACY_RESULT_DIR = env.path(
    "LEGACY_RESULT_DIR", default=BASE_DIR / ".data" / "legacy" / "in"
)

# ---------------------------------------------------------------- GビズID
GBIZID_ISSUER = env.str("GBIZID_ISSUER", default="")
GBIZID_CLIENT_ID = env.str("GBIZID_CLIENT_ID", default="")
GBIZID_CLIENT_SECRET = env.str("GBIZID_CLIENT_SECRET", default="")
# The development identity provider plays GビズID with demo companies. It is
# on by default in development only; a system check refuses it in production.
DEV_IDENTITY_PROVIDER = env.bool("DEV_IDENTITY_PROVIDER", default=not PRODUCTION)

# ---------------------------------------------------------------- マイナンバーカード (JPKI)
# How signatures reach the portal: "digital_auth_app" (the Digital Agency's
# デジタル認証アプリ) or "development" (a page that plays the app with demo
# cards of a development CA; a system check refuses it in production).
JPKI_SIGNING_CHANNEL = env.str(
    "JPKI_SIGNING_CHANNEL",
    default="development" if DEV_IDENTITY_PROVIDER else "digital_auth_app",
)
# Where the development CA keeps its key, certificate, CRL and demo cards.
DEV_JPKI_DIR = Path(
    env.str("DEV_JPKI_DIR", default=str(BASE_DIR / ".data" / "dev-jpki"))
)
# Under `make run` the trust store defaults to the development CA, so the
# demo cards verify with no variables set; tests set what they trust.
_DEV_JPKI = JPKI_SIGNING_CHANNEL == "development" and PORTAL_ENV == "development"
# PEM bundle of every JPKI 署名用認証局 certificate generation we accept.
JPKI_CA_CERTS = env.str(
    "JPKI_CA_CERTS", default=str(DEV_JPKI_DIR / "ca.pem") if _DEV_JPKI else ""
)
# Directory of those CAs' CRL files (DER or PEM). Without a current CRL for
# the issuing CA, every signature is refused.
JPKI_CRL_DIR = env.str(
    "JPKI_CRL_DIR", default=str(DEV_JPKI_DIR / "crl") if _DEV_JPKI else ""
)
# Accepted certificate policies: the production 署名用 policy, and in
# development also the test environment's 1.2.392.200149.8.5.1.0.20 (to
# confirm), which the development CA's cards carry.
JPKI_ALLOWED_POLICIES = env.list(
    "JPKI_ALLOWED_POLICIES",
    default=["1.2.392.200149.8.5.1.1.20"]
    + (["1.2.392.200149.8.5.1.0.20"] if _DEV_JPKI else []),
)
# The デジタル認証アプリ service (OpenID Connect). The portal authenticates
# with private_key_jwt: the path of its RSA private key (PEM), whose public
# half is registered with the Digital Agency. The sign transactions URL is
# our reading of the signing API (to confirm): signing/digital_auth_app.py.
DIGITAL_AUTH_APP_ISSUER = env.str("DIGITAL_AUTH_APP_ISSUER", default="")
DIGITAL_AUTH_APP_CLIENT_ID = env.str("DIGITAL_AUTH_APP_CLIENT_ID", default="")
DIGITAL_AUTH_APP_PRIVATE_KEY = env.str("DIGITAL_AUTH_APP_PRIVATE_KEY", default="")
DIGITAL_AUTH_APP_SIGN_TRANSACTIONS_URL = env.str(
    "DIGITAL_AUTH_APP_SIGN_TRANSACTIONS_URL", default=""
)

# ---------------------------------------------------------------- logging
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    # WeasyPrint reports every layout stage at INFO: seven lines per receipt.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}

# ---------------------------------------------------------------- periodic jobs
# Synced into django-celery-beat's tables at beat start; operators can then
# change them in admin.
from celery.schedules import crontab  # noqa: E402

CELERY_BEAT_SCHEDULE = {
    "export-accepted-applications-nightly": {
        "task": "kyosai_portal.legacy.tasks.export_accepted_applications",
        "schedule": crontab(hour=1, minute=0),
    },
    # The core drops its result files during its own night run.
    "import-ready-result-files": {
        "task": "kyosai_portal.legacy.tasks.import_ready_result_files",
        "schedule": crontab(minute="*/15"),
    },
    "sweep-missing-receipts": {
        "task": "kyosai_portal.applications.tasks.sweep_missing_receipts",
        "schedule": crontab(minute="*/5"),
    },
    "sweep-unsent-applicant-mails": {
        "task": "kyosai_portal.applications.tasks.sweep_unsent_mails",
        "schedule": crontab(minute="*/5"),
    },
    # J-LIS publishes revocations continuously; a stale CRL refuses every
    # signature (fail closed), so reload well within its validity.
    "reload-jpki-crls": {
        "task": "auth_mynumber_gbiz.tasks.reload_jpki_crls",
        "schedule": crontab(minute="*/15"),
    },
}
