"""The one table every procedure files into, and its history."""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyosai_portal.applications.procedures import ProcedureId, get_spec
from kyosai_portal.contracts.models import Scheme


class Status(models.TextChoices):
    DRAFT = "draft", _("作成中")
    SUBMITTED = "submitted", _("受付済み（審査待ち）")
    IN_REVIEW = "in_review", _("審査中")
    RETURNED = "returned", _("差戻し（修正をお願いします）")
    ACCEPTED = "accepted", _("審査完了（基幹システムへの送付待ち）")
    EXPORTED = "exported", _("処理中")
    COMPLETED = "completed", _("手続完了")
    REJECTED = "rejected", _("不受理")
    WITHDRAWN = "withdrawn", _("取下げ")


# An application in one of these states still holds its contract: a second
# one of the same procedure for the same contract is refused (T-CHG-5, S-CHG-3).
OPEN_STATUSES = (
    Status.DRAFT,
    Status.SUBMITTED,
    Status.IN_REVIEW,
    Status.RETURNED,
    Status.ACCEPTED,
    Status.EXPORTED,
)


class Channel(models.IntegerChoices):
    # Codes are the legacy interface's `channel`.
    SELF = 1, _("本人がオンラインで申請")
    AGENCY = 2, _("委託機関がオンラインで申請")


