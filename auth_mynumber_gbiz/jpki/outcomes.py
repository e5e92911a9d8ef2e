"""How a JPKI signature check ends: one outcome per reason, code and message.

The value of each outcome is the English code for logs and storage, the
label a short Japanese name for admin, and `message` tells the applicant
what is wrong and what to do about it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Outcome(models.TextChoices):
    VALID = "valid", _("有効")
    MALFORMED_CERTIFICATE = "malformed_certificate", _("証明書を読み取れない")
    UNTRUSTED_ISSUER = "untrusted_issuer", _("信頼できない発行者")
    NOT_YET_VALID = "not_yet_valid", _("有効期間前")
    EXPIRED = "expired", _("有効期限切れ")
    AUTHENTICATION_CERTIFICATE = "authentication_certificate", _("利用者証明用")
    WRONG_KEY_USAGE = "wrong_key_usage", _("署名用でない鍵用途")
    WRONG_POLICY = "wrong_policy", _("受け付けない証明書ポリシー")
    UNSUPPORTED_CERTIFICATE = "unsupported_certificate", _("対応していない証明書")
    CRL_MISSING = "crl_missing", _("失効情報なし")
    CRL_STALE = "crl_stale", _("失効情報が古い")
    REVOKED = "revoked", _("失効")
    BAD_SIGNATURE = "bad_signature", _("署名不一致")
    MALFORMED_FACTS = "malformed_facts", _("基本4情報を読み取れない")

    @property
    def message(self):
        """Return what the applicant is told, with what to do next."""
        return MESSAGES[self]


MESSAGES = {
    Outcome.VALID: _("電子署名を確認しました。"),
    Outcome.MALFORMED_CERTIFICATE: _(
        "電子証明書を読み取れませんでした。"
        "マイナンバーカードの署名用電子証明書で、もう一度署名してください。"
    ),
    Outcome.UNTRUSTED_ISSUER: _(
        "この電子証明書は、当ポータルが信頼する認証局"
        "（地方公共団体情報システム機構）が発行したものではありません。"
        "マイナンバーカードの署名用電子証明書で、もう一度署名してください。"
    ),
    Outcome.NOT_YET_VALID: _(
        "電子証明書の有効期間がまだ始まっていません。"
        "発行を受けたばかりの場合は、しばらく時間をおいてから"
        "もう一度署名してください。"
    ),
    Outcome.EXPIRED: _(
        "電子証明書の有効期限が切れています。お住まいの市区町村の窓口で"
        "署名用電子証明書を更新してから、もう一度署名してください。"
    ),
    Outcome.AUTHENTICATION_CERTIFICATE: _(
        "利用者証明用電子証明書（数字4桁の暗証番号のもの）では申込みに"
        "署名できません。署名用電子証明書（英数字6〜16文字の暗証番号のもの）"
        "で、もう一度署名してください。"
    ),
    Outcome.WRONG_KEY_USAGE: _(
        "この電子証明書は電子署名に使える証明書ではありません。"
        "マイナンバーカードの署名用電子証明書で、もう一度署名してください。"
    ),
    Outcome.WRONG_POLICY: _(
        "この電子証明書は、当ポータルで受け付けている署名用電子証明書の"
        "種類ではありません。マイナンバーカードの署名用電子証明書で、"
        "もう一度署名してください。"
    ),
    Outcome.UNSUPPORTED_CERTIFICATE: _(
        "この電子証明書の形式には対応していません。"
        "マイナンバーカードの署名用電子証明書で、もう一度署名してください。"
    ),
    Outcome.CRL_MISSING: _(
        "電子証明書が失効していないかを確認するための失効情報がなく、"
        "署名を確認できませんでした。お手数ですが、時間をおいて"
        "もう一度お試しください。"
    ),
    Outcome.CRL_STALE: _(
        "失効情報の有効期限が切れているため、電子証明書が失効していないかを"
        "確認できませんでした。お手数ですが、時間をおいてもう一度お試しください。"
    ),
    Outcome.REVOKED: _(
        "この電子証明書は失効しています。氏名や住所の変更、カードの更新などで"
        "失効することがあります。市区町村の窓口で新しい署名用電子証明書の発行を"
        "受けてから、もう一度署名してください。"
    ),
    Outcome.BAD_SIGNATURE: _(
        "電子署名が申込内容と一致しません。署名の後に申込内容が変わったか、"
        "署名が正しく届かなかった可能性があります。もう一度署名してください。"
    ),
    Outcome.MALFORMED_FACTS: _(
        "電子証明書から基本4情報（氏名・性別・生年月日・住所）を"
        "読み取れませんでした。お手数ですが、お問い合わせ窓口にご連絡ください。"
    ),
}


class VerificationRefused(Exception):
    """A check failed; carries the outcome that says which one."""

    def __init__(self, outcome, detail=""):
        super().__init__(outcome.value, detail)
        self.outcome = outcome
        self.detail = detail
