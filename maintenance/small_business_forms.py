"""Forms of the 26847 wizard; every rule comes from kyosai_portal.schemes.small_business."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyosai_portal.applications.models import Application, Status
from kyosai_portal.applications.procedures import ProcedureId
from kyosai_portal.contracts.models import Scheme
from kyosai_portal.schemes import small_business
from kyosai_portal.schemes.premiums import ChangeKind, change_kind
from maintenance import premium_change_forms
from maintenance.models import SmallBusinessDecreaseReason

# Filings that count against S-CHG-3's one change a month.
_COUNTED = (
    Status.SUBMITTED,
    Status.IN_REVIEW,
    Status.ACCEPTED,
    Status.EXPORTED,
    Status.COMPLETED,
)


def contract_state(contract, exclude_application=None):
    """Return what the rules need to know of `contract`, as of this month (JST)."""
    month_start = timezone.localtime().replace(
        day=1, hour=0, minute=0, second=0, microsecond=0
    )
    filed = Application.objects.filter(
        contract=contract,
        procedure_id=ProcedureId.S_PREMIUM_CHANGE,
        status__in=_COUNTED,
        submitted_at__gte=month_start,
    )
    if exclude_application is not None:
        filed = filed.exclude(pk=exclude_application.pk)
    return small_business.ContractState(
        monthly_premium=contract.monthly_premium,
        changes_filed_this_month=filed.count(),
    )


class ContractChoiceForm(premium_change_forms.ContractChoiceForm):
    """Step 1: which 小規模企業共済 contract to change."""

    scheme = Scheme.SMALL_BUSINESS
    grid = small_business.GRID


class NewPremiumForm(premium_change_forms.NewPremiumForm):
    """Step 2: the new 掛金月額 (S-CHG-1, S-CHG-3) and, for a 減額, the notice (S-CHG-2)."""

    grid = small_business.GRID

    reason_code = forms.TypedChoiceField(
        label=_("減額の場合の理由（任意）"),
        coerce=int,
        required=False,
        empty_value=SmallBusinessDecreaseReason.NONE_GIVEN,
        widget=forms.RadioSelect,
        choices=SmallBusinessDecreaseReason.choices,
        help_text=_("減額の理由の記載は任意です。増額の場合は選ぶ必要はありません。"),
    )
    decrease_notice_understood = forms.BooleanField(
        label=_("減額についての注意事項を確認しました（減額の場合は必須）"),
        required=False,
    )

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application

    def new_premium_violations(self, amount):
        state = contract_state(self.contract, exclude_application=self.application)
        return small_business.new_premium_violations(state, amount)

    def clean(self):
        cleaned = super().clean()
        amount = cleaned.get("new_premium")
        if amount is None:
            return cleaned
        if change_kind(self.contract.monthly_premium, amount) == ChangeKind.DECREASE:
            if not cleaned.get("decrease_notice_understood"):
                self.add_error(
                    "decrease_notice_understood",
                    _(
                        "減額についての注意事項をお読みのうえ、確認欄にチェックしてください。"
                    ),
                )
        else:
            cleaned["reason_code"] = SmallBusinessDecreaseReason.NONE_GIVEN
        return cleaned

    def to_draft(self):
        return {
            "new_premium": self.cleaned_data["new_premium"],
            "reason_code": int(self.cleaned_data.get("reason_code") or 0),
            "decrease_notice_understood": bool(
                self.cleaned_data.get("decrease_notice_understood")
            ),
        }
