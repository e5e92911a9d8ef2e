"""The 26847 wizard: S-PREM and S-CHG at the field, through the shared wizard.

26847 is submitted only with the holder's マイナンバーカード signature: the
tests sign with the holder's demo card through the development channel.
"""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from auth_mynumber_gbiz.models import ExternalIdentity, Provider
from kyosai_portal.applications import workflow
from kyosai_portal.applications.models import Application, Status
from kyosai_portal.schemes import small_business
from maintenance.models import SmallBusinessPremiumChange
from tests.factories import SmallBusinessContractFactory, UserFactory
from tests.signing.conftest import dev_channel, dev_jpki_dir  # noqa: F401 (fixtures)
from tests.signing.flows import sign_with_demo_card

pytestmark = pytest.mark.django_db

START = reverse("maintenance:s_premium_change_start")


def step_url(application):
    return reverse("maintenance:s_premium_change_step", args=[application.pk, "amount"])


def confirm_url(application):
    return reverse("maintenance:s_premium_change_confirm", args=[application.pk])


@pytest.fixture
def member_contract():
    return SmallBusinessContractFactory()


def submit_signed(browser, application):
    """Confirm the draft and sign it with its holder's demo card."""
    name = application.holder.name.replace("\u3000", " ")
    started = browser.post(confirm_url(application))
    return sign_with_demo_card(browser, started, f"{name} さんのカード")


@pytest.fixture
def browser(client, member_contract, dev_channel):  # noqa: F811
    user = UserFactory(username="jpki-member")
    ExternalIdentity.objects.create(
        user=user,
        provider=Provider.JPKI,
        issuer="JPKI",
        subject="evidence-hash",
        holder=member_contract.holder,
    )
    client.force_login(user)
    return client


@pytest.fixture
def draft(browser, member_contract):
    browser.post(START, {"contract": member_contract.pk})
    return Application.objects.get(contract=member_contract)


def test_an_increase_is_filed_and_shows_when_it_applies(browser, draft):
    page = browser.get(step_url(draft)).content.decode()
    month = small_business.effective_month(timezone.localdate())
    assert f"{month.year}年{month.month}月 分から" in page

    browser.post(step_url(draft), {"new_premium": "35,500"})
    submit_signed(browser, draft)

    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert draft.receipt_no.startswith("S")
    detail = SmallBusinessPremiumChange.objects.get(application=draft)
    assert (detail.new_premium, detail.change_kind, detail.reason_code) == (
        35_500,
        1,
        0,
    )


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("30250", "掛金月額は500円単位で入力してください。"),
        ("500", "掛金月額は1,000円以上で入力してください。"),
        ("75000", "掛金月額は70,000円以下で入力してください。"),
        ("30000", "現在の掛金月額と同じ金額です。"),
    ],
)
def test_a_bad_amount_is_explained_with_the_small_business_grid(
    browser, draft, typed, message
):
    """S-PREM-1, S-CHG-1."""
    response = browser.post(step_url(draft), {"new_premium": typed})

    assert message in response.content.decode()
    draft.refresh_from_db()
    assert "amount" not in draft.draft_data


def test_a_decrease_needs_the_notice_acknowledged_but_no_reason(browser, draft):
    """S-CHG-2."""
    refused = browser.post(step_url(draft), {"new_premium": "10000"})
    assert "減額についての注意事項をお読みのうえ" in refused.content.decode()

    browser.post(
        step_url(draft), {"new_premium": "10000", "decrease_notice_understood": "on"}
    )
    confirm = browser.get(confirm_url(draft)).content.decode()
    assert "減額する場合のご注意" in confirm
    submit_signed(browser, draft)

    detail = SmallBusinessPremiumChange.objects.get(application=draft)
    assert (detail.change_kind, detail.reason_code) == (2, 0)


def test_only_one_change_a_month(browser, draft, member_contract, reviewer):
    """S-CHG-3: after one change completed this month, a second is refused."""
    browser.post(step_url(draft), {"new_premium": "35000"})
    submit_signed(browser, draft)
    draft.refresh_from_db()
    workflow.transition(draft, Status.IN_REVIEW, actor=reviewer)
    workflow.transition(draft, Status.ACCEPTED, actor=reviewer)
    workflow.transition(draft, Status.EXPORTED)
    workflow.transition(draft, Status.COMPLETED)

    browser.post(START, {"contract": member_contract.pk})
    second = Application.objects.exclude(pk=draft.pk).get(contract=member_contract)
    response = browser.post(step_url(second), {"new_premium": "40000"})

    assert "月1回まで" in response.content.decode()


def test_acceptance_fixes_the_month_the_change_applies_from(browser, draft, reviewer):
    """S-CHG-4: the month after next after acceptance, not after filing."""
    browser.post(step_url(draft), {"new_premium": "35000"})
    submit_signed(browser, draft)
    draft.refresh_from_db()
    # As if filed two months before the clerk accepts it today.
    filed_long_ago = small_business.effective_month(date(2020, 1, 15))
    SmallBusinessPremiumChange.objects.filter(application=draft).update(
        effective_month=filed_long_ago
    )
    workflow.transition(draft, Status.IN_REVIEW, actor=reviewer)

    workflow.transition(draft, Status.ACCEPTED, actor=reviewer)

    detail = SmallBusinessPremiumChange.objects.get(application=draft)
    assert detail.effective_month == small_business.effective_month(
        timezone.localdate()
    )
    status_page = browser.get(reverse("applications:status", args=[draft.receipt_no]))
    month = detail.effective_month
    assert f"{month.year}年{month.month}月" in status_page.content.decode()
