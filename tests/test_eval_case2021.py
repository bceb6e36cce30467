"""Gold check: ACLED sub-event typing on CASE 2021 task-2 dev stays above its pinned floors."""

from __future__ import annotations

import importlib.util
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

    result = scorers.get("case2021")(shared_data / "case2021_task2", folds=5)
    if importlib.util.find_spec("scipy") is not None:  # the k-fold CV needs the training extras
        assert {k for k in FLOORS if k.startswith("cv_")} <= set(result)
    low = {k: (round(result[k], 4), floor) for k, floor in FLOORS.items() if k in result and result[k] < floor}
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


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("The two governments cut diplomatic ties and expelled each other's envoys.", "Diplomatic event"),
        ("The truce between the two militias held through the weekend.", "Agreement"),
        ("The army has established two new observation points near the border.", "Headquarters or base established"),
        ("A volcanic eruption sent lava down the mountain.", "Natural disaster"),
        ("The town was quiet and the market was busy.", "Other"),
    ],
)
def test_eval_case2021_no_event_label_reads_cues(text, label):
    assert kb.no_event_label(text) == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("A gas tank exploded at a chemical plant, injuring four workers.", "Man-made disaster"),
        ("A storage tank exploded after gunmen attacked the depot.", None),
        ("Soldiers were hurt when the convoy hit a mine.", None),
    ],
)
def test_eval_case2021_accident_label_needs_no_attacker(text, label):
    assert kb.accident_label(text) == label


@pytest.mark.parametrize(
    ("text", "hit"),
    [
        ("The group claimed responsibility for the blast.", True),
        ("A spokesman denied that his fighters were responsible for the killings.", True),
        ("The minister is responsible for the budget.", False),
    ],
)
def test_eval_case2021_responsibility_claim_cue(text, hit):
    assert bool(kb.RESPONSIBILITY_CLAIM.search(text)) is hit


@pytest.mark.parametrize(
    ("etype", "mode", "text", "sub"),
    [
        ("CONSULT", None, "The rebels and the government opened peace talks in the capital.", "Agreement"),
        ("CONSULT", None, "The ministers met to discuss trade.", "Diplomatic event"),
        ("ACCUSE", "disapprove", "The council condemned the missile test.", "Diplomatic event"),
        ("ACCUSE", "allege", "The ministry accused the rebels of the ambush.", "Attribution of responsibility"),
        (
            "RETREAT",
            "withdraw",
            "Government troops withdrew from the town overnight.",
            "Non-violent transfer of territory",
        ),
    ],
)
def test_eval_case2021_acled_sub_types(etype, mode, text, sub):
    assert kb.acled_code(etype, mode, text)[1] == sub
