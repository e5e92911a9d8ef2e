"""The records of one export file, built from applications (LEGACY_INTERFACE.md).

Header, data, trailer and end records as bytes with CR LF. The common area
comes from the application and its ContractHolder, read as plain values (no
model instances); the procedure area from the detail model's
`legacy_fields()`, whose keys are the interface's names. Both are handed to
the layout as values in record order, not as a dict per record.
"""

from zoneinfo import ZoneInfo

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


# The values a data record's common area is read from, in the order
# `common_area()` unpacks them: the application's own, then its agency's,
# contract's and holder's.
COMMON_AREA_COLUMNS = (
    "pk",
    "procedure_id",
    "receipt_no",
    "submitted_at",
    "channel",
    "agency__code",
    "contract__contract_no",
    "holder__kind",
    "holder__corporate_no",
    "holder__name",
    "holder__name_kana",
    "holder__representative",
    "holder__birth_date",
    "holder__gender",
    "holder__postal_code",
    "holder__address",
    "holder__phone",
)
# Positions in a row of those values.
PROCEDURE_ID, RECEIPT_NO = 1, 2


def data_record(seq, row, detail):
    """Return data record number `seq` of one application and its detail row.

    `row` starts with the values of `COMMON_AREA_COLUMNS`, in that order.
    """
    procedure_id = row[PROCEDURE_ID]
    layout = layouts.EXPORT_DATA[procedure_id]
    try:
        return layout.encode_row(
            common_area(seq, row) + _procedure_area(procedure_id, detail)
        )
    except ValueError as error:
        raise ExportRecordError(
            _("受付番号 %(receipt_no)s: %(error)s")
            % {"receipt_no": row[RECEIPT_NO], "error": error}
        ) from error


def common_area(seq, row):
    """Return the values of bytes 1-400 of a data record, in record order."""
    (
        _pk,
        procedure_id,
        receipt_no,
        submitted_at,
        channel,
        agency_code,
        contract_no,
        holder_kind,
        corporate_no,
        name,
        name_kana,
        representative,
        birth_date,
        gender,
        postal_code,
        address,
        phone,
    ) = row[: len(COMMON_AREA_COLUMNS)]
    corporation = holder_kind == HolderKind.CORPORATION
    by_agency = channel == Channel.AGENCY and agency_code is not None
    return (
        "2",
        seq,
        procedure_id,
        receipt_no,
        jst_digits(submitted_at),
        channel,
        agency_code if by_agency else "",
        contract_no or "",
        holder_kind,
        corporate_no if corporation else "",
        name,
        name_kana,
        representative if corporation else "",
        date_digits(birth_date) if birth_date else 0,
        gender,
        postal_code,
        address,
        phone,
    )


_COMMON_AREA_FIELDS = layouts.EXPORT_COMMON.given_names
# The procedure area's fields of each procedure, in record order, and as a set.
_PROCEDURE_AREA_FIELDS = {
    procedure_id: (names, frozenset(names))
    for procedure_id, layout in layouts.EXPORT_DATA.items()
    for names in [layout.given_names[len(_COMMON_AREA_FIELDS) :]]
}


def _procedure_area(procedure_id, detail):
    """Return the values of bytes 401-600 from `detail.legacy_fields()`, in order."""
    fields = detail.legacy_fields()
    names, name_set = _PROCEDURE_AREA_FIELDS[procedure_id]
    if fields.keys() != name_set:
        raise ValueError(
            f"procedure area {procedure_id}: legacy_fields() gives "
            f"{sorted(fields)}, the layout has {sorted(names)}"
        )
    return tuple(fields[name] for name in names)


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
