"""Tables of the store (SQLAlchemy Core). Columns mirror the record models in ``records.py``.

Per-article tables are keyed by ``(article_id, id)`` and are rewritten together with their article
in one transaction; JSON columns hold lists (aliases, mentions, parties) as the record has them.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

migrations = Table(
    "accord_migrations",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("applied_at", String(40), nullable=False),
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(300), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("url", Text),
    Column("title", Text),
    Column("source", Text),
    Column("published", String(40), index=True),
    Column("language", String(16)),
    Column("origin", Text),
    Column("text", Text, nullable=False),
    Column("record", JSON, nullable=False),
    Column("ingested_at", String(40), nullable=False),
)


def _article_fk() -> Column:
    return Column("article_id", String(300), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True)


actors = Table(
    "actors",
    metadata,
    _article_fk(),
    Column("id", String(340), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("country", String(3), index=True),
    Column("sector", String(20)),
    Column("kb_id", Text),
    Column("aliases", JSON, nullable=False),
    Column("titles", JSON, nullable=False),
    Column("mentions", JSON, nullable=False),
)

places = Table(
    "places",
    metadata,
    _article_fk(),
    Column("id", String(340), primary_key=True),
    Column("name", Text, nullable=False),
    Column("country", String(3)),
    Column("admin1", Text),
    Column("lat", Float),
    Column("lon", Float),
    Column("geonames_id", Integer),
    Column("feature", String(20)),
    Column("precision", String(20)),
    Column("mentions", JSON, nullable=False),
)

quotes = Table(
    "quotes",
    metadata,
    _article_fk(),
    Column("id", String(340), primary_key=True),
    Column("speaker", String(340)),
    Column("speaker_text", Text),
    Column("speaker_mention", JSON),
    Column("cue", String(60)),
    Column("kind", String(10), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("addressee", Text),
    Column("medium", Text),
)

events = Table(
    "events",
    metadata,
    _article_fk(),
    Column("id", String(340), primary_key=True),
    Column("type", String(12), nullable=False, index=True),
    Column("mode", String(60)),
    Column("context", JSON, nullable=False),
    Column("actors", JSON, nullable=False),
    Column("recipients", JSON, nullable=False),
    Column("date_value", String(40), index=True),
    Column("date_text", Text),
    Column("date_precision", String(10)),
    Column("place", String(340)),
    Column("killed", Integer),
    Column("injured", Integer),
    Column("missing", Integer),
    Column("arrested", Integer),
    Column("status", String(14), nullable=False),
    Column("quote", String(340)),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("evidence_text", Text, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("cameo", String(8)),
    Column("quad_class", Integer),
    Column("intensity", Float),
    Column("acled_event_type", String(60)),
    Column("acled_sub_event_type", String(80)),
)

agreements = Table(
    "agreements",
    metadata,
    _article_fk(),
    Column("id", String(340), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("status", String(24), nullable=False),
    Column("parties", JSON, nullable=False),
    Column("mediators", JSON, nullable=False),
    Column("history", JSON, nullable=False),
    Column("evidence", JSON, nullable=False),
)

#: Per-article tables, in the order rows are written (children after ``articles``).
CHILD_TABLES = (actors, places, quotes, events, agreements)

Index("ix_quotes_speaker", quotes.c.speaker)
Index("ix_events_article", events.c.article_id)

# -- cross-article views (rebuilt by Store.relink from the per-article tables) -----------------------

entities = Table(
    "entities",
    metadata,
    Column("id", String(20), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("country", String(3), index=True),
    Column("sector", String(20)),
    Column("kb_id", Text),
    Column("aliases", JSON, nullable=False),
    Column("articles", Integer, nullable=False),
    Column("mentions", Integer, nullable=False),
    Column("conflicts", JSON, nullable=False),
)

entity_members = Table(
    "entity_members",
    metadata,
    Column("article_id", String(300), primary_key=True),
    Column("actor_id", String(340), primary_key=True),
    Column("entity_id", String(20), nullable=False, index=True),
)

#: Hand decisions on actor identity; kept across re-ingest and relink.
actor_decisions = Table(
    "actor_decisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("action", String(10), nullable=False),  # merge | split
    Column("a", Text, nullable=False),
    Column("b", Text),
    Column("created_at", String(40), nullable=False),
)

event_clusters = Table(
    "event_clusters",
    metadata,
    Column("id", String(20), primary_key=True),
    Column("type", String(12), nullable=False, index=True),
    Column("date", String(10), index=True),
    Column("place", Text),
    Column("country", String(3)),
    Column("lat", Float),
    Column("lon", Float),
    Column("status", String(14), nullable=False),
    Column("actors", JSON, nullable=False),
    Column("recipients", JSON, nullable=False),
    Column("killed", Integer),
    Column("injured", Integer),
    Column("missing", Integer),
    Column("arrested", Integer),
    Column("casualty_reports", JSON, nullable=False),
    Column("n_mentions", Integer, nullable=False),
    Column("mentions", JSON, nullable=False),
)

event_members = Table(
    "event_members",
    metadata,
    Column("article_id", String(300), primary_key=True),
    Column("event_id", String(340), primary_key=True),
    Column("cluster_id", String(20), nullable=False, index=True),
)

agreement_entities = Table(
    "agreement_entities",
    metadata,
    Column("id", String(20), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("status", String(24), nullable=False, index=True),
    Column("names", JSON, nullable=False),
    Column("parties", JSON, nullable=False),
    Column("mediators", JSON, nullable=False),
    Column("history", JSON, nullable=False),
    Column("members", JSON, nullable=False),
)

#: Tables rebuilt together by relink (actor_decisions is not: it holds user input).
LINK_TABLES = (entities, entity_members, event_clusters, event_members, agreement_entities)

#: Feeds and web pages polled by ``accord ingest URL`` / ``accord watch``: the validators of the last
#: response (for conditional GET) and when it was checked.
sources = Table(
    "sources",
    metadata,
    Column("url", String(1000), primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("checked_at", String(40), nullable=False),
)

#: Feed entries already delivered, by feed and entry id (or link), so a re-poll reads only new ones.
source_entries = Table(
    "source_entries",
    metadata,
    Column("url", String(1000), ForeignKey("sources.url", ondelete="CASCADE"), primary_key=True),
    Column("entry", String(1000), primary_key=True),
    Column("seen_at", String(40), nullable=False),
)
