"""Which GビズID the portal talks to, with which client credentials.

The portal is configured by issuer alone (IDENTITY.md): the endpoints come
from the issuer's discovery document (oidc_discovery). In development, with
no issuer set, the development identity provider built into the portal
plays GビズID.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse

from auth_mynumber_gbiz.login_errors import ProviderMisconfigured
from auth_mynumber_gbiz.oidc_discovery import (  # noqa: F401 (re-exported)
    DISCOVERY_PATH,
    check_provider_url,
    discovery_url,
    metadata_cache,
)

# The development identity provider accepts only this client. Both are
# public on purpose: the provider exists only when DEV_IDENTITY_PROVIDER is on.
DEV_CLIENT_ID = "kyosai-portal-dev"
DEV_CLIENT_SECRET = "dev-only-client-secret"


@dataclass(frozen=True)
class ClientSettings:
    issuer: str
    client_id: str
    client_secret: str


def client_settings():
    """Return the issuer and client credentials the portal logs in with."""
    if settings.GBIZID_ISSUER:
        client = ClientSettings(
            settings.GBIZID_ISSUER,
            settings.GBIZID_CLIENT_ID,
            settings.GBIZID_CLIENT_SECRET,
        )
    elif settings.DEV_IDENTITY_PROVIDER:
        client = ClientSettings(dev_issuer(), DEV_CLIENT_ID, DEV_CLIENT_SECRET)
    else:
        raise ProviderMisconfigured("GBIZID_ISSUER is not set")
    if not (client.client_id and client.client_secret):
        raise ProviderMisconfigured("GBIZID_CLIENT_ID or GBIZID_CLIENT_SECRET is empty")
    check_provider_url(client.issuer, "issuer")
    return client


def dev_issuer():
    """Return the issuer of the development identity provider in this portal."""
    discovery = reverse("auth_mynumber_gbiz:dev_idp:discovery")
    return settings.PORTAL_BASE_URL.rstrip("/") + discovery.removesuffix(DISCOVERY_PATH)
