"""`manage.py export_legacy`: write the export files now, or rewrite one."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kyosai_portal.legacy import export
from kyosai_portal.legacy.export_records import ExportRecordError


class Command(BaseCommand):
    help = _(
        "審査完了の申請を基幹システムへの送付ファイルに書き出します。"
        "--rewrite では記録済みの送付ファイルを作り直し、SHA-256を照合します。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--rewrite",
            metavar="FILE_NAME",
            help=_("作り直す送付ファイル名（例: KYOT2026120301.DAT）"),
        )

    def handle(self, *args, rewrite=None, **options):
        try:
            if rewrite:
                batches = [export.rewrite_batch(rewrite)]
            else:
                batches = export.export_accepted_applications()
        except (export.ExportError, ExportRecordError) as error:
            raise CommandError(str(error)) from error

        for batch in batches:
            self.stdout.write(
                _("%(name)s: %(count)d件 SHA-256 %(sha)s")
                % {
                    "name": batch.file_name,
                    "count": batch.record_count,
                    "sha": batch.sha256,
                }
            )
        if not batches:
            self.stdout.write(_("送付する申請はありません。"))
