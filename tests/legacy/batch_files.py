"""Read export files and write result files the way the core would."""

import hashlib
from datetime import date
from pathlib import Path

from kyosai_portal.legacy import layouts


def records_of(path, length=layouts.EXPORT_RECORD_LENGTH):
    """Return the records of a batch file without CR LF, checking each length."""
    data = Path(path).read_bytes()
    assert data.endswith(b"\r\n")
    records = data.split(b"\r\n")[:-1]
    assert all(len(record) == length for record in records)
    return records


def read_export(path):
    """Return (header, data records, trailer) of an export file, decoded."""
    header, *body, trailer, end = records_of(path)
    assert end == b"9" + b" " * 599
    data = []
    for record in body:
        procedure_id = int(record[7:12])
        data.append(layouts.EXPORT_DATA[procedure_id].decode(record))
    return (
        layouts.EXPORT_HEADER.decode(header),
        data,
        layouts.EXPORT_TRAILER.decode(trailer),
    )


def write_result_file(directory, results, *, scheme="T", run_seq=1, day=None):
    """Write a KYR file and its .END; return the .DAT path.

    `results` are (receipt_no, result, contract_no, message) tuples.
    """
    day = day or date(2026, 12, 4)
    records = [
        layouts.RESULT_HEADER.encode(
            {
                "record_type": "1",
                "file_kind": "KYR",
                "scheme": scheme,
                "created_date": f"{day:%Y%m%d}",
                "created_time": "060000",
                "run_seq": run_seq,
            }
        )
    ]
    for seq, (receipt_no, result, contract_no, message) in enumerate(results, 1):
        records.append(
            layouts.RESULT_DATA.encode(
                {
                    "record_type": "2",
                    "seq": seq,
                    "receipt_no": receipt_no,
                    "result": result,
                    "contract_no": contract_no,
                    "message": message,
                }
            )
        )
    records.append(
        layouts.RESULT_TRAILER.encode(
            {"record_type": "8", "record_count": len(results)}
        )
    )
    records.append(layouts.RESULT_END.encode({"record_type": "9"}))

    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"KYR{scheme}{day:%Y%m%d}{run_seq:02d}.DAT"
    write_with_control(path, b"".join(records), len(results))
    return path


def write_with_control(path, data, count):
    """Write `data` to `path` and a matching .END beside it."""
    path.write_bytes(data)
    sha256 = hashlib.sha256(data).hexdigest()
    path.with_suffix(".END").write_bytes(f"{path.name} {count} {sha256}\r\n".encode())
