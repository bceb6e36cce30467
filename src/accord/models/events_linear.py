"""A light PLOVER sentence-type classifier: hashed word n-grams → linear softmax (numpy only).

Two heads share the features: ``plover`` (the 16 types, for the events stage) and ``acled`` (ACLED
sub-event types and the CASE extension names, for :func:`accord.analysis.acled_report.report_label`).
Trained by ``scripts/train_events.py`` (deterministic, :mod:`accord.models.events_train`) on the NGEC
synthetic stories, our own labelled sentences (``knowledge/data/events_seed.tsv``) and the development
gold sentences; only the weights ship (``events_linear.npz``, float16). Loaded once per process; scoring
a sentence costs microseconds. ``accord eval plover|case2021`` cross-validates the same training.
"""

from __future__ import annotations

import itertools
import re
import zlib
from functools import lru_cache
from importlib import resources

import numpy as np

N_BUCKETS = 1 << 16
_WORD = re.compile(r"n't|[a-z]+(?:['’][a-z]+)?|\d+")
_SUFFIXES = ("ings", "ing", "ed", "es", "s")


@lru_cache(maxsize=1 << 16)
def _stem(w: str) -> str:
    """A crude stem so 'shelled', 'shelling', 'shells' share a feature (no parser needed at train time)."""
    if len(w) > 4:
        for suf in _SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                return w[: -len(suf)]
    return w


def tokens(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text.lower())]


_NEGATORS = frozenset({"not", "no", "never", "n't", "without", "deni", "deny", "refus", "reject"})
_HEDGES = frozenset(
    {"could", "would", "might", "may", "threat", "warn", "if", "unless", "plan", "plann", "threaten", "will"}
)
_SENT_END = re.compile(r"[.!?](?:\s|$)")


def features(text: str) -> np.ndarray:
    """Bucket ids of a text's stem unigrams and bigrams, plus: words within three of a negator marked
    negated ("did not attack" ≠ "attack"), the hedge words seen (modal, threat, condition), and the first
    sentence's words marked as the lead (a snippet's first sentence usually states its event).
    Deterministic: crc32, not Python's hash."""
    low = text.lower().replace("n't", " n't").replace("n’t", " n't")
    toks = tokens(low)
    grams = toks + [a + " " + b for a, b in itertools.pairwise(toks)]
    left = 0
    for t in toks:
        if t in _NEGATORS:
            left = 3
        elif left:
            grams.append("¬" + t)
            left -= 1
    grams.extend("?" + t for t in toks if t in _HEDGES)
    m = _SENT_END.search(low)
    if m and m.end() < len(low) - 1:
        grams.extend("^" + t for t in tokens(low[: m.end()]))
    return np.array([zlib.crc32(g.encode()) for g in grams], dtype=np.int64) % N_BUCKETS


class LinearTypeModel:
    """Softmax over PLOVER types from summed hashed-feature weights (L2-normalised bag)."""

    def __init__(self, weights: np.ndarray, bias: np.ndarray, labels: list[str]) -> None:
        self.w = weights.astype(np.float32)
        self.b = bias.astype(np.float32)
        self.labels = labels

    def scores(self, text: str) -> np.ndarray:
        ids = features(text)
        if len(ids) == 0:
            return self.b.copy()
        uniq, counts = np.unique(ids, return_counts=True)
        vals = counts.astype(np.float32)
        vals /= np.sqrt((vals**2).sum())
        return vals @ self.w[uniq] + self.b

    def probs(self, text: str) -> dict[str, float]:
        z = self.scores(text)
        z = np.exp(z - z.max())
        p = z / z.sum()
        return {lab: float(v) for lab, v in zip(self.labels, p, strict=False)}


def _load(prefix: str) -> LinearTypeModel | None:
    ref = resources.files("accord.models").joinpath("events_linear.npz")
    if not ref.is_file():
        return None
    with resources.as_file(ref) as path, np.load(path, allow_pickle=False) as z:
        if prefix + "w" not in z:
            return None
        return LinearTypeModel(z[prefix + "w"], z[prefix + "b"], [str(x) for x in z[prefix + "labels"]])


@lru_cache(maxsize=1)
def load_model() -> LinearTypeModel | None:
    """The shipped PLOVER-type head, or None when the weights file is absent (rules then work alone)."""
    return _load("")


@lru_cache(maxsize=1)
def load_acled_model() -> LinearTypeModel | None:
    """The shipped ACLED sub-event-type head (report level), or None when absent."""
    return _load("acled_")
