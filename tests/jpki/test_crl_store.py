"""CRLs are verified at load and kept as hash sets; the portal reloads them."""

import datetime

import pytest
from cryptography import x509

from auth_mynumber_gbiz import tasks
from auth_mynumber_gbiz.jpki.crl_cache import current_crl_store
from auth_mynumber_gbiz.jpki.outcomes import Outcome
from auth_mynumber_gbiz.jpki.revocation import load_crl_store
from auth_mynumber_gbiz.jpki.trust_store import TrustStore
from auth_mynumber_gbiz.jpki.verify import verify_signature
from tests.jpki.card_authority import CardAuthority, crl_bytes, now
from tests.jpki.conftest import SIGNED_BYTES

FIRST_SERIAL = 10**15
MILLION = 1_000_000


def million_serials():
    return range(FIRST_SERIAL, FIRST_SERIAL + 7 * MILLION, 7)


@pytest.fixture(scope="session")
def million_crl_dir(authority, tmp_path_factory):
    """A directory with one CRL of the test CA listing a million serials."""
    directory = tmp_path_factory.mktemp("crl-million")
    (directory / "jpki.crl").write_bytes(crl_bytes(authority.crl(million_serials())))
    return directory


@pytest.fixture(scope="session")
def million_crl_store(authority, million_crl_dir):
    """The CRL store loaded from `million_crl_dir`, once per session."""
    return load_crl_store(TrustStore((authority.certificate,)), million_crl_dir)


@pytest.fixture
def small_crl_dir(authority, tmp_path):
    directory = tmp_path / "crl-small"
    directory.mkdir()
    serials = list(million_serials()[:5]) + [FIRST_SERIAL - 1 - n for n in range(5)]
    (directory / "jpki.crl").write_bytes(crl_bytes(authority.crl(serials)))
    return directory


