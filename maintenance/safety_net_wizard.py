"""26766 倒産防止共済 掛金月額変更: the wizard's steps and its detail from a draft."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyosai_portal.applications.procedures import ProcedureId, get_spec
from kyosai_portal.applications.wizard import Step
from kyosai_portal.applications.wizard_views import Wizard
from kyosai_portal.schemes import safety_net
from maintenance.models import SafetyNetPremiumChange
from maintenance.safety_net_forms import NewPremiumForm, TimingForm


def _new_premium(application):
    return int(application.draft_data["amount"]["new_premium"])


def _kind(application):
    return safety_net.change_kind(
        application.contract.monthly_premium, _new_premium(application)
    )


def form_kwargs(step_name, application):
    """Return what each step's form needs beyond the posted data."""
    if step_name == "amount":
        return {"contract": application.contract}
    return {"kind": _kind(application), "received_on": timezone.localdate()}


def step_context(step_name, application):
    """Return what the templates show beside the form."""
    context = {"contract": application.contract}
    if step_name in ("timing", "confirm") and "amount" in application.draft_data:
        context["is_decrease"] = _kind(application) == safety_net.ChangeKind.DECREASE
    return context


def draft_detail(application):
    """Return an unsaved SafetyNetPremiumChange built from the complete draft."""
    timing = application.draft_data["timing"]
    new_premium = _new_premium(application)
    return SafetyNetPremiumChange(
        application=application,
        current_premium=application.contract.monthly_premium,
        new_premium=new_premium,
        change_kind=_kind(application) or safety_net.ChangeKind.INCREASE,
        effective_month=date.fromisoformat(timing["effective_month"] + "-01"),
        reason_code=timing.get("reason_code"),
    )


WIZARD = Wizard(
    spec=get_spec(ProcedureId.T_PREMIUM_CHANGE),
    url_prefix="maintenance:t_premium_change",
    steps=(
        Step("amount", _("掛金月額"), NewPremiumForm),
        Step("timing", _("変更月・理由"), TimingForm),
    ),
    form_kwargs=form_kwargs,
    draft_detail=draft_detail,
    step_context=step_context,
)
