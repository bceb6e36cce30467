"""The agreements board: linked agreements shaped for readers, latest change first.

Which reports describe one agreement, and its current status, are decided once by
:func:`accord.link.link_agreements` (name variants, parties, terminal statuses) and stored in
``agreement_entities`` by :func:`accord.store.relink`. Nothing here merges reports; it resolves a
stored row's entity ids and article ids to names and titles, so every history entry can open its
evidence, and orders the board.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def last_change(history: Iterable[Mapping[str, Any]]) -> str | None:
    """The day (``YYYY-MM-DD``) of the latest dated history entry, or None when none is dated."""
    days = [str(h["date"])[:10] for h in history if h.get("date")]
    return max(days) if days else None


def board_entry(
    row: Mapping[str, Any], entities: Mapping[str, Mapping[str, Any]], articles: Mapping[str, Mapping[str, Any]]
) -> dict[str, Any]:
    """One ``agreement_entities`` row → a board entry: parties and mediators as ``{id, name, kind, country}``
    (an id that is not an entity is shown as itself), history entries and reports with their article's
    title and date, and ``agreement_id``, the article's own agreement id for highlighting its evidence."""
    members = [tuple(m) for m in row.get("members") or []]
    own_id: dict[str, str] = {}
    for article_id, agreement_id in members:
        own_id.setdefault(article_id, agreement_id)

    def who(x: str) -> dict[str, Any]:
        e = entities.get(x)
        return {"id": x, "name": e.get("name"), "kind": e.get("kind"), "country": e.get("country")} if e else {
            "id": x, "name": x, "kind": None, "country": None}  # fmt: skip

    def article(aid: str | None) -> dict[str, Any]:
        a = articles.get(aid or "", {})
        return {"title": a.get("title"), "published": (a.get("published") or "")[:10] or None}

    history = [
        {
            "date": h.get("date"),
            "status": h["status"],
            "article": h.get("article"),
            "agreement_id": own_id.get(h.get("article") or ""),
            "event": h.get("event"),
            "evidence": h.get("evidence"),
            **{f"article_{k}": v for k, v in article(h.get("article")).items()},
        }
        for h in row.get("history") or []
    ]
    reports = [{"article_id": a, "agreement_id": g, **article(a)} for a, g in members]
    return {
        "id": row["id"],
        "name": row["name"],
        "names": list(row.get("names") or [row["name"]]),
        "kind": row["kind"],
        "status": row["status"],
        "updated": last_change(history),
        "parties": [who(x) for x in row.get("parties") or []],
        "mediators": [who(x) for x in row.get("mediators") or []],
        "history": history,
        "reports": reports,
    }


def board_order(entries: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Latest change first; undated agreements last; ties by id so pages are stable."""
    return sorted(entries, key=lambda g: (g["updated"] or "", g["id"]), reverse=True)


__all__ = ["board_entry", "board_order", "last_change"]
