"""Read and check a result file from the core (LEGACY_INTERFACE.md).

A result file is accepted only whole: its `.END` control line (name, count,
SHA-256, CR LF), its name, its header, every record's length and layout, the
trailer's count and the end record must all check out. Otherwise
ResultFileRefused lists every problem found, so the core can fix them at once.
"""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from kyosai_portal.legacy import layouts
from kyosai_portal.legacy.codec import CRLF, LayoutError
from kyosai_portal.legacy.files import (
    FILE_NAME,
    ControlFileError,
    control_path,
    read_control_line,
)

RESULT_FILE_KIND = "KYR"
RESULT_CODES = (0, 1, 2)
# 差戻し and 不受理 are shown to the applicant, so they must say why.
RESULTS_NEEDING_MESSAGE = (1, 2)
_MAX_PROBLEMS = 50


class ResultFileRefused(Exception):
    """A result file refused whole; `problems` says what is wrong with it."""

    def __init__(self, file_name, problems):
        self.file_name = file_name
        self.problems = problems
        super().__init__(
            _("結果ファイル %(name)s は取り込めません:\n%(problems)s")
            % {"name": file_name, "problems": "\n".join(problems)}
        )


@dataclass(frozen=True)
class ResultRecord:
    """One data record: the core's result for one 受付番号."""

    seq: int
    receipt_no: str
    result: int
    contract_no: str
    message: str


@dataclass(frozen=True)
class ResultFile:
    """A result file that passed every check."""

    file_name: str
    scheme: str
    sha256: str
    records: list


def read_result_file(path):
    """Return the checked ResultFile at `path`; raise ResultFileRefused if bad."""
    path = Path(path)
    name = FILE_NAME.fullmatch(path.name)
    if not name or name["kind"] != RESULT_FILE_KIND:
        raise ResultFileRefused(
            path.name,
            [_("ファイル名は KYR{S|T}{YYYYMMDD}{NN}.DAT の形にしてください。")],
        )
    try:
        data = path.read_bytes()
        control = read_control_line(control_path(path))
    except FileNotFoundError:
        raise ResultFileRefused(path.name, [_("ファイルがありません。")]) from None
    except ControlFileError as error:
        raise ResultFileRefused(path.name, [str(error)]) from error

    sha256 = hashlib.sha256(data).hexdigest()
    problems = _check_control(control, path.name, sha256)
    records, record_problems = _parse_records(data, name)
    problems += record_problems
    if not record_problems and control.record_count != len(records):
        problems.append(
            _("制御ファイルの件数 %(control)d とデータ件数 %(count)d が違います。")
            % {"control": control.record_count, "count": len(records)}
        )
    if problems:
        raise ResultFileRefused(path.name, problems[:_MAX_PROBLEMS])
    return ResultFile(path.name, name["scheme"], sha256, records)


def _check_control(control, file_name, sha256):
    problems = []
    if control.dat_name != file_name:
        problems.append(
            _("制御ファイルのファイル名 %(control)s が %(name)s と違います。")
            % {"control": control.dat_name, "name": file_name}
        )
    if control.sha256 != sha256:
        problems.append(
            _("制御ファイルのSHA-256がファイルの内容（%(sha)s）と一致しません。")
            % {"sha": sha256}
        )
    return problems


def _parse_records(data, name):
    lines = data.split(CRLF)
    if lines[-1]:
        return [], [_("ファイルの最後がCR LFで終わっていません。")]
    lines.pop()
    if len(lines) < 3:
        return [], [_("ヘッダー・トレーラー・エンドレコードが揃っていません。")]

    problems = []
    header, *body, trailer, end = lines
    problems += _check_header(header, name)
    records = []
    for number, line in enumerate(body, start=2):
        try:
            records.append(_data_record(line, number - 1))
        except LayoutError as error:
            problems.append(_at(number, error))
    problems += _check_trailer(trailer, len(body), len(lines) - 1)
    problems += _check_end(end, len(lines))
    problems += _duplicates(records)
    return records, problems


def _check_header(line, name):
    try:
        header = _decode(layouts.RESULT_HEADER, line, "1")
    except LayoutError as error:
        return [_at(1, error)]
    expected = {
        "file_kind": RESULT_FILE_KIND,
        "scheme": name["scheme"],
        "run_seq": int(name["run_seq"]),
    }
    return [
        _at(
            1,
            _("%(field)s が「%(value)s」です。「%(expected)s」のはずです。")
            % {"field": field, "value": header[field], "expected": value},
        )
        for field, value in expected.items()
        if header[field] != value
    ]


def _data_record(line, seq):
    values = _decode(layouts.RESULT_DATA, line, "2")
    if values["seq"] != seq:
        raise LayoutError(
            _("seq が %(seq)d です。%(expected)d のはずです。")
            % {"seq": values["seq"], "expected": seq}
        )
    if values["result"] not in RESULT_CODES:
        raise LayoutError(
            _("result が %(result)d です。0・1・2 のいずれかにしてください。")
            % {"result": values["result"]}
        )
    if not values["receipt_no"]:
        raise LayoutError(_("receipt_no が空です。"))
    if values["result"] in RESULTS_NEEDING_MESSAGE and not values["message"]:
        raise LayoutError(
            _(
                "差戻し・不受理（result %(result)d）には"
                " message で理由を書いてください。"
            )
            % {"result": values["result"]}
        )
    return ResultRecord(
        values["seq"],
        values["receipt_no"],
        values["result"],
        values["contract_no"],
        values["message"],
    )


def _check_trailer(line, data_count, number):
    try:
        trailer = _decode(layouts.RESULT_TRAILER, line, "8")
    except LayoutError as error:
        return [_at(number, error)]
    if trailer["record_count"] != data_count:
        return [
            _at(
                number,
                _("トレーラーの件数 %(count)d とデータ件数 %(actual)d が違います。")
                % {"count": trailer["record_count"], "actual": data_count},
            )
        ]
    return []


def _check_end(line, number):
    try:
        _decode(layouts.RESULT_END, line, "9")
    except LayoutError as error:
        return [_at(number, error)]
    return []


def _decode(layout, line, record_type):
    if line[:1] != record_type.encode("ascii"):
        raise LayoutError(
            _("レコード区分が「%(found)s」です。「%(expected)s」のはずです。")
            % {"found": line[:1].decode("cp932", "replace"), "expected": record_type}
        )
    return layout.decode(line)


def _duplicates(records):
    seen, problems = set(), []
    for record in records:
        if record.receipt_no in seen:
            problems.append(
                _("受付番号 %(receipt_no)s の結果が2件以上あります。")
                % {"receipt_no": record.receipt_no}
            )
        seen.add(record.receipt_no)
    return problems


def _at(number, message):
    return _("%(number)d行目: %(message)s") % {"number": number, "message": message}
