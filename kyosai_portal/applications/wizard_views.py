"""The request handling every procedure wizard shares.

A procedure supplies a `Wizard`: its steps, how to build each step's form,
and how to turn a complete draft into its detail row. The views here do the
rest: ownership, step order, saving drafts, confirmation and submission.
"""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from auth_mynumber_gbiz.signing.channel import allow_signing_redirects
from auth_mynumber_gbiz.signing.errors import SigningFailed
from kyosai_portal.applications import signed_submission
from kyosai_portal.applications import wizard as drafts
from kyosai_portal.applications.access import holder_of
from kyosai_portal.applications.procedures import ProcedureSpec

logger = logging.getLogger(__name__)


class StepInvalid(Exception):
    """The saved input of a step no longer passes the rules (re-checked on submit)."""

    def __init__(self, step_name, errors):
        super().__init__(step_name)
        self.step_name = step_name
        self.errors = errors


@dataclass(frozen=True)
class Wizard:
    """One procedure's wizard, as the shared views need it."""

    spec: ProcedureSpec
    url_prefix: str  # e.g. "maintenance:t_premium_change"
    steps: tuple[drafts.Step, ...]
    form_kwargs: Callable  # (step_name, application) -> dict
    draft_detail: Callable  # (application) -> unsaved detail model instance
    step_context: Callable = lambda step_name, application: {}
    # The holder signs with their マイナンバーカード before it is submitted.
    requires_signature: bool = False

    def step(self, name):
        for step in self.steps:
            if step.name == name:
                return step
        raise Http404

    def step_url(self, application, step_name):
        return reverse(f"{self.url_prefix}_step", args=[application.pk, step_name])

    def confirm_url(self, application):
        return reverse(f"{self.url_prefix}_confirm", args=[application.pk])

    def signed_url(self, application):
        return reverse(f"{self.url_prefix}_signed", args=[application.pk])

    def all_steps(self):
        return (
            (drafts.Step("contract", _("契約の選択")),)
            + self.steps
            + (drafts.Step("confirm", _("確認・送信")),)
        )

    def indicator(self, application, current):
        done = dict(application.draft_data, contract=True)
        return drafts.step_indicator(self.all_steps(), current, done)

    def indicator_for_start(self):
        return drafts.step_indicator(self.all_steps(), "contract", {})

    def bound_form(self, step, application):
        """Return the step's form bound to its saved input, to re-check it."""
        saved = application.draft_data.get(step.name, {})
        data = {
            key: "" if value is None else str(value) for key, value in saved.items()
        }
        return step.form_class(data, **self.form_kwargs(step.name, application))

    def recheck(self, application):
        """Re-validate every saved step in order; raise StepInvalid on the first failure."""
        for step in self.steps:
            form = self.bound_form(step, application)
            if not form.is_valid():
                raise StepInvalid(step.name, form.errors)


@login_required
def start_view(request, wizard, contract_form_class):
    """Choose the contract; open a new draft for it or resume the open one."""
    holder = holder_of(request.user)
    if holder is None:
        return render(request, "applications/no_contract.html", status=403)

    form = contract_form_class(request.POST or None, holder=holder)
    if request.method == "POST" and form.is_valid():
        contract = form.cleaned_data["contract"]
        application, created = drafts.start_draft(request.user, wizard.spec, contract)
        if application.status not in drafts.EDITABLE_STATUSES:
            messages.error(
                request,
                _(
                    "この契約には手続中の申請（受付番号 %(no)s）があります。"
                    "その手続が終わるまで、新しい申請はできません。"
                )
                % {"no": application.receipt_no},
            )
            return redirect("applications:status", receipt_no=application.receipt_no)
        if not created:
            messages.info(
                request, _("作成中の申請があります。保存済みの内容から再開します。")
            )
        first = drafts.first_missing_step(wizard.steps, application.draft_data)
        if first is None:
            return redirect(wizard.confirm_url(application))
        return redirect(wizard.step_url(application, first.name))

    return render(
        request,
        "applications/wizard_start.html",
        {"wizard": wizard, "form": form, "steps": wizard.indicator_for_start()},
    )


def _redirect_if_not_editable(wizard, application):
    if application.status in drafts.EDITABLE_STATUSES:
        return None
    return redirect("applications:status", receipt_no=application.receipt_no)


@login_required
def step_view(request, wizard, pk, step_name):
    """Show one step of a draft, or save it and go on to the next."""
    application = drafts.get_editable_draft(request.user, pk, wizard.spec.id)
    if response := _redirect_if_not_editable(wizard, application):
        messages.info(
            request, _("この申請は送信済みです。現在の状況を表示しています。")
        )
        return response
    step = wizard.step(step_name)
    index = wizard.steps.index(step)
    missing = drafts.first_missing_step(wizard.steps[:index], application.draft_data)
    if missing:
        return redirect(wizard.step_url(application, missing.name))

    form_kwargs = wizard.form_kwargs(step.name, application)
    if request.method == "POST":
        form = step.form_class(request.POST, **form_kwargs)
        if form.is_valid():
            drafts.save_step(application, step.name, form.to_draft())
            if index + 1 < len(wizard.steps):
                return redirect(
                    wizard.step_url(application, wizard.steps[index + 1].name)
                )
            return redirect(wizard.confirm_url(application))
    else:
        form = step.form_class(
            initial=application.draft_data.get(step.name), **form_kwargs
        )

    context = {
        "wizard": wizard,
        "application": application,
        "step": step,
        "form": form,
        "steps": wizard.indicator(application, step.name),
        "back_url": wizard.step_url(application, wizard.steps[index - 1].name)
        if index
        else None,
    }
    context.update(wizard.step_context(step.name, application))
    return render(request, "applications/wizard_step.html", context)


