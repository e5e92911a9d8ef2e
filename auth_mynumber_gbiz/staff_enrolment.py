"""The session's note that a staff member proved the password and may enrol.

A staff member without an authenticator is not logged in after the password
step: a session with the password alone would be a staff session without
the second factor. The login page leaves this note instead, and the
enrolment page logs the member in once the new device is confirmed. The
note names the sign-in area (admin or agency) whose password was proved,
so enrolment for one area never opens the other.
"""

import time

from django.contrib.auth import get_user_model, login

ENROLMENT_SESSION_KEY = "staff_enrolment"
# Long enough to install an authenticator app, short enough that a
# forgotten browser tab does not keep the right to enrol.
ENROLMENT_SECONDS = 15 * 60


def begin_enrolment(request, user, area):
    """Note in a fresh session that `user` proved the password of `area`."""
    request.session.cycle_key()
    request.session[ENROLMENT_SESSION_KEY] = {
        "user": user.pk,
        "area": area.name,
        "since": int(time.time()),
    }


def enrolling_user(request, area):
    """Return the member of `area` this session may enrol, or None."""
    note = request.session.get(ENROLMENT_SESSION_KEY)
    if (
        not note
        or note.get("area") != area.name
        or time.time() - note["since"] > ENROLMENT_SECONDS
    ):
        return None
    user = get_user_model().objects.filter(pk=note["user"]).first()
    if user is None or not area.may_sign_in(user):
        return None
    return user


def finish_enrolment(request, user, device):
    """Log `user` in, verified by the device just confirmed."""
    del request.session[ENROLMENT_SESSION_KEY]
    # django-otp's user_logged_in receiver marks the session as verified.
    user.otp_device = device
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
