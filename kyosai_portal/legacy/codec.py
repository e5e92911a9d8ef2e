"""Fixed-width CP932 fields and records of the legacy core (LEGACY_INTERFACE.md).

A `Layout` is a table of `Field`s as the interface document prints them
(name, type, bytes, from, to). It encodes a dict of values into one record of
its fixed length plus CR LF, and decodes a record back into a dict. The
padding, width conversion and gaiji rules of section "Encoding" live here
and nowhere else.

The export encodes every accepted application of a night, so a record is
first tried whole (`_WholeRecord`: a few calls for all its fields) and only
encoded field by field, the reference way, when that cannot vouch for it.
"""

import re
from dataclasses import dataclass
from operator import itemgetter

from django.utils.translation import gettext as _

from kyosai_portal.legacy.widths import full_width, half_width

ENCODING = "cp932"
CRLF = b"\r\n"
GAIJI = "〓"
GAIJI_FLAG = "gaiji_flag"
FULL_WIDTH_SPACE = "\u3000"
FILLER = "filler"

_PLAIN_X = re.compile(r"[A-Za-z0-9 \-\uff61-\uff9f]*")
# 全銀 account names: ｱ-ﾝ ﾞ ﾟ A-Z 0-9 space ( ) . - (no small kana).
_BANK_X = re.compile(r"[\uff71-\uff9d\uff9e\uff9fA-Z0-9 ().\-]*")
_ASCII_DIGITS = re.compile(r"[0-9]*")


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
    return _ENCODERS[field.kind](field, value)[0]


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
        self._encoders = tuple(
            (field.name, field, _ENCODERS[field.kind]) for field in self.fields
        )
        # The fields a caller gives, in record order: all but the filler
        # and the computed gaiji flag.
        self.given_names = tuple(
            field.name
            for field in self.fields
            if field.name not in (FILLER, GAIJI_FLAG)
        )
        self._given = frozenset(self.given_names)
        self._gaiji_index = next(
            (i for i, field in enumerate(self.fields) if field.name == GAIJI_FLAG), None
        )
        self._whole = _WholeRecord(self)

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
        if values.keys() != self._given:
            unknown = set(values) - self._given
            missing = self._given - set(values)
            raise ValueError(
                f"{self.name}: unknown fields {sorted(unknown)}, "
                f"missing fields {sorted(missing)}"
            )

        return self._whole.encode(
            self._whole.values_of(values)
        ) or self._encode_by_field(values)

    def encode_row(self, row):
        """Return one record with CR LF from the values of `given_names`, in order.

        The same record as `encode()` of the dict of those names, without
        building the dict: the export's way, once per application.
        """
        if len(row) != len(self.given_names):
            raise ValueError(
                f"{self.name}: {len(row)} values for {len(self.given_names)} fields"
            )
        return self._whole.encode(row) or self._encode_by_field(
            dict(zip(self.given_names, row, strict=True))
        )

    def _encode_by_field(self, values):
        parts, gaiji = [], False
        for name, field, encode in self._encoders:
            raw, needed_gaiji = encode(field, values.get(name))
            parts.append(raw)
            gaiji = gaiji or needed_gaiji
        if gaiji and self._gaiji_index is not None:
            parts[self._gaiji_index] = encode_field(self.fields[self._gaiji_index], 1)
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
            if field.kind == "N" and field.length % 2:
                raise ValueError(
                    f"{self.name}.{field.name} is not two bytes a character"
                )
            position = field.end + 1
        if position - 1 > self.length:
            raise ValueError(f"{self.name} is longer than {self.length} bytes")


