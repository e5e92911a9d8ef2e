"""A clerk's three decisions on an application: 承認, 差戻し, 不受理.

The admin's buttons and bulk actions both come here; the state machine
itself stays in `workflow`, which this module only calls.
"""

from dataclasses import dataclass

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from kyosai_portal.applications import workflow
from kyosai_portal.applications.models import Application, Status

# Clerks decide on applications under review. Later states belong to the
# legacy core's result file, even where the state machine allows the move.
REVIEWABLE = (Status.SUBMITTED, Status.IN_REVIEW)


@dataclass(frozen=True)
class Decision:
    """One of the three decisions: its target state and the words around it."""

    slug: str
    status: Status
    label: str
    submit_label: str
    reason_label: str
    done_message: str
    bulk_done_message: str

    @property
    def reason_required(self):
        return self.status in workflow.REASON_REQUIRED


ACCEPT = Decision(
    slug="accept",
    status=Status.ACCEPTED,
    label=_("承認"),
    submit_label=_("承認する"),
    reason_label=_("備考（任意・履歴に残ります）"),
    done_message=_("受付番号 %(receipt_no)s の申請を承認しました。"),
    bulk_done_message=_("%(count)d件の申請を承認しました。"),
)
RETURN = Decision(
    slug="return",
    status=Status.RETURNED,
    label=_("差戻し"),
    submit_label=_("差し戻す"),
    reason_label=_("差戻しの理由（申請者に表示されます）"),
    done_message=_("受付番号 %(receipt_no)s の申請を差し戻しました。"),
    bulk_done_message=_("%(count)d件の申請を差し戻しました。"),
)
REJECT = Decision(
    slug="reject",
    status=Status.REJECTED,
    label=_("不受理"),
    submit_label=_("不受理とする"),
    reason_label=_("不受理の理由（申請者に表示されます）"),
    done_message=_("受付番号 %(receipt_no)s の申請を不受理としました。"),
    bulk_done_message=_("%(count)d件の申請を不受理としました。"),
)
DECISIONS = {decision.slug: decision for decision in (ACCEPT, RETURN, REJECT)}


# Long enough for a note; the reasons an applicant reads are bounded by
# applicant_message below.
NOTE_MAX_LENGTH = 1_000


class DecisionForm(forms.Form):
    """The reason (差戻し, 不受理) or optional note (承認) of one decision."""

    def __init__(self, decision, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"] = _reason_field(decision)


def _reason_field(decision):
    textarea = forms.Textarea(attrs={"rows": 4, "cols": 60})
    if not decision.reason_required:
        return forms.CharField(
            label=decision.reason_label,
            required=False,
            max_length=NOTE_MAX_LENGTH,
            widget=textarea,
        )

    # The applicant reads the reason as applicant_message.
    limit = Application._meta.get_field("applicant_message").max_length
    return forms.CharField(
        label=decision.reason_label,
        max_length=limit,
        widget=textarea,
        help_text=_(
            "申請者が読んで直せるように、何をどう直せばよいかを%(limit)d字以内で"
            "書いてください。"
        )
        % {"limit": limit},
        error_messages={
            "required": _(
                "%(decision)sの理由を入力してください。理由は申請者に表示されます。"
            )
            % {"decision": decision.label}
        },
    )


def decide(application, decision, *, actor, reason=""):
    """Apply `decision` to `application` for `actor`; return the updated row.

    A submitted application first moves into review. Both moves happen in
    one transaction, so a refused decision leaves the application as it was.
    Raise workflow.TransitionError when the application cannot be decided.
    """
    with transaction.atomic():
        locked = Application.objects.select_for_update().get(pk=application.pk)
        if locked.status not in REVIEWABLE:
            raise workflow.TransitionError(
                _(
                    "「%(status)s」の申請は審査できません。"
                    "審査できるのは受付済み・審査中の申請です。"
                )
                % {"status": locked.get_status_display()}
            )
        workflow.start_review_if_needed(locked, actor)
        return workflow.transition(locked, decision.status, actor=actor, reason=reason)


def decide_many(applications, decision, *, actor, reason=""):
    """Apply `decision` to each application on its own.

    Return (moved, refused): the receipt numbers that moved, and pairs of
    receipt number and the reason the others could not.
    """
    moved, refused = [], []
    for application in applications:
        try:
            decide(application, decision, actor=actor, reason=reason)
        except workflow.TransitionError as error:
            refused.append((application.receipt_no, str(error)))
        else:
            moved.append(application.receipt_no)
    return moved, refused
