"""Train the event-type classifier shipped as ``src/accord/models/events_linear.npz`` (both heads).

    .venv/bin/python scripts/train_events.py [--data ../shared/data]

Training data (read at training time, never shipped; see :mod:`accord.models.events_train`):
- ``plover`` head: the NGEC synthetic stories (lead sentences + headline templates), our own sentences in
  ``knowledge/data/events_seed.tsv``, and the PLOVER GSR dev sentences;
- ``acled`` head: the CASE 2021 task-2 dev snippets.
Deterministic (full-batch training from zeros), so the file is reproducible. Only float16 weights are
written. The honest estimate of what this ships: ``accord eval plover`` / ``accord eval case2021``, whose
k-fold CV lines retrain the same recipe without each fold.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from accord.eval import shared_data_dir
from accord.models import events_train as tr

OUT = Path(__file__).resolve().parents[1] / "src" / "accord" / "models" / "events_linear.npz"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=None, help="the shared data folder (default ../shared/data)")
    args = ap.parse_args(argv)
    base = args.data or shared_data_dir()
    if base is None or not (base / "ngec_synthetic").is_dir():
        print("shared data (ngec_synthetic) not found; pass --data", file=sys.stderr)
        return 2
    plover = tr.train_head(tr.plover_corpus(base))
    arrays = {"w": plover.w.astype(np.float16), "b": plover.b, "labels": np.array(plover.labels, dtype=str)}
    acled_samples = tr.acled_corpus(base)
    if acled_samples:
        acled = tr.train_head(acled_samples)
        arrays |= {
            "acled_w": acled.w.astype(np.float16),
            "acled_b": acled.b,
            "acled_labels": np.array(acled.labels, dtype=str),
        }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT, **arrays)
    sizes = {k.removesuffix("labels") or "plover_": len(v) for k, v in arrays.items() if k.endswith("labels")}
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB), labels per head: {sizes}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
