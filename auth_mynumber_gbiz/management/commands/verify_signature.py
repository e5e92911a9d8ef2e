"""`manage.py verify_signature RECEIPT_NO`: re-verify an application's signature now."""

from django.core.management.base import CommandError

from auth_mynumber_gbiz.jpki.verify import verify_signature
from auth_mynumber_gbiz.management.commands import verify_jpki
from auth_mynumber_gbiz.models import ApplicationSignature


class Command(verify_jpki.Command):
    help = (
        "受付番号の申請に記録されたマイナンバーカードの電子署名を、いま改めて検証し、"
        "結果と署名者の基本4情報を表示します。すべての検証に合格したときだけ"
        "終了コード0で終わります。"
    )

    def add_arguments(self, parser):
        parser.add_argument("receipt_no", help="受付番号")

    def handle(self, *args, **options):
        receipt_no = options["receipt_no"]
        signature = (
            ApplicationSignature.objects.filter(application__receipt_no=receipt_no)
            .order_by("-created_at", "-pk")
            .first()
        )
        if signature is None:
            raise CommandError(
                f"受付番号 {receipt_no} の電子署名は記録されていません。"
            )

        write = self.stdout.write
        write(f"受付番号: {receipt_no}")
        write(f"署名の対象 (SHA-256): {signature.payload_sha256}")
        write(
            f"受付時の検証: {signature.outcome} ({signature.get_outcome_display()}) "
            f"{signature.checked_at.isoformat()}"
        )
        result = verify_signature(
            bytes(signature.certificate),
            bytes(signature.signature),
            bytes(signature.payload),
        )
        self._print(result)
        if not result.ok:
            raise CommandError(f"検証できませんでした: {result.outcome.value}")
