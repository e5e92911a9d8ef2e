"""Who an applicant is, as their identity provider told us."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from auth_mynumber_gbiz.jpki.facts import Gender as CardGender
from auth_mynumber_gbiz.jpki.outcomes import Outcome
from auth_mynumber_gbiz.jpki.result import RevocationStatus


class Provider(models.TextChoices):
    GBIZID = "gbizid", _("GビズID")
    JPKI = "jpki", _("マイナンバーカード")


class ExternalIdentity(models.Model):
    """Links a portal user to the (issuer, subject) an identity provider vouches for.

    `holder` is the ContractHolder the user may act for: the company named by
    the GビズID account's 法人番号, or the person on the card.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="external_identity",
    )
    provider = models.CharField(
        _("本人確認の方法"), max_length=8, choices=Provider.choices
    )
    issuer = models.CharField(_("発行者"), max_length=200)
    subject = models.CharField(_("識別子"), max_length=255)
    account_type = models.PositiveSmallIntegerField(
        _("アカウント種別"), null=True, blank=True
    )
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
    certificate_evidence = models.CharField(
        _("最後に使われた電子証明書の証跡"),
        max_length=64,
        blank=True,
        help_text=_(
            "マイナンバーカードでログインしたときの、署名用電子証明書の発行者と"
            "シリアル番号の鍵付きハッシュです。利用者を探す鍵には使いません。"
        ),
    )

    class Meta:
        verbose_name = _("外部ID")
        verbose_name_plural = _("外部ID")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "subject"], name="one_user_per_subject"
            )
        ]

    def __str__(self):
        return f"{self.get_provider_display()} {self.subject}"


class ApplicationSignature(models.Model):
    """An applicant's マイナンバーカード signature over one submission.

    `payload` holds the exact bytes signed (kyosai_portal.applications.
    signed_payload describes their format), so that anyone can later
    re-verify `signature` against `certificate`. The verification result and
    the signer's four facts are those the portal read when it accepted the
    signature. A resubmission after 差戻し is signed again: one row per
    submission.
    """

    application = models.ForeignKey(
        "applications.Application",
        verbose_name=_("申請"),
        on_delete=models.CASCADE,
        related_name="signatures",
    )
    payload = models.BinaryField(_("署名の対象（正規化した申請内容）"))
    payload_sha256 = models.CharField(_("署名対象のSHA-256"), max_length=64)
    signature = models.BinaryField(_("署名値"))
    certificate = models.BinaryField(_("署名用電子証明書（DER）"))
    certificate_evidence = models.CharField(_("電子証明書の証跡"), max_length=64)
    outcome = models.CharField(_("検証結果"), max_length=32, choices=Outcome.choices)
    checked_at = models.DateTimeField(_("検証日時"))
    revocation_status = models.CharField(
        _("失効確認"), max_length=16, choices=RevocationStatus.choices
    )
    crl_this_update = models.DateTimeField(_("失効リストの発行日時"), null=True)
    crl_next_update = models.DateTimeField(_("失効リストの次回更新日時"), null=True)
    signer_name = models.CharField(_("署名者の氏名"), max_length=100)
    signer_name_substituted = models.CharField(
        _("氏名の代替文字"), max_length=100, blank=True
    )
    signer_gender = models.CharField(
        _("署名者の性別"), max_length=1, choices=CardGender.choices
    )
    signer_birth_date = models.DateField(_("署名者の生年月日"), null=True)
    signer_birth_date_text = models.CharField(_("生年月日（証明書の値）"), max_length=9)
    signer_address = models.CharField(_("署名者の住所"), max_length=200)
    signer_address_substituted = models.CharField(
        _("住所の代替文字"), max_length=200, blank=True
    )
    created_at = models.DateTimeField(_("記録日時"), default=timezone.now)

    class Meta:
        verbose_name = _("電子署名")
        verbose_name_plural = _("電子署名")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.application} {self.get_outcome_display()}"
