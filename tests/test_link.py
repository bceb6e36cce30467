"""Cross-article linking on hand-built records: actor identity, event de-duplication, agreement lifecycle."""

from __future__ import annotations

from accord.link import link_actors, link_agreements, link_events
from accord.link.events import haversine_km, parse_day
from accord.records import ArticleRecord


def actor(aid, n, name, kind="person", country="UKR", sector="GOV", kb_id=None, aliases=()):
    return {
        "id": f"{aid}:a{n}",
        "name": name,
        "kind": kind,
        "country": country,
        "sector": sector,
        "kb_id": kb_id,
        "aliases": list(aliases),
        "mentions": [{"start": 0, "end": 1, "text": "x"}],
    }


def place(aid, n, name, lat, lon, country):
    return {
        "id": f"{aid}:p{n}",
        "name": name,
        "lat": lat,
        "lon": lon,
        "country": country,
        "feature": "city",
        "mentions": [{"start": 0, "end": 1, "text": "x"}],
    }


def event(
    aid, n, etype, date, *, actors=(), recipients=(), place=None, killed=None, status="asserted", precision="day"
):
    return {
        "id": f"{aid}:e{n}",
        "type": etype,
        "actors": list(actors),
        "recipients": list(recipients),
        "date": {"value": date, "precision": precision},
        "place": place,
        "status": status,
        "casualties": {"killed": killed},
        "evidence": {"start": 0, "end": 1, "text": "x"},
        "confidence": 0.8,
    }


def record(aid, published="2025-05-16", **parts):
    return ArticleRecord.model_validate({"article": {"id": aid, "published": published}, "text": "x" * 10, **parts})


def strike_report(aid, killed, lat=49.99, lon=36.23, city="Kharkiv", date="2025-05-14", actor_name="Russia"):
    return record(
        aid,
        actors=[actor(aid, 1, actor_name, kind="country", country="RUS")],
        places=[place(aid, 1, city, lat, lon, "UKR")],
        events=[event(aid, 1, "ASSAULT", date, actors=[f"{aid}:a1"], place=f"{aid}:p1", killed=killed)],
    )


def test_link_parse_day_handles_timex_values():
    assert str(parse_day("2025-05-14TNI")) == "2025-05-14"
    assert str(parse_day("2025-W20")) == "2025-05-12"
    assert str(parse_day("2025-05")) == "2025-05-01"
    assert parse_day("XXXX-WXX-2") is None and parse_day(None) is None


def test_link_haversine_kharkiv_to_kyiv():
    assert 400 < haversine_km(49.99, 36.23, 50.45, 30.52) < 420


def test_link_same_strike_from_three_outlets_counts_once_with_conservative_casualties():
    recs = [strike_report("a", 2), strike_report("b", 3, date="2025-05-15"), strike_report("c", None)]
    _, entity_of = link_actors(recs)
    clusters, mapping = link_events(recs, entity_of)
    assert len(clusters) == 1
    c = clusters[0]
    assert c.casualties["killed"] == 2 and c.casualty_reports == {"killed": [2, 3]}
    assert len(c.mentions) == 3 and {m["article"] for m in c.mentions} == {"a", "b", "c"}
    assert len({mapping[(r.article.id, r.events[0].id)] for r in recs}) == 1


def test_link_strikes_in_different_cities_or_weeks_stay_apart():
    recs = [
        strike_report("a", 2),
        strike_report("b", 2, lat=50.91, lon=34.80, city="Sumy"),
        strike_report("c", 2, date="2025-05-25"),
    ]
    clusters, _ = link_events(recs, link_actors(recs)[1])
    assert len(clusters) == 3


def test_link_contradicting_perpetrators_stay_apart():
    recs = [strike_report("a", 2), strike_report("b", 2, actor_name="Belarus")]
    recs[1].actors[0].country = "BLR"
    clusters, _ = link_events(recs, link_actors(recs)[1])
    assert len(clusters) == 2


def test_link_hypothetical_never_merges_with_asserted():
    a = strike_report("a", None)
    b = strike_report("b", None)
    b.events[0].status = "hypothetical"
    assert len(link_events([a, b], link_actors([a, b])[1])[0]) == 2


def test_link_blocking_scales_to_many_events():
    recs = []
    for i in range(300):
        k = i // 2  # every event reported by two outlets
        day = f"2025-{1 + k % 12:02d}-{1 + k % 28:02d}"
        recs.append(strike_report(f"r{i}", i % 5, lat=40 + (k % 50), lon=30 + (k % 7) * 3, date=day))
    clusters, mapping = link_events(recs, link_actors(recs)[1])
    assert len(mapping) == 300 and len(clusters) == 150


