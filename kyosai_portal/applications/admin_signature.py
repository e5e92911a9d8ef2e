"""The applicant's マイナンバーカード signature, as clerks see it on an application.

For each signed submission: whether the signature was valid when the
portal accepted it and whether it still verifies now, who signed (the four
facts as the certificate states them), with which certificate (issuer,
serial, validity) and when it was checked. `manage.py verify_signature`
does the same re-verification from the command line.
"""

from cryptography import x509
from django.contrib import admin
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from auth_mynumber_gbiz.jpki.verify import verify_signature
from auth_mynumber_gbiz.models import ApplicationSignature
from kyosai_portal.applications.admin_base import NoWritesMixin


def substituted_positions(flags):
    """Return which characters are 代替文字, e.g. "1・3文字目", or "なし"."""
    positions = [str(index) for index, flag in enumerate(flags, start=1) if flag == "1"]
    if not positions:
        return _("なし")
    return _("%(positions)s文字目") % {"positions": "・".join(positions)}


def _local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")


class ApplicationSignatureInline(NoWritesMixin, admin.StackedInline):
    model = ApplicationSignature
    verbose_name = _("電子署名")
    verbose_name_plural = _("電子署名（マイナンバーカード）")
    extra = 0
    can_delete = False
    fieldsets = (
        (
            _("検証"),
            {
                "fields": (
                    "outcome",
                    "checked_at",
                    "revocation_status",
                    "verified_now",
                )
            },
        ),
        (
            _("署名者（署名用電子証明書の基本4情報）"),
            {
                "fields": (
                    "signer_name",
                    "name_substitutions",
                    "signer_gender",
                    "birth_date",
                    "signer_address",
                    "address_substitutions",
                )
            },
        ),
        (
            _("電子証明書と署名の対象"),
            {
                "fields": (
                    "certificate_details",
                    "certificate_evidence",
                    "payload_sha256",
                )
            },
        ),
    )
    # Nothing here is editable: every field shown is read-only.
    readonly_fields = tuple(
        name for _title, options in fieldsets for name in options["fields"]
    )

    def has_view_permission(self, request, obj=None):
        # Whoever may read the application may read its signature: the
        # clerk groups are granted the application's permissions only.
        return request.user.has_perm("applications.view_application")

    @admin.display(description=_("現在の再検証"))
    def verified_now(self, signature):
        result = verify_signature(
            bytes(signature.certificate), bytes(signature.signature), signature.payload
        )
        return _("%(outcome)s（%(at)s 時点）") % {
            "outcome": result.outcome.label,
            "at": _local(result.checked_at),
        }

    @admin.display(description=_("氏名の代替文字"))
    def name_substitutions(self, signature):
        return substituted_positions(signature.signer_name_substituted)

    @admin.display(description=_("住所の代替文字"))
    def address_substitutions(self, signature):
        return substituted_positions(signature.signer_address_substituted)

    @admin.display(description=_("署名者の生年月日"))
    def birth_date(self, signature):
        known = signature.signer_birth_date or _("不明")
        return _("%(date)s（証明書の値 %(text)s）") % {
            "date": known,
            "text": signature.signer_birth_date_text,
        }

    @admin.display(description=_("署名用電子証明書"))
    def certificate_details(self, signature):
        certificate = x509.load_der_x509_certificate(bytes(signature.certificate))
        return format_html(
            "{}: {}<br>{}: {}<br>{}: {} 〜 {}",
            _("発行者"),
            certificate.issuer.rfc4514_string(),
            _("シリアル番号"),
            certificate.serial_number,
            _("有効期間"),
            _local(certificate.not_valid_before_utc),
            _local(certificate.not_valid_after_utc),
        )
