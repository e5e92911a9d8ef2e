from django.core.management.base import BaseCommand

from kyosai_portal import demo_data


class Command(BaseCommand):
    help = "Create demo companies, agencies, clerks and applications (once)."

    def handle(self, *args, **options):
        if demo_data.seed():
            self.stdout.write(self.style.SUCCESS("デモデータを作成しました。"))
        else:
            self.stdout.write("デモデータは作成済みです。")
        self.stdout.write(
            "\n"
            "  ポータル:     http://127.0.0.1:8000/\n"
            "  申請者として: 「ログインへ進む」→「GビズIDでログイン」→ 開発用IDプロバイダで\n"
            "                デモ企業（例: 株式会社さくら製作所）を選んでください。\n"
            "  審査担当として: http://127.0.0.1:8000/admin/  ユーザー名 shinsa\n"
            "  閲覧のみ:       http://127.0.0.1:8000/admin/  ユーザー名 etsuran\n"
            f"  パスワード（共通）: {demo_data.CLERK_PASSWORD}\n"
        )