@login_required
def confirm_view(request, wizard, pk):
    """Show the whole draft for a last check; on POST submit it exactly once."""
    application = drafts.get_editable_draft(request.user, pk, wizard.spec.id)
    if response := _redirect_if_not_editable(wizard, application):
        return response
    missing = drafts.first_missing_step(wizard.steps, application.draft_data)
    if missing:
        return redirect(wizard.step_url(application, missing.name))

    if request.method == "POST" and wizard.requires_signature:
        return _start_signing(request, wizard, application)
    if request.method == "POST":
        try:
            submitted = drafts.submit(
                application, request.user, lambda locked: _save_detail(wizard, locked)
            )
        except StepInvalid as invalid:
            return _step_invalid(request, wizard, application, invalid)
        return _submitted(request, submitted)

    detail = wizard.draft_detail(application)
    response = render(
        request,
        "applications/wizard_confirm.html",
        {
            "wizard": wizard,
            "application": application,
            "rows": detail.summary_rows(),
            "steps": wizard.indicator(application, "confirm"),
            "back_url": wizard.step_url(application, wizard.steps[-1].name),
            "step_links": [
                (step.label, wizard.step_url(application, step.name))
                for step in wizard.steps
            ],
            **wizard.step_context("confirm", application),
        },
    )
    return allow_signing_redirects(response) if wizard.requires_signature else response


@login_required
def signed_view(request, wizard, pk):
    """Submit the draft once its holder's signature came back and verified.

    A GET that submits: the app sends the browser back here by redirect. The
    signing state in the query, secret, bound to this session and single
    use, stands in for the CSRF token.
    """
    application = drafts.get_editable_draft(request.user, pk, wizard.spec.id)
    if response := _redirect_if_not_editable(wizard, application):
        return response
    try:
        signed, result = signed_submission.verified_signature(request, application)

        def save_signed_detail(locked):
            _save_detail(wizard, locked)
            signed_submission.record(locked, wizard, signed, result)

        submitted = drafts.submit(application, request.user, save_signed_detail)
    except signed_submission.SignatureRefused as refused:
        logger.warning(
            "signature refused for application %s: %s", application.pk, refused.reason
        )
        messages.error(request, refused.message)
        return redirect(wizard.confirm_url(application))
    except StepInvalid as invalid:
        return _step_invalid(request, wizard, application, invalid)
    return _submitted(request, submitted)


def _start_signing(request, wizard, application):
    try:
        wizard.recheck(application)
        return signed_submission.start(request, wizard, application)
    except StepInvalid as invalid:
        return _step_invalid(request, wizard, application, invalid)
    except SigningFailed as failure:
        messages.error(request, failure.message)
        return redirect(wizard.confirm_url(application))


def _step_invalid(request, wizard, application, invalid):
    for field_errors in invalid.errors.values():
        for error in field_errors:
            messages.error(request, error)
    return redirect(wizard.step_url(application, invalid.step_name))


def _submitted(request, submitted):
    messages.success(
        request,
        _("申請を受け付けました。受付番号は %(no)s です。")
        % {"no": submitted.receipt_no},
    )
    return redirect("applications:status", receipt_no=submitted.receipt_no)


def _save_detail(wizard, application):
    wizard.recheck(application)
    detail = wizard.draft_detail(application)
    model = type(detail)
    # One upsert: a resubmission (after 差戻し) replaces its earlier values.
    model.objects.bulk_create(
        [detail],
        update_conflicts=True,
        unique_fields=["application"],
        update_fields=[
            field.name
            for field in model._meta.concrete_fields
            if field.name not in ("id", "application")
        ],
    )


def wizard_urls(path_prefix, wizard, contract_form_class):
    """Return the start, confirm and step URLs of one procedure's wizard."""
    name = wizard.url_prefix.split(":", 1)[1]
    return [
        path(
            f"{path_prefix}/",
            start_view,
            {"wizard": wizard, "contract_form_class": contract_form_class},
            name=f"{name}_start",
        ),
        path(
            f"{path_prefix}/<int:pk>/confirm/",
            confirm_view,
            {"wizard": wizard},
            name=f"{name}_confirm",
        ),
        path(
            f"{path_prefix}/<int:pk>/signed/",
            signed_view,
            {"wizard": wizard},
            name=f"{name}_signed",
        ),
        path(
            f"{path_prefix}/<int:pk>/<slug:step_name>/",
            step_view,
            {"wizard": wizard},
            name=f"{name}_step",
        ),
    ]
