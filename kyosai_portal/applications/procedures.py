"""The nine procedures: ids, schemes, families and their detail models.

Ids are the government plan's and the legacy interface's `procedure_id`.
Each procedure keeps its typed fields in a detail model of its family app;
the shared core reaches it only through `ProcedureDetail`'s interface.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ProcedureId(models.IntegerChoices):
    S_ENROLLMENT = 26845, _("小規模企業共済 契約の申込み")
    S_ACCOUNT_TRANSFER = 26849, _("小規模企業共済 掛金の口座振替手続き")
    S_MONTHS_AGGREGATION = 26855, _("小規模企業共済 掛金納付月数の通算申出")
    S_PREMIUM_CHANGE = 26847, _("小規模企業共済 掛金月額変更の申込み")
    S_BENEFIT_CLAIM = 26850, _("小規模企業共済 共済金の請求")
    S_CANCELLATION_REFUND = 26852, _("小規模企業共済 解約手当金の請求")
    T_ENROLLMENT = 26790, _("倒産防止共済 契約の申込み")
    T_PREMIUM_CHANGE = 26766, _("倒産防止共済 掛金月額変更の申込み")
    T_CANCELLATION_REFUND = 26778, _("倒産防止共済 解約手当金の請求")


@dataclass(frozen=True)
class ProcedureSpec:
    """What the shared core needs to know about one procedure."""

    id: int
    scheme: str
    detail_model: str
    url_prefix: str  # the wizard's URL names: <prefix>_start, _step, _confirm

    @property
    def title(self):
        return ProcedureId(self.id).label

    def start_url(self):
        return reverse(f"{self.url_prefix}_start")

    def resume_url(self, application):
        """Return where the applicant continues a draft or corrects a returned one."""
        return reverse(f"{self.url_prefix}_confirm", args=[application.pk])

    def get_detail_model(self):
        """Return the detail model class of this procedure."""
        return apps.get_model(self.detail_model)

    @property
    def detail_relation(self):
        """Return the name under which an Application reaches its detail row."""
        return self.get_detail_model()._meta.model_name


_SPECS = {
    spec.id: spec
    for spec in (
        ProcedureSpec(
            ProcedureId.S_PREMIUM_CHANGE,
            "S",
            "maintenance.SmallBusinessPremiumChange",
            "maintenance:s_premium_change",
        ),
        ProcedureSpec(
            ProcedureId.T_PREMIUM_CHANGE,
            "T",
            "maintenance.SafetyNetPremiumChange",
            "maintenance:t_premium_change",
        ),
    )
}


def get_spec(procedure_id):
    """Return the spec of an implemented procedure; KeyError for the others."""
    return _SPECS[int(procedure_id)]


def implemented_specs():
    """Return the specs of every procedure the portal accepts online."""
    return list(_SPECS.values())


class ProcedureDetail(models.Model):
    """Base of every procedure's typed detail model (one-to-one with Application).

    The receipt, the admin detail page and the legacy export use only the three
    methods below, so a new procedure needs no change to them.
    """

    application = models.OneToOneField(
        "applications.Application",
        on_delete=models.CASCADE,
        # The model's own name: `ProcedureSpec.detail_relation` relies on it.
        related_name="%(class)s",
        verbose_name=_("申請"),
    )

    class Meta:
        abstract = True

    def summary_rows(self):
        """Return (label, value) pairs shown on the receipt, admin and confirm page."""
        raise NotImplementedError

    def legacy_fields(self):
        """Return the procedure area's field values keyed by LEGACY_INTERFACE.md name."""
        raise NotImplementedError

    def premium_for_total(self):
        """Return the yen this record adds to the export trailer's premium_total."""
        return 0

    def on_accepted(self, accepted_on):
        """Fix what acceptance decides (e.g. the month a change applies from)."""
