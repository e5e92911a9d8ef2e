"""A 署名用電子証明書 signature is accepted only when every check holds.

IDENTITY.md, "Verifying a signature": chain, validity, key usage, policy,
revocation (fail closed), signature over the exact bytes, then the facts.
"""

import datetime
import logging

import pytest
from cryptography import x509

from auth_mynumber_gbiz.jpki.outcomes import MESSAGES, Outcome
from auth_mynumber_gbiz.jpki.result import RevocationStatus
from auth_mynumber_gbiz.jpki.verify import verify_signature
from tests.jpki.card_authority import (
    TEST_ENVIRONMENT_SIGNING_POLICY,
    CardAuthority,
    Holder,
    now,
    rsa_key,
)
from tests.jpki.conftest import SIGNED_BYTES


def verify(card, signature=None):
    """Verify the card's signature (or `signature`) over SIGNED_BYTES."""
    return verify_signature(
        card.certificate, signature or card.sign(SIGNED_BYTES), SIGNED_BYTES
    )


def assert_refused(result, outcome):
    """Assert the outcome, and that a refusal says nothing about the holder."""
    assert result.outcome == outcome, result.detail
    assert not result.ok
    assert result.facts is None
    assert result.message == MESSAGES[outcome]


def test_a_valid_signing_card_signature_is_accepted_with_its_facts(jpki, authority):
    card = authority.issue(Holder(name="山田\u3000花子", gender="2"))

    result = verify(card)

    assert result.outcome == Outcome.VALID
    assert result.ok
    assert result.facts.name == "山田\u3000花子"
    assert result.facts.family_name == "山田"
    assert result.facts.given_name == "花子"
    assert result.facts.birth_date == datetime.date(1985, 4, 23)
    assert result.revocation.status == RevocationStatus.GOOD
    assert result.revocation.crl_number == 1
    assert result.certificate_serial == card.certificate.serial_number
    assert result.certificate_issuer == authority.certificate.subject.rfc4514_string()
    assert abs(result.checked_at - now()) < datetime.timedelta(seconds=5)


def test_the_result_cannot_be_changed_after_the_check(jpki, authority):
    result = verify(authority.issue())

    with pytest.raises(AttributeError):
        result.outcome = Outcome.VALID


def test_the_evidence_is_a_keyed_hash_of_issuer_and_serial_not_the_serial(
    jpki, authority, settings
):
    card = authority.issue()
    evidence = verify(card).certificate_evidence

    assert len(evidence) == 64
    assert str(card.certificate.serial_number) not in evidence
    assert verify(card).certificate_evidence == evidence
    assert verify(authority.issue()).certificate_evidence != evidence
    settings.SECRET_KEY = "another-secret-key-for-this-test-only-0123456789abcdef"
    assert verify(card).certificate_evidence != evidence


def test_an_expired_certificate_is_refused(jpki, authority):
    card = authority.issue(
        not_before=now() - datetime.timedelta(days=5 * 365),
        not_after=now() - datetime.timedelta(days=1),
    )

    assert_refused(verify(card), Outcome.EXPIRED)


def test_a_certificate_not_yet_valid_is_refused(jpki, authority):
    card = authority.issue(not_before=now() + datetime.timedelta(days=1))

    assert_refused(verify(card), Outcome.NOT_YET_VALID)


def test_a_revoked_certificate_is_refused(jpki, authority):
    card = authority.issue()
    jpki.write_crl(authority.crl(revoked=[5, card.certificate.serial_number], number=2))

    result = verify(card)

    assert_refused(result, Outcome.REVOKED)
    assert result.revocation.status == RevocationStatus.REVOKED
    assert result.revocation.crl_number == 2


def test_a_stale_crl_fails_closed(jpki, authority):
    jpki.write_crl(
        authority.crl(
            this_update=now() - datetime.timedelta(days=2),
            next_update=now() - datetime.timedelta(minutes=1),
        )
    )

    assert_refused(verify(authority.issue()), Outcome.CRL_STALE)


def test_a_missing_crl_fails_closed(jpki, authority):
    jpki.remove_crls()

    assert_refused(verify(authority.issue()), Outcome.CRL_MISSING)


def test_without_a_crl_directory_every_signature_is_refused(jpki, authority, settings):
    settings.JPKI_CRL_DIR = ""

    assert_refused(verify(authority.issue()), Outcome.CRL_MISSING)


def test_a_crl_signed_by_an_impostor_does_not_count(jpki, authority):
    impostor = CardAuthority(key_label="impostor")
    jpki.remove_crls()
    jpki.write_crl(impostor.crl())

    assert_refused(verify(authority.issue()), Outcome.CRL_MISSING)


def test_a_card_from_an_untrusted_ca_is_refused(jpki):
    stranger = CardAuthority(
        key_label="stranger",
        subject=x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "Other CA")]),
    )

    assert_refused(verify(stranger.issue()), Outcome.UNTRUSTED_ISSUER)


def test_a_card_from_an_untrusted_ca_with_the_jpki_name_is_refused(jpki):
    impostor = CardAuthority(key_label="impostor")
    card = impostor.issue()
    assert card.certificate.issuer == jpki_subject()

    assert_refused(verify(card), Outcome.UNTRUSTED_ISSUER)


def jpki_subject():
    return CardAuthority().certificate.subject


def test_every_trusted_generation_is_found_by_its_signature_not_its_name(
    jpki, authority, settings
):
    newer = CardAuthority(key_label="jpki-ca-2023")
    jpki.ca_bundle.write_bytes(authority.pem + newer.pem)
    jpki.write_crl(newer.crl(), name="jpki-2023.crl")

    assert verify(newer.issue()).outcome == Outcome.VALID
    assert verify(authority.issue()).outcome == Outcome.VALID


