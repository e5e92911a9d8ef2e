"""The 26766 wizard: rules at the field, drafts kept, exactly one submission."""

import pytest
from django.urls import reverse
from django.utils import timezone

from kyosai_portal.applications.models import Application, Status
from kyosai_portal.schemes import safety_net
from maintenance.models import SafetyNetPremiumChange
from tests.conftest import identity_for
from tests.factories import SafetyNetContractFactory

pytestmark = pytest.mark.django_db

START = reverse("maintenance:t_premium_change_start")


def step_url(application, step):
    return reverse("maintenance:t_premium_change_step", args=[application.pk, step])


def confirm_url(application):
    return reverse("maintenance:t_premium_change_confirm", args=[application.pk])


def allowed_months(kind):
    return [
        f"{m:%Y-%m}"
        for m in safety_net.allowed_effective_months(kind, timezone.localdate())
    ]


@pytest.fixture
def browser(client, applicant):
    client.force_login(applicant)
    return client


@pytest.fixture
def draft(browser, company_contract):
    browser.post(START, {"contract": company_contract.pk})
    return Application.objects.get(contract=company_contract)


def file_increase(browser, draft, new_premium="100000"):
    browser.post(step_url(draft, "amount"), {"new_premium": new_premium})
    month = allowed_months(safety_net.ChangeKind.INCREASE)[-1]
    browser.post(step_url(draft, "timing"), {"effective_month": month})
    return month


def test_an_increase_goes_from_contract_to_receipt_no(browser, draft, company_contract):
    month = file_increase(browser, draft, "１００，０００円")

    confirm = browser.get(confirm_url(draft))
    assert "100,000円" in confirm.content.decode()
    response = browser.post(confirm_url(draft))

    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert response.status_code == 302
    assert response.url == reverse("applications:status", args=[draft.receipt_no])
    detail = SafetyNetPremiumChange.objects.get(application=draft)
    assert (detail.current_premium, detail.new_premium, detail.change_kind) == (
        50_000,
        100_000,
        1,
    )
    assert f"{detail.effective_month:%Y-%m}" == month
    status_page = browser.get(response.url).content.decode()
    assert draft.receipt_no in status_page
    assert "受付済み" in status_page


def test_a_decrease_needs_one_of_the_three_reasons(browser, draft):
    """T-CHG-2."""
    browser.post(step_url(draft, "amount"), {"new_premium": "30000"})
    month = allowed_months(safety_net.ChangeKind.DECREASE)[0]

    response = browser.post(step_url(draft, "timing"), {"effective_month": month})
    assert "減額の理由を選んでください。" in response.content.decode()

    browser.post(
        step_url(draft, "timing"), {"effective_month": month, "reason_code": "2"}
    )
    browser.post(confirm_url(draft))
    detail = SafetyNetPremiumChange.objects.get(application=draft)
    assert (detail.change_kind, detail.reason_code) == (2, 2)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("52000", "掛金月額は5,000円単位で入力してください。"),
        ("0", "掛金月額は5,000円以上で入力してください。"),
        ("205000", "掛金月額は200,000円以下で入力してください。"),
        ("50000", "現在の掛金月額と同じ金額です。"),
        ("ごまん", "金額は半角または全角の数字で入力してください"),
    ],
)
def test_a_bad_amount_is_explained_at_the_field_and_kept(
    browser, draft, typed, message
):
    """T-PREM-1, T-CHG-1."""
    response = browser.post(step_url(draft, "amount"), {"new_premium": typed})

    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert 'href="#id_new_premium"' in page  # the error summary links to the field
    assert f'value="{typed}"' in page
    draft.refresh_from_db()
    assert "amount" not in draft.draft_data


def test_a_past_month_is_refused_at_the_field(browser, draft):
    """T-CHG-4."""
    browser.post(step_url(draft, "amount"), {"new_premium": "100000"})

    response = browser.post(step_url(draft, "timing"), {"effective_month": "2020-01"})

    assert "過去の月は選べません" in response.content.decode()
    draft.refresh_from_db()
    assert "timing" not in draft.draft_data


def test_a_decrease_is_refused_while_prepaid_months_remain(
    browser, draft, company_contract
):
    """T-CHG-3."""
    company_contract.prepaid_months = 3
    company_contract.save()

    response = browser.post(step_url(draft, "amount"), {"new_premium": "10000"})

    assert "前納した掛金が残っている間は減額できません" in response.content.decode()


