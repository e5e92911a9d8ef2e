"""The gate of every agency page: a signed-in agency member, second factor too."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login

from auth_mynumber_gbiz.staff_areas import AGENCY_STAFF, agency_membership


def signed_in_membership(request):
    """Return the AgencyStaffMember signed in on `request`, or None.

    A session that proved only the password, an applicant's session and a
    clerk's session all get None.
    """
    user = request.user
    if not user.is_authenticated:
        return None
    if settings.STAFF_REQUIRE_OTP and not user.is_verified():
        return None
    return agency_membership(user)


def agency_staff_required(view):
    """Let only signed-in agency staff reach `view`; send others to the login.

    The view finds the member (and their agency) in
    `request.agency_membership`.
    """

    @wraps(view)
    def gated(request, *args, **kwargs):
        membership = signed_in_membership(request)
        if membership is None:
            return redirect_to_login(request.get_full_path(), AGENCY_STAFF.login_url)
        request.agency_membership = membership
        return view(request, *args, **kwargs)

    return gated
