"""The demo マイナンバーカード the development channel offers, one per person.

Every individual holding a 小規模企業共済 contract gets a card carrying their
facts as the card would: the name's space as U+3000, characters outside
JIS X 0208 replaced by 〓 and flagged as 代替文字. Three more cards show the
refusals: a person the portal does not know, a revoked card and an expired
one (both of the first member).
"""

import datetime
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from auth_mynumber_gbiz.signing import dev_authority
from auth_mynumber_gbiz.signing.dev_authority import CardFacts
from kyosai_portal.contracts.models import ContractHolder, Gender, HolderKind, Scheme

SUBSTITUTE = "〓"
# The first day of each era (IDENTITY.md: 1 明治 … 5 令和).
ERAS = (
    (datetime.date(2019, 5, 1), "5"),
    (datetime.date(1989, 1, 8), "4"),
    (datetime.date(1926, 12, 25), "3"),
    (datetime.date(1912, 7, 30), "2"),
    (datetime.date(1868, 1, 25), "1"),
)
UNKNOWN_PERSON = CardFacts(
    name="未登録\u3000太郎",
    name_substitutions="",
    gender="1",
    birth_date="319800101",
    address="東京都港区虎ノ門三丁目５番１号",
    address_substitutions="",
)

MEMBER_LABEL = _("%(name)s さんのカード")
UNKNOWN_LABEL = _("契約の登録がない方のカード（ログインできない例）")
REVOKED_LABEL = _("%(name)s さんの失効したカード（署名できない例）")
EXPIRED_LABEL = _("%(name)s さんの有効期限が切れたカード（署名できない例）")


@dataclass(frozen=True)
class DemoCard:
    """One card on the development page: what it is called and what it holds."""

    id: str
    label: str
    facts: CardFacts
    state: str


def demo_cards():
    """Return every demo card, in the order the development page lists them."""
    members = list(
        ContractHolder.objects.filter(
            kind=HolderKind.INDIVIDUAL,
            birth_date__isnull=False,
            contracts__scheme=Scheme.SMALL_BUSINESS,
        )
        .distinct()
        .order_by("pk")
    )
    cards = [_card(MEMBER_LABEL, holder_facts(holder), "valid") for holder in members]
    cards.append(_card(UNKNOWN_LABEL, UNKNOWN_PERSON, "valid"))
    if members:
        first = holder_facts(members[0])
        cards.append(_card(REVOKED_LABEL, first, "revoked"))
        cards.append(_card(EXPIRED_LABEL, first, "expired"))
    return cards


def issue(card):
    """Return the DevCard (certificate and key) of DemoCard `card`."""
    return dev_authority.issue_card(card.id, card.facts, card.state)


def holder_facts(holder):
    """Return the CardFacts a card of `holder` would carry."""
    name = re.sub(r"\s+", "\u3000", unicodedata.normalize("NFKC", holder.name).strip())
    name, name_flags = _substituted(name)
    address, address_flags = _substituted(holder.address)
    return CardFacts(
        name=name,
        name_substitutions=name_flags,
        gender={Gender.MALE: "1", Gender.FEMALE: "2"}.get(holder.gender, "3"),
        birth_date=birth_date_text(holder.birth_date),
        address=address,
        address_substitutions=address_flags,
    )


def birth_date_text(day):
    """Return `day` as the certificate's EYYYYMMDD (era digit, then the date)."""
    era = next((digit for start, digit in ERAS if day >= start), "0")
    return era + day.strftime("%Y%m%d")


def _substituted(text):
    characters = []
    flags = []
    for character in text:
        if _encodable(character):
            characters.append(character)
            flags.append("0")
        else:
            characters.append(SUBSTITUTE)
            flags.append("1")
    flag_text = "".join(flags)
    return "".join(characters), flag_text if "1" in flag_text else ""


def _encodable(character):
    # JIS X 0208 is what the card's character set guarantees.
    try:
        character.encode("iso2022_jp")
    except UnicodeEncodeError:
        return False
    return True


def _card(label, facts, state):
    canonical = json.dumps([state, facts.__dict__], sort_keys=True).encode()
    card_id = hashlib.sha256(canonical).hexdigest()[:24]
    name = facts.name.replace("\u3000", " ")
    return DemoCard(
        id=card_id, label=str(label) % {"name": name}, facts=facts, state=state
    )
