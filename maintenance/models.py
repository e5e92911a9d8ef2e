"""Typed details of the 保全 procedures: the two 掛金月額変更."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kyosai_portal.applications.procedures import ProcedureDetail
from kyosai_portal.formatting import month_label, yen
from kyosai_portal.schemes import premiums, safety_net, small_business


class ChangeKind(models.IntegerChoices):
    INCREASE = premiums.ChangeKind.INCREASE, _("増額")
    DECREASE = premiums.ChangeKind.DECREASE, _("減額")


class SafetyNetDecreaseReason(models.IntegerChoices):
    # T-CHG-2
    BUSINESS_SHRANK = safety_net.DecreaseReason.BUSINESS_SHRANK, _("事業の縮小")
    HARD_TO_PAY = (
        safety_net.DecreaseReason.HARD_TO_PAY,
        _("業況の悪化、病気・けが、緊急の出費などにより掛金の払込みが著しく困難"),
    )
    LOANS_AND_PREMIUMS_REACHED_LIMIT = (
        safety_net.DecreaseReason.LOANS_AND_PREMIUMS_REACHED_LIMIT,
        _("共済金の貸付残高と掛金総額の10倍の合計が8,000万円に到達"),
    )


class SmallBusinessDecreaseReason(models.IntegerChoices):
    # S-CHG-2: a reason is optional.
    NONE_GIVEN = small_business.DecreaseReason.NONE_GIVEN, _("記載しない")
    BUSINESS_WORSENED = small_business.DecreaseReason.BUSINESS_WORSENED, _("業況の悪化")
    ILLNESS_OR_INJURY = small_business.DecreaseReason.ILLNESS_OR_INJURY, _("病気・けが")
    OTHER = small_business.DecreaseReason.OTHER, _("その他")


class PremiumChange(ProcedureDetail):
    """What both 掛金月額変更 procedures record; the reason differs per scheme."""

    current_premium = models.PositiveIntegerField(_("変更前の掛金月額"))
    new_premium = models.PositiveIntegerField(_("変更後の掛金月額"))
    change_kind = models.PositiveSmallIntegerField(
        _("変更の種類"), choices=ChangeKind.choices
    )
    effective_month = models.DateField(_("変更月"))

    class Meta:
        abstract = True

    def summary_rows(self):
        rows = [
            (_("変更の種類"), self.get_change_kind_display()),
            (_("変更前の掛金月額"), yen(self.current_premium)),
            (_("変更後の掛金月額"), yen(self.new_premium)),
            (_("変更月"), month_label(self.effective_month)),
        ]
        if self.reason_code:
            rows.append((_("減額の理由"), self.get_reason_code_display()))
        return rows

    def legacy_fields(self):
        return {
            "current_premium": self.current_premium,
            "new_premium": self.new_premium,
            "change_kind": self.change_kind,
            "effective_month": f"{self.effective_month:%Y%m}",
            "reason_code": self.reason_code or 0,
        }

    def premium_for_total(self):
        return self.new_premium


class SafetyNetPremiumChange(PremiumChange):
    """26766 倒産防止共済 掛金月額変更の申込み."""

    reason_code = models.PositiveSmallIntegerField(
        _("減額の理由"), choices=SafetyNetDecreaseReason.choices, null=True, blank=True
    )

    class Meta:
        verbose_name = _("倒産防止共済 掛金月額変更")
        verbose_name_plural = _("倒産防止共済 掛金月額変更")


class SmallBusinessPremiumChange(PremiumChange):
    """26847 小規模企業共済 掛金月額変更の申込み.

    `effective_month` is first the month the change would apply from if it
    were accepted on the day it was filed; acceptance fixes it (S-CHG-4).
    """

    reason_code = models.PositiveSmallIntegerField(
        _("減額の理由"),
        choices=SmallBusinessDecreaseReason.choices,
        default=SmallBusinessDecreaseReason.NONE_GIVEN,
    )

    class Meta:
        verbose_name = _("小規模企業共済 掛金月額変更")
        verbose_name_plural = _("小規模企業共済 掛金月額変更")

    def on_accepted(self, accepted_on):
        self.effective_month = small_business.effective_month(accepted_on)
        self.save(update_fields=["effective_month"])
