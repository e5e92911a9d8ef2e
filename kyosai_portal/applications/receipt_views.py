"""Download of the 受付票 PDF by its applicant or by SMRJ staff."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from kyosai_portal.applications.access import get_visible_application
from kyosai_portal.applications.receipts import RECEIPT_STATUSES, receipt_filename

# The receipt holds personal data: no shared cache may keep it.
CACHE_CONTROL = "private, no-store"


@require_safe
@login_required
def download_receipt(request, receipt_no):
    """Send the receipt PDF, or a page saying it is still being prepared.

    Only the applicant and staff see it; anyone else gets 404.
    """
    application = get_visible_application(request.user, receipt_no=receipt_no)

    if not application.receipt_pdf:
        if application.status not in RECEIPT_STATUSES:
            raise Http404
        response = render(
            request, "receipts/preparing.html", {"application": application}, status=202
        )
    else:
        response = FileResponse(
            application.receipt_pdf.open("rb"),
            as_attachment=True,
            filename=receipt_filename(application),
            content_type="application/pdf",
        )
    response["Cache-Control"] = CACHE_CONTROL
    return response
