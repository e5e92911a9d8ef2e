"""`manage.py verify_jpki`: check a JPKI signature that reached us by another route."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from auth_mynumber_gbiz.jpki.verify import verify_signature


class Command(BaseCommand):
    help = (
        "マイナンバーカードの署名用電子証明書による電子署名を検証し、結果と基本4情報を"
        "表示します。すべての検証に合格したときだけ終了コード0で終わります。"
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--certificate", required=True, help="署名用電子証明書 (DER または PEM)"
        )
        parser.add_argument(
            "--signature", required=True, help="署名値 (そのままのバイト列)"
        )
        parser.add_argument("--data", required=True, help="署名の対象となったバイト列")

    def handle(self, *args, **options):
        inputs = {}
        for name in ("certificate", "signature", "data"):
            try:
                inputs[name] = Path(options[name]).read_bytes()
            except OSError as error:
                raise CommandError(
                    f"{options[name]} を読み込めません: {error.strerror}"
                ) from error

        result = verify_signature(
            inputs["certificate"], inputs["signature"], inputs["data"]
        )
        self._print(result)
        if not result.ok:
            raise CommandError(f"検証できませんでした: {result.outcome.value}")

    def _print(self, result):
        write = self.stdout.write
        write(f"結果: {result.outcome.value} ({result.outcome.label})")
        write(f"説明: {result.message}")
        write(f"確認日時: {result.checked_at.isoformat()}")
        if result.certificate_serial is not None:
            write(f"証明書の発行者: {result.certificate_issuer}")
            write(f"証明書のシリアル番号: {result.certificate_serial}")
            write(f"証明書の証跡ハッシュ: {result.certificate_evidence}")
        revocation = result.revocation
        write(f"失効確認: {revocation.status.value} ({revocation.status.label})")
        if revocation.crl_next_update:
            this_update = revocation.crl_this_update.isoformat()
            next_update = revocation.crl_next_update.isoformat()
            write(f"失効リスト: 発行 {this_update} / 次回更新 {next_update}")
        if result.detail:
            write(f"詳細: {result.detail}")
        facts = result.facts
        if facts is None:
            return
        write(f"氏名: {facts.name}")
        write(f"氏名の代替文字: {_positions(facts.name_substituted)}")
        write(f"性別: {facts.gender.label}")
        birth_date = facts.birth_date.isoformat() if facts.birth_date else "不明"
        era = facts.birth_era.label
        write(f"生年月日: {birth_date} ({era}, 証明書の値 {facts.birth_date_text})")
        write(f"住所: {facts.address}")
        write(f"住所の代替文字: {_positions(facts.address_substituted)}")


def _positions(flags):
    positions = [str(index) for index, flag in enumerate(flags, start=1) if flag]
    return f"{'・'.join(positions)}文字目" if positions else "なし"
