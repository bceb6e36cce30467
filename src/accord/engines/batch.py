"""The batch function every engine runs: input rows in, record rows and error rows out, and the flat
tables (articles, events, quotes, actors) derived from the records.

Engines differ only in how they split the input and where they write: the local runner uses a process
pool on one box, the Spark runner ``mapInPandas`` on a cluster. Both call :func:`process_rows` on each
batch, so their outputs are identical for the same input.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from typing import Any

from accord.errors import AccordError, MalformedInput
from accord.ingest.readers import article_from_mapping
from accord.records import ArticleRecord

#: Columns of the per-run output rows (one per input article).
RESULT_COLUMNS = ("article_id", "date", "origin", "error", "record")

#: Flat tables written by batch runs and their source in the record.
TABLES = ("articles", "events", "quotes", "actors")

_pipeline: Any = None
_loads = 0


def worker_pipeline() -> Any:
    """The pipeline of this process, built on first use and then reused for every batch.

    It lives in an importable module (not ``__main__``) so that Spark pickles a reference to it, not a
    copy, and each Python worker loads the model once.
    """
    global _pipeline, _loads
    if _pipeline is None:
        from accord.pipeline import Pipeline

        _pipeline = Pipeline()
        _loads += 1
        marker = os.environ.get("ACCORD_LOAD_MARKER_DIR")
        if marker:  # lets tests count model loads per worker process
            with open(os.path.join(marker, f"load-{os.getpid()}-{_loads}"), "w") as fh:
                fh.write(str(os.getpid()))
    return _pipeline


def _date_of(published: str | None) -> str:
    return published[:10] if published else "unknown"


def row_to_raw(row: dict[str, Any]) -> Any:
    """An input row as a RawArticle, or the InputError that names why it cannot be one."""
    origin = str(row.get("origin") or row.get("id") or "<row>")
    try:
        if row.get("_error"):
            raise MalformedInput(row["_error"], source=origin)
        clean_row = {k: v for k, v in row.items() if k != "origin" and not k.startswith("_") and v is not None}
        return article_from_mapping(clean_row, origin)
    except AccordError as err:
        return err
    except Exception as exc:  # an engine must not die on one bad row
        return MalformedInput(f"{type(exc).__name__}: {exc}", source=origin)


def result_row(raw: Any, result: Any) -> dict[str, Any]:
    """The output row of one input: ``record`` (JSON text) or ``error`` (one line naming the input)."""
    from accord.pipeline import ExtractionFailure

    origin = getattr(raw, "origin", None) or getattr(raw, "source", None) or "<row>"
    if isinstance(result, ExtractionFailure):
        return {
            "article_id": getattr(raw, "id", None),
            "date": "unknown",
            "origin": origin,
            "error": str(result.error),
            "record": None,
        }
    return {
        "article_id": result.article.id,
        "date": _date_of(result.article.published),
        "origin": origin,
        "error": None,
        "record": result.to_json(),
    }


def process_rows(rows: Iterable[dict[str, Any]], *, published: str | None = None) -> Iterator[dict[str, Any]]:
    """Extract each input row (a JSON object like a JSONL input line, plus ``origin``).

    Yields one result row per input: ``record`` (JSON text) or ``error`` (one line naming the input).
    A poisoned article becomes an error row; it never raises.
    """
    raws = [row_to_raw(row) for row in rows]
    pipe = worker_pipeline()
    for raw, result in pipe.extract_pairs(raws, published=published):
        yield result_row(raw, result)


def parse_jsonl_line(line: str, origin: str) -> dict[str, Any]:
    """A JSONL line as an input row; a bad line becomes a row that turns into an error row."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return {"origin": origin, "_error": f"invalid JSON ({exc.msg} at column {exc.colno})"}
    if not isinstance(obj, dict):
        return {"origin": origin, "_error": "expected a JSON object with a 'text' field"}
    obj = {k: (str(v) if k == "id" and v is not None else v) for k, v in obj.items()}
    return {**obj, "origin": origin}


# -- flat tables ----------------------------------------------------------------------------------


def table_rows(record: ArticleRecord, table: str) -> list[dict[str, Any]]:
    """Rows of one flat table for a record; list/dict fields become JSON text for Parquet/CSV."""
    from accord.store import rows_for

    date = _date_of(record.article.published)
    if table == "articles":
        a = record.article
        rows = [
            {
                "id": a.id,
                "url": a.url,
                "title": a.title,
                "source": a.source,
                "published": a.published,
                "language": a.language,
                "text": record.text,
                "n_events": len(record.events),
                "n_quotes": len(record.quotes),
                "n_actors": len(record.actors),
            }
        ]
    else:
        rows = list(rows_for(record, table))
    out = []
    for r in rows:
        flat = {k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v) for k, v in r.items()}
        flat["date"] = date
        out.append(flat)
    return out


def table_columns(table: str) -> list[tuple[str, str]]:
    """(column, kind) of a flat table, kind in string/int/float: derived from the store's schema."""
    from sqlalchemy import JSON, Float, Integer

    from accord.store import schema as s

    if table == "articles":
        cols = [
            ("id", "string"),
            ("url", "string"),
            ("title", "string"),
            ("source", "string"),
            ("published", "string"),
            ("language", "string"),
            ("text", "string"),
            ("n_events", "int"),
            ("n_quotes", "int"),
            ("n_actors", "int"),
        ]
    else:
        cols = []
        for c in s.metadata.tables[table].columns:
            kind = "int" if isinstance(c.type, Integer) else "float" if isinstance(c.type, Float) else "string"
            if isinstance(c.type, JSON):
                kind = "string"
            cols.append((c.name, kind))
    return [*cols, ("date", "string")]
