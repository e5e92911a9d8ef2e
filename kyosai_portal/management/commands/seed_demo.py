from django.core.management.base import BaseCommand
from django_otp.plugins.otp_totp.models import TOTPDevice

from auth_mynumber_gbiz.staff_devices import secret_text
from kyosai_portal import demo_data


class Command(BaseCommand):
    help = (
        "Create demo companies, agencies, clerks, agency staff and applications (once)."
    )

    def handle(self, *args, **options):
        if demo_data.seed():
            self.stdout.write(self.style.SUCCESS("デモデータを作成しました。"))
        else:
            self.stdout.write("デモデータは作成済みです。")
        demo_data.create_agency_staff()
        demo_data.give_staff_authenticators()
        self.stdout.write(
            "\n"
            "  ポータル:     http://127.0.0.1:8000/\n"
            "  申請者として: 「ログインへ進む」→「GビズIDでログイン」→ 開発用IDプロバイダで\n"
            "                デモ企業（例: 株式会社さくら製作所）を選んでください。\n"
            "  小規模企業共済: 「マイナンバーカードでログイン」→ 開発用デジタル認証アプリで\n"
            "                デモカード（例: 小規模 一郎）を選び、6〜16文字の任意の\n"
            "                パスワードで署名してください。\n"
            "  審査担当として: http://127.0.0.1:8000/admin/  ユーザー名 shinsa\n"
            "  閲覧のみ:       http://127.0.0.1:8000/admin/  ユーザー名 etsuran\n"
            "  委託機関の担当者として: http://127.0.0.1:8000/agency/  ユーザー名 itaku\n"
            "                （東京商工会議所。会員の申請一覧を閲覧できます）\n"
            f"  パスワード（共通）: {demo_data.CLERK_PASSWORD}\n"
            "  確認コード: 認証アプリに次のキー（時間ベース）を登録するか、\n"
            "              .venv/bin/python manage.py demo_totp_code shinsa\n"
            "              で今のコードを表示してください。\n"
        )
        for username in demo_data.demo_staff_usernames():
            device = TOTPDevice.objects.filter(
                user__username=username, confirmed=True
            ).first()
            if device is not None:
                self.stdout.write(f"    {username:<8} {secret_text(device)}\n")
