"""中小企業倒産防止共済 (経営セーフティ共済): premium and premium-change rules."""

from dataclasses import dataclass
from datetime import date
from enum import IntEnum

from kyosai_portal.schemes.calendar import add_months, first_of_month, next_business_day
from kyosai_portal.schemes.premiums import (
    ChangeKind,
    PremiumGrid,
    Violation,
    change_kind,
)

# T-PREM-1
GRID = PremiumGrid(minimum=5_000, maximum=200_000, step=5_000)
MIN_PREMIUM, MAX_PREMIUM, PREMIUM_STEP = GRID.minimum, GRID.maximum, GRID.step
# T-PREM-2
PREMIUM_TOTAL_CAP = 8_000_000
# T-CHG-4: applications received by this day of the month apply from that month.
CHANGE_DEADLINE_DAY = 5


class DecreaseReason(IntEnum):
    """T-CHG-2; codes are 26766 `reason_code`."""

    BUSINESS_SHRANK = 1
    HARD_TO_PAY = 2
    LOANS_AND_PREMIUMS_REACHED_LIMIT = 3


def premium_violations(amount: int) -> list[Violation]:
    """Return why `amount` is not a valid 掛金月額 (T-PREM-1); empty when it is."""
    return GRID.violations(amount)


def change_deadline(month: date) -> date:
    """Return the last day an application can take effect in `month` (T-CHG-4)."""
    return next_business_day(month.replace(day=CHANGE_DEADLINE_DAY))


def allowed_effective_months(kind: ChangeKind, received_on: date) -> list[date]:
    """Return the months (first days) a change received on `received_on` may apply from.

    T-CHG-4: received by the deadline, it applies from this month, otherwise
    from the next; an 増額 may ask for this month or the next, no later; a
    減額 applies from the earliest month.
    """
    this_month = first_of_month(received_on)
    earliest = (
        this_month
        if received_on <= change_deadline(this_month)
        else add_months(this_month, 1)
    )
    if kind == ChangeKind.DECREASE:
        return [earliest]
    return [m for m in (this_month, add_months(this_month, 1)) if m >= earliest]


@dataclass(frozen=True)
class ContractState:
    """What the rules need to know of the contract being changed."""

    monthly_premium: int
    premiums_paid_total: int
    prepaid_months: int


def contract_violations(contract: ContractState) -> list[Violation]:
    """Return why no premium change may be filed for `contract` at all."""
    if contract.premiums_paid_total >= PREMIUM_TOTAL_CAP:  # T-PREM-2
        return [Violation.AT_TOTAL_CAP]
    return []


def new_premium_violations(
    contract: ContractState, new_premium: int
) -> list[Violation]:
    """Return why `new_premium` cannot replace the contract's current premium."""
    violations = contract_violations(contract)
    # T-CHG-1: within T-PREM-1 and different from the current amount.
    violations += GRID.change_violations(contract.monthly_premium, new_premium)
    kind = change_kind(contract.monthly_premium, new_premium)
    if kind == ChangeKind.DECREASE and contract.prepaid_months > 0:
        violations.append(Violation.PREPAID_MONTHS_REMAIN)  # T-CHG-3
    return violations


def timing_violations(
    kind: ChangeKind,
    effective_month: date,
    reason: DecreaseReason | None,
    received_on: date,
) -> dict[str, Violation]:
    """Return violations of the month and reason, keyed by the field they concern."""
    violations = {}
    if effective_month not in allowed_effective_months(kind, received_on):
        violations["effective_month"] = Violation.MONTH_NOT_ALLOWED  # T-CHG-4
    if kind == ChangeKind.DECREASE and reason is None:
        violations["reason_code"] = Violation.REASON_REQUIRED  # T-CHG-2
    return violations
