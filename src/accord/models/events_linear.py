"""A light PLOVER sentence-type classifier: hashed word n-grams → linear softmax (numpy only).

Trained by ``scripts/train_events.py`` (fixed seed) on the NGEC synthetic stories' lead sentences and
titles plus our own labelled sentences (``knowledge/data/events_seed.tsv``); only the weights ship
(``events_linear.npz``, float16). Loaded once per process; scoring a sentence costs microseconds.
"""

from __future__ import annotations

import itertools
import re
import zlib
from functools import lru_cache
from importlib import resources

import numpy as np

N_BUCKETS = 1 << 16
_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?|\d+")
_SUFFIXES = ("ings", "ing", "ed", "es", "s")


def _stem(w: str) -> str:
    """A crude stem so 'shelled', 'shelling', 'shells' share a feature (no parser needed at train time)."""
    if len(w) > 4:
        for suf in _SUFFIXES:
            if w.endswith(suf) and len(w) - len(suf) >= 3:
                return w[: -len(suf)]
    return w


def tokens(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text.lower())]


def features(text: str) -> np.ndarray:
    """Bucket ids of the unigrams and bigrams of a text (deterministic: crc32, not Python's hash)."""
    toks = tokens(text)
    grams = toks + [a + " " + b for a, b in itertools.pairwise(toks)]
    return np.fromiter((zlib.crc32(g.encode()) % N_BUCKETS for g in grams), dtype=np.int64, count=len(grams))


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


@lru_cache(maxsize=1)
def load_model() -> LinearTypeModel | None:
    """The shipped model, or None when the weights file is absent (rules then work alone)."""
    ref = resources.files("accord.models").joinpath("events_linear.npz")
    if not ref.is_file():
        return None
    with resources.as_file(ref) as path, np.load(path, allow_pickle=False) as z:
        return LinearTypeModel(z["w"], z["b"], [str(x) for x in z["labels"]])
