"""Run one measurement in a fresh Python process and read back its figures.

A child process has its own peak memory and its own Django settings, so
the export's memory is its own and each database is measured by a process
configured for it. Peaks come from the kernel's VmHWM, not ru_maxrss:
ru_maxrss survives exec, so a child would report its parent's peak.

`python -m bench.child MODULE ARGS...` sets up Django, then calls
MODULE's `child_main(*ARGS)`, which ends by printing one JSON object
(`report`) as the last line of standard output.
"""

import importlib
import json
import subprocess
import sys

from bench import paths


def run(module, args, env, log_name):
    """Run `module`.child_main(*args) in a child with `env`; return figures."""
    with open(paths.RESULTS / log_name, "ab") as log:
        finished = subprocess.run(
            [sys.executable, "-m", "bench.child", module, *map(str, args)],
            cwd=paths.PROJECT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=log,
            check=False,
        )
    if finished.returncode != 0:
        raise RuntimeError(
            f"{module} failed with exit status {finished.returncode}; "
            f"see bench/results/{log_name}"
        )
    return json.loads(finished.stdout.decode().strip().splitlines()[-1])


def report(figures):
    """Print a child's figures, with its peak RSS, as its last output line."""
    figures["peak_rss_kib"] = memory_kib("VmHWM")
    print(json.dumps(figures), flush=True)


def memory_kib(field):
    """Return this process's VmRSS (now) or VmHWM (peak) in KiB."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise RuntimeError(f"{field} is missing from /proc/self/status")


def main(argv):
    """Set up Django, then run the named module's child_main."""
    import django

    django.setup()
    module = importlib.import_module(argv[0])
    module.child_main(*argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