class Application(models.Model):
    """One filing of one procedure, from draft to the core's result.

    `status` is written only by `kyosai_portal.applications.workflow`.
    """

    # Unique through Meta.constraints, not unique=True: that would add a
    # second, LIKE-only index, written again by every status change. NULL,
    # not "", before submission: drafts must not collide in that constraint.
    receipt_no = models.CharField(  # noqa: DJ001
        _("受付番号"), max_length=16, null=True, blank=True
    )
    procedure_id = models.PositiveIntegerField(_("手続"), choices=ProcedureId.choices)
    scheme = models.CharField(_("制度"), max_length=1, choices=Scheme.choices)
    status = models.CharField(
        _("状態"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    holder = models.ForeignKey(
        "contracts.ContractHolder",
        verbose_name=_("共済契約者"),
        on_delete=models.PROTECT,
        related_name="applications",
        db_index=False,  # app_holder_created starts with the holder
    )
    contract = models.ForeignKey(
        "contracts.Contract",
        verbose_name=_("共済契約"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    channel = models.PositiveSmallIntegerField(
        _("申請経路"), choices=Channel.choices, default=Channel.SELF
    )
    agency = models.ForeignKey(
        "contracts.Agency",
        verbose_name=_("委託機関"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        db_index=False,  # app_agency, partial
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申請操作者"),
        on_delete=models.PROTECT,
        related_name="filed_applications",
        # Only deleting a user looks applications up by it: not worth an
        # index written by every status change.
        db_index=False,
    )
    created_at = models.DateTimeField(_("作成日時"), default=timezone.now)
    submitted_at = models.DateTimeField(_("受付日時"), null=True, blank=True)
    status_changed_at = models.DateTimeField(_("状態更新日時"), default=timezone.now)
    wizard_step = models.CharField(_("入力中のステップ"), max_length=20, blank=True)
    draft_data = models.JSONField(_("入力途中の内容"), default=dict, blank=True)
    applicant_message = models.CharField(
        _("申請者へのお知らせ"),
        max_length=200,
        blank=True,
        help_text=_("差戻し・不受理の理由など、申請者に表示する最新のメッセージ"),
    )
    export_batch = models.ForeignKey(
        "legacy.ExportBatch",
        verbose_name=_("送付ファイル"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
    )
    receipt_pdf = models.FileField(_("受付票"), upload_to="receipts/%Y/%m/", blank=True)

    class Meta:
        verbose_name = _("申請")
        verbose_name_plural = _("申請")
        permissions = [
            ("review_application", _("申請を審査する（承認・差戻し・不受理）"))
        ]
        ordering = ["-submitted_at", "-id"]
        # Every index is written again whenever a row changes status (status
        # is indexed, so no update is HOT); the export moves a night's
        # acceptances at once. So: no index that a query does not need, and
        # partial ones where the rows moved in bulk need no entry.
        indexes = [
            # The queue's state filter, and the export's claim of accepted
            # rows. Exported and completed rows, the bulk of the table that
            # the export and the result import move, are found fast enough
            # in the queue order; drafts are never listed.
            models.Index(
                fields=["status", "submitted_at"],
                name="app_status_submitted",
                condition=~Q(
                    status__in=[Status.DRAFT, Status.EXPORTED, Status.COMPLETED]
                ),
            ),
            models.Index(fields=["holder", "-created_at"], name="app_holder_created"),
            # An agency's own list; most applications have no agency.
            models.Index(
                fields=["agency"], name="app_agency", condition=Q(agency__isnull=False)
            ),
            # The clerks' queue pages through a million rows in this order.
            models.Index(fields=["-submitted_at", "-id"], name="app_queue_order"),
            models.Index(
                fields=["submitted_at"],
                name="app_receipt_missing",
                condition=Q(receipt_pdf=""),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["receipt_no"], name="app_receipt_no_unique"
            ),
            models.UniqueConstraint(
                fields=["contract", "procedure_id"],
                condition=Q(status__in=OPEN_STATUSES),
                name="one_open_application_per_contract_procedure",
                violation_error_message=_("この契約には手続中の同じ申請があります。"),
            ),
        ]

    def __str__(self):
        return self.receipt_no or _("（受付前）%(pk)s") % {"pk": self.pk}

    @property
    def spec(self):
        return get_spec(self.procedure_id)

    @property
    def resume_url(self):
        return self.spec.resume_url(self)

    @property
    def detail(self):
        """Return this application's procedure detail row, or None before submission.

        Fetched once and kept on the application, like any related object.
        """
        try:
            return getattr(self, self.spec.detail_relation)
        except ObjectDoesNotExist:
            return None


class ApplicationEvent(models.Model):
    """Append-only history of an application: who moved it, when, and why."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="events"
    )
    created_at = models.DateTimeField(_("日時"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作者"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        db_index=False,  # app_event_actor, partial
    )
    from_status = models.CharField(_("変更前"), max_length=10, choices=Status.choices)
    to_status = models.CharField(_("変更後"), max_length=10, choices=Status.choices)
    reason = models.TextField(_("理由"), blank=True)

    class Meta:
        verbose_name = _("申請履歴")
        verbose_name_plural = _("申請履歴")
        ordering = ["created_at", "id"]
        indexes = [
            # Without the export's own events (no actor), a night's worth.
            models.Index(
                fields=["actor"],
                name="app_event_actor",
                condition=Q(actor__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class Attachment(models.Model):
    """A file the applicant or a clerk attached to an application."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(_("ファイル"), upload_to="attachments/%Y/%m/")
    description = models.CharField(_("内容"), max_length=100)
    uploaded_at = models.DateTimeField(_("登録日時"), default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, verbose_name=_("登録者")
    )

    class Meta:
        verbose_name = _("添付書類")
        verbose_name_plural = _("添付書類")

    def __str__(self):
        return self.description


class ReceiptCounter(models.Model):
    """The last 受付番号 serial issued for a scheme on a day (JST)."""

    scheme = models.CharField(max_length=1, choices=Scheme.choices)
    day = models.DateField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "day"], name="one_counter_per_scheme_day"
            )
        ]

    def __str__(self):
        return f"{self.scheme}{self.day:%Y%m%d} {self.last_serial}"


class MailKind(models.TextChoices):
    RECEIVED = "received", _("受付のお知らせ")
    STATUS_CHANGED = "status", _("状況変更のお知らせ")


class MailOutcome(models.TextChoices):
    SENT = "sent", _("送信済み")
    NOT_NEEDED = "not_needed", _("不要（申請の状況が変わったため）")
    NO_ADDRESS = "no_address", _("宛先なし")


class ApplicantMail(models.Model):
    """A mail owed to the applicant, written in the transaction that owes it.

    Kept until handled (kyosai_portal.applications.mail_outbox): a broker
    outage delays a mail but never loses it, and a task run twice sends once.
    """

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="mails"
    )
    kind = models.CharField(_("種類"), max_length=10, choices=MailKind.choices)
    # The state the mail tells of; a mail about a state left since is not sent.
    status = models.CharField(
        _("お知らせする状況"), max_length=10, choices=Status.choices
    )
    created_at = models.DateTimeField(_("作成日時"), default=timezone.now)
    handled_at = models.DateTimeField(_("処理日時"), null=True, blank=True)
    outcome = models.CharField(
        _("結果"), max_length=10, choices=MailOutcome.choices, blank=True
    )

    class Meta:
        verbose_name = _("申請者へのメール")
        verbose_name_plural = _("申請者へのメール")
        indexes = [
            # The sweep's question; handled mails, nearly all, stay out of it.
            models.Index(
                fields=["created_at"],
                name="applicant_mail_unhandled",
                condition=Q(handled_at__isnull=True),
            )
        ]

    def __str__(self):
        return f"{self.application} {self.get_kind_display()}"
