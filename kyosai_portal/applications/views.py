"""The applicant's own pages: the portal top, 申請一覧 and one application's status."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render

from kyosai_portal.applications.access import get_visible_application, holder_of
from kyosai_portal.applications.models import Application, Status
from kyosai_portal.applications.procedures import implemented_specs
from kyosai_portal.applications.wizard import EDITABLE_STATUSES
from kyosai_portal.contracts.models import ContractStatus


def home(request):
    """Show what the portal does, and for a logged-in member what they can file."""
    holder = holder_of(request.user) if request.user.is_authenticated else None
    context = {"holder": holder}
    if holder is not None:
        contracts = holder.contracts.filter(status=ContractStatus.ACTIVE).order_by(
            "scheme"
        )
        specs = implemented_specs()
        context["contracts"] = [
            (contract, [spec for spec in specs if spec.scheme == contract.scheme])
            for contract in contracts
        ]
    return render(request, "applications/home.html", context)


@login_required
def application_list(request):
    """List every application of the member with its status in plain Japanese."""
    holder = holder_of(request.user)
    if holder is None:
        return render(request, "applications/no_contract.html", status=403)
    applications = (
        Application.objects.filter(holder=holder)
        .exclude(status=Status.WITHDRAWN)
        .select_related("contract")
        .order_by("-created_at", "-id")
    )
    page = Paginator(applications, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "applications/list.html",
        {"page": page, "editable": EDITABLE_STATUSES},
    )


@login_required
def status(request, receipt_no):
    """Show one submitted application: status, message, values, receipt, history."""
    application = get_visible_application(
        request.user, receipt_no=receipt_no, related=("contract",)
    )
    detail = application.detail
    return render(
        request,
        "applications/status.html",
        {
            "application": application,
            "rows": detail.summary_rows() if detail else [],
            "events": application.events.all(),
            "can_correct": application.status == Status.RETURNED,
        },
    )
