"""`manage.py import_legacy_results PATH`: apply one result file from the core."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kyosai_portal.legacy.result_file import ResultFileRefused
from kyosai_portal.legacy.result_import import import_result_file


class Command(BaseCommand):
    help = _(
        "基幹システムの結果ファイル（KYR…DAT と .END）を取り込みます。"
        "検査に通らないファイルは何も変更せずに拒否します。"
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("結果ファイル（.DAT）のパス"))

    def handle(self, *args, path, **options):
        try:
            outcome = import_result_file(path)
        except ResultFileRefused as error:
            raise CommandError(str(error)) from error

        if outcome.already_imported:
            self.stdout.write(
                _("%(name)s は取込済みです（%(at)s）。何も変更していません。")
                % {
                    "name": outcome.result_import.file_name,
                    "at": outcome.result_import.imported_at.isoformat(),
                }
            )
            return
        self.stdout.write(outcome.result_import.report)
