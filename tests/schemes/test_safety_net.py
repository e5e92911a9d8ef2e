"""倒産防止共済 premium and premium-change rules (DOMAIN.md T-PREM, T-CHG)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyosai_portal.schemes import calendar, safety_net
from kyosai_portal.schemes.safety_net import ChangeKind, ContractState, Violation


class TestPremiumBounds:
    """T-PREM-1: ¥5,000 to ¥200,000 in ¥5,000 steps."""

    @pytest.mark.parametrize("amount", [5_000, 10_000, 195_000, 200_000])
    def test_amounts_on_the_step_within_bounds_are_valid(self, amount):
        assert safety_net.premium_violations(amount) == []

    @pytest.mark.parametrize(
        ("amount", "expected"),
        [
            (0, [Violation.BELOW_MINIMUM]),
            (4_999, [Violation.BELOW_MINIMUM, Violation.NOT_A_STEP]),
            (5_001, [Violation.NOT_A_STEP]),
            (7_500, [Violation.NOT_A_STEP]),
            (199_999, [Violation.NOT_A_STEP]),
            (200_001, [Violation.ABOVE_MAXIMUM, Violation.NOT_A_STEP]),
            (205_000, [Violation.ABOVE_MAXIMUM]),
        ],
    )
    def test_each_boundary_is_refused_for_its_own_reason(self, amount, expected):
        assert safety_net.premium_violations(amount) == expected

    @given(st.integers(min_value=-(10**7), max_value=10**7))
    def test_an_amount_is_valid_exactly_when_on_the_grid(self, amount):
        on_grid = 5_000 <= amount <= 200_000 and amount % 5_000 == 0
        assert (safety_net.premium_violations(amount) == []) is on_grid


class TestNewPremium:
    """T-CHG-1 (differs, within T-PREM-1), T-CHG-3 (no 減額 while prepaid)."""

    contract = ContractState(
        monthly_premium=50_000, premiums_paid_total=0, prepaid_months=0
    )

    def test_the_same_amount_is_refused(self):
        assert safety_net.new_premium_violations(self.contract, 50_000) == [
            Violation.SAME_AS_CURRENT
        ]

    def test_a_decrease_is_refused_while_prepaid_months_remain(self):
        prepaid = ContractState(50_000, 0, prepaid_months=1)
        assert safety_net.new_premium_violations(prepaid, 45_000) == [
            Violation.PREPAID_MONTHS_REMAIN
        ]
        assert safety_net.new_premium_violations(prepaid, 55_000) == []

    @given(
        current=st.sampled_from(range(5_000, 200_001, 5_000)),
        new=st.integers(min_value=0, max_value=300_000),
    )
    def test_a_change_is_valid_exactly_when_on_the_grid_and_different(
        self, current, new
    ):
        contract = ContractState(current, 0, 0)
        valid = safety_net.new_premium_violations(contract, new) == []
        assert valid is (new != current and safety_net.premium_violations(new) == [])

    def test_kind_follows_the_direction(self):
        assert safety_net.change_kind(50_000, 55_000) is ChangeKind.INCREASE
        assert safety_net.change_kind(50_000, 45_000) is ChangeKind.DECREASE
        assert safety_net.change_kind(50_000, 50_000) is None


class TestTotalCap:
    """T-PREM-2: no change once premiums paid reach ¥8,000,000."""

    @pytest.mark.parametrize(
        ("total", "refused"), [(7_999_999, False), (8_000_000, True), (8_100_000, True)]
    )
    def test_the_cap_boundary(self, total, refused):
        state = ContractState(50_000, premiums_paid_total=total, prepaid_months=0)
        assert (
            safety_net.contract_violations(state) == [Violation.AT_TOTAL_CAP]
        ) is refused


class TestTiming:
    """T-CHG-4: by the 5th (next business day) from this month, else the next."""

    def test_the_deadline_moves_to_the_next_business_day(self):
        # 2026-12-05 is a Saturday: the deadline is Monday the 7th.
        assert safety_net.change_deadline(date(2026, 12, 1)) == date(2026, 12, 7)
        # 2027-01-05 is a Tuesday and a business day.
        assert safety_net.change_deadline(date(2027, 1, 1)) == date(2027, 1, 5)

    def test_an_increase_by_the_deadline_may_choose_this_or_next_month(self):
        assert safety_net.allowed_effective_months(
            ChangeKind.INCREASE, date(2026, 12, 7)
        ) == [
            date(2026, 12, 1),
            date(2027, 1, 1),
        ]

    def test_an_increase_after_the_deadline_applies_from_next_month_only(self):
        assert safety_net.allowed_effective_months(
            ChangeKind.INCREASE, date(2026, 12, 8)
        ) == [date(2027, 1, 1)]

    def test_a_decrease_applies_from_the_earliest_month(self):
        assert safety_net.allowed_effective_months(
            ChangeKind.DECREASE, date(2026, 12, 3)
        ) == [date(2026, 12, 1)]
        assert safety_net.allowed_effective_months(
            ChangeKind.DECREASE, date(2026, 12, 31)
        ) == [date(2027, 1, 1)]

    def test_a_past_month_is_refused(self):
        violations = safety_net.timing_violations(
            ChangeKind.INCREASE, date(2026, 11, 1), None, date(2026, 12, 3)
        )
        assert violations == {"effective_month": Violation.MONTH_NOT_ALLOWED}

    def test_a_decrease_needs_a_reason(self):
        """T-CHG-2."""
        month = date(2026, 12, 1)
        assert safety_net.timing_violations(
            ChangeKind.DECREASE, month, None, date(2026, 12, 3)
        ) == {"reason_code": Violation.REASON_REQUIRED}
        assert (
            safety_net.timing_violations(
                ChangeKind.DECREASE,
                month,
                safety_net.DecreaseReason.HARD_TO_PAY,
                date(2026, 12, 3),
            )
            == {}
        )

    @given(st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31)))
    def test_every_day_of_the_year_gets_the_month_its_deadline_gives(self, day):
        this_month = day.replace(day=1)
        allowed = safety_net.allowed_effective_months(ChangeKind.INCREASE, day)
        deadline = safety_net.change_deadline(this_month)
        assert calendar.is_business_day(deadline)
        assert deadline.day >= 5
        assert all(
            not calendar.is_business_day(this_month.replace(day=d))
            for d in range(5, deadline.day)
        )
        if day <= deadline:
            assert allowed == [this_month, calendar.add_months(this_month, 1)]
        else:
            assert allowed == [calendar.add_months(this_month, 1)]
        decrease = safety_net.allowed_effective_months(ChangeKind.DECREASE, day)
        assert decrease == allowed[:1]


class TestBusinessDays:
    def test_banks_close_on_weekends_holidays_and_new_year(self):
        assert not calendar.is_business_day(date(2026, 12, 5))  # Saturday
        assert not calendar.is_business_day(date(2026, 11, 23))  # 勤労感謝の日
        assert not calendar.is_business_day(date(2026, 12, 31))
        assert not calendar.is_business_day(date(2027, 1, 2))
        assert calendar.is_business_day(date(2027, 1, 4))

    def test_next_business_day_skips_a_long_weekend(self):
        # 2027-01-09 Sat, 10 Sun, 11 成人の日.
        assert calendar.next_business_day(date(2027, 1, 9)) == date(2027, 1, 12)

    @given(st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 12, 31)))
    def test_next_business_day_is_the_first_open_day(self, day):
        found = calendar.next_business_day(day)
        assert calendar.is_business_day(found)
        gap = (found - day).days
        assert all(
            not calendar.is_business_day(day + timedelta(days=d)) for d in range(gap)
        )
