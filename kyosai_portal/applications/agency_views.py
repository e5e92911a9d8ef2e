"""Agency staff's read-only pages: the applications filed through their agency.

Every query starts from the signed-in member's own agency
(`Application.agency`), so another agency's application is never listed
and its 受付番号 opens nothing, whoever types it.
"""

import unicodedata

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from auth_mynumber_gbiz.agency_access import agency_staff_required
from kyosai_portal.applications.models import Application, Status

PAGE_SIZE = 20


class ReceiptNoSearchForm(forms.Form):
    receipt_no = forms.CharField(
        label=_("受付番号で探す"),
        required=False,
        max_length=32,
        help_text=_(
            "受付票に記載の受付番号を入力してください（例：T202612030000001）。"
        ),
    )

    def clean_receipt_no(self):
        # Numbers copied from a receipt may come in full width or with spaces.
        typed = unicodedata.normalize("NFKC", self.cleaned_data["receipt_no"])
        return "".join(typed.split()).upper()


def filed_through(agency):
    """Return the submitted applications filed through `agency`, newest first.

    Drafts are left out: they have no 受付番号 and are not filed yet.
    """
    return (
        Application.objects.filter(agency=agency)
        .exclude(status=Status.DRAFT)
        .order_by("-submitted_at", "-id")
    )


@agency_staff_required
def application_list(request):
    """List the agency's applications with 受付番号, procedure, holder, status."""
    agency = request.agency_membership.agency
    applications = filed_through(agency).select_related("holder")
    form = ReceiptNoSearchForm(request.GET)
    receipt_no = form.cleaned_data["receipt_no"] if form.is_valid() else ""
    if receipt_no:
        applications = applications.filter(receipt_no=receipt_no)

    page = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "agency/application_list.html",
        {"agency": agency, "form": form, "receipt_no": receipt_no, "page": page},
    )


@agency_staff_required
def application_detail(request, receipt_no):
    """Show one of the agency's applications: status, contents and history."""
    agency = request.agency_membership.agency
    application = get_object_or_404(
        filed_through(agency).select_related("holder", "contract"),
        receipt_no=receipt_no,
    )
    detail = application.detail
    return render(
        request,
        "agency/application_detail.html",
        {
            "agency": agency,
            "application": application,
            "rows": detail.summary_rows() if detail else [],
            "events": application.events.all(),
        },
    )
