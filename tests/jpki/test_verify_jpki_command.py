"""`manage.py verify_jpki`, run as operators run it: a separate process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.jpki.card_authority import Holder
from tests.jpki.conftest import SIGNED_BYTES

REPOSITORY = Path(__file__).resolve().parents[2]


@pytest.fixture
def run_command(jpki):
    """Return a function running verify_jpki on files, with the test CA trusted."""
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kyosai_portal.test_settings",
        "JPKI_CA_CERTS": str(jpki.ca_bundle),
        "JPKI_CRL_DIR": str(jpki.crl_dir),
    }
    environment.pop("JPKI_ALLOWED_POLICIES", None)

    def run(certificate, signature, data):
        files = jpki.ca_bundle.parent
        (files / "certificate").write_bytes(certificate)
        (files / "signature").write_bytes(signature)
        (files / "data").write_bytes(data)
        return subprocess.run(
            [
                sys.executable,
                "manage.py",
                "verify_jpki",
                "--certificate",
                str(files / "certificate"),
                "--signature",
                str(files / "signature"),
                "--data",
                str(files / "data"),
            ],
            cwd=REPOSITORY,
            env=environment,
            capture_output=True,
            text=True,
            timeout=120,
        )

    return run


@pytest.mark.parametrize("encoding", ["pem", "der"])
def test_a_valid_signature_prints_the_facts_and_exits_0(
    run_command, authority, encoding
):
    card = authority.issue(
        Holder(
            name="佐藤\u3000一郎",
            name_substitutions="10000",
            gender="1",
            birth_date="319700101",
        )
    )

    done = run_command(getattr(card, encoding), card.sign(SIGNED_BYTES), SIGNED_BYTES)

    assert done.returncode == 0, done.stderr
    assert "結果: valid" in done.stdout
    assert "氏名: 佐藤\u3000一郎" in done.stdout
    assert "氏名の代替文字: 1文字目" in done.stdout
    assert "性別: 男" in done.stdout
    assert "生年月日: 1970-01-01 (昭和" in done.stdout
    assert "住所: 東京都千代田区" in done.stdout
    assert "失効確認: good" in done.stdout


def test_tampered_data_exits_1_without_facts(run_command, authority):
    card = authority.issue()

    done = run_command(card.pem, card.sign(SIGNED_BYTES), SIGNED_BYTES + b" ")

    assert done.returncode == 1
    assert "結果: bad_signature" in done.stdout
    assert "申込内容と一致しません" in done.stdout
    assert "氏名" not in done.stdout


def test_a_revoked_certificate_exits_1(run_command, jpki, authority):
    card = authority.issue()
    jpki.write_crl(authority.crl([card.certificate.serial_number], number=2))

    done = run_command(card.der, card.sign(SIGNED_BYTES), SIGNED_BYTES)

    assert done.returncode == 1
    assert "結果: revoked" in done.stdout


def test_a_file_that_cannot_be_read_exits_1_and_says_which(run_command, jpki):
    done = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "verify_jpki",
            "--certificate",
            "/nonexistent/card.pem",
            "--signature",
            "/nonexistent/sig",
            "--data",
            "/nonexistent/data",
        ],
        cwd=REPOSITORY,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "kyosai_portal.test_settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert done.returncode == 1
    assert "/nonexistent/card.pem を読み込めません" in done.stderr
