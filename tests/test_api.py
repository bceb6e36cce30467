"""The HTTP API, in-process (FastAPI TestClient) over a store built by hand from ArticleRecord models.

The fixture world (``accord.api.synthetic.fixture_records``): five articles, eight events —
kharkiv-strike:e1 ASSAULT RUS→UKR at Kharkiv 2025-05-10 (2 killed); istanbul-talks:e1 CONSULT, e2 AGREE
(both at Istanbul), e3 ACCUSE (no place) 2025-05-16; truce-collapse:e1 ASSAULT RUS→UKR at Odesa
2025-05-24 (5 killed); el-fasher:e1 ASSAULT by SDN rebels 2025-04-21 (12 killed), e2 CONSULT in Jeddah
(undated → published 2025-04-22); markup:e1 PROTEST in Paris 2025-05-19.
"""

from __future__ import annotations

import hashlib
import re
import warnings
from pathlib import Path

import pytest

with warnings.catch_warnings():  # starlette warns at import that its TestClient prefers httpx2
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from accord.analysis import event_day, event_score, progress, weekly_series
from accord.analysis.agreements import agreement_key
from accord.api import create_app
from accord.api.queries import _cell, like_pattern
from accord.api.synthetic import XSS_TITLE, fixture_records, load
from accord.errors import ConfigError
from accord.records import ArticleRecord, json_schema, span_errors
from accord.store import Store

ALL_EVENTS = {
    "kharkiv-strike:e1", "istanbul-talks:e1", "istanbul-talks:e2", "istanbul-talks:e3", "truce-collapse:e1",
    "el-fasher:e1", "el-fasher:e2", "markup:e1",
}  # fmt: skip
STATIC = Path(__file__).resolve().parents[1] / "src" / "accord" / "api" / "static"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = Store(tmp_path_factory.mktemp("api") / "api.db")
    load(s, fixture_records())
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store):
    with TestClient(create_app(store)) as c:
        yield c


class FakePipeline:
    """Stands in for the NLP pipeline: one record per raw article, one event over the whole text."""

    def __init__(self) -> None:
        self.calls = 0

    def extract_pairs(self, raws, *, published=None):
        for raw in raws:
            self.calls += 1
            text = raw.text
            record = ArticleRecord.model_validate({
                "article": {"id": raw.article_id(), "title": raw.title, "published": raw.published},
                "text": text,
                "events": [{"id": "e1", "type": "AGREE", "evidence": {"start": 0, "end": len(text), "text": text},
                            "confidence": 0.5}],
            })  # fmt: skip
            yield raw, record


@pytest.fixture
def writer(tmp_path):
    s = Store(tmp_path / "w.db")
    pipe = FakePipeline()
    with TestClient(create_app(s, token="s3cret-token", pipeline=pipe, max_body_bytes=4096)) as c:
        c.pipe = pipe
        yield c
    s.close()


def ids(response) -> set[str]:
    assert response.status_code == 200, response.text
    return {e["id"] for e in response.json()["items"]}


# -- meta ------------------------------------------------------------------------------------
def test_api_health_ok(client):
    r = client.get("/api/health")
    assert r.status_code == 200
    assert r.json()["status"] == "ok" and r.json()["schema"] == "accord/1"


def test_api_schema_is_record_schema(client):
    assert client.get("/api/schema").json() == json_schema()


def test_api_stats_and_facets(client):
    assert client.get("/api/stats").json()["events"] == 8
    f = client.get("/api/facets").json()
    assert f["types"] == ["ACCUSE", "AGREE", "ASSAULT", "CONSULT", "PROTEST"]
    assert {"RUS", "UKR", "SDN", "SAU", "TUR", "FRA"} <= set(f["countries"])
    assert f["published"] == {"min": "2025-04-22", "max": "2025-05-25"}


# -- articles --------------------------------------------------------------------------------
def test_api_articles_paged_newest_first(client):
    first = client.get("/api/articles", params={"limit": 2}).json()
    assert first["total"] == 5 and [a["id"] for a in first["items"]] == ["truce-collapse", "markup"]
    rest = client.get("/api/articles", params={"limit": 10, "offset": 2}).json()
    assert [a["id"] for a in rest["items"]] == ["istanbul-talks", "kharkiv-strike", "el-fasher"]
    assert rest["items"][0]["events"] == 3


