"""Cross-article linking at scale: event de-duplication and actor identity on synthetic records.

    python benchmarks/linking.py [--events 100000] [--dup 3]

Generates ``events / dup`` distinct strikes, each reported by ``dup`` articles with jittered dates and
coordinates, links them, and prints time, peak memory and how many clusters came out (ideal:
events / dup). Run at several sizes to see that the time grows near-linearly (blocking, not all pairs).
"""

from __future__ import annotations

import argparse
import random
import resource
import time

from accord.link import link_actors, link_events
from accord.records import ArticleRecord

COUNTRIES = ["UKR", "SDN", "SYR", "YEM", "COD", "MLI", "MMR", "SOM"]


def synth(n_events: int, dup: int, seed: int = 7) -> list[ArticleRecord]:
    rng = random.Random(seed)
    recs = []
    for k in range(n_events // dup):
        day = 1 + rng.randrange(365)
        lat, lon = rng.uniform(-30, 60), rng.uniform(-20, 100)
        perp = rng.choice(COUNTRIES)
        killed = rng.randrange(0, 30)
        for d in range(dup):
            aid = f"s{k}-{d}"
            date = f"2025-{1 + (day - 1) // 31 % 12:02d}-{1 + (day - 1) % 28 + (d % 2):02d}"
            recs.append(
                ArticleRecord.model_validate(
                    {
                        "article": {"id": aid, "published": date},
                        "text": "x",
                        "actors": [
                            {
                                "id": f"{aid}:a1",
                                "name": f"Forces of {perp}",
                                "kind": "organization",
                                "country": perp,
                                "sector": "MIL",
                                "mentions": [{"start": 0, "end": 1, "text": "x"}],
                            }
                        ],
                        "places": [
                            {
                                "id": f"{aid}:p1",
                                "name": f"Town {k}",
                                "lat": lat + rng.uniform(-0.05, 0.05),
                                "lon": lon + rng.uniform(-0.05, 0.05),
                                "country": perp,
                                "feature": "city",
                                "mentions": [{"start": 0, "end": 1, "text": "x"}],
                            }
                        ],
                        "events": [
                            {
                                "id": f"{aid}:e1",
                                "type": "ASSAULT",
                                "actors": [f"{aid}:a1"],
                                "place": f"{aid}:p1",
                                "date": {"value": date, "precision": "day"},
                                "casualties": {"killed": killed + rng.randrange(0, 3)},
                                "evidence": {"start": 0, "end": 1, "text": "x"},
                                "confidence": 0.8,
                            }
                        ],
                    }
                )
            )
    return recs


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--dup", type=int, default=3)
    args = ap.parse_args()
    for n in sorted({args.events // 10, args.events // 2, args.events}):
        recs = synth(n, args.dup)
        t0 = time.perf_counter()
        _, entity_of = link_actors(recs)
        t1 = time.perf_counter()
        clusters, _ = link_events(recs, entity_of)
        t2 = time.perf_counter()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"{len(recs):>7} events: actors {t1 - t0:6.2f}s  events {t2 - t1:6.2f}s  "
            f"({len(recs) / (t2 - t1):,.0f} events/s)  clusters {len(clusters):>7} (ideal {n // args.dup})  "
            f"peak RSS {peak:,.0f} MiB"
        )


if __name__ == "__main__":
    main()
