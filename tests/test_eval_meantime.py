"""Cross-document event coreference on MEANTIME (gold data; skipped when absent), with pinned floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.eval.meantime import b_cubed, pairwise

FLOORS = json.loads((Path(__file__).parent / "floors" / "meantime.json").read_text())


def test_eval_meantime_b_cubed_and_pairwise_by_hand():
    gold = {"a": "X", "b": "X", "c": "Y"}
    assert b_cubed({"a": "1", "b": "1", "c": "2"}, gold) == (1.0, 1.0, 1.0)
    p, r, _ = b_cubed({"a": "1", "b": "2", "c": "3"}, gold)
    assert p == 1.0 and r == pytest.approx((0.5 + 0.5 + 1) / 3)
    pp, pr, _, merged, gold_pairs = pairwise({"a": "1", "b": "1", "c": "1"}, gold)
    assert (merged, gold_pairs) == (3, 1) and pp == pytest.approx(1 / 3) and pr == 1.0


@pytest.mark.gold
@pytest.mark.slow
def test_eval_meantime_floors(shared_data):
    from accord.eval.meantime import score

    result = score(shared_data / "meantime")
    for metric, floor in FLOORS.items():
        assert result[metric] >= floor, (metric, result[metric], floor)
    assert result["matched"] >= 100
