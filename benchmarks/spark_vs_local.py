"""Spark ``local[N]`` vs the local process-pool runner on the same generated input: time and equal output.

    python benchmarks/spark_vs_local.py [--articles 2000] [--workers 2] [--article-words 0] [--keep DIR]

Writes a JSONL of generated articles (bundled samples, each made unique by a numbered closing line, as
in tests/test_engines.py; ``--article-words 800`` builds ~800-word articles instead), runs
``run_local(workers=N)`` and ``run_spark(master=local[N])`` on it, prints wall time and articles/s of
each (Spark's includes JVM and session start) and checks that every output table is equal row for row.
Needs PySpark (``pip install 'accord[spark]'``) and Java 17.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from accord.ingest import RawArticle, read_path
from accord.samples import sample_path

sys.path.insert(0, str(Path(__file__).parent))
from throughput import long_articles


def write_input(path: Path, n: int, article_words: int) -> int:
    """Write ``n`` articles as JSONL; returns the number of words."""
    base = [r for r in read_path(str(sample_path())) if isinstance(r, RawArticle)]
    arts = long_articles(base, article_words, n) if article_words else None
    words = 0
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            if arts:
                a = arts[i]
                obj = {"id": a.id, "title": a.title, "source": a.source, "published": a.published, "text": a.text}
            else:
                b = base[i % len(base)]
                obj = {
                    "id": f"{b.id}-{i}",
                    "title": b.title,
                    "source": b.source,
                    "published": b.published,
                    "text": b.text + f"\nReport number {i}.",
                }
            words += len(obj["text"].split())
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
    return words


def read_table(out: Path, table: str) -> list[dict]:
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    if table == "errors":
        rows = pq.read_table(out / "errors").to_pylist()
        return sorted(rows, key=lambda r: (r["origin"] or "", r["error"] or ""))
    rows = ds.dataset(out / table, format="parquet", partitioning="hive").to_table().to_pylist()
    for row in rows:
        row["date"] = str(row["date"])
    key = ("id",) if table == "articles" else ("article_id", "id")
    return sorted(rows, key=lambda r: tuple(str(r[k]) for k in key))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--workers", type=int, default=2, help="local workers and Spark local[N] cores")
    ap.add_argument("--article-words", type=int, default=0, help="build ~N-word articles (default: samples)")
    ap.add_argument("--keep", type=Path, default=None, help="keep input and outputs in this folder")
    args = ap.parse_args()

    from accord.engines.local import run_local
    from accord.engines.spark import run_spark

    work = args.keep or Path(tempfile.mkdtemp(prefix="accord-spark-vs-local-"))
    work.mkdir(parents=True, exist_ok=True)
    src = work / "in.jsonl"
    words = write_input(src, args.articles, args.article_words)
    n = args.articles
    print(f"input: {n} articles, {words} words ({words / n:.0f} words/article) in {src}")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    t0 = time.perf_counter()
    local_counts = run_local([str(src)], work / "local", workers=args.workers)
    local_wall = time.perf_counter() - t0
    print(f"local  workers={args.workers}: {local_wall:7.1f} s  {n / local_wall:6.2f} articles/s  {local_counts}")

    t0 = time.perf_counter()
    spark_counts = run_spark([str(src)], work / "spark", master=f"local[{args.workers}]")
    spark_wall = time.perf_counter() - t0
    print(f"spark  local[{args.workers}]: {spark_wall:7.1f} s  {n / spark_wall:6.2f} articles/s  {spark_counts}")
    print(f"spark/local wall time: {spark_wall / local_wall:.2f}x")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")

    same = spark_counts == local_counts
    for table in ("articles", "events", "quotes", "actors", "errors"):
        a, b = read_table(work / "local", table), read_table(work / "spark", table)
        equal = a == b
        same = same and equal
        first = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
        diff = "" if equal else f" — first difference at row {first}"
        print(f"  {table:<9} local {len(a):6d} rows, spark {len(b):6d} rows: {'equal' if equal else 'DIFFERENT'}{diff}")
    print("output tables equal: " + ("yes" if same else "NO"))
    if not args.keep:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if same else 1)


if __name__ == "__main__":
    main()
