"""Fixed-width CP932 fields and records of the legacy core (LEGACY_INTERFACE.md).

A `Layout` is a table of `Field`s as the interface document prints them
(name, type, bytes, from, to). It encodes a dict of values into one record of
its fixed length plus CR LF, and decodes a record back into a dict. The
padding, width conversion and gaiji rules of section "Encoding" live here
and nowhere else.
"""

import re
from dataclasses import dataclass

import jaconv
from django.utils.translation import gettext as _

ENCODING = "cp932"
CRLF = b"\r\n"
GAIJI = "〓"
GAIJI_FLAG = "gaiji_flag"
FULL_WIDTH_SPACE = "\u3000"

# The one JIS X 0208 character Python's cp932 codec does not map from its
# usual Unicode spelling; every other variant (〜, −, ‖, ¢...) it maps itself.
_CP932_SPELLINGS = str.maketrans({"\u2014": "\u2015"})

_PLAIN_X = re.compile(r"[A-Za-z0-9 \-\uff61-\uff9f]*")
# 全銀 account names: ｱ-ﾝ ﾞ ﾟ A-Z 0-9 space ( ) . - (no small kana).
_BANK_X = re.compile(r"[\uff71-\uff9d\uff9e\uff9fA-Z0-9 ().\-]*")


class FieldValueError(ValueError):
    """A value that cannot be written into its field as the interface requires."""

    def __init__(self, field, message):
        super().__init__(
            _("項目 %(field)s: %(message)s") % {"field": field.name, "message": message}
        )
        self.field = field


class LayoutError(ValueError):
    """A record whose bytes do not follow its layout."""


@dataclass(frozen=True)
class Field:
    """One column of a record layout, positions 1-based as in the document.

    `flavour` "bank" marks 口座名義 fields, held to the 全銀 character set.
    """

    name: str
    kind: str
    length: int
    start: int
    flavour: str = ""

    @property
    def end(self):
        return self.start + self.length - 1

    @property
    def padding(self):
        return FULL_WIDTH_SPACE if self.kind == "N" else " "


def encode_field(field, value):
    """Return the bytes of `value` in `field`; raise FieldValueError if it won't fit."""
    return _encode(field, value)[0]


def decode_field(field, raw):
    """Return the value held in `raw`: int for type 9, text without padding else."""
    if field.kind == "9":
        if not raw.isdigit():
            raise LayoutError(
                _("項目 %(field)s は数字だけのはずですが「%(raw)s」です。")
                % {"field": field.name, "raw": raw.decode(ENCODING, "replace")}
            )
        return int(raw)

    try:
        text = raw.decode(ENCODING)
    except UnicodeDecodeError as error:
        raise LayoutError(
            _("項目 %(field)s をCP932として読めません。") % {"field": field.name}
        ) from error
    width = 2 if field.kind == "N" else 1
    if len(text) * width != len(raw):
        raise LayoutError(
            _("項目 %(field)s に全角と半角が混在しています。") % {"field": field.name}
        )
    return text.rstrip(field.padding)


