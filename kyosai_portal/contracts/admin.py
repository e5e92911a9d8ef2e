"""Members, contracts and agencies as the clerks look them up (read-only).

The legacy core owns these records; the portal only mirrors them, so admin
shows them and never edits them. Agency staff members are the portal's own:
a superuser links a user to its agency here.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from kyosai_portal.applications.admin_base import ReadOnlyAdmin
from kyosai_portal.contracts.models import (
    Agency,
    AgencyStaffMember,
    Contract,
    ContractHolder,
)


@admin.register(ContractHolder)
class ContractHolderAdmin(ReadOnlyAdmin):
    list_display = ("name", "name_kana", "kind", "corporate_no", "representative")
    list_filter = ("kind",)
    search_fields = ("=corporate_no", "=gbizid_account_no", "name", "name_kana")
    search_help_text = _(
        "法人番号・GビズID管理番号は完全一致、名称・フリガナは部分一致で検索します。"
    )
    ordering = ("-id",)
    sortable_by = ()


@admin.register(Contract)
class ContractAdmin(ReadOnlyAdmin):
    list_display = (
        "contract_no",
        "scheme",
        "holder",
        "status",
        "monthly_premium",
        "months_paid",
        "started_on",
    )
    list_filter = ("scheme", "status")
    search_fields = (
        "=contract_no",
        "=holder__corporate_no",
        "holder__name",
        "holder__name_kana",
    )
    search_help_text = _(
        "共済契約番号・法人番号は完全一致、共済契約者の名称・フリガナは"
        "部分一致で検索します。"
    )
    list_select_related = ("holder",)
    ordering = ("-id",)
    sortable_by = ("contract_no",)


@admin.register(Agency)
class AgencyAdmin(ReadOnlyAdmin):
    list_display = ("code", "name")
    search_fields = ("=code", "name")
    search_help_text = _("委託機関コードは完全一致、名称は部分一致で検索します。")
    ordering = ("code",)


@admin.register(AgencyStaffMember)
class AgencyStaffMemberAdmin(admin.ModelAdmin):
    list_display = ("user", "agency")
    list_select_related = ("user", "agency")
    search_fields = ("user__username", "=agency__code", "agency__name")
    search_help_text = _(
        "ユーザー名・委託機関の名称は部分一致、委託機関コードは完全一致で検索します。"
    )
    autocomplete_fields = ("user", "agency")
    ordering = ("agency__code", "user__username")
