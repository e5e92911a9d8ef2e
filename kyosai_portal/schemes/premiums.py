"""What both schemes' premium rules share: a grid of amounts and a change's kind."""

from dataclasses import dataclass
from enum import IntEnum


class ChangeKind(IntEnum):
    # Codes are the legacy interface's `change_kind` (26766 and 26847).
    INCREASE = 1
    DECREASE = 2


class Violation(IntEnum):
    """Why a premium or a change is refused; forms turn these into messages."""

    NOT_A_STEP = 1
    BELOW_MINIMUM = 2
    ABOVE_MAXIMUM = 3
    SAME_AS_CURRENT = 4
    AT_TOTAL_CAP = 5
    PREPAID_MONTHS_REMAIN = 6
    REASON_REQUIRED = 7
    MONTH_NOT_ALLOWED = 8
    ALREADY_CHANGED_THIS_MONTH = 9


@dataclass(frozen=True)
class PremiumGrid:
    """The allowed 掛金月額: from `minimum` to `maximum` in steps of `step` yen."""

    minimum: int
    maximum: int
    step: int

    def violations(self, amount: int) -> list[Violation]:
        """Return why `amount` is not on this grid; empty when it is."""
        found = []
        if amount < self.minimum:
            found.append(Violation.BELOW_MINIMUM)
        elif amount > self.maximum:
            found.append(Violation.ABOVE_MAXIMUM)
        if amount % self.step:
            found.append(Violation.NOT_A_STEP)
        return found

    def change_violations(self, current: int, new: int) -> list[Violation]:
        """Return why `new` cannot replace `current`: off the grid, or unchanged."""
        found = self.violations(new)
        if new == current:
            found.append(Violation.SAME_AS_CURRENT)
        return found


def change_kind(current: int, new: int) -> ChangeKind | None:
    """Return 増額 or 減額 for a change from `current` to `new`; None if equal."""
    if new > current:
        return ChangeKind.INCREASE
    if new < current:
        return ChangeKind.DECREASE
    return None
