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
from accord.analysis.agreements import board_order, last_change
from accord.api import create_app
from accord.api.queries import _cell, like_pattern
from accord.api.synthetic import XSS_TITLE, fixture_records, load
from accord.errors import ConfigError
from accord.records import ArticleRecord, json_schema, span_errors
from accord.store import Store, relink

ALL_EVENTS = {
    "kharkiv-strike:e1", "istanbul-talks:e1", "istanbul-talks:e2", "istanbul-talks:e3", "truce-collapse:e1",
    "el-fasher:e1", "el-fasher:e2", "markup:e1",
}  # fmt: skip
STATIC = Path(__file__).resolve().parents[1] / "src" / "accord" / "api" / "static"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = Store(tmp_path_factory.mktemp("api") / "api.db")
    load(s, fixture_records())
    relink(s)
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
    # "Ukraine" (Kharkiv report) and "Ukrainian" (Istanbul report) are one merged actor
    ({"actor": "Ukraine"}, {"kharkiv-strike:e1", "istanbul-talks:e1", "istanbul-talks:e2", "istanbul-talks:e3"}),
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


def test_api_events_carry_their_cluster_id(client):
    items = client.get("/api/events").json()["items"]
    assert all(e["cluster_id"] and e["cluster_id"].startswith("E") for e in items)
    assert len({e["cluster_id"] for e in items}) == 8  # no two reports of one event in this world
    by_id = {e["id"]: e for e in items}
    ukrainian = by_id["istanbul-talks:e2"]["actors"][0]
    ukraine = by_id["kharkiv-strike:e1"]["recipients"][0]
    assert (ukrainian["name"], ukraine["name"]) == ("Ukrainian", "Ukraine")
    assert ukrainian["entity"] == ukraine["entity"] and ukraine["entity"].startswith("A")


def mention_ids(response) -> set[str]:
    assert response.status_code == 200, response.text
    return {m["event_id"] for e in response.json()["items"] for m in e["mentions"]}


@pytest.mark.parametrize(("params", "expected"), [
    ({}, ALL_EVENTS),
    ({"type": "ASSAULT"}, {"kharkiv-strike:e1", "truce-collapse:e1", "el-fasher:e1"}),
    ({"since": "2025-05-16"}, {"istanbul-talks:e1", "istanbul-talks:e2", "istanbul-talks:e3", "markup:e1",
                               "truce-collapse:e1"}),
    ({"until": "2025-04-30"}, {"el-fasher:e1", "el-fasher:e2"}),
    ({"country": "SDN"}, {"el-fasher:e1", "el-fasher:e2"}),
    ({"country": "SAU"}, {"el-fasher:e2"}),
    ({"dyad": "UKR-RUS", "type": "ACCUSE"}, {"istanbul-talks:e3"}),
    ({"actor": "Ukraine"}, {"kharkiv-strike:e1", "istanbul-talks:e1", "istanbul-talks:e2", "istanbul-talks:e3"}),
    ({"actor": "kharkiv-strike:a2"}, {"kharkiv-strike:e1", "istanbul-talks:e1", "istanbul-talks:e2",
                                      "istanbul-talks:e3"}),
    ({"place": "odesa"}, {"truce-collapse:e1"}),
    ({"bbox": "20,40,40,55"}, {"kharkiv-strike:e1", "truce-collapse:e1", "istanbul-talks:e1", "istanbul-talks:e2"}),
    ({"status": "negated"}, set()),
])  # fmt: skip
def test_api_merged_events_filters(client, params, expected):
    r = client.get("/api/events", params={**params, "merged": "true"})
    assert mention_ids(r) == expected
    assert r.json()["total"] == len(r.json()["items"])


