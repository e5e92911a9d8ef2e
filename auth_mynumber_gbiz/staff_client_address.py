"""Where a staff login comes from, as django-axes counts its failures.

Behind the portal's TLS proxy every request arrives from the proxy, so
REMOTE_ADDR would put every office behind one address: five typos anywhere
would lock a username everywhere. Each of our proxies appends the address it
was reached from to X-Forwarded-For; the entry our outermost proxy appended
is the client. Entries before it were sent by the client and prove nothing.
"""

from django.conf import settings


def staff_client_address(request):
    """Return the client address of `request`, trusting only our own proxies."""
    hops = settings.TRUSTED_PROXY_COUNT
    if hops:
        forwarded = [
            entry.strip()
            for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if entry.strip()
        ]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR")