def test_a_contract_at_the_total_cap_cannot_be_changed(browser, company_contract):
    """T-PREM-2."""
    company_contract.premiums_paid_total = 8_000_000
    company_contract.save()

    response = browser.post(START, {"contract": company_contract.pk})

    assert "800万円に達している" in response.content.decode()
    assert not Application.objects.exists()


def test_another_companys_contract_posted_by_hand_is_refused(browser):
    stranger = SafetyNetContractFactory()

    response = browser.post(START, {"contract": stranger.pk})

    assert response.status_code == 200
    assert "一覧に表示されている契約から選んでください" in response.content.decode()
    assert not Application.objects.exists()


def test_another_companys_draft_is_not_found(client, draft):
    other = SafetyNetContractFactory()
    client.force_login(identity_for(other.holder))

    assert client.get(step_url(draft, "amount")).status_code == 404
    assert client.post(confirm_url(draft)).status_code == 404


def test_a_double_click_or_a_second_tab_produce_one_application(
    browser, draft, company_contract
):
    """T-CHG-5."""
    file_increase(browser, draft)

    browser.post(START, {"contract": company_contract.pk})  # a second tab starts over
    first = browser.post(confirm_url(draft))
    second = browser.post(confirm_url(draft))

    assert Application.objects.filter(contract=company_contract).count() == 1
    draft.refresh_from_db()
    assert (
        first.url
        == second.url
        == reverse("applications:status", args=[draft.receipt_no])
    )
    assert draft.events.count() == 1


def test_a_second_change_is_refused_while_one_is_open(browser, draft, company_contract):
    """T-CHG-5."""
    file_increase(browser, draft)
    browser.post(confirm_url(draft))

    response = browser.post(START, {"contract": company_contract.pk}, follow=True)

    assert "手続中の申請" in response.content.decode()
    assert Application.objects.filter(contract=company_contract).count() == 1


def test_an_expired_session_keeps_the_draft(browser, draft, applicant):
    browser.post(step_url(draft, "amount"), {"new_premium": "100000"})
    browser.logout()

    response = browser.post(step_url(draft, "timing"), {"effective_month": "2026-12"})

    assert response.status_code == 302
    assert reverse("auth_mynumber_gbiz:login") in response.url
    browser.force_login(applicant)
    resumed = browser.get(confirm_url(draft))
    assert resumed.url == step_url(draft, "timing")
    page = browser.get(step_url(draft, "timing")).content.decode()
    assert "現在の掛金月額：50,000円" in page
    draft.refresh_from_db()
    assert draft.draft_data["amount"] == {"new_premium": 100_000}


def test_skipping_ahead_leads_back_to_the_first_missing_step(browser, draft):
    response = browser.get(step_url(draft, "timing"))
    assert response.url == step_url(draft, "amount")


def test_a_returned_application_is_corrected_and_resubmitted(browser, draft, reviewer):
    from kyosai_portal.applications import workflow

    file_increase(browser, draft)
    browser.post(confirm_url(draft))
    draft.refresh_from_db()
    workflow.transition(draft, Status.IN_REVIEW, actor=reviewer)
    workflow.transition(
        draft, Status.RETURNED, actor=reviewer, reason="金額をご確認ください。"
    )
    receipt_no = draft.receipt_no

    status_page = browser.get(
        reverse("applications:status", args=[receipt_no])
    ).content.decode()
    assert "金額をご確認ください。" in status_page
    browser.post(step_url(draft, "amount"), {"new_premium": "150000"})
    browser.post(confirm_url(draft))

    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert draft.receipt_no == receipt_no
    assert SafetyNetPremiumChange.objects.get(application=draft).new_premium == 150_000


def test_rules_are_checked_again_at_submission(browser, draft, company_contract):
    """A contract that reached the cap after the draft was written is refused."""
    file_increase(browser, draft)
    company_contract.premiums_paid_total = 8_000_000
    company_contract.save()

    response = browser.post(confirm_url(draft))

    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert response.status_code == 302
    assert response.url == step_url(draft, "amount")
    page = browser.get(response.url).content.decode()
    assert "800万円に達している" in page
