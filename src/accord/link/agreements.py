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
#: A report naming an agreement only generically ("the ceasefire") joins one in the same countries
#: within this many days.
GENERIC_GAP_DAYS = 120

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


@dataclass
class _Item:
    article: str
    agreement: Agreement
    day: date | None
    parties: frozenset[str]
    words: set[str]
    countries: frozenset[str]
    events: dict


def same_agreement(a: _Item, b: _Item) -> bool:
    """Same kind is checked by the caller. Distinctive name words decide; a generic name ("the truce")
    joins when the reports share a country or a party within :data:`GENERIC_GAP_DAYS`. Parties alone
    never keep two reports apart: who is named as a party varies too much from report to report."""
    if a.article == b.article:
        return False  # the extractor already decided within the article
    gap = abs((a.day - b.day).days) if a.day and b.day else 0
    if gap > MAX_GAP_DAYS:
        return False
    if a.words & b.words:
        return True
    if a.words and b.words:
        return False  # both named, differently: "the Gaza ceasefire" is not "the Idlib ceasefire"
    return gap <= GENERIC_GAP_DAYS and bool((a.countries & b.countries) or (a.parties & b.parties))


def _first_day(g: Agreement, published: str | None) -> date | None:
    days = [parse_day(h.date) for h in g.history if h.date]
    days = [d for d in days if d]
    return min(days) if days else parse_day(published)


def link_agreements(
    records: Iterable[ArticleRecord], entity_of: Mapping[tuple[str, str], str] | None = None
) -> tuple[list[AgreementEntity], dict[tuple[str, str], str]]:
    entity_of = entity_of or {}
    items: list[_Item] = []
    for rec in records:
        countries = {a.country for a in rec.actors if a.country} | {p.country for p in rec.places if p.country}
        events = {e.id: e for e in rec.events}
        for g in rec.agreements:
            parties = frozenset(entity_of.get((rec.article.id, p), p) for p in g.parties)
            items.append(
                _Item(
                    rec.article.id,
                    g,
                    _first_day(g, rec.article.published),
                    parties,
                    distinctive_words(g.name),
                    frozenset(countries),
                    events,
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
        by_kind[it.agreement.kind].append(i)
    for idxs in by_kind.values():
        for x, i in enumerate(idxs):
            for j in idxs[x + 1 :]:
                if same_agreement(items[i], items[j]):
                    ri, rj = find(i), find(j)
                    parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(items)):
        groups[find(i)].append(i)
    out: list[AgreementEntity] = []
    mapping: dict[tuple[str, str], str] = {}
    for idxs in groups.values():
        members = sorted((items[i] for i in idxs), key=lambda it: (it.day or date.min, it.article))
        history: list[dict] = []
        for m in members:
            for h in m.agreement.history:
                ev = m.events.get(h.event) if h.event else None
                evidence = ev.evidence if ev else (m.agreement.evidence[0] if m.agreement.evidence else None)
                history.append(
                    {
                        "date": h.date,
                        "status": h.status,
                        "article": m.article,
                        "event": h.event,
                        "evidence": evidence.model_dump() if evidence else None,
                    }
                )
        history.sort(key=lambda h: (h["date"] or "", h["article"]))
        status = (
            current_status([HistoryEntry(date=h["date"], status=h["status"]) for h in history])
            if history
            else members[-1].agreement.status
        )
        names = sorted({m.agreement.name for m in members}, key=lambda n: (-len(n), n))
        first = members[0]
        gid = "G" + hashlib.sha1(f"{first.article}/{first.agreement.id}".encode()).hexdigest()[:12]
        out.append(
            AgreementEntity(
                id=gid,
                name=names[0],
                kind=first.agreement.kind,
                status=status,
                names=names,
                parties=sorted({p for m in members for p in m.parties}),
                mediators=sorted({entity_of.get((m.article, x), x) for m in members for x in m.agreement.mediators}),
                history=history,
                members=[(m.article, m.agreement.id) for m in members],
            )
        )
        for m in members:
            mapping[(m.article, m.agreement.id)] = gid
    out.sort(key=lambda g: g.id)
    return out, mapping
