"""The records of one export file, built from applications (LEGACY_INTERFACE.md).

Header, data, trailer and end records as bytes with CR LF. The common area
comes from the application and its ContractHolder; the procedure area from
the detail model's `legacy_fields()`, whose keys are the interface's names.
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
    created = created_at.astimezone(JST)
    return layouts.EXPORT_HEADER.encode(
        {
            "record_type": "1",
            "file_kind": EXPORT_FILE_KIND,
            "scheme": scheme,
            "created_date": f"{created:%Y%m%d}",
            "created_time": f"{created:%H%M%S}",
            "run_seq": run_seq,
        }
    )


def data_record(seq, application, detail):
    """Return data record number `seq` of `application` and its detail row."""
    values = common_area(seq, application) | detail.legacy_fields()
    try:
        return layouts.EXPORT_DATA[application.procedure_id].encode(values)
    except ValueError as error:
        raise ExportRecordError(
            _("受付番号 %(receipt_no)s: %(error)s")
            % {"receipt_no": application.receipt_no, "error": error}
        ) from error


def common_area(seq, application):
    """Return the values of bytes 1-400 of `application`'s data record."""
    holder = application.holder
    corporation = holder.kind == HolderKind.CORPORATION
    by_agency = application.channel == Channel.AGENCY and application.agency_id
    return {
        "record_type": "2",
        "seq": seq,
        "procedure_id": application.procedure_id,
        "receipt_no": application.receipt_no,
        "received_at": f"{application.submitted_at.astimezone(JST):%Y%m%d%H%M%S}",
        "channel": application.channel,
        "agency_code": application.agency.code if by_agency else "",
        "contract_no": application.contract.contract_no
        if application.contract_id
        else "",
        "holder_kind": holder.kind,
        "corporate_no": holder.corporate_no if corporation else "",
        "name": holder.name,
        "name_kana": holder.name_kana,
        "representative": holder.representative if corporation else "",
        "birth_date": f"{holder.birth_date:%Y%m%d}" if holder.birth_date else 0,
        "gender": holder.gender,
        "postal_code": holder.postal_code,
        "address": holder.address,
        "phone": holder.phone,
    }


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
