"""Issue 受付番号: scheme letter, JST date, and a 7-digit serial per day.

The counter row is bumped with one upsert inside the submitting transaction:
concurrent submissions queue on the row lock, and a rolled-back submission
gives its number back, so numbers come without gaps or duplicates.
"""

from django.db import connection
from django.utils import timezone

from kyosai_portal.applications.models import ReceiptCounter

_UPSERT = (
    "INSERT INTO {table} (scheme, day, last_serial) VALUES (%s, %s, 1) "
    "ON CONFLICT (scheme, day) DO UPDATE SET last_serial = {table}.last_serial + 1 "
    "RETURNING last_serial"
)


def issue_receipt_no(scheme, at):
    """Return the next 受付番号 for `scheme` at the aware datetime `at`.

    Call inside the transaction that stores the number.
    """
    day = timezone.localdate(at)
    sql = _UPSERT.format(table=connection.ops.quote_name(ReceiptCounter._meta.db_table))
    with connection.cursor() as cursor:
        cursor.execute(sql, [scheme, day.isoformat()])
        (serial,) = cursor.fetchone()
    if serial > 9_999_999:
        raise OverflowError("受付番号の連番が1日の上限に達しました")
    return f"{scheme}{day:%Y%m%d}{serial:07d}"
