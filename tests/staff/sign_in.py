"""Staff sign-in helpers: a confirmed authenticator and its current code.

Codes are computed from the device's key with django-otp's own TOTP, the
way the staff member's phone computes them.
"""

import time

from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from kyosai_portal.applications.staff_groups import ensure_staff_groups
from tests import factories

# The password UserFactory gives every user.
PASSWORD = "correct horse battery staple"


def clerk_in(group, username):
    """Return an SMRJ clerk in `group`, with no authenticator yet."""
    ensure_staff_groups()
    user = factories.UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def totp_device_for(user):
    """Return the staff member's confirmed authenticator, creating one."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "authenticator"}
    )
    return device


def current_code(device):
    """Return a code `device` accepts now.

    django-otp refuses a code twice: when this step's code was used, the
    next step's is returned (the device accepts one step of clock drift).
    """
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if totp.t() <= device.last_t:
        totp.time += device.step
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device):
    """Return a six-digit code that is not the one `device` accepts now."""
    return f"{(int(current_code(device)) + 500_000) % 1_000_000:06d}"


def login_data(user, code="", password=PASSWORD, next_url=None):
    """Return the staff login form's fields for `user` (admin's by default)."""
    return {
        "username": user.username,
        "password": password,
        "otp_token": code,
        "next": next_url or reverse("admin:index"),
    }


def log_in_with_code(client, user):
    """Sign `user` in to admin through the real login form; return the device.

    Works for clients that enforce CSRF too: the token comes from the login
    page, as in a browser.
    """
    device = totp_device_for(user)
    login_url = reverse("admin:login")
    client.get(login_url)
    data = login_data(user, current_code(device))
    data["csrfmiddlewaretoken"] = client.cookies["csrftoken"].value
    response = client.post(login_url, data)
    assert response.status_code == 302, response.content.decode()
    assert response["Location"] == reverse("admin:index")
    return device
