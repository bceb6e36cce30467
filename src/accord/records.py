"""The record contract: one ArticleRecord per article.

These pydantic models are the single source of truth for the JSON Schema shipped in
``accord/schema/article-record.schema.json``, for the store's columns and for the exports.
Field names and order follow ``DESIGN.md``; change them only with a schema version bump.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "accord/1"

PLOVER_TYPES = (
    "ACCUSE",
    "AGREE",
    "AID",
    "ASSAULT",
    "COERCE",
    "CONCEDE",
    "CONSULT",
    "COOPERATE",
    "MOBILIZE",
    "PROTEST",
    "REJECT",
    "REQUEST",
    "RETREAT",
    "SANCTION",
    "SUPPORT",
    "THREATEN",
)

PloverType = Literal[
    "ACCUSE",
    "AGREE",
    "AID",
    "ASSAULT",
    "COERCE",
    "CONCEDE",
    "CONSULT",
    "COOPERATE",
    "MOBILIZE",
    "PROTEST",
    "REJECT",
    "REQUEST",
    "RETREAT",
    "SANCTION",
    "SUPPORT",
    "THREATEN",
]
ActorKind = Literal["person", "organization", "country", "group", "other"]
PlaceFeature = Literal["country", "admin1", "admin2", "city", "site", "region"]
TimeType = Literal["DATE", "TIME", "DURATION", "SET"]
QuoteKind = Literal["direct", "indirect", "mixed"]
EventStatus = Literal["asserted", "hypothetical", "future", "negated", "historical"]
DatePrecision = Literal["day", "week", "month", "year", "time"]
AgreementKind = Literal["ceasefire", "memorandum", "peace", "economic", "prisoner-exchange", "other"]
AgreementStatus = Literal[
    "proposed",
    "negotiating",
    "rejected",
    "signed",
    "in-force",
    "expired",
    "violated",
    "collapsed",
    "ratification-pending",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Span(_Model):
    """A span of the cleaned text: ``text == record.text[start:end]``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Article(_Model):
    id: str
    url: str | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = Field(default=None, description="ISO date or datetime of publication; null when unknown")
    language: str = "en"


class Repair(_Model):
    """One change made by cleaning. ``start/end`` locate the replacement in ``text``;
    ``raw_start/raw_end`` locate the original in the input body."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    raw_start: int = Field(ge=0)
    raw_end: int = Field(ge=0)
    original: str
    replacement: str
    reason: str


class Actor(_Model):
    id: str
    name: str
    kind: ActorKind
    aliases: list[str] = Field(default_factory=list)
    titles: list[str] = Field(default_factory=list)
    country: str | None = Field(default=None, description="ISO 3166 alpha-3")
    sector: str | None = Field(default=None, description="PLOVER/CAMEO agent code, e.g. GOV MIL REB CVL")
    kb_id: str | None = None
    mentions: list[Span] = Field(default_factory=list)


class Place(_Model):
    id: str
    name: str
    country: str | None = Field(default=None, description="ISO 3166 alpha-3")
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: int | None = None
    feature: PlaceFeature | None = None
    precision: str | None = None
    mentions: list[Span] = Field(default_factory=list)


class Time(_Model):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str
    type: TimeType
    value: str | None = Field(default=None, description="TIMEX3-style value, e.g. 2025-04-18, P90D")
    mod: str | None = Field(default=None, description="TIMEX3 mod: BEFORE, AFTER, START, MID, END, APPROX ...")


class Quote(_Model):
    id: str
    speaker: str | None = Field(default=None, description="actor id, or null when unknown/anonymous")
    speaker_text: str | None = None
    speaker_mention: Span | None = None
    cue: str | None = None
    kind: QuoteKind
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    addressee: str | None = None
    medium: str | None = None


class EventDate(_Model):
    value: str | None = None
    text: str | None = None
    precision: DatePrecision | None = None


class Casualties(_Model):
    killed: int | None = None
    injured: int | None = None
    missing: int | None = None
    arrested: int | None = None


class AcledCode(_Model):
    event_type: str
    sub_event_type: str


class Event(_Model):
    id: str
    type: PloverType
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    actors: list[str] = Field(default_factory=list, description="actor ids (who acts)")
    recipients: list[str] = Field(default_factory=list, description="actor ids (who is acted on)")
    date: EventDate = Field(default_factory=EventDate)
    place: str | None = Field(default=None, description="place id")
    casualties: Casualties = Field(default_factory=Casualties)
    status: EventStatus = "asserted"
    quote: str | None = Field(default=None, description="quote id carrying this event")
    evidence: Span
    confidence: float = Field(ge=0.0, le=1.0)
    cameo: str | None = None
    quad_class: int | None = Field(default=None, ge=1, le=4)
    intensity: float | None = Field(default=None, ge=-10.0, le=10.0)
    acled: AcledCode | None = None


class HistoryEntry(_Model):
    date: str | None = None
    status: AgreementStatus
    event: str | None = Field(default=None, description="event id that changed the status")


class Agreement(_Model):
    id: str
    name: str
    kind: AgreementKind
    parties: list[str] = Field(default_factory=list)
    mediators: list[str] = Field(default_factory=list)
    status: AgreementStatus
    history: list[HistoryEntry] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)


class ArticleRecord(_Model):
    """Everything accord extracted from one article; offsets index ``text``."""

    schema_: Literal["accord/1"] = Field(default=SCHEMA_VERSION, alias="schema")
    article: Article
    text: str
    repairs: list[Repair] = Field(default_factory=list)
    actors: list[Actor] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    times: list[Time] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    agreements: list[Agreement] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    def to_dict(self) -> dict:
        return self.model_dump(mode="json", by_alias=True)

    def to_json(self, indent: int | None = None) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


def json_schema() -> dict:
    """The JSON Schema of ArticleRecord, generated from the models."""
    schema = ArticleRecord.model_json_schema(by_alias=True, mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://accord.invalid/schema/accord-1.json"
    schema["title"] = "accord ArticleRecord (accord/1)"
    return schema


def span_errors(record: ArticleRecord) -> list[str]:
    """Offsets that do not point at their text: every span must equal ``text[start:end]``."""
    text = record.text
    problems: list[str] = []

    def check(where: str, start: int, end: int, value: str) -> None:
        if not (0 <= start <= end <= len(text)) or text[start:end] != value:
            problems.append(f"{where}: [{start}:{end}] {value!r} != {text[start:end]!r}")

    for r in record.repairs:
        check(f"repair {r.reason}", r.start, r.end, r.replacement)
    for a in record.actors:
        for m in a.mentions:
            check(f"actor {a.id}", m.start, m.end, m.text)
    for p in record.places:
        for m in p.mentions:
            check(f"place {p.id}", m.start, m.end, m.text)
    for t in record.times:
        check("time", t.start, t.end, t.text)
    for q in record.quotes:
        check(f"quote {q.id}", q.start, q.end, q.text)
        if q.speaker_mention is not None:
            sm = q.speaker_mention
            check(f"quote {q.id} speaker", sm.start, sm.end, sm.text)
    for e in record.events:
        check(f"event {e.id}", e.evidence.start, e.evidence.end, e.evidence.text)
    for g in record.agreements:
        for ev in g.evidence:
            check(f"agreement {g.id}", ev.start, ev.end, ev.text)
    return problems