def test_one_generations_crl_does_not_vouch_for_another(jpki, authority):
    newer = CardAuthority(key_label="jpki-ca-2023")
    jpki.ca_bundle.write_bytes(authority.pem + newer.pem)
    jpki.write_crl(authority.crl())

    assert_refused(verify(newer.issue()), Outcome.CRL_MISSING)


def test_a_certificate_without_non_repudiation_is_refused(jpki, authority):
    card = authority.issue(key_usage={"digital_signature": True})

    assert_refused(verify(card), Outcome.WRONG_KEY_USAGE)


def test_a_key_usage_that_is_not_critical_is_refused(jpki, authority):
    card = authority.issue(key_usage_critical=False)

    assert_refused(verify(card), Outcome.WRONG_KEY_USAGE)


def test_a_certificate_that_may_sign_certificates_is_refused(jpki, authority):
    card = authority.issue(
        key_usage={
            "digital_signature": True,
            "content_commitment": True,
            "key_cert_sign": True,
        }
    )

    assert_refused(verify(card), Outcome.WRONG_KEY_USAGE)


def test_the_authentication_certificate_cannot_sign_an_application(jpki, authority):
    card = authority.issue_authentication()

    result = verify(card)

    assert_refused(result, Outcome.AUTHENTICATION_CERTIFICATE)
    assert "署名用電子証明書" in str(result.message)


def test_the_authentication_certificate_is_refused_even_with_signing_key_usage(
    jpki, authority
):
    card = authority.issue_authentication(
        key_usage={"digital_signature": True, "content_commitment": True}
    )

    assert_refused(verify(card), Outcome.AUTHENTICATION_CERTIFICATE)


def test_a_policy_that_is_not_allowed_is_refused(jpki, authority):
    card = authority.issue(policies=(TEST_ENVIRONMENT_SIGNING_POLICY,))

    assert_refused(verify(card), Outcome.WRONG_POLICY)


def test_the_allowed_policies_come_from_the_settings(jpki, authority, settings):
    settings.JPKI_ALLOWED_POLICIES = [TEST_ENVIRONMENT_SIGNING_POLICY]

    assert verify(authority.issue(policies=(TEST_ENVIRONMENT_SIGNING_POLICY,))).ok
    assert_refused(verify(authority.issue()), Outcome.WRONG_POLICY)


def test_policies_that_are_not_critical_are_refused(jpki, authority):
    card = authority.issue(policies_critical=False)

    assert_refused(verify(card), Outcome.WRONG_POLICY)


def test_an_unknown_critical_extension_makes_the_certificate_unusable(jpki, authority):
    unknown = x509.UnrecognizedExtension(
        x509.ObjectIdentifier("1.2.3.4.5.6.7"), b"\x05\x00"
    )
    card = authority.issue(extra_extensions=[(unknown, True)])

    assert_refused(verify(card), Outcome.UNSUPPORTED_CERTIFICATE)


def test_a_key_weaker_than_rsa_2048_is_refused(jpki, authority):
    card = authority.issue(key=rsa_key("weak", bits=1024))

    assert_refused(verify(card), Outcome.UNSUPPORTED_CERTIFICATE)


def test_tampered_data_is_refused(jpki, authority):
    card = authority.issue()
    signature = card.sign(SIGNED_BYTES)
    tampered = SIGNED_BYTES.replace(b"30000", b"10000")

    result = verify_signature(card.certificate, signature, tampered)

    assert_refused(result, Outcome.BAD_SIGNATURE)


def test_a_tampered_signature_is_refused(jpki, authority):
    card = authority.issue()
    signature = bytearray(card.sign(SIGNED_BYTES))
    signature[100] ^= 0x01

    assert_refused(verify(card, signature=bytes(signature)), Outcome.BAD_SIGNATURE)


def test_a_signature_by_another_key_is_refused(jpki, authority):
    card = authority.issue()
    other = authority.issue(key=rsa_key("someone else"))

    assert_refused(
        verify(card, signature=other.sign(SIGNED_BYTES)), Outcome.BAD_SIGNATURE
    )


def test_bytes_that_are_no_certificate_are_refused(jpki):
    result = verify_signature(b"not a certificate", b"\x00" * 256, SIGNED_BYTES)

    assert_refused(result, Outcome.MALFORMED_CERTIFICATE)


def test_the_certificate_may_arrive_as_der_or_pem(jpki, authority):
    card = authority.issue()
    signature = card.sign(SIGNED_BYTES)

    assert verify_signature(card.der, signature, SIGNED_BYTES).ok
    assert verify_signature(card.pem, signature, SIGNED_BYTES).ok


def test_every_outcome_has_its_own_japanese_message():
    messages = [str(MESSAGES[outcome]) for outcome in Outcome]

    assert len(set(messages)) == len(Outcome)
    for message in messages:
        assert message.endswith("。")
        assert any("\u3040" <= ch <= "\u30ff" for ch in message)


def test_the_log_names_the_outcome_but_not_the_holder(jpki, authority, caplog):
    holder = Holder(name="記録\u3000禁止", address="北海道札幌市中央区北一条西二丁目")
    card = authority.issue(holder)

    with caplog.at_level(logging.DEBUG, logger="auth_mynumber_gbiz"):
        verify(card)
        verify(card, signature=b"\x00" * 256)

    assert "valid" in caplog.text
    assert "bad_signature" in caplog.text
    assert "記録" not in caplog.text
    assert "北海道" not in caplog.text
    assert str(card.certificate.serial_number) not in caplog.text
    assert "記録" not in repr(verify(card))
