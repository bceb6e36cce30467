"""Training side of the event-type classifier (scipy at training time only; the shipped model is numpy).

One trainer for the shipped weights (``scripts/train_events.py``) and for the cross-validation modes of
``accord eval plover|case2021 --folds k``, so the honest figure comes from exactly what ships:

- :func:`fit_softmax` — multinomial logistic regression, full-batch Adam over the hashed features of
  :mod:`accord.models.events_linear` (deterministic: no sampling, fixed initialisation, a few seconds).
- Corpora, each a list of :class:`Sample`: the NGEC synthetic stories (lead sentences and headlines),
  our own seed sentences, the PLOVER gold sentences, the CASE 2021 snippets. Gold data is read from
  ``../shared/data`` at training time and never shipped; only weights are.
- Two heads: ``plover`` (the 16 types; synthetic + seed + PLOVER gold) and ``acled`` (ACLED sub-event
  types and the CASE extension names; CASE snippets only). A cross-validation fold leaves its held-out items
  out of every head through ``exclude``.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from accord.knowledge import plover as kb
from accord.models.events_linear import N_BUCKETS, LinearTypeModel, features

SEED_FILE = Path(__file__).resolve().parents[1] / "knowledge" / "data" / "events_seed.tsv"
CASE_FILE = "test_set_final_release_with_labels.dev.tsv"
PLOVER_FILE = "PLOVER_GSR_CAMEO.dev.txt"
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")

#: How much one item of each corpus counts in the loss: gold sentences are real news in the target
#: register; the synthetic stories are plentiful but template-made; our seed sentences are short and clean.
WEIGHTS = {"synthetic": 0.35, "seed": 2.0, "plover": 3.0, "case": 1.0}

#: Weights smaller than this are dropped (top-label agreement with the unpruned head stays above 99%).
PRUNE = 0.05


@dataclass(frozen=True)
class Sample:
    text: str
    label: str
    source: str  # corpus name (a key of WEIGHTS)
    key: str  # item id: CV folds exclude by it; synthetic items share their headline template


def synthetic(data: Path) -> list[Sample]:
    """NGEC synthetic stories: the lead two sentences of each story and each headline template once."""
    out: list[Sample] = []
    with zipfile.ZipFile(data / "gpt_synthetic_events_2023-10-19_19.csv.zip") as z:
        rows = list(csv.DictReader(io.TextIOWrapper(z.open(z.namelist()[0]), encoding="utf-8")))
    seen: set[tuple[str, str]] = set()
    for r in rows:
        body = re.sub(r"\s+", " ", r["text"]).strip()
        out.append(Sample(" ".join(_SENT.split(body)[:2]), r["label"], "synthetic", r["title"]))
        if (r["title"], r["label"]) not in seen:
            seen.add((r["title"], r["label"]))
            out.append(Sample(r["title"].replace("{country_1}", "the country"), r["label"], "synthetic", r["title"]))
    return out


def seed() -> list[Sample]:
    """Our own labelled sentences (``knowledge/data/events_seed.tsv``)."""
    out = []
    for line in SEED_FILE.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            lab, sent = line.split("\t", 1)
            out.append(Sample(sent, lab, "seed", f"seed:{len(out)}"))
    return out


def plover_gold(path: Path) -> list[Sample]:
    """PLOVER GSR dev sentences with their type mapped to today's 16 (record id as key)."""
    f = path / PLOVER_FILE if path.is_dir() else path
    recs = [r for r in json.loads(f.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]
    return [Sample(r["text"], kb.GSR_TYPE_MAP.get(r["event"], r["event"]), "plover", r["id"]) for r in recs]


def case_gold(path: Path) -> list[Sample]:
    """CASE 2021 task-2 dev snippets with ACLED / extension names (snippet id as key)."""
    f = path / CASE_FILE if path.is_dir() else path
    out = []
    for line in f.read_text(encoding="utf-8").split("\n")[1:]:
        if line:
            rid, text, lab = line.split("\t")
            out.append(Sample(text, kb.CASE_LABELS[lab], "case", rid))
    return out


def matrix(texts: Iterable[str]) -> object:
    """CSR matrix of L2-normalised hashed-feature counts (the same vector ``LinearTypeModel`` scores)."""
    from scipy import sparse

    rows, cols, vals = [], [], []
    n = 0
    for i, t in enumerate(texts):
        n += 1
        ids = features(t)
        if len(ids) == 0:
            continue
        uniq, counts = np.unique(ids, return_counts=True)
        v = counts.astype(np.float64)
        v /= np.sqrt((v**2).sum())
        rows.extend([i] * len(uniq))
        cols.extend(uniq.tolist())
        vals.extend(v.tolist())
    return sparse.csr_matrix((vals, (rows, cols)), shape=(n, N_BUCKETS))


def fit_softmax(
    X: object, y: np.ndarray, n_classes: int, weight: np.ndarray, l2: float = 1e-4, iters: int = 200, lr: float = 0.1
) -> tuple[np.ndarray, np.ndarray]:
    """Weighted multinomial logistic regression by full-batch Adam: (weights (buckets, classes), bias)."""
    n, d = X.shape
    W = np.zeros((d, n_classes))
    b = np.zeros(n_classes)
    Y = np.zeros((n, n_classes))
    Y[np.arange(n), y] = 1.0
    sw = weight / weight.sum()
    XT = X.T.tocsr()
    mW, vW, mb, vb = np.zeros_like(W), np.zeros_like(W), np.zeros_like(b), np.zeros_like(b)
    b1, b2, eps = 0.9, 0.999, 1e-8
    for t in range(1, iters + 1):
        Z = X @ W + b
        Z -= Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        G = (P - Y) * sw[:, None]
        gW = XT @ G + l2 * W
        gb = G.sum(axis=0)
        mW = b1 * mW + (1 - b1) * gW
        vW = b2 * vW + (1 - b2) * gW**2
        mb = b1 * mb + (1 - b1) * gb
        vb = b2 * vb + (1 - b2) * gb**2
        c1, c2 = 1 - b1**t, 1 - b2**t
        W -= lr * (mW / c1) / (np.sqrt(vW / c2) + eps)
        b -= lr * (mb / c1) / (np.sqrt(vb / c2) + eps)
    return W, b


def train_head(
    samples: list[Sample], exclude: frozenset[str] = frozenset(), X_all: object | None = None, **kw: float
) -> LinearTypeModel:
    """A softmax head over the labels of ``samples`` (minus excluded keys), weighted per corpus.
    ``X_all`` (``matrix`` of all ``samples``) saves re-featurising them fold after fold."""
    keep = [i for i, s in enumerate(samples) if s.key not in exclude]
    use = [samples[i] for i in keep]
    labels = sorted({s.label for s in use})
    idx = {lab: i for i, lab in enumerate(labels)}
    X = (X_all if X_all is not None else matrix(s.text for s in samples))[keep]
    y = np.array([idx[s.label] for s in use])
    w = np.array([WEIGHTS[s.source] for s in use])
    # each class's total weight counts alike, so a rare type is not drowned by a frequent one
    cls_w = np.bincount(y, weights=w, minlength=len(labels))
    w = w * (cls_w.sum() / len(labels)) / cls_w[y]
    used = np.unique(X.indices)  # train over the buckets that occur; the others keep weight 0
    Wu, b = fit_softmax(X[:, used], y, len(labels), w, **kw)
    Wu[np.abs(Wu) < PRUNE] = 0.0  # tiny weights barely move a score; zeros keep the shipped file small
    W = np.zeros((N_BUCKETS, len(labels)), dtype=np.float32)
    W[used] = Wu
    return LinearTypeModel(W, b.astype(np.float32), labels)


def plover_corpus(base: Path, gold: Path | None = None) -> list[Sample]:
    """Training items of the plover head: synthetic stories, seed sentences, PLOVER gold sentences
    (``gold``: the records file, default ``base/plover_gsr``)."""
    out = (synthetic(base / "ngec_synthetic") if (base / "ngec_synthetic").is_dir() else []) + seed()
    gold = gold or base / "plover_gsr"
    if gold.exists():
        out += plover_gold(gold)
    return out


def acled_corpus(base: Path, gold_file: Path | None = None) -> list[Sample]:
    """Training items of the acled head: the CASE 2021 snippets (``gold_file``, default under ``base``).

    Synthetic stories relabelled through our PLOVER→ACLED crosswalk were tried as extra items: the head
    alone gained 1.4 points of CV accuracy, but its combination with the rules lost 2 (it learns the
    crosswalk the rules already apply) and training took ten times longer."""
    gold_file = gold_file or base / "case2021_task2"
    return case_gold(gold_file) if gold_file.exists() else []


def folds(keys: list[str], k: int, seed: int = 13) -> list[frozenset[str]]:
    """``k`` disjoint held-out key sets, a fixed shuffle (so every run scores the same folds)."""
    order = np.random.default_rng(seed).permutation(len(keys))
    return [frozenset(keys[i] for i in order[j::k]) for j in range(k)]
