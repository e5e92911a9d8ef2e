"""Staff second-factor devices: one TOTP authenticator and its backup codes.

Every staff member has at most one confirmed TOTP device (django-otp's
`TOTPDevice`) and one set of single-use backup codes (`StaticDevice`). The
login form and the enrolment page both verify codes through this module, so
the rules for which device a code is checked against live in one place.
"""

import unicodedata
from base64 import b32encode

import segno
from django.db import transaction
from django.utils.safestring import mark_safe
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

AUTHENTICATOR_NAME = "authenticator"
BACKUP_NAME = "backup"
BACKUP_CODE_COUNT = 10
# What StaticToken.random_token() makes: eight base32 characters.
BACKUP_CODE_LENGTH = 8
QR_CODE_MAX_PX = 288


def normalise_code(value):
    """Return `value` as typed codes are compared: half-width, no spaces.

    Japanese input methods often produce full-width digits (１２３４５６).
    """
    return "".join(unicodedata.normalize("NFKC", value or "").split()).lower()


def has_second_factor(user):
    """Return True when `user` has a confirmed device to log in with."""
    return any(True for _device in devices_for_user(user, confirmed=True))


def verify_code(user, code):
    """Return the confirmed device of `user` that accepts `code`, or None.

    Backup codes have eight characters and the authenticator shows six
    digits, so each code is checked against one kind of device only and a
    mistyped authenticator code never throttles the backup codes.
    """
    code = normalise_code(code)
    model = StaticDevice if len(code) == BACKUP_CODE_LENGTH else TOTPDevice
    with transaction.atomic():
        # Locked so that two requests cannot both use one code.
        for device in model.objects.devices_for_user(
            user, confirmed=True
        ).select_for_update():
            if device.verify_token(code):
                return device
    return None


def pending_authenticator(user):
    """Return the unconfirmed authenticator `user` is enrolling, creating one.

    The same secret is returned until it is confirmed, so reloading the
    enrolment page does not invalidate a QR code already scanned.
    """
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name=AUTHENTICATOR_NAME, confirmed=False
        )
    return device


def confirm_authenticator(device, code):
    """Confirm `device` if it currently shows `code`; return it, or None.

    A correct code is the proof that the staff member's phone holds the key.
    """
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
        if not device.verify_token(normalise_code(code)):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return device


def issue_backup_codes(user):
    """Replace the backup codes of `user` with new ones and return them."""
    with transaction.atomic():
        device, _created = StaticDevice.objects.get_or_create(
            user=user, name=BACKUP_NAME, defaults={"confirmed": True}
        )
        device.token_set.all().delete()
        codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
        StaticToken.objects.bulk_create(
            StaticToken(device=device, token=code) for code in codes
        )
    return codes


def secret_text(device):
    """Return the device's secret as authenticator apps take it typed in.

    Base32 in groups of four, the way most apps display it.
    """
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_svg(device, title):
    """Return the device's otpauth:// URL as an inline SVG QR code.

    Inline markup rather than an image URL: the secret never appears in a
    URL, a log line or a cache, and CSP allows no inline style or script,
    which this SVG has none of.
    """
    qr_code = segno.make(device.config_url, error="m")
    # Whole pixels per module, the code no wider than a 320 px screen allows.
    scale = max(2, QR_CODE_MAX_PX // qr_code.symbol_size(scale=1)[0])
    svg = qr_code.svg_inline(
        scale=scale, title=title, svgclass="qr-code", lineclass=None
    )
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))
