"""Form parts both 掛金月額変更 procedures share (26766 and 26847).

A scheme's forms subclass these and name their rules; messages come from one
table, worded with the scheme's own grid.
"""

from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from kyosai_portal.contracts.models import ContractStatus
from kyosai_portal.forms_fields import YenField
from kyosai_portal.schemes.premiums import Violation

_MESSAGES = {
    Violation.NOT_A_STEP: _("掛金月額は%(step)s円単位で入力してください。"),
    Violation.BELOW_MINIMUM: _("掛金月額は%(minimum)s円以上で入力してください。"),
    Violation.ABOVE_MAXIMUM: _("掛金月額は%(maximum)s円以下で入力してください。"),
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
    Violation.ALREADY_CHANGED_THIS_MONTH: _(
        "掛金月額の変更は、1つの契約につき月1回までです。来月以降にお申し込みください。"
    ),
}


def _format_violation(violation, grid):
    return str(_MESSAGES[violation]) % {
        "step": f"{grid.step:,}",
        "minimum": f"{grid.minimum:,}",
        "maximum": f"{grid.maximum:,}",
    }


# Lazy, so form classes can name a message at import time.
violation_message = lazy(_format_violation, str)
violation_message.__doc__ = (
    "Return the Japanese message for a violation, with the grid's amounts."
)


class ContractChoiceForm(forms.Form):
    """Step 1: which of the member's contracts of this scheme to change."""

    scheme = None  # set by the subclass
    grid = None  # set by the subclass

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
            scheme=self.scheme, status=ContractStatus.ACTIVE
        ).order_by("contract_no")
        self.fields["contract"].label_from_instance = lambda c: (
            _("契約番号 %(no)s（現在の掛金月額 %(premium)s円）")
            % {"no": c.contract_no, "premium": f"{c.monthly_premium:,}"}
        )

    def contract_violations(self, contract):
        """Return why no premium change may be filed for `contract` at all."""
        return []

    def clean_contract(self):
        contract = self.cleaned_data["contract"]
        violations = self.contract_violations(contract)
        if violations:
            raise forms.ValidationError(
                [violation_message(v, self.grid) for v in violations]
            )
        return contract


class NewPremiumForm(forms.Form):
    """Step 2: the new 掛金月額, checked by the scheme's rules."""

    grid = None  # set by the subclass

    new_premium = YenField(label=_("変更後の掛金月額（円）"))

    def __init__(self, *args, contract, **kwargs):
        super().__init__(*args, **kwargs)
        self.contract = contract
        self.fields["new_premium"].help_text = _(
            "%(minimum)s円から%(maximum)s円まで、%(step)s円単位で入力してください。"
        ) % {
            "minimum": f"{self.grid.minimum:,}",
            "maximum": f"{self.grid.maximum:,}",
            "step": f"{self.grid.step:,}",
        }

    def new_premium_violations(self, amount):
        """Return why `amount` cannot replace the contract's premium."""
        raise NotImplementedError

    def clean_new_premium(self):
        amount = self.cleaned_data["new_premium"]
        violations = self.new_premium_violations(amount)
        if violations:
            raise forms.ValidationError(
                [violation_message(v, self.grid) for v in violations]
            )
        return amount

    def to_draft(self):
        return {"new_premium": self.cleaned_data["new_premium"]}


def month_value(month):
    """Return the form value of a month (its first day): 'YYYY-MM'."""
    return f"{month:%Y-%m}"
