"""`manage.py import_legacy_results PATH`: apply one result file from the core."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from kyosai_portal.legacy.result_file import ResultFileRefused
from kyosai_portal.legacy.result_import import import_result_file
from kyosai_portal.legacy.result_pickup import import_ready_result_files


class Command(BaseCommand):
    help = _(
        "基幹システムの結果ファイル（KYR…DAT と .END）を取り込みます。"
        "検査に通らないファイルは何も変更せずに拒否します。"
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("path", nargs="?", help=_("結果ファイル（.DAT）のパス"))
        source.add_argument(
            "--ready",
            action="store_true",
            help=_("LEGACY_RESULT_DIR に届いた未取込のファイルをすべて取り込みます。"),
        )

    def handle(self, *args, path, ready, **options):
        if ready:
            self._import_ready()
            return
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

    def _import_ready(self):
        pickup = import_ready_result_files()
        for name in pickup.imported:
            self.stdout.write(_("%(name)s を取り込みました。") % {"name": name})
        for name, why in pickup.refused.items():
            self.stderr.write(
                _("%(name)s は取り込めませんでした：%(why)s")
                % {"name": name, "why": why}
            )
        if not pickup.imported and not pickup.refused:
            self.stdout.write(_("取り込む結果ファイルはありません。"))
        if pickup.refused:
            raise CommandError(_("取り込めなかったファイルがあります。"))
