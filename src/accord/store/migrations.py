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
