"""Staff forms: the logins with an authenticator code, and enrolment.

At login, a staff member with a confirmed device must type its current code
(or a backup code) with the password; for one without a device, the right
password only opens the enrolment page. A wrong code counts
as a failed login for the lockout, like a wrong password. Clerks log in to
admin with `StaffLoginForm`, agency staff under /agency/ with
`AgencyLoginForm`; both check the code the same way.
"""

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import gettext_lazy as _

from auth_mynumber_gbiz.staff_areas import AGENCY_STAFF
from auth_mynumber_gbiz.staff_devices import (
    has_second_factor,
    normalise_code,
    verify_code,
)

SECOND_FACTOR_ERRORS = {
    "enrolment_required": _(
        "認証アプリがまだ登録されていません。登録画面で認証アプリを登録してください。"
    ),
    "token_required": _(
        "確認コードを入力してください。認証アプリに表示されている6桁の数字です。"
    ),
    "invalid_token": _(
        "確認コードが正しくありません。認証アプリに今表示されている6桁の数字を、"
        "パスワードとあわせてもう一度入力してください。"
    ),
}


class SecondFactorLoginForm(AuthenticationForm):
    """A password login that also asks for the authenticator's code."""

    otp_token = forms.CharField(
        label=_("確認コード"),
        required=False,
        max_length=16,
        help_text=_(
            "認証アプリに表示されている6桁の数字を入力してください。"
            "スマートフォンが手元にないときは、8文字のバックアップコードを入力できます。"
            "初めてログインする方は空欄のまま進むと、認証アプリの登録画面に移ります。"
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )

    error_messages = {**AuthenticationForm.error_messages, **SECOND_FACTOR_ERRORS}

    # Set when the password is right but there is no device yet; the login
    # view then sends the member to enrolment instead of logging them in.
    user_to_enrol = None

    def clean(self):
        cleaned_data = super().clean()
        user = self.get_user()
        if not settings.STAFF_REQUIRE_OTP:
            return cleaned_data

        if not has_second_factor(user):
            self.user_to_enrol = user
            raise forms.ValidationError(
                self.error_messages["enrolment_required"], code="enrolment_required"
            )

        if not normalise_code(cleaned_data.get("otp_token")):
            self.add_error("otp_token", self.error_messages["token_required"])
            return cleaned_data

        device = verify_code(user, cleaned_data["otp_token"])
        if device is None:
            # django-axes counts what this signal reports; the password was
            # right, so Django itself reported nothing.
            user_login_failed.send(
                sender=self.__class__,
                credentials={"username": cleaned_data.get("username")},
                request=self.request,
            )
            self.add_error("otp_token", self.error_messages["invalid_token"])
            return cleaned_data

        # django-otp's user_logged_in receiver stores this in the session.
        user.otp_device = device
        return cleaned_data


class StaffLoginForm(SecondFactorLoginForm, AdminAuthenticationForm):
    """Admin's login for SMRJ clerks: staff accounts only."""

    error_messages = {**AdminAuthenticationForm.error_messages, **SECOND_FACTOR_ERRORS}


class AgencyLoginForm(SecondFactorLoginForm):
    """The agency staff login: agency members only, never clerks."""

    error_messages = {
        **SecondFactorLoginForm.error_messages,
        # The same words for a wrong password and for a user who is not
        # agency staff, so the form tells no one which accounts exist.
        "invalid_login": _(
            "ユーザー名またはパスワードが正しくありません。委託機関の担当者として"
            "登録されたユーザー名と、そのパスワードを入力してください。"
            "大文字と小文字は区別されます。"
        ),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not AGENCY_STAFF.may_sign_in(user):
            raise self.get_invalid_login_error()


class AuthenticatorConfirmForm(forms.Form):
    code = forms.CharField(
        label=_("確認コード"),
        max_length=16,
        help_text=_("認証アプリに表示されている6桁の数字を入力してください。"),
        error_messages={
            "required": _(
                "確認コードを入力してください。QRコードを読み取った認証アプリに"
                "表示される6桁の数字です。"
            )
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}
        ),
    )
