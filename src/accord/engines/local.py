"""The local batch engine: a process pool over batches, the model loaded once per worker process.

:func:`extract_parallel` is the parallel form of :meth:`accord.pipeline.Pipeline.extract_pairs`: same
pairs, same order, a bounded number of batches in flight (memory does not grow with the input).
:func:`run_local` runs it over input files and streams the flat tables to Parquet in chunks.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

from accord.engines.batch import TABLES, result_row, row_to_raw, table_columns, table_rows, worker_pipeline
from accord.errors import InputError
from accord.ingest import RawArticle, read_inputs
from accord.records import ArticleRecord

#: Environment variables a worker takes from the caller at pool start (the forkserver's own
#: environment is that of the first pool, so later changes must be passed explicitly).
_FORWARDED_ENV_PREFIX = "ACCORD_"

Pair = tuple[RawArticle | InputError, Any]


def input_rows(paths: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Every readable input as a row; unreadable ones as rows that become error rows."""
    for r in read_inputs(paths):
        yield as_row(r)


def as_row(r: RawArticle | InputError) -> dict[str, Any]:
    """A reader's result as an input row of the batch function (an error as an ``_error`` row)."""
    if isinstance(r, InputError):
        return {"origin": r.source or "<input>", "_error": r.message}
    return {
        "id": r.article_id(),
        "url": r.url,
        "title": r.title,
        "source": r.source,
        "published": r.published,
        "language": r.language,
        "text": r.text,
        "origin": r.origin,
    }


# -- parallel extraction ----------------------------------------------------------------------------


def _init_worker(env: dict[str, str]) -> None:
    """Pool initializer: take the caller's ACCORD_* settings, then load the model and tables once, up front."""
    for key in [k for k in os.environ if k.startswith(_FORWARDED_ENV_PREFIX) and k not in env]:
        del os.environ[key]
    os.environ.update(env)
    pipe = worker_pipeline()
    # stages load their tables lazily: pay that here, at pool start, not in the first batch;
    # a failing warm-up must never keep a worker from starting
    with contextlib.suppress(Exception):
        pipe.extract(_WARM_UP, published="2025-05-16", id="warm-up")


_WARM_UP = (
    "ISTANBUL, May 16 - Ukraine and Russia agreed on Friday to exchange 1,000 prisoners each, "
    '"This is a first step," Turkey\'s foreign minister Hakan Fidan told reporters after the talks.'
)


def _extract_batch(raws: list[RawArticle], published: str | None) -> list[Any]:
    """Runs in a worker: the results (records or failures) of one batch, in order."""
    return [result for _, result in worker_pipeline().extract_pairs(raws, published=published)]


def _worker_stats(pause: float) -> tuple[int, float, float]:
    """Runs in a worker: (pid, peak resident memory in MiB, CPU seconds used so far)."""
    import resource
    import time

    time.sleep(pause)  # holds this worker so that the other probes reach the other workers
    use = resource.getrusage(resource.RUSAGE_SELF)
    return os.getpid(), use.ru_maxrss / 1024, use.ru_utime + use.ru_stime


def _failure(raw: RawArticle | InputError, message: str) -> Any:
    from accord.pipeline import ExtractionError, ExtractionFailure

    if isinstance(raw, InputError):
        return ExtractionFailure(raw.source or "<input>", raw)
    return ExtractionFailure(raw.origin, ExtractionError(message, source=raw.origin))


def _batches(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def make_pool(workers: int, *, start_method: str | None = None) -> ProcessPoolExecutor:
    """A pool whose workers load the model once at start.

    ``forkserver`` by default on Linux: workers fork from a clean server that has already imported
    spaCy and accord (fast start, no inherited threads or locks from the caller, e.g. a progress bar).
    """
    method = start_method or ("forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn")
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["accord.pipeline", "accord.engines.batch"])
    env = {k: v for k, v in os.environ.items() if k.startswith(_FORWARDED_ENV_PREFIX)}
    return ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_init_worker, initargs=(env,))


