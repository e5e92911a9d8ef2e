"""The record layouts of LEGACY_INTERFACE.md, transcribed as its tables.

Each row is (field, type, bytes, from, to[, flavour]) exactly as printed in
section "Records"; `Layout.from_table` refuses a row whose positions do not
add up, so a slip in copying a table fails at import time.
"""

from kyosai_portal.legacy.codec import Layout

EXPORT_RECORD_LENGTH = 600
RESULT_RECORD_LENGTH = 200

_HEADER = (
    ("record_type", "X", 1, 1, 1),
    ("file_kind", "X", 3, 2, 4),
    ("scheme", "X", 1, 5, 5),
    ("created_date", "9", 8, 6, 13),
    ("created_time", "9", 6, 14, 19),
    ("run_seq", "9", 2, 20, 21),
)

_EXPORT_COMMON = (
    ("record_type", "X", 1, 1, 1),
    ("seq", "9", 6, 2, 7),
    ("procedure_id", "9", 5, 8, 12),
    ("receipt_no", "X", 16, 13, 28),
    ("received_at", "9", 14, 29, 42),
    ("channel", "9", 1, 43, 43),
    ("agency_code", "X", 8, 44, 51),
    ("contract_no", "X", 10, 52, 61),
    ("holder_kind", "9", 1, 62, 62),
    ("corporate_no", "X", 13, 63, 75),
    ("name", "N", 60, 76, 135),
    ("name_kana", "X", 60, 136, 195),
    ("representative", "N", 40, 196, 235),
    ("birth_date", "9", 8, 236, 243),
    ("gender", "9", 1, 244, 244),
    ("postal_code", "9", 7, 245, 251),
    ("address", "N", 120, 252, 371),
    ("phone", "X", 15, 372, 386),
    ("gaiji_flag", "9", 1, 387, 387),
    ("filler", "X", 13, 388, 400),
)


def _bank_account(start):
    """Return the rows of the 全銀 account block that begins at byte `start`."""
    rows = []
    for name, kind, size, flavour in (
        ("bank_code", "9", 4, ""),
        ("branch_code", "9", 3, ""),
        ("account_type", "9", 1, ""),
        ("account_no", "9", 7, ""),
        ("account_holder_kana", "X", 30, "bank"),
    ):
        rows.append((name, kind, size, start, start + size - 1, flavour))
        start += size
    return tuple(rows)


# Procedure areas (bytes 401-600), keyed by procedure_id.
_PROCEDURE_AREAS = {
    26845: (
        ("qualification", "9", 1, 401, 401),
        ("industry", "9", 2, 402, 403),
        ("employees", "9", 4, 404, 407),
        ("business_start", "9", 8, 408, 415),
        ("monthly_premium", "9", 6, 416, 421),
        ("payment_method", "9", 1, 422, 422),
        ("start_month", "9", 6, 423, 428),
        ("prepaid_months", "9", 2, 429, 430),
        *_bank_account(431),
    ),
    26849: (
        *_bank_account(401),
        ("effective_month", "9", 6, 446, 451),
    ),
    26855: (
        ("aggregation_kind", "9", 1, 401, 401),
        ("prior_contract_no", "X", 10, 402, 411),
        ("prior_end_reason", "9", 2, 412, 413),
        ("prior_end_date", "9", 8, 414, 421),
        ("predecessor_relation", "9", 2, 422, 423),
        ("enrollment_receipt_no", "X", 16, 424, 439),
    ),
    26847: (
        ("current_premium", "9", 6, 401, 406),
        ("new_premium", "9", 6, 407, 412),
        ("change_kind", "9", 1, 413, 413),
        ("effective_month", "9", 6, 414, 419),
        ("reason_code", "9", 2, 420, 421),
    ),
    26850: (
        ("claim_kind", "9", 1, 401, 401),
        ("event_code", "9", 2, 402, 403),
        ("event_date", "9", 8, 404, 411),
        ("claimant_kind", "9", 1, 412, 412),
        ("claimant_name", "N", 40, 413, 452),
        ("relation_code", "9", 2, 453, 454),
        ("payout_method", "9", 1, 455, 455),
        ("installment_years", "9", 2, 456, 457),
        ("lump_sum_part", "9", 9, 458, 466),
        *_bank_account(467),
    ),
    26852: (
        ("cancel_reason", "9", 2, 401, 402),
        ("request_date", "9", 8, 403, 410),
        *_bank_account(411),
    ),
    26790: (
        ("industry", "9", 2, 401, 402),
        ("capital", "9", 12, 403, 414),
        ("employees", "9", 5, 415, 419),
        ("business_start", "9", 8, 420, 427),
        ("monthly_premium", "9", 6, 428, 433),
        ("start_month", "9", 6, 434, 439),
        ("prepaid_months", "9", 2, 440, 441),
        *_bank_account(442),
    ),
    26766: (
        ("current_premium", "9", 6, 401, 406),
        ("new_premium", "9", 6, 407, 412),
        ("change_kind", "9", 1, 413, 413),
        ("effective_month", "9", 6, 414, 419),
        ("reason_code", "9", 1, 420, 420),
    ),
    26778: (
        ("cancel_reason", "9", 2, 401, 402),
        ("request_date", "9", 8, 403, 410),
        *_bank_account(411),
    ),
}

_EXPORT_TRAILER = (
    ("record_type", "X", 1, 1, 1),
    ("record_count", "9", 6, 2, 7),
    ("premium_total", "9", 12, 8, 19),
)

_RESULT_DATA = (
    ("record_type", "X", 1, 1, 1),
    ("seq", "9", 6, 2, 7),
    ("receipt_no", "X", 16, 8, 23),
    ("result", "9", 1, 24, 24),
    ("contract_no", "X", 10, 25, 34),
    ("message", "N", 80, 35, 114),
)

_RESULT_TRAILER = (
    ("record_type", "X", 1, 1, 1),
    ("record_count", "9", 6, 2, 7),
)

_END = (("record_type", "X", 1, 1, 1),)

EXPORT_HEADER = Layout.from_table("export header", EXPORT_RECORD_LENGTH, _HEADER)
EXPORT_COMMON = Layout.from_table(
    "export common area", EXPORT_RECORD_LENGTH, _EXPORT_COMMON
)
EXPORT_DATA = {
    procedure_id: EXPORT_COMMON.extended(
        Layout.from_table(
            f"procedure area {procedure_id}", EXPORT_RECORD_LENGTH, rows, first=401
        )
    )
    for procedure_id, rows in _PROCEDURE_AREAS.items()
}
EXPORT_TRAILER = Layout.from_table(
    "export trailer", EXPORT_RECORD_LENGTH, _EXPORT_TRAILER
)
EXPORT_END = Layout.from_table("export end record", EXPORT_RECORD_LENGTH, _END)

RESULT_HEADER = Layout.from_table("result header", RESULT_RECORD_LENGTH, _HEADER)
RESULT_DATA = Layout.from_table("result data", RESULT_RECORD_LENGTH, _RESULT_DATA)
RESULT_TRAILER = Layout.from_table(
    "result trailer", RESULT_RECORD_LENGTH, _RESULT_TRAILER
)
RESULT_END = Layout.from_table("result end record", RESULT_RECORD_LENGTH, _END)
