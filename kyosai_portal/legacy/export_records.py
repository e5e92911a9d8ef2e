"""The records of one export file, built from applications (LEGACY_INTERFACE.md).

Header, data, trailer and end records as bytes with CR LF. The common area
comes from the application and its ContractHolder, read as plain values (one
query per chunk, no model instances); the procedure area from the detail
model's `legacy_fields()`, whose keys are the interface's names.
"""

from zoneinfo import ZoneInfo

from django.db.models import F
from django.utils.translation import gettext as _

from kyosai_portal.applications.models import Channel
from kyosai_portal.contracts.models import HolderKind
from kyosai_portal.legacy import layouts

# The interface's dates and times are JST whatever the server runs in.
JST = ZoneInfo("Asia/Tokyo")

EXPORT_FILE_KIND = "KYO"


class ExportRecordError(ValueError):
    """An application whose values cannot be written as an export record."""


def header_record(scheme, created_at, run_seq):
    """Return the export header record of a run created at `created_at`."""
    created = jst_digits(created_at)
    return layouts.EXPORT_HEADER.encode(
        {
            "record_type": "1",
            "file_kind": EXPORT_FILE_KIND,
            "scheme": scheme,
            "created_date": created[:8],
            "created_time": created[8:],
            "run_seq": run_seq,
        }
    )


# What a data record's common area is made of, besides the application's own
# procedure_id, receipt_no, submitted_at and channel.
_JOINED_COLUMNS = {
    "agency_code": F("agency__code"),
    "contract_no": F("contract__contract_no"),
    "holder_kind": F("holder__kind"),
    "corporate_no": F("holder__corporate_no"),
    "name": F("holder__name"),
    "name_kana": F("holder__name_kana"),
    "representative": F("holder__representative"),
    "birth_date": F("holder__birth_date"),
    "gender": F("holder__gender"),
    "postal_code": F("holder__postal_code"),
    "address": F("holder__address"),
    "phone": F("holder__phone"),
}


def common_area_rows(applications):
    """Return `applications` as dicts of what their records' common areas need.

    One query joins the holder, contract and agency; no model is built.
    """
    return applications.values(
        "pk", "procedure_id", "receipt_no", "submitted_at", "channel", **_JOINED_COLUMNS
    )


def data_record(seq, row, detail):
    """Return data record number `seq` of one application and its detail row.

    `row` is one of `common_area_rows()`.
    """
    values = common_area(seq, row) | detail.legacy_fields()
    try:
        return layouts.EXPORT_DATA[row["procedure_id"]].encode(values)
    except ValueError as error:
        raise ExportRecordError(
            _("受付番号 %(receipt_no)s: %(error)s")
            % {"receipt_no": row["receipt_no"], "error": error}
        ) from error


def common_area(seq, row):
    """Return the values of bytes 1-400 of a data record from its `row`."""
    corporation = row["holder_kind"] == HolderKind.CORPORATION
    by_agency = row["channel"] == Channel.AGENCY and row["agency_code"] is not None
    birth_date = row["birth_date"]
    return {
        "record_type": "2",
        "seq": seq,
        "procedure_id": row["procedure_id"],
        "receipt_no": row["receipt_no"],
        "received_at": jst_digits(row["submitted_at"]),
        "channel": row["channel"],
        "agency_code": row["agency_code"] if by_agency else "",
        "contract_no": row["contract_no"] or "",
        "holder_kind": row["holder_kind"],
        "corporate_no": row["corporate_no"] if corporation else "",
        "name": row["name"],
        "name_kana": row["name_kana"],
        "representative": row["representative"] if corporation else "",
        "birth_date": date_digits(birth_date) if birth_date else 0,
        "gender": row["gender"],
        "postal_code": row["postal_code"],
        "address": row["address"],
        "phone": row["phone"],
    }


def jst_digits(moment):
    """Return `moment` in JST as YYYYMMDDhhmmss (Encoding: dates are JST)."""
    jst = moment.astimezone(JST)
    # Not strftime, nor f-strings: this runs for every record, and %-format
    # is the quickest of the three by several times.
    return "%04d%02d%02d%02d%02d%02d" % (  # noqa: UP031
        jst.year,
        jst.month,
        jst.day,
        jst.hour,
        jst.minute,
        jst.second,
    )


def date_digits(day):
    """Return `day` as YYYYMMDD."""
    return "%04d%02d%02d" % (day.year, day.month, day.day)  # noqa: UP031


def trailer_record(record_count, premium_total):
    """Return the export trailer record."""
    return layouts.EXPORT_TRAILER.encode(
        {
            "record_type": "8",
            "record_count": record_count,
            "premium_total": premium_total,
        }
    )


def end_record():
    """Return the export end record: a single 9, then spaces."""
    return layouts.EXPORT_END.encode({"record_type": "9"})
