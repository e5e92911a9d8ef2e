"""Enrolment of a staff member's authenticator app by QR code.

A staff member whose password was right but who has no confirmed device
lands here from the login of their area (admin for clerks, /agency/ for
agency staff; each area has this page under its own URL). The page shows a new TOTP secret as a QR
code and as text; the device is confirmed only when the member types a
code it currently shows, and only then is the member logged in.
"""

import logging

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from auth_mynumber_gbiz.staff_devices import (
    confirm_authenticator,
    has_second_factor,
    issue_backup_codes,
    pending_authenticator,
    qr_code_svg,
    secret_text,
)
from auth_mynumber_gbiz.staff_enrolment import enrolling_user, finish_enrolment
from auth_mynumber_gbiz.staff_forms import AuthenticatorConfirmForm

logger = logging.getLogger(__name__)


@never_cache
def otp_setup(request, area):
    """Show a new authenticator's QR code and confirm it with a current code."""
    user = enrolling_user(request, area)
    if user is None or has_second_factor(user):
        # Only the password step opens this page, and only once: replacing
        # a device is an administrator's job (delete it in admin).
        return redirect(area.login_url)

    device = pending_authenticator(user)
    form = AuthenticatorConfirmForm(request.POST or None)
    if form.is_valid():
        confirmed = confirm_authenticator(device, form.cleaned_data["code"])
        if confirmed is not None:
            finish_enrolment(request, user, confirmed)
            logger.info("Staff authenticator %s confirmed", confirmed.persistent_id)
            return render(
                request,
                "staff/otp_enrolled.html",
                {"area": area, "codes": issue_backup_codes(user)},
            )
        form.add_error(
            "code",
            _(
                "確認コードが正しくありません。認証アプリに今表示されている6桁の数字を"
                "入力してください。何度やっても合わない場合は、スマートフォンの時刻が"
                "自動設定になっているか確認してください。"
            ),
        )

    return render(
        request,
        "staff/otp_setup.html",
        {
            "area": area,
            "form": form,
            "qr_code": qr_code_svg(device, title=_("認証アプリ登録用のQRコード")),
            "secret": secret_text(device),
        },
    )
