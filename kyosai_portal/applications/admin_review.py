"""The clerks' decision pages and bulk actions on the application admin.

One application: the change page links to a small form per decision
(`<id>/decide/<accept|return|reject>/`), posted with CSRF. Several: three
changelist actions with a confirmation page asking for the one reason that
applies to all. Both need the `review_application` permission; a reader who
posts by hand gets 403.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kyosai_portal.applications import workflow
from kyosai_portal.applications.admin_decisions import (
    ACCEPT,
    DECISIONS,
    REJECT,
    RETURN,
    REVIEWABLE,
    DecisionForm,
    decide,
    decide_many,
)

# A bulk decision runs one transaction per application; past this many the
# clerk narrows the list first instead of waiting on one long request.
MAX_BULK_DECISIONS = 500
# How many refused receipt numbers the report names before summing up.
MAX_REFUSALS_LISTED = 10


class ReviewAdminMixin:
    """Add the decision views and actions to the application ModelAdmin."""

    decision_template = "admin/applications/application/decision.html"
    bulk_decision_template = "admin/applications/application/bulk_decision.html"
    actions = ["accept_selected", "return_selected", "reject_selected"]

    def has_review_permission(self, request, obj=None):
        """Return whether the user may accept, return and reject applications."""
        return request.user.has_perm("applications.review_application")

    def get_urls(self):
        decide_url = path(
            "<path:object_id>/decide/<slug:slug>/",
            self.admin_site.admin_view(self.decision_view),
            name=self._url_name("decide"),
        )
        return [decide_url, *super().get_urls()]

    def render_change_form(self, request, context, *args, obj=None, **kwargs):
        if obj is not None and self._can_decide_on(request, obj):
            context["decision_links"] = [
                (decision, self._decision_url(obj, decision))
                for decision in DECISIONS.values()
            ]
        return super().render_change_form(request, context, *args, obj=obj, **kwargs)

    def decision_view(self, request, object_id, slug):
        """Show one decision's form; on POST apply it and go back to the page."""
        decision = DECISIONS.get(slug)
        if decision is None:
            raise Http404
        if not self.has_review_permission(request):
            raise PermissionDenied
        application = self.get_object(request, unquote(object_id))
        if application is None:
            raise Http404
        change_url = reverse(
            "admin:" + self._url_name("change"),
            args=[application.pk],
            current_app=self.admin_site.name,
        )

        posted = request.method == "POST"
        form = DecisionForm(decision, request.POST if posted else None)
        if posted:
            if form.is_valid():
                self._decide_one(request, application, decision, form)
                return redirect(change_url)
            messages.error(
                request,
                _("%(decision)sは行っていません。入力欄の指摘を確認してください。")
                % {"decision": decision.label},
            )

        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("%(decision)s：受付番号 %(receipt_no)s")
            % {"decision": decision.label, "receipt_no": application.receipt_no},
            "application": application,
            "decision": decision,
            "form": form,
            "cancel_url": change_url,
        }
        return TemplateResponse(request, self.decision_template, context)

    def changelist_view(self, request, extra_context=None):
        # Django hides the actions a user may not run and, when one is posted
        # anyway, shows the list again; a decision posted by hand by a reader
        # is refused outright instead.
        posted = request.POST.get("action") if request.method == "POST" else None
        if posted in self.actions and not self.has_review_permission(request):
            raise PermissionDenied
        return super().changelist_view(request, extra_context)

    @admin.action(
        description=gettext_lazy("選択した申請を承認する"), permissions=["review"]
    )
    def accept_selected(self, request, queryset):
        return self._decide_selected(request, queryset, ACCEPT, "accept_selected")

    @admin.action(
        description=gettext_lazy("選択した申請を差し戻す"), permissions=["review"]
    )
    def return_selected(self, request, queryset):
        return self._decide_selected(request, queryset, RETURN, "return_selected")

    @admin.action(
        description=gettext_lazy("選択した申請を不受理とする"), permissions=["review"]
    )
    def reject_selected(self, request, queryset):
        return self._decide_selected(request, queryset, REJECT, "reject_selected")

    def _url_name(self, view):
        return f"{self.opts.app_label}_{self.opts.model_name}_{view}"

    def _can_decide_on(self, request, application):
        return application.status in REVIEWABLE and self.has_review_permission(request)

    def _decision_url(self, application, decision):
        return reverse(
            "admin:" + self._url_name("decide"),
            args=[application.pk, decision.slug],
            current_app=self.admin_site.name,
        )

    def _decide_one(self, request, application, decision, form):
        try:
            decide(
                application,
                decision,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except workflow.TransitionError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, decision.done_message % {"receipt_no": application.receipt_no}
            )

    def _decide_selected(self, request, queryset, decision, action):
        selected = list(
            queryset.select_related("holder").order_by("submitted_at", "pk")[
                : MAX_BULK_DECISIONS + 1
            ]
        )
        if len(selected) > MAX_BULK_DECISIONS:
            messages.error(
                request,
                _(
                    "一度に審査できるのは%(limit)d件までです。"
                    "絞り込みや検索で対象を減らしてから選択してください。"
                )
                % {"limit": MAX_BULK_DECISIONS},
            )
            return None

        confirmed = request.POST.get("confirm") == "yes"
        form = DecisionForm(decision, request.POST if confirmed else None)
        if confirmed and form.is_valid():
            moved, refused = decide_many(
                selected,
                decision,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
            _report(request, decision, moved, refused)
            return None

        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("選択した申請の%(decision)s") % {"decision": decision.label},
            "decision": decision,
            "form": form,
            "action": action,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "cancel_url": reverse(
                "admin:" + self._url_name("changelist"),
                current_app=self.admin_site.name,
            ),
            "rows": [
                (application, application.status in REVIEWABLE)
                for application in selected
            ],
        }
        return TemplateResponse(request, self.bulk_decision_template, context)


def _report(request, decision, moved, refused):
    if moved:
        messages.success(request, decision.bulk_done_message % {"count": len(moved)})
    if not refused:
        return

    listed = [
        _("%(receipt_no)s（%(reason)s）") % {"receipt_no": no, "reason": reason}
        for no, reason in refused[:MAX_REFUSALS_LISTED]
    ]
    if len(refused) > MAX_REFUSALS_LISTED:
        listed.append(
            _("ほか%(more)d件") % {"more": len(refused) - MAX_REFUSALS_LISTED}
        )
    messages.warning(
        request,
        _("次の%(count)d件は変更できませんでした：%(list)s")
        % {"count": len(refused), "list": "、".join(listed)},
    )
