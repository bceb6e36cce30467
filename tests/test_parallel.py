"""Parallel extraction: same pairs as the single-process pipeline, in input order, one model per worker."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

import pytest

from accord.errors import EmptyInput, MalformedInput
from accord.ingest import RawArticle, read_path
from accord.pipeline import ExtractionFailure
from accord.samples import sample_path

pytestmark = pytest.mark.slow


def sample_raws() -> list[RawArticle]:
    return [r for r in read_path(str(sample_path())) if isinstance(r, RawArticle)]


def numbered(n: int) -> list[RawArticle]:
    base = sample_raws()
    return [
        RawArticle(text=base[i % len(base)].text + f"\nReport number {i}.", origin=f"in#{i}", id=f"a{i}")
        for i in range(n)
    ]


@pytest.mark.parametrize(("workers", "batch_size"), [(2, 1), (2, 3), (3, 4), (1, 5)])
def test_parallel_preserves_input_order(workers, batch_size):
    from accord.engines.local import extract_parallel

    raws = numbered(11)
    pairs = list(extract_parallel(raws, workers=workers, batch_size=batch_size))
    assert [raw for raw, _ in pairs] == raws
    assert [rec.article.id for _, rec in pairs] == [r.id for r in raws]


def test_parallel_failures_stay_per_article():
    from accord.engines.local import extract_parallel

    good = numbered(5)
    bad_input = MalformedInput("invalid JSON", source="in.jsonl", line=7)
    empty = RawArticle(text="  \n ", origin="in#empty", id="empty")
    raws = [good[0], bad_input, good[1], empty, *good[2:]]
    pairs = list(extract_parallel(raws, workers=2, batch_size=2))
    kinds = [type(result).__name__ for _, result in pairs]
    assert kinds == ["ArticleRecord", "ExtractionFailure", "ArticleRecord", "ExtractionFailure"] + ["ArticleRecord"] * 3
    assert pairs[1][1].error is bad_input or "invalid JSON" in str(pairs[1][1].error)
    assert isinstance(pairs[3][1].error, EmptyInput) and pairs[3][1].origin == "in#empty"


@pytest.mark.parametrize("workers", [1, 2])
def test_parallel_equals_single_process_pipeline_on_samples(pipeline, workers):
    from accord.engines.local import extract_parallel

    raws = sample_raws()
    expected = [rec.to_json() for _, rec in pipeline.extract_pairs(raws)]
    got = [rec.to_json() for _, rec in extract_parallel(raws, workers=workers, batch_size=4)]
    assert got == expected


def test_parallel_loads_model_once_per_worker(tmp_path, monkeypatch):
    from accord.engines.local import extract_parallel

    monkeypatch.setenv("ACCORD_LOAD_MARKER_DIR", str(tmp_path))
    pairs = list(extract_parallel(numbered(12), workers=2, batch_size=2))
    assert len(pairs) == 12
    loads = [p.name for p in tmp_path.iterdir()]
    pids = {name.split("-")[1] for name in loads}
    assert len(loads) == len(pids), "a worker loaded the model more than once"
    assert 1 <= len(pids) <= 2 and str(os.getpid()) not in pids


def test_parallel_reads_input_lazily_with_bounded_batches_in_flight():
    from accord.engines.local import extract_parallel

    pulled = 0

    def source():
        nonlocal pulled
        for raw in numbered(40):
            pulled += 1
            yield raw

    it = extract_parallel(source(), workers=2, batch_size=2, max_pending=3)
    next(it)
    assert pulled <= 3 * 2, f"read {pulled} articles before the first result"
    assert len(list(it)) == 39


def _poison_worker() -> None:
    """Pool initializer (fork): a batch containing 'POISON' kills its worker process outright."""
    import accord.engines.local as local

    real = local._extract_batch

    def extract(raws, published):
        if any("POISON" in r.text for r in raws):
            os._exit(3)
        return real(raws, published)

    local._extract_batch = extract


@pytest.mark.parametrize("poison_at", [0, 5, 7])
def test_parallel_dead_worker_fails_its_batch_not_the_run(monkeypatch, poison_at):
    import accord.engines.local as local

    fork = multiprocessing.get_context("fork")
    pools: list[ProcessPoolExecutor] = []

    def poisoned_pool(workers: int, **_: object) -> ProcessPoolExecutor:
        pools.append(ProcessPoolExecutor(max_workers=workers, mp_context=fork, initializer=_poison_worker))
        return pools[-1]

    monkeypatch.setattr(local, "make_pool", poisoned_pool)
    raws = numbered(8)
    raws[poison_at] = RawArticle(text="POISON in this report.", origin="in#poison", id="poison")
    pairs = list(local.extract_parallel(raws, workers=2, batch_size=2))
    results = {raw.id: result for raw, result in pairs}
    failed = sorted(i for i, r in results.items() if isinstance(r, ExtractionFailure))
    partner = raws[poison_at ^ 1].id  # the other article of the poisoned batch of two
    assert [raw.id for raw, _ in pairs] == [r.id for r in raws]
    assert failed == sorted(["poison", partner])
    assert "worker process died" in str(results["poison"].error)
    assert len(pools) >= 2  # the broken pool was replaced
