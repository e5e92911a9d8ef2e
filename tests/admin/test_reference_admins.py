"""Members, contracts, agencies and batch files: found by clerks, never edited."""

import pytest
from django.urls import reverse

from kyosai_portal.legacy.models import ExportBatch, ResultImport
from tests import factories

pytestmark = pytest.mark.django_db


def listed(client, model, **params):
    response = client.get(reverse(f"admin:{model}_changelist"), params)
    assert response.status_code == 200
    return list(response.context["cl"].result_list)


def test_a_contract_is_found_by_its_number_and_by_the_holders_corporate_no(
    reader_client,
):
    contract, _other = factories.SafetyNetContractFactory.create_batch(2)

    assert listed(reader_client, "contracts_contract", q=contract.contract_no) == [
        contract
    ]
    assert listed(
        reader_client, "contracts_contract", q=contract.holder.corporate_no
    ) == [contract]


def test_a_holder_is_found_by_part_of_the_name_or_the_corporate_no(reader_client):
    holder = factories.CorporationFactory(name="合同会社鈴木運輸")
    factories.CorporationFactory(name="株式会社田中食品")

    assert listed(reader_client, "contracts_contractholder", q="鈴木") == [holder]
    assert listed(reader_client, "contracts_contractholder", q=holder.corporate_no) == [
        holder
    ]


def test_an_agency_is_found_by_its_code(reader_client):
    agency, _other = factories.AgencyFactory.create_batch(2)

    assert listed(reader_client, "contracts_agency", q=agency.code) == [agency]


def test_batch_files_are_listed_and_found_by_file_name(reader_client):
    batch = ExportBatch.objects.create(
        scheme="T", run_date="2026-12-01", run_seq=1, file_name="T2026120101.DAT"
    )
    ResultImport.objects.create(
        file_name="R2026120201.DAT", sha256="ab" * 32, record_count=3, applied_count=3
    )

    assert listed(reader_client, "legacy_exportbatch", q=batch.file_name) == [batch]
    assert len(listed(reader_client, "legacy_resultimport")) == 1


def test_a_result_file_is_found_by_its_digest_typed_in_either_case(reader_client):
    result = ResultImport.objects.create(
        file_name="R2026120201.DAT", sha256="ab" * 32, record_count=3, applied_count=3
    )

    for typed in ("ab" * 32, "AB" * 32):
        assert listed(reader_client, "legacy_resultimport", q=typed) == [result]


@pytest.mark.parametrize(
    "model",
    [
        "contracts_contractholder",
        "contracts_contract",
        "contracts_agency",
        "legacy_exportbatch",
        "legacy_resultimport",
    ],
)
def test_nobody_adds_reference_rows_in_admin(client, model, staff_login):
    staff_login(
        client,
        factories.UserFactory(username="root", is_staff=True, is_superuser=True),
    )

    assert client.get(reverse(f"admin:{model}_add")).status_code == 403


def test_a_contract_page_is_read_only_even_for_a_superuser(client, staff_login):
    staff_login(
        client,
        factories.UserFactory(username="root", is_staff=True, is_superuser=True),
    )
    contract = factories.SafetyNetContractFactory()
    url = reverse("admin:contracts_contract_change", args=[contract.pk])

    page = client.get(url)
    post = client.post(url, {"monthly_premium": 1})

    assert page.status_code == 200
    assert page.context["has_change_permission"] is False
    assert post.status_code == 403
    contract.refresh_from_db()
    assert contract.monthly_premium == 50_000
