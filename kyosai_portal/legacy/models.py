"""Records of the batch files exchanged with the legacy core."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyosai_portal.contracts.models import Scheme


class ExportBatch(models.Model):
    """One export `.DAT` file: which run wrote it and what it contained."""

    scheme = models.CharField(_("制度"), max_length=1, choices=Scheme.choices)
    run_date = models.DateField(_("作成日（JST）"))
    run_seq = models.PositiveSmallIntegerField(_("当日の回次"))
    created_at = models.DateTimeField(_("作成日時"), default=timezone.now)
    file_name = models.CharField(_("ファイル名"), max_length=20, unique=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    record_count = models.PositiveIntegerField(_("件数"), default=0)
    premium_total = models.PositiveBigIntegerField(_("掛金合計"), default=0)
    # Set once the .DAT and its .END are in place; until then the next run
    # finishes the file (the claim and the file are not one atomic step).
    written_at = models.DateTimeField(_("ファイル出力日時"), null=True, blank=True)

    class Meta:
        verbose_name = _("送付ファイル")
        verbose_name_plural = _("送付ファイル")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "run_date", "run_seq"],
                name="one_batch_per_scheme_run",
            )
        ]

    def __str__(self):
        return self.file_name


class ResultImport(models.Model):
    """One result file from the core that was applied (all or nothing)."""

    file_name = models.CharField(_("ファイル名"), max_length=20)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    imported_at = models.DateTimeField(_("取込日時"), default=timezone.now)
    record_count = models.PositiveIntegerField(_("件数"))
    applied_count = models.PositiveIntegerField(_("反映件数"))
    report = models.TextField(_("報告"), blank=True)

    class Meta:
        verbose_name = _("結果ファイル取込")
        verbose_name_plural = _("結果ファイル取込")
        ordering = ["-imported_at"]

    def __str__(self):
        return self.file_name
