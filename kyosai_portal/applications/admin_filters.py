"""The clerks' queue filters: how long since 受付, and the state.

Age counts calendar days in Japan time: an application received yesterday at
23:59 is one day old this morning. The list column and the filter use the same
count, so a row shown as 「5日」 is found under 「4〜7日」.
"""

from datetime import datetime, time, timedelta

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kyosai_portal.applications.models import Status

# (parameter value, label, fewest days, most days or None for no upper end)
AGE_BANDS = (
    ("0-3", _("受付から3日以内"), 0, 3),
    ("4-7", _("4〜7日"), 4, 7),
    ("8-14", _("8〜14日"), 8, 14),
    ("15-", _("15日超"), 15, None),
)


def age_in_days(submitted_at, today=None):
    """Return the whole days since `submitted_at` by the Japanese calendar."""
    today = today or timezone.localdate()
    return (today - timezone.localdate(submitted_at)).days


def _start_of_day(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def submitted_between_days(fewest, most, today=None):
    """Return filter kwargs for applications aged `fewest` to `most` days.

    `most` None means no upper bound. The bounds are day starts in Japan
    time, so the database compares `submitted_at` with two instants and can
    use its index.
    """
    today = today or timezone.localdate()
    bounds = {"submitted_at__lt": _start_of_day(today - timedelta(days=fewest - 1))}
    if most is not None:
        bounds["submitted_at__gte"] = _start_of_day(today - timedelta(days=most))
    return bounds


class AgeListFilter(admin.SimpleListFilter):
    """Narrow the queue to applications received within an age band."""

    title = _("経過日数")
    parameter_name = "age"

    def lookups(self, request, model_admin):
        return [(value, label) for value, label, _fewest, _most in AGE_BANDS]

    def queryset(self, request, queryset):
        for value, _label, fewest, most in AGE_BANDS:
            if self.value() == value:
                return queryset.filter(**submitted_between_days(fewest, most))
        return queryset


class ReceivedStatusFilter(admin.SimpleListFilter):
    """Narrow the queue by state, offering only the states of received ones."""

    title = _("状態")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [
            (status.value, status.label)
            for status in Status
            if status.value != Status.DRAFT
        ]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(status=self.value())
        return queryset
