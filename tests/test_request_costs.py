"""What the busiest requests cost the database: the bench's figures, pinned.

The status page and the submit step are measured under load by `make bench`;
these tests keep the statements behind them from creeping back.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kyosai_portal.applications.models import Application
from tests.conftest import identity_for
from tests.factories import PremiumChangeApplicationFactory
from tests.maintenance.test_safety_net_premium_change import (
    START,
    confirm_url,
    file_increase,
)

pytestmark = pytest.mark.django_db


def test_the_status_page_reads_user_application_detail_and_history_only(
    client, applicant, company_contract, submit
):
    application = submit(
        PremiumChangeApplicationFactory(
            contract=company_contract, holder=company_contract.holder
        )
    )
    client.force_login(applicant)
    url = reverse("applications:status", args=[application.receipt_no])
    client.get(url)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response.status_code == 200
    statements = [query["sql"] for query in queries.captured_queries]
    # The user, the application (checked against the user's identity in the
    # same statement) with its contract, its detail, its history.
    assert len(statements) == 4, statements
    assert "auth_mynumber_gbiz_externalidentity" in statements[1]


@pytest.mark.django_db(transaction=True)
def test_a_submission_is_one_transaction_without_savepoints(client, company_contract):
    applicant = identity_for(company_contract.holder)
    client.force_login(applicant)
    client.post(START, {"contract": company_contract.pk})
    draft = Application.objects.get(contract=company_contract)
    file_increase(client, draft)

    with CaptureQueriesContext(connection) as queries:
        response = client.post(confirm_url(draft))

    assert response.status_code == 302
    # Tasks run eagerly here: what follows the COMMIT is the receipt's work.
    everything = [query["sql"] for query in queries.captured_queries]
    statements = everything[: everything.index("COMMIT") + 1]
    assert not [sql for sql in statements if "SAVEPOINT" in sql], statements
    # The user and the draft; then BEGIN, the locked draft with its contract,
    # the detail, the 受付番号, the application, its history, the mail owed,
    # COMMIT.
    assert len(statements) == 10, statements
