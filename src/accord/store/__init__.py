"""The store: records in a SQL database (SQLite file by default, PostgreSQL by URL).

One transaction per article: its row and all its child rows land together or not at all, so a
killed ingest leaves no partial article and a re-run picks up where it stopped. Ingest is
idempotent by content hash.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, func, insert, make_url, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from accord.errors import StoreError
from accord.records import ArticleRecord
from accord.store import schema as s
from accord.store.migrations import migrate

DEFAULT_URL = "sqlite:///accord.db"


def resolve_url(url: str | os.PathLike[str] | None = None) -> str:
    """``--db`` value, ``$ACCORD_DB``, or ``./accord.db``; a bare path means a SQLite file."""
    value = str(url) if url is not None else os.environ.get("ACCORD_DB") or DEFAULT_URL
    if "://" not in value:
        value = "sqlite:///" + str(Path(value))
    return value


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    """``Store("accord.db")`` or ``Store("postgresql+psycopg://...")``; migrates on open."""

    def __init__(self, url: str | os.PathLike[str] | None = None, *, engine: Engine | None = None) -> None:
        self.url = resolve_url(url)
        try:
            self.display_url = make_url(self.url).render_as_string(hide_password=True)
        except Exception:  # an unparseable URL: show only its scheme
            self.display_url = self.url.split("://", 1)[0] + "://…"
        try:
            self.engine = engine or self._make_engine(self.url)
            migrate(self.engine)
        except SQLAlchemyError as exc:
            detail = str(exc).replace(self.url, self.display_url)
            raise StoreError(f"cannot open database {self.display_url}: {exc.__class__.__name__}: {detail}") from None
        except Exception as exc:  # a driver missing or a malformed URL
            raise StoreError(f"cannot open database {self.display_url}: {exc.__class__.__name__}: {exc}") from None

    @staticmethod
    def _make_engine(url: str) -> Engine:
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url[len("postgresql://") :]
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": 30})

            @event.listens_for(engine, "connect")
            def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=NORMAL")
                cur.execute("PRAGMA foreign_keys=ON")
                cur.close()

            return engine
        return create_engine(url, pool_pre_ping=True)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------
    def has_content(self, content_hash: str) -> bool:
        with self.engine.connect() as conn:
            return (
                conn.execute(select(s.articles.c.id).where(s.articles.c.content_hash == content_hash)).first()
                is not None
            )

    def save(self, record: ArticleRecord, *, content_hash: str, origin: str | None = None) -> str:
        """Store one record atomically. Returns ``stored``, ``unchanged`` (same content already
        there) or ``replaced`` (same article id, new content: the old version is swapped out)."""
        aid = record.article.id
        try:
            with self.engine.begin() as conn:
                existing = conn.execute(
                    select(s.articles.c.id, s.articles.c.content_hash).where(
                        (s.articles.c.id == aid) | (s.articles.c.content_hash == content_hash)
                    )
                ).all()
                if any(row.content_hash == content_hash for row in existing):
                    return "unchanged"
                outcome = "replaced" if existing else "stored"
                if existing:
                    self._delete_article(conn, aid)
                self._insert(conn, record, content_hash, origin)
                return outcome
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot store article {aid!r}: {exc.__class__.__name__}: {exc}", source=origin) from None

    @staticmethod
    def _delete_article(conn: Connection, aid: str) -> None:
        for table in s.CHILD_TABLES:
            conn.execute(delete(table).where(table.c.article_id == aid))
        conn.execute(delete(s.articles).where(s.articles.c.id == aid))

    @staticmethod
    def _insert(conn: Connection, record: ArticleRecord, content_hash: str, origin: str | None) -> None:
        a = record.article
        conn.execute(
            insert(s.articles).values(
                id=a.id,
                content_hash=content_hash,
                url=a.url,
                title=a.title,
                source=a.source,
                published=a.published,
                language=a.language,
                origin=origin,
                text=record.text,
                record=record.to_dict(),
                ingested_at=_now(),
            )
        )
        rows = {table.name: list(rows_for(record, table.name)) for table in s.CHILD_TABLES}
        for table in s.CHILD_TABLES:
            if rows[table.name]:
                conn.execute(insert(table), rows[table.name])

    # -- polled sources (feeds, pages) ---------------------------------------------------
    def source_state(self, url: str) -> tuple[str | None, str | None, set[str]]:
        """``(etag, last_modified, seen entry ids)`` remembered for a polled feed or page."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(s.sources.c.etag, s.sources.c.last_modified).where(s.sources.c.url == url)
            ).first()
            seen = set(conn.execute(select(s.source_entries.c.entry).where(s.source_entries.c.url == url)).scalars())
        return (row.etag, row.last_modified, seen) if row else (None, None, seen)

    def save_source_state(
        self, url: str, *, etag: str | None, last_modified: str | None, entries: Sequence[str] = ()
    ) -> None:
        """Remember a poll of ``url`` and the entry ids it delivered, in one transaction."""
        now = _now()
        try:
            with self.engine.begin() as conn:
                exists = conn.execute(select(s.sources.c.url).where(s.sources.c.url == url)).first()
                values = {"etag": etag, "last_modified": last_modified, "checked_at": now}
                if exists:
                    conn.execute(s.sources.update().where(s.sources.c.url == url).values(**values))
                else:
                    conn.execute(insert(s.sources).values(url=url, **values))
                known = set(
                    conn.execute(select(s.source_entries.c.entry).where(s.source_entries.c.url == url)).scalars()
                )
                new = [{"url": url, "entry": e, "seen_at": now} for e in dict.fromkeys(entries) if e not in known]
                if new:
                    conn.execute(insert(s.source_entries), new)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot remember source state: {exc.__class__.__name__}: {exc}", source=url) from None

    # -- reading -------------------------------------------------------------------------
    def record(self, article_id: str) -> ArticleRecord | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(s.articles.c.record).where(s.articles.c.id == article_id)).first()
        return ArticleRecord.model_validate(row.record) if row else None

    def records(self) -> Iterator[ArticleRecord]:
        with self.engine.connect() as conn:
            for row in conn.execute(select(s.articles.c.record).order_by(s.articles.c.published, s.articles.c.id)):
                yield ArticleRecord.model_validate(row.record)

    def rows(
        self,
        table: str,
        *,
        where: Sequence[Any] = (),
        order_by: Sequence[Any] = (),
        limit: int | None = None,
        offset: int = 0,
    ) -> list[dict[str, Any]]:
        t = s.metadata.tables[table]
        q = select(t)
        for cond in where:
            q = q.where(cond)
        q = q.order_by(*(order_by or [c for c in t.primary_key.columns]))
        if limit is not None:
            q = q.limit(limit)
        if offset:
            q = q.offset(offset)
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(q)]

    def links_stale(self) -> bool:
        """True when some stored event or actor has no cross-article link yet (e.g. an ingest was
        killed after its last article and before relinking)."""
        with self.engine.connect() as conn:

            def n(table: Any) -> int:
                return conn.execute(select(func.count()).select_from(table)).scalar_one()

            return n(s.events) != n(s.event_members) or n(s.actors) != n(s.entity_members)

    def counts(self) -> dict[str, Any]:
        """Totals for the summary: rows per table and events per PLOVER type."""
        out: dict[str, Any] = {}
        with self.engine.connect() as conn:
            for table in (s.articles, *s.CHILD_TABLES, *s.LINK_TABLES):
                out[table.name] = conn.execute(select(func.count()).select_from(table)).scalar_one()
            out["events_by_type"] = dict(
                conn.execute(
                    select(s.events.c.type, func.count()).group_by(s.events.c.type).order_by(func.count().desc())
                ).all()
            )
            out["agreements_by_status"] = dict(
                conn.execute(select(s.agreements.c.status, func.count()).group_by(s.agreements.c.status)).all()
            )
        return out


