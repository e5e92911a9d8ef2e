"""The GビズID accounts the development provider offers: one per demo holder.

Every corporation in ContractHolder gets a プライム account, every sole
proprietor with a GビズID management number too; the first corporation also
gets a メンバー and an エントリー account, and one プライム account belongs to
a company with no contract, so each path of the login can be tried by hand.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from kyosai_portal.contracts.models import ContractHolder, HolderKind

# A valid 法人番号 no demo holder uses (its check digit is 8).
UNKNOWN_COMPANY_NUMBER = "8900000000001"

_PREFECTURE = re.compile(r"^(東京都|北海道|(?:京都|大阪)府|.{2,3}県)")


PRIME_LABEL = _("%(name)s（法人・プライム）")
SOLE_PROPRIETOR_LABEL = _("%(name)s（個人事業主・プライム）")
MEMBER_LABEL = _("%(name)s のメンバー（法人・メンバー）")
ENTRY_LABEL = _("%(name)s（エントリー：ログインできない例）")


@dataclass(frozen=True)
class DemoAccount:
    sub: str
    label: str
    claims: dict = field(default_factory=dict)


def demo_accounts():
    """Return every demo account, in the order the authorization page lists them."""
    accounts = []
    first_company = None
    for holder in ContractHolder.objects.order_by("kind", "pk"):
        if holder.kind == HolderKind.CORPORATION and holder.corporate_no:
            first_company = first_company or holder
            accounts.append(_account("prime", holder, PRIME_LABEL, "2"))
        elif holder.kind == HolderKind.INDIVIDUAL and holder.gbizid_account_no:
            accounts.append(_account("sole", holder, SOLE_PROPRIETOR_LABEL, "2"))
    if first_company is not None:
        member = _account("member", first_company, MEMBER_LABEL, "3")
        member.claims.update(user_last_nm="共済", user_first_nm="花子")
        accounts.append(member)
        accounts.append(_account("entry", first_company, ENTRY_LABEL, "1"))
    accounts.append(_account("prime", _company_without_contract(), PRIME_LABEL, "2"))
    return accounts


def find_account(sub):
    """Return the demo account with subject `sub`, or None."""
    return next((account for account in demo_accounts() if account.sub == sub), None)


def _company_without_contract():
    # Never saved: it only lends its facts to a GビズID account.
    return ContractHolder(
        kind=HolderKind.CORPORATION,
        name="契約のない株式会社",
        corporate_no=UNKNOWN_COMPANY_NUMBER,
        representative="中小\u3000一郎",
        address="東京都港区虎ノ門三丁目５番１号",
        email="no-contract@example.jp",
    )


def _account(kind, holder, label, account_type):
    corporation = holder.kind == HolderKind.CORPORATION
    number = holder.corporate_no if corporation else holder.gbizid_account_no
    last_name, _sep, first_name = holder.representative.replace(
        " ", "\u3000"
    ).partition("\u3000")
    prefecture = _PREFECTURE.match(holder.address)
    prefecture_name = prefecture.group(1) if prefecture else ""
    claims = {
        "account_type": account_type,
        "corp_type": "1" if corporation else "2",
        "corporate_number": number,
        "name": holder.name,
        "rep_last_nm": last_name,
        "rep_first_nm": first_name,
        "prefecture_name": prefecture_name,
        "address1": holder.address[len(prefecture_name) :],
        "address2": "",
        "email": holder.email or f"demo-{number}@example.jp",
        "user_last_nm": last_name,
        "user_first_nm": first_name,
    }
    return DemoAccount(
        sub=f"demo-{kind}-{number}",
        label=str(label) % {"name": holder.name},
        claims=claims,
    )
