"""Gold check: quote extraction on PolNeAR dev stays above its pinned floors; the scorer itself."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.errors import InputError
from accord.eval.polnear import GoldAttribution, load_set, parse_ann, score_predictions
from accord.records import Quote, Span

FLOORS = json.loads((Path(__file__).parent / "floors" / "polnear.json").read_text(encoding="utf-8"))


@pytest.mark.gold
def test_eval_polnear_meets_floors(shared_data):
    from accord.eval import scorers

    result = scorers.get("polnear")(shared_data / "polnear" / "dev")
    low = {k: (round(result[k], 4), floor) for k, floor in FLOORS.items() if result[k] < floor}
    assert not low, f"below floor (measured, floor): {low}\n{result['report']}"


TEXT = 'The envoy said the road was open. "We will stay," she added. Rain fell.'
ANN = (
    "T1\tSource 0 9\tThe envoy\n"
    "T2\tCue 10 14\tsaid\n"
    "T3\tContent 15 32\tthe road was open\n"
    "T4\tAttribution 10 14\tsaid\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "T5\tContent 35 48;49 50\tWe will stay, x\n"
    "T6\tCue 54 59\tadded\n"
    "T7\tAttribution-no-source 54 59\tadded\n"
    "E2\tAttribution-no-source:T7 Content:T5 Cue:T6\n"
    "#1\tAnnotatorNotes T5\ta note\n"
)


def _write_set(tmp_path: Path) -> Path:
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "attributions" / "a_x1.ann").write_text(ANN, encoding="utf-8")
    return tmp_path


def test_eval_polnear_parses_brat_with_discontinuous_spans(tmp_path):
    gold = parse_ann(_write_set(tmp_path) / "attributions" / "a_x1.ann")
    assert [g.content for g in gold] == [[(15, 32)], [(35, 48), (49, 50)]]
    assert gold[0].source == [(0, 9)] and gold[1].source == []
    assert load_set(tmp_path)[0][0] == "a"


def test_eval_polnear_missing_folder_is_input_error(tmp_path):
    with pytest.raises(InputError, match="PolNeAR"):
        load_set(tmp_path)


def _q(start: int, end: int, speaker: tuple[int, int] | None, kind: str = "indirect") -> Quote:
    mention = Span(start=speaker[0], end=speaker[1], text=TEXT[speaker[0] : speaker[1]]) if speaker else None
    return Quote(id="q", kind=kind, text=TEXT[start:end], start=start, end=end, speaker_mention=mention)


def test_eval_polnear_scores_overlap_and_speakers():
    gold = [GoldAttribution(content=[(15, 32)], source=[(0, 9)]), GoldAttribution(content=[(35, 48)])]
    # the first quote is right with its speaker; the second adds "Rain fell" (2 extra tokens) and a speaker
    preds = [_q(15, 32, (4, 9)), _q(35, 71, (50, 53), "direct")]
    res = score_predictions([(TEXT, gold, preds)])
    assert res["overlap_r"] == 1.0
    assert res["overlap_p"] == pytest.approx(7 / 11, abs=1e-4)  # "she added" and "Rain fell" are not content
    assert res["span_p"] == 1.0 and res["span_r"] == 1.0
    assert res["speaker_accuracy"] == 1.0 and res["no_source_accuracy"] == 0.0


def test_eval_polnear_wrong_speaker_and_miss():
    gold = [GoldAttribution(content=[(15, 32)], source=[(0, 9)]), GoldAttribution(content=[(35, 48)])]
    res = score_predictions([(TEXT, gold, [_q(15, 32, (62, 66))])])
    assert res["speaker_accuracy"] == 0.0
    assert res["span_r"] == 0.5 and res["overlap_r"] == pytest.approx(4 / 7, abs=1e-4)


@pytest.mark.parametrize(("limit", "expected"), [(None, 5), (0, 5), (2, 2), (5, 5), (9, 5)])
def test_eval_polnear_limit_spreads_over_the_set(tmp_path, limit, expected):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    for i in range(5):
        (tmp_path / "text" / f"p{i}.txt").write_text(TEXT, encoding="utf-8")
        (tmp_path / "attributions" / f"p{i}_x1.ann").write_text(ANN, encoding="utf-8")
    names = [n for n, _t, _g in load_set(tmp_path, limit)]
    assert len(names) == expected
    if limit == 2:
        assert names == ["p0", "p2"]  # spread over the sorted list, not its head


def test_eval_polnear_limit_from_environment(monkeypatch):
    from accord.eval.polnear import _env_limit

    monkeypatch.setenv("ACCORD_POLNEAR_LIMIT", "12")
    assert _env_limit() == 12
    monkeypatch.setenv("ACCORD_POLNEAR_LIMIT", "many")
    with pytest.raises(InputError, match="ACCORD_POLNEAR_LIMIT"):
        _env_limit()
