"""What an applicant signs: the canonical bytes of one application.

The card signs the SHA-256 of these bytes, and they are stored beside the
signature (ApplicationSignature.payload), so that a clerk can prove years
later exactly what was signed. Format `kyosai-application/1`, canonical
JSON as auth_mynumber_gbiz.signing.payloads defines it (keys sorted, no
whitespace, UTF-8 unescaped):

    {"application": 812,                  # the Application's id
     "contract_no": "S000000001",         # "" when there is no contract
     "fields": {...},                     # the detail's legacy_fields()
     "format": "kyosai-application/1",
     "holder": {"id": 55, "kind": 1, "name": "共済　一郎"},
     "prepared_at": "2026-12-03T16:30:00+09:00",   # when the portal asked
     "procedure_id": 26847}

`fields` are the values the legacy export sends to the core, so what is
signed is what is filed.
"""

from django.utils import timezone

from auth_mynumber_gbiz.signing.payloads import canonical_json

FORMAT = "kyosai-application/1"


def prepared_now():
    """Return the current time as a payload's `prepared_at` (JST, seconds)."""
    return timezone.localtime().isoformat(timespec="seconds")


def application_payload(application, detail, prepared_at):
    """Return the canonical bytes of `application` with its unsaved `detail`."""
    holder = application.holder
    return canonical_json(
        {
            "format": FORMAT,
            "application": application.pk,
            "procedure_id": int(application.procedure_id),
            "contract_no": application.contract.contract_no
            if application.contract
            else "",
            "holder": {"id": holder.pk, "kind": int(holder.kind), "name": holder.name},
            "fields": detail.legacy_fields(),
            "prepared_at": prepared_at,
        }
    )
