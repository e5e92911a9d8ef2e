"""Forms of the 26766 wizard; every rule comes from kyosai_portal.schemes.safety_net."""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from kyosai_portal.contracts.models import ContractStatus, Scheme
from kyosai_portal.forms_fields import YenField
from kyosai_portal.schemes import safety_net
from kyosai_portal.schemes.safety_net import Violation
from maintenance.models import SafetyNetDecreaseReason, month_label

MESSAGES = {
    Violation.NOT_A_STEP: _("掛金月額は5,000円単位で入力してください。"),
    Violation.BELOW_MINIMUM: _("掛金月額は5,000円以上で入力してください。"),
    Violation.ABOVE_MAXIMUM: _("掛金月額は200,000円以下で入力してください。"),
    Violation.SAME_AS_CURRENT: _(
        "現在の掛金月額と同じ金額です。変更後の金額を入力してください。"
    ),
    Violation.AT_TOTAL_CAP: _(
        "掛金の総額が800万円に達しているため、掛金月額を変更できません。"
    ),
    Violation.PREPAID_MONTHS_REMAIN: _(
        "前納した掛金が残っている間は減額できません。前納期間の終了後にお申し込みください。"
    ),
    Violation.REASON_REQUIRED: _("減額の理由を選んでください。"),
    Violation.MONTH_NOT_ALLOWED: _(
        "この変更月は選べません。表示されている月から選んでください（過去の月は選べません）。"
    ),
}


def contract_state(contract):
    """Return what the rules need to know of `contract`."""
    return safety_net.ContractState(
        monthly_premium=contract.monthly_premium,
        premiums_paid_total=contract.premiums_paid_total,
        prepaid_months=contract.prepaid_months,
    )


class ContractChoiceForm(forms.Form):
    """Step 1: which 倒産防止共済 contract to change."""

    contract = forms.ModelChoiceField(
        label=_("変更する共済契約"),
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": _("掛金月額を変更する契約を選んでください。"),
            "invalid_choice": _(
                "選択された契約はお手続きできません。一覧に表示されている契約から選んでください。"
            ),
        },
    )

    def __init__(self, *args, holder, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = holder.contracts.filter(
            scheme=Scheme.SAFETY_NET, status=ContractStatus.ACTIVE
        ).order_by("contract_no")
        self.fields["contract"].label_from_instance = lambda c: _(
            "契約番号 %(no)s（現在の掛金月額 %(premium)s円）"
        ) % {"no": c.contract_no, "premium": f"{c.monthly_premium:,}"}

    def clean_contract(self):
        contract = self.cleaned_data["contract"]
        for violation in safety_net.contract_violations(contract_state(contract)):
            raise forms.ValidationError(MESSAGES[violation])
        return contract


class NewPremiumForm(forms.Form):
    """Step 2: the new 掛金月額 (T-CHG-1, T-CHG-3)."""

    new_premium = YenField(
        label=_("変更後の掛金月額（円）"),
        help_text=_("5,000円から200,000円まで、5,000円単位で入力してください。"),
    )

    def __init__(self, *args, contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.contract = contract

    def clean_new_premium(self):
        amount = self.cleaned_data["new_premium"]
        violations = safety_net.new_premium_violations(contract_state(self.contract), amount)
        if violations:
            raise forms.ValidationError([MESSAGES[v] for v in violations])
        return amount

    def to_draft(self):
        return {"new_premium": self.cleaned_data["new_premium"]}


def _month_value(month):
    return f"{month:%Y-%m}"


class TimingForm(forms.Form):
    """Step 3: the month the change applies from and, for a 減額, the reason."""

    effective_month = forms.ChoiceField(
        label=_("変更月"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("変更月を選んでください。"),
            "invalid_choice": MESSAGES[Violation.MONTH_NOT_ALLOWED],
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
            (_month_value(m), month_label(m)) for m in months
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
            self.add_error(field, MESSAGES[violation])
        return cleaned

    def to_draft(self):
        return {
            "effective_month": self.cleaned_data["effective_month"],
            "reason_code": self.cleaned_data.get("reason_code") or None,
        }
