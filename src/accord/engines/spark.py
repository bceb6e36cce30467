"""The Apache Spark batch engine (``pip install accord[spark]``; PySpark ≥ 4, Java 17).

    accord batch --engine spark --master local[2] INPUT... OUTPUT
    spark-submit --master spark://host:7077 -m accord.cli batch --engine spark --master yarn INPUT OUTPUT

JSONL inputs are read line by line; every other file (WARC, HTML, text, feeds) as a binary file and
parsed by accord's readers on the executors. Partitions go through :func:`accord.engines.batch.process_rows`
with ``mapInPandas`` — the same function the local engine runs — and the model is loaded once per
Python worker (the cache lives in :mod:`accord.engines.batch`, an importable module). A poisoned
article becomes a row of the ``errors`` table, not a failed job. Output: date-partitioned Parquet.

Measured pitfalls this module avoids: ``PYSPARK_PYTHON`` must be the running interpreter; spaCy's
``n_process`` is never used inside workers; pandas < 3 with PySpark 4.3.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from accord.engines.batch import RESULT_COLUMNS, TABLES, parse_jsonl_line, process_rows, table_columns, table_rows
from accord.errors import ConfigError


def _session(master: str) -> Any:
    try:
        from pyspark.sql import SparkSession
    except ImportError:  # pragma: no cover - depends on the extra
        raise ConfigError("the spark engine needs PySpark: pip install 'accord[spark]'") from None
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = (
        SparkSession.builder.master(master)
        .appName("accord")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.python.worker.reuse", "true")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
    )
    if master.startswith("local"):
        builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
    return builder.getOrCreate()


def _files(paths: Iterable[str]) -> tuple[list[str], list[str]]:
    """Split inputs into JSONL files and other files (directories expanded, hidden files skipped)."""
    jsonl, other = [], []
    for p in paths:
        path = Path(p)
        items = sorted(x for x in path.rglob("*") if x.is_file()) if path.is_dir() else [path]
        for f in items:
            if any(part.startswith(".") for part in f.parts[len(path.parts) - (0 if path.is_dir() else 1) :]):
                continue
            (jsonl if f.suffix.lower() in (".jsonl", ".ndjson") else other).append(str(f.resolve()))
    return jsonl, other


def _spark_type(kind: str) -> Any:
    from pyspark.sql.types import DoubleType, LongType, StringType

    return {"int": LongType(), "float": DoubleType()}.get(kind, StringType())


def _schema(columns: Iterable[tuple[str, str]]) -> Any:
    from pyspark.sql.types import StructField, StructType

    return StructType([StructField(c, _spark_type(k), True) for c, k in columns])


# The partition functions are module-level so Spark pickles a reference to them (and to the model cache).


def extract_jsonl_partition(frames: Iterator[Any]) -> Iterator[Any]:
    import pandas as pd

    for frame in frames:
        rows = [
            parse_jsonl_line(v, f"{f}#{i}")
            for v, f, i in zip(frame["value"], frame["file"], frame["n"], strict=True)
            if v.strip()
        ]
        yield pd.DataFrame(list(process_rows(rows)), columns=list(RESULT_COLUMNS))


def extract_files_partition(frames: Iterator[Any]) -> Iterator[Any]:
    import pandas as pd

    from accord.engines.local import as_row, input_rows
    from accord.ingest.readers import kind_of, read_bytes

    for frame in frames:
        rows: list[dict[str, Any]] = []
        for path, content in zip(frame["path"], frame["content"], strict=True):
            local = path[len("file:") :] if path.startswith("file:") else path
            kind = kind_of(Path(local))
            if kind == "warc":
                rows.extend(input_rows([local]))
                continue
            for r in read_bytes(bytes(content), local, kind=kind, stem=Path(local).stem):
                rows.append(as_row(r))
        yield pd.DataFrame(list(process_rows(rows)), columns=list(RESULT_COLUMNS))


def flatten_partition(table: str):  # type: ignore[no-untyped-def]
    columns = [c for c, _ in table_columns(table)]

    def fn(frames: Iterator[Any]) -> Iterator[Any]:
        import pandas as pd

        from accord.records import ArticleRecord

        for frame in frames:
            rows = [
                row
                for rec in frame["record"]
                if rec
                for row in table_rows(ArticleRecord.model_validate_json(rec), table)
            ]
            yield pd.DataFrame(rows, columns=columns)

    return fn


def _count_parquet(spark: Any, path: str) -> int:
    """Rows written under ``path``; a table with no rows leaves no Parquet file to read."""
    from pyspark.errors import AnalysisException

    try:
        return spark.read.parquet(path).count()
    except AnalysisException:
        return 0


def run_spark(
    paths: Iterable[str], out: str | os.PathLike[str], *, master: str = "local[2]", partitions: int | None = None
) -> dict[str, int]:
    """Run the batch over ``paths`` on Spark and write the tables under ``out`` (replaced whole)."""
    from pyspark.sql import functions as F

    spark = _session(master)
    jsonl, other = _files(paths)
    result_schema = _schema([(c, "string") for c in RESULT_COLUMNS])
    frames = []
    n_parts = partitions or max(2, spark.sparkContext.defaultParallelism)
    if jsonl:
        lines = (
            spark.read.text(jsonl)
            .withColumn("file", F.input_file_name())
            .withColumn("n", F.monotonically_increasing_id())
        )
        frames.append(lines.repartition(n_parts).mapInPandas(extract_jsonl_partition, schema=result_schema))
    if other:
        files = spark.read.format("binaryFile").load(other)
        frames.append(files.repartition(n_parts).mapInPandas(extract_files_partition, schema=result_schema))
    if not frames:
        raise ConfigError("no input files found")
    results = frames[0]
    for f in frames[1:]:
        results = results.unionByName(f)
    target = str(out)
    local_out = "://" not in target
    tmp = target + ".tmp" if local_out else target
    if local_out:
        shutil.rmtree(tmp, ignore_errors=True)
    # Extraction runs exactly once: its rows are written, then every table is derived from that file.
    results.write.mode("overwrite").parquet(f"{tmp}/_results")
    results = spark.read.parquet(f"{tmp}/_results")
    counts: dict[str, int] = {}
    records = results.where(F.col("record").isNotNull()).select("record")
    for table in TABLES:
        df = records.mapInPandas(flatten_partition(table), schema=_schema(table_columns(table)))
        df.write.mode("overwrite").partitionBy("date").parquet(f"{tmp}/{table}")
        counts[table] = _count_parquet(spark, f"{tmp}/{table}")
    errors = results.where(F.col("error").isNotNull()).select("origin", "article_id", "error")
    errors.coalesce(1).write.mode("overwrite").parquet(f"{tmp}/errors")
    counts["errors"] = errors.count()
    if local_out:
        shutil.rmtree(f"{tmp}/_results", ignore_errors=True)
        old = target + ".old"
        shutil.rmtree(old, ignore_errors=True)
        if os.path.exists(target):
            os.rename(target, old)
        os.rename(tmp, target)
        shutil.rmtree(old, ignore_errors=True)
    return counts
