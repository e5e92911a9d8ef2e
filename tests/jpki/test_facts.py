"""The four facts are read from the right otherName, in IDENTITY.md's formats."""

import datetime

import pytest
from cryptography import x509

from auth_mynumber_gbiz.jpki.der_strings import decode_utf8_string
from auth_mynumber_gbiz.jpki.facts import Era, Gender
from auth_mynumber_gbiz.jpki.outcomes import Outcome
from auth_mynumber_gbiz.jpki.verify import verify_signature
from tests.jpki.card_authority import (
    ADDRESS_OID,
    ADDRESS_SUBSTITUTIONS_OID,
    BIRTH_DATE_OID,
    GENDER_OID,
    NAME_OID,
    NAME_SUBSTITUTIONS_OID,
    Holder,
    utf8_string,
)
from tests.jpki.conftest import SIGNED_BYTES


def facts_of(card):
    result = verify_signature(card.certificate, card.sign(SIGNED_BYTES), SIGNED_BYTES)
    assert result.outcome == Outcome.VALID, result.detail
    return result.facts


def other_name(oid, text):
    return x509.OtherName(x509.ObjectIdentifier(oid), utf8_string(text))


def test_each_oid_lands_in_its_own_fact(jpki, authority):
    """Pin the mapping: every OID carries a value no other fact could take."""
    card = authority.issue(
        other_names=[
            other_name(ADDRESS_SUBSTITUTIONS_OID, "000001"),
            other_name(ADDRESS_OID, "大阪府大阪市"),
            other_name(BIRTH_DATE_OID, "419900311"),
            other_name(GENDER_OID, "1"),
            other_name(NAME_SUBSTITUTIONS_OID, "1000"),
            other_name(NAME_OID, "髙橋\u3000一"),
        ]
    )

    facts = facts_of(card)

    assert facts.name == "髙橋\u3000一"
    assert facts.name_substituted == (True, False, False, False)
    assert facts.gender == Gender.MALE
    assert facts.birth_date == datetime.date(1990, 3, 11)
    assert facts.birth_era == Era.HEISEI
    assert facts.birth_date_text == "419900311"
    assert facts.address == "大阪府大阪市"
    assert facts.address_substituted == (False,) * 5 + (True,)


def test_substituted_characters_are_flagged_per_character(jpki, authority):
    holder = Holder(
        name="渡邊\u3000𠮷雄",
        name_substitutions="01010",
        address="東京都葛飾区",
        address_substitutions="001000",
    )

    facts = facts_of(authority.issue(holder))

    assert facts.name_substituted == (False, True, False, True, False)
    assert facts.address_substituted == (False, False, True, False, False, False)
    assert facts.has_substituted_characters


def test_no_flag_string_means_no_substitution(jpki, authority):
    facts = facts_of(authority.issue(Holder(name="山田\u3000花子")))

    assert facts.name_substituted == (False,) * 5
    assert not facts.has_substituted_characters


@pytest.mark.parametrize(
    ("code", "gender"),
    [("1", Gender.MALE), ("2", Gender.FEMALE), ("3", Gender.UNKNOWN)],
)
def test_the_gender_code_is_read(jpki, authority, code, gender):
    assert facts_of(authority.issue(Holder(gender=code))).gender == gender


@pytest.mark.parametrize(
    ("text", "era", "date"),
    [
        ("118680908", Era.MEIJI, datetime.date(1868, 9, 8)),
        ("219120730", Era.TAISHO, datetime.date(1912, 7, 30)),
        ("319260101", Era.SHOWA, datetime.date(1926, 1, 1)),
        ("520190501", Era.REIWA, datetime.date(2019, 5, 1)),
    ],
)
def test_the_era_digit_and_the_gregorian_date_are_read(
    jpki, authority, text, era, date
):
    facts = facts_of(authority.issue(Holder(birth_date=text)))

    assert (facts.birth_era, facts.birth_date) == (era, date)


def test_an_unknown_era_gives_no_birth_date_but_keeps_the_text(jpki, authority):
    facts = facts_of(authority.issue(Holder(birth_date="019450815")))

    assert facts.birth_era == Era.UNKNOWN
    assert facts.birth_date is None
    assert facts.birth_date_text == "019450815"