@pytest.mark.parametrize(("params", "expected"), [
    ({"q": "truce"}, ["truce-collapse"]),
    ({"since": "2025-05-16", "until": "2025-05-20"}, ["markup", "istanbul-talks"]),
])  # fmt: skip
def test_api_articles_filtered(client, params, expected):
    assert [a["id"] for a in client.get("/api/articles", params=params).json()["items"]] == expected


def test_api_article_record_with_evidence(client):
    r = client.get("/api/articles/istanbul-talks")
    assert r.status_code == 200
    record = ArticleRecord.model_validate(r.json())
    assert span_errors(record) == []
    assert record.events[1].evidence.text.startswith("The two sides agreed")
    ev = record.events[1].evidence
    assert record.text[ev.start : ev.end] == ev.text


def test_api_article_unknown_is_404_with_message(client):
    r = client.get("/api/articles/no-such-article")
    assert r.status_code == 404
    assert "no-such-article" in r.json()["detail"]


# -- events ----------------------------------------------------------------------------------
@pytest.mark.parametrize(("params", "expected"), [
    ({}, ALL_EVENTS),
    ({"type": "ASSAULT"}, {"kharkiv-strike:e1", "truce-collapse:e1", "el-fasher:e1"}),
    ({"type": "assault,consult"}, {"kharkiv-strike:e1", "truce-collapse:e1", "el-fasher:e1", "istanbul-talks:e1",
                                   "el-fasher:e2"}),
    ({"since": "2025-05-16"}, {"istanbul-talks:e1", "istanbul-talks:e2", "istanbul-talks:e3", "markup:e1",
                               "truce-collapse:e1"}),
    ({"until": "2025-04-30"}, {"el-fasher:e1", "el-fasher:e2"}),
    ({"since": "2025-05-16", "until": "2025-05-16"}, {"istanbul-talks:e1", "istanbul-talks:e2", "istanbul-talks:e3"}),
    ({"actor": "Russian drones"}, {"truce-collapse:e1"}),
    ({"actor": "kharkiv-strike:a2"}, {"kharkiv-strike:e1"}),
    ({"actor": "russian"}, {"kharkiv-strike:e1", "istanbul-talks:e1", "istanbul-talks:e2", "istanbul-talks:e3",
                            "truce-collapse:e1"}),
    ({"country": "SDN"}, {"el-fasher:e1", "el-fasher:e2"}),
    ({"country": "SAU"}, {"el-fasher:e2"}),
    ({"country": "tur"}, {"istanbul-talks:e1", "istanbul-talks:e2"}),
    ({"dyad": "RUS-UKR"}, {"kharkiv-strike:e1", "istanbul-talks:e1", "istanbul-talks:e2", "istanbul-talks:e3",
                           "truce-collapse:e1"}),
    ({"dyad": "UKR-RUS", "type": "ACCUSE"}, {"istanbul-talks:e3"}),
    ({"dyad": "SDN-RUS"}, set()),
    ({"place": "odesa"}, {"truce-collapse:e1"}),
    ({"place": "istanbul-talks:p1"}, {"istanbul-talks:e1", "istanbul-talks:e2"}),
    ({"bbox": "20,40,40,55"}, {"kharkiv-strike:e1", "truce-collapse:e1", "istanbul-talks:e1", "istanbul-talks:e2"}),
    ({"bbox": "170,-10,-170,10"}, set()),
    ({"bbox": "0,40,-170,60"}, {"kharkiv-strike:e1", "truce-collapse:e1", "istanbul-talks:e1", "istanbul-talks:e2",
                                "markup:e1"}),
    ({"status": "asserted"}, ALL_EVENTS),
    ({"status": "negated,future"}, set()),
    ({"type": "ASSAULT", "country": "UKR"}, {"kharkiv-strike:e1", "truce-collapse:e1"}),
])  # fmt: skip
def test_api_events_filters(client, params, expected):
    r = client.get("/api/events", params=params)
    assert ids(r) == expected
    assert r.json()["total"] == len(expected)


