"""The agreements board: one entry per agreement across reports, with a dated history.

Reports of the same agreement are grouped by kind and normalised name (case, spacing, a leading
"the"). The current status is the latest dated history entry across all reports (undated entries
take their article's publication day); ties go to the later report. Each history entry keeps the
article it came from, so the board can open the evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

_SPACE = re.compile(r"\s+")
_NON_KEY = re.compile(r"[^a-z0-9]+")


def agreement_key(kind: str, name: str) -> str:
    n = _SPACE.sub(" ", name.strip().lower())
    n = n.removeprefix("the ")
    return f"{kind}:{_NON_KEY.sub('-', n).strip('-')}"


def merge_agreements(rows: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows of the agreements table (with ``article_published``, parties resolved) → board entries."""
    groups: dict[str, dict[str, Any]] = {}
    for r in rows:
        key = agreement_key(r["kind"], r["name"])
        g = groups.setdefault(
            key,
            {
                "key": key,
                "name": r["name"],
                "kind": r["kind"],
                "status": r["status"],
                "parties": [],
                "mediators": [],
                "history": [],
                "reports": [],
            },
        )
        published = (r.get("article_published") or "")[:10] or None
        for role in ("parties", "mediators"):
            seen = {p.get("name") for p in g[role]}
            for p in r.get(role) or []:
                if p.get("name") not in seen:
                    g[role].append(p)
                    seen.add(p.get("name"))
        for i, h in enumerate(r.get("history") or []):
            g["history"].append(
                {
                    "date": h.get("date") or published,
                    "status": h["status"],
                    "event": h.get("event"),
                    "article_id": r["article_id"],
                    "agreement_id": r["id"],
                    "_order": (published or "", i),
                }
            )
        if not r.get("history"):
            g["history"].append(
                {
                    "date": published,
                    "status": r["status"],
                    "event": None,
                    "article_id": r["article_id"],
                    "agreement_id": r["id"],
                    "_order": (published or "", 0),
                }
            )
        g["reports"].append(
            {
                "article_id": r["article_id"],
                "agreement_id": r["id"],
                "status": r["status"],
                "published": published,
                "title": r.get("article_title"),
                "evidence": r.get("evidence") or [],
            }
        )
    out = []
    for g in groups.values():
        g["history"].sort(key=lambda h: ((h["date"] or "")[:10], h["_order"]))
        for h in g["history"]:
            del h["_order"]
        if g["history"]:
            g["status"] = g["history"][-1]["status"]
            g["updated"] = g["history"][-1]["date"]
        else:
            g["updated"] = None
        out.append(g)
    out.sort(key=lambda g: (g["updated"] or "", g["key"]), reverse=True)
    return out