# -- cross-article links ---------------------------------------------------------------------


def _decisions(store: Store) -> tuple[list[tuple[str, str]], list[str]]:
    merges: list[tuple[str, str]] = []
    splits: list[str] = []
    for row in store.rows("actor_decisions", order_by=[s.actor_decisions.c.id]):
        if row["action"] == "merge":
            merges.append((row["a"], row["b"]))
        else:
            splits.append(row["a"])
    return merges, splits


def relink(store: Store) -> dict[str, int]:
    """Rebuild the cross-article tables (actor entities, event clusters, agreement identities) from the
    stored records in one transaction; readers see the old links or the new ones, never a mix."""
    from accord.link import link_actors, link_agreements, link_events

    records = list(store.records())
    merges, splits = _decisions(store)
    entities, entity_of = link_actors(records, merges=merges, splits=splits)
    clusters, event_of = link_events(records, entity_of)
    agreements_, _ = link_agreements(records, entity_of)
    with store.engine.begin() as conn:
        for table in s.LINK_TABLES:
            conn.execute(delete(table))
        if entities:
            conn.execute(
                insert(s.entities),
                [
                    {
                        "id": e.id,
                        "name": e.name,
                        "kind": e.kind,
                        "country": e.country,
                        "sector": e.sector,
                        "kb_id": e.kb_id,
                        "aliases": e.aliases,
                        "articles": e.articles,
                        "mentions": e.mentions,
                        "conflicts": e.conflicts,
                    }
                    for e in entities
                ],
            )
            conn.execute(
                insert(s.entity_members),
                [{"article_id": a, "actor_id": b, "entity_id": eid} for (a, b), eid in entity_of.items()],
            )
        if clusters:
            conn.execute(
                insert(s.event_clusters),
                [
                    {
                        "id": c.id,
                        "type": c.type,
                        "date": c.date,
                        "place": c.place,
                        "country": c.country,
                        "lat": c.lat,
                        "lon": c.lon,
                        "status": c.status,
                        "actors": c.actors,
                        "recipients": c.recipients,
                        "casualty_reports": c.casualty_reports,
                        "n_mentions": len(c.mentions),
                        "mentions": c.mentions,
                        **c.casualties,
                    }
                    for c in clusters
                ],
            )
            conn.execute(
                insert(s.event_members),
                [{"article_id": a, "event_id": b, "cluster_id": cid} for (a, b), cid in event_of.items()],
            )
        if agreements_:
            conn.execute(
                insert(s.agreement_entities),
                [
                    {
                        "id": g.id,
                        "name": g.name,
                        "kind": g.kind,
                        "status": g.status,
                        "names": g.names,
                        "parties": g.parties,
                        "mediators": g.mediators,
                        "history": g.history,
                        "members": [list(m) for m in g.members],
                    }
                    for g in agreements_
                ],
            )
    return {"entities": len(entities), "event_clusters": len(clusters), "agreements": len(agreements_)}


