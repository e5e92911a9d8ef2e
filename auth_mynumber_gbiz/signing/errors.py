"""Why a signature could not be obtained, in words for the applicant and the log.

Each failure of a signing channel is one of these exceptions. `message`
is shown to the applicant (Japanese, with what to do next); `reason` goes
to the log only and never holds a token, a signature or a fact.
"""

from django.utils.translation import gettext_lazy as _


class SigningFailed(Exception):
    """No usable signature came back from the channel."""

    status = 400
    title = _("電子署名を受け取れませんでした")
    default_message = _(
        "マイナンバーカードによる電子署名を受け取れませんでした。"
        "お手数ですが、もう一度はじめからやり直してください。"
    )

    def __init__(self, reason, message=None):
        super().__init__(reason)
        self.reason = reason
        self.message = message or self.default_message


class SigningExpired(SigningFailed):
    """The signing was started too long ago, or the session has ended."""

    title = _("電子署名の有効期限が切れました")
    default_message = _(
        "署名を始めてから10分以上たったため、手続きを中止しました。"
        "Cookieが使えない設定になっている場合にも起こります。"
        "Cookieを有効にして、もう一度はじめからやり直してください。"
    )


class SigningMismatch(SigningFailed):
    """The answer does not belong to a signing started in this browser."""

    default_message = _(
        "この電子署名は、お使いのブラウザーで始めた手続きと一致しませんでした。"
        "ブラウザーの「戻る」で戻った場合や、別のタブで署名を始めた場合に起こります。"
        "もう一度はじめからやり直してください。"
    )


class SigningCancelled(SigningFailed):
    """The applicant stopped at the app (or the development page)."""

    title = _("電子署名を中止しました")
    default_message = _(
        "マイナンバーカードによる電子署名が中止されました。"
        "署名する場合は、もう一度はじめからやり直してください。"
    )


class SigningUnavailable(SigningFailed):
    """The デジタル認証アプリ service could not be reached or answered an error."""

    status = 502
    default_message = _(
        "デジタル認証アプリとの通信がうまくいきませんでした。"
        "しばらくたってから、もう一度はじめからやり直してください。"
    )


class SigningMisconfigured(SigningFailed):
    """The portal's signing channel settings are missing or unsafe."""

    status = 503
    title = _("マイナンバーカードでの手続きを利用できません")
    default_message = _(
        "ただいまマイナンバーカードでの電子署名を利用できません。"
        "時間をおいてもう一度お試しいただき、続く場合は中小機構までお問い合わせください。"
    )


class SigningRejected(SigningFailed):
    """An answer of the channel failed a check (token, digest, encoding)."""

    default_message = _(
        "デジタル認証アプリからの応答を確認できなかったため、安全のため手続きを"
        "中止しました。もう一度はじめからやり直してください。"
    )
