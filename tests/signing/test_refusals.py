"""Every JPKI refusal, through both the login and the signed 26847 submission.

IDENTITY.md, "Tests and development": expired, not yet valid, revoked,
stale CRL, wrong CA, wrong key usage, authentication certificate instead
of signing, wrong policy, tampered data. Each ends with the applicant told
what is wrong and what to do, nobody logged in and nothing submitted. The
cards come from the tests' JPKI CA, through the デジタル認証アプリ peer.
"""

import datetime

import pytest
from django.urls import reverse

from auth_mynumber_gbiz.jpki.outcomes import MESSAGES, Outcome
from auth_mynumber_gbiz.models import ApplicationSignature, ExternalIdentity
from kyosai_portal.applications.models import Application, Status
from tests.auth.conftest import logged_in_user_id
from tests.jpki.card_authority import CardAuthority, now
from tests.signing.conftest import MEMBER_CARD
from tests.signing.flows import back_from_app, log_in_with_app
from tests.signing.wizard import draft_of, member_client

pytestmark = pytest.mark.django_db


def expired(authority, jpki):
    return authority.issue(
        MEMBER_CARD,
        not_before=now() - datetime.timedelta(days=5 * 365),
        not_after=now() - datetime.timedelta(days=1),
    )


def not_yet_valid(authority, jpki):
    return authority.issue(MEMBER_CARD, not_before=now() + datetime.timedelta(days=1))


def revoked(authority, jpki):
    card = authority.issue(MEMBER_CARD)
    jpki.write_crl(authority.crl(revoked=[card.certificate.serial_number], number=2))
    return card


def behind_a_stale_crl(authority, jpki):
    jpki.write_crl(
        authority.crl(
            this_update=now() - datetime.timedelta(days=2),
            next_update=now() - datetime.timedelta(minutes=1),
            number=2,
        )
    )
    return authority.issue(MEMBER_CARD)


def from_another_ca(authority, jpki):
    # Same subject as the trusted CA, another key: a forgery by name.
    return CardAuthority(key_label="impostor-ca").issue(MEMBER_CARD)


def for_authentication(authority, jpki):
    return authority.issue_authentication()


def with_another_policy(authority, jpki):
    return authority.issue(MEMBER_CARD, policies=("1.2.392.200149.8.5.1.9.99",))


def without_non_repudiation(authority, jpki):
    return authority.issue(MEMBER_CARD, key_usage={"digital_signature": True})


CASES = [
    (expired, Outcome.EXPIRED),
    (not_yet_valid, Outcome.NOT_YET_VALID),
    (revoked, Outcome.REVOKED),
    (behind_a_stale_crl, Outcome.CRL_STALE),
    (from_another_ca, Outcome.UNTRUSTED_ISSUER),
    (for_authentication, Outcome.AUTHENTICATION_CERTIFICATE),
    (with_another_policy, Outcome.WRONG_POLICY),
    (without_non_repudiation, Outcome.WRONG_KEY_USAGE),
]


@pytest.mark.parametrize(
    ("card", "outcome"), CASES, ids=[card.__name__ for card, _outcome in CASES]
)
def test_a_refused_card_logs_nobody_in(
    client, app, member, authority, jpki, card, outcome
):
    app.card = card(authority, jpki)

    answer = log_in_with_app(client)

    assert answer.status_code == 403
    assert str(MESSAGES[outcome]) in answer.content.decode()
    assert logged_in_user_id(client) is None
    assert not ExternalIdentity.objects.exists()


def test_tampered_data_logs_nobody_in(client, app, member):
    app.faults["tamper"] = True

    answer = log_in_with_app(client)

    assert str(MESSAGES[Outcome.BAD_SIGNATURE]) in answer.content.decode()
    assert logged_in_user_id(client) is None


@pytest.mark.parametrize(
    ("card", "outcome"), CASES, ids=[card.__name__ for card, _outcome in CASES]
)
def test_a_refused_card_submits_nothing(
    client, app, member, authority, jpki, card, outcome
):
    browser = member_client(client, member)
    draft = draft_of(browser, member, new_premium="20000")
    app.card = card(authority, jpki)

    answer = back_from_app(browser, browser.post(confirm_url(draft)))

    assert_nothing_submitted(browser, answer, draft, MESSAGES[outcome])


def test_tampered_data_submits_nothing(client, app, member):
    browser = member_client(client, member)
    draft = draft_of(browser, member, new_premium="20000")
    app.faults["tamper"] = True

    answer = back_from_app(browser, browser.post(confirm_url(draft)))

    assert_nothing_submitted(browser, answer, draft, MESSAGES[Outcome.BAD_SIGNATURE])


def confirm_url(application):
    return reverse("maintenance:s_premium_change_confirm", args=[application.pk])


def assert_nothing_submitted(browser, answer, draft, message):
    """The applicant is back on the confirm page, told why; the draft stays one."""
    assert answer.status_code == 302
    assert answer["Location"] == confirm_url(draft)
    page = browser.get(answer["Location"]).content.decode()
    assert str(message) in page
    assert "マイナンバーカードで署名して申請する" in page
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.receipt_no is None
    assert not ApplicationSignature.objects.exists()
    assert not Application.objects.filter(status=Status.SUBMITTED).exists()
