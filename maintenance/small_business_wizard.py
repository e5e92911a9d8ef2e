"""26847 小規模企業共済 掛金月額変更: the wizard's steps and its detail from a draft."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyosai_portal.applications.procedures import ProcedureId, get_spec
from kyosai_portal.applications.wizard import Step
from kyosai_portal.applications.wizard_views import Wizard
from kyosai_portal.schemes import small_business
from kyosai_portal.schemes.premiums import ChangeKind, change_kind
from maintenance.models import SmallBusinessPremiumChange
from maintenance.small_business_forms import NewPremiumForm


def form_kwargs(step_name, application):
    """Return what the amount form needs beyond the posted data."""
    return {"contract": application.contract, "application": application}


def step_context(step_name, application):
    """Return the contract, the month a change would apply from, and the S-CHG-2 notice."""
    context = {
        "contract": application.contract,
        "effective_month_if_accepted_today": small_business.effective_month(
            timezone.localdate()
        ),
    }
    amount = application.draft_data.get("amount")
    is_decrease = bool(amount) and (
        change_kind(application.contract.monthly_premium, amount["new_premium"])
        == ChangeKind.DECREASE
    )
    if step_name == "amount" or is_decrease:
        context["notice_template"] = "maintenance/small_business_change_notice.html"
    return context


def draft_detail(application):
    """Return an unsaved SmallBusinessPremiumChange built from the complete draft."""
    amount = application.draft_data["amount"]
    current = application.contract.monthly_premium
    return SmallBusinessPremiumChange(
        application=application,
        current_premium=current,
        new_premium=amount["new_premium"],
        change_kind=change_kind(current, amount["new_premium"]) or ChangeKind.INCREASE,
        effective_month=small_business.effective_month(timezone.localdate()),
        reason_code=amount.get("reason_code") or 0,
    )


WIZARD = Wizard(
    spec=get_spec(ProcedureId.S_PREMIUM_CHANGE),
    url_prefix="maintenance:s_premium_change",
    steps=(Step("amount", _("掛金月額"), NewPremiumForm),),
    form_kwargs=form_kwargs,
    draft_detail=draft_detail,
    step_context=step_context,
    # IDENTITY.md: a 小規模企業共済 member signs with their マイナンバーカード.
    requires_signature=True,
)
