"""How amounts and months read in Japanese, wherever they are shown."""


def yen(amount):
    """Return a whole-yen amount as Japanese readers expect it: 50,000円."""
    return f"{int(amount):,}円"


def month_label(month):
    """Return a month (any date in it) as 2026年12月."""
    return f"{month.year}年{month.month}月"
