"""The width conversions of LEGACY_INTERFACE.md, "Encoding", done by jaconv.

Type X holds half-width katakana and ASCII, type N full-width characters
only: `half_width()` and `full_width()` turn what an applicant typed into
those. jaconv converts one character at a time (apart from joining ｶﾞ into
ガ), so each conversion is kept as a `str.translate` table that asks jaconv
about a character the first time it meets it: a night's export then converts
its texts in C, and jaconv stays the only definition of the conversion.
"""

import re
from functools import partial

import jaconv

# The one JIS X 0208 character Python's cp932 codec does not map from its
# usual Unicode spelling; every other variant (〜, −, ‖, ¢...) it maps itself.
_CP932_SPELLINGS = str.maketrans({"\u2014": "\u2015"})

# Half-width ﾞ and ﾟ join the kana before them when widened (ｶﾞ -> ガ).
_HALF_WIDTH_SOUND_MARK = re.compile(r"[\uff9e\uff9f]")


class _CharacterTable(dict):
    """A `str.translate` table that converts each character on first sight.

    Only for conversions that treat every character on its own, so that
    converting a text is the same as converting its characters one by one.
    The table holds one entry per character ever met: a few thousand at most.
    """

    def __init__(self, convert):
        super().__init__()
        self.convert = convert

    def __missing__(self, codepoint):
        converted = self[codepoint] = self.convert(chr(codepoint))
        return converted


def _half_width_character(char, bank):
    text = jaconv.hira2kata(char)
    if bank:
        text = jaconv.enlarge_smallkana(text).replace("ー", "-").upper()
    return jaconv.z2h(text, kana=True, ascii=True, digit=True)


def _full_width_character(char):
    return jaconv.h2z(char, kana=True, ascii=True, digit=True).translate(
        _CP932_SPELLINGS
    )


_HALF_WIDTH = {
    bank: _CharacterTable(partial(_half_width_character, bank=bank))
    for bank in (False, True)
}
_FULL_WIDTH = _CharacterTable(_full_width_character)


def half_width(text, bank=False):
    """Return `text` as type X writes it: kana as half-width katakana, ASCII.

    A 口座名義 (`bank`) has no small kana, ー becomes -, and letters are
    upper case. Characters X does not allow are left for the caller to refuse.
    """
    return text.translate(_HALF_WIDTH[bank])


def full_width(text):
    """Return `text` as type N writes it: ASCII and half-width kana full-width.

    Spelled the way CP932 spells them; characters with no full-width form
    are left for the caller to refuse.
    """
    if _HALF_WIDTH_SOUND_MARK.search(text):
        # ｶﾞ is two characters that become one (ガ): not a per-character rule.
        text = jaconv.h2z(text, kana=True, ascii=True, digit=True)
    return text.translate(_FULL_WIDTH)
