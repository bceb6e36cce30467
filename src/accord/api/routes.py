"""The JSON API. Every filter is validated here (a malformed value → 422 naming the parameter) before
it reaches :mod:`accord.api.queries` as a bound parameter."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sqlalchemy import literal, select

from accord import __version__
from accord.analysis.dyads import progress, series_to_dicts, weekly_series
from accord.api import specs
from accord.api.queries import (
    CLUSTER_CSV_COLUMNS,
    CSV_COLUMNS,
    EVENT_STATUSES,
    EventFilter,
    Queries,
    choices,
    cluster_csv_row,
    country_code,
    dyad_codes,
    event_csv_row,
)
from accord.errors import AccordError, InputError
from accord.records import PLOVER_TYPES, SCHEMA_VERSION, json_schema
from accord.store import Store, relink

AGREEMENT_STATUSES = (
    "proposed", "negotiating", "rejected", "signed", "in-force", "expired", "violated", "collapsed",
    "ratification-pending",
)  # fmt: skip
AGREEMENT_KINDS = ("ceasefire", "memorandum", "peace", "economic", "prisoner-exchange", "other")
_TEXT = {"max_length": 200}


def _bad(param: str, message: str) -> HTTPException:
    return HTTPException(422, f"parameter '{param}': {message}")


def _require_read(request: Request) -> None:
    request.app.state.auth.check_read(request)
    for key, value in request.query_params.multi_items():
        if "\x00" in value:  # SQLite would cut a LIKE pattern at a NUL, widening the match
            raise _bad(key, "contains a NUL character")


router = APIRouter(prefix="/api", dependencies=[Depends(_require_read)])
open_router = APIRouter(prefix="/api")


def _store(request: Request) -> Store:
    return request.app.state.store


def _queries(request: Request) -> Queries:
    q = getattr(request.app.state, "queries", None)
    if q is None:
        q = request.app.state.queries = Queries(request.app.state.store)
    return q


# -- parameter parsing ---------------------------------------------------------------------
def parse_day(param: str, value: str | None) -> date | None:
    if value is None or value == "":
        return None
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise _bad(param, f"{value!r} is not an ISO date (YYYY-MM-DD)") from None


def parse_country(param: str, value: str | None) -> str | None:
    if not value:
        return None
    try:
        return country_code(value)
    except ValueError as exc:
        raise _bad(param, str(exc)) from None


def parse_choices(param: str, value: str | None, allowed: tuple[str, ...], *, upper: bool = False) -> list[str] | None:
    if not value:
        return None
    try:
        return choices(value, allowed, upper=upper)
    except ValueError as exc:
        raise _bad(param, str(exc)) from None


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if not value:
        return None
    parts = value.split(",")
    try:
        if len(parts) != 4:
            raise ValueError
        minlon, minlat, maxlon, maxlat = (float(p) for p in parts)
    except ValueError:
        raise _bad("bbox", f"{value!r} is not minlon,minlat,maxlon,maxlat (four numbers)") from None
    if not all(-180 <= x <= 180 for x in (minlon, maxlon)) or not all(-90 <= y <= 90 for y in (minlat, maxlat)):
        raise _bad("bbox", "longitudes must be within -180..180 and latitudes within -90..90")
    if minlat > maxlat:
        raise _bad("bbox", "minlat is greater than maxlat")
    return minlon, minlat, maxlon, maxlat


def parse_dyad(param: str, value: str) -> tuple[str, str]:
    try:
        return dyad_codes(value)
    except ValueError as exc:
        raise _bad(param, str(exc)) from None


def event_filter(
    since: str | None = Query(None, description="ISO date (YYYY-MM-DD), inclusive", max_length=10),
    until: str | None = Query(None, description="ISO date (YYYY-MM-DD), inclusive", max_length=10),
    type: str | None = Query(None, description="PLOVER type(s), comma-separated", max_length=300),
    actor: str | None = Query(None, description="actor id, or a substring of an actor's or recipient's name", **_TEXT),
    country: str | None = Query(None, description="alpha-3 code of an actor, recipient or the place", max_length=3),
    dyad: str | None = Query(None, description="two alpha-3 codes, e.g. RUS-UKR (either direction)", max_length=7),
    place: str | None = Query(None, description="place id or a substring of its name", **_TEXT),
    bbox: str | None = Query(None, description="minlon,minlat,maxlon,maxlat", max_length=100),
    status: str | None = Query(None, description="event status(es), comma-separated", max_length=100),
) -> EventFilter:
    f = EventFilter(
        since=parse_day("since", since),
        until=parse_day("until", until),
        types=parse_choices("type", type, PLOVER_TYPES, upper=True),
        actor=actor or None,
        country=parse_country("country", country),
        dyad=parse_dyad("dyad", dyad) if dyad else None,
        place=place or None,
        bbox=parse_bbox(bbox),
        status=parse_choices("status", status, EVENT_STATUSES),
    )
    if f.since and f.until and f.since > f.until:
        raise _bad("since", f"{f.since} is after until={f.until}")
    return f


# -- endpoints -----------------------------------------------------------------------------
@open_router.get("/health", tags=["meta"])
def health(request: Request) -> JSONResponse:
    """Liveness and database reachability (open even when reads need a token)."""
    try:
        with _store(request).engine.connect() as conn:
            conn.execute(select(literal(1))).scalar_one()
    except Exception as exc:  # any database failure means "unhealthy"
        return JSONResponse({"status": "error", "detail": f"database unreachable: {exc.__class__.__name__}"}, 503)
    return JSONResponse({"status": "ok", "version": __version__, "schema": SCHEMA_VERSION})


@router.get("/schema", tags=["meta"])
def schema() -> dict[str, Any]:
    """The JSON Schema of an ArticleRecord (``accord/1``)."""
    return json_schema()


@router.get("/stats", tags=["meta"])
def stats(request: Request) -> dict[str, Any]:
    """Row counts per table, events per type, agreements per status."""
    return _store(request).counts()


@router.get("/facets", tags=["meta"])
def facets(request: Request) -> dict[str, Any]:
    """Values present in the store, for filter menus: event types, statuses, countries, date span."""
    return _queries(request).facets()


@router.get("/articles", tags=["articles"])
def list_articles(
    request: Request,
    q: str | None = Query(None, description="substring of the title or id", **_TEXT),
    since: str | None = Query(None, description="published on or after (YYYY-MM-DD)", max_length=10),
    until: str | None = Query(None, description="published on or before (YYYY-MM-DD)", max_length=10),
    limit: int = Query(50, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> dict[str, Any]:
    """Stored articles, newest first, with their event counts."""
    return _queries(request).articles(
        q=q, since=parse_day("since", since), until=parse_day("until", until), limit=limit, offset=offset
    )


@router.get("/articles/{article_id:path}", tags=["articles"])
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    """The full ArticleRecord: cleaned text plus every item with its evidence offsets into it."""
    record = _store(request).record(article_id)
    if record is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return record.to_dict()


@router.post("/articles", tags=["articles"], status_code=201, dependencies=[])
async def post_article(request: Request, response: Response) -> dict[str, Any]:
    """Ingest one article (a JSON object like a JSONL input line: ``text`` plus optional ``id``, ``title``,
    ``url``, ``source``, ``published``). Needs ``Authorization: Bearer <token>``. A new or changed article
    is linked into the merged views (actors, events, agreements) before the response: the relink is a full
    rebuild, so a post takes longer as the store grows."""
    request.app.state.auth.check_write(request)
    try:
        obj = json.loads(await request.body())
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise HTTPException(400, f"body is not valid JSON: {exc}") from None
    from accord.ingest.readers import article_from_mapping

    try:
        raw = article_from_mapping(obj, "request")
    except InputError as err:
        raise HTTPException(422, str(err)) from None
    outcome, n_events = await run_in_threadpool(_ingest_one, request, raw)
    if outcome == "unchanged":
        response.status_code = 200
    return {"id": raw.article_id(), "outcome": outcome, "events": n_events}


def _ingest_one(request: Request, raw: Any) -> tuple[str, int]:
    from accord.runner import ingest

    state = request.app.state
    with state.pipeline_lock:  # one extraction at a time: the pipeline is not shared across threads
        if state.pipeline is None:
            from accord.pipeline import Pipeline

            state.pipeline = Pipeline()
        try:
            report = ingest([raw], state.store, state.pipeline)
        except AccordError as err:
            raise HTTPException(500, f"ingest failed: {err}") from None
        if report.stored or report.replaced:
            # A full rebuild of the cross-article tables (entities, event clusters, agreement
            # identities): it reads every stored record, so it costs O(store) per write — about 40 s
            # for 2,000 articles / 100k events on a loaded 2-CPU box. Fine for occasional posts; bulk
            # loads should use `accord ingest`, which links once at the end.
            try:
                relink(state.store)
            except AccordError as err:
                raise HTTPException(500, f"article stored, but linking it failed: {err}") from None
    if report.failed:
        raise HTTPException(422, "; ".join(report.errors) or "extraction failed")
    outcome = "stored" if report.stored else "replaced" if report.replaced else "unchanged"
    record = state.store.record(raw.article_id())
    return outcome, len(record.events) if record else 0


@router.get("/events", tags=["events"], response_model=None)
def list_events(
    request: Request,
    f: EventFilter = Depends(event_filter),
    limit: int = Query(100, ge=1, le=5000),
    offset: int = Query(0, ge=0, le=10_000_000),
    format: Literal["json", "csv"] = Query("json"),
    merged: bool = Query(False, description="one row per real-world event, reports merged across articles"),
) -> Any:
    """Events, latest first, with actors, place and article resolved; each report carries the
    ``cluster_id`` of the real-world event it belongs to. ``merged=true`` gives those merged events
    instead (``mentions[]`` lists every report with its evidence; casualties are the lowest figure
    reported, every differing figure is kept in ``casualty_reports``; ``since``/``until`` apply to the
    merged date, ``actor`` to the merged actors and any of their aliases, ``place`` to the place name).
    ``format=csv`` gives a flat table."""
    q = _queries(request)
    if merged:
        result = q.clusters(f, limit=limit, offset=offset, total=format == "json")
        columns, row = CLUSTER_CSV_COLUMNS, cluster_csv_row
    else:
        result = q.events(f, limit=limit, offset=offset, total=format == "json")
        columns, row = CSV_COLUMNS, event_csv_row
    if format == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(columns)
        for ev in result["items"]:
            w.writerow(row(ev))
        return Response(
            buf.getvalue(),
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": 'attachment; filename="events.csv"'},
        )
    return JSONResponse(result)  # already JSON-native: skip FastAPI's (slow) generic encoder


@router.get("/events/summary", tags=["events"])
def events_summary(request: Request, f: EventFilter = Depends(event_filter)) -> dict[str, Any]:
    """Totals, counts per type and per week×type for the filtered events, with a Vega-Lite timeline spec."""
    summary = _queries(request).event_summary(f)
    summary["spec"] = specs.timeline_spec(summary["by_week"], summary["weeks"])
    return summary


@router.get("/viz/map", tags=["events"])
def events_map(
    request: Request, f: EventFilter = Depends(event_filter), limit: int = Query(2000, ge=1, le=5000)
) -> dict[str, Any]:
    """A Vega-Lite map spec of the latest ``limit`` located events matching the filters."""
    f.located = True
    result = _queries(request).events(f, limit=limit, offset=0)
    return {"total": result["total"], "shown": len(result["items"]), "spec": specs.map_spec(result["items"])}


@router.get("/actors", tags=["actors"])
def list_actors(
    request: Request,
    q: str | None = Query(None, description="actor id or substring of the name", **_TEXT),
    country: str | None = Query(None, max_length=3),
    sector: str | None = Query(None, description="agent code, e.g. GOV MIL REB", max_length=60),
    kind: Literal["person", "organization", "country", "group", "other"] | None = Query(None),
    per_article: bool = Query(False, description="article actors grouped by name and country, not merged"),
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> dict[str, Any]:
    """Actors merged across articles (one entity per real-world actor, with its aliases, article and
    mention counts, and any codes the reports disagree on), most-reported first; ``q`` matches the
    entity id, its name or any alias. ``per_article=true`` gives the article actors grouped by name
    and country instead."""
    fn = _queries(request).actors if per_article else _queries(request).entities
    return fn(
        q=q, country=parse_country("country", country), sector=sector.upper() if sector else None, kind=kind,
        limit=limit, offset=offset,
    )  # fmt: skip


@router.get("/quotes", tags=["quotes"])
def list_quotes(
    request: Request,
    speaker: str | None = Query(None, description="speaker actor id, or substring of the speaker's name", **_TEXT),
    q: str | None = Query(None, description="substring of the quoted text", **_TEXT),
    since: str | None = Query(None, description="article published on or after (YYYY-MM-DD)", max_length=10),
    until: str | None = Query(None, description="article published on or before (YYYY-MM-DD)", max_length=10),
    article: str | None = Query(None, description="article id", max_length=300),
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> dict[str, Any]:
    """Quotes with their speakers, newest articles first."""
    s_, u_ = parse_day("since", since), parse_day("until", until)
    return _queries(request).quotes(
        speaker=speaker, q=q, since=s_, until=u_, article=article, limit=limit, offset=offset
    )


@router.get("/agreements", tags=["agreements"])
def list_agreements(
    request: Request,
    status: str | None = Query(None, description="current status(es), comma-separated", max_length=200),
    kind: Literal["ceasefire", "memorandum", "peace", "economic", "prisoner-exchange", "other"] | None = Query(None),
    q: str | None = Query(None, description="substring of any of the agreement's names", **_TEXT),
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=10_000_000),
) -> dict[str, Any]:
    """The agreements board: one entry per agreement across reports (name variants in ``names``),
    its current status, parties and mediators as merged actors, and the dated status history with the
    article, event and evidence behind each entry; latest change first."""
    statuses = parse_choices("status", status, AGREEMENT_STATUSES)
    board = _queries(request).agreements(kind=kind, q=q, statuses=statuses)
    return {"total": len(board), "limit": limit, "offset": offset, "items": board[offset : offset + limit]}


@router.get("/agreements/{agreement_id}/history", tags=["agreements"])
def agreement_history(request: Request, agreement_id: str) -> dict[str, Any]:
    """One agreement's status history across all reports (``agreement_id`` from ``/api/agreements``)."""
    found = _queries(request).agreements(agreement_id=agreement_id)
    if not found:
        raise HTTPException(404, f"no agreement with id {agreement_id!r}")
    return found[0]


