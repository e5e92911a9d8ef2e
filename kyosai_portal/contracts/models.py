"""Members, their contracts and the agencies that file for them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class Scheme(models.TextChoices):
    # The letter is the legacy interface's `scheme` and the 受付番号 prefix.
    SMALL_BUSINESS = "S", _("小規模企業共済")
    SAFETY_NET = "T", _("中小企業倒産防止共済")


class HolderKind(models.IntegerChoices):
    # Codes are the legacy interface's `holder_kind`.
    INDIVIDUAL = 1, _("個人")
    CORPORATION = 2, _("法人")


class Gender(models.IntegerChoices):
    NOT_GIVEN = 0, _("未回答")
    MALE = 1, _("男")
    FEMALE = 2, _("女")


class ContractHolder(models.Model):
    """A 共済契約者: a person or a corporation holding one or more contracts."""

    kind = models.PositiveSmallIntegerField(_("区分"), choices=HolderKind.choices)
    name = models.CharField(_("氏名・法人名"), max_length=30)
    name_kana = models.CharField(_("フリガナ"), max_length=60)
    corporate_no = models.CharField(
        _("法人番号"), max_length=13, blank=True, db_index=True
    )
    gbizid_account_no = models.CharField(
        _("GビズID管理番号"),
        max_length=13,
        blank=True,
        db_index=True,
        help_text=_("個人事業主がGビズIDでログインするときの照合に使います。"),
    )
    representative = models.CharField(_("代表者氏名"), max_length=20, blank=True)
    birth_date = models.DateField(_("生年月日"), null=True, blank=True)
    gender = models.PositiveSmallIntegerField(
        _("性別"), choices=Gender.choices, default=Gender.NOT_GIVEN
    )
    postal_code = models.CharField(_("郵便番号"), max_length=7)
    address = models.CharField(_("住所"), max_length=60)
    phone = models.CharField(_("電話番号"), max_length=15, blank=True)
    email = models.EmailField(_("メールアドレス"), blank=True)

    class Meta:
        verbose_name = _("共済契約者")
        verbose_name_plural = _("共済契約者")
        indexes = [
            # マイナンバーカード login matches a person by birth date, then name.
            models.Index(fields=["kind", "birth_date"], name="holder_kind_birth_date"),
        ]

    def __str__(self):
        return self.name


class Agency(models.Model):
    """A 委託機関 (商工会, 商工会議所, bank...) that files for its members."""

    code = models.CharField(_("委託機関コード"), max_length=8, unique=True)
    name = models.CharField(_("名称"), max_length=60)

    class Meta:
        verbose_name = _("委託機関")
        verbose_name_plural = _("委託機関")

    def __str__(self):
        return f"{self.name}（{self.code}）"


class AgencyStaffMember(models.Model):
    """A person at a 委託機関 who signs in under /agency/ for that agency.

    Agency staff are never Django staff (`is_staff`): SMRJ's admin is not
    theirs to reach, and the agency sign-in refuses a user who is.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ログインユーザー"),
        on_delete=models.CASCADE,
        related_name="agency_membership",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("委託機関"),
        on_delete=models.PROTECT,
        related_name="staff_members",
    )

    class Meta:
        verbose_name = _("委託機関の担当者")
        verbose_name_plural = _("委託機関の担当者")

    def __str__(self):
        return f"{self.agency.name} {self.user.get_username()}"

    def clean(self):
        if self.user_id is not None and self.user.is_staff:
            raise ValidationError(
                {
                    "user": _(
                        "スタッフ権限のあるユーザー（中小機構の職員）は、委託機関の"
                        "担当者にできません。委託機関の担当者には別のユーザーを"
                        "作成してください。"
                    )
                }
            )


class ContractStatus(models.TextChoices):
    ACTIVE = "active", _("有効")
    ENDED = "ended", _("終了")


class Contract(models.Model):
    """One membership of one scheme, as the legacy core knows it."""

    contract_no = models.CharField(_("共済契約番号"), max_length=10, unique=True)
    scheme = models.CharField(_("制度"), max_length=1, choices=Scheme.choices)
    holder = models.ForeignKey(
        ContractHolder,
        verbose_name=_("共済契約者"),
        on_delete=models.PROTECT,
        related_name="contracts",
    )
    status = models.CharField(
        _("状態"),
        max_length=8,
        choices=ContractStatus.choices,
        default=ContractStatus.ACTIVE,
    )
    monthly_premium = models.PositiveIntegerField(_("掛金月額"))
    months_paid = models.PositiveIntegerField(_("掛金納付月数"), default=0)
    premiums_paid_total = models.PositiveBigIntegerField(_("掛金総額"), default=0)
    prepaid_months = models.PositiveIntegerField(_("前納中の月数"), default=0)
    registered_agency = models.ForeignKey(
        Agency,
        verbose_name=_("登録取扱機関"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contracts",
    )
    started_on = models.DateField(_("加入日"))

    class Meta:
        verbose_name = _("共済契約")
        verbose_name_plural = _("共済契約")

    def __str__(self):
        return f"{self.get_scheme_display()} {self.contract_no}"
