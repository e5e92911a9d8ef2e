"""Whether a card's facts name a ContractHolder: name and birth date only.

The address is left out on purpose: it changes on every move, and the
certificate is reissued then (IDENTITY.md). Names are compared after NFKC
(full- and half-width forms alike) with every space removed (U+3000 and
U+0020 alike); a character the card flags as 代替文字 stands in for one the
card cannot hold, so it matches whatever character the portal has at that
position.
"""

import unicodedata

from kyosai_portal.contracts.models import HolderKind


def comparable_name(name):
    """Return `name` as compared: NFKC, without any whitespace."""
    return "".join(unicodedata.normalize("NFKC", name).split())


def card_name_characters(name, substituted):
    """Return the card name as (character, is 代替文字) pairs, as compared.

    Each character is normalised on its own, so that its flag stays with
    it even when NFKC turns it into several characters.
    """
    characters = []
    for character, flag in zip(name, substituted, strict=True):
        characters.extend(
            (normalised, flag) for normalised in comparable_name(character)
        )
    return characters


def name_matches(card_name, substituted, holder_name):
    """Return whether the card's name, with its 代替文字 flags, is `holder_name`.

    A name made only of 代替文字 matches nothing: it would match anyone.
    """
    card = card_name_characters(card_name, substituted)
    holder = comparable_name(holder_name)
    if not card or len(card) != len(holder) or all(flag for _c, flag in card):
        return False
    return all(
        flag or own == theirs for (own, flag), theirs in zip(card, holder, strict=True)
    )


def facts_match_holder(facts, holder):
    """Return whether CardholderFacts `facts` are those of person `holder`."""
    return (
        holder.kind == HolderKind.INDIVIDUAL
        and facts.birth_date is not None
        and holder.birth_date == facts.birth_date
        and name_matches(facts.name, facts.name_substituted, holder.name)
    )
