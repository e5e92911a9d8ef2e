"""Pick up the core's result files as they arrive in LEGACY_RESULT_DIR.

A file is ready once its `.END` is there (the core writes it last, as the
portal does for its exports). Files are imported in name order, that is by
scheme, date and run; each one is imported whole or refused whole
(result_import). A refused file is logged and tried again on the next
pick-up, when the core may have replaced it.
"""

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from kyosai_portal.legacy.files import control_path
from kyosai_portal.legacy.models import ResultImport
from kyosai_portal.legacy.result_file import ResultFileRefused
from kyosai_portal.legacy.result_import import import_result_file

logger = logging.getLogger(__name__)

RESULT_FILE_NAME = re.compile(r"KYR[ST]\d{10}\.DAT")


@dataclass
class Pickup:
    """What one pick-up did: the files it imported and those it refused."""

    imported: list = field(default_factory=list)
    refused: dict = field(default_factory=dict)  # file name -> why


def ready_result_files(directory):
    """Return the result files in `directory` that are complete and not imported.

    Complete means their `.END` exists; the content is checked on import.
    """
    directory = Path(directory)
    if not directory.is_dir():
        return []
    names = sorted(
        path.name
        for path in directory.iterdir()
        if RESULT_FILE_NAME.fullmatch(path.name) and control_path(path).exists()
    )
    done = set(
        ResultImport.objects.filter(file_name__in=names).values_list(
            "file_name", flat=True
        )
    )
    return [directory / name for name in names if name not in done]


def import_ready_result_files(directory=None):
    """Import every ready result file of `directory` (LEGACY_RESULT_DIR); return a Pickup."""
    pickup = Pickup()
    for path in ready_result_files(directory or settings.LEGACY_RESULT_DIR):
        try:
            import_result_file(path)
        except ResultFileRefused as refused:
            logger.error("result file %s refused: %s", path.name, refused)
            pickup.refused[path.name] = str(refused)
        else:
            pickup.imported.append(path.name)
    return pickup
