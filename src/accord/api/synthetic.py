"""Hand-built records for API tests, the browser test and the latency benchmark.

Built directly from :mod:`accord.records` models (no NLP), in our own words. ``fixture_records()`` is a
small, fixed world (two dyads, two agreements, quotes, and one article full of markup to prove it
renders as text); ``synthetic_records()`` makes many random-but-valid records for load tests.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from accord.records import PLOVER_TYPES, ArticleRecord, span_errors
from accord.store import Store

XSS_TITLE = '<script>window.__xss="title"</script> Protest "><img src=x onerror="window.__xss=1">'
XSS_MARKUP = '<img src=x onerror="window.__xss=2">'


def _span(text: str, sub: str, nth: int = 0) -> dict[str, Any]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return {"start": start, "end": start + len(sub), "text": sub}


def _sentence(text: str, sub: str) -> dict[str, Any]:
    """The sentence (up to and including its full stop) containing ``sub``."""
    i = text.index(sub)
    start = text.rfind(". ", 0, i)
    start = 0 if start < 0 else start + 2
    end = text.find(". ", i + len(sub))
    end = len(text) if end < 0 else end + 1
    return {"start": start, "end": end, "text": text[start:end]}


def _actor(aid: str, n: int, name: str, text: str, kind: str, country: str | None, sector: str | None) -> dict:
    mentions = [_span(text, name)] if name in text else []
    return {"id": f"{aid}:a{n}", "name": name, "kind": kind, "country": country, "sector": sector, "mentions": mentions}


def _place(aid: str, n: int, name: str, text: str, country: str, lat: float, lon: float) -> dict:
    return {
        "id": f"{aid}:p{n}",
        "name": name,
        "country": country,
        "lat": lat,
        "lon": lon,
        "feature": "city",
        "mentions": [_span(text, name)],
    }


def _event(aid: str, n: int, typ: str, text: str, evidence: str, *, actors: list[int], recipients: list[int],
           day: str | None, place: int | None = None, killed: int | None = None, injured: int | None = None,
           quad: int | None = None, intensity: float | None = None, quote: str | None = None,
           status: str = "asserted") -> dict:  # fmt: skip
    return {
        "id": f"{aid}:e{n}", "type": typ, "actors": [f"{aid}:a{i}" for i in actors],
        "recipients": [f"{aid}:a{i}" for i in recipients],
        "date": {"value": day, "precision": "day" if day else None}, "place": f"{aid}:p{place}" if place else None,
        "casualties": {"killed": killed, "injured": injured}, "status": status, "quote": quote,
        "evidence": _sentence(text, evidence), "confidence": 0.8, "quad_class": quad, "intensity": intensity,
    }  # fmt: skip


def fixture_records() -> list[ArticleRecord]:
    """Five short hand-written articles covering every view of the dashboard and every API filter."""
    out: list[dict[str, Any]] = []

    aid = "kharkiv-strike"
    t = ("Russian forces struck a residential block in Kharkiv on Saturday, killing two people and injuring 40. "
         "Ukraine's foreign minister Andrii Sybiha said: \"This is terror against civilians.\"")  # fmt: skip
    out.append({
        "article": {"id": aid, "title": "Strike on Kharkiv block", "source": "Wire", "published": "2025-05-11",
                    "url": "https://example.invalid/kharkiv"},
        "text": t,
        "actors": [_actor(aid, 1, "Russian forces", t, "organization", "RUS", "MIL"),
                   _actor(aid, 2, "Ukraine", t, "country", "UKR", "GOV"),
                   _actor(aid, 3, "Andrii Sybiha", t, "person", "UKR", "GOV")],
        "places": [_place(aid, 1, "Kharkiv", t, "UKR", 49.99, 36.23)],
        "quotes": [{"id": f"{aid}:q1", "speaker": f"{aid}:a3", "speaker_text": "Andrii Sybiha", "cue": "said",
                    "kind": "direct", **_qspan(t, "This is terror against civilians.")}],
        "events": [_event(aid, 1, "ASSAULT", t, "struck", actors=[1], recipients=[2], day="2025-05-10", place=1,
                          killed=2, injured=40, quad=4, intensity=-9.0)],
    })  # fmt: skip

    aid = "istanbul-talks"
    t = ("Russian and Ukrainian delegations met in Istanbul on Friday for their first direct talks in three years. "
         "The two sides agreed to exchange 1,000 prisoners each, Turkey's foreign minister Hakan Fidan said. "
         "Ukraine accused Russia of stalling on a ceasefire.")  # fmt: skip
    out.append({
        "article": {"id": aid, "title": "Talks in Istanbul", "source": "Wire", "published": "2025-05-16"},
        "text": t,
        "actors": [_actor(aid, 1, "Russian", t, "country", "RUS", "GOV"),
                   _actor(aid, 2, "Ukrainian", t, "country", "UKR", "GOV"),
                   _actor(aid, 3, "Hakan Fidan", t, "person", "TUR", "GOV")],
        "places": [_place(aid, 1, "Istanbul", t, "TUR", 41.01, 28.98)],
        "quotes": [{"id": f"{aid}:q1", "speaker": f"{aid}:a3", "speaker_text": "Hakan Fidan", "cue": "said",
                    "kind": "indirect",
                    **_qspan(t, "The two sides agreed to exchange 1,000 prisoners each")}],
        "events": [
            _event(aid, 1, "CONSULT", t, "met in Istanbul", actors=[1], recipients=[2], day="2025-05-16", place=1,
                   quad=1, intensity=4.0),
            _event(aid, 2, "AGREE", t, "agreed to exchange", actors=[2], recipients=[1], day="2025-05-16", place=1,
                   quad=1, intensity=5.0),
            _event(aid, 3, "ACCUSE", t, "accused Russia", actors=[2], recipients=[1], day="2025-05-16", quad=3,
                   intensity=-2.0),
        ],
        "agreements": [{"id": f"{aid}:g1", "name": "Istanbul prisoner exchange", "kind": "prisoner-exchange",
                        "parties": [f"{aid}:a1", f"{aid}:a2"], "mediators": [f"{aid}:a3"], "status": "signed",
                        "history": [{"date": "2025-05-16", "status": "signed", "event": f"{aid}:e2"}],
                        "evidence": [_sentence(t, "agreed to exchange")]}],
    })  # fmt: skip

    aid = "truce-collapse"
    t = ("The Easter truce collapsed on Saturday as Russian drones hit Odesa, killing five people. "
         "Officials in Kyiv said the prisoner exchange agreed in Istanbul would go ahead.")  # fmt: skip
    out.append({
        "article": {"id": aid, "title": "Truce collapses", "source": "Daily", "published": "2025-05-25"},
        "text": t,
        "actors": [_actor(aid, 1, "Russian drones", t, "organization", "RUS", "MIL"),
                   _actor(aid, 2, "Officials in Kyiv", t, "organization", "UKR", "GOV")],
        "places": [_place(aid, 1, "Odesa", t, "UKR", 46.48, 30.73)],
        "events": [_event(aid, 1, "ASSAULT", t, "hit Odesa", actors=[1], recipients=[2], day="2025-05-24", place=1,
                          killed=5, quad=4, intensity=-10.0)],
        "agreements": [
            {"id": f"{aid}:g1", "name": "Easter truce", "kind": "ceasefire", "parties": [f"{aid}:a1", f"{aid}:a2"],
             "status": "collapsed", "history": [{"date": "2025-05-24", "status": "collapsed"}],
             "evidence": [_sentence(t, "Easter truce")]},
            {"id": f"{aid}:g2", "name": "the Istanbul  prisoner exchange", "kind": "prisoner-exchange",
             "status": "in-force", "history": [{"date": "2025-05-25", "status": "in-force"}],
             "evidence": [_sentence(t, "prisoner exchange")]},
        ],
    })  # fmt: skip

    aid = "el-fasher"
    t = ("The Rapid Support Forces shelled El Fasher on Monday, killing 12 civilians. "
         "The Sudanese army and the RSF resumed talks in Jeddah under Saudi mediation.")  # fmt: skip
    out.append({
        "article": {"id": aid, "title": "Shelling in El Fasher", "source": "Wire", "published": "2025-04-22"},
        "text": t,
        "actors": [_actor(aid, 1, "Rapid Support Forces", t, "group", "SDN", "REB"),
                   _actor(aid, 2, "Sudanese army", t, "organization", "SDN", "MIL")],
        "places": [_place(aid, 1, "El Fasher", t, "SDN", 13.63, 25.35),
                   _place(aid, 2, "Jeddah", t, "SAU", 21.49, 39.19)],
        "events": [
            _event(aid, 1, "ASSAULT", t, "shelled El Fasher", actors=[1], recipients=[], day="2025-04-21", place=1,
                   killed=12),
            _event(aid, 2, "CONSULT", t, "resumed talks", actors=[2], recipients=[1], day=None, place=2,
                   status="asserted"),
        ],
    })  # fmt: skip

    aid = "markup"
    t = (f"Protesters gathered in Paris holding signs reading <script>window.__xss=3</script> and {XSS_MARKUP}. "
         f"Organisers said: \"We want {XSS_MARKUP} peace now.\"")  # fmt: skip
    out.append({
        "article": {"id": aid, "title": XSS_TITLE, "source": '<b onmouseover="x()">src</b>', "published": "2025-05-20"},
        "text": t,
        "actors": [_actor(aid, 1, "Protesters", t, "group", "FRA", "CVL"),
                   {**_actor(aid, 2, "Organisers", t, "group", "FRA", "CVL"), "name": XSS_MARKUP}],
        "places": [_place(aid, 1, "Paris", t, "FRA", 48.86, 2.35)],
        "quotes": [{"id": f"{aid}:q1", "speaker": f"{aid}:a2", "speaker_text": "Organisers", "cue": "said",
                    "kind": "direct", **_qspan(t, f"We want {XSS_MARKUP} peace now.")}],
        "events": [_event(aid, 1, "PROTEST", t, "gathered in Paris", actors=[1], recipients=[], day="2025-05-19",
                          place=1, quad=4, intensity=-3.0)],
    })  # fmt: skip

    records = [ArticleRecord.model_validate(r) for r in out]
    for r in records:
        problems = span_errors(r)
        assert not problems, problems
    return records


def _qspan(text: str, sub: str) -> dict[str, Any]:
    s = _span(text, sub)
    return {"text": s["text"], "start": s["start"], "end": s["end"]}


def content_hash(record: ArticleRecord) -> str:
    return hashlib.sha256(record.to_json().encode("utf-8")).hexdigest()


def load(store: Store, records: list[ArticleRecord]) -> None:
    for r in records:
        store.save(r, content_hash=content_hash(r), origin="synthetic")


# -- many random records (benchmark) -----------------------------------------------------------
_COUNTRIES = ["RUS", "UKR", "SDN", "ISR", "PSE", "USA", "CHN", "IRN", "TUR", "SYR", "YEM", "ETH", "MLI", "COD"]
_CITIES = [("Kharkiv", "UKR", 49.99, 36.23), ("Odesa", "UKR", 46.48, 30.73), ("Khartoum", "SDN", 15.5, 32.56),
           ("Gaza", "PSE", 31.5, 34.47), ("Aleppo", "SYR", 36.2, 37.16), ("Sanaa", "YEM", 15.35, 44.2),
           ("Goma", "COD", -1.68, 29.22), ("Bamako", "MLI", 12.65, -8.0), ("Moscow", "RUS", 55.75, 37.62),
           ("Tehran", "IRN", 35.69, 51.39)]  # fmt: skip


def synthetic_records(n_events: int, *, per_article: int = 50, seed: int = 7) -> Iterator[ArticleRecord]:
    """Random but schema-valid records totalling ``n_events`` events over two years."""
    rng = random.Random(seed)
    start = date(2024, 1, 1)
    n_articles = max(1, n_events // per_article)
    for i in range(n_articles):
        aid = f"syn-{i:06d}"
        published = start + timedelta(days=rng.randrange(730))
        sentences = [f"Sentence {k} reports an incident involving side {k % 7}." for k in range(per_article)]
        text = " ".join(sentences)
        countries = rng.sample(_COUNTRIES, 4)
        actors = [{"id": f"{aid}:a{k}", "name": f"Actor {c} {k}", "kind": "organization", "country": c,
                   "sector": rng.choice(["GOV", "MIL", "REB", "CVL"])} for k, c in enumerate(countries)]  # fmt: skip
        cities = rng.sample(_CITIES, 3)
        places = [{"id": f"{aid}:p{k}", "name": c[0], "country": c[1], "lat": c[2], "lon": c[3], "feature": "city"}
                  for k, c in enumerate(cities)]  # fmt: skip
        events = []
        pos = 0
        for k, sent in enumerate(sentences):
            typ = rng.choice(PLOVER_TYPES)
            a, b = rng.sample(range(4), 2)
            day = published - timedelta(days=rng.randrange(3))
            events.append({
                "id": f"{aid}:e{k}", "type": typ, "actors": [f"{aid}:a{a}"], "recipients": [f"{aid}:a{b}"],
                "date": {"value": day.isoformat(), "precision": "day"}, "place": f"{aid}:p{rng.randrange(3)}",
                "casualties": {"killed": rng.choice([None, None, 0, 1, 3, 12]) if typ == "ASSAULT" else None},
                "evidence": {"start": pos, "end": pos + len(sent), "text": sent}, "confidence": 0.7,
                "quad_class": None, "intensity": None,
            })  # fmt: skip
            pos += len(sent) + 1
        yield ArticleRecord.model_validate(
            {"article": {"id": aid, "title": f"Synthetic report {i}", "published": published.isoformat()},
             "text": text, "actors": actors, "places": places, "events": events}
        )  # fmt: skip
