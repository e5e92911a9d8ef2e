"""`python -m bench`: seed, load, time; print each figure beside its baseline.

Sizes and durations are options; the defaults finish in under ten minutes
on two busy cores, `--quick` in about a minute (most of it migrating the
template database). The figures are informational: the exit status is 0
whether targets are met or missed.
"""

import argparse
import logging
import os
import sys
import time
from datetime import datetime
from zoneinfo import ZoneInfo

from bench import environment

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/kyosai_bench"

SIZES = {
    "contracts": (200_000, 3_000),
    "applications": (1_000_000, 8_000),
    "export_sizes": ("10000,100000", "200,1000"),
    "drafts": (20_000, 1_000),
    "status_users": (2_000, 200),
    "load_seconds": (20, 4),
    "load_users": (10, 10),
    "admin_small": (1_000, 1_000),
    "repeat": (7, 3),
    "jpki_serials": (1_000_000, 10_000),
    "jpki_repeat": (400, 50),
}

logger = logging.getLogger("bench")


def parse_args(argv):
    """Return the options, with `--quick` sizes where none was given."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes, seconds")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DATABASE_URL),
        help="the main bench database; dropped and created fresh (kyosai_bench*)",
    )
    parser.add_argument("--contracts", type=int, help="contracts (and holders)")
    parser.add_argument("--applications", type=int, help="applications in all")
    parser.add_argument(
        "--export-sizes",
        help="accepted applications exported, comma-separated (the largest is seeded)",
    )
    parser.add_argument("--drafts", type=int, help="complete drafts to submit")
    parser.add_argument("--status-users", type=int, help="applicants browsing")
    parser.add_argument("--load-seconds", type=int, help="duration of each locust run")
    parser.add_argument("--load-users", type=int, help="concurrent locust users")
    parser.add_argument(
        "--admin-small", type=int, help="applications of the admin's baseline database"
    )
    parser.add_argument("--repeat", type=int, help="timed repetitions per figure")
    parser.add_argument(
        "--jpki-serials", type=int, help="revoked serials in the big JPKI CRL"
    )
    parser.add_argument("--jpki-repeat", type=int, help="JPKI verifications timed")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the main database a previous run seeded with the same sizes today "
        "(for development: drafts it submitted stay submitted)",
    )
    parser.add_argument(
        "--only",
        default="load,export,admin,receipt,jpki",
        help="phases to run after seeding, comma-separated",
    )
    options = parser.parse_args(argv)
    column = 1 if options.quick else 0
    for name, presets in SIZES.items():
        if getattr(options, name) is None:
            setattr(options, name, presets[column])
    options.export_sizes = sorted(int(size) for size in options.export_sizes.split(","))
    options.only = set(options.only.split(","))
    return options


def main(argv=None):
    """Run the bench and print its table; return the exit status (always 0)."""
    argv = sys.argv[1:] if argv is None else argv
    options = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    environment.configure_django(options.database_url)

    from bench import runner

    started = time.monotonic()
    today = datetime.now(ZoneInfo("Asia/Tokyo")).date()
    figures, facts = runner.run(options, today)
    command = " ".join(["python -m bench", *argv])
    runner.publish(figures, facts, time.monotonic() - started, command)
    return 0


if __name__ == "__main__":
    sys.exit(main())
