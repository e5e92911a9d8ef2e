"""Write fewer index entries when applications change status.

Status is indexed, so every status change writes a new entry into every
index of the table; the nightly export moves all acceptances at once. This
drops the indexes no query needs (holder: app_holder_created starts with it;
filed_by; procedure_id+status; the LIKE twin of receipt_no's unique index)
and makes partial the ones the bulk moves need no entry in (status without
exported/completed/draft rows, agency and event actor without NULLs).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0003_holder_name_trigram"),
        ("contracts", "0003_agency_staff_member"),
        ("legacy", "0002_exportbatch_written_at"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="application",
            name="app_status_submitted",
        ),
        migrations.RemoveIndex(
            model_name="application",
            name="app_procedure_status",
        ),
        migrations.AlterField(
            model_name="application",
            name="agency",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                to="contracts.agency",
                verbose_name="委託機関",
            ),
        ),
        migrations.AlterField(
            model_name="application",
            name="filed_by",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="filed_applications",
                to=settings.AUTH_USER_MODEL,
                verbose_name="申請操作者",
            ),
        ),
        migrations.AlterField(
            model_name="application",
            name="holder",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="applications",
                to="contracts.contractholder",
                verbose_name="共済契約者",
            ),
        ),
        migrations.AlterField(
            model_name="application",
            name="receipt_no",
            field=models.CharField(
                blank=True, max_length=16, null=True, verbose_name="受付番号"
            ),
        ),
        migrations.AlterField(
            model_name="applicationevent",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                to=settings.AUTH_USER_MODEL,
                verbose_name="操作者",
            ),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                condition=models.Q(
                    ("status__in", ["draft", "exported", "completed"]), _negated=True
                ),
                fields=["status", "submitted_at"],
                name="app_status_submitted",
            ),
        ),
        migrations.AddIndex(
            model_name="application",
            index=models.Index(
                condition=models.Q(("agency__isnull", False)),
                fields=["agency"],
                name="app_agency",
            ),
        ),
        migrations.AddIndex(
            model_name="applicationevent",
            index=models.Index(
                condition=models.Q(("actor__isnull", False)),
                fields=["actor"],
                name="app_event_actor",
            ),
        ),
        migrations.AddConstraint(
            model_name="application",
            constraint=models.UniqueConstraint(
                fields=("receipt_no",), name="app_receipt_no_unique"
            ),
        ),
    ]
