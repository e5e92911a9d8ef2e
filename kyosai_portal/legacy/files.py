"""Batch file names, the `.END` control line, and durable atomic writes.

LEGACY_INTERFACE.md, "Files and their life": the core reads a `.DAT` only
once its `.END` exists and matches, and no reader may ever see a partial
file. So every file is written under a hidden temporary name in the same
directory, flushed to disk, and renamed into place; the directory is synced
after the rename so the new name survives a power cut too.
"""

import os
import re
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

FILE_NAME = re.compile(
    r"(?P<kind>KYO|KYR)(?P<scheme>[ST])(?P<date>\d{8})(?P<run_seq>\d{2})\.DAT"
)
_CONTROL_LINE = re.compile(
    rb"(?P<name>\S+) (?P<count>\d+) (?P<sha256>[0-9a-f]{64})\r\n"
)


class ControlFileError(ValueError):
    """A `.END` control file that is missing or does not follow the contract."""


@dataclass(frozen=True)
class ControlLine:
    """The one line of a `.END` file: which `.DAT`, how many records, its hash."""

    dat_name: str
    record_count: int
    sha256: str

    def to_bytes(self):
        """Return the line as written to disk, ASCII with CR LF."""
        return f"{self.dat_name} {self.record_count} {self.sha256}\r\n".encode("ascii")


def dat_name(kind, scheme, run_date, run_seq):
    """Return `KYO{S|T}{YYYYMMDD}{NN}.DAT` (or KYR...) for one run."""
    return f"{kind}{scheme}{run_date:%Y%m%d}{run_seq:02d}.DAT"


def control_path(dat_path):
    """Return the `.END` path that belongs beside `dat_path`."""
    return Path(dat_path).with_suffix(".END")


def read_control_line(path):
    """Return the ControlLine of the `.END` file at `path`; ControlFileError if bad."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError as error:
        raise ControlFileError(
            _("制御ファイル %(name)s がありません。") % {"name": Path(path).name}
        ) from error

    match = _CONTROL_LINE.fullmatch(data)
    if not match:
        raise ControlFileError(
            _(
                "制御ファイル %(name)s の形式が違います。"
                "「ファイル名 件数 SHA-256（小文字16進）」の1行を"
                "CR LFで終えてください。"
            )
            % {"name": Path(path).name}
        )
    return ControlLine(
        match["name"].decode("ascii"),
        int(match["count"]),
        match["sha256"].decode("ascii"),
    )


class StagedFile:
    """A file written under a temporary name and renamed into place when done.

    Nothing is visible under the final name until `publish()`. The temporary
    name is fixed per final name: callers serialise the writers of a name,
    and a leftover from a crash is simply overwritten by the next attempt.
    """

    def __init__(self, path):
        self.path = Path(path)
        self.temp_path = self.path.with_name(f".{self.path.name}.tmp")
        self._file = None

    def open(self):
        """Start (or restart) the temporary file; return it for binary writing."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._file = open(self.temp_path, "wb")
        return self._file

    def close(self):
        """Flush the temporary file to disk and close it."""
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()

    def publish(self):
        """Rename the durable temporary file to its final name, durably."""
        os.replace(self.temp_path, self.path)
        _sync_directory(self.path.parent)

    def discard(self):
        """Close and remove the temporary file, if any."""
        if self._file is not None and not self._file.closed:
            self._file.close()
        self.temp_path.unlink(missing_ok=True)


def write_atomically(path, data):
    """Write `data` to `path` through a temporary file and a rename."""
    staged = StagedFile(path)
    try:
        staged.open().write(data)
        staged.close()
        staged.publish()
    except BaseException:
        staged.discard()
        raise


def _sync_directory(directory):
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
