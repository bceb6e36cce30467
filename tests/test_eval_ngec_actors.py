"""Gold check: actor coding on the NGEC actor cases stays above its pinned floors; the scorer itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.errors import InputError

FLOORS = json.loads((Path(__file__).parent / "floors" / "ngec_actors.json").read_text(encoding="utf-8"))


@pytest.mark.gold
def test_eval_ngec_actors_meets_floors(shared_data):
    from accord.eval import scorers

    result = scorers.get("ngec_actors")(shared_data / "ngec_actor_cases")
    low = {k: (round(result[k], 4), floor) for k, floor in FLOORS.items() if result[k] < floor}
    assert not low, f"below floor (measured, floor): {low}\n{result['report']}"


HEADER = (
    "test\tdef_line\tcollected_by_pytest\tshadowed_by_later_def\tmarks\tmethod\tinput_text\targs_json\t"
    "kwargs_json\tfield\top\texpected_json\tcall_line\tassert_line\n"
)


def _row(
    text: str, field: str, op: str, expected: str, *, marks: str = "", collected: str = "True", kwargs: str = "{}"
) -> str:
    return (
        f"t\t1\t{collected}\tFalse\t{marks}\tagent_to_code\t{text}\t{json.dumps([text, '', 'today'])}\t"
        f"{kwargs}\t{field}\t{op}\t{expected}\t1\t1\n"
    )


def test_eval_ngec_actors_scores_country_sector_and_skips_wiki(tmp_path):
    from accord.eval.ngec_actors import score

    rows = [
        _row("Kenyan soldiers", "country", "==", '"KEN"'),
        _row("Kenyan soldiers", "code_1", "==", '"MIL"'),
        _row("Kenyan soldiers", "wiki", "==", '""'),
        _row("Moscow", "code_1", "==", '"GOV"'),
        _row("Odile Fremont-Barre", "", "is", "null"),
        _row("Kenyan soldiers", "country", "==", '"XXX"', marks="xfail: known"),
        _row("Kenyan soldiers", "country", "==", '"XXX"', collected="False"),
    ]
    (tmp_path / "cases.tsv").write_text(HEADER + "".join(rows), encoding="utf-8")
    result = score(tmp_path)
    assert result["country_accuracy"] == 1.0
    assert result["sector_accuracy"] == 1.0
    assert result["null_accuracy"] == 1.0
    assert "wiki" in result["report"] and "skip/xfail" in result["report"]


def test_eval_ngec_actors_missing_data_is_an_input_error(tmp_path):
    from accord.eval.ngec_actors import score

    with pytest.raises(InputError):
        score(tmp_path / "nowhere")
