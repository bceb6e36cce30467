"""Throughput of ``accord extract`` vs the bare spaCy parse of the same texts, in one run.

    python benchmarks/throughput.py [INPUT.jsonl] [--repeat N]

Prints articles/s and words/s for both, the ratio, the per-stage share of the accord time and the
peak resident memory. Default input: the bundled sample corpus.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from collections import defaultdict

from accord.clean import clean
from accord.ingest import RawArticle, read_path
from accord.ingest.raw import published_date
from accord.pipeline import Draft, Pipeline
from accord.records import Article
from accord.samples import sample_path


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("input", nargs="?", default=str(sample_path()))
    ap.add_argument("--repeat", type=int, default=5, help="process the input this many times")
    args = ap.parse_args()

    raws = [r for r in read_path(args.input) if isinstance(r, RawArticle)] * args.repeat
    if not raws:
        sys.exit("no readable articles in input")
    words = sum(len(r.text.split()) for r in raws)
    pipe = Pipeline()
    nlp = pipe.nlp
    texts = [r.text for r in raws]
    list(nlp.pipe(texts[:4]))  # warm up

    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=pipe.batch_size):
        pass
    bare = time.perf_counter() - t0

    stage_time: dict[str, float] = defaultdict(float)
    t0 = time.perf_counter()
    cleaned = []
    for r in raws:
        c0 = time.perf_counter()
        cleaned.append(clean(r.text))
        stage_time["clean"] += time.perf_counter() - c0
    p0 = time.perf_counter()
    docs = list(nlp.pipe([c.text for c in cleaned], batch_size=pipe.batch_size))
    stage_time["spacy parse"] += time.perf_counter() - p0
    for r, c, doc in zip(raws, cleaned, docs, strict=True):
        draft = Draft(article=Article(id=r.article_id(), published=r.published), text=c.text, repairs=c.repairs,
                      doc=doc, published=published_date(r.published))
        for st in pipe.stages:
            s0 = time.perf_counter()
            st(draft)
            stage_time[st.name] += time.perf_counter() - s0
        draft.to_record()
    full = time.perf_counter() - t0

    n = len(raws)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"input: {args.input} x{args.repeat} = {n} articles, {words} words ({words / n:.0f} words/article)")
    print(f"bare spaCy parse : {n / bare:8.1f} articles/s {words / bare:10.0f} words/s")
    print(f"accord extract   : {n / full:8.1f} articles/s {words / full:10.0f} words/s")
    print(f"ratio accord/bare: {full / bare:.2f}x")
    print("per-stage share of accord time:")
    for name, secs in sorted(stage_time.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<12} {100 * secs / full:5.1f}%  {1000 * secs / n:7.2f} ms/article")
    print(f"peak RSS: {peak_mb:.0f} MiB")


if __name__ == "__main__":
    main()
