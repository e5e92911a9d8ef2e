"""Run one locust user class headless against a server and read its figures."""

import csv
import os
import subprocess
import sys
from dataclasses import dataclass

from bench import paths

LOCUSTFILE = paths.PROJECT / "bench" / "locustfile.py"


@dataclass(frozen=True)
class LoadResult:
    """What one locust run measured for one request name."""

    name: str
    requests: int
    failures: int
    rps: float
    p50_ms: float
    p95_ms: float


def run(user_class, name, host, plan_path, users, seconds, out_dir):
    """Run `user_class` with `users` users for `seconds`; return the result."""
    prefix = out_dir / f"locust-{name}"
    command = [
        sys.executable,
        "-m",
        "locust",
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "10",
        "--host",
        host,
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--exit-code-on-error",
        "0",
        user_class,
    ]
    env = dict(os.environ, BENCH_LOAD_PLAN=str(plan_path))
    with open(out_dir / f"locust-{name}.log", "wb") as log:
        subprocess.run(
            command, cwd=paths.PROJECT, env=env, stdout=log, stderr=log, check=True
        )
    return read_stats(prefix.with_name(prefix.name + "_stats.csv"), name)


def read_stats(path, name):
    """Return the LoadResult of request `name` from locust's `_stats.csv`."""
    with open(path, newline="") as stats:
        for row in csv.DictReader(stats):
            if row["Name"] == name:
                return LoadResult(
                    name=name,
                    requests=int(row["Request Count"]),
                    failures=int(row["Failure Count"]),
                    rps=float(row["Requests/s"]),
                    p50_ms=float(row["50%"]),
                    p95_ms=float(row["95%"]),
                )
    raise RuntimeError(f"locust recorded no request named {name!r} in {path}")
