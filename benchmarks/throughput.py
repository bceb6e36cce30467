"""Throughput of ``accord extract`` vs the bare spaCy parse (the stock model) of the same texts, in one run.

    python benchmarks/throughput.py [INPUT.jsonl] [--repeat N] [--article-words 800] [--workers 2]
                                    [--batch-size 16] [--profile]

Prints articles/s and words/s for both, the ratio, the per-stage share of the accord time and the
peak resident memory. Default input: the bundled sample corpus. ``--article-words 800`` builds
articles of about that many words by concatenating paragraphs of several inputs (the issue's target
is stated for ~800-word articles). ``--workers N`` (N ≥ 2) also times the parallel path
(:func:`accord.engines.local.extract_parallel`, pool started and warm before timing) and prints the
peak resident memory of each worker. ``--profile`` prints the functions that cost most inside the stages.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import resource
import sys
import time
from collections import defaultdict
from typing import Any

import spacy

from accord.clean import clean
from accord.ingest import RawArticle, read_path
from accord.ingest.raw import published_date
from accord.pipeline import Draft, Pipeline
from accord.records import Article
from accord.samples import sample_path


def long_articles(base: list[RawArticle], words: int, count: int) -> list[RawArticle]:
    """``count`` articles of about ``words`` words: paragraphs of consecutive inputs, concatenated.

    Article ``i`` starts at input ``i`` and takes whole paragraphs of the following inputs until it
    reaches ``words``; its date is that of its first input, so relative dates stay meaningful.
    """
    paras = [[p for p in r.text.split("\n") if p.strip()] for r in base]
    out = []
    for i in range(count):
        chunks: list[str] = []
        n, j = 0, i
        while n < words:
            for p in paras[j % len(base)]:
                chunks.append(p)
                n += len(p.split())
                if n >= words:
                    break
            j += 1
        first = base[i % len(base)]
        out.append(
            RawArticle(
                text="\n".join(chunks),
                origin=f"generated#{i}",
                id=f"long-{i}",
                title=first.title,
                source=first.source,
                published=first.published,
            )
        )
    return out


def run_parallel(
    raws: list[RawArticle], workers: int, batch_size: int
) -> tuple[float, float, dict[int, tuple[float, float]]]:
    """Wall time of the parallel path over ``raws`` with a warm pool, the calling process's CPU seconds
    meanwhile (feeding the pool, unpickling records) and per worker (peak RSS MiB, CPU s)."""
    from accord.engines.local import extract_parallel, make_pool, worker_stats

    pool = make_pool(workers)
    try:
        list(extract_parallel(raws[: workers * 2], workers=workers, batch_size=1, pool=pool))  # start + warm up
        before = worker_stats(pool, workers)
        t0, c0 = time.perf_counter(), _cpu_seconds()
        for _ in extract_parallel(raws, workers=workers, batch_size=batch_size, pool=pool):
            pass
        wall, main_cpu = time.perf_counter() - t0, _cpu_seconds() - c0
        after = worker_stats(pool, workers)
    finally:
        pool.shutdown(wait=True)
    return wall, main_cpu, {pid: (rss, cpu - before.get(pid, (0.0, 0.0))[1]) for pid, (rss, cpu) in after.items()}


def _cpu_seconds() -> float:
    """User + system CPU time of this process so far."""
    use = resource.getrusage(resource.RUSAGE_SELF)
    return use.ru_utime + use.ru_stime


def _stock_worker(model: str, texts: list[str], batch_size: int, ready: Any, go: Any, out: Any) -> None:
    nlp = spacy.load(model)
    list(nlp.pipe(texts[:2]))
    ready.put(os.getpid())
    go.wait()
    t0, c0 = time.perf_counter(), _cpu_seconds()
    for _ in nlp.pipe(texts, batch_size=batch_size):
        pass
    out.put((time.perf_counter() - t0, _cpu_seconds() - c0))


def run_stock_parallel(model: str, texts: list[str], workers: int, batch_size: int) -> tuple[float, list[float]]:
    """Wall time of the stock model's parse of ``texts`` split over ``workers`` processes started together
    (models loaded and warm first): the ceiling any pipeline built on this model can reach on this box;
    and each process's CPU seconds (user + system), to tell a slower parse from a process kept waiting."""
    import multiprocessing as mp

    ctx = mp.get_context("spawn")
    ready, out, go = ctx.Queue(), ctx.Queue(), ctx.Event()
    procs = [
        ctx.Process(target=_stock_worker, args=(model, texts[i::workers], batch_size, ready, go, out))
        for i in range(workers)
    ]
    for p in procs:
        p.start()
    for _ in procs:
        ready.get()
    t0 = time.perf_counter()
    go.set()
    cpus = [out.get()[1] for _ in procs]
    wall = time.perf_counter() - t0
    for p in procs:
        p.join()
    return wall, cpus


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("input", nargs="?", default=str(sample_path()))
    ap.add_argument("--repeat", type=int, default=5, help="process the input this many times")
    ap.add_argument("--article-words", type=int, default=0, help="build articles of about this many words")
    ap.add_argument("--articles", type=int, default=0, help="with --article-words: how many (default 5 × inputs)")
    ap.add_argument("--workers", type=int, default=1, help="also time the parallel path with N processes")
    ap.add_argument("--batch-size", type=int, default=None, help="spaCy nlp.pipe batch size (default: pipeline's)")
    ap.add_argument(
        "--parallel-batch",
        type=int,
        default=24,
        help="articles per worker task (parallel path); a task is parsed in nlp.pipe batches of up to --batch-size, "
        "and batches under 16 cost ~10 %% more CPU per article, so 24 = 16 + 8 (48 articles: one task per worker)",
    )
    ap.add_argument("--profile", action="store_true", help="print the costliest functions inside the stages")
    args = ap.parse_args()
    load0 = " ".join(f"{x:.2f}" for x in os.getloadavg())

    base = [r for r in read_path(args.input) if isinstance(r, RawArticle)]
    if not base:
        sys.exit("no readable articles in input")
    if args.article_words:
        raws = long_articles(base, args.article_words, args.articles or len(base) * args.repeat)
        label = f"{args.input} → {len(raws)} generated articles of ~{args.article_words} words"
    else:
        raws = base * args.repeat
        label = f"{args.input} x{args.repeat}"
    words = sum(len(r.text.split()) for r in raws)
    pipe = Pipeline()
    if args.batch_size:
        pipe.batch_size = args.batch_size
    nlp = pipe.nlp
    # The reference is the model exactly as shipped (accord swaps two of its components for faster
    # twins with identical output, see accord.fast_components), so the ratio is what a user pays on top
    # of running spaCy themselves.
    stock = spacy.load(f"{nlp.meta['lang']}_{nlp.meta['name']}")
    texts = [r.text for r in raws]
    list(stock.pipe(texts[:4]))  # warm up
    list(pipe.extract_pairs(raws[:2]))  # and load what the stages load once per process (tables, KB, gazetteer)

    t0, c0 = time.perf_counter(), _cpu_seconds()
    for _ in stock.pipe(texts, batch_size=pipe.batch_size):
        pass
    bare, bare_cpu = time.perf_counter() - t0, _cpu_seconds() - c0
    del stock

    profiler = cProfile.Profile() if args.profile else None
    stage_time: dict[str, float] = defaultdict(float)
    stage_cpu: dict[str, float] = defaultdict(float)  # CPU time of this thread: steadier on a shared machine
    t0, cpu0 = time.perf_counter(), _cpu_seconds()
    cleaned = []
    for r in raws:
        c0, k0 = time.perf_counter(), time.thread_time()
        cleaned.append(clean(r.text))
        stage_time["clean"] += time.perf_counter() - c0
        stage_cpu["clean"] += time.thread_time() - k0
    p0, k0 = time.perf_counter(), time.thread_time()
    docs = list(nlp.pipe([c.text for c in cleaned], batch_size=pipe.batch_size))
    stage_time["spacy parse"] += time.perf_counter() - p0
    stage_cpu["spacy parse"] += time.thread_time() - k0
    for r, c, doc in zip(raws, cleaned, docs, strict=True):
        draft = Draft(
            article=Article(id=r.article_id(), published=r.published),
            text=c.text,
            repairs=c.repairs,
            doc=doc,
            published=published_date(r.published),
        )
        if profiler:
            profiler.enable()
        for st in pipe.stages:
            s0, k0 = time.perf_counter(), time.thread_time()
            st(draft)
            stage_time[st.name] += time.perf_counter() - s0
            stage_cpu[st.name] += time.thread_time() - k0
        s0, k0 = time.perf_counter(), time.thread_time()
        draft.to_record()
        stage_time["to_record"] += time.perf_counter() - s0
        stage_cpu["to_record"] += time.thread_time() - k0
        if profiler:
            profiler.disable()
    full, full_cpu = time.perf_counter() - t0, _cpu_seconds() - cpu0

    n = len(raws)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"input: {label} = {n} articles, {words} words ({words / n:.0f} words/article)")
    print(f"spaCy nlp.pipe batch size: {pipe.batch_size}; components: {', '.join(nlp.pipe_names)}")
    print(f"load average at start: {load0}")
    print("                    wall clock                      | CPU time of this process")
    for name, wall, cpu in (("stock spaCy parse", bare, bare_cpu), ("accord extract", full, full_cpu)):
        print(
            f"{name:<17}: {n / wall:6.1f} articles/s {words / wall:8.0f} words/s | "
            f"{n / cpu:6.1f} articles/s {words / cpu:8.0f} words/s"
        )
    print(f"ratio accord/stock parse: {full / bare:.2f}x wall, {full_cpu / bare_cpu:.2f}x CPU")
    print("per-stage share of accord time (wall clock; CPU time of the stage's thread):")
    for name, secs in sorted(stage_time.items(), key=lambda kv: -kv[1]):
        print(
            f"  {name:<12} {100 * secs / full:5.1f}%  {1000 * secs / n:7.2f} ms/article wall "
            f"{1000 * stage_cpu[name] / n:7.2f} ms/article CPU"
        )
    print(f"peak RSS (this process): {peak_mb:.0f} MiB")
    if args.workers > 1:
        wall, main_cpu, stats = run_parallel(raws, args.workers, args.parallel_batch)
        busiest = max(cpu for _, cpu in stats.values())
        worker_cpu = sum(cpu for _, cpu in stats.values())
        print(
            f"accord parallel  : {n / wall:6.1f} articles/s {words / wall:8.0f} words/s wall "
            f"({args.workers} workers, {args.parallel_batch} articles/task, warm pool; "
            f"speed-up {full / wall:.2f}x over 1 process)"
        )
        print(
            f"  if each worker had a core: {n / busiest:6.1f} articles/s {words / busiest:8.0f} words/s "
            f"(busiest worker's CPU time {busiest:.1f} s)"
        )
        print(
            "  per worker: " + "; ".join(f"pid {p}: peak RSS {r:.0f} MiB, CPU {c:.1f} s" for p, (r, c) in stats.items())
        )
        print(
            f"  CPU ms/article: workers {1000 * worker_cpu / n:.0f} (1 process above: {1000 * full_cpu / n:.0f}), "
            f"calling process {1000 * main_cpu / n:.1f}"
        )
        model = f"{nlp.meta['lang']}_{nlp.meta['name']}"
        stock_wall, stock_cpus = run_stock_parallel(model, texts, args.workers, pipe.batch_size)
        print(
            f"stock parse par.: {n / stock_wall:6.1f} articles/s {words / stock_wall:8.0f} words/s wall "
            f"({args.workers} processes, nothing but the stock spaCy parse); "
            f"accord parallel / stock parallel: {wall / stock_wall:.2f}x"
        )
        print(
            f"  CPU ms/article: {1000 * sum(stock_cpus) / n:.0f} (1 process above: {1000 * bare_cpu / n:.0f}); "
            f"if each process had a core: {n / max(stock_cpus):6.1f} articles/s"
        )
        print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    if profiler:
        buf = io.StringIO()
        pstats.Stats(profiler, stream=buf).sort_stats("tottime").print_stats(25)
        print("costliest functions inside the stages (tottime):")
        print(buf.getvalue())


if __name__ == "__main__":
    main()
