"""Celery tasks of the legacy core interface (run by beat, see settings)."""

from celery import shared_task

from kyosai_portal.legacy import export, result_pickup


@shared_task(name="kyosai_portal.legacy.tasks.export_accepted_applications")
def export_accepted_applications():
    """Write tonight's export files; return their names.

    Safe to run twice at once or again after a crash: the export service
    serialises runs per scheme and finishes interrupted batches first.
    """
    return [batch.file_name for batch in export.export_accepted_applications()]


@shared_task(name="kyosai_portal.legacy.tasks.import_ready_result_files")
def import_ready_result_files():
    """Import the core's result files that arrived since the last run.

    Return the names imported and refused; a refused file is logged and
    tried again next time.
    """
    pickup = result_pickup.import_ready_result_files()
    return {"imported": pickup.imported, "refused": sorted(pickup.refused)}
