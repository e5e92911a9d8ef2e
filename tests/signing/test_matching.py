"""A card's four facts name a ContractHolder by name and birth date only.

IDENTITY.md: matching is normalised for width and 代替文字; the address is
not used, because the certificate is reissued on every move.
"""

import datetime

import pytest

from auth_mynumber_gbiz.jpki_matching import name_matches
from auth_mynumber_gbiz.models import ExternalIdentity
from tests.auth.conftest import logged_in_user_id
from tests.factories import CorporationFactory, SmallBusinessContractFactory
from tests.jpki.card_authority import Holder
from tests.signing.flows import log_in_with_app

pytestmark = pytest.mark.django_db

BORN = datetime.date(1970, 4, 1)


def flags(text):
    return tuple(flag == "1" for flag in text)


@pytest.mark.parametrize(
    ("card_name", "card_flags", "holder_name"),
    [
        ("山田\u3000花子", "00000", "山田\u3000花子"),
        ("山田\u3000花子", "00000", "山田 花子"),
        ("山田\u3000花子", "00000", "山田花子"),
        ("山田\u3000花子", "00000", "山田\u3000\u3000花子 "),
        ("ヤマダ\u3000ハナコ", "0000000", "ﾔﾏﾀﾞ ﾊﾅｺ"),
        ("ＡＢＣ\u3000太郎", "000000", "ABC 太郎"),
        ("〓田\u3000花子", "10000", "𠮷田\u3000花子"),
        ("〓橋\u3000和子", "10000", "髙橋 和子"),
        ("渡〓\u3000〓", "0101", "渡邊　廣"),
    ],
)
def test_names_match_across_width_spaces_and_substitutions(
    card_name, card_flags, holder_name
):
    assert name_matches(card_name, flags(card_flags), holder_name)


@pytest.mark.parametrize(
    ("card_name", "card_flags", "holder_name"),
    [
        ("山田\u3000花子", "00000", "山田\u3000華子"),
        ("山田\u3000花子", "00000", "山田\u3000花"),
        ("〓田\u3000花子", "00000", "𠮷田\u3000花子"),
        ("〓田\u3000花子", "10000", "𠮷田\u3000花子子"),
        ("〓田\u3000花子", "10000", "𠮷野\u3000花子"),
        ("〓〓", "11", "山田"),
    ],
)
def test_names_that_differ_do_not_match(card_name, card_flags, holder_name):
    assert not name_matches(card_name, flags(card_flags), holder_name)


@pytest.mark.parametrize(
    ("holder_name", "card"),
    [
        ("共済 一郎", Holder(name="共済\u3000一郎", birth_date="319700401")),
        ("共済一郎", Holder(name="共済\u3000一郎", birth_date="319700401")),
        (
            "𠮷田\u3000一郎",
            Holder(
                name="〓田\u3000一郎",
                name_substitutions="10000",
                birth_date="319700401",
            ),
        ),
        (
            "ｷｮｳｻｲ ｲﾁﾛｳ",
            Holder(name="キョウサイ\u3000イチロウ", birth_date="319700401"),
        ),
    ],
)
def test_a_card_logs_in_its_holder_despite_width_and_substitutions(
    client, app, authority, holder_name, card
):
    holder = SmallBusinessContractFactory(
        holder__name=holder_name, holder__birth_date=BORN
    ).holder
    app.card = authority.issue(card)

    log_in_with_app(client)

    identity = ExternalIdentity.objects.get(holder=holder)
    assert logged_in_user_id(client) == str(identity.user_id)


def test_a_new_address_still_logs_in(client, app, authority):
    holder = SmallBusinessContractFactory(
        holder__name="共済 一郎",
        holder__birth_date=BORN,
        holder__address="沖縄県那覇市泉崎一丁目２番２号",
    ).holder
    app.card = authority.issue(
        Holder(
            name="共済\u3000一郎",
            birth_date="319700401",
            address="北海道函館市東雲町４番１３号",
        )
    )

    log_in_with_app(client)

    assert ExternalIdentity.objects.get(holder=holder)


@pytest.mark.parametrize(
    "card",
    [
        Holder(name="共済\u3000一郎", birth_date="319700402"),
        Holder(name="共済\u3000二郎", birth_date="319700401"),
        # 生年月日不詳 (era 0): a date the card does not know matches nobody.
        Holder(name="共済\u3000一郎", birth_date="019700401"),
    ],
    ids=["another-birth-date", "another-name", "unknown-era"],
)
def test_a_card_of_someone_else_logs_nobody_in(client, app, authority, card):
    SmallBusinessContractFactory(holder__name="共済 一郎", holder__birth_date=BORN)
    app.card = authority.issue(card)

    answer = log_in_with_app(client)

    assert answer.status_code == 403
    assert "契約者が見つかりませんでした" in answer.content.decode()
    assert logged_in_user_id(client) is None


def test_two_matching_holders_log_nobody_in(client, app, authority):
    for _copy in range(2):
        SmallBusinessContractFactory(holder__name="共済 一郎", holder__birth_date=BORN)
    app.card = authority.issue(Holder(name="共済\u3000一郎", birth_date="319700401"))

    answer = log_in_with_app(client)

    assert "複数あるため" in answer.content.decode()
    assert logged_in_user_id(client) is None


def test_a_company_is_never_matched_by_a_card(client, app, authority):
    CorporationFactory(name="共済 一郎", birth_date=BORN)
    app.card = authority.issue(Holder(name="共済\u3000一郎", birth_date="319700401"))

    answer = log_in_with_app(client)

    assert answer.status_code == 403
    assert logged_in_user_id(client) is None
