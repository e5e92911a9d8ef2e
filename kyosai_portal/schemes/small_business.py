"""小規模企業共済: premium and premium-change rules."""

from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from kyosai_portal.schemes.calendar import add_months, first_of_month
from kyosai_portal.schemes.premiums import (
    PremiumGrid,
    Violation,
)

# S-PREM-1
GRID = PremiumGrid(minimum=1_000, maximum=70_000, step=500)
# S-CHG-4 (to confirm): a change applies from the month after next after acceptance.
MONTHS_UNTIL_EFFECTIVE = 2


class DecreaseReason(IntEnum):
    """26847 `reason_code`: optional for a 減額 (S-CHG-2)."""

    NONE_GIVEN = 0
    BUSINESS_WORSENED = 1
    ILLNESS_OR_INJURY = 2
    OTHER = 3


@dataclass(frozen=True)
class ContractState:
    """What the rules need to know of the contract being changed."""

    monthly_premium: int
    changes_filed_this_month: int


def new_premium_violations(
    contract: ContractState, new_premium: int
) -> list[Violation]:
    """Return why `new_premium` cannot replace the contract's current premium."""
    violations = []
    if contract.changes_filed_this_month:
        violations.append(Violation.ALREADY_CHANGED_THIS_MONTH)  # S-CHG-3
    # S-CHG-1: within S-PREM-1 and different from the current amount.
    violations += GRID.change_violations(contract.monthly_premium, new_premium)
    return violations


def effective_month(accepted_on: date) -> date:
    """Return the month (first day) a change accepted on `accepted_on` applies from (S-CHG-4)."""
    return add_months(first_of_month(accepted_on), MONTHS_UNTIL_EFFECTIVE)
