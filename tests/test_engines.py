"""Batch engines: the local process pool and Spark local[2] give the same tables; bad rows become errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from accord.samples import sample_path

pytestmark = pytest.mark.slow


def make_input(tmp_path: Path, n: int) -> Path:
    base = [json.loads(x) for x in sample_path().read_text(encoding="utf-8").splitlines() if x.strip()]
    path = tmp_path / "in.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            art = base[i % len(base)]
            fh.write(
                json.dumps({**art, "id": f"{art['id']}-{i}", "text": art["text"] + f"\nReport number {i}."}) + "\n"
            )
        fh.write("{this is not json\n")
        fh.write(json.dumps({"id": "bad-date", "text": "Talks ended.", "published": "2025-02-31"}) + "\n")
        fh.write(json.dumps({"id": "empty", "text": "   "}) + "\n")
    return path


def read_table(out: Path, table: str):
    import pyarrow.dataset as ds

    data = ds.dataset(out / table, format="parquet", partitioning="hive").to_table().to_pylist()
    for row in data:
        row["date"] = str(row["date"])
    key = ("id",) if table == "articles" else ("article_id", "id")
    return sorted(data, key=lambda r: tuple(r[k] for k in key))


def test_engines_local_writes_partitioned_tables_and_error_rows(tmp_path):
    from accord.engines.local import run_local

    src = make_input(tmp_path, 20)
    counts = run_local([str(src)], tmp_path / "out", workers=2, batch_size=8)
    assert counts["articles"] == 20 and counts["errors"] == 3
    assert any(p.name.startswith("date=2025-") for p in (tmp_path / "out" / "events").iterdir())
    errors = read_table_errors(tmp_path / "out")
    assert any("2025-02-31" in e for e in errors) and any("invalid JSON" in e for e in errors)
    # a re-run replaces the output: idempotent
    again = run_local([str(src)], tmp_path / "out", workers=1)
    assert again == counts
    assert read_table(tmp_path / "out", "events")


def read_table_errors(out: Path) -> list[str]:
    import pyarrow.parquet as pq

    return [r["error"] for r in pq.read_table(out / "errors").to_pylist()]


def test_engines_spark_equals_local_and_loads_model_once_per_worker(tmp_path):
    pytest.importorskip("pyspark")
    from accord.engines.local import run_local
    from accord.engines.spark import run_spark

    src = make_input(tmp_path, 200)
    local = run_local([str(src)], tmp_path / "local", workers=2)
    markers = tmp_path / "markers"
    markers.mkdir()
    os.environ["ACCORD_LOAD_MARKER_DIR"] = str(markers)
    try:
        spark = run_spark([str(src)], tmp_path / "spark", master="local[2]", partitions=4)
    finally:
        del os.environ["ACCORD_LOAD_MARKER_DIR"]
    assert spark == local
    for table in ("articles", "events", "quotes", "actors"):
        assert read_table(tmp_path / "spark", table) == read_table(tmp_path / "local", table), table
    loads = list(markers.iterdir())
    pids = {p.name.split("-")[1] for p in loads}
    assert len(loads) == len(pids), "the model loaded more than once in one worker"
    assert 1 <= len(pids) <= 4
    assert sorted(read_table_errors(tmp_path / "spark"))


def test_engines_spark_reads_plain_files_and_reports_bad_ones(tmp_path):
    pytest.importorskip("pyspark")
    from accord.engines.spark import run_spark

    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Russian forces shelled Kharkiv on Tuesday, killing two people.", encoding="utf-8")
    (src / "b.html").write_text(
        "<html><body><article><p>"
        + "Talks on a truce resumed in Doha on Monday. " * 4
        + "</p></article></body></html>",
        encoding="utf-8",
    )
    (src / "c.txt").write_bytes(b"\x00\x01\x02binary")
    counts = run_spark([str(src)], tmp_path / "out", master="local[2]", partitions=2)
    assert counts["articles"] == 2 and counts["errors"] == 1
    assert any("c.txt" in e for e in read_table_errors(tmp_path / "out"))
