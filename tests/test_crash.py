"""Crash safety: ``kill -9`` an ``accord ingest`` at random points, 20 times; the re-run completes with
no duplicate or missing article and no partial one, and the database passes its integrity check —
for SQLite and for PostgreSQL."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

TRIALS = 20
CHILDREN = {"actors": "actors", "places": "places", "quotes": "quotes", "events": "events", "agreements": "agreements"}


BASE, PER_TRIAL = 12, 3


def _articles(n: int = BASE + PER_TRIAL * TRIALS) -> list[dict]:
    places = ["Geneva", "Doha", "Kharkiv", "Aleppo", "Khartoum", "Goma", "Tripoli", "Sanaa"]
    out = []
    for i in range(n):
        p = places[i % len(places)]
        out.append({
            "id": f"crash-{i:02d}",
            "published": f"2025-05-{1 + i % 28:02d}",
            "text": (f"Shelling hit {p} on Monday, killing {i + 2} civilians, officials said. "
                     f'"We call for an immediate ceasefire," the UN envoy said in {p}. '
                     f"Talks between the two sides resumed in Doha on Tuesday, round {i}."),
        })
    return out


def _ingest(inputs: Path, db: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "accord.cli", "ingest", str(inputs), "--db", db],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ})


def _check_consistent(url: str, expected_ids: set[str]) -> set[str]:
    """Every stored article is whole (child rows match its record); returns the stored ids."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            if url.startswith("sqlite"):
                assert conn.execute(text("PRAGMA integrity_check")).scalar() == "ok"
                assert conn.execute(text("PRAGMA foreign_key_check")).first() is None
            tables = {r[0] for r in conn.execute(text(
                "SELECT name FROM sqlite_master WHERE type='table'" if url.startswith("sqlite")
                else "SELECT tablename FROM pg_tables WHERE schemaname='public'"))}
            if "articles" not in tables:
                return set()  # killed before the schema was created
            rows = conn.execute(text("SELECT id, content_hash, record FROM articles")).all()
            ids = [r[0] for r in rows]
            assert len(ids) == len(set(ids)) and len({r[1] for r in rows}) == len(rows)
            assert set(ids) <= expected_ids
            for aid, _, record in rows:
                rec = json.loads(record) if isinstance(record, str) else record
                for table, key in CHILDREN.items():
                    n = conn.execute(text(f"SELECT count(*) FROM {table} WHERE article_id = :a"), {"a": aid}).scalar()
                    assert n == len(rec[key]), (aid, table, n, len(rec[key]))
            return set(ids)
    finally:
        engine.dispose()


def _write(path: Path, arts: list[dict]) -> Path:
    path.write_text("\n".join(json.dumps(a) for a in arts) + "\n", encoding="utf-8")
    return path


def _crash_trials(tmp_path: Path, url: str) -> dict:
    """Trial k ingests the first BASE + PER_TRIAL*(k+1) articles: it resumes the run killed before it
    and has new work, so every kill lands on a run that is writing."""
    arts = _articles()
    expected = {a["id"] for a in arts}
    inputs = _write(tmp_path / "in-base.jsonl", arts[:BASE])
    # time one full run on a scratch SQLite database to aim the kills across the whole run
    started = time.monotonic()
    scratch = _ingest(inputs, f"sqlite:///{tmp_path / 'scratch.db'}")
    assert scratch.wait(300) == 0, scratch.stderr.read().decode()
    full = time.monotonic() - started
    rng = random.Random(20261126)
    kills = 0
    stored_after_kill = []
    for k in range(TRIALS):
        inputs = _write(tmp_path / f"in-{k}.jsonl", arts[: BASE + PER_TRIAL * (k + 1)])
        proc = _ingest(inputs, url)
        time.sleep(rng.uniform(0.3 * full, 1.05 * full))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        proc.wait(60)
        stored_after_kill.append(len(_check_consistent(url, expected)))
    final = _ingest(_write(tmp_path / "in-all.jsonl", arts), url)
    assert final.wait(300) == 0, final.stderr.read().decode()
    assert _check_consistent(url, expected) == expected
    return {"kills": kills, "full_run_s": round(full, 1), "stored_after_each": stored_after_kill}


@pytest.mark.slow
def test_crash_kill9_during_ingest_sqlite(tmp_path):
    out = _crash_trials(tmp_path, f"sqlite:///{tmp_path / 'crash.db'}")
    print("crash sqlite:", out)
    assert out["kills"] >= TRIALS // 2


@pytest.mark.slow
def test_crash_kill9_during_ingest_postgres(tmp_path, pg_url):
    engine = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS crash"))
        conn.execute(text("CREATE DATABASE crash"))
    engine.dispose()
    url = pg_url.rsplit("/", 1)[0] + "/crash"
    out = _crash_trials(tmp_path, url)
    print("crash postgres:", out)
    assert out["kills"] >= TRIALS // 2
