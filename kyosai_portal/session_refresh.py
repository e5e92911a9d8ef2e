"""Sliding session expiry without writing the session on every request.

A session idle for SESSION_COOKIE_AGE ends; each request that uses it
pushes the end back. Saving it on every request would do that exactly, at
the price of two round trips to the session store per page (Django's cache
backend checks the key before it sets it). Saving it at most once per
SESSION_REFRESH_SECONDS moves the end back by the same amount, give or take
those seconds.
"""

import time

from django.conf import settings

# Where the session remembers when it was last written.
REFRESHED_AT_KEY = "_refreshed_at"


def refresh_used_sessions(get_response):
    """Mark a used session for saving when its last save is too long ago.

    Sits below SessionMiddleware, which saves marked sessions on the way out.
    """

    def middleware(request):
        response = get_response(request)
        session = getattr(request, "session", None)
        # Only a session the request read: looking at others would load them.
        if session is not None and session.accessed and not session.is_empty():
            now = int(time.time())
            last = session.get(REFRESHED_AT_KEY, 0)
            if session.modified or now - last >= settings.SESSION_REFRESH_SECONDS:
                session[REFRESHED_AT_KEY] = now
        return response

    return middleware
