"""The times stage: every date and duration in the article, normalised against the publication date.

The tagging itself lives in :mod:`accord.extract.timex` (rules + TIMEX3 normalisation). This module
turns its output into record :class:`~accord.records.Time` entries (span = the expression with its
leading "on"/"in"/"at"/"during", as an analyst quotes it) and offers :func:`event_date`, which the
events stage calls to date one event and say which words decided the date.
"""

from __future__ import annotations

import re
from typing import Any

from accord.extract.common import sentence_of, token_at
from accord.extract.timex import tag
from accord.pipeline import Draft, stages
from accord.records import EventDate, Time

#: Clause links across which an event inherits the date of its governing clause: participles,
#: purpose clauses, coordinated verbs without a subject of their own. Not ccomp ("said on Friday
#: that X happened") nor a coordinated clause with its own subject.
_INHERIT_DEPS = frozenset({"advcl", "xcomp", "acl", "relcl", "conj", "pcomp", "prep", "pobj", "dobj"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})


@stages.register("times")
class TimesStage:
    """Finds DATE/TIME/DURATION/SET expressions and gives them TIMEX3 values (``draft.times``)."""

    name = "times"
    requires = ("doc", "published")
    assigns = ("times",)

    def __init__(self, **config: Any) -> None:
        self.config = config

    def __call__(self, draft: Draft) -> None:
        try:
            tagged = tag(draft.text, draft.doc, draft.published)
        except OverflowError:
            # an anchor at the edge of the calendar (published 0001-01-01): keep values relative
            tagged = tag(draft.text, draft.doc, None)
        for t in tagged:
            draft.times.append(
                Time(start=t.ext_start, end=t.end, text=draft.text[t.ext_start: t.end], type=t.type,
                     value=t.value, mod=t.mod)
            )


def precision_of(value: str | None) -> str | None:
    """Granularity of a TIMEX3 date value: time, day, week, month or year (quarters/seasons → year)."""
    if not value:
        return None
    if re.fullmatch(r"[\dX]{4}-[\dX]{2}-[\dX]{2}T\d{2}(:\d{2})?", value):
        return "time"
    if re.fullmatch(r"[\dX]{4}-[\dX]{2}-[\dX]{2}(T[A-Z]{2})?", value):
        return "day"
    if re.match(r"[\dX]{4}-W[\dX]{2}(-\d)$", value):
        return "day"
    if re.match(r"[\dX]{4}-W[\dX]{2}", value):
        return "week"
    if re.fullmatch(r"[\dX]{4}-[\dX]{2}", value):
        return "month"
    if re.match(r"[\dX]{4}", value):
        return "year"
    return None


def _datable(t: Time) -> bool:
    """Only calendar dates and times date an event (not durations, sets or PRESENT_REF)."""
    return t.type in ("DATE", "TIME") and t.value is not None and precision_of(t.value) is not None


def _event_value(t: Time) -> str | None:
    """The date part of a time value: ``2025-05-14TNI`` → ``2025-05-14``; clock times stay."""
    if t.value and re.fullmatch(r"[\dX]{4}-[\dX]{2}-[\dX]{2}T[A-Z]{2}", t.value):
        return t.value[:10]
    return t.value


def _governor(tok: Any, inside: set[int]) -> Any:
    """The verb a token hangs from (itself if a verb), skipping tokens of its own expression."""
    cur = tok
    for _ in range(30):
        if cur.pos_ in ("VERB", "AUX") and cur.i not in inside:
            return cur
        if cur.head.i == cur.i:
            return cur
        cur = cur.head
    return cur


def _clause_chain(verb: Any) -> list[Any]:
    """The trigger's clause verb, then the verbs it inherits a date from (closest first)."""
    chain = [verb]
    cur = verb
    for _ in range(10):
        if cur.head.i == cur.i or cur.dep_ not in _INHERIT_DEPS:
            break
        if cur.dep_ == "conj" and any(c.dep_ in _SUBJECT_DEPS for c in cur.children):
            break  # "..., and the two sides accused each other": a clause of its own
        cur = _governor(cur.head, set())
        chain.append(cur)
    return chain


def event_date(draft: Draft, start: int, end: int, *, trigger: int | None = None) -> EventDate:
    """The date of the event in text [start, end), and the expression that decided it.

    With ``trigger`` (char offset of the event's trigger word, e.g. its verb): the time expression
    attached to the trigger's clause, or to a clause it depends on (participles, infinitives).
    Without one: the time expression in [start, end) nearest its start. Otherwise the publication
    date with ``text`` null, so a reader sees it was a fallback.
    """
    times = [t for t in draft.times if _datable(t) and t.start < end and t.end > start]
    chosen: Time | None = None
    doc = draft.doc
    if trigger is not None and doc is not None:
        trig = _token_at(doc, trigger)
        if trig is not None:
            chain = _clause_chain(_governor(trig, set()))
            rank = {v.i: k for k, v in enumerate(chain)}
            best: tuple[int, int] | None = None
            sent = sentence_of(doc, trigger)
            for t in draft.times:
                if not _datable(t) or not (sent.start_char <= t.start < sent.end_char):
                    continue
                span = doc.char_span(t.start, t.end, alignment_mode="expand")
                if span is None:
                    continue
                gov = _governor(span.root, {tok.i for tok in span})
                if gov.i in rank:
                    key = (rank[gov.i], abs(t.start - trigger))
                    if best is None or key < best:
                        best, chosen = key, t
    elif times:
        chosen = min(times, key=lambda t: abs(t.start - start))
    if chosen is not None:
        value = _event_value(chosen)
        return EventDate(value=value, text=chosen.text, precision=precision_of(value))
    if draft.published is None:
        return EventDate(value=None, text=None, precision=None)
    return EventDate(value=draft.published.isoformat(), text=None, precision="day")


def _token_at(doc: Any, char: int) -> Any:
    return token_at(doc, char)
