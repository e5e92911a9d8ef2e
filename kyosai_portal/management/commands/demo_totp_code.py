import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Print the code a staff member's authenticator shows now "
        "(development only: the demo clerks and agency staff have no phone)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if settings.PRODUCTION:
            raise CommandError(
                "本番環境では使えません。認証アプリの確認コードを使ってください。"
            )
        # A confirmed device first; else the one being enrolled.
        device = (
            TOTPDevice.objects.filter(user__username=username)
            .order_by("-confirmed", "-id")
            .first()
        )
        if device is None:
            raise CommandError(
                f"{username} には認証アプリが登録されていません。"
                "審査システム（/admin/）か委託機関のページ（/agency/）に"
                "パスワードでログインすると、登録画面に進みます。"
            )

        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        totp.time = time.time()
        left = device.step - int(totp.time - device.t0) % device.step
        self.stdout.write(f"{totp.token():0{device.digits}d}")
        self.stderr.write(
            f"（あと{left}秒有効です。一度使ったコードは使えないので、"
            "使用済みの場合は次のコードを待ってください。）"
        )