def test_api_events_resolve_actors_place_and_article(client):
    ev = next(e for e in client.get("/api/events", params={"place": "kharkiv"}).json()["items"])
    assert ev["actors"][0]["name"] == "Russian forces" and ev["actors"][0]["country"] == "RUS"
    assert ev["recipients"][0]["country"] == "UKR"
    assert ev["place"] == {"id": "kharkiv-strike:p1", "name": "Kharkiv", "country": "UKR", "lat": 49.99, "lon": 36.23}
    assert ev["casualties"]["killed"] == 2 and ev["casualties"]["injured"] == 40
    assert ev["evidence"]["text"].startswith("Russian forces struck")
    assert ev["article"]["title"] == "Strike on Kharkiv block"


def test_api_events_paging_is_stable_and_latest_first(client):
    pages = [client.get("/api/events", params={"limit": 3, "offset": o}).json() for o in (0, 3, 6)]
    seen = [e["id"] for p in pages for e in p["items"]]
    assert len(seen) == 8 and set(seen) == ALL_EVENTS
    days = [e["day"] for p in pages for e in p["items"]]
    # dated events latest first; an event without a day-precise date (filed under its article's
    # publication day) comes after them
    assert days[:-1] == sorted(days[:-1], reverse=True)
    assert seen[-1] == "el-fasher:e2" and days[-1] == "2025-04-22"
    assert pages[0]["items"][0]["id"] == "truce-collapse:e1"


def test_api_events_total_is_capped(client, monkeypatch):
    import accord.api.queries as q

    monkeypatch.setattr(q, "COUNT_CAP", 5)
    capped = client.get("/api/events").json()
    assert capped["total"] == 5 and capped["total_exact"] is False and len(capped["items"]) == 8
    exact = client.get("/api/events", params={"type": "ASSAULT"}).json()
    assert exact["total"] == 3 and exact["total_exact"] is True


