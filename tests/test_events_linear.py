"""The hashed-feature type classifier, its trainer and the rules-vs-head vote (our own sentences)."""

from __future__ import annotations

import zlib

import numpy as np
import pytest

from accord.analysis.acled_report import combine
from accord.models.events_linear import N_BUCKETS, features, load_acled_model, load_model

pytest.importorskip("scipy")

from accord.models import events_train as tr


def _grams(text: str) -> set[int]:
    return set(features(text).tolist())


def test_events_linear_features_are_deterministic_buckets():
    a, b = features("Troops shelled the village."), features("Troops shelled the village.")
    assert a.tolist() == b.tolist() and all(0 <= x < N_BUCKETS for x in a)


def _bucket(gram: str) -> int:
    return zlib.crc32(gram.encode()) % N_BUCKETS


@pytest.mark.parametrize(
    ("plain", "negated", "word"),
    [
        ("The army attacked the village.", "The army did not attack the village.", "attack"),
        ("The army attacked the village.", "The army didn't attack the village.", "attack"),
        ("The rebels signed the deal.", "The rebels refused to sign the deal.", "sign"),
    ],
)
def test_events_linear_features_mark_negation(plain, negated, word):
    assert _bucket("¬" + word) in _grams(negated)
    assert _bucket("¬" + word) not in _grams(plain)


def test_events_linear_features_mark_the_lead_sentence():
    one = _grams("Police arrested ten men. A crowd gathered.")
    swapped = _grams("A crowd gathered. Police arrested ten men.")
    assert one != swapped  # same words, different first sentence


def test_events_linear_stem_shares_inflections():
    assert _grams("shelled") & _grams("shelling")


def test_events_linear_fit_softmax_learns_a_separable_toy_set():
    samples = [
        tr.Sample(t, lab, "seed", f"k{i}")
        for i, (t, lab) in enumerate(
            [
                ("Troops shelled the town.", "ASSAULT"),
                ("Gunmen shelled a market.", "ASSAULT"),
                ("Artillery shelled the border post.", "ASSAULT"),
                ("The ministers signed a trade deal.", "AGREE"),
                ("Both sides signed the truce.", "AGREE"),
                ("The parties signed an accord.", "AGREE"),
            ]
        )
    ]
    head = tr.train_head(samples, iters=80)
    probs = head.probs("Rebels shelled the airport.")
    assert max(probs, key=probs.get) == "ASSAULT"
    # a fold leaves its held-out keys out of training: with every AGREE item held out, AGREE is no label
    assert tr.train_head(samples, frozenset({"k3", "k4", "k5"}), iters=20).labels == ["ASSAULT"]


def test_events_linear_folds_are_disjoint_and_cover():
    keys = [f"r{i}" for i in range(23)]
    folds = tr.folds(keys, 5)
    assert sum(len(f) for f in folds) == 23 and set().union(*folds) == set(keys)
    assert tr.folds(keys, 5) == folds  # fixed shuffle


@pytest.mark.parametrize(
    ("rule", "carried", "probs", "label"),
    [
        ("Armed clash", {"Armed clash"}, {"Armed clash": 0.2, "Attack": 0.5, "Other": 0.3}, "Armed clash"),
        ("Armed clash", set(), {"Armed clash": 0.01, "Attack": 0.95, "Other": 0.04}, "Attack"),
        ("Other", {"Grenade"}, {"Other": 0.1, "Grenade": 0.6, "Attack": 0.3}, "Grenade"),
    ],
)
def test_events_linear_rules_vote_against_head(rule, carried, probs, label):
    assert combine(rule, carried, probs) == label


def test_events_linear_shipped_heads_load_small():
    plover, acled = load_model(), load_acled_model()
    assert plover is not None and len(plover.labels) == 16
    assert acled is None or "Agreement" in acled.labels
    assert plover.w.shape[0] == N_BUCKETS and np.isfinite(plover.b).all()
