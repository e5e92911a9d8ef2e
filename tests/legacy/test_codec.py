"""The fixed-width CP932 field codec (LEGACY_INTERFACE.md, "Encoding")."""

import jaconv
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kyosai_portal.legacy.codec import (
    CRLF,
    Field,
    FieldValueError,
    Layout,
    LayoutError,
    decode_field,
    encode_field,
)
from kyosai_portal.legacy.widths import full_width, half_width

DIGITS = Field("monthly_premium", "9", 6, 1)
TEXT = Field("name_kana", "X", 20, 1)
BANK = Field("account_holder_kana", "X", 30, 1, "bank")
KANJI = Field("name", "N", 10, 1)


def test_a_9_field_is_right_aligned_and_zero_padded():
    """Encoding, type 9: digits only, right-aligned, zero-padded."""
    assert encode_field(DIGITS, 50_000) == b"050000"
    assert encode_field(DIGITS, "202612") == b"202612"
    assert encode_field(DIGITS, None) == b"000000"


@pytest.mark.parametrize("value", [-1, "12a", "１２", "1.5"])
def test_a_9_field_refuses_anything_but_digits(value):
    """Encoding, type 9: digits only."""
    with pytest.raises(FieldValueError, match="monthly_premium"):
        encode_field(DIGITS, value)


def test_an_x_field_is_left_aligned_and_padded_with_half_width_spaces():
    """Encoding, type X: left-aligned, padded with half-width spaces."""
    assert encode_field(TEXT, "T-0000001") == b"T-0000001           "


def test_an_x_field_turns_kana_into_half_width_katakana():
    """Encoding, type X: kana fields become half-width katakana (ﾔﾏﾀﾞ ﾀﾛｳ)."""
    expected = "ﾔﾏﾀﾞ ﾀﾛｳ".encode("cp932").ljust(20, b" ")

    assert encode_field(TEXT, "ヤマダ　タロウ") == expected
    assert encode_field(TEXT, "やまだ たろう") == expected
    assert len(expected.rstrip()) == len("ヤマダ　タロウ") + 1  # ﾞ is a byte


def test_an_x_field_keeps_small_kana_but_a_bank_name_enlarges_them():
    """Encoding, type X: small kana allowed; 口座名義 uses the bank set."""
    assert encode_field(TEXT, "キャッシュ").rstrip() == "ｷｬｯｼｭ".encode("cp932")
    assert encode_field(BANK, "カ）キャッシュー").rstrip() == "ｶ)ｷﾔﾂｼﾕ-".encode("cp932")
    assert encode_field(BANK, "yamada").rstrip() == b"YAMADA"


@pytest.mark.parametrize("value", ["山田", "a@b", "ﾔﾏﾀﾞ/ﾀﾛｳ"])
def test_an_x_field_refuses_characters_outside_its_set(value):
    """Encoding, type X: ASCII letters, digits, space, -, half-width katakana."""
    with pytest.raises(FieldValueError, match="name_kana"):
        encode_field(TEXT, value)


def test_a_bank_name_refuses_what_the_bank_set_lacks():
    """Procedure areas, account_holder_kana: ｱ-ﾝ ﾞ ﾟ A-Z 0-9 space ( ) . -."""
    with pytest.raises(FieldValueError):
        encode_field(BANK, "ヤマダ/タロウ")


def test_an_n_field_is_full_width_and_padded_with_ideographic_spaces():
    """Encoding, type N: full-width, left-aligned, padded with U+3000."""
    assert encode_field(KANJI, "山田") == "山田\u3000\u3000\u3000".encode("cp932")


def test_an_n_field_turns_ascii_and_half_width_kana_into_full_width():
    """Encoding, type N: ASCII in the source is converted to full-width."""
    assert encode_field(KANJI, "A-1 ｶﾞ") == "Ａ－１\u3000ガ".encode("cp932")


def test_a_character_cp932_lacks_becomes_geta_and_is_flagged():
    """Encoding: a character CP932 cannot encode (𠮷) is written as 〓."""
    assert encode_field(KANJI, "𠮷野家") == "〓野家\u3000\u3000".encode("cp932")
    assert encode_field(KANJI, "髙﨑①") == "髙﨑①\u3000\u3000".encode("cp932")