def test_api_events_csv(client):
    r = client.get("/api/events", params={"format": "csv", "type": "ASSAULT"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    lines = r.text.strip().splitlines()
    assert lines[0].startswith("article_id,id,type,")
    assert len(lines) == 4
    assert any("Odesa" in line and ",5," in line for line in lines)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=HYPERLINK(x)", "'=HYPERLINK(x)"), ("@cmd", "'@cmd"), ("plain", "plain"), (-3.0, -3.0), (None, None)],
)
def test_api_csv_cells_neutralise_formulas(value, expected):
    assert _cell(value) == expected


@pytest.mark.parametrize(("params", "param"), [
    ({"since": "2025-13-01"}, "since"),
    ({"since": "yesterday"}, "since"),
    ({"until": "2025-02-30"}, "until"),
    ({"since": "2025-05-20", "until": "2025-05-01"}, "since"),
    ({"type": "BOMB"}, "type"),
    ({"country": "UKRAINE"}, "country"),
    ({"country": "U1K"}, "country"),
    ({"dyad": "RUS"}, "dyad"),
    ({"dyad": "RUS-UK1"}, "dyad"),
    ({"bbox": "1,2,3"}, "bbox"),
    ({"bbox": "a,b,c,d"}, "bbox"),
    ({"bbox": "0,50,10,40"}, "bbox"),
    ({"bbox": "0,0,200,10"}, "bbox"),
    ({"status": "maybe"}, "status"),
    ({"limit": "0"}, "limit"),
    ({"limit": "100000"}, "limit"),
    ({"limit": "abc"}, "limit"),
    ({"offset": "-1"}, "offset"),
    ({"format": "xml"}, "format"),
    ({"actor": "x" * 300}, "actor"),
])  # fmt: skip
def test_api_events_malformed_parameter_is_422_naming_it(client, params, param):
    r = client.get("/api/events", params=params)
    assert r.status_code == 422, r.text
    assert f"'{param}'" in r.json()["detail"]


INJECTIONS = [
    "' OR '1'='1", "1; DROP TABLE events; --", "\" OR 1=1 --", "Robert'); DROP TABLE articles;--", "%", "_", "\\",
    "') UNION SELECT id, text FROM articles --",
]  # fmt: skip
TEXT_FILTERS = [
    ("/api/events", "actor"), ("/api/events", "place"), ("/api/quotes", "speaker"), ("/api/quotes", "q"),
    ("/api/quotes", "article"), ("/api/actors", "q"), ("/api/actors", "sector"), ("/api/articles", "q"),
    ("/api/agreements", "q"),
]  # fmt: skip
UNDERSCORE_HITS = {
    ("/api/quotes", "speaker"): {"markup:q1"},
    ("/api/quotes", "q"): {"markup:q1"},
    ("/api/articles", "q"): {"markup"},
    ("/api/actors", "q"): {'<img src=x onerror="window.__xss=2">'},
}
VALIDATED_FILTERS = [
    ("/api/events", "since"), ("/api/events", "until"), ("/api/events", "type"), ("/api/events", "country"),
    ("/api/events", "dyad"), ("/api/events", "bbox"), ("/api/events", "status"), ("/api/events/summary", "type"),
    ("/api/quotes", "since"), ("/api/agreements", "status"), ("/api/actors", "country"), ("/api/viz/map", "country"),
]  # fmt: skip


@pytest.mark.parametrize("value", INJECTIONS)
def test_api_sql_injection_strings_are_inert(client, store, value):
    for path, param in TEXT_FILTERS:
        r = client.get(path, params={param: value})
        assert r.status_code == 200, (path, param, r.text)
        # "_" is a literal underscore, not a wildcard: only the markup article's items hold one.
        expected = UNDERSCORE_HITS.get((path, param), set()) if value == "_" else set()
        assert {x.get("id") or x.get("name") for x in r.json()["items"]} == expected, (path, param)
    for path, param in VALIDATED_FILTERS:
        r = client.get(path, params={param: value})
        assert r.status_code == 422, (path, param, r.text)
    assert client.get("/api/articles/" + value.replace("%", "%25")).status_code in (404, 405)
    assert client.get("/api/dyads/RUS/UKR/series", params={"type": value}).status_code == 422
    counts = store.counts()
    assert counts["events"] == 8 and counts["articles"] == 5


@pytest.mark.parametrize("path", ["/api/events?actor=a%00b", "/api/quotes?q=%00", "/api/articles?q=x%00"])
def test_api_nul_character_in_a_parameter_is_422(client, path):
    r = client.get(path)
    assert r.status_code == 422 and "NUL" in r.json()["detail"]


@pytest.mark.parametrize(("value", "pattern"), [("a%b", "%a\\%b%"), ("A_B", "%a\\_b%"), ("x\\y", "%x\\\\y%")])
def test_api_like_pattern_escapes_wildcards(value, pattern):
    assert like_pattern(value) == pattern


def test_api_events_summary_counts_and_weeks(client):
    s = client.get("/api/events/summary").json()
    assert s["total"] == 8 and s["killed"] == 19 and s["by_type"]["ASSAULT"] == 3
    assert s["weeks"] == ["2025-W17", "2025-W18", "2025-W19", "2025-W20", "2025-W21"]
    assert sum(w["events"] for w in s["by_week"]) == 8
    assert s["spec"]["mark"]["type"] == "bar" and s["spec"]["data"]["values"] == s["by_week"]
    assert client.get("/api/events/summary", params={"type": "ASSAULT"}).json()["total"] == 3


def test_api_map_spec_has_located_events_and_world(client):
    m = client.get("/api/viz/map").json()
    assert m["shown"] == 7 and m["total"] == 7
    world, points = m["spec"]["layer"]
    assert world["data"]["url"] == "static/vendor/countries-110m.json"
    assert {p["id"] for p in points["data"]["values"]} == ALL_EVENTS - {"istanbul-talks:e3"}
    assert points["encoding"]["size"]["field"] == "killed"
    assert m["spec"]["projection"]["fit"]["geometry"]["type"] == "MultiPoint"
    assert client.get("/api/viz/map", params={"country": "SDN"}).json()["shown"] == 2


# -- actors, quotes, agreements ---------------------------------------------------------------
@pytest.mark.parametrize(("params", "names"), [
    ({"country": "UKR"}, {"Andrii Sybiha", "Officials in Kyiv", "Ukraine", "Ukrainian"}),
    ({"kind": "person"}, {"Andrii Sybiha", "Hakan Fidan"}),
    ({"q": "forces"}, {"Russian forces", "Rapid Support Forces"}),
    ({"sector": "reb"}, {"Rapid Support Forces"}),
])  # fmt: skip
def test_api_actors_filters(client, params, names):
    r = client.get("/api/actors", params=params)
    assert r.status_code == 200
    assert {a["name"] for a in r.json()["items"]} == names


def test_api_actors_bad_kind_is_422(client):
    r = client.get("/api/actors", params={"kind": "alien"})
    assert r.status_code == 422 and "'kind'" in r.json()["detail"]


@pytest.mark.parametrize(("params", "expected"), [
    ({"q": "terror"}, {"kharkiv-strike:q1"}),
    ({"speaker": "fidan"}, {"istanbul-talks:q1"}),
    ({"speaker": "kharkiv-strike:a3"}, {"kharkiv-strike:q1"}),
    ({"since": "2025-05-12"}, {"istanbul-talks:q1", "markup:q1"}),
    ({"until": "2025-05-12"}, {"kharkiv-strike:q1"}),
    ({"article": "markup"}, {"markup:q1"}),
    ({"q": "<img"}, {"markup:q1"}),
])  # fmt: skip
def test_api_quotes_filters(client, params, expected):
    assert ids(client.get("/api/quotes", params=params)) == expected


def test_api_quotes_resolve_speaker(client):
    q = client.get("/api/quotes", params={"q": "terror"}).json()["items"][0]
    assert q["speaker"] == {"id": "kharkiv-strike:a3", "name": "Andrii Sybiha", "country": "UKR"}
    assert q["article"]["published"] == "2025-05-11"


def test_api_agreements_board_merges_reports(client):
    board = client.get("/api/agreements").json()
    assert board["total"] == 2
    ex = next(g for g in board["items"] if g["kind"] == "prisoner-exchange")
    assert ex["status"] == "in-force" and ex["updated"] == "2025-05-25"
    assert [h["status"] for h in ex["history"]] == ["signed", "in-force"]
    assert {r["article_id"] for r in ex["reports"]} == {"istanbul-talks", "truce-collapse"}
    assert {p["name"] for p in ex["parties"]} == {"Russian", "Ukrainian"}
    assert ex["mediators"][0]["name"] == "Hakan Fidan"


@pytest.mark.parametrize(("params", "names"), [
    ({"status": "collapsed"}, ["Easter truce"]),
    ({"status": "in-force,collapsed"}, ["Istanbul prisoner exchange", "Easter truce"]),
    ({"kind": "ceasefire"}, ["Easter truce"]),
    ({"q": "istanbul"}, ["Istanbul prisoner exchange"]),
    ({"status": "signed"}, []),
])  # fmt: skip
def test_api_agreements_filters(client, params, names):
    r = client.get("/api/agreements", params=params)
    assert r.status_code == 200
    assert [g["name"] for g in r.json()["items"]] == names


def test_api_agreement_history_by_key(client):
    key = client.get("/api/agreements", params={"kind": "ceasefire"}).json()["items"][0]["key"]
    h = client.get(f"/api/agreements/{key}/history").json()
    assert h["name"] == "Easter truce" and h["history"][0]["status"] == "collapsed"
    r = client.get("/api/agreements/ceasefire:nothing/history")
    assert r.status_code == 404 and "ceasefire:nothing" in r.json()["detail"]


@pytest.mark.parametrize(
    ("a", "b"), [("the Istanbul  Prisoner exchange", "Istanbul prisoner exchange"), ("Easter truce", "easter-truce")]
)
def test_api_agreement_key_normalises_names(a, b):
    assert agreement_key("ceasefire", a) == agreement_key("ceasefire", b)


# -- dyads -----------------------------------------------------------------------------------
def test_api_dyad_series_and_summary(client):
    r = client.get("/api/dyads/rus/ukr/series")
    assert r.status_code == 200
    d = r.json()
    assert d["dyad"] == ["RUS", "UKR"] and d["events"] == 5
    assert [w["week"] for w in d["weeks"]] == ["2025-W19", "2025-W20", "2025-W21"]
    assert [w["score"] for w in d["weeks"]] == [-9.0, 2.33, -10.0]
    assert d["summary"]["direction"] == "insufficient data"
    assert [layer["mark"]["type"] for layer in d["spec"]["layer"]] == ["bar", "line"]


def test_api_dyads_ranked(client):
    top = client.get("/api/dyads").json()["items"][0]
    assert top == {"a": "RUS", "b": "UKR", "events": 5}


@pytest.mark.parametrize(("path", "param"), [
    ("/api/dyads/RUSSIA/UKR/series", "a"),
    ("/api/dyads/RUS/U2R/series", "b"),
    ("/api/dyads/RUS/UKR/series?window=0", "window"),
    ("/api/dyads/RUS/UKR/series?since=2025-1-1", "since"),
])  # fmt: skip
def test_api_dyad_series_bad_input_is_422(client, path, param):
    r = client.get(path)
    assert r.status_code == 422 and f"'{param}'" in r.json()["detail"]


def _ev(day: str, quad: int | None = None, intensity: float | None = None, typ: str = "CONSULT", killed=None):
    return {"date_value": day, "quad_class": quad, "intensity": intensity, "type": typ, "killed": killed}


@pytest.mark.parametrize(("ev", "score"), [
    (_ev("2025-01-01", intensity=-7.5), -7.5),
    (_ev("2025-01-01", quad=2), 6.0),
    (_ev("2025-01-01", typ="ASSAULT"), -8.0),
    (_ev("2025-01-01", intensity=42.0), 10.0),
    ({"type": "UNKNOWN"}, None),
])  # fmt: skip
def test_analysis_event_score(ev, score):
    assert event_score(ev) == score


@pytest.mark.parametrize(("ev", "day"), [
    ({"date_value": "2025-05-14T10:00"}, "2025-05-14"),
    ({"date_value": "2025-W20"}, "2025-05-12"),
    ({"date_value": "P90D", "published": "2025-05-16T08:00:00"}, "2025-05-16"),
    ({"date_value": "2025-02-31", "published": None}, None),
])  # fmt: skip
def test_analysis_event_day(ev, day):
    got = event_day(ev)
    assert (got.isoformat() if got else None) == day


def test_analysis_weekly_series_fills_gaps():
    series = weekly_series([_ev("2025-01-06", intensity=-8, typ="ASSAULT", killed=3), _ev("2025-01-29", quad=1)])
    assert [p.week for p in series] == ["2025-W02", "2025-W03", "2025-W04", "2025-W05"]
    assert [p.events for p in series] == [1, 0, 0, 1]
    assert series[0].killed == 3 and series[1].score is None


def _weeks(scores_per_week: list[list[float]]) -> list[dict]:
    from datetime import date, timedelta

    start = date(2025, 1, 6)
    return [_ev((start + timedelta(weeks=i)).isoformat(), intensity=s) for i, week in enumerate(scores_per_week)
            for s in week]  # fmt: skip


@pytest.mark.parametrize(("weeks", "direction"), [
    ([[-8, -8]] * 4 + [[2, 3]] * 4, "improving"),
    ([[4, 5]] * 4 + [[-6, -9]] * 4, "worsening"),
    ([[-2, -2]] * 4 + [[-1.5, -2]] * 4, "stable"),
    ([[-8]] * 2 + [[5]] * 4, "insufficient data"),
])  # fmt: skip
def test_analysis_progress_direction(weeks, direction):
    summary = progress(weekly_series(_weeks(weeks)), window=4)
    assert summary.direction == direction
    assert summary.text.lower().startswith(direction.split()[0])
    if direction == "improving":
        assert summary.trend_per_week and summary.trend_per_week > 0


# -- dashboard files, docs, headers -----------------------------------------------------------
def test_api_dashboard_and_docs_are_served_offline(client):
    for path in ("/", "/docs"):
        r = client.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", r.text), path
        assert "<script>" not in r.text  # no inline script: the CSP forbids it
    for asset in (
        "static/app.js",
        "static/vendor/vega.min.js",
        "static/vendor/swagger-ui-bundle.js",
        "static/vendor/countries-110m.json",
    ):
        assert client.get("/" + asset).status_code == 200, asset
    spec = client.get("/openapi.json").json()
    for path in (
        "/api/events",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/quotes",
        "/api/actors",
        "/api/agreements",
        "/api/dyads/{a}/{b}/series",
        "/api/schema",
        "/api/health",
    ):
        assert path in spec["paths"], path


def test_api_vendored_assets_match_recorded_sha256():
    table = (STATIC / "vendor" / "VENDORED.md").read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\S+) \| .*? \| ([\d.]+) \| (\S+) \| `([0-9a-f]{64})` \|$", table, flags=re.M)
    assert len(rows) >= 8
    for name, _version, _licence, digest in rows:
        assert hashlib.sha256((STATIC / "vendor" / name).read_bytes()).hexdigest() == digest, name


