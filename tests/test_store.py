"""The store: migrations, atomic per-article writes, idempotence by content hash."""

from __future__ import annotations

import sqlite3

import pytest

from accord.errors import StoreError
from accord.records import ArticleRecord
from accord.store import Store, resolve_url
from accord.store.migrations import MIGRATIONS, applied


def make_record(aid: str = "a1", text: str = "Russia shelled Kharkiv, killing two people.") -> ArticleRecord:
    return ArticleRecord.model_validate(
        {
            "article": {"id": aid, "published": "2025-05-16", "title": "Shelling"},
            "text": text,
            "actors": [
                {
                    "id": f"{aid}:a1",
                    "name": "Russia",
                    "kind": "country",
                    "country": "RUS",
                    "sector": "GOV",
                    "mentions": [{"start": 0, "end": 6, "text": "Russia"}],
                }
            ],
            "places": [
                {
                    "id": f"{aid}:p1",
                    "name": "Kharkiv",
                    "country": "UKR",
                    "lat": 49.98,
                    "lon": 36.25,
                    "geonames_id": 706483,
                    "feature": "city",
                    "mentions": [{"start": 15, "end": 22, "text": "Kharkiv"}],
                }
            ],
            "events": [
                {
                    "id": f"{aid}:e1",
                    "type": "ASSAULT",
                    "mode": "shelling",
                    "actors": [f"{aid}:a1"],
                    "place": f"{aid}:p1",
                    "casualties": {"killed": 2},
                    "evidence": {"start": 0, "end": len(text), "text": text},
                    "confidence": 0.9,
                    "date": {"value": "2025-05-16", "precision": "day"},
                    "acled": {
                        "event_type": "Explosions/Remote violence",
                        "sub_event_type": "Shelling/artillery/missile attack",
                    },
                }
            ],
        }
    )


@pytest.fixture
def store(tmp_path):
    s = Store(tmp_path / "t.db")
    yield s
    s.close()


def test_store_resolve_url_defaults(monkeypatch):
    monkeypatch.delenv("ACCORD_DB", raising=False)
    assert resolve_url(None) == "sqlite:///accord.db"
    assert resolve_url("x/y.db") == "sqlite:///x/y.db"
    monkeypatch.setenv("ACCORD_DB", "sqlite:////tmp/z.db")
    assert resolve_url(None) == "sqlite:////tmp/z.db"


def test_store_migrations_recorded_once(tmp_path):
    Store(tmp_path / "m.db").close()
    s = Store(tmp_path / "m.db")
    assert applied(s.engine) == sorted(name for name, _ in MIGRATIONS)


def test_store_save_is_idempotent_by_content_hash(store):
    rec = make_record()
    assert store.save(rec, content_hash="h1") == "stored"
    assert store.save(rec, content_hash="h1") == "unchanged"
    assert store.counts()["articles"] == 1
    assert store.counts()["events"] == 1
    assert store.has_content("h1") and not store.has_content("h2")


def test_store_new_content_replaces_article_atomically(store):
    store.save(make_record(), content_hash="h1")
    newer = make_record(text="Russia shelled Kharkiv, killing three people.")
    assert store.save(newer, content_hash="h2") == "replaced"
    c = store.counts()
    assert (c["articles"], c["actors"], c["events"]) == (1, 1, 1)
    assert store.record("a1").text.endswith("three people.")


def test_store_failed_write_leaves_nothing_behind(store):
    store.save(make_record("keep"), content_hash="keep")
    bad = make_record("bad")
    bad.actors.append(bad.actors[0].model_copy())  # duplicate primary key → the insert fails midway
    with pytest.raises(StoreError) as exc:
        store.save(bad, content_hash="bad")
    assert "bad" in str(exc.value)
    c = store.counts()
    assert c["articles"] == 1 and c["actors"] == 1 and store.record("bad") is None


def test_store_record_round_trip_and_rows(store):
    rec = make_record()
    store.save(rec, content_hash="h1")
    assert store.record("a1") == rec
    [event] = store.rows("events")
    assert event["killed"] == 2 and event["acled_sub_event_type"].startswith("Shelling")
    assert event["actors"] == ["a1:a1"]
    assert store.counts()["events_by_type"] == {"ASSAULT": 1}


def test_store_sqlite_file_passes_integrity_check(store, tmp_path):
    for i in range(5):
        store.save(make_record(f"a{i}"), content_hash=f"h{i}")
    con = sqlite3.connect(tmp_path / "t.db")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    con.close()


def test_store_unreachable_database_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError) as exc:
        Store(f"sqlite:///{tmp_path}/missing-dir/x.db")
    assert "cannot open database" in str(exc.value)
