"""Who an applicant is, as their identity provider told us."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Provider(models.TextChoices):
    GBIZID = "gbizid", _("GビズID")
    JPKI = "jpki", _("マイナンバーカード")


class ExternalIdentity(models.Model):
    """Links a portal user to the (issuer, subject) an identity provider vouches for.

    `holder` is the ContractHolder the user may act for: the company named by
    the GビズID account's 法人番号, or the person on the card.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identity"
    )
    provider = models.CharField(_("本人確認の方法"), max_length=8, choices=Provider.choices)
    issuer = models.CharField(_("発行者"), max_length=200)
    subject = models.CharField(_("識別子"), max_length=255)
    account_type = models.PositiveSmallIntegerField(_("アカウント種別"), null=True, blank=True)
    corporate_number = models.CharField(_("法人番号等"), max_length=13, blank=True)
    holder = models.ForeignKey(
        "contracts.ContractHolder",
        verbose_name=_("共済契約者"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="identities",
    )
    last_login_at = models.DateTimeField(_("最終ログイン"), null=True, blank=True)

    class Meta:
        verbose_name = _("外部ID")
        verbose_name_plural = _("外部ID")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="one_user_per_subject")
        ]

    def __str__(self):
        return f"{self.get_provider_display()} {self.subject}"