def test_api_security_headers_on_every_response(client):
    for path in ("/", "/api/events", "/api/articles/none"):
        h = client.get(path).headers
        assert "default-src 'self'" in h["content-security-policy"]
        assert "script-src 'self' 'unsafe-eval'" in h["content-security-policy"]
        assert h["x-content-type-options"] == "nosniff"


def test_api_article_markup_is_returned_verbatim_as_json(client):
    r = client.get("/api/articles/markup")
    assert r.headers["content-type"].startswith("application/json")
    assert r.json()["article"]["title"] == XSS_TITLE


# -- writes and auth -------------------------------------------------------------------------
def test_api_post_disabled_without_token(client):
    r = client.post("/api/articles", json={"text": "Talks resumed."})
    assert r.status_code == 403 and "ACCORD_TOKEN" in r.json()["detail"]


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic czNjcmV0LXRva2Vu", "Bearer ", "s3cret-token"])
def test_api_post_rejects_missing_or_wrong_token(writer, header):
    headers = {"Authorization": header} if header else {}
    r = writer.post("/api/articles", json={"text": "Talks resumed."}, headers=headers)
    assert r.status_code == 401
    assert writer.pipe.calls == 0


def test_api_post_ingests_then_is_idempotent(writer):
    auth = {"Authorization": "Bearer s3cret-token"}
    body = {"id": "new-1", "text": "The parties signed a truce.", "title": "Truce", "published": "2025-06-01"}
    r = writer.post("/api/articles", json=body, headers=auth)
    assert r.status_code == 201, r.text
    assert r.json() == {"id": "new-1", "outcome": "stored", "events": 1}
    assert writer.get("/api/articles/new-1").json()["article"]["title"] == "Truce"
    again = writer.post("/api/articles", json=body, headers=auth)
    assert again.status_code == 200 and again.json()["outcome"] == "unchanged"
    assert writer.pipe.calls == 1


