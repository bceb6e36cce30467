"""Actor identity across articles.

Two article actors are the same entity when they share a knowledge-base id, or have the same kind and
compatible country and their names match after normalisation (case, accents, titles, transliteration
variants through a phonetic key). Manual decisions win: a ``merge`` joins two entities, a ``split``
keeps an article actor apart, and both survive re-ingest because they are stored by name, not by row.
Codes that disagree across articles are kept in ``conflicts``, never silently overwritten.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from accord.knowledge.actors import actor_key, fold
from accord.records import Actor, ArticleRecord


def entity_key(actor: Actor) -> str:
    """The identity key across articles: the knowledge-base id, the country for a country actor, for a
    person the country and a phonetic key of the surname (so "Zelenskiy" in one report meets
    "Volodymyr Zelenskyy" in another), else the actors stage's own key (kind, country, folded name)."""
    if actor.kb_id:
        return "kb:" + actor.kb_id
    if actor.kind == "country" and actor.country:
        return "country:" + actor.country
    if actor.kind == "person":
        import jellyfish

        words = fold(actor.name).replace("-", " ").split()
        words = [w for w in words if w not in ("al", "el", "bin", "ibn")] or words
        if words:
            return f"person:{actor.country or '-'}:" + jellyfish.metaphone(words[-1])
    return actor_key(actor)


@dataclass
class ActorEntity:
    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    kb_id: str | None
    aliases: list[str] = field(default_factory=list)
    members: list[tuple[str, str]] = field(default_factory=list)  # (article_id, actor_id)
    mentions: int = 0
    conflicts: dict[str, list[str]] = field(default_factory=dict)

    @property
    def articles(self) -> int:
        return len({a for a, _ in self.members})


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def link_actors(
    records: Iterable[ArticleRecord],
    *,
    merges: Iterable[tuple[str, str]] = (),
    splits: Iterable[str] = (),
) -> tuple[list[ActorEntity], dict[tuple[str, str], str]]:
    """Group article actors into entities.

    ``merges`` are pairs of entity keys (or ``article_id/actor_id`` refs) to join; ``splits`` are
    ``article_id/actor_id`` refs to keep in an entity of their own. Returns the entities (sorted by
    mention count) and a map ``(article_id, actor_id) → entity id``.
    """
    split_set = set(splits)
    uf = _UnionFind()
    actors: dict[tuple[str, str], Actor] = {}
    keys: dict[tuple[str, str], str] = {}
    for rec in records:
        for a in rec.actors:
            ref = (rec.article.id, a.id)
            actors[ref] = a
            ref_s = f"{ref[0]}/{ref[1]}"
            key = "split:" + ref_s if ref_s in split_set else entity_key(a)
            keys[ref] = key
            uf.union("ref:" + ref_s, key)
    for a, b in merges:
        ka = a if ":" in a and "/" not in a else "ref:" + a
        kb = b if ":" in b and "/" not in b else "ref:" + b
        uf.union(ka, kb)
    groups: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for ref in actors:
        groups[uf.find(f"ref:{ref[0]}/{ref[1]}")].append(ref)
    entities: list[ActorEntity] = []
    mapping: dict[tuple[str, str], str] = {}
    for refs in groups.values():
        members = [actors[r] for r in refs]
        names = Counter(m.name for m in members)
        countries = Counter(m.country for m in members if m.country)
        sectors = Counter(m.sector for m in members if m.sector)
        kinds = Counter(m.kind for m in members)
        conflicts = {}
        if len(countries) > 1:
            conflicts["country"] = sorted(countries)
        if len(sectors) > 1:
            conflicts["sector"] = sorted(sectors)
        name = max(names, key=lambda n: (names[n], len(n)))
        aliases = sorted({n for m in members for n in [m.name, *m.aliases]} - {name})
        ent = ActorEntity(
            id="",
            name=name,
            kind=kinds.most_common(1)[0][0],
            country=countries.most_common(1)[0][0] if countries else None,
            sector=sectors.most_common(1)[0][0] if sectors else None,
            kb_id=next((m.kb_id for m in members if m.kb_id), None),
            aliases=aliases,
            members=sorted(refs),
            mentions=sum(len(m.mentions) for m in members),
            conflicts=conflicts,
        )
        # the id hangs on the group's smallest key, not on row order: stable across re-ingest
        ent.id = "A" + _stable_id(min(keys[r] for r in refs))
        entities.append(ent)
        for r in refs:
            mapping[r] = ent.id
    entities.sort(key=lambda e: (-e.mentions, e.name))
    return entities, mapping


def _stable_id(key: str) -> str:
    import hashlib

    return hashlib.sha1(key.encode()).hexdigest()[:10]
