"""The 受付票 (receipt): HTML from a template, PDF from WeasyPrint, stored once.

WeasyPrint takes about a second to import, so it is imported only where a PDF
is rendered (in the Celery worker), never when the web process starts.
"""

import logging

import segno
from django.core.files.base import ContentFile
from django.db import DatabaseError, transaction
from django.db.models import OuterRef, Subquery
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from kyosai_portal.applications.links import status_page_url
from kyosai_portal.applications.models import (
    Application,
    ApplicationEvent,
    Channel,
    Status,
)

logger = logging.getLogger(__name__)

TEMPLATE = "receipts/receipt.html"

# The states in which an application has, or is owed, a receipt. A returned
# one is being corrected: its next receipt comes with the resubmission.
RECEIPT_STATUSES = (
    Status.SUBMITTED,
    Status.IN_REVIEW,
    Status.ACCEPTED,
    Status.EXPORTED,
    Status.COMPLETED,
    Status.REJECTED,
)


def receipt_filename(application):
    """Return the file name the applicant downloads the receipt under."""
    return f"uketsukehyo-{application.receipt_no}.pdf"


def build_receipt_html(application):
    """Return the receipt of a submitted application as an HTML document."""
    status_url = status_page_url(application)
    detail = application.detail
    context = {
        "application": application,
        "holder_name": application.holder.name,
        "procedure_title": application.spec.title,
        "rows": detail.summary_rows() if detail else [],
        "filed_by_agency": application.channel == Channel.AGENCY,
        # The signature of this submission: a resubmission is signed again.
        "signature": application.signatures.order_by("-created_at", "-pk").first(),
        "status_url": status_url,
        "qr_svg": _qr_svg(status_url),
    }
    return render_to_string(TEMPLATE, context)


def render_pdf(html):
    """Return the PDF bytes of a receipt HTML document."""
    import weasyprint

    # Everything the receipt needs is inline; refusing other schemes keeps a
    # value typed by an applicant from making the worker fetch anything.
    fetcher = weasyprint.URLFetcher(allowed_protocols={"data"})
    return weasyprint.HTML(string=html, url_fetcher=fetcher).write_pdf()


def render_receipt_pdf(application):
    """Return the receipt of a submitted application as PDF bytes."""
    return render_pdf(build_receipt_html(application))


def issue_receipt(application_id):
    """Render and store the receipt of one application; return whether stored.

    Return False, storing nothing, when the application already has its
    receipt or is not owed one. The PDF is rendered outside any transaction
    (it takes a few hundred milliseconds) and stored under the row lock: of
    two concurrent runs only the first keeps its file, and a receipt rendered
    from values that a resubmission replaced meanwhile is thrown away.
    """
    application = (
        _with_last_submission(
            _owed_receipt(
                Application.objects.select_related("holder", "contract", "agency")
            )
        )
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return False
    pdf = render_receipt_pdf(application)

    with transaction.atomic():
        locked = (
            _with_last_submission(
                _owed_receipt(Application.objects.select_for_update())
            )
            .filter(pk=application_id)
            .first()
        )
        if (
            locked is None
            or locked.last_submission_id != application.last_submission_id
        ):
            logger.info(
                "receipt for %s already stored or outdated", application.receipt_no
            )
            return False
        locked.receipt_pdf.save(receipt_filename(locked), ContentFile(pdf), save=False)
        try:
            locked.save(update_fields=["receipt_pdf"])
        except DatabaseError:
            locked.receipt_pdf.storage.delete(locked.receipt_pdf.name)
            raise

    logger.info("receipt for %s stored (%d bytes)", locked.receipt_no, len(pdf))
    return True


def missing_receipt_ids(submitted_before, limit):
    """Return ids of applications still owed a receipt, submitted before a time.

    One whose status changed after that time waits too, so that a resubmission
    counts from its own moment. The partial index `app_receipt_missing` serves
    this query.
    """
    return list(
        _owed_receipt(Application.objects.all())
        .filter(
            submitted_at__lt=submitted_before, status_changed_at__lt=submitted_before
        )
        .order_by("submitted_at")
        .values_list("pk", flat=True)[:limit]
    )


def _owed_receipt(queryset):
    return queryset.filter(
        status__in=RECEIPT_STATUSES, receipt_no__isnull=False, receipt_pdf=""
    )


def _with_last_submission(queryset):
    # The id of the event of the last (re)submission, read in the same query:
    # a receipt rendered before a resubmission must not be stored after it.
    last = (
        ApplicationEvent.objects.filter(
            application=OuterRef("pk"), to_status=Status.SUBMITTED
        )
        .order_by("-pk")
        .values("pk")[:1]
    )
    return queryset.annotate(last_submission_id=Subquery(last))


def _qr_svg(url):
    # Inline SVG: vector, no image decoding, a few hundred bytes in the PDF.
    code = segno.make(url, error="m", micro=False)
    return mark_safe(code.svg_inline(omitsize=True, svgclass="qr-code", lineclass=None))
