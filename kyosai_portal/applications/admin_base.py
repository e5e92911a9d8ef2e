"""The base of every admin the clerks use: read-only and fast on large tables.

Clerks look at members, contracts, batch files and applications; nobody
edits them in admin (applications move only through `workflow`, the rest
comes from the legacy core). The tables reach a million rows, so the
changelists count with an estimate and search on indexes.
"""

from django.contrib import admin

from kyosai_portal.applications.admin_paginator import EstimatedCountPaginator
from kyosai_portal.applications.admin_search import search_by_fields


class NoWritesMixin:
    """Refuse add, change and delete to everyone, superusers included."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(NoWritesMixin, admin.ModelAdmin):
    """Show rows read-only, estimate large counts, search on indexes."""

    paginator = EstimatedCountPaginator
    show_full_result_count = False

    def get_search_results(self, request, queryset, search_term):
        fields = self.get_search_fields(request)
        if not (fields and search_term.strip()):
            return queryset, False
        return search_by_fields(queryset, fields, search_term), False


class ReadOnlyInline(NoWritesMixin, admin.TabularInline):
    """Rows listed under their parent, never added, changed or deleted."""

    extra = 0
    can_delete = False