def test_a_million_serial_crl_loads_into_a_hash_set_like_a_small_one(
    authority, million_crl_store, small_crl_dir
):
    trust_store = TrustStore((authority.certificate,))
    big = million_crl_store.for_authority(authority.certificate)
    small = load_crl_store(trust_store, small_crl_dir).for_authority(
        authority.certificate
    )

    assert million_crl_store.problems == ()
    assert len(big.revoked_serials) == MILLION
    assert len(small.revoked_serials) == 10
    # Membership is a hash look-up in both: no list, no scan of the CRL.
    assert type(big.revoked_serials) is frozenset
    assert type(small.revoked_serials) is frozenset
    serials = million_serials()
    for serial in (serials[0], serials[MILLION // 2], serials[-1]):
        assert big.is_revoked(serial)
    assert small.is_revoked(serials[0])
    assert not small.is_revoked(serials[MILLION // 2])
    assert not big.is_revoked(serials[0] + 1)
    assert not big.is_revoked(FIRST_SERIAL - 1)
    assert small.is_revoked(FIRST_SERIAL - 1)


def test_a_card_on_a_million_serial_crl_is_refused_and_one_off_it_accepted(
    jpki, authority, million_crl_store
):
    trust_store = TrustStore((authority.certificate,))
    revoked = authority.issue(serial=million_serials()[123_456])
    good = authority.issue(serial=million_serials()[123_456] + 1)

    def verify(card):
        return verify_signature(
            card.certificate,
            card.sign(SIGNED_BYTES),
            SIGNED_BYTES,
            trust_store=trust_store,
            crl_store=million_crl_store,
        )

    assert verify(revoked).outcome == Outcome.REVOKED
    assert verify(good).outcome == Outcome.VALID


def test_pem_crls_load_and_the_highest_crl_number_wins(authority, tmp_path):
    older = crl_bytes(authority.crl([11], number=7), "PEM")
    newer = crl_bytes(authority.crl([12], number=8), "PEM")
    (tmp_path / "both.pem").write_bytes(newer + b"\n" + older)

    store = load_crl_store(TrustStore((authority.certificate,)), tmp_path)

    crl = store.for_authority(authority.certificate)
    assert crl.number == 8
    assert crl.revoked_serials == frozenset({12})
    assert store.problems == ()


def test_files_that_are_no_trusted_crl_are_skipped_and_named(authority, tmp_path):
    impostor = CardAuthority(key_label="impostor")
    (tmp_path / "a-garbage.crl").write_bytes(b"not a CRL")
    (tmp_path / "b-impostor.crl").write_bytes(crl_bytes(impostor.crl([99])))
    (tmp_path / "c-good.crl").write_bytes(crl_bytes(authority.crl([42])))
    (tmp_path / ".d-downloading.crl").write_bytes(b"half a")

    store = load_crl_store(TrustStore((authority.certificate,)), tmp_path)

    assert store.for_authority(authority.certificate).revoked_serials == {42}
    assert len(store.problems) == 2
    assert "a-garbage.crl" in store.problems[0]
    assert "b-impostor.crl: not signed by a trusted JPKI CA" in store.problems[1]


def test_a_delta_crl_is_not_taken_for_the_full_list(authority, tmp_path):
    delta = authority.crl([], extensions=[(x509.DeltaCRLIndicator(1), True)])
    (tmp_path / "delta.crl").write_bytes(crl_bytes(delta))

    store = load_crl_store(TrustStore((authority.certificate,)), tmp_path)

    assert store.for_authority(authority.certificate) is None
    assert "delta" in store.problems[0]


def _issuing_point(**overrides):
    values = {
        "full_name": None,
        "relative_name": None,
        "only_contains_user_certs": True,
        "only_contains_ca_certs": False,
        "only_some_reasons": None,
        "indirect_crl": False,
        "only_contains_attribute_certs": False,
    }
    values.update(overrides)
    return x509.IssuingDistributionPoint(**values)


def test_a_partitioned_crl_is_not_taken_for_the_full_list(authority, tmp_path):
    partition = _issuing_point(
        full_name=[x509.UniformResourceIdentifier("ldap://crl.test/cn=CRL1")]
    )
    crl = authority.crl([], extensions=[(partition, True)])
    (tmp_path / "partition.crl").write_bytes(crl_bytes(crl))

    store = load_crl_store(TrustStore((authority.certificate,)), tmp_path)

    assert store.for_authority(authority.certificate) is None


def test_a_crl_of_every_user_certificate_is_a_full_list(authority, tmp_path):
    crl = authority.crl([5], extensions=[(_issuing_point(), True)])
    (tmp_path / "users.crl").write_bytes(crl_bytes(crl))

    store = load_crl_store(TrustStore((authority.certificate,)), tmp_path)

    assert store.for_authority(authority.certificate).revoked_serials == {5}


def test_a_new_crl_file_reaches_the_process_without_a_reload_call(jpki, authority):
    card = authority.issue()
    assert current_crl_store().for_authority(authority.certificate).number == 1

    revoking = authority.crl([card.certificate.serial_number], number=2)
    (jpki.crl_dir / "jpki-2.crl").write_bytes(crl_bytes(revoking))

    assert current_crl_store().for_authority(authority.certificate).number == 2
    result = verify_signature(card.certificate, card.sign(SIGNED_BYTES), SIGNED_BYTES)
    assert result.outcome == Outcome.REVOKED


def test_the_reload_task_reports_the_crls_and_the_cas_left_without_one(jpki, authority):
    newer = CardAuthority(key_label="jpki-ca-2023")
    jpki.ca_bundle.write_bytes(authority.pem + newer.pem)
    jpki.write_crl(newer.crl([7, 8]), name="jpki-2023.crl")

    summary = tasks.reload_jpki_crls.delay().get()

    assert tasks.reload_jpki_crls.name == "auth_mynumber_gbiz.tasks.reload_jpki_crls"
    assert summary["crls"] == 2
    assert summary["revoked_serials"] == 5
    assert summary["problems"] == []
    assert summary["authorities_without_current_crl"] == []

    stale = authority.crl(
        this_update=now() - datetime.timedelta(days=3),
        next_update=now() - datetime.timedelta(days=1),
        number=9,
    )
    (jpki.crl_dir / "jpki.crl").write_bytes(crl_bytes(stale))
    (jpki.crl_dir / "jpki-2023.crl").unlink()

    summary = tasks.reload_jpki_crls.delay().get()

    assert summary["crls"] == 1
    assert summary["authorities_without_current_crl"] == [
        authority.certificate.subject.rfc4514_string(),
        newer.certificate.subject.rfc4514_string(),
    ]
