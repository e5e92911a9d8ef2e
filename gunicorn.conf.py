"""gunicorn's settings for the portal: production and the bench use this file.

gunicorn reads it from the working directory; options given on the command
line (the address to bind) still win.
"""

import multiprocessing
import os

# gunicorn's own advice: two workers per core, plus one. A worker waiting on
# PostgreSQL (a commit's flush to disk) or Redis leaves its core to another.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
