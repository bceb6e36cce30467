"""Gold check: the temporal tagger on TimeBank + AQUAINT stays above its pinned floors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

FLOORS = json.loads((Path(__file__).parent / "floors" / "timebank.json").read_text(encoding="utf-8"))


@pytest.mark.gold
def test_eval_timebank_meets_floors(shared_data):
    from accord.eval import scorers

    result = scorers.get("timebank")(shared_data / "timebank_aquaint")
    low = {k: (round(result[k], 4), floor) for k, floor in FLOORS.items() if result[k] < floor}
    assert not low, f"below floor (measured, floor): {low}\n{result['report']}"


def test_eval_timebank_reads_timeml(tmp_path):
    from accord.eval.timebank import SysTimex, load_tml, score_predictions

    tml = tmp_path / "doc.tml"
    tml.write_text(
        '<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2025-05-16">20250516</TIMEX3></DCT>'
        '<TEXT>Rebels attacked <TIMEX3 tid="t1" type="DATE" value="2025-05-13">Tuesday</TIMEX3> &amp; '
        'left <TIMEX3 tid="t2" type="DURATION" value="P2D">two days</TIMEX3> later.</TEXT></TimeML>',
        encoding="utf-8",
    )
    doc = load_tml(tml)
    assert str(doc.dct) == "2025-05-16"
    assert [(g.text, g.value) for g in doc.gold] == [("Tuesday", "2025-05-13"), ("two days", "P2D")]
    res = score_predictions([doc], [[SysTimex(doc.text.index("Tuesday"), doc.text.index("Tuesday") + 7, "DATE",
                                              "2025-05-13"),
                                     SysTimex(doc.text.index("two"), doc.text.index("later") + 5, "DATE", "x")]])
    assert res["strict_f1"] == 0.5 and res["relaxed_f1"] == 1.0 and res["value_f1"] == 0.5
