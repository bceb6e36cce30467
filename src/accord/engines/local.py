"""The local batch engine: a process pool over batches, the model loaded once per worker process."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from accord.engines.batch import TABLES, process_rows, table_columns, table_rows
from accord.errors import InputError
from accord.ingest import RawArticle, read_inputs
from accord.records import ArticleRecord


def input_rows(paths: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Every readable input as a row; unreadable ones as rows that become error rows."""
    for r in read_inputs(paths):
        if isinstance(r, InputError):
            yield {"origin": r.source or "<input>", "_error": r.message}
        else:
            assert isinstance(r, RawArticle)
            yield {
                "id": r.article_id(),
                "url": r.url,
                "title": r.title,
                "source": r.source,
                "published": r.published,
                "language": r.language,
                "text": r.text,
                "origin": r.origin,
            }


def _work(batch: list[dict[str, Any]], published: str | None) -> list[dict[str, Any]]:
    return list(process_rows(batch, published=published))


def _batches(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_local(
    paths: Iterable[str],
    out: str | os.PathLike[str],
    *,
    workers: int = 2,
    batch_size: int = 32,
    published: str | None = None,
) -> dict[str, int]:
    """Process inputs with ``workers`` processes and write the tables under ``out`` (replaced whole)."""
    results: list[dict[str, Any]] = []
    if workers <= 1:
        for batch in _batches(input_rows(paths), batch_size):
            results.extend(_work(batch, published))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(_work, b, published) for b in _batches(input_rows(paths), batch_size)]
            for f in futures:
                results.extend(f.result())
    return write_tables(results, out)


def write_tables(results: list[dict[str, Any]], out: str | os.PathLike[str]) -> dict[str, int]:
    """Write result rows as date-partitioned Parquet tables plus ``errors``; atomic swap of ``out``."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    out = Path(out)
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    records = [ArticleRecord.model_validate_json(r["record"]) for r in results if r["record"]]
    counts: dict[str, int] = {}
    for table in TABLES:
        rows = [row for rec in records for row in table_rows(rec, table)]
        counts[table] = len(rows)
        schema = pa.schema([(c, _pa_type(k)) for c, k in table_columns(table)])
        data = pa.Table.from_pylist(rows, schema=schema)
        ds.write_dataset(
            data,
            tmp / table,
            format="parquet",
            partitioning=["date"],
            partitioning_flavor="hive",
            existing_data_behavior="overwrite_or_ignore",
        )
    errors = [
        {"origin": r["origin"], "article_id": r["article_id"], "error": r["error"]} for r in results if r["error"]
    ]
    counts["errors"] = len(errors)
    err_schema = pa.schema([("origin", pa.string()), ("article_id", pa.string()), ("error", pa.string())])
    (tmp / "errors").mkdir()
    import pyarrow.parquet as pq

    pq.write_table(pa.Table.from_pylist(errors, schema=err_schema), tmp / "errors" / "part-0.parquet")
    if out.exists():
        old = out.with_name(out.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        out.rename(old)
        tmp.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        tmp.rename(out)
    return counts


def _pa_type(kind: str):  # type: ignore[no-untyped-def]
    import pyarrow as pa

    return {"int": pa.int64(), "float": pa.float64()}.get(kind, pa.string())
