"""Celery tasks of the legacy core interface (run by beat, see settings)."""

from celery import shared_task

from kyosai_portal.legacy import export


@shared_task(name="kyosai_portal.legacy.tasks.export_accepted_applications")
def export_accepted_applications():
    """Write tonight's export files; return their names.

    Safe to run twice at once or again after a crash: the export service
    serialises runs per scheme and finishes interrupted batches first.
    """
    return [batch.file_name for batch in export.export_accepted_applications()]
