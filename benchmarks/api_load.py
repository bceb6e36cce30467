"""Load: the API under 50 concurrent clients for 60 s on loopback, while an ingest writes to the same
database; prints requests, errors and p50/p99 latency, and exits 1 on any error.

    .venv/bin/python benchmarks/api_load.py [--clients 50] [--duration 60] [--no-ingest] [--json]

A fresh SQLite database gets the bundled sample articles first; the server is ``accord.api.serve``
in a subprocess with a token (``ACCORD_TOKEN``); the ingest during the run is a second ``accord ingest``
process (40 fresh articles; ``--hostile``: part of the hostile corpus instead) plus authorised
``POST /api/articles`` writes from one client.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from loopback import free_port, wait_healthy

REPO = Path(__file__).resolve().parents[1]
TOKEN = "load-test-token-" + os.urandom(6).hex()

PATHS = [
    "/api/health",
    "/api/stats",
    "/api/facets",
    "/api/articles?limit=20",
    "/api/events?limit=50",
    "/api/events?type=ASSAULT",
    "/api/events/summary",
    "/api/actors?limit=20",
    "/api/quotes?limit=20",
    "/api/agreements",
    "/api/dyads",
    "/api/viz/map",
    "/api/events?q=%27%3B%20DROP%20TABLE%20events%3B--",
]


def _cli(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "accord.cli", *args], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )


async def _client(base: str, stop: float, lat: list[float], errors: list[str], writer: bool) -> None:
    rng = random.Random()
    async with httpx.AsyncClient(base_url=base, timeout=60) as c:
        n = 0
        while time.monotonic() < stop:
            n += 1
            if writer and n % 20 == 0:
                body = {
                    "id": f"load-{n}",
                    "published": "2025-05-16",
                    "text": f"Negotiators met in Doha on Monday for round {n} of talks, officials said.",
                }
                t = time.perf_counter()
                try:
                    r = await c.post("/api/articles", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
                    lat.append(time.perf_counter() - t)
                    if r.status_code not in (200, 201):
                        errors.append(f"POST {r.status_code} {r.text[:100]}")
                except httpx.HTTPError as exc:
                    errors.append(f"POST {type(exc).__name__}: {exc}")
                continue
            path = rng.choice(PATHS)
            t = time.perf_counter()
            try:
                r = await c.get(path)
                lat.append(time.perf_counter() - t)
                if r.status_code >= 400 and not (r.status_code == 422 and "q=" in path):
                    errors.append(f"GET {path} {r.status_code} {r.text[:100]}")
            except httpx.HTTPError as exc:
                errors.append(f"GET {path} {type(exc).__name__}: {exc}")


async def _load(base: str, clients: int, duration: float) -> tuple[list[float], list[str]]:
    lat: list[float] = []
    errors: list[str] = []
    stop = time.monotonic() + duration
    await asyncio.gather(*(_client(base, stop, lat, errors, writer=(i == 0)) for i in range(clients)))
    return lat, errors


def run(
    clients: int = 50, duration: float = 60.0, ingest: bool = True, workdir: Path | None = None, hostile: bool = False
) -> dict:
    from accord.samples import sample_path

    tmp = Path(workdir or tempfile.mkdtemp(prefix="accord-load-"))
    db = tmp / "load.db"
    seed = _cli("ingest", str(sample_path()), "--db", str(db))
    assert seed.wait(600) == 0, seed.stderr.read().decode()
    port = free_port()
    log = (tmp / "server.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-c", f"from accord.api import serve; serve({str(db)!r}, '127.0.0.1', {port})"],
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "ACCORD_TOKEN": TOKEN},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        if not wait_healthy(base, server, timeout=60, poll=0.3):
            raise RuntimeError("server did not start: " + (tmp / "server.log").read_text()[-2000:])
        # warm-up, not measured: the first write loads spaCy in the server
        warm = httpx.post(
            base + "/api/articles",
            json={"id": "warm", "text": "Talks resumed in Doha on Monday."},
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=600,
        )
        assert warm.status_code in (200, 201), warm.text
        ingester = None
        if ingest:
            corpus = REPO / "tests" / "corpus"
            if hostile:
                files = [corpus / n for n in ("dates.jsonl", "emoji.txt", "mojibake.txt", "bad_array.json")]
            else:
                files = [tmp / "fresh.jsonl"]
                files[0].write_text(
                    "".join(
                        json.dumps(
                            {
                                "id": f"fresh-{i}",
                                "published": f"2025-06-{1 + i % 28:02d}",
                                "text": f"Shelling hit Kharkiv on Monday, killing {i + 1} civilians, officials said. "
                                f"Talks in Doha resumed for round {i}.",
                            }
                        )
                        + "\n"
                        for i in range(40)
                    ),
                    encoding="utf-8",
                )
            ingester = _cli("ingest", *map(str, files), "--db", str(db))
        started = time.monotonic()
        lat, errors = asyncio.run(_load(base, clients, duration))
        elapsed = time.monotonic() - started
        ingest_rc = ingester.wait(600) if ingester else None
    finally:
        server.terminate()
        server.wait(30)
        log.close()
    server_log = (tmp / "server.log").read_text(errors="replace")
    lat_ms = sorted(x * 1000 for x in lat)
    q = statistics.quantiles(lat_ms, n=100) if len(lat_ms) > 1 else [0.0] * 99
    return {
        "clients": clients,
        "duration_s": round(elapsed, 1),
        "requests": len(lat_ms),
        "rps": round(len(lat_ms) / elapsed, 1),
        "errors": len(errors),
        "error_samples": errors[:5],
        "p50_ms": round(q[49], 1),
        "p99_ms": round(q[98], 1),
        "max_ms": round(lat_ms[-1], 1) if lat_ms else 0,
        "ingest_exit": ingest_rc,  # with --hostile, 1 is expected: dates.jsonl has bad lines
        "token_in_server_log": TOKEN in server_log,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--duration", type=float, default=60.0)
    ap.add_argument("--no-ingest", action="store_true")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--hostile", action="store_true", help="ingest part of the hostile corpus while serving")
    args = ap.parse_args()
    out = run(args.clients, args.duration, not args.no_ingest, hostile=args.hostile)
    if args.json:
        print(json.dumps(out))
    else:
        for k, v in out.items():
            print(f"{k:>20}: {v}")
    return 1 if out["errors"] or out["token_in_server_log"] else 0


if __name__ == "__main__":
    sys.exit(main())
