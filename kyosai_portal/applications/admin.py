"""The SMRJ clerks' review queue: every received application, read-only.

Clerks find an application in the queue, read it on its page (the fields,
the procedure's submitted values, the receipt, the attachments and the full
history) and decide on it with the buttons from `admin_review`. Drafts are
the applicant's unfinished work and are not shown.
"""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from kyosai_portal.applications.admin_base import ReadOnlyAdmin, ReadOnlyInline
from kyosai_portal.applications.admin_filters import (
    AgeListFilter,
    ReceivedStatusFilter,
    age_in_days,
)
from kyosai_portal.applications.admin_review import ReviewAdminMixin
from kyosai_portal.applications.admin_signature import ApplicationSignatureInline
from kyosai_portal.applications.models import (
    ApplicantMail,
    Application,
    ApplicationEvent,
    Attachment,
)

admin.site.site_header = _("共済電子申請 審査システム")
admin.site.site_title = _("共済電子申請 審査システム")
admin.site.index_title = _("審査メニュー")


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = ("file", "description", "uploaded_at", "uploaded_by")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("uploaded_by")


class ApplicationEventInline(ReadOnlyInline):
    model = ApplicationEvent
    verbose_name_plural = _("履歴")
    fields = ("created_at", "actor", "from_status", "to_status", "reason")
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("actor")


class ApplicantMailInline(ReadOnlyInline):
    """Whether the applicant was told: sent, not needed, no address, or owed."""

    model = ApplicantMail
    verbose_name_plural = _("申請者へのメール")
    fields = ("created_at", "kind", "status", "outcome", "handled_at")
    readonly_fields = fields


@admin.register(Application)
class ApplicationAdmin(ReviewAdminMixin, ReadOnlyAdmin):
    list_display = (
        "receipt_no",
        "procedure_id",
        "holder_name",
        "status",
        "submitted_at",
        "age",
    )
    list_filter = (
        ReceivedStatusFilter,
        "procedure_id",
        "scheme",
        "channel",
        AgeListFilter,
    )
    # Numbers match exactly (indexed); names match anywhere (trigram indexes).
    search_fields = (
        "=receipt_no",
        "=holder__corporate_no",
        "=contract__contract_no",
        "holder__name",
        "holder__name_kana",
    )
    search_help_text = _(
        "受付番号・法人番号・共済契約番号は完全一致、"
        "共済契約者の名称・フリガナは部分一致で検索します。"
    )
    list_select_related = ("holder",)
    # Served by the app_queue_order index, in both directions.
    ordering = ("-submitted_at", "-id")
    sortable_by = ("receipt_no", "submitted_at", "age")
    list_per_page = 50

    fieldsets = (
        (
            None,
            {
                "fields": (
                    "receipt_no",
                    "procedure_id",
                    "scheme",
                    "status",
                    "applicant_message",
                    "holder",
                    "contract",
                    "channel",
                    "agency",
                    "filed_by",
                    "submitted_at",
                    "status_changed_at",
                    "receipt",
                    "export_batch",
                )
            },
        ),
        (_("申請内容"), {"fields": ("submitted_values",)}),
    )
    readonly_fields = ("receipt", "submitted_values")
    inlines = (
        AttachmentInline,
        ApplicationEventInline,
        ApplicantMailInline,
        ApplicationSignatureInline,
    )

    def get_queryset(self, request):
        # Drafts are the applicant's unfinished work; every received
        # application has its first 受付日時 for good.
        return super().get_queryset(request).filter(submitted_at__isnull=False)

    @admin.display(description=_("共済契約者"))
    def holder_name(self, application):
        return application.holder.name

    @admin.display(description=_("経過日数"), ordering="-submitted_at")
    def age(self, application):
        return _("%(days)d日") % {"days": age_in_days(application.submitted_at)}

    @admin.display(description=_("受付票"))
    def receipt(self, application):
        if not application.receipt_pdf:
            return _("作成中です。数分後に再度表示してください。")
        return format_html(
            '<a href="{}">{}</a>',
            reverse("receipt", args=[application.receipt_no]),
            _("受付票（PDF）を開く"),
        )

    @admin.display(description=_("入力された内容"))
    def submitted_values(self, application):
        detail = application.detail
        if detail is None:
            return "—"
        return format_html(
            '<table class="submitted-values">{}</table>',
            format_html_join(
                "",
                '<tr><th scope="row">{}</th><td>{}</td></tr>',
                detail.summary_rows(),
            ),
        )


class MailHandledFilter(admin.SimpleListFilter):
    title = _("処理")
    parameter_name = "handled"

    def lookups(self, request, model_admin):
        return (("no", _("未送信")), ("yes", _("処理済み")))

    def queryset(self, request, queryset):
        if self.value() in ("no", "yes"):
            return queryset.filter(handled_at__isnull=self.value() == "no")
        return queryset


@admin.register(ApplicantMail)
class ApplicantMailAdmin(ReadOnlyAdmin):
    """The mails owed to applicants: operators look here for ones not sent."""

    list_display = ("application", "kind", "status", "created_at", "outcome")
    list_filter = (MailHandledFilter, "kind", "outcome")
    list_select_related = ("application",)
    search_fields = ("=application__receipt_no",)
    search_help_text = _("受付番号は完全一致で検索します。")
    ordering = ("-created_at", "-id")
