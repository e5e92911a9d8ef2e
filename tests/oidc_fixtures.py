"""Start the npm `oidc-provider` (tests/oidc_peer/server.mjs) on loopback.

Shared by the login interoperability tests, which drive it with an HTTP
client, and the browser tests, which drive it with Chromium.
"""

import json
import os
import shutil
import subprocess
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest

PEER_DIR = Path(__file__).resolve().parent / "oidc_peer"


@contextmanager
def running_oidc_provider(*, client_id, client_secret, redirect_uri, account):
    """Run the provider with one client and one account; yield its issuer URL.

    `account` is {"sub": ..., "claims": {...}}: the one user the provider logs
    in, without a page, whenever the portal sends a browser to it.
    """
    node = shutil.which("node")
    if node is None or not (PEER_DIR / "node_modules" / "oidc-provider").is_dir():
        pytest.fail(
            "Node.js and tests/oidc_peer/node_modules are needed: run make deps"
        )
    env = {
        **os.environ,
        "OIDC_CLIENT_ID": client_id,
        "OIDC_CLIENT_SECRET": client_secret,
        "OIDC_REDIRECT_URI": redirect_uri,
        "OIDC_ACCOUNT": json.dumps(account),
    }
    process = subprocess.Popen(
        [node, "server.mjs"],
        cwd=PEER_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        yield _first_line(process)["issuer"]
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _first_line(process, timeout=20):
    lines = []
    reader = threading.Thread(target=lambda: lines.append(process.stdout.readline()))
    reader.start()
    reader.join(timeout)
    if not lines or not lines[0]:
        process.kill()
        pytest.fail(f"oidc-provider did not start: {process.stderr.read()[-2000:]}")
    return json.loads(lines[0])
