"""What every procedure's wizard shares: drafts kept server-side, one submission.

A draft is the Application row itself in status `draft` (or `returned`, when
the applicant corrects it): each step's cleaned input is saved into
`draft_data` as soon as it validates, so a closed browser or an expired
session loses nothing. Submitting locks the row, so a double click, the back
button or a second tab produce exactly one submission.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.http import Http404

from kyosai_portal.applications import workflow
from kyosai_portal.applications.access import applicant_owns
from kyosai_portal.applications.models import OPEN_STATUSES, Application, Status

EDITABLE_STATUSES = (Status.DRAFT, Status.RETURNED)


@dataclass(frozen=True)
class Step:
    """One page of a wizard: its URL name suffix, label and form."""

    name: str
    label: str
    form_class: type | None = None


def step_indicator(steps, current_name, draft_data):
    """Return the steps as dicts for templates/includes/steps.html."""
    return [
        {
            "label": step.label,
            "current": step.name == current_name,
            "done": step.name in draft_data and step.name != current_name,
        }
        for step in steps
    ]


def first_missing_step(steps, draft_data):
    """Return the first step whose input the draft does not have yet, or None."""
    for step in steps:
        if step.form_class is not None and step.name not in draft_data:
            return step
    return None


def open_application_for(contract, procedure_id):
    """Return the application of this procedure still open for `contract`, if any."""
    return Application.objects.filter(
        contract=contract, procedure_id=procedure_id, status__in=OPEN_STATUSES
    ).first()


def start_draft(user, spec, contract):
    """Return (application, created): a new draft, or the one already open.

    The database's partial unique index decides races between two tabs.
    """
    existing = open_application_for(contract, spec.id)
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            return (
                Application.objects.create(
                    procedure_id=spec.id,
                    scheme=spec.scheme,
                    holder=contract.holder,
                    contract=contract,
                    filed_by=user,
                ),
                True,
            )
    except IntegrityError:
        return open_application_for(contract, spec.id), False


def get_editable_draft(user, pk, procedure_id):
    """Return the user's own draft or returned application `pk`, else 404."""
    try:
        return Application.objects.select_related("contract").get(
            applicant_owns(user), pk=pk, procedure_id=procedure_id
        )
    except Application.DoesNotExist as missing:
        raise Http404 from missing


def save_step(application, step_name, data):
    """Store one step's JSON-ready input on the draft."""
    application.draft_data[step_name] = data
    application.wizard_step = step_name
    application.save(update_fields=["draft_data", "wizard_step"])


def submit(application, user, build_detail):
    """Submit the draft once; return the application, submitted or already so.

    `build_detail(locked_application)` validates the whole draft against the
    rules and writes the procedure's detail row; it raises ValidationError
    to refuse. Run in one transaction with the row locked.
    """
    with transaction.atomic():
        locked = (
            Application.objects.select_related("contract")
            .select_for_update(of=("self",))
            .get(pk=application.pk)
        )
        if locked.status not in EDITABLE_STATUSES:
            return locked
        build_detail(locked)
        return workflow.transition_locked(locked, Status.SUBMITTED, actor=user)
