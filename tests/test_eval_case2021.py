"""Gold check: ACLED sub-event typing on CASE 2021 task-2 dev stays above its pinned floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.errors import InputError
from accord.eval.case2021 import read_rows
from accord.knowledge import plover as kb

FLOORS = json.loads((Path(__file__).parent / "floors" / "case2021.json").read_text(encoding="utf-8"))


@pytest.mark.gold
def test_eval_case2021_meets_floors(shared_data):
    from accord.eval import scorers

    result = scorers.get("case2021")(shared_data / "case2021_task2")
    low = {k: (round(result[k], 4), floor) for k, floor in FLOORS.items() if result[k] < floor}
    assert not low, f"below floor (measured, floor): {low}\n{result['report']}"
    assert result["macro_f1"] > result["baseline_keyword_macro_f1"] > result["baseline_majority_macro_f1"]


def test_eval_case2021_reads_tsv(tmp_path):
    f = tmp_path / "x.tsv"
    f.write_text("id\tEventSnippet\tSubType\n1\tTroops shelled the town\tART_MISS_ATTACK\n", encoding="utf-8")
    assert read_rows(f) == [("1", "Troops shelled the town", "ART_MISS_ATTACK")]


def test_eval_case2021_missing_data_is_input_error(tmp_path):
    from accord.eval import scorers

    with pytest.raises(InputError, match="CASE"):
        scorers.get("case2021")(tmp_path)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("A strong earthquake struck the coast overnight.", "Natural disaster"),
        ("A fire broke out at a textile factory.", "Man-made disaster"),
        ("Police found a cache of weapons and ammunition at the farm.", "Disrupted weapons use"),
        ("Cartel members smuggled cocaine across the border.", "Organized crime"),
    ],
)
def test_eval_case2021_non_event_labels(text, label):
    assert kb.disaster_label(text) == label
