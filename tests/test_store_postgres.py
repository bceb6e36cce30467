"""The same store on a real PostgreSQL server: migrations, idempotence, atomicity, links."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from accord.errors import StoreError
from accord.store import Store, relink
from test_store import make_record

pytestmark = pytest.mark.slow


@pytest.fixture
def pg_store(pg_url):
    store = Store(pg_url)
    yield store
    with store.engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    store.close()


def test_store_postgres_save_idempotent_and_replace(pg_store):
    rec = make_record()
    assert pg_store.save(rec, content_hash="h1") == "stored"
    assert pg_store.save(rec, content_hash="h1") == "unchanged"
    newer = make_record(text="Russia shelled Kharkiv, killing three people.")
    assert pg_store.save(newer, content_hash="h2") == "replaced"
    c = pg_store.counts()
    assert (c["articles"], c["events"], c["actors"]) == (1, 1, 1)
    assert pg_store.record("a1") == newer


def test_store_postgres_failed_write_leaves_nothing(pg_store):
    bad = make_record("bad")
    bad.actors.append(bad.actors[0].model_copy())
    with pytest.raises(StoreError):
        pg_store.save(bad, content_hash="bad")
    assert pg_store.counts()["articles"] == 0 and pg_store.counts()["actors"] == 0


def test_store_postgres_relink_and_plain_url_form(pg_store, pg_url):
    for i in range(3):
        pg_store.save(make_record(f"a{i}"), content_hash=f"h{i}")
    counts = relink(pg_store)
    assert counts["event_clusters"] == 1 and counts["entities"] == 1
    plain = pg_url.replace("postgresql+psycopg://", "postgresql://")
    again = Store(plain)
    assert again.counts()["articles"] == 3
    again.close()
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        names = conn.execute(text("select name from accord_migrations order by name")).scalars().all()
    assert names[0] == "0001_initial"
