"""System checks that keep production settings honest."""

from django.conf import settings
from django.core.checks import Error, register


@register(deploy=True)
def production_refuses_development_shortcuts(app_configs, **kwargs):
    """Refuse the development identity providers and missing secrets in production."""
    if not settings.PRODUCTION:
        return []
    errors = []
    if settings.DEV_IDENTITY_PROVIDER:
        errors.append(
            Error(
                "The development identity provider is enabled in production.",
                hint="Unset DEV_IDENTITY_PROVIDER.",
                id="kyosai.E001",
            )
        )
    if not settings.FIELD_ENCRYPTION_KEY:
        errors.append(Error("FIELD_ENCRYPTION_KEY is not set.", id="kyosai.E002"))
    if not settings.STAFF_REQUIRE_OTP:
        errors.append(
            Error(
                "Admin lets staff in without the TOTP second factor.",
                hint="Unset STAFF_REQUIRE_OTP.",
                id="kyosai.E004",
            )
        )
    if settings.JPKI_SIGNING_CHANNEL == "development":
        errors.append(
            Error(
                "The development マイナンバーカード signing channel is enabled "
                "in production.",
                hint="Set JPKI_SIGNING_CHANNEL=digital_auth_app.",
                id="kyosai.E010",
            )
        )
    issuer = settings.DIGITAL_AUTH_APP_ISSUER
    if issuer and not issuer.startswith("https://"):
        errors.append(
            Error(
                "DIGITAL_AUTH_APP_ISSUER must be an https:// URL in production.",
                id="kyosai.E011",
            )
        )
    if not settings.GBIZID_ISSUER.startswith("https://"):
        errors.append(
            Error(
                "GBIZID_ISSUER must be an https:// URL in production.", id="kyosai.E003"
            )
        )
    return errors
