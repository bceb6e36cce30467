"""Latency of ``GET /api/events`` over a SQLite store of synthetic events, under concurrent clients.

    python benchmarks/api_latency.py [--events 100000] [--clients 20] [--duration 20] [--db PATH]
                                     [--workers N] [--merged]

Builds (or reuses) a store of ``--events`` synthetic events and links it (``relink``: actor entities,
event clusters), starts the real server (uvicorn, ``--workers`` processes as ``accord.api.serve``
runs them) on a free loopback port, then runs ``--clients`` keep-alive clients for ``--duration``
seconds, each cycling through a mix of typical dashboard queries (``--merged`` adds merged-event
queries to the mix). Prints p50/p95/p99 per query kind and overall, and the request rate. Clients run
in a separate process from the server.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

from loopback import free_port, wait_healthy

QUERIES: dict[str, dict[str, str]] = {
    "latest 100": {"limit": "100"},
    "type": {"type": "ASSAULT", "limit": "100"},
    "date range": {"since": "2025-03-01", "until": "2025-03-31", "limit": "100"},
    "country": {"country": "UKR", "limit": "100"},
    "dyad": {"dyad": "RUS-UKR", "limit": "100"},
    "bbox": {"bbox": "20,40,40,55", "limit": "100"},
    "actor name": {"actor": "actor sdn", "limit": "100"},
    "combined": {"type": "ASSAULT", "country": "SDN", "since": "2024-06-01", "until": "2024-12-31", "limit": "100"},
    "page 50": {"limit": "100", "offset": "5000"},
}
MERGED_QUERIES: dict[str, dict[str, str]] = {
    "m latest": {"merged": "true", "limit": "100"},
    "m country": {"merged": "true", "country": "UKR", "limit": "100"},
    "m actor": {"merged": "true", "actor": "actor sdn", "limit": "100"},
}


def build(db: Path, n_events: int) -> None:
    from accord.api.synthetic import content_hash, synthetic_records
    from accord.store import Store, relink

    store = Store(db)
    counts = store.counts()
    if counts["events"] >= n_events:
        print(f"reusing {db} ({counts['events']} events)", file=sys.stderr)
    else:
        t0 = time.perf_counter()
        for rec in synthetic_records(n_events):
            store.save(rec, content_hash=content_hash(rec), origin="bench")
        print(f"built {db}: {store.counts()['events']} events in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    if not store.rows("event_clusters", limit=1):
        t0 = time.perf_counter()
        linked = relink(store)
        print(f"relinked {db}: {linked} in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    store.close()


def run_server(db: str, port: int, workers: int) -> None:
    import uvicorn

    from accord.api import create_app
    from accord.store import Store, resolve_url

    if workers > 1:  # as accord.api.serve(workers=N) does, minus the access log
        os.environ["ACCORD_DB"] = resolve_url(db)
        uvicorn.run("accord.api.app:app_from_env", factory=True, workers=workers, host="127.0.0.1", port=port,
                    log_level="warning", access_log=False)  # fmt: skip
        return
    uvicorn.run(create_app(Store(db)), host="127.0.0.1", port=port, log_level="warning", access_log=False)


def cpu_seconds(pid: int) -> float | None:
    """User+system CPU seconds of a process and its descendants (Linux /proc; None elsewhere): the server's
    work per request, which, unlike latency, hardly depends on what else the machine is running."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total, todo = 0.0, [pid]
    try:
        while todo:
            p = todo.pop()
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
    except (OSError, ValueError, IndexError):
        return None
    return total


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--duration", type=float, default=20.0, help="seconds of load (bounded)")
    ap.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "accord-bench-api.db")
    ap.add_argument("--workers", type=int, default=1, help="server processes")
    ap.add_argument("--merged", action="store_true", help="add merged-event queries to the mix")
    ap.add_argument("--serve", nargs=3, metavar=("DB", "PORT", "WORKERS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.serve:
        run_server(args.serve[0], int(args.serve[1]), int(args.serve[2]))
        return
    queries = {**QUERIES, **(MERGED_QUERIES if args.merged else {})}

    import httpx

    build(args.db, args.events)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, __file__, "--serve", str(args.db), str(port), str(args.workers)], env=os.environ.copy()
    )
    base = f"http://127.0.0.1:{port}"
    try:
        if not wait_healthy(base, server, timeout=30):
            sys.exit("server did not start")

        with httpx.Client(base_url=base) as c:  # warm up every query once, and show result sizes
            for name, params in queries.items():
                r = c.get("/api/events", params=params, timeout=60)
                r.raise_for_status()
                print(f"  {name:<12} total={r.json()['total']}", file=sys.stderr)

        lat: dict[str, list[float]] = defaultdict(list)
        errors = 0
        lock = threading.Lock()
        stop_at = time.monotonic() + args.duration
        names = list(queries)

        def client(i: int) -> None:
            nonlocal errors
            with httpx.Client(base_url=base, timeout=60) as c:
                k = i
                while time.monotonic() < stop_at:
                    name = names[k % len(names)]
                    k += 1
                    t0 = time.perf_counter()
                    r = c.get("/api/events", params=queries[name])
                    dt = time.perf_counter() - t0
                    with lock:
                        if r.status_code == 200:
                            lat[name].append(dt * 1000)
                        else:
                            errors += 1

        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        cpu0 = cpu_seconds(server.pid)
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - t0
        cpu1 = cpu_seconds(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)

    allv = [v for vs in lat.values() for v in vs]
    cpus = os.cpu_count()
    load = os.getloadavg()[0]
    print(
        f"GET /api/events · {args.events} events · SQLite · {args.workers} worker(s) · {args.clients} clients · "
        f"{wall:.1f}s · cpus={cpus} · load(1 min) {load:.1f}"
    )
    print(f"{'query':<12} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for name in names:
        vs = lat[name]
        print(f"{name:<12} {len(vs):>6} {pct(vs, 50):>8.1f} {pct(vs, 95):>8.1f} {pct(vs, 99):>8.1f}")
    print(f"{'all':<12} {len(allv):>6} {pct(allv, 50):>8.1f} {pct(allv, 95):>8.1f} {pct(allv, 99):>8.1f}")
    mean = statistics.fmean(allv) if allv else 0.0
    print(f"throughput {len(allv) / wall:.1f} req/s, errors {errors}, mean {mean:.1f} ms")
    if cpu0 is not None and cpu1 is not None and allv:
        print(f"server CPU {1000 * (cpu1 - cpu0) / (len(allv) + errors):.1f} ms per request")


if __name__ == "__main__":
    main()
