"""Small helpers shared by stages: spans, sentence lookup, mention → actor lookup."""

from __future__ import annotations

import bisect
from typing import Any

from accord.records import Span


def span(text: str, start: int, end: int) -> Span:
    return Span(start=start, end=end, text=text[start:end])


def _sentences(doc: Any) -> tuple[list[int], list[Any]]:
    """The doc's sentences and their start offsets, computed once per doc (stages ask many times)."""
    cached = doc.user_data.get("accord_sents")
    if cached is None:
        sents = list(doc.sents)
        cached = ([s.start_char for s in sents], sents)
        doc.user_data["accord_sents"] = cached
    return cached


def sentence_of(doc: Any, char_offset: int) -> Any:
    """The spaCy sentence containing a character offset (the last one if past the end)."""
    starts, sents = _sentences(doc)
    if not sents:
        return None
    i = bisect.bisect_right(starts, char_offset) - 1
    return sents[max(i, 0)]


def token_at(doc: Any, char_offset: int) -> Any:
    """The token covering a character offset, else the next token after it (None past the end)."""
    starts = doc.user_data.get("accord_token_starts")
    if starts is None:
        starts = [t.idx for t in doc]
        doc.user_data["accord_token_starts"] = starts
    i = bisect.bisect_right(starts, char_offset) - 1
    if i >= 0:
        tok = doc[i]
        if char_offset < tok.idx + max(1, len(tok.text)):
            return tok
    return doc[i + 1] if i + 1 < len(doc) else None


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
