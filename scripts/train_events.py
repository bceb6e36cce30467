"""Train the PLOVER sentence-type classifier shipped as ``src/accord/models/events_linear.npz``.

    .venv/bin/python scripts/train_events.py [--data ../shared/data/ngec_synthetic] [--cv]

Training data: the NGEC synthetic stories (lead two sentences and the headline of each story, labelled
with the story's PLOVER type; not shipped — licence "none stated") plus our own sentences in
``knowledge/data/events_seed.tsv``. Features: hashed unigrams+bigrams (``accord.models.events_linear``).
Model: multinomial logistic regression (scikit-learn, training time only; deterministic lbfgs).
Only the weights (float16) are written. ``--cv`` prints a 5-fold score grouped by headline template so
near-duplicate stories never sit on both sides of a fold.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
import zipfile
from pathlib import Path

import numpy as np
from scipy import sparse

from accord.eval import shared_data_dir
from accord.models.events_linear import N_BUCKETS, features

SEED = 13
OUT = Path(__file__).resolve().parents[1] / "src" / "accord" / "models" / "events_linear.npz"
SEED_FILE = Path(__file__).resolve().parents[1] / "src" / "accord" / "knowledge" / "data" / "events_seed.tsv"
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def load_samples(data: Path) -> tuple[list[str], list[str], list[str]]:
    """(texts, labels, groups): story leads, headlines, and our seed sentences."""
    texts, labels, groups = [], [], []
    with zipfile.ZipFile(data / "gpt_synthetic_events_2023-10-19_19.csv.zip") as z:
        name = z.namelist()[0]
        rows = list(csv.DictReader(io.TextIOWrapper(z.open(name), encoding="utf-8")))
    titles_seen: set[tuple[str, str]] = set()
    for r in rows:
        body = re.sub(r"\s+", " ", r["text"]).strip()
        sents = _SENT.split(body)
        lead = " ".join(sents[:2])
        texts.append(lead)
        labels.append(r["label"])
        groups.append(r["title"])
        key = (r["title"], r["label"])
        if key not in titles_seen:
            titles_seen.add(key)
            texts.append(r["title"].replace("{country_1}", "the country"))
            labels.append(r["label"])
            groups.append(r["title"])
    for line in SEED_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lab, sent = line.split("\t", 1)
        for _k in range(3):  # our sentences are short and clean: weight them a little
            texts.append(sent)
            labels.append(lab)
            groups.append(f"seed:{sent}")
    return texts, labels, groups


def matrix(texts: list[str]) -> sparse.csr_matrix:
    rows, cols, vals = [], [], []
    for i, t in enumerate(texts):
        ids = features(t)
        if len(ids) == 0:
            continue
        uniq, counts = np.unique(ids, return_counts=True)
        v = counts.astype(np.float64)
        v /= np.sqrt((v**2).sum())
        rows.extend([i] * len(uniq))
        cols.extend(uniq.tolist())
        vals.extend(v.tolist())
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(texts), N_BUCKETS))


def main(argv: list[str] | None = None) -> int:
    from sklearn.linear_model import LogisticRegression

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--cv", action="store_true")
    ap.add_argument("--C", type=float, default=8.0)
    args = ap.parse_args(argv)
    base = shared_data_dir()
    data = args.data or (base / "ngec_synthetic" if base else None)
    if data is None or not data.is_dir():
        print("ngec_synthetic data not found; pass --data", file=sys.stderr)
        return 2
    texts, labels, groups = load_samples(data)
    X = matrix(texts)
    y = np.array(labels)
    if args.cv:
        from sklearn.metrics import f1_score
        from sklearn.model_selection import GroupKFold

        pred = np.empty_like(y)
        for tr, te in GroupKFold(n_splits=5).split(X, y, groups):
            m = LogisticRegression(C=args.C, max_iter=300, random_state=SEED).fit(X[tr], y[tr])
            pred[te] = m.predict(X[te])
        print(f"grouped 5-fold: accuracy {np.mean(pred == y):.3f} macro-F1 {f1_score(y, pred, average='macro'):.3f}")
    m = LogisticRegression(C=args.C, max_iter=500, random_state=SEED).fit(X, y)
    w = m.coef_.T.astype(np.float16)  # (buckets, classes)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(OUT, w=w, b=m.intercept_.astype(np.float32), labels=np.array(m.classes_, dtype=str))
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB), {len(texts)} samples, classes {list(m.classes_)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