def test_api_merged_events_csv(client):
    r = client.get("/api/events", params={"merged": "true", "format": "csv", "type": "ASSAULT"})
    lines = r.text.strip().splitlines()
    assert lines[0].startswith("id,type,date,status,") and len(lines) == 4
    assert any("El Fasher" in line and "el-fasher" in line for line in lines)


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
    ("/api/agreements", "q"), ("/api/events?merged=true", "actor"), ("/api/events?merged=true", "place"),
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
        key = "name" if path == "/api/actors" else "id"
        assert {x.get(key) for x in r.json()["items"]} == expected, (path, param)
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
    ({"country": "UKR"}, {"Andrii Sybiha", "Officials in Kyiv", "Ukrainian"}),  # "Ukraine" is an alias
    ({"q": "ukraine"}, {"Ukrainian"}),
    ({"kind": "person"}, {"Andrii Sybiha", "Hakan Fidan"}),
    ({"q": "forces"}, {"Russian forces", "Rapid Support Forces"}),
    ({"sector": "reb"}, {"Rapid Support Forces"}),
    ({"country": "UKR", "per_article": "true"}, {"Andrii Sybiha", "Officials in Kyiv", "Ukraine", "Ukrainian"}),
    ({"q": "ukraine", "per_article": "true"}, {"Ukraine"}),
])  # fmt: skip
def test_api_actors_filters(client, params, names):
    r = client.get("/api/actors", params=params)
    assert r.status_code == 200
    assert {a["name"] for a in r.json()["items"]} == names


def test_api_actors_merged_entity_has_aliases_and_counts(client):
    [ukr] = client.get("/api/actors", params={"q": "ukrain"}).json()["items"]
    assert ukr["aliases"] == ["Ukraine"] and ukr["articles"] == 2 and ukr["mentions"] == 2
    assert ukr["kind"] == "country" and ukr["country"] == "UKR" and ukr["conflicts"] == {}
    assert client.get("/api/actors", params={"q": ukr["id"]}).json()["items"] == [ukr]
    assert client.get("/api/actors").json()["items"][0]["id"] == ukr["id"]  # most-reported first


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


def test_api_agreements_board_serves_linked_agreements(client):
    board = client.get("/api/agreements").json()
    assert board["total"] == 2
    ex = next(g for g in board["items"] if g["kind"] == "prisoner-exchange")
    assert ex["id"].startswith("G") and set(ex["names"]) == {
        "Istanbul prisoner exchange",
        "the Istanbul  prisoner exchange",
    }
    assert ex["status"] == "in-force" and ex["updated"] == "2025-05-25"
    assert [(h["date"], h["status"], h["article"]) for h in ex["history"]] == [
        ("2025-05-16", "signed", "istanbul-talks"),
        ("2025-05-25", "in-force", "truce-collapse"),
    ]
    signed = ex["history"][0]
    assert signed["event"] == "istanbul-talks:e2" and signed["agreement_id"] == "istanbul-talks:g1"
    assert signed["evidence"]["text"].startswith("The two sides agreed")
    assert signed["article_title"] == "Talks in Istanbul"
    assert {r["article_id"] for r in ex["reports"]} == {"istanbul-talks", "truce-collapse"}
    # parties are merged actors: "Ukrainian" here is the entity that also goes by "Ukraine"
    assert {(p["name"], p["country"]) for p in ex["parties"]} == {("Russian", "RUS"), ("Ukrainian", "UKR")}
    assert ex["mediators"][0]["name"] == "Hakan Fidan"


@pytest.mark.parametrize(("params", "names"), [
    ({"status": "collapsed"}, ["Easter truce"]),
    ({"status": "in-force,collapsed"}, ["the Istanbul  prisoner exchange", "Easter truce"]),
    ({"kind": "ceasefire"}, ["Easter truce"]),
    ({"q": "istanbul"}, ["the Istanbul  prisoner exchange"]),
    ({"q": "EASTER"}, ["Easter truce"]),
    ({"status": "signed"}, []),
])  # fmt: skip
def test_api_agreements_filters(client, params, names):
    r = client.get("/api/agreements", params=params)
    assert r.status_code == 200
    assert [g["name"] for g in r.json()["items"]] == names


def test_api_agreement_history_by_id(client):
    gid = client.get("/api/agreements", params={"kind": "ceasefire"}).json()["items"][0]["id"]
    h = client.get(f"/api/agreements/{gid}/history").json()
    assert h["id"] == gid and h["name"] == "Easter truce" and h["history"][0]["status"] == "collapsed"
    r = client.get("/api/agreements/Gnothing/history")
    assert r.status_code == 404 and "Gnothing" in r.json()["detail"]


@pytest.mark.parametrize(("history", "day"), [
    ([{"date": "2025-05-16", "status": "signed"}, {"date": "2025-05-25T10:00", "status": "in-force"}], "2025-05-25"),
    ([{"date": None, "status": "proposed"}], None),
    ([], None),
])  # fmt: skip
def test_analysis_agreement_last_change(history, day):
    assert last_change(history) == day


