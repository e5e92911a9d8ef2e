"""Why a GビズID login failed, in words for the applicant and for the log.

Every failure of the login flow is one of these exceptions. The view turns
it into a Japanese page with a way back to the login page; `reason` goes to
the log only and never contains a token.
"""

from django.utils.translation import gettext_lazy as _


class LoginFailed(Exception):
    """A GビズID login that cannot go on; `message` is shown to the applicant."""

    status = 400
    title = _("ログインできませんでした")
    default_message = _(
        "ログインを完了できませんでした。お手数ですが、もう一度ログイン画面からやり直してください。"
    )

    def __init__(self, reason, message=None):
        super().__init__(reason)
        self.reason = reason
        self.message = message or self.default_message


class FlowMismatch(LoginFailed):
    """The callback does not belong to a login started in this browser session."""

    default_message = _(
        "このログインは、お使いのブラウザーで始めたログインと一致しませんでした。"
        "ブラウザーの「戻る」で戻った場合や、別のタブでログインを始めた場合に起こります。"
        "もう一度ログイン画面からやり直してください。"
    )


class FlowExpired(LoginFailed):
    """The login was started too long ago or the session has ended."""

    title = _("ログインの有効期限が切れました")
    default_message = _(
        "ログインを始めてから時間がたちすぎたため、手続きを中止しました。"
        "もう一度ログイン画面からやり直してください。"
    )


class LoginCancelled(LoginFailed):
    """The applicant stopped the login at GビズID."""

    title = _("ログインを中止しました")
    default_message = _(
        "GビズIDでのログインが中止されました。"
        "ログインする場合は、もう一度ログイン画面からやり直してください。"
    )


class ProviderUnavailable(LoginFailed):
    """GビズID could not be reached or answered with an error."""

    status = 502
    default_message = _(
        "GビズIDとの通信がうまくいきませんでした。"
        "しばらくたってから、もう一度ログイン画面からやり直してください。"
    )


class ProviderMisconfigured(LoginFailed):
    """The portal's GビズID settings are missing or unsafe."""

    status = 503
    title = _("GビズIDでのログインを利用できません")
    default_message = _(
        "ただいまGビズIDでのログインを利用できません。"
        "時間をおいてもう一度お試しいただき、続く場合は中小機構までお問い合わせください。"
    )


class ResponseRejected(LoginFailed):
    """An answer from the provider failed verification (token, userinfo...)."""

    default_message = _(
        "GビズIDからの応答を確認できなかったため、安全のためログインを中止しました。"
        "もう一度ログイン画面からやり直してください。"
    )


class AccountRefused(LoginFailed):
    """The GビズID account is genuine but may not use the portal."""

    status = 403
    title = _("このGビズIDアカウントではご利用いただけません")
