"""Gold check: toponym resolution on LGL and GeoVirus stays above its pinned floors; scorer unit tests."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

FLOORS = json.loads((Path(__file__).parent / "floors" / "geo.json").read_text(encoding="utf-8"))


@pytest.mark.gold
@pytest.mark.slow
def test_eval_geo_meets_floors(shared_data):
    from accord.eval import scorers

    result = scorers.get("geo")(shared_data / "geoparsing")
    low = {k: (round(result[k], 4), floor) for k, floor in FLOORS.items() if result[k] < floor}
    assert not low, f"below floor (measured, floor): {low}\n{result['report']}"


def test_eval_geo_reads_both_formats(tmp_path):
    from accord.eval.geo import load_corpus

    lgl = tmp_path / "lgl.xml"
    lgl.write_text(
        "<articles><article docid='1'><text><![CDATA[Floods hit Dayton, Ohio on Monday.]]></text><toponyms>"
        "<toponym><start>11</start><end>17</end><phrase>Dayton</phrase><gaztag geonameid='4509884'>"
        "<lat>39.7589</lat><lon>-84.1916</lon></gaztag></toponym>"
        "<toponym><start>19</start><end>23</end><phrase>Ohio</phrase></toponym>"
        "</toponyms></article></articles>",
        encoding="utf-8",
    )
    [(text, golds)] = load_corpus(lgl, "lgl")
    assert [(g.phrase, text[g.start : g.end]) for g in golds] == [("Dayton", "Dayton")]  # no gaztag: not scored
    gv = tmp_path / "gv.xml"
    gv.write_text(
        "<articles><article><text>Cholera spread in Goma.</text><locations><location><name>Goma</name>"
        "<start>17</start><end>21</end><lat>-1.68</lat><lon>29.22</lon></location></locations></article></articles>",
        encoding="utf-8",
    )
    [(text, golds)] = load_corpus(gv, "geovirus")
    assert text[golds[0].start : golds[0].end] == "Goma" and golds[0].lat == -1.68


def test_eval_geo_realigns_drifting_offsets():
    from accord.eval.geo import _align

    assert _align("in Sumy and Sumy", 12, 16, "Sumy") == (12, 16)
    assert _align("in Sumy and Sumy", 10, 14, "Sumy") == (12, 16)
    assert _align("in Sumy", 0, 4, "Kyiv") is None


def test_eval_geo_metrics():
    from accord.eval.geo import MAX_KM, _metrics

    m = _metrics([0.0, 100.0, 200.0, MAX_KM])
    assert m["acc161"] == 0.5
    assert m["median_km"] == 150.0
    assert math.isclose(m["mean_km"], (300 + MAX_KM) / 4)
    assert 0 < m["auc"] < 1
    assert _metrics([0.0, 0.0])["auc"] == 0.0


def test_eval_geo_scores_a_tiny_corpus(nlp):
    from accord.eval.geo import Gold, evaluate

    text = "A missile hit Sumy overnight. Later, crowds gathered in Kharkiv."
    golds = [
        Gold(text.index("Sumy"), text.index("Sumy") + 4, "Sumy", 50.9216, 34.8003),
        Gold(text.index("Kharkiv"), text.index("Kharkiv") + 7, "Kharkiv", 49.9808, 36.2527),
        Gold(0, 1, "A", 0.0, 0.0),
    ]
    r = evaluate([(text, golds, nlp(text))])
    assert r["n"] == 3
    assert math.isclose(r["e2e"]["acc161"], 2 / 3)
    assert r["kinds"]["missed"] == 1


def test_eval_geo_reports_span_precision(nlp):
    from accord.eval.geo import Gold, evaluate

    text = "Rain fell on Odesa and on Lviv on Tuesday."
    golds = [Gold(text.index("Odesa"), text.index("Odesa") + 5, "Odesa", 46.4775, 30.7326)]
    r = evaluate([(text, golds, nlp(text))])
    assert math.isclose(r["precision"], 0.5)  # Lviv is found but not in this (partial) gold


def test_eval_geo_gold_reading_uses_the_admin_word_after_the_name(nlp):
    from accord.eval.geo import Gold, evaluate

    text = "Storms crossed Otoe and Cass counties in Nebraska."
    golds = [Gold(text.index("Otoe"), text.index("Otoe") + 4, "Otoe", 40.65, -96.13)]
    r = evaluate([(text, golds, nlp(text))])
    assert r["gold"]["acc161"] == 1.0


def test_eval_geo_gold_reading_links_qualifiers(nlp):
    """Given gold names, "Marion, Ohio" still reads Ohio as Marion's state (as recognition does), though the
    other names point at Iowa and Indiana, which have their own Marions."""
    from accord.eval.geo import Gold, evaluate

    text = "Patients in Indiana and Iowa fell ill, and so did a woman from Marion, Ohio, and two men from Iowa City."

    def gold(name: str, lat: float, lon: float) -> Gold:
        return Gold(text.index(name), text.index(name) + len(name), name, lat, lon)

    golds = [
        gold("Indiana", 40.0, -86.0),
        gold("Iowa", 42.0, -93.5),
        gold("Marion", 40.5887, -83.1285),
        gold("Ohio", 40.25, -83.0),
        gold("Iowa City", 41.66, -91.53),
    ]
    r = evaluate([(text, golds, nlp(text))])
    assert r["gold"]["acc161"] == 1.0