def test_a_partly_unknown_date_gives_no_birth_date(jpki, authority):
    facts = facts_of(authority.issue(Holder(birth_date="319500000")))

    assert facts.birth_era == Era.SHOWA
    assert facts.birth_date is None


def test_a_200_character_address_in_long_form_der_is_read_whole(jpki, authority):
    address = ("北海道札幌市中央区北一条西二丁目" * 13)[:200]
    card = authority.issue(Holder(address=address))
    san = card.certificate.extensions.get_extension_for_class(
        x509.SubjectAlternativeName
    ).value
    encoded = next(
        value.value
        for value in san.get_values_for_type(x509.OtherName)
        if value.type_id.dotted_string == ADDRESS_OID
    )
    # 600 bytes of UTF-8: tag, then 0x82 and a two-byte length.
    assert encoded[:4] == bytes([0x0C, 0x82, 0x02, 0x58])

    facts = facts_of(card)

    assert facts.address == address
    assert len(facts.address_substituted) == 200


@pytest.mark.parametrize(
    "holder",
    [
        Holder(gender="9"),
        Holder(gender=""),
        Holder(name=""),
        Holder(address=""),
        Holder(birth_date="S60.4.23"),
        Holder(birth_date="619850423"),
        Holder(name="山田\u3000花子", name_substitutions="01"),
        Holder(name="山田\u3000花子", name_substitutions="02000"),
    ],
    ids=[
        "unknown-gender",
        "no-gender",
        "no-name",
        "no-address",
        "not-EYYYYMMDD",
        "unknown-era-digit",
        "flags-too-short",
        "flags-not-binary",
    ],
)
def test_facts_out_of_format_are_refused_after_the_signature_holds(
    jpki, authority, holder
):
    card = authority.issue(holder)

    result = verify_signature(card.certificate, card.sign(SIGNED_BYTES), SIGNED_BYTES)

    assert result.outcome == Outcome.MALFORMED_FACTS
    assert result.facts is None


def test_a_fact_that_is_not_a_utf8string_is_refused(jpki, authority):
    printable_name = b"\x13\x05YAMDA"
    card = authority.issue(
        other_names=[
            x509.OtherName(x509.ObjectIdentifier(NAME_OID), printable_name),
            *Holder().other_names()[1:],
        ]
    )

    result = verify_signature(card.certificate, card.sign(SIGNED_BYTES), SIGNED_BYTES)

    assert result.outcome == Outcome.MALFORMED_FACTS


def test_a_repeated_fact_is_refused(jpki, authority):
    card = authority.issue(
        other_names=[other_name(NAME_OID, "別\u3000人"), *Holder().other_names()]
    )

    result = verify_signature(card.certificate, card.sign(SIGNED_BYTES), SIGNED_BYTES)

    assert result.outcome == Outcome.MALFORMED_FACTS


def test_the_facts_do_not_show_in_their_repr(jpki, authority):
    facts = facts_of(authority.issue(Holder(name="表示\u3000禁止")))

    assert "表示" not in repr(facts)


@pytest.mark.parametrize(
    ("der", "text"),
    [
        (bytes([0x0C, 0x00]), ""),
        (bytes([0x0C, 0x02]) + b"ab", "ab"),
        (bytes([0x0C, 0x81, 0x80]) + b"a" * 128, "a" * 128),
        (bytes([0x0C, 0x82, 0x01, 0x00]) + b"a" * 256, "a" * 256),
    ],
)
def test_short_and_long_form_der_lengths_are_decoded(der, text):
    assert decode_utf8_string(der) == text


@pytest.mark.parametrize(
    "der",
    [
        bytes([0x13, 0x02]) + b"ab",  # PrintableString
        bytes([0x0C, 0x03]) + b"ab",  # length beyond the content
        bytes([0x0C, 0x01]) + b"ab",  # bytes after the value
        bytes([0x0C, 0x81, 0x02]) + b"ab",  # long form where short fits
        bytes([0x0C, 0x82, 0x00, 0x80]) + b"a" * 128,  # leading zero
        bytes([0x0C, 0x80]),  # indefinite length, BER only
        bytes([0x0C, 0x02]) + b"\xff\xfe",  # not UTF-8
    ],
)
def test_anything_but_a_der_utf8string_is_refused(der):
    with pytest.raises(ValueError):
        decode_utf8_string(der)
