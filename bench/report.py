"""The closing table: each figure, its baseline, ratio, target and verdict."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    """One measured figure compared with a baseline from the same run."""

    name: str
    value: float
    baseline: float
    unit: str
    baseline_name: str
    target: str = ""
    limit: float | None = None
    at_least: bool = False

    @property
    def ratio(self):
        return self.value / self.baseline if self.baseline else float("inf")

    @property
    def verdict(self):
        if self.limit is None:
            return "info"
        met = self.ratio >= self.limit if self.at_least else self.ratio <= self.limit
        return "PASS" if met else "MISS"

    def cells(self):
        """Return the row of this figure in the table."""
        return (
            self.name,
            _number(self.value, self.unit),
            f"{_number(self.baseline, self.unit)} ({self.baseline_name})",
            f"{self.ratio:.3f}x",
            self.target,
            self.verdict,
        )


@dataclass(frozen=True)
class Limit:
    """An absolute target (a size or a duration), not a ratio."""

    name: str
    value: float
    unit: str
    limit: float

    @property
    def verdict(self):
        return "PASS" if self.value <= self.limit else "MISS"

    def cells(self):
        """Return the row of this limit in the table."""
        target = f"<= {_number(self.limit, self.unit)}"
        return (
            self.name,
            _number(self.value, self.unit),
            "-",
            "-",
            target,
            self.verdict,
        )


def _number(value, unit):
    if unit in ("B", "KiB", "MiB") or value >= 100:
        return f"{value:,.0f} {unit}"
    return f"{value:,.2f} {unit}"


def table(figures, limits=()):
    """Return the figures (and limits, in the order given) as plain text."""
    header = ("figure", "measured", "baseline", "ratio", "target", "verdict")
    rows = [header] + [row.cells() for row in (*figures, *limits)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(line.rstrip() for line in lines)
