"""Walk a browser (Django's test client) through a signing channel's round trip."""

from urllib.parse import urlsplit

import requests
from django.urls import reverse

DEMO_PASSWORD = "demo1234"


def path_of(url):
    """Return the path and query of `url`, as the test client wants them."""
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def back_from_app(client, started):
    """Follow `started` (a redirect to the app peer) back into the portal.

    Return the portal's answer at the caller's return URL.
    """
    assert started.status_code == 302, started.content.decode()
    answer = requests.get(started["Location"], allow_redirects=False, timeout=5)
    assert answer.status_code == 302, answer.text
    return _return_through_callback(client, answer.headers["Location"])


def sign_with_demo_card(client, started, card_label, password=DEMO_PASSWORD):
    """Choose the demo card whose label holds `card_label` on the development page.

    `started` is the portal's redirect to that page. Return the portal's
    answer at the caller's return URL.
    """
    assert started.status_code == 302, started.content.decode()
    page = client.get(started["Location"])
    assert page.status_code == 200, page.content.decode()
    choices = dict(
        (label, value) for value, label in page.context["form"].fields["card"].choices
    )
    card = next(value for label, value in choices.items() if card_label in label)
    signed = client.post(started["Location"], {"card": card, "password": password})
    assert signed.status_code == 302, signed.content.decode()
    return _return_through_callback(client, signed["Location"])


def log_in_with_demo_card(client, card_label):
    """Log in through the development channel with the card named `card_label`."""
    started = client.post(reverse("auth_mynumber_gbiz:jpki_start"))
    return sign_with_demo_card(client, started, card_label)


def log_in_with_app(client):
    """Log in through the app peer; return the portal's last answer."""
    return back_from_app(client, client.post(reverse("auth_mynumber_gbiz:jpki_start")))


def _return_through_callback(client, callback_url):
    callback = client.get(path_of(callback_url))
    assert callback.status_code == 302, callback.content.decode()
    return client.get(path_of(callback["Location"]))