@router.get("/dyads", tags=["analysis"])
def list_dyads(
    request: Request, f: EventFilter = Depends(event_filter), limit: int = Query(20, ge=1, le=200)
) -> dict[str, Any]:
    """Country pairs (actor's country, recipient's country, either direction) with the most events."""
    return {"items": _queries(request).top_dyads(f, limit)}


@router.get("/dyads/{a}/{b}/series", tags=["analysis"])
def dyad_series(
    request: Request,
    a: str,
    b: str,
    since: str | None = Query(None, max_length=10),
    until: str | None = Query(None, max_length=10),
    type: str | None = Query(None, max_length=300),
    window: int = Query(4, ge=1, le=52, description="weeks per comparison window"),
) -> dict[str, Any]:
    """Weekly cooperation–conflict series between two countries' actors (either direction), with a
    "better or worse?" summary comparing the last ``window`` weeks with the ones before."""
    ca, cb = parse_country("a", a), parse_country("b", b)
    assert ca and cb
    f = EventFilter(
        since=parse_day("since", since), until=parse_day("until", until),
        types=parse_choices("type", type, PLOVER_TYPES, upper=True),
    )  # fmt: skip
    rows = _queries(request).dyad_events(ca, cb, f)
    series = weekly_series(rows)
    weeks = series_to_dicts(series)
    return {
        "dyad": [ca, cb],
        "events": len(rows),
        "weeks": weeks,
        "summary": progress(series, window).to_dict(),
        "spec": specs.dyad_spec(weeks, ca, cb),
    }
