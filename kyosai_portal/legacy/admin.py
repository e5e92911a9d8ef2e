"""The batch files exchanged with the legacy core, for clerks to check.

Read-only: the nightly export and the result import write these records.
The detail pages show every field the models have.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kyosai_portal.applications.admin_base import ReadOnlyAdmin
from kyosai_portal.legacy.models import ExportBatch, ResultImport


@admin.register(ExportBatch)
class ExportBatchAdmin(ReadOnlyAdmin):
    list_display = (
        "file_name",
        "scheme",
        "run_date",
        "run_seq",
        "record_count",
        "premium_total",
        "created_at",
    )
    list_filter = ("scheme",)
    search_fields = ("=file_name", "=sha256")
    search_help_text = _("ファイル名・SHA-256は完全一致で検索します。")


@admin.register(ResultImport)
class ResultImportAdmin(ReadOnlyAdmin):
    list_display = ("file_name", "imported_at", "record_count", "applied_count")
    search_fields = ("=file_name", "=sha256")
    search_help_text = _("ファイル名・SHA-256は完全一致で検索します。")
