"""Forms of the 26766 wizard; every rule comes from kyosai_portal.schemes.safety_net."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from kyosai_portal.contracts.models import Scheme
from kyosai_portal.formatting import month_label
from kyosai_portal.schemes import safety_net
from kyosai_portal.schemes.premiums import Violation
from maintenance import premium_change_forms
from maintenance.models import SafetyNetDecreaseReason
from maintenance.premium_change_forms import month_value, violation_message


def message(violation):
    """Return the Japanese message for a 倒産防止共済 rule violation."""
    return violation_message(violation, safety_net.GRID)


def contract_state(contract):
    """Return what the rules need to know of `contract`."""
    return safety_net.ContractState(
        monthly_premium=contract.monthly_premium,
        premiums_paid_total=contract.premiums_paid_total,
        prepaid_months=contract.prepaid_months,
    )


class ContractChoiceForm(premium_change_forms.ContractChoiceForm):
    """Step 1: which 倒産防止共済 contract to change (T-PREM-2)."""

    scheme = Scheme.SAFETY_NET
    grid = safety_net.GRID

    def contract_violations(self, contract):
        return safety_net.contract_violations(contract_state(contract))


class NewPremiumForm(premium_change_forms.NewPremiumForm):
    """Step 2: the new 掛金月額 (T-CHG-1, T-CHG-3)."""

    grid = safety_net.GRID

    def new_premium_violations(self, amount):
        return safety_net.new_premium_violations(contract_state(self.contract), amount)


class TimingForm(forms.Form):
    """Step 3: the month the change applies from and, for a 減額, the reason."""

    effective_month = forms.ChoiceField(
        label=_("変更月"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("変更月を選んでください。"),
            "invalid_choice": message(Violation.MONTH_NOT_ALLOWED),
        },
    )
    reason_code = forms.TypedChoiceField(
        label=_("減額の理由"),
        coerce=int,
        required=False,
        widget=forms.RadioSelect,
        choices=SafetyNetDecreaseReason.choices,
        help_text=_("減額には、次のいずれかの理由が必要です。"),
        error_messages={"invalid_choice": _("減額の理由は一覧から選んでください。")},
    )

    def __init__(self, *args, kind, received_on, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.received_on = received_on
        months = safety_net.allowed_effective_months(kind, received_on)
        self.fields["effective_month"].choices = [
            (month_value(m), month_label(m)) for m in months
        ]
        if kind == safety_net.ChangeKind.INCREASE:
            del self.fields["reason_code"]
            self.fields["effective_month"].help_text = _(
                "増額は、今月または翌月から選べます（毎月5日（休業日の場合は翌営業日）までの受付分はその月から変更できます）。"
            )
        else:
            self.fields["effective_month"].help_text = _(
                "減額は、受付日により変更月が決まります（毎月5日（休業日の場合は翌営業日）までの受付分はその月から）。"
            )

    def clean(self):
        cleaned = super().clean()
        month_text = cleaned.get("effective_month")
        if not month_text:
            return cleaned
        month = date.fromisoformat(month_text + "-01")
        reason = cleaned.get("reason_code")
        violations = safety_net.timing_violations(
            self.kind,
            month,
            safety_net.DecreaseReason(reason) if reason else None,
            self.received_on,
        )
        for field, violation in violations.items():
            self.add_error(field, message(violation))
        return cleaned

    def to_draft(self):
        return {
            "effective_month": self.cleaned_data["effective_month"],
            "reason_code": self.cleaned_data.get("reason_code") or None,
        }
