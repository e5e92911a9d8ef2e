"""Performance benchmarks of the portal, printed as numbers beside a baseline.

`make bench` (``python -m bench``) seeds its own PostgreSQL databases with
COPY, loads the portal under locust against gunicorn, and times the legacy
export, the admin changelist and the receipt task. Every figure is printed
next to a baseline measured in the same run, as a ratio against its target;
nothing here is a timed test, and a missed target does not fail the run.
"""