def test_an_em_dash_is_written_as_the_jis_horizontal_bar_not_as_gaiji():
    """Encoding: CP932 has ― (0x815C) for the dash Unicode spells U+2014."""
    assert encode_field(KANJI, "A—B").startswith("Ａ―Ｂ".encode("cp932"))


@pytest.mark.parametrize(
    "field, value",
    [
        (DIGITS, 1_000_000),
        (TEXT, "A" * 21),
        (TEXT, "ガ" * 11),  # 11 characters, but 22 bytes once half-width
        (KANJI, "山" * 6),
    ],
)
def test_text_too_long_for_its_field_is_an_error_never_cut(field, value):
    """Encoding: text too long for its field is an error, never silently cut."""
    with pytest.raises(FieldValueError, match="バイトまで"):
        encode_field(field, value)


def test_fields_decode_back_without_their_padding():
    """Each type reads back as written: int for 9, text without padding."""
    assert decode_field(DIGITS, b"050000") == 50_000
    assert decode_field(TEXT, encode_field(TEXT, "ﾔﾏﾀﾞ")) == "ﾔﾏﾀﾞ"
    assert decode_field(KANJI, encode_field(KANJI, "山田")) == "山田"


@pytest.mark.parametrize(
    "field, raw",
    [(DIGITS, b"05 000"), (KANJI, b"A" * 10), (TEXT, b"\x81" + b" " * 19)],
)
def test_decoding_refuses_bytes_that_break_the_field_type(field, raw):
    """Records: a field that does not hold its type is a layout error."""
    with pytest.raises(LayoutError):
        decode_field(field, raw)


LAYOUT = Layout.from_table(
    "sample", 30, [("record_type", "X", 1, 1, 1), ("name", "N", 10, 2, 11)]
)


def test_a_record_is_padded_to_its_length_with_spaces_and_ends_in_crlf():
    """Records: bytes after the last field are half-width spaces; then CR LF."""
    record = LAYOUT.encode({"record_type": "2", "name": "山田"})

    assert len(record) == 32
    assert record.endswith(b" " * 19 + b"\r\n")
    assert LAYOUT.decode(record[:-2]) == {"record_type": "2", "name": "山田"}


def test_a_record_of_the_wrong_length_or_with_junk_after_its_fields_is_refused():
    """Records: a fixed number of bytes; the rest spaces."""
    record = LAYOUT.encode({"record_type": "2", "name": "山田"})[:-2]

    with pytest.raises(LayoutError, match="レコード長"):
        LAYOUT.decode(record[:-1])
    with pytest.raises(LayoutError, match="空白"):
        LAYOUT.decode(record[:-1] + b"x")


def test_a_record_needs_every_field_named_and_no_other():
    """Records: a typo in a procedure's legacy_fields() keys fails loudly."""
    with pytest.raises(ValueError, match="missing"):
        LAYOUT.encode({"record_type": "2"})
    with pytest.raises(ValueError, match="unknown"):
        LAYOUT.encode({"record_type": "2", "name": "", "nmae": ""})


def test_the_gaiji_flag_is_computed_from_the_n_fields_of_the_record():
    """Export data record, gaiji_flag: 1 when any N field had a character
    outside CP932 (written as 〓)."""
    layout = Layout.from_table(
        "flagged",
        20,
        [
            ("name", "N", 10, 1, 10),
            ("kana", "X", 5, 11, 15),
            ("gaiji_flag", "9", 1, 16, 16),
        ],
    )

    assert layout.encode({"name": "吉田", "kana": "ﾖｼﾀﾞ"})[15:16] == b"0"
    assert layout.encode({"name": "𠮷田", "kana": "ﾖｼﾀﾞ"})[15:16] == b"1"


def test_a_table_whose_positions_do_not_add_up_is_refused():
    """Records: the tables' from/to columns are checked against the bytes."""
    with pytest.raises(ValueError):
        Layout.from_table("bad", 10, [("a", "X", 2, 1, 2), ("b", "X", 2, 4, 5)])


FULL_WIDTH_LETTERS = st.characters(codec="cp932", categories=["Lo"]).filter(
    lambda char: len(char.encode("cp932")) == 2
)


@given(st.text(alphabet=FULL_WIDTH_LETTERS, max_size=5))
def test_any_full_width_text_cp932_can_encode_reads_back_unchanged(text):
    """Encoding, type N: what CP932 holds comes back as it went in."""
    assert decode_field(KANJI, encode_field(KANJI, text)) == text


