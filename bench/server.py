"""A gunicorn serving the portal on loopback, for the length of a load test."""

import socket
import subprocess
import sys
import time
from contextlib import contextmanager

import requests

from bench import paths


def free_port():
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(env, log_path, ready_timeout=60):
    """Run gunicorn with `env` until the block ends; yield its base URL.

    Its settings, the number of workers included, are production's:
    gunicorn.conf.py in the project directory.
    """
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "kyosai_portal.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        # Other gunicorns on this machine would share the default socket path.
        "--no-control-socket",
    ]
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            command, cwd=paths.PROJECT, env=env, stdout=log, stderr=log
        )
        try:
            _wait_ready(process, base_url + "/healthz/", ready_timeout)
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_ready(process, url, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited early; see bench/results/gunicorn.log")
        try:
            if requests.get(url, timeout=10).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer /healthz/ in time")