def test_analysis_agreement_board_order_latest_change_first():
    entries = [
        {"id": "G1", "updated": "2025-01-01"},
        {"id": "G2", "updated": None},
        {"id": "G3", "updated": "2025-02-01"},
    ]
    assert [g["id"] for g in board_order(entries)] == ["G3", "G1", "G2"]


# -- cross-article views over a second hand-built world ---------------------------------------
def _linked_record(aid: str, published: str, text: str, actors=(), places=(), events=(), agreements=()):
    """A record whose spans are found in ``text``: actors/places as (name, kind-or-lat/lon, country),
    events as (type, evidence, day, actor names, place name, killed)."""

    def span(sub: str) -> dict:
        i = text.index(sub)
        return {"start": i, "end": i + len(sub), "text": sub}

    ref = {}
    out_actors = []
    for n, (name, kind, country) in enumerate(actors, 1):
        ref[name] = f"{aid}:a{n}"
        out_actors.append({"id": ref[name], "name": name, "kind": kind, "country": country, "sector": "GOV",
                           "mentions": [span(name)]})  # fmt: skip
    out_places = []
    for n, (name, lat, lon, country) in enumerate(places, 1):
        ref[name] = f"{aid}:p{n}"
        out_places.append({"id": ref[name], "name": name, "lat": lat, "lon": lon, "country": country,
                           "feature": "city", "mentions": [span(name)]})  # fmt: skip
    out_events = [
        {"id": f"{aid}:e{n}", "type": typ, "actors": [ref[a] for a in who], "recipients": [],
         "date": {"value": day, "precision": "day"}, "place": ref.get(where), "casualties": {"killed": killed},
         "evidence": span(evidence), "confidence": 0.8}
        for n, (typ, evidence, day, who, where, killed) in enumerate(events, 1)
    ]  # fmt: skip
    out_agreements = [
        {"id": f"{aid}:g{n}", "name": name, "kind": kind, "parties": [ref[x] for x in parties], "status": status,
         "history": [{"date": day, "status": status, "event": f"{aid}:e1" if events else None}],
         "evidence": [span(name)]}
        for n, (name, kind, parties, day, status) in enumerate(agreements, 1)
    ]  # fmt: skip
    record = ArticleRecord.model_validate({
        "article": {"id": aid, "title": aid.replace("-", " ").title(), "published": published}, "text": text,
        "actors": out_actors, "places": out_places, "events": out_events, "agreements": out_agreements,
    })  # fmt: skip
    assert span_errors(record) == []
    return record


