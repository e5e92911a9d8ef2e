"""An OpenID provider's published endpoints, read from its discovery document.

The portal is configured by issuer alone (IDENTITY.md): the endpoints come
from `{issuer}.well-known/openid-configuration`, whose `issuer` must equal
the configured one byte for byte. GビズID and the デジタル認証アプリ share
this code.
"""

import ipaddress
import threading
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

from auth_mynumber_gbiz import provider_http
from auth_mynumber_gbiz.login_errors import ProviderMisconfigured

DISCOVERY_PATH = ".well-known/openid-configuration"
# Endpoints rarely move; an hour keeps a restart-free deployment current.
METADATA_MAX_AGE = 3600


@dataclass(frozen=True)
class ProviderMetadata:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_uri: str


def check_provider_url(url, what):
    """Refuse a provider URL that is not https://, unless it is on loopback."""
    parts = urlsplit(url)
    if parts.username is not None or parts.password is not None or parts.fragment:
        raise ProviderMisconfigured(f"{what} {url!r} carries credentials or a fragment")
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and is_loopback_host(parts.hostname):
        return
    raise ProviderMisconfigured(
        f"{what} {url!r} must be https:// (http:// only on loopback)"
    )


def is_loopback_host(host):
    """Tell whether `host` names this machine: localhost, 127.0.0.0/8 or ::1."""
    if not host:
        return False
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def discovery_url(issuer):
    """Return where `issuer` publishes its OpenID configuration."""
    return issuer.rstrip("/") + "/" + DISCOVERY_PATH


class MetadataCache:
    """Discovery documents by issuer, kept for METADATA_MAX_AGE seconds."""

    def __init__(self):
        self._entries = {}
        self._lock = threading.Lock()

    def get(self, issuer):
        """Return the verified metadata of `issuer`, fetching it when stale."""
        with self._lock:
            entry = self._entries.get(issuer)
            if entry is not None and time.monotonic() - entry[1] < METADATA_MAX_AGE:
                return entry[0]
        metadata = fetch_metadata(issuer)
        with self._lock:
            self._entries[issuer] = (metadata, time.monotonic())
        return metadata

    def clear(self):
        """Forget every document, e.g. after the provider moved its endpoints."""
        with self._lock:
            self._entries.clear()


def fetch_metadata(issuer):
    """Fetch and check the discovery document of `issuer`."""
    document = provider_http.get_json(discovery_url(issuer))
    if document.get("issuer") != issuer:
        raise ProviderMisconfigured(
            f"discovery issuer {document.get('issuer')!r} differs from {issuer!r}"
        )
    endpoints = {}
    for name in (
        "authorization_endpoint",
        "token_endpoint",
        "userinfo_endpoint",
        "jwks_uri",
    ):
        value = document.get(name)
        if not isinstance(value, str) or not value:
            raise ProviderMisconfigured(f"discovery document lacks {name}")
        check_provider_url(value, name)
        endpoints[name] = value
    return ProviderMetadata(issuer=issuer, **endpoints)


metadata_cache = MetadataCache()
