"""Agreement identity across articles and its dated status history.

Reports name one agreement differently ("the energy truce", "the moratorium on strikes on energy
facilities"). Two article agreements are one when they have the same kind and share a distinctive
name word (not a generic word such as "deal" or "ceasefire") or the same set of party entities, and
their histories lie within :data:`MAX_GAP_DAYS`. The merged history is sorted by date and the current
status follows :func:`accord.extract.agreements.current_status`.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from accord.knowledge.agreements import current_status
from accord.link.events import parse_day
from accord.records import Agreement, ArticleRecord, HistoryEntry

MAX_GAP_DAYS = 365

_GENERIC = {
    "a",
    "an",
    "the",
    "of",
    "on",
    "in",
    "for",
    "to",
    "and",
    "with",
    "between",
    "deal",
    "agreement",
    "accord",
    "ceasefire",
    "cease",
    "fire",
    "truce",
    "memorandum",
    "understanding",
    "plan",
    "peace",
    "treaty",
    "pact",
    "exchange",
    "swap",
    "prisoner",
    "prisoners",
    "humanitarian",
    "new",
    "proposed",
    "draft",
    "framework",
    "hour",
    "day",
    "week",
    "partial",
    "full",
    "temporary",
    "permanent",
    "it",
    "its",
    "that",
    "this",
}


def distinctive_words(name: str) -> set[str]:
    words = set(re.findall(r"[a-z]{3,}", name.lower()))
    return {w.rstrip("s") for w in words - _GENERIC}


@dataclass
class AgreementEntity:
    id: str
    name: str
    kind: str
    status: str
    names: list[str]
    parties: list[str]  # entity ids
    mediators: list[str]
    history: list[dict] = field(default_factory=list)  # {date, status, article, event, evidence}
    members: list[tuple[str, str]] = field(default_factory=list)


def _first_day(g: Agreement, published: str | None) -> date | None:
    days = [parse_day(h.date) for h in g.history if h.date]
    days = [d for d in days if d]
    return min(days) if days else parse_day(published)


def link_agreements(
    records: Iterable[ArticleRecord], entity_of: Mapping[tuple[str, str], str] | None = None
) -> tuple[list[AgreementEntity], dict[tuple[str, str], str]]:
    entity_of = entity_of or {}
    items: list[tuple[str, Agreement, date | None, frozenset[str], set[str], dict]] = []
    for rec in records:
        for g in rec.agreements:
            parties = frozenset(entity_of.get((rec.article.id, p), p) for p in g.parties)
            items.append(
                (
                    rec.article.id,
                    g,
                    _first_day(g, rec.article.published),
                    parties,
                    distinctive_words(g.name),
                    {e.id: e for e in rec.events},
                )
            )
    parent = list(range(len(items)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_kind: dict[str, list[int]] = defaultdict(list)
    for i, it in enumerate(items):
        by_kind[it[1].kind].append(i)
    for idxs in by_kind.values():
        for x, i in enumerate(idxs):
            ai, gi, di, pi, wi, _ = items[i]
            for j in idxs[x + 1 :]:
                aj, gj, dj, pj, wj, _ = items[j]
                if ai == aj and gi.id != gj.id:
                    continue  # the extractor already kept these apart within the article
                if di and dj and abs((di - dj).days) > MAX_GAP_DAYS:
                    continue
                if (wi & wj) or (pi and pi == pj and not (wi and wj and not wi & wj)):
                    ri, rj = find(i), find(j)
                    parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[find(i)].append(i)
    out: list[AgreementEntity] = []
    mapping: dict[tuple[str, str], str] = {}
    for idxs in groups.values():
        members = sorted((items[i] for i in idxs), key=lambda it: (it[2] or date.min, it[0]))
        history: list[dict] = []
        for aid, g, _, _, _, events in members:
            for h in g.history:
                ev = events.get(h.event) if h.event else None
                history.append(
                    {
                        "date": h.date,
                        "status": h.status,
                        "article": aid,
                        "event": h.event,
                        "evidence": ev.evidence.model_dump()
                        if ev
                        else (g.evidence[0].model_dump() if g.evidence else None),
                    }
                )
        history.sort(key=lambda h: (h["date"] or "", h["article"]))
        status = (
            current_status([HistoryEntry(date=h["date"], status=h["status"]) for h in history])
            if history
            else members[-1][1].status
        )
        names = sorted({m[1].name for m in members}, key=lambda n: (-len(n), n))
        first = members[0]
        gid = "G" + hashlib.sha1(f"{first[0]}/{first[1].id}".encode()).hexdigest()[:12]
        out.append(
            AgreementEntity(
                id=gid,
                name=names[0],
                kind=first[1].kind,
                status=status,
                names=names,
                parties=sorted({p for m in members for p in m[3]}),
                mediators=sorted({entity_of.get((m[0], x), x) for m in members for x in m[1].mediators}),
                history=history,
                members=[(m[0], m[1].id) for m in members],
            )
        )
        for m in members:
            mapping[(m[0], m[1].id)] = gid
    out.sort(key=lambda g: g.id)
    return out, mapping
