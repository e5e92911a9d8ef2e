"""Business days as the schemes count them: banks' days, in JST."""

from datetime import date, timedelta

import jpholiday


def is_business_day(day: date) -> bool:
    """Return whether banks are open on `day`.

    jpholiday knows national holidays only; banks also close 12/31 to 1/3.
    """
    if day.weekday() >= 5 or jpholiday.is_holiday(day):
        return False
    return not (
        (day.month == 12 and day.day == 31) or (day.month == 1 and day.day <= 3)
    )


def next_business_day(day: date) -> date:
    """Return `day` if banks are open then, else the next day they are."""
    while not is_business_day(day):
        day += timedelta(days=1)
    return day


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    """Return the first day of the month `count` months after `month`."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)
