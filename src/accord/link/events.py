"""Event de-duplication across articles: reports of one real-world event become one cluster.

Two event mentions from different articles match when they have the same PLOVER type, compatible
status (asserted/historical vs hypothetical/future vs negated), dates within the coarser stated
precision, places within :data:`MAX_KM` (or the same country when only countries are known), and no
contradicting parties (disjoint non-empty actor or recipient entity sets). Candidate pairs come from
blocks keyed by (type, day), so the work grows with the number of events, not its square. Casualties
are reconciled conservatively (the lowest report) and every figure reported is kept.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from accord.records import ArticleRecord, Event

#: Two places farther apart than this are different events.
MAX_KM = 50.0
#: Day tolerance by date precision: how far apart two reports' dates may be.
TOLERANCE_DAYS = {"time": 1, "day": 1, "week": 7, "month": 31, "year": 366}

_STATUS_GROUP = {
    "asserted": "real",
    "historical": "real",
    "hypothetical": "maybe",
    "future": "maybe",
    "negated": "negated",
}


@dataclass
class Mention:
    article_id: str
    event: Event
    day: date | None
    tolerance: int
    lat: float | None
    lon: float | None
    country: str | None
    actors: frozenset[str]
    recipients: frozenset[str]
    place_name: str | None


@dataclass
class EventCluster:
    id: str
    type: str
    date: str | None
    place: str | None
    country: str | None
    lat: float | None
    lon: float | None
    status: str
    actors: list[str]  # entity ids
    recipients: list[str]
    casualties: dict[str, int | None]
    casualty_reports: dict[str, list[int]]
    mentions: list[dict] = field(default_factory=list)  # {"article": id, "event": id, "evidence": {...}}


def parse_day(value: str | None) -> date | None:
    """The first day of a TIMEX-style value (2025-05-14, 2025-05-14TNI, 2025-W20, 2025-05, 2025)."""
    if not value:
        return None
    try:
        if len(value) >= 10 and value[4] == "-" and value[7] == "-":
            return date.fromisoformat(value[:10])
        if len(value) >= 8 and value[4:6] == "-W":
            return date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
        if len(value) == 7 and value[4] == "-":
            return date(int(value[:4]), int(value[5:7]), 1)
        if len(value) == 4 and value.isdigit():
            return date(int(value), 1, 1)
    except ValueError:
        return None
    return None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def _mentions(records: Iterable[ArticleRecord], entity_of: Mapping[tuple[str, str], str]) -> list[Mention]:
    out = []
    for rec in records:
        aid = rec.article.id
        places = {p.id: p for p in rec.places}
        pub = parse_day(rec.article.published)
        for e in rec.events:
            day = parse_day(e.date.value) or pub
            place = places.get(e.place) if e.place else None
            out.append(
                Mention(
                    article_id=aid,
                    event=e,
                    day=day,
                    tolerance=TOLERANCE_DAYS.get(e.date.precision or "day", 1),
                    lat=place.lat if place else None,
                    lon=place.lon if place else None,
                    country=place.country if place else None,
                    actors=frozenset(entity_of.get((aid, a), a) for a in e.actors),
                    recipients=frozenset(entity_of.get((aid, a), a) for a in e.recipients),
                    place_name=place.name if place else None,
                )
            )
    return out


def _cell(m: Mention) -> tuple[int, int] | None:
    if m.lat is None or m.lon is None:
        return None
    return (math.floor(m.lat), math.floor(m.lon))


def compatible(a: Mention, b: Mention) -> bool:
    """Could these two mentions report the same event? (Same-article pairs are never merged.)"""
    if a.article_id == b.article_id or a.event.type != b.event.type:
        return False
    if _STATUS_GROUP[a.event.status] != _STATUS_GROUP[b.event.status]:
        return False
    if a.day and b.day and abs((a.day - b.day).days) > max(a.tolerance, b.tolerance):
        return False
    if a.lat is not None and b.lat is not None and a.lon is not None and b.lon is not None:
        if haversine_km(a.lat, a.lon, b.lat, b.lon) > MAX_KM:
            return False
    elif a.country and b.country and a.country != b.country:
        return False
    if a.actors and b.actors and not (a.actors & b.actors):
        return False
    if a.recipients and b.recipients and not (a.recipients & b.recipients):
        return False
    # with neither a place nor a party in common there is nothing to say it is the same event
    shared_place = (a.place_name and a.place_name == b.place_name) or (
        a.lat is not None and b.lat is not None and a.lon is not None and b.lon is not None
    )
    return bool(shared_place or (a.actors & b.actors) or (a.recipients & b.recipients))


def link_events(
    records: Iterable[ArticleRecord], entity_of: Mapping[tuple[str, str], str] | None = None
) -> tuple[list[EventCluster], dict[tuple[str, str], str]]:
    """Cluster event mentions; returns clusters and ``(article_id, event_id) → cluster id``."""
    mentions = _mentions(records, entity_of or {})
    # Blocks: (type, day, 1-degree cell). A located mention meets only mentions in neighbouring cells
    # (50 km fits in one cell step) and the unlocated ones; an unlocated mention meets all of its days.
    by_cell: dict[tuple[str, int, tuple[int, int] | None], list[int]] = defaultdict(list)
    by_day: dict[tuple[str, int], list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if m.day is not None:
            by_cell[(m.event.type, m.day.toordinal(), _cell(m))].append(i)
            by_day[(m.event.type, m.day.toordinal())].append(i)
    parent = list(range(len(mentions)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i, m in enumerate(mentions):
        if m.day is None:
            continue
        cell = _cell(m)
        for d in range(-m.tolerance, m.tolerance + 1):
            day = (m.day + timedelta(days=d)).toordinal()
            if cell is None:
                candidates: Iterable[int] = by_day.get((m.event.type, day), ())
            else:
                lon_reach = 1 if abs(cell[0]) < 60 else 4
                candidates = [
                    j
                    for key in [
                        (cell[0] + dy, cell[1] + dx) for dy in (-1, 0, 1) for dx in range(-lon_reach, lon_reach + 1)
                    ]
                    + [None]
                    for j in by_cell.get((m.event.type, day, key), ())
                ]
            for j in candidates:
                if j > i and find(i) != find(j) and compatible(m, mentions[j]):
                    ri, rj = find(i), find(j)
                    parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions)):
        groups[find(i)].append(i)
    clusters: list[EventCluster] = []
    mapping: dict[tuple[str, str], str] = {}
    for idxs in groups.values():
        ms = sorted((mentions[i] for i in idxs), key=lambda m: (m.article_id, m.event.id))
        first = ms[0]
        reports: dict[str, list[int]] = {}
        casualties: dict[str, int | None] = {}
        for f in ("killed", "injured", "missing", "arrested"):
            values = [getattr(m.event.casualties, f) for m in ms if getattr(m.event.casualties, f) is not None]
            reports[f] = values
            casualties[f] = min(values) if values else None
        cid = "E" + hashlib.sha1(f"{first.article_id}/{first.event.id}".encode()).hexdigest()[:12]
        days = [m.day for m in ms if m.day]
        located = next((m for m in ms if m.lat is not None), None)
        clusters.append(
            EventCluster(
                id=cid,
                type=first.event.type,
                date=min(days).isoformat() if days else None,
                place=located.place_name if located else next((m.place_name for m in ms if m.place_name), None),
                country=located.country if located else next((m.country for m in ms if m.country), None),
                lat=located.lat if located else None,
                lon=located.lon if located else None,
                status=first.event.status,
                actors=sorted({a for m in ms for a in m.actors}),
                recipients=sorted({a for m in ms for a in m.recipients}),
                casualties=casualties,
                casualty_reports={k: v for k, v in reports.items() if len(set(v)) > 1},
                mentions=[
                    {"article": m.article_id, "event": m.event.id, "evidence": m.event.evidence.model_dump()}
                    for m in ms
                ],
            )
        )
        for m in ms:
            mapping[(m.article_id, m.event.id)] = cid
    clusters.sort(key=lambda c: (c.date or "", c.id))
    return clusters, mapping
