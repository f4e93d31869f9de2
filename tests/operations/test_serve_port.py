"""`cidb serve` on a port already in use says so in one line and exits non-zero at
once (gunicorn said it was serving, then retried for 20 seconds)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time


def test_busy_port(tmp_path):
    with socket.socket() as busy:
        busy.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        busy.bind(("127.0.0.1", 8151))  # this worktree's port range
        busy.listen()
        env = {k: v for k, v in os.environ.items() if not k.startswith("CIDB_")}
        started = time.monotonic()
        result = subprocess.run(
            [sys.executable, "-m", "cidb.cli", "serve", "--port", "8151", "--skip-collectstatic"],
            env={**env, "CIDB_DATA_DIR": str(tmp_path)},
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert time.monotonic() - started < 30
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "port 8151" in lines[0] and "already in use" in lines[0]
    assert "serving" not in result.stdout.lower() and "http://" not in result.stdout