class Layout:
    """A record layout: fields at fixed byte positions in a record of `length`."""

    def __init__(self, name, length, fields, first=1):
        self.name = name
        self.length = length
        self.fields = tuple(fields)
        self.first = first
        self._check_positions()

    @classmethod
    def from_table(cls, name, length, rows, first=1):
        """Build a layout from (name, type, bytes, from, to[, flavour]) rows.

        `first` is the byte the table starts at: 401 for a procedure area.
        """
        fields = []
        for row in rows:
            field_name, kind, size, start, end, *flavour = row
            field = Field(field_name, kind, size, start, *flavour)
            if field.end != end:
                raise ValueError(f"{name}.{field_name}: bytes and from/to disagree")
            fields.append(field)
        return cls(name, length, fields, first)

    def extended(self, area):
        """Return this layout followed by the fields of the `area` layout."""
        return Layout(
            f"{self.name} + {area.name}", self.length, self.fields + area.fields
        )

    def encode(self, values):
        """Return one record with CR LF.

        Every field but `filler` must be given. A `gaiji_flag` field is not:
        it is computed, 1 when some N field needed 〓 for a character.
        """
        required = {field.name for field in self.fields} - {"filler", GAIJI_FLAG}
        unknown = set(values) - required
        missing = required - set(values)
        if unknown or missing:
            raise ValueError(
                f"{self.name}: unknown fields {sorted(unknown)}, "
                f"missing fields {sorted(missing)}"
            )

        parts, gaiji = [], False
        for field in self.fields:
            raw, needed_gaiji = _encode(field, values.get(field.name))
            parts.append(raw)
            gaiji = gaiji or needed_gaiji
        for index, field in enumerate(self.fields):
            if field.name == GAIJI_FLAG:
                parts[index] = encode_field(field, 1 if gaiji else 0)
        return b"".join(parts).ljust(self.length, b" ") + CRLF

    def decode(self, record):
        """Return the field values of `record` (without CR LF); LayoutError if bad."""
        if len(record) != self.length:
            raise LayoutError(
                _("レコード長が%(length)dバイトです。%(expected)dバイトのはずです。")
                % {"length": len(record), "expected": self.length}
            )
        last = self.fields[-1].end
        if record[last:].strip(b" "):
            raise LayoutError(
                _("%(start)dバイト目以降は空白のはずです。") % {"start": last + 1}
            )
        return {
            field.name: decode_field(field, record[field.start - 1 : field.end])
            for field in self.fields
        }

    def _check_positions(self):
        position = self.first
        for field in self.fields:
            if field.start != position:
                raise ValueError(f"{self.name}.{field.name} starts at {field.start}")
            position = field.end + 1
        if position - 1 > self.length:
            raise ValueError(f"{self.name} is longer than {self.length} bytes")


def _encode(field, value):
    if field.kind == "9":
        raw, gaiji = _encode_digits(field, value), False
    elif field.kind == "X":
        raw, gaiji = _encode_x(field, "" if value is None else str(value)), False
    else:
        raw, gaiji = _encode_n(field, "" if value is None else str(value))

    if len(raw) > field.length:
        raise FieldValueError(
            field,
            _("%(max)dバイトまでですが、%(length)dバイトあります。")
            % {"max": field.length, "length": len(raw)},
        )
    padding = field.padding.encode(ENCODING)
    return raw + padding * ((field.length - len(raw)) // len(padding)), gaiji


def _encode_digits(field, value):
    text = "0" if value is None else str(value)
    if not (text.isascii() and text.isdigit()):
        raise FieldValueError(
            field,
            _("数字だけを書けますが「%(value)s」です。") % {"value": text},
        )
    return text.rjust(field.length, "0").encode("ascii")


def _encode_x(field, text):
    allowed = _BANK_X if field.flavour == "bank" else _PLAIN_X
    if text.isascii() and allowed.fullmatch(text):
        return text.encode("ascii")

    text = jaconv.hira2kata(text)
    if field.flavour == "bank":
        text = jaconv.enlarge_smallkana(text).replace("ー", "-").upper()
    text = jaconv.z2h(text, kana=True, ascii=True, digit=True)
    if not allowed.fullmatch(text):
        raise FieldValueError(
            field,
            _("半角英数字・半角カナ・空白・ハイフン以外の文字があります（%(value)s）。")
            % {"value": text},
        )
    return text.encode(ENCODING)


def _encode_n(field, text):
    text = _full_width(text)
    try:
        raw, gaiji = text.encode(ENCODING), False
    except UnicodeEncodeError:
        raw, gaiji = b"".join(_cp932_or_geta(char) for char in text), True

    if len(raw) != 2 * len(text):
        char = next(char for char in text if len(_cp932_or_geta(char)) != 2)
        raise FieldValueError(
            field, _("全角にできない文字（%(char)r）があります。") % {"char": char}
        )
    return raw, gaiji


def _full_width(text):
    return jaconv.h2z(text, kana=True, ascii=True, digit=True).translate(
        _CP932_SPELLINGS
    )


def _cp932_or_geta(char):
    try:
        return char.encode(ENCODING)
    except UnicodeEncodeError:
        return GAIJI.encode(ENCODING)
