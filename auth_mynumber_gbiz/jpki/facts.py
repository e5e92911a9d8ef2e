"""The four basic facts (基本4情報) of a 署名用電子証明書, read from its SAN.

Read them only from a certificate whose chain, validity, profile,
revocation and signature have all been checked: nothing here proves that
the facts are true.
"""

import datetime
from dataclasses import dataclass

from cryptography import x509
from django.db import models
from django.utils.translation import gettext_lazy as _

from . import profile
from .der_strings import decode_utf8_string
from .outcomes import Outcome, VerificationRefused

_FAMILY_GIVEN_SEPARATOR = "\u3000"


class Gender(models.TextChoices):
    MALE = "1", _("男")
    FEMALE = "2", _("女")
    UNKNOWN = "3", _("不明")


class Era(models.TextChoices):
    UNKNOWN = "0", _("不明")
    MEIJI = "1", _("明治")
    TAISHO = "2", _("大正")
    SHOWA = "3", _("昭和")
    HEISEI = "4", _("平成")
    REIWA = "5", _("令和")


@dataclass(frozen=True, repr=False)
class CardholderFacts:
    """What the card says about its holder.

    `birth_date` is None when the era digit is 0 (生年月日不詳) or the
    digits are no calendar date; `birth_date_text` always keeps the
    certificate's own `EYYYYMMDD`. The substitution tuples hold one flag
    per character of `name` and `address`: True where the character is a
    代替文字, a stand-in for a character the card cannot encode.
    """

    name: str
    name_substituted: tuple[bool, ...]
    gender: Gender
    birth_date: datetime.date | None
    birth_era: Era
    birth_date_text: str
    address: str
    address_substituted: tuple[bool, ...]

    def __repr__(self):
        # The facts are personal data: keep them out of tracebacks and logs.
        return "<CardholderFacts>"

    @property
    def family_name(self):
        """Return the name before the full-width space (all of it if none)."""
        return self.name.partition(_FAMILY_GIVEN_SEPARATOR)[0]

    @property
    def given_name(self):
        """Return the name after the first full-width space, or ""."""
        return self.name.partition(_FAMILY_GIVEN_SEPARATOR)[2]

    @property
    def has_substituted_characters(self):
        """Return whether the name or the address holds a 代替文字."""
        return any(self.name_substituted) or any(self.address_substituted)


def read_facts(certificate):
    """Return the CardholderFacts of a checked 署名用電子証明書.

    Raise VerificationRefused(MALFORMED_FACTS) when a fact is missing,
    repeated or not in the format IDENTITY.md gives.
    """
    values = _fact_values(certificate)
    for required in (profile.NAME, profile.GENDER, profile.BIRTH_DATE, profile.ADDRESS):
        if not values.get(required):
            _refuse("missing fact " + required.dotted_string)

    name = values[profile.NAME]
    address = values[profile.ADDRESS]
    birth_era, birth_date = _birth_date(values[profile.BIRTH_DATE])
    return CardholderFacts(
        name=name,
        name_substituted=_substitutions(values.get(profile.NAME_SUBSTITUTIONS), name),
        gender=_gender(values[profile.GENDER]),
        birth_date=birth_date,
        birth_era=birth_era,
        birth_date_text=values[profile.BIRTH_DATE],
        address=address,
        address_substituted=_substitutions(
            values.get(profile.ADDRESS_SUBSTITUTIONS), address
        ),
    )


def _refuse(detail):
    raise VerificationRefused(Outcome.MALFORMED_FACTS, detail)


def _fact_values(certificate):
    try:
        san = certificate.extensions.get_extension_for_class(
            x509.SubjectAlternativeName
        ).value
    except x509.ExtensionNotFound:
        _refuse("no subjectAltName")
    values = {}
    for other_name in san.get_values_for_type(x509.OtherName):
        if other_name.type_id not in profile.FACT_OIDS:
            continue
        if other_name.type_id in values:
            _refuse("repeated fact " + other_name.type_id.dotted_string)
        try:
            values[other_name.type_id] = decode_utf8_string(other_name.value)
        except ValueError as error:
            _refuse(other_name.type_id.dotted_string + ": " + str(error))
    return values


def _substitutions(flags, text):
    # An absent or empty flag string means no character was substituted.
    if not flags:
        return (False,) * len(text)
    if len(flags) != len(text) or set(flags) - {"0", "1"}:
        _refuse("substitution flags do not match their text")
    return tuple(flag == "1" for flag in flags)


def _gender(code):
    try:
        return Gender(code)
    except ValueError:
        _refuse("unknown gender code")


def _birth_date(text):
    if len(text) != 9 or not text.isascii() or not text.isdigit():
        _refuse("birth date is not EYYYYMMDD")
    try:
        era = Era(text[0])
    except ValueError:
        _refuse("unknown era digit")
    if era == Era.UNKNOWN:
        return era, None
    try:
        return era, datetime.date(int(text[1:5]), int(text[5:7]), int(text[7:9]))
    except ValueError:
        # A partly unknown date (month or day 00) is real data, not damage:
        # keep the text and leave the date empty.
        return era, None
