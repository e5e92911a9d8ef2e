"""マイナンバーカード login through the development channel (IDENTITY.md, JPKI).

A member picks their demo card, types a 署名用パスワード, and is logged in
as the ContractHolder their four facts name; the refusals end on a page
that says what is wrong, with nobody logged in.
"""

import pytest
from django.urls import reverse

from auth_mynumber_gbiz.jpki.outcomes import MESSAGES, Outcome
from auth_mynumber_gbiz.models import ExternalIdentity, Provider
from auth_mynumber_gbiz.signing.channel import SESSION_KEY
from tests.auth.conftest import logged_in_user_id
from tests.signing.flows import log_in_with_demo_card, sign_with_demo_card

pytestmark = pytest.mark.django_db

START = reverse("auth_mynumber_gbiz:jpki_start")


def test_a_member_logs_in_with_their_card_as_the_holder(client, dev_channel, member):
    client.get(reverse("auth_mynumber_gbiz:login"))
    session_before = client.session.session_key

    answer = log_in_with_demo_card(client, "共済 一郎 さんのカード")

    assert answer.status_code == 302
    assert answer["Location"] == reverse("applications:list")
    identity = ExternalIdentity.objects.get(holder=member)
    assert (identity.provider, identity.issuer) == (Provider.JPKI, "JPKI")
    assert identity.subject == f"holder-{member.pk}"
    assert len(identity.certificate_evidence) == 64
    assert logged_in_user_id(client) == str(identity.user_id)
    assert client.session.session_key != session_before


def test_the_user_is_keyed_by_the_holder_not_by_the_certificate(
    client, dev_channel, member, settings
):
    log_in_with_demo_card(client, "共済 一郎 さんのカード")
    first = ExternalIdentity.objects.get(holder=member)
    client.logout()
    # A renewed card: same person, another development CA, so a new serial.
    settings.DEV_JPKI_DIR = dev_channel / "renewed"
    settings.JPKI_CA_CERTS = str(dev_channel / "renewed" / "ca.pem")
    settings.JPKI_CRL_DIR = str(dev_channel / "renewed" / "crl")

    log_in_with_demo_card(client, "共済 一郎 さんのカード")

    again = ExternalIdentity.objects.get(holder=member)
    assert again.user_id == first.user_id
    assert again.certificate_evidence != first.certificate_evidence
    assert logged_in_user_id(client) == str(first.user_id)


def test_the_login_goes_on_to_a_safe_next_page(client, dev_channel, member):
    started = client.post(
        START, {"next": "/maintenance/small-business/premium-change/"}
    )

    answer = sign_with_demo_card(client, started, "共済 一郎 さんのカード")

    assert answer["Location"] == "/maintenance/small-business/premium-change/"


def test_a_next_page_elsewhere_is_ignored(client, dev_channel, member):
    started = client.post(START, {"next": "https://evil.example/"})

    answer = sign_with_demo_card(client, started, "共済 一郎 さんのカード")

    assert answer["Location"] == reverse("applications:list")


@pytest.mark.parametrize(
    ("card", "message"),
    [
        ("契約の登録がない方のカード", "契約者が見つかりませんでした"),
        ("共済 一郎 さんの失効したカード", str(MESSAGES[Outcome.REVOKED])),
        ("共済 一郎 さんの有効期限が切れたカード", str(MESSAGES[Outcome.EXPIRED])),
    ],
)
def test_the_refusing_demo_cards_log_nobody_in(
    client, dev_channel, member, card, message
):
    answer = log_in_with_demo_card(client, card)

    assert answer.status_code == 403
    assert message in answer.content.decode()
    assert "ログイン画面に戻る" in answer.content.decode()
    assert logged_in_user_id(client) is None
    assert not ExternalIdentity.objects.exists()


def test_the_development_page_asks_for_a_six_to_sixteen_character_password(
    client, dev_channel, member
):
    started = client.post(START)
    page = client.get(started["Location"])
    card = page.context["form"].fields["card"].choices[0][0]

    short = client.post(started["Location"], {"card": card, "password": "12345"})
    long = client.post(started["Location"], {"card": card, "password": "x" * 17})

    assert "パスワードは6文字以上で入力してください。" in short.content.decode()
    assert "パスワードは16文字以下で入力してください。" in long.content.decode()
    assert logged_in_user_id(client) is None


def test_the_development_page_shows_what_is_signed(client, dev_channel, member):
    page = client.get(client.post(START)["Location"]).content.decode()

    assert "電子申請へのログイン" in page
    assert "署名の対象（SHA-256）" in page


def test_cancelling_on_the_development_page_says_so(client, dev_channel, member):
    started = client.post(START)
    cancelled = client.post(started["Location"], {"cancel": "1"})
    callback = client.get(cancelled["Location"])

    answer = client.get(callback["Location"])

    assert "電子署名を中止しました" in answer.content.decode()
    assert logged_in_user_id(client) is None


def test_a_login_challenge_is_used_once(client, dev_channel, member):
    answer = log_in_with_demo_card(client, "共済 一郎 さんのカード")
    client.logout()

    replay = client.get(answer.wsgi_request.get_full_path())

    assert replay.status_code == 400
    assert "一致しませんでした" in replay.content.decode() or (
        "有効期限" in replay.content.decode()
    )
    assert logged_in_user_id(client) is None


def test_a_login_challenge_lives_ten_minutes(client, dev_channel, member):
    started = client.post(START)
    session = client.session
    for entry in session[SESSION_KEY].values():
        entry["started"] -= 601
    session.save()

    page = client.get(started["Location"])

    assert "電子署名の有効期限が切れました" in page.content.decode()
    assert logged_in_user_id(client) is None
