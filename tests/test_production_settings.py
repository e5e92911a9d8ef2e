"""Production settings pass `check --deploy` and refuse development shortcuts."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PRODUCTION_ENV = {
    "PORTAL_ENV": "production",
    "DJANGO_SETTINGS_MODULE": "kyosai_portal.settings",
    "SECRET_KEY": "p" * 20
    + "-production-secret-key-of-sufficient-length-and-variety-1234567890",
    "ALLOWED_HOSTS": "portal.kyosai.example",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/kyosai",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "GBIZID_ISSUER": "https://gbiz-id.go.jp/oauth/",
    "GBIZID_CLIENT_ID": "client",
    "GBIZID_CLIENT_SECRET": "secret",
    "FIELD_ENCRYPTION_KEY": "cHJvZHVjdGlvbi1maWVsZC1rZXktMzItYnl0ZXMtbG9uZw==",
}


def manage(*args, **overrides):
    # Only the machine's environment: nothing another test set in-process
    # (e.g. the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE) may leak in.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in PRODUCTION_ENV and not k.startswith("DJANGO_")
    }
    env.update(PRODUCTION_ENV)
    env.update(overrides)
    env = {k: v for k, v in env.items() if v is not None}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_has_no_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING")

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_the_development_identity_provider_is_refused_in_production():
    result = manage("check", "--deploy", DEV_IDENTITY_PROVIDER="true")

    assert result.returncode != 0
    assert "kyosai.E001" in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "check_id"),
    [
        ("GBIZID_ISSUER", "http://gbiz-id.go.jp/oauth/", "kyosai.E003"),
        ("FIELD_ENCRYPTION_KEY", "", "kyosai.E002"),
        # Staff sign-in without the TOTP second factor (issue 3).
        ("STAFF_REQUIRE_OTP", "false", "kyosai.E004"),
    ],
)
def test_insecure_values_are_refused(name, value, check_id):
    result = manage("check", "--deploy", **{name: value})

    assert result.returncode != 0
    assert check_id in result.stderr


@pytest.mark.django_db
def test_every_page_carries_a_content_security_policy_without_inline_code(client):
    policy = client.get("/")["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
