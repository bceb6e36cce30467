"""Named migrations, applied in order, each in its own transaction, recorded in
``accord_migrations`` (the sqlite-utils pattern). Add a migration by appending to
:data:`MIGRATIONS`; never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timezone

from sqlalchemy import Engine, insert, select
from sqlalchemy.engine import Connection

from accord.store import schema as s


def _initial(conn: Connection) -> None:
    s.metadata.create_all(conn, tables=[s.articles, *s.CHILD_TABLES])


def _cross_article(conn: Connection) -> None:
    s.metadata.create_all(conn, tables=[*s.LINK_TABLES, s.actor_decisions])


#: (name, function(connection)) in the order they apply.
MIGRATIONS: list[tuple[str, Callable[[Connection], None]]] = [
    ("0001_initial", _initial),
    ("0002_cross_article", _cross_article),
]


def applied(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(select(s.migrations.c.name).order_by(s.migrations.c.name)).scalars())


def migrate(engine: Engine) -> list[str]:
    """Apply the migrations not yet recorded; returns the names applied now."""
    s.metadata.create_all(engine, tables=[s.migrations])
    done = set(applied(engine))
    now_applied: list[str] = []
    for name, fn in MIGRATIONS:
        if name in done:
            continue
        with engine.begin() as conn:
            # Re-check inside the transaction: another process may have applied it meanwhile.
            if conn.execute(select(s.migrations.c.name).where(s.migrations.c.name == name)).first():
                continue
            fn(conn)
            conn.execute(insert(s.migrations).values(name=name, applied_at=datetime.now(timezone.utc).isoformat()))
        now_applied.append(name)
    return now_applied


def _api_indexes(conn: Connection) -> None:
    """Indexes for the HTTP API's event queries (``accord.api.queries``): covering indexes so the
    page-key query and the capped count read narrow index entries instead of wide event/article rows,
    and the per-event "has an actor of country X" test is answered from the actor index alone."""
    from sqlalchemy import text

    for ddl in (
        # the expression must stay identical to accord.api.queries.OWN_DAY_SQL
        "CREATE INDEX IF NOT EXISTS ix_events_own_day ON events ((CASE WHEN length(date_value) >= 10 AND "
        "substr(date_value, 5, 1) = '-' AND substr(date_value, 8, 1) = '-' THEN substr(date_value, 1, 10) END), "
        "article_id, id, type, status, place)",
        "CREATE INDEX IF NOT EXISTS ix_articles_id_published ON articles (id, published)",
        "CREATE INDEX IF NOT EXISTS ix_places_geo ON places (article_id, id, lat, lon, country)",
        "CREATE INDEX IF NOT EXISTS ix_places_country ON places (country, article_id)",
        "CREATE INDEX IF NOT EXISTS ix_actors_article_country ON actors (article_id, country, id)",
    ):
        conn.execute(text(ddl))


MIGRATIONS.append(("0003_api_indexes", _api_indexes))


def _sources(conn: Connection) -> None:
    s.metadata.create_all(conn, tables=[s.sources, s.source_entries])


MIGRATIONS.append(("0004_sources", _sources))
