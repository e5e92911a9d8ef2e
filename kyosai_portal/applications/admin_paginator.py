"""A changelist paginator that never counts a million rows exactly.

Counting every matching row is the slowest query of an admin changelist on a
large table. This paginator counts exactly only up to `exact_limit` rows (a
bounded query that stops there); beyond that it takes PostgreSQL's planner
estimate, which comes from the table statistics and costs one EXPLAIN. Page
links keep working; an estimate that is too high only leaves the last pages
empty. On other databases (SQLite in development) it counts exactly.
"""

import json

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property


class EstimatedCountPaginator(Paginator):
    """Count exactly up to `exact_limit` rows, estimate above it."""

    exact_limit = 10_000
    count_is_estimate = False

    @cached_property
    def count(self):
        """Return the exact count when small, else the planner's estimate."""
        unordered = self.object_list.order_by()
        bounded = unordered[: self.exact_limit + 1].count()
        if bounded <= self.exact_limit:
            return bounded

        estimate = planner_estimate(unordered)
        if estimate is None:
            return unordered.count()
        self.count_is_estimate = True
        return max(estimate, bounded)


def planner_estimate(queryset):
    """Return PostgreSQL's estimated row count for `queryset`, or None elsewhere."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None

    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        (plan,) = cursor.fetchone()
    # psycopg decodes the json column; other drivers hand back the text.
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])