# Kana in every width and form, with the sound marks that join (ｶﾞ) and the
# dashes and tildes CP932 spells its own way, among any other characters.
JAPANESE = "あがぱゃっゔアガパャッヴヵヶーｱｶﾞﾊﾟｬｯｳﾞｰﾞﾟ･ＡＢａ１Ab1 -().山〓—〜～－\u3000"
ANY_TEXT = st.text(alphabet=st.one_of(st.sampled_from(JAPANESE), st.characters()))


@given(ANY_TEXT)
def test_x_text_is_made_half_width_as_jaconv_converts_the_whole_text(text):
    """Encoding, type X: kana fields become half-width katakana."""
    expected = jaconv.z2h(jaconv.hira2kata(text), kana=True, ascii=True, digit=True)

    assert half_width(text) == expected


@given(ANY_TEXT)
def test_a_bank_name_is_made_half_width_without_small_kana_in_upper_case(text):
    """Procedure areas, account_holder_kana: the 全銀 set has no small kana."""
    katakana = jaconv.enlarge_smallkana(jaconv.hira2kata(text))
    expected = jaconv.z2h(
        katakana.replace("ー", "-").upper(), kana=True, ascii=True, digit=True
    )

    assert half_width(text, bank=True) == expected


@given(ANY_TEXT)
def test_n_text_is_made_full_width_as_jaconv_converts_the_whole_text(text):
    """Encoding, type N: ASCII and half-width kana are converted to full-width;
    the em dash is spelled as CP932's horizontal bar."""
    expected = jaconv.h2z(text, kana=True, ascii=True, digit=True)

    assert full_width(text) == expected.replace("\u2014", "\u2015")


SAMPLE_RECORD = Layout.from_table(
    "sample record",
    50,
    [
        ("record_type", "X", 1, 1, 1),
        ("amount", "9", 6, 2, 7),
        ("name", "N", 10, 8, 17),
        ("kana", "X", 8, 18, 25),
        ("account_holder_kana", "X", 8, 26, 33, "bank"),
        ("gaiji_flag", "9", 1, 34, 34),
        ("filler", "X", 4, 35, 38),
    ],
)


def _cp932_once_full_width(char):
    try:
        full_width(char).encode("cp932")
    except UnicodeEncodeError:
        return False
    return True


# Values of every type a record is given, none needing 〓 (tested above).
ANY_VALUE = st.one_of(
    st.none(),
    st.integers(min_value=-1, max_value=10_000_000),
    st.text(alphabet="0123456789", max_size=7),
    st.text(
        alphabet=st.one_of(
            st.sampled_from(JAPANESE),
            st.characters(codec="cp932", include_characters="¢£¬‖−〜").filter(
                _cp932_once_full_width
            ),
        ),
        max_size=9,
    ),
)


def _mostly(alphabet, max_size):
    """Texts from `alphabet` that mostly fit; one draw in eight any value."""
    fitting = st.text(alphabet=alphabet, max_size=max_size)
    return st.integers(0, 7).flatmap(lambda n: fitting if n else ANY_VALUE)


RECORD_VALUES = st.fixed_dictionaries(
    {
        "record_type": _mostly("12A ", 1),
        "amount": st.one_of(
            st.integers(min_value=0, max_value=999_999), _mostly("0123456789", 6)
        ),
        "name": _mostly("山田〓—〜～－\u3000ｶﾞﾊﾟAb1 ()ガ①髙", 5),
        "kana": _mostly("ｱｶﾞﾊﾟｬｯｰアガャヴあがゃＡＢａ１Ab1 -", 8),
        "account_holder_kana": _mostly("ｱｶﾞﾊﾟｯｰアガャヴあがゃＡＢａ１Ab1 -().", 8),
    }
)


@settings(max_examples=300)
@given(RECORD_VALUES)
def test_a_record_is_its_fields_side_by_side_or_refused_as_its_field_is(values):
    """Records: each field's bytes at its position, the rest spaces, CR LF; a
    value its field refuses refuses the record with the same message."""
    try:
        fields = [
            encode_field(field, values.get(field.name))
            for field in SAMPLE_RECORD.fields
        ]
    except FieldValueError as error:
        with pytest.raises(FieldValueError) as refused:
            SAMPLE_RECORD.encode(values)
        assert str(refused.value) == str(error)
        return

    assert SAMPLE_RECORD.encode(values) == b"".join(fields).ljust(50) + CRLF
