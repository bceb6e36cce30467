"""Ingest runs: read → extract → store, one article at a time, with a per-input error report.

Articles already stored (same content hash) are skipped before any NLP runs, so an interrupted
ingest resumes cheaply and a repeated one changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from accord.errors import AccordError, InputError
from accord.ingest.raw import RawArticle
from accord.pipeline import ExtractionFailure, Pipeline
from accord.store import Store


@dataclass
class IngestReport:
    stored: int = 0
    replaced: int = 0
    unchanged: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def seen(self) -> int:
        return self.stored + self.replaced + self.unchanged + self.failed

    def summary(self) -> str:
        return f"{self.stored} stored, {self.replaced} replaced, {self.unchanged} unchanged, {self.failed} failed"


def ingest(
    inputs: Iterable[RawArticle | InputError],
    store: Store,
    pipeline: Pipeline | None = None,
    *,
    published: str | None = None,
    on_error: Callable[[AccordError], None] | None = None,
    on_article: Callable[[], None] | None = None,
    workers: int = 1,
    pool: Any = None,
) -> IngestReport:
    """Extract and store ``inputs``. With ``workers > 1`` extraction runs in a process pool (each
    worker loads the default pipeline once; ``pool`` reuses a started one, e.g. across watch cycles);
    storing stays in this process, one transaction per article."""
    report = IngestReport()

    def fresh() -> Iterator[RawArticle | InputError]:
        for raw in inputs:
            if isinstance(raw, RawArticle) and store.has_content(content_hash(raw, published)):
                report.unchanged += 1
                if on_article:
                    on_article()
                continue
            yield raw

    if workers > 1 and pipeline is None:
        from accord.engines.local import extract_parallel

        pairs = extract_parallel(fresh(), workers=workers, published=published, pool=pool)
    else:
        pairs = (pipeline or Pipeline()).extract_pairs(fresh(), published=published)
    for raw, result in pairs:
        error: AccordError | None = None
        if isinstance(result, ExtractionFailure):
            error = result.error
        else:
            assert isinstance(raw, RawArticle)
            try:
                outcome = store.save(result, content_hash=content_hash(raw, published), origin=raw.origin)
                setattr(report, outcome, getattr(report, outcome) + 1)
            except AccordError as err:
                error = err
        if error is not None:
            report.failed += 1
            report.errors.append(str(error))
            if on_error:
                on_error(error)
        if on_article:
            on_article()
    return report


def content_hash(raw: RawArticle, published: str | None = None) -> str:
    """The input's content hash; a ``--published`` override changes the record, so it counts."""
    if not published:
        return raw.content_hash
    import hashlib

    return hashlib.sha256((raw.content_hash + "|" + published).encode()).hexdigest()
