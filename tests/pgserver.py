"""Start a real, throwaway PostgreSQL server for tests (Debian's postgresql package), on loopback.

Skips when no server binaries are installed; `.ci/run` installs them. As root the server runs as the
``postgres`` system user, as PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def _bindir() -> str | None:
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if os.path.exists(os.path.join(candidate, "initdb")):
            return candidate
    found = shutil.which("initdb")
    return os.path.dirname(found) if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def postgres_server() -> Iterator[str]:
    """Yield a SQLAlchemy URL of a fresh server; stop and delete it afterwards."""
    import pytest

    bindir = _bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries are not installed (apt-get install postgresql)")
    as_root = os.geteuid() == 0
    prefix: list[str] = ["runuser", "-u", "postgres", "--"] if as_root else []
    tmp = tempfile.mkdtemp(prefix="accord-pg-")
    data = os.path.join(tmp, "data")
    if as_root:
        shutil.chown(tmp, "postgres", "postgres")
        os.chmod(tmp, 0o700)
    port = _free_port()
    subprocess.run(
        [*prefix, f"{bindir}/initdb", "-D", data, "-A", "trust", "-U", "accord", "--no-sync"],
        check=True,
        capture_output=True,
    )
    log = open(os.path.join(tmp, "log.txt"), "wb")  # noqa: SIM115 - closed in finally
    proc = subprocess.Popen(
        [
            *prefix,
            f"{bindir}/postgres",
            "-D",
            data,
            "-p",
            str(port),
            "-k",
            tmp,
            "-c",
            "listen_addresses=127.0.0.1",
            "-c",
            "fsync=off",
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"postgresql+psycopg://accord@127.0.0.1:{port}/postgres"
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if proc.poll() is not None:
                    raise RuntimeError("postgres exited: " + Path(tmp, "log.txt").read_text()) from None
                time.sleep(0.2)
        time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        shutil.rmtree(tmp, ignore_errors=True)
