"""Small helpers shared by stages: spans, sentence lookup, mention → actor lookup."""

from __future__ import annotations

from typing import Any

from accord.records import Span


def span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def sentence_of(doc: Any, char_offset: int) -> Any:
    """The spaCy sentence containing a character offset (the last one if past the end)."""
    last = None
    for sent in doc.sents:
        last = sent
        if sent.start_char <= char_offset < sent.end_char:
            return sent
    return last


def sentence_span(text: str, sent: Any) -> Span:
    """The sentence as an evidence span, trailing whitespace trimmed."""
    start, end = sent.start_char, sent.end_char
    while end > start and text[end - 1].isspace():
        end -= 1
    return span(text, start, end)


def actor_at(draft: Any, start: int, end: int) -> str | None:
    """Id of the actor with a mention overlapping [start, end), preferring the longest overlap."""
    best: tuple[int, str] | None = None
    for actor in draft.actors:
        for m in actor.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, actor.id)
    return best[1] if best else None