def extract_parallel(
    raws: Iterable[RawArticle | InputError],
    *,
    workers: int = 2,
    batch_size: int = 32,
    published: str | None = None,
    max_pending: int | None = None,
    pool: ProcessPoolExecutor | None = None,
) -> Iterator[Pair]:
    """:meth:`Pipeline.extract_pairs` over ``workers`` processes: (input, record or failure) in input order.

    At most ``max_pending`` batches (default ``2 * workers``) are in flight, so the input is read
    lazily and memory stays flat. ``workers <= 1`` runs in this process. A worker that dies (e.g. out
    of memory on one article) fails its own batch's articles, not the run: the pool is rebuilt and the
    batches that were in flight are re-run one at a time, so only the batch that kills a worker alone
    is reported failed. ``pool`` lets a caller reuse a started pool (its workers stay warm).
    """
    if workers <= 1 and pool is None:
        yield from worker_pipeline().extract_pairs(raws, published=published)
        return
    limit = max_pending or 2 * max(workers, 1)
    current = pool or make_pool(workers)
    # each slot: (batch items, future of the articles' results, or None when the batch holds no article)
    inflight: deque[tuple[list[Any], Future[list[Any]] | None]] = deque()

    def articles_of(items: list[Any]) -> list[RawArticle]:
        return [r for r in items if not isinstance(r, InputError)]

    def submit(items: list[Any]) -> tuple[list[Any], Future[list[Any]] | None]:
        articles = articles_of(items)
        return items, (current.submit(_extract_batch, articles, published) if articles else None)

    def rebuild() -> None:
        nonlocal current
        if current is not pool:
            current.shutdown(wait=False, cancel_futures=True)
        current = make_pool(workers)

    def isolate(batches: list[list[Any]]) -> None:
        """After a crash: re-run the lost batches one by one; one that kills a worker alone fails."""
        for items in batches:
            _, fut = submit(items)
            done: Future[list[Any]] = Future()
            try:
                done.set_result(fut.result() if fut is not None else [])
            except BrokenProcessPool as exc:
                done.set_result([_failure(r, f"worker process died: {exc}") for r in articles_of(items)])
                rebuild()
            except Exception as exc:
                done.set_result(
                    [_failure(r, f"worker failed: {type(exc).__name__}: {exc}") for r in articles_of(items)]
                )
            inflight.append((items, done))

    def drain_one() -> Iterator[Pair]:
        items, fut = inflight[0]
        try:
            results = iter(fut.result() if fut is not None else ())
        except BrokenProcessPool:
            # the pool is dead and every in-flight future with it: find the culprit batch by batch
            lost = [it for it, _ in inflight]
            inflight.clear()
            rebuild()
            isolate(lost)
            items, fut = inflight[0]
            results = iter(fut.result() if fut is not None else ())
        except Exception as exc:  # e.g. a result that cannot be pickled: fail the batch, keep going
            msg = f"worker failed: {type(exc).__name__}: {exc}"
            results = iter([_failure(r, msg) for r in articles_of(items)])
        inflight.popleft()
        for raw in items:
            yield raw, (_failure(raw, "") if isinstance(raw, InputError) else next(results))

    try:
        for items in _batches(raws, max(batch_size, 1)):
            inflight.append(submit(items))
            while len(inflight) >= limit:
                yield from drain_one()
        while inflight:
            yield from drain_one()
    finally:
        for _, fut in inflight:
            if fut is not None:
                fut.cancel()
        if current is not pool:  # ours, or the replacement of a caller's pool that broke
            current.shutdown(wait=True, cancel_futures=True)


def worker_stats(pool: ProcessPoolExecutor, workers: int) -> dict[int, tuple[float, float]]:
    """Per worker pid: (peak resident memory in MiB, CPU seconds so far). Best effort probe, for benchmarks."""
    futs = [pool.submit(_worker_stats, 0.3) for _ in range(workers * 2)]
    return {pid: (rss, cpu) for pid, rss, cpu in (f.result() for f in futs)}


# -- batch runs to Parquet --------------------------------------------------------------------------


def run_local(
    paths: Iterable[str],
    out: str | os.PathLike[str],
    *,
    workers: int = 2,
    batch_size: int = 32,
    published: str | None = None,
    chunk_rows: int = 2000,
) -> dict[str, int]:
    """Process inputs with ``workers`` processes and write the tables under ``out`` (replaced whole).

    Results are written every ``chunk_rows`` articles, so memory does not grow with the input.
    """
    raws = (row_to_raw(row) for row in input_rows(paths))
    pairs = extract_parallel(raws, workers=workers, batch_size=batch_size, published=published)
    return write_tables((result_row(raw, result) for raw, result in pairs), out, chunk_rows=chunk_rows)


class _TableWriter:
    """Appends chunks of result rows to date-partitioned Parquet tables under a folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.chunk = 0
        self.counts: dict[str, int] = {t: 0 for t in TABLES}
        self.counts["errors"] = 0
        self.wrote: set[str] = set()

    def write(self, results: list[dict[str, Any]]) -> None:
        import pyarrow as pa
        import pyarrow.dataset as ds
        import pyarrow.parquet as pq

        records = [ArticleRecord.model_validate_json(r["record"]) for r in results if r["record"]]
        for table in TABLES:
            rows = [row for rec in records for row in table_rows(rec, table)]
            if not rows and table in self.wrote:
                continue
            self.counts[table] += len(rows)
            self.wrote.add(table)
            schema = pa.schema([(c, _pa_type(k)) for c, k in table_columns(table)])
            ds.write_dataset(
                pa.Table.from_pylist(rows, schema=schema),
                self.root / table,
                format="parquet",
                partitioning=["date"],
                partitioning_flavor="hive",
                basename_template=f"part-{self.chunk}-{{i}}.parquet",
                existing_data_behavior="overwrite_or_ignore",
            )
        errors = [
            {"origin": r["origin"], "article_id": r["article_id"], "error": r["error"]} for r in results if r["error"]
        ]
        if errors or self.chunk == 0:
            self.counts["errors"] += len(errors)
            err_schema = pa.schema([("origin", pa.string()), ("article_id", pa.string()), ("error", pa.string())])
            (self.root / "errors").mkdir(exist_ok=True)
            pq.write_table(
                pa.Table.from_pylist(errors, schema=err_schema), self.root / "errors" / f"part-{self.chunk}.parquet"
            )
        self.chunk += 1


def write_tables(
    results: Iterable[dict[str, Any]], out: str | os.PathLike[str], *, chunk_rows: int = 2000
) -> dict[str, int]:
    """Write result rows as date-partitioned Parquet tables plus ``errors``; atomic swap of ``out``."""
    out = Path(out)
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    writer = _TableWriter(tmp)
    try:
        chunk: list[dict[str, Any]] = []
        for row in results:
            chunk.append(row)
            if len(chunk) >= chunk_rows:
                writer.write(chunk)
                chunk = []
        if chunk or writer.chunk == 0:
            writer.write(chunk)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if out.exists():
        old = out.with_name(out.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        out.rename(old)
        tmp.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        tmp.rename(out)
    return writer.counts


def _pa_type(kind: str):  # type: ignore[no-untyped-def]
    import pyarrow as pa

    return {"int": pa.int64(), "float": pa.float64()}.get(kind, pa.string())
