"""Background work on applications (filled in by the receipt work)."""


def enqueue_receipt(application_id):
    """Queue the receipt rendering of one application."""


def enqueue_status_mail(application_id):
    """Queue the mail telling the applicant their application changed."""