class _WholeRecord:
    """The quick way to encode a record of a layout: all its fields at once.

    The rules of the field encoders below are applied to all fields of a
    type together, a few calls each: the digits checked as one string, the
    X texts matched against their character set at once, the record padded by
    one `str.format` and encoded to CP932 by one `encode`. Whenever a rule
    might not hold (a value missing, a character outside the set, a text too
    long, a character CP932 lacks), `encode` returns None and `Layout` encodes
    field by field, which writes 〓 or raises the precise error.
    """

    def __init__(self, layout):
        given = [
            field for field in layout.fields if field.name not in (FILLER, GAIJI_FLAG)
        ]
        position = {field.name: index for index, field in enumerate(given)}
        self.values_of = _picker([field.name for field in given])

        def indexes(kind, flavour=None):
            return [
                position[field.name]
                for field in given
                if field.kind == kind and flavour in (None, field.flavour)
            ]

        self._digits = _picker(indexes("9"))
        self._n = indexes("N")
        self._x = [(i, given[i].flavour == "bank") for i in indexes("X")]
        self._plain_x = _picker(indexes("X", ""))
        self._bank_x = _picker(indexes("X", "bank"))

        template, characters = [], 0
        for field in layout.fields:
            width = field.length // 2 if field.kind == "N" else field.length
            characters += width
            if field.name == GAIJI_FLAG:
                template.append("0" * width)
            elif field.name == FILLER:
                template.append(" " * width)
            else:
                template.append(
                    f"{{{position[field.name]}:{_ALIGNMENT[field.kind]}{width}}}"
                )
        self._format = "".join(template).format
        self._characters = characters
        self._bytes = sum(field.length for field in layout.fields)
        self._tail = b" " * (layout.length - self._bytes) + CRLF

    def encode(self, values):
        """Return the record with CR LF, or None to go field by field.

        `values` are those of the given fields, in record order.
        """
        if None in values:
            return None
        texts = list(map(str, values))
        for index in self._n:
            texts[index] = full_width(texts[index])
        for index, bank in self._x:
            if not texts[index].isascii():
                texts[index] = half_width(texts[index], bank)

        digits = self._digits(texts)
        if "" in digits or not _ASCII_DIGITS.fullmatch("".join(digits)):
            return None
        if not (
            _PLAIN_X.fullmatch("".join(self._plain_x(texts)))
            and _BANK_X.fullmatch("".join(self._bank_x(texts)))
        ):
            return None
        record = self._format(*texts)
        if len(record) != self._characters:
            return None
        try:
            raw = record.encode(ENCODING)
        except UnicodeEncodeError:
            return None
        # Shorter when some N text kept a one-byte character.
        return raw + self._tail if len(raw) == self._bytes else None


def _picker(keys):
    """Return a function giving the items at `keys` of a sequence, as a tuple."""
    if len(keys) == 1:
        (key,) = keys
        return lambda items: (items[key],)
    return itemgetter(*keys) if keys else lambda items: ()


def _encode_digits(field, value):
    text = "0" if value is None else str(value)
    if not (text.isascii() and text.isdigit()):
        raise FieldValueError(
            field,
            _("数字だけを書けますが「%(value)s」です。") % {"value": text},
        )
    if len(text) > field.length:
        raise _too_long(field, text)
    return text.rjust(field.length, "0").encode("ascii"), False


def _encode_x(field, value):
    text = "" if value is None else str(value)
    allowed = _BANK_X if field.flavour == "bank" else _PLAIN_X
    if text.isascii() and allowed.fullmatch(text):
        raw = text.encode("ascii")
    else:
        raw = _half_width_x(field, text, allowed)
    if len(raw) > field.length:
        raise _too_long(field, raw)
    return raw.ljust(field.length, b" "), False


def _half_width_x(field, text, allowed):
    text = half_width(text, bank=field.flavour == "bank")
    if not allowed.fullmatch(text):
        raise FieldValueError(
            field,
            _("半角英数字・半角カナ・空白・ハイフン以外の文字があります（%(value)s）。")
            % {"value": text},
        )
    return text.encode(ENCODING)


def _encode_n(field, value):
    text = full_width("" if value is None else str(value))
    try:
        raw, gaiji = text.encode(ENCODING), False
    except UnicodeEncodeError:
        raw, gaiji = b"".join(_cp932_or_geta(char) for char in text), True

    if len(raw) != 2 * len(text):
        char = next(char for char in text if len(_cp932_or_geta(char)) != 2)
        raise FieldValueError(
            field, _("全角にできない文字（%(char)r）があります。") % {"char": char}
        )
    if len(raw) > field.length:
        raise _too_long(field, raw)
    return raw + _FULL_WIDTH_PADDING * ((field.length - len(raw)) // 2), gaiji


def _too_long(field, raw):
    return FieldValueError(
        field,
        _("%(max)dバイトまでですが、%(length)dバイトあります。")
        % {"max": field.length, "length": len(raw)},
    )


def _cp932_or_geta(char):
    try:
        return char.encode(ENCODING)
    except UnicodeEncodeError:
        return GAIJI.encode(ENCODING)


_ENCODERS = {"9": _encode_digits, "X": _encode_x, "N": _encode_n}
# str.format alignments: 9 right-aligned with zeros, X and N left-aligned with
# the half-width and the ideographic space.
_ALIGNMENT = {"9": "0>", "X": " <", "N": FULL_WIDTH_SPACE + "<"}
_FULL_WIDTH_PADDING = FULL_WIDTH_SPACE.encode(ENCODING)
