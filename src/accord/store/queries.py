"""Read queries over the store shared by the CLI (and usable by the API): parameterised SQLAlchemy Core."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Text, cast, func, or_, select

from accord.store import Store
from accord.store import schema as s


def find_quotes(
    store: Store,
    *,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Quotes with the article's date and the speaker's merged name; ``speaker`` matches any alias."""
    q = (
        select(
            s.quotes,
            s.articles.c.published,
            s.entities.c.name.label("speaker_name"),
            s.entities.c.aliases.label("speaker_aliases"),
        )
        .join(s.articles, s.articles.c.id == s.quotes.c.article_id)
        .outerjoin(
            s.entity_members,
            (s.entity_members.c.article_id == s.quotes.c.article_id)
            & (s.entity_members.c.actor_id == s.quotes.c.speaker),
        )
        .outerjoin(s.entities, s.entities.c.id == s.entity_members.c.entity_id)
    )
    if speaker:
        pattern = f"%{speaker.lower()}%"
        q = q.where(
            or_(
                func.lower(s.quotes.c.speaker_text).like(pattern),
                func.lower(s.entities.c.name).like(pattern),
                func.lower(cast(s.entities.c.aliases, Text)).like(pattern),
            )
        )
    if since:
        q = q.where(s.articles.c.published >= since[:10])
    if until:
        q = q.where(s.articles.c.published <= until[:10] + "~")
    q = q.order_by(s.articles.c.published, s.quotes.c.article_id, s.quotes.c.start)
    if limit is not None:
        q = q.limit(limit)
    if offset:
        q = q.offset(offset)
    with store.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]
