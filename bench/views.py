"""The baseline views: the whole Django stack and one indexed query, no more.

`bare_status` is the issue's baseline. `signed_in_bare_status` adds only what
every applicant page must do before its own work (load the session and the
user), to show how much of a page's cost that is.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse

from kyosai_portal.applications.models import Application


def bare_status(request, receipt_no):
    """Return the status code of one application, found by its unique 受付番号."""
    status = (
        Application.objects.filter(receipt_no=receipt_no)
        .values_list("status", flat=True)
        .first()
    )
    if status is None:
        raise Http404
    return HttpResponse(status, content_type="text/plain; charset=utf-8")


@login_required
def signed_in_bare_status(request, receipt_no):
    """Return the same status code, for a logged-in user only."""
    return bare_status(request, receipt_no)