def test_link_actor_variants_and_kb_ids_merge_but_namesakes_stay_apart():
    r1 = record(
        "a",
        actors=[
            actor("a", 1, "Volodymyr Zelenskyy"),
            actor("a", 2, "Recep Tayyip Erdoğan", country="TUR"),
            actor("a", 3, "Ivan Petrenko"),
        ],
    )
    r2 = record(
        "b",
        actors=[
            actor("b", 1, "Zelenskiy"),
            actor("b", 2, "Erdogan", country="TUR"),
            actor("b", 3, "Ivan Petrenko", country="RUS", sector="MIL"),
        ],
    )
    entities, entity_of = link_actors([r1, r2])
    assert entity_of[("a", "a:a1")] == entity_of[("b", "b:a1")]
    assert entity_of[("a", "a:a2")] == entity_of[("b", "b:a2")]
    assert entity_of[("a", "a:a3")] != entity_of[("b", "b:a3")]  # different country: namesakes
    zel = next(e for e in entities if e.id == entity_of[("a", "a:a1")])
    assert zel.articles == 2 and "Zelenskiy" in zel.aliases


def test_link_manual_merge_and_split_are_applied():
    r1 = record("a", actors=[actor("a", 1, "Hamas", kind="group", country="PSE", sector="REB")])
    r2 = record(
        "b",
        actors=[
            actor("b", 1, "the militant group", kind="group", country="PSE", sector="REB"),
            actor("b", 2, "Hamas", kind="group", country="PSE", sector="REB"),
        ],
    )
    _, base = link_actors([r1, r2])
    assert base[("a", "a:a1")] == base[("b", "b:a2")] != base[("b", "b:a1")]
    _, merged = link_actors([r1, r2], merges=[("a/a:a1", "b/b:a1")])
    assert merged[("a", "a:a1")] == merged[("b", "b:a1")] == merged[("b", "b:a2")]
    _, split = link_actors([r1, r2], splits=["b/b:a2"])
    assert split[("a", "a:a1")] != split[("b", "b:a2")]


def test_link_conflicting_codes_are_recorded_not_overwritten():
    r1 = record("a", actors=[actor("a", 1, "Wagner Group", kind="group", country="RUS", sector="MIL", kb_id="wagner")])
    r2 = record("b", actors=[actor("b", 1, "Wagner", kind="group", country="RUS", sector="REB", kb_id="wagner")])
    [ent], _ = link_actors([r1, r2])
    assert ent.conflicts == {"sector": ["MIL", "REB"]}


def agreement(aid, n, name, kind, history, parties=()):
    return {
        "id": f"{aid}:g{n}",
        "name": name,
        "kind": kind,
        "parties": list(parties),
        "mediators": [],
        "status": history[-1][1],
        "history": [{"date": d, "status": s, "event": None} for d, s in history],
        "evidence": [{"start": 0, "end": 1, "text": "x"}],
    }


def test_link_agreement_lifecycle_across_reports():
    r1 = record(
        "a", "2025-03-11", agreements=[agreement("a", 1, "energy truce", "ceasefire", [("2025-03-10", "signed")])]
    )
    r2 = record(
        "b",
        "2025-03-20",
        agreements=[
            agreement("b", 1, "moratorium on strikes on energy facilities", "ceasefire", [("2025-03-18", "in-force")])
        ],
    )
    r3 = record(
        "c",
        "2025-04-02",
        agreements=[agreement("c", 1, "the energy ceasefire", "ceasefire", [("2025-04-01", "violated")])],
    )
    r4 = record("d", "2025-04-02", agreements=[agreement("d", 1, "grain deal", "economic", [("2025-04-01", "signed")])])
    ents, mapping = link_agreements([r1, r2, r3, r4])
    assert len(ents) == 2
    truce = next(g for g in ents if g.kind == "ceasefire")
    assert [h["status"] for h in truce.history] == ["signed", "in-force", "violated"]
    assert truce.status == "violated"
    assert mapping[("a", "a:g1")] == mapping[("c", "c:g1")]


def test_link_violation_claim_does_not_revive_expired_truce():
    r1 = record("a", agreements=[agreement("a", 1, "Eid truce", "ceasefire", [("2025-05-13", "expired")])])
    r2 = record("b", agreements=[agreement("b", 1, "Eid truce", "ceasefire", [("2025-05-16", "violated")])])
    [g], _ = link_agreements([r1, r2])
    assert g.status == "expired"