def linked_world() -> list[ArticleRecord]:
    """Two outlets report one missile strike on Dnipro with different tolls and names for the
    attacker and the president; a grain deal is signed in one report and violated in a later one."""
    return [
        _linked_record(
            "dnipro-wire", "2025-06-02",
            "Russia hit Dnipro with missiles on Sunday, killing four people. President Volodymyr Zelenskyy "
            "condemned the attack.",
            actors=[("Russia", "country", "RUS"), ("Volodymyr Zelenskyy", "person", "UKR")],
            places=[("Dnipro", 48.46, 35.05, "UKR")],
            events=[("ASSAULT", "Russia hit Dnipro with missiles on Sunday, killing four people.", "2025-06-01",
                     ["Russia"], "Dnipro", 4)],
        ),
        _linked_record(
            "dnipro-daily", "2025-06-03",
            "A Russian Federation strike on Dnipro killed six civilians on Sunday, Zelenskiy said.",
            actors=[("Russian Federation", "country", "RUS"), ("Zelenskiy", "person", "UKR")],
            places=[("Dnipro", 48.45, 35.04, "UKR")],
            events=[("ASSAULT", "A Russian Federation strike on Dnipro killed six civilians on Sunday",
                     "2025-06-01", ["Russian Federation"], "Dnipro", 6)],
        ),
        _linked_record(
            "grain-signed", "2025-06-04",
            "Ukraine and Russia signed the Black Sea grain deal in Istanbul on Tuesday.",
            actors=[("Ukraine", "country", "UKR"), ("Russia", "country", "RUS")],
            events=[("AGREE", "Ukraine and Russia signed the Black Sea grain deal", "2025-06-03",
                     ["Ukraine", "Russia"], None, None)],
            agreements=[("Black Sea grain deal", "economic", ["Ukraine", "Russia"], "2025-06-03", "signed")],
        ),
        _linked_record(
            "grain-violated", "2025-06-11",
            "Kyiv said Moscow had violated the grain deal for the Black Sea ports on Monday.",
            agreements=[("grain deal for the Black Sea ports", "economic", [], "2025-06-09", "violated")],
        ),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    s = Store(tmp_path_factory.mktemp("linked") / "linked.db")
    load(s, linked_world())
    relink(s)
    with TestClient(create_app(s)) as c:
        yield c
    s.close()


def test_api_merged_two_reports_of_one_strike_are_one_event(linked):
    r = linked.get("/api/events", params={"merged": "true", "type": "ASSAULT"}).json()
    assert r["total"] == 1
    [strike] = r["items"]
    assert strike["n_mentions"] == 2 and strike["date"] == "2025-06-01"
    assert {m["article_id"] for m in strike["mentions"]} == {"dnipro-wire", "dnipro-daily"}
    assert all(m["evidence"]["text"] and m["article"]["title"] for m in strike["mentions"])
    # the lowest toll is kept, and every differing figure with it
    assert strike["casualties"]["killed"] == 4 and sorted(strike["casualty_reports"]["killed"]) == [4, 6]
    assert strike["place"]["name"] == "Dnipro" and strike["place"]["country"] == "UKR"
    [attacker] = strike["actors"]
    assert attacker["name"] == "Russia" and attacker["country"] == "RUS"  # the name most reports use
    per_article = linked.get("/api/events", params={"type": "ASSAULT"}).json()["items"]
    assert len(per_article) == 2 and {e["cluster_id"] for e in per_article} == {strike["id"]}


@pytest.mark.parametrize(("params", "n"), [
    ({"actor": "russian federation"}, 2),  # an alias of the merged actor: the strike and the grain deal
    ({"actor": "zelensk"}, 0),  # named in the reports but in no event
    ({"country": "UKR", "type": "ASSAULT"}, 1),
    ({"bbox": "30,45,40,50"}, 1),
    ({"bbox": "0,0,10,10"}, 0),
    ({"since": "2025-06-02"}, 1),
    ({"until": "2025-06-01"}, 1),
])  # fmt: skip
def test_api_merged_events_filters_on_linked_reports(linked, params, n):
    r = linked.get("/api/events", params={**params, "merged": "true"})
    assert r.status_code == 200 and r.json()["total"] == n, r.json()


def test_api_actor_filter_matches_any_alias_of_merged_actor(linked):
    # "Russian Federation" is only the daily's name for the actor; the wire and the grain report say "Russia"
    assert ids(linked.get("/api/events", params={"actor": "russian federation"})) == {
        "dnipro-wire:e1",
        "dnipro-daily:e1",
        "grain-signed:e1",
    }


@pytest.mark.parametrize("merged", ["false", "true"])
def test_api_actor_filter_with_too_many_entities_to_list_gives_the_same_events(linked, monkeypatch, merged):
    import accord.api.queries as q

    params = {"actor": "russia", "merged": merged}
    listed = linked.get("/api/events", params=params).json()["items"]
    monkeypatch.setattr(q, "MAX_ENTITIES", 0)  # the entity query is then used as a subquery
    assert linked.get("/api/events", params=params).json()["items"] == listed and listed


def test_api_merged_actors_with_aliases(linked):
    items = linked.get("/api/actors").json()["items"]
    by_name = {a["name"]: a for a in items}
    russia = by_name["Russia"]
    assert russia["aliases"] == ["Russian Federation"] and russia["articles"] == 3 and russia["mentions"] == 3
    zel = next(a for a in items if a["kind"] == "person")
    assert {zel["name"], *zel["aliases"]} == {"Volodymyr Zelenskyy", "Zelenskiy"} and zel["articles"] == 2
    assert [a["id"] for a in linked.get("/api/actors", params={"q": "zelenskiy"}).json()["items"]] == [zel["id"]]
    assert len(linked.get("/api/actors", params={"per_article": "true"}).json()["items"]) == 5


def test_api_agreement_signed_then_violated_across_reports(linked):
    [deal] = linked.get("/api/agreements").json()["items"]
    assert deal["status"] == "violated" and deal["updated"] == "2025-06-09"
    assert [(h["date"], h["status"], h["article"]) for h in deal["history"]] == [
        ("2025-06-03", "signed", "grain-signed"),
        ("2025-06-09", "violated", "grain-violated"),
    ]
    assert deal["history"][0]["event"] == "grain-signed:e1"
    assert set(deal["names"]) == {"Black Sea grain deal", "grain deal for the Black Sea ports"}
    assert {p["name"] for p in deal["parties"]} == {"Ukraine", "Russia"}
    assert linked.get(f"/api/agreements/{deal['id']}/history").json()["history"] == deal["history"]
    assert linked.get("/api/agreements", params={"status": "signed"}).json()["items"] == []
    assert linked.get("/api/agreements", params={"q": "ports"}).json()["total"] == 1


def test_api_post_relinks_merged_views(writer):
    auth = {"Authorization": "Bearer s3cret-token"}
    assert writer.get("/api/events", params={"merged": "true"}).json()["total"] == 0
    for n, day in ((1, "2025-06-01"), (2, "2025-07-01")):
        body = {"id": f"post-{n}", "text": f"Report {n}: the sides agreed.", "published": day}
        assert writer.post("/api/articles", json=body, headers=auth).status_code == 201
    merged = writer.get("/api/events", params={"merged": "true"}).json()
    assert merged["total"] == 2
    body = {"id": "post-2", "text": "Report 2, corrected: the sides agreed.", "published": "2025-07-01"}
    assert writer.post("/api/articles", json=body, headers=auth).json()["outcome"] == "replaced"
    merged = writer.get("/api/events", params={"merged": "true"}).json()
    assert merged["total"] == 2
    assert {m["evidence"]["text"] for e in merged["items"] for m in e["mentions"]} == {
        "Report 1: the sides agreed.",
        "Report 2, corrected: the sides agreed.",
    }


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


@pytest.mark.parametrize(("days", "n_weeks"), [
    (["2025-01-06", "2025-01-27"], 4),  # gaps filled
    (["9999-12-27"], 1),  # the last Monday of the calendar: no overflow
    (["0001-01-01", "2025-01-06", "9999-12-27"], 3),  # a span of millennia: only the weeks present
])  # fmt: skip
def test_analysis_week_range(days, n_weeks):
    from datetime import date

    from accord.analysis.dyads import week_range, week_start

    weeks = week_range(week_start(date.fromisoformat(d)) for d in days)
    assert len(weeks) == n_weeks and weeks == sorted(weeks)


def test_api_summary_and_dyad_survive_extreme_dates(tmp_path):
    text = "Forces shelled the town. Talks were held."
    rec = ArticleRecord.model_validate({
        "article": {"id": "far", "published": "2025-05-16"}, "text": text,
        "actors": [{"id": "far:a1", "name": "Forces", "kind": "organization", "country": "RUS"},
                   {"id": "far:a2", "name": "town", "kind": "other", "country": "UKR"}],
        "events": [{"id": f"far:e{n}", "type": "ASSAULT", "actors": ["far:a1"], "recipients": ["far:a2"],
                    "date": {"value": day, "precision": "day"}, "confidence": 0.5,
                    "evidence": {"start": 0, "end": 24, "text": text[:24]}}
                   for n, day in enumerate(["0001-01-01", "2025-05-14", "9999-12-31"])],
    })  # fmt: skip
    with Store(tmp_path / "far.db") as s:
        load(s, [rec])
        with TestClient(create_app(s)) as c:
            summary = c.get("/api/events/summary")
            assert summary.status_code == 200 and summary.json()["weeks"] == ["0001-W01", "2025-W20", "9999-W52"]
            series = c.get("/api/dyads/RUS/UKR/series")
            assert series.status_code == 200 and len(series.json()["weeks"]) == 3


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


def test_api_app_from_env_is_the_worker_factory(tmp_path, monkeypatch):
    from accord.api.app import app_from_env

    monkeypatch.setenv("ACCORD_DB", str(tmp_path / "env.db"))
    monkeypatch.setenv("ACCORD_TOKEN", "env-token")
    with TestClient(app_from_env()) as c:
        assert c.get("/api/health").status_code == 200
        assert c.post("/api/articles", json={"text": "x"}, headers={"Authorization": "Bearer no"}).status_code == 401


def test_api_serve_rejects_zero_workers(tmp_path):
    from accord.api import serve

    with pytest.raises(ConfigError):
        serve(str(tmp_path / "x.db"), workers=0)


def test_api_read_lock_needs_a_token(store):
    with pytest.raises(ConfigError):
        create_app(store, read_token_required=True)