def add_decision(store: Store, action: str, a: str, b: str | None = None) -> None:
    """Record a hand decision on actor identity (``merge`` a b, or ``split`` article_id/actor_id)."""
    if action not in ("merge", "split"):
        raise StoreError(f"unknown decision {action!r}; use merge or split")
    with store.engine.begin() as conn:
        conn.execute(insert(s.actor_decisions).values(action=action, a=a, b=b, created_at=_now()))


def rows_for(record: ArticleRecord, table: str) -> Iterator[dict[str, Any]]:
    """Flatten a record's items into rows of one child table."""
    aid = record.article.id
    if table == "actors":
        for x in record.actors:
            yield {"article_id": aid, **x.model_dump(mode="json")}
    elif table == "places":
        for x in record.places:
            yield {"article_id": aid, **x.model_dump(mode="json")}
    elif table == "quotes":
        for x in record.quotes:
            yield {"article_id": aid, **x.model_dump(mode="json")}
    elif table == "agreements":
        for x in record.agreements:
            yield {"article_id": aid, **x.model_dump(mode="json")}
    elif table == "events":
        for e in record.events:
            yield {
                "article_id": aid,
                "id": e.id,
                "type": e.type,
                "mode": e.mode,
                "context": e.context,
                "actors": e.actors,
                "recipients": e.recipients,
                "date_value": e.date.value,
                "date_text": e.date.text,
                "date_precision": e.date.precision,
                "place": e.place,
                "killed": e.casualties.killed,
                "injured": e.casualties.injured,
                "missing": e.casualties.missing,
                "arrested": e.casualties.arrested,
                "status": e.status,
                "quote": e.quote,
                "evidence_start": e.evidence.start,
                "evidence_end": e.evidence.end,
                "evidence_text": e.evidence.text,
                "confidence": e.confidence,
                "cameo": e.cameo,
                "quad_class": e.quad_class,
                "intensity": e.intensity,
                "acled_event_type": e.acled.event_type if e.acled else None,
                "acled_sub_event_type": e.acled.sub_event_type if e.acled else None,
            }
    else:
        raise KeyError(table)


__all__ = ["DEFAULT_URL", "Store", "StoreError", "add_decision", "relink", "resolve_url", "rows_for"]
