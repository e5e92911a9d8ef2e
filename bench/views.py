"""The baseline view: the whole Django stack and one indexed query, no more."""

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
