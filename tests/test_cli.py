"""The command line as a user meets it: real processes, real files, a real SQLite database."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from accord.records import ArticleRecord, json_schema, span_errors
from accord.samples import sample_path

ACCORD = [sys.executable, "-m", "accord.cli"]


def run(*args: str, stdin: bytes | None = None, env: dict | None = None, cwd: Path | None = None):
    return subprocess.run(
        [*ACCORD, *args], input=stdin, capture_output=True, timeout=300, env={**os.environ, **(env or {})}, cwd=cwd
    )


def test_cli_version_credits_geonames():
    out = run("--version")
    assert out.returncode == 0
    assert b"GeoNames" in out.stdout and b"CC BY 4.0" in out.stdout


def test_cli_schema_prints_json_schema():
    out = run("schema")
    assert json.loads(out.stdout) == json.loads(json.dumps(json_schema()))


@pytest.mark.slow
def test_cli_extract_samples_valid_and_stable(tmp_path):
    first = run("extract", str(sample_path()), "--format", "jsonl")
    assert first.returncode == 0, first.stderr.decode()
    lines = first.stdout.decode().splitlines()
    expected_ids = [json.loads(x)["id"] for x in sample_path().read_text(encoding="utf-8").splitlines() if x.strip()]
    assert [json.loads(x)["article"]["id"] for x in lines] == expected_ids
    schema = json_schema()
    for line in lines:
        data = json.loads(line)
        jsonschema.validate(data, schema)
        rec = ArticleRecord.model_validate(data)
        assert span_errors(rec) == []
        assert rec.actors and rec.times
    assert run("extract", str(sample_path()), "--format", "jsonl").stdout == first.stdout


def test_cli_extract_stdin_text_with_published():
    out = run("extract", "-", "--published", "2025-05-16", stdin=b"Talks resumed in Doha on Tuesday.")
    assert out.returncode == 0, out.stderr.decode()
    rec = json.loads(out.stdout)
    assert rec["article"]["published"] == "2025-05-16"
    assert rec["text"] == "Talks resumed in Doha on Tuesday."


def test_cli_extract_bad_inputs_named_and_good_ones_still_out(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Protesters marched in Tbilisi on Sunday.", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9".encode("latin-1") + b" talks")
    jl = tmp_path / "lines.jsonl"
    jl.write_text('{"id": "ok", "text": "Troops withdrew."}\n{oops\n', encoding="utf-8")
    out = run(
        "extract",
        str(good),
        str(tmp_path / "empty.txt"),
        str(tmp_path / "bin.txt"),
        str(tmp_path / "latin1.txt"),
        str(jl),
        "--format",
        "jsonl",
    )
    assert out.returncode == 1
    err = out.stderr.decode().splitlines()
    assert any("empty.txt" in e and "E101" in e for e in err)
    assert any("bin.txt" in e and "E102" in e for e in err)
    assert any("latin1.txt" in e and "E104" in e for e in err)
    assert any("lines.jsonl:2" in e and "E105" in e for e in err)
    ids = [json.loads(x)["article"]["id"] for x in out.stdout.decode().splitlines()]
    assert ids == ["good", "ok"]


def test_cli_extract_bad_published_option():
    out = run("extract", "-", "--published", "2025-02-30", stdin=b"Talks.")
    assert out.returncode == 2 and b"2025-02-30" in out.stderr


def _count(db: Path) -> tuple[int, int]:
    con = sqlite3.connect(db)
    try:
        n = con.execute("select count(*) from articles").fetchone()[0]
        distinct = con.execute("select count(distinct content_hash) from articles").fetchone()[0]
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        orphans = con.execute("select count(*) from events where article_id not in (select id from articles)")
        assert orphans.fetchone()[0] == 0
        return n, distinct
    finally:
        con.close()


@pytest.mark.slow
def test_cli_ingest_twice_stores_once_and_queries(tmp_path):
    db = tmp_path / "a.db"
    first = run("ingest", str(sample_path()), "--db", str(db))
    assert first.returncode == 0, first.stderr.decode()
    n_samples = sum(1 for x in sample_path().read_text(encoding="utf-8").splitlines() if x.strip())
    assert _count(db) == (n_samples, n_samples)
    second = run("ingest", str(sample_path()), "--db", str(db))
    assert second.returncode == 0
    assert f"0 stored, 0 replaced, {n_samples} unchanged".encode() in second.stderr
    assert _count(db) == (n_samples, n_samples)
    for cmd in ("articles", "actors", "events", "quotes", "agreements"):
        out = run(cmd, "--db", str(db), "--format", "jsonl")
        assert out.returncode == 0, (cmd, out.stderr)
    csv_out = run("events", "--db", str(db), "--format", "csv", "--per-article").stdout.decode().splitlines()
    assert csv_out[0].startswith("article_id,id,type")
    merged = run("events", "--db", str(db), "--format", "csv").stdout.decode().splitlines()
    assert merged[0].startswith("id,type,date") and len(merged) <= len(csv_out)
    table = run("articles", "--db", str(db))
    assert table.returncode == 0 and b"published" in table.stdout


@pytest.mark.slow
def test_cli_demo_prints_summary(tmp_path):
    out = run("demo", "--db", str(tmp_path / "demo.db"))
    assert out.returncode == 0, out.stderr.decode()
    text = out.stdout.decode()
    for word in ("articles", "actors", "events", "quotes", "agreements"):
        assert word in text


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("sample") / "s.db"
    out = run("ingest", str(sample_path()), "--db", str(db))
    assert out.returncode == 0, out.stderr.decode()
    return db


@pytest.mark.slow
@pytest.mark.parametrize(
    ("view", "first_col"), [("events", "article_id"), ("acled", "event_id_cnty"), ("gdelt", "GLOBALEVENTID")]
)
def test_cli_export_views_csv(sample_db, view, first_col):
    out = run("export", view, "--db", str(sample_db))
    assert out.returncode == 0, out.stderr.decode()
    lines = out.stdout.decode().splitlines()
    assert lines[0].split(",")[0] == first_col and len(lines) > 1


@pytest.mark.slow
def test_cli_export_parquet_and_merged_views(sample_db, tmp_path):
    import pyarrow.parquet as pq

    target = tmp_path / "events.parquet"
    assert run("export", "events", "--db", str(sample_db), "--format", "parquet", "-o", str(target)).returncode == 0
    table = pq.read_table(target)
    assert table.num_rows > 0 and "evidence" in table.column_names
    actors = [json.loads(x) for x in run("actors", "--db", str(sample_db), "--format", "jsonl").stdout.splitlines()]
    assert actors and all("aliases" in a and "articles" in a for a in actors)
    agreements = run("agreements", "--db", str(sample_db), "--format", "jsonl").stdout.decode().splitlines()
    assert agreements
    first = json.loads(agreements[0])
    shown = run("agreement", first["id"], "--db", str(sample_db))
    assert shown.returncode == 0 and first["name"].encode() in shown.stdout
    assert run("agreement", "nope", "--db", str(sample_db)).returncode == 2
    bad = run("events", "--db", str(sample_db), "--type", "EXPLODE")
    assert bad.returncode == 2 and b"unknown event type" in bad.stderr
    bad_date = run("events", "--db", str(sample_db), "--since", "2025-13-01")
    assert bad_date.returncode == 2 and b"2025-13-01" in bad_date.stderr
    q = run("quotes", "--db", str(sample_db), "--format", "jsonl", "--since", "2025-01-01")
    assert q.returncode == 0 and q.stdout


@pytest.mark.slow
def test_cli_events_filters_by_dyad_actor_country_place_status(sample_db):
    def rows(*args: str) -> list[dict]:
        out = run("events", "--db", str(sample_db), "--format", "jsonl", *args)
        assert out.returncode == 0, out.stderr.decode()
        return [json.loads(x) for x in out.stdout.splitlines()]

    everything = rows("--per-article")
    dyad = rows("--per-article", "--dyad", "RUS-UKR")
    assert dyad and len(dyad) < len(everything)
    assert all(r["article_id"] in ("prisoner-exchange", "kharkiv-strike", "eu-sanctions") for r in dyad)
    assert {r["id"] for r in rows("--per-article", "--dyad", "UKR-RUS")} == {r["id"] for r in dyad}  # either way
    hamas = rows("--per-article", "--actor", "hamas")
    assert hamas and {r["article_id"] for r in hamas} == {"doha-talks"}
    assert all(r["status"] == "negated" for r in rows("--per-article", "--status", "negated"))
    assert {r["article_id"] for r in rows("--per-article", "--country", "KHM")} == {"thai-cambodia-border"}
    # merged events: a cluster matches when one of its reports does
    merged = rows("--dyad", "RUS-UKR")
    assert merged and all(m["n_mentions"] >= 1 for m in merged)
    # tables and CSV name the parties; JSONL keeps the ids
    csv_out = run("events", "--db", str(sample_db), "--format", "csv", "--actor", "hamas").stdout.decode()
    assert "Hamas (PSE)" in csv_out
    for bad in (("--dyad", "RUS"), ("--country", "Russia"), ("--status", "maybe")):
        out = run("events", "--db", str(sample_db), *bad)
        assert out.returncode == 2 and bad[1].encode() in out.stderr


def test_cli_actors_add_writes_user_kb(tmp_path):
    kb = tmp_path / "kb.yaml"
    out = run(
        "actors",
        "add",
        "Oleksiy Hordiyenko",
        "--country",
        "ukr",
        "--sector",
        "GOV",
        "--alias",
        "Gordiyenko",
        "--kb-file",
        str(kb),
    )
    assert out.returncode == 0, out.stderr.decode()
    assert json.loads(out.stdout)["country"] == "UKR"
    assert "Gordiyenko" in kb.read_text(encoding="utf-8")
    bad = run("actors", "add", "X", "--country", "UKRAINE", "--kb-file", str(kb))
    assert bad.returncode == 2 and b"alpha-3" in bad.stderr


@pytest.mark.slow
def test_cli_actors_merge_and_split_survive_relink(sample_db, tmp_path):
    import shutil

    db = tmp_path / "copy.db"
    shutil.copy(sample_db, db)

    def entities():
        return [json.loads(x) for x in run("actors", "--db", str(db), "--format", "jsonl").stdout.splitlines()]

    before = entities()
    a, b = before[0]["id"], before[1]["id"]
    assert run("actors", "merge", a, b, "--db", str(db)).returncode == 0
    merged = entities()
    assert len(merged) == len(before) - 1
    # a fresh relink (as after any ingest) keeps the hand decision
    assert run("link", "--db", str(db)).returncode == 0
    assert len(entities()) == len(merged)
    per_article = [
        json.loads(x) for x in run("actors", "--db", str(db), "--format", "jsonl", "--per-article").stdout.splitlines()
    ]
    ref = f"{per_article[0]['article_id']}/{per_article[0]['id']}"
    assert run("actors", "split", ref, "--db", str(db)).returncode == 0
    assert run("actors", "split", "not-a-ref", "--db", str(db)).returncode == 2


@pytest.mark.slow
def test_cli_ingest_with_two_workers_matches_one(sample_db, tmp_path):
    db = tmp_path / "w2.db"
    out = run("ingest", str(sample_path()), "--db", str(db), "--workers", "2")
    assert out.returncode == 0, out.stderr.decode()

    def dump(path):
        con = sqlite3.connect(path)
        try:
            return sorted(con.execute("select article_id, id, type, date_value, killed from events").fetchall())
        finally:
            con.close()

    assert dump(db) == dump(sample_db)
