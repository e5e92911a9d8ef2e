"""The development channel: demo cards of a development CA, development only.

IDENTITY.md: a development provider plays the デジタル認証アプリ with demo
cards issued by a development CA, installed only when settings say so and
refused by production settings. Its files stay private to the developer.
"""

import datetime
import stat

import pytest
from cryptography import x509

from auth_mynumber_gbiz.signing import dev_authority, dev_cards
from tests.factories import SmallBusinessContractFactory
from tests.signing.flows import log_in_with_demo_card
from tests.test_production_settings import manage

pytestmark = pytest.mark.django_db


def test_it_lists_a_card_per_member_and_the_three_refusing_cards(dev_channel, member):
    SmallBusinessContractFactory(holder__name="髙橋 和子")

    labels = [card.label for card in dev_cards.demo_cards()]

    assert labels == [
        "共済 一郎 さんのカード",
        "〓橋 和子 さんのカード",
        "契約の登録がない方のカード（ログインできない例）",
        "共済 一郎 さんの失効したカード（署名できない例）",
        "共済 一郎 さんの有効期限が切れたカード（署名できない例）",
    ]


def test_a_character_outside_jis_x_0208_becomes_a_flagged_substitute(db):
    holder = SmallBusinessContractFactory(holder__name="髙橋　和子").holder

    facts = dev_cards.holder_facts(holder)

    assert facts.name == "〓橋\u3000和子"
    assert facts.name_substitutions == "10000"


def test_the_birth_date_carries_its_era(db):
    holder = SmallBusinessContractFactory(
        holder__birth_date=datetime.date(1989, 1, 8)
    ).holder

    assert dev_cards.holder_facts(holder).birth_date == "419890108"
    assert dev_cards.birth_date_text(holder.birth_date.replace(day=7)) == "319890107"


def test_the_development_ca_keeps_its_files_private(client, dev_channel, member):
    log_in_with_demo_card(client, "共済 一郎 さんのカード")

    files = [path for path in dev_channel.rglob("*") if path.is_file()]
    assert {path.name for path in files} >= {"ca.pem", "ca-key.pem", "dev-ca.crl"}
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE((dev_channel / "cards").stat().st_mode) == 0o700


def test_the_crl_is_renewed_a_day_after_it_was_written(
    dev_channel, member, monkeypatch
):
    card = dev_cards.demo_cards()[0]
    dev_cards.issue(card)
    crl_path = dev_channel / "crl" / dev_authority.CRL_FILE
    written = x509.load_der_x509_crl(crl_path.read_bytes())
    later = written.last_update_utc + datetime.timedelta(days=1, minutes=10)
    monkeypatch.setattr(dev_authority, "_now", lambda: later)

    dev_cards.issue(card)

    renewed = x509.load_der_x509_crl(crl_path.read_bytes())
    assert renewed.last_update_utc > written.last_update_utc
    assert renewed.next_update_utc - renewed.last_update_utc == (
        dev_authority.CRL_LIFETIME
    )


def test_production_refuses_the_development_channel():
    result = manage("check", "--deploy", JPKI_SIGNING_CHANNEL="development")

    assert result.returncode != 0
    assert "kyosai.E010" in result.stderr


def test_production_defaults_to_the_app_channel():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.JPKI_SIGNING_CHANNEL, settings.JPKI_CA_CERTS or '-', settings.JPKI_ALLOWED_POLICIES)",
    )

    assert result.returncode == 0, result.stderr
    # The shell may first say how many objects it imported.
    printed = result.stdout.strip().splitlines()[-1]
    assert printed.split()[:2] == ["digital_auth_app", "-"]
    assert "1.2.392.200149.8.5.1.0.20" not in printed


def test_make_run_trusts_the_development_ca_with_no_variables():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; "
        "print(settings.JPKI_SIGNING_CHANNEL, settings.JPKI_CA_CERTS, "
        "settings.JPKI_CRL_DIR, *settings.JPKI_ALLOWED_POLICIES)",
        PORTAL_ENV="development",
        DEV_JPKI_DIR=None,
    )

    assert result.returncode == 0, result.stderr
    channel, ca, crl, *policies = result.stdout.strip().splitlines()[-1].split()
    assert channel == "development"
    assert ca.endswith("/.data/dev-jpki/ca.pem")
    assert crl.endswith("/.data/dev-jpki/crl")
    assert policies == ["1.2.392.200149.8.5.1.1.20", "1.2.392.200149.8.5.1.0.20"]
