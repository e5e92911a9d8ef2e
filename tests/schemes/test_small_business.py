"""小規模企業共済 premium and premium-change rules (DOMAIN.md S-PREM, S-CHG)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kyosai_portal.schemes import small_business
from kyosai_portal.schemes.premiums import Violation
from kyosai_portal.schemes.small_business import ContractState


class TestPremiumBounds:
    """S-PREM-1: ¥1,000 to ¥70,000 in ¥500 steps."""

    @pytest.mark.parametrize(
        ("amount", "expected"),
        [
            (500, [Violation.BELOW_MINIMUM]),
            (999, [Violation.BELOW_MINIMUM, Violation.NOT_A_STEP]),
            (1_000, []),
            (1_250, [Violation.NOT_A_STEP]),
            (1_500, []),
            (69_500, []),
            (70_000, []),
            (70_500, [Violation.ABOVE_MAXIMUM]),
        ],
    )
    def test_each_boundary(self, amount, expected):
        assert small_business.GRID.violations(amount) == expected

    @given(st.integers(min_value=-(10**6), max_value=10**6))
    def test_an_amount_is_valid_exactly_when_on_the_grid(self, amount):
        on_grid = 1_000 <= amount <= 70_000 and amount % 500 == 0
        assert (small_business.GRID.violations(amount) == []) is on_grid


class TestChange:
    def test_the_same_amount_is_refused(self):
        """S-CHG-1."""
        state = ContractState(monthly_premium=30_000, changes_filed_this_month=0)
        assert small_business.new_premium_violations(state, 30_000) == [
            Violation.SAME_AS_CURRENT
        ]

    def test_a_second_change_in_the_same_month_is_refused(self):
        """S-CHG-3."""
        state = ContractState(monthly_premium=30_000, changes_filed_this_month=1)
        assert small_business.new_premium_violations(state, 35_000) == [
            Violation.ALREADY_CHANGED_THIS_MONTH
        ]

    @given(
        current=st.sampled_from(range(1_000, 70_001, 500)),
        new=st.integers(min_value=0, max_value=100_000),
    )
    def test_a_change_is_valid_exactly_when_on_the_grid_and_different(
        self, current, new
    ):
        state = ContractState(current, 0)
        valid = small_business.new_premium_violations(state, new) == []
        assert valid is (new != current and small_business.GRID.violations(new) == [])


@pytest.mark.parametrize(
    ("accepted_on", "month"),
    [
        (date(2026, 12, 1), date(2027, 2, 1)),
        (date(2026, 12, 31), date(2027, 2, 1)),
        (date(2027, 11, 15), date(2028, 1, 1)),
    ],
)
def test_a_change_applies_from_the_month_after_next_after_acceptance(
    accepted_on, month
):
    """S-CHG-4."""
    assert small_business.effective_month(accepted_on) == month