@pytest.mark.parametrize(("body", "status", "fragment"), [
    (b"{not json", 400, "not valid JSON"),
    (b'{"title": "no text"}', 422, "text"),
    (b'{"text": "   "}', 422, "empty"),
    (b'{"text": "x", "published": "2025-02-31"}', 422, "published"),
    (b'["a", "list"]', 422, "JSON object"),
])  # fmt: skip
def test_api_post_invalid_body(writer, body, status, fragment):
    r = writer.post(
        "/api/articles",
        content=body,
        headers={"Authorization": "Bearer s3cret-token", "Content-Type": "application/json"},
    )
    assert r.status_code == status, r.text
    assert fragment in r.json()["detail"]


def test_api_post_body_too_large_is_413(writer):
    auth = {"Authorization": "Bearer s3cret-token"}
    r = writer.post("/api/articles", json={"text": "x" * 5000}, headers=auth)
    assert r.status_code == 413 and "too large" in r.json()["detail"]

    def chunks():  # no Content-Length: the limit holds while streaming
        for _ in range(10):
            yield b"x" * 1000

    r = writer.post("/api/articles", content=chunks(), headers=auth)
    assert r.status_code == 413
    assert writer.pipe.calls == 0


def test_api_token_compared_in_constant_time(writer, monkeypatch):
    import hmac

    seen = []
    real = hmac.compare_digest
    monkeypatch.setattr(hmac, "compare_digest", lambda a, b: seen.append((a, b)) or real(a, b))
    writer.post("/api/articles", json={"text": "x"}, headers={"Authorization": "Bearer guess"})
    assert seen == [(b"guess", b"s3cret-token")]


def test_api_reads_can_require_token(store):
    with TestClient(create_app(store, token="t0k", read_token_required=True)) as c:
        assert c.get("/api/events").status_code == 401
        assert c.get("/api/events", headers={"Authorization": "Bearer t0k"}).status_code == 200
        assert c.get("/api/health").status_code == 200
        assert c.get("/").status_code == 200


def test_api_read_lock_needs_a_token(store):
    with pytest.raises(ConfigError):
        create_app(store, read_token_required=True)
