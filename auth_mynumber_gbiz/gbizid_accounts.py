"""Which GビズID accounts may use the portal, for whom, and as which user.

IDENTITY.md: エントリー is refused; プライム is accepted; メンバー is accepted
for the company named by its own `corporate_number` only, which holds here
because the holder is always looked up from the account's own number, on
every login. A 法人's number must carry a valid check digit.
"""

import hashlib
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as NumberInvalid
from stdnum.jp import cn

from auth_mynumber_gbiz import identities
from auth_mynumber_gbiz.login_errors import AccountRefused
from auth_mynumber_gbiz.models import Provider
from kyosai_portal.contracts.models import ContractHolder, HolderKind

ENTRY, PRIME, MEMBER = 1, 2, 3
CORPORATION, SOLE_PROPRIETOR = 1, 2

USERNAME_PREFIX = "gbiz:"


@dataclass(frozen=True)
class GbizidAccount:
    account_type: int
    corp_type: int
    corporate_number: str


def read_account(userinfo):
    """Return the account facts of `userinfo`, or raise AccountRefused."""
    account_type = _small_int(userinfo.get("account_type"))
    corp_type = _small_int(userinfo.get("corp_type"))
    if account_type == ENTRY:
        raise AccountRefused(
            "account_type 1 (entry)",
            _(
                "GビズIDエントリーのアカウントでは、共済の手続きをご利用いただけません。"
                "GビズIDプライムを取得するか、プライムの管理者にメンバーのアカウントを"
                "発行してもらい、そのアカウントでログインしてください。"
            ),
        )
    if account_type not in (PRIME, MEMBER) or corp_type not in (
        CORPORATION,
        SOLE_PROPRIETOR,
    ):
        raise AccountRefused(
            f"account_type {account_type!r} corp_type {corp_type!r}",
            _(
                "GビズIDから届いたアカウントの種類を確認できなかったため、"
                "ログインできませんでした。GビズIDプライムまたはメンバーの"
                "アカウントでログインしてください。"
            ),
        )
    return GbizidAccount(
        account_type=account_type,
        corp_type=corp_type,
        corporate_number=_corporate_number(userinfo.get("corporate_number"), corp_type),
    )


def find_holder(account):
    """Return the ContractHolder the account's own number names, or None."""
    if account.corp_type == CORPORATION:
        holders = ContractHolder.objects.filter(
            kind=HolderKind.CORPORATION, corporate_no=account.corporate_number
        )
    else:
        holders = ContractHolder.objects.filter(
            kind=HolderKind.INDIVIDUAL, gbizid_account_no=account.corporate_number
        )
    return holders.order_by("pk").first()


def sign_in_user(*, issuer, subject, userinfo, account, holder):
    """Return the portal user for (issuer, subject), created on first login.

    The identity's account type, number and holder are refreshed from this
    login, so a メンバー that moved to another company acts for that one only.
    """

    def update(identity):
        user = identity.user
        email = _text(userinfo.get("email"), 254)
        user.email = email if "@" in email else ""
        user.last_name = _text(userinfo.get("user_last_nm"), 150)
        user.first_name = _text(userinfo.get("user_first_nm"), 150)
        user.save(update_fields=["email", "last_name", "first_name"])
        identity.account_type = account.account_type
        identity.corporate_number = account.corporate_number
        identity.holder = holder

    return identities.sign_in(
        provider=Provider.GBIZID,
        issuer=issuer,
        subject=subject,
        new_username=lambda: _new_username(issuer, subject),
        update=update,
    )


def _corporate_number(value, corp_type):
    number = value.strip() if isinstance(value, str) else ""
    if corp_type == CORPORATION:
        try:
            return cn.validate(number)
        except NumberInvalid:
            raise AccountRefused(
                "corporate_number fails the 法人番号 check",
                _(
                    "GビズIDに登録されている法人番号が正しくないため、ログインできません。"
                    "GビズIDの登録内容（法人番号13桁）をご確認ください。"
                ),
            ) from None
    if not (1 <= len(number) <= 13 and number.isascii() and number.isalnum()):
        raise AccountRefused(
            "sole proprietor without a usable management number",
            _(
                "GビズIDから個人事業主の管理番号が届かなかったため、ログインできません。"
                "GビズIDの登録内容をご確認ください。"
            ),
        )
    return number


def _small_int(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit():
        return int(value)
    return None


def _text(value, limit):
    return value.strip()[:limit] if isinstance(value, str) else ""


def _new_username(issuer, subject):
    username = USERNAME_PREFIX + subject
    User = get_user_model()
    if len(username) <= 150 and not User.objects.filter(username=username).exists():
        return username
    # Another issuer (a staging GビズID) used the same sub, or it is too long.
    digest = hashlib.sha256((issuer + "\n" + subject).encode()).hexdigest()
    return USERNAME_PREFIX + digest[:40]
