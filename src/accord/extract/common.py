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


def sentences(doc: Any) -> list[Any]:
    """The doc's sentences as a list, computed once per doc (do not modify it)."""
    return _sentences(doc)[1]


def token_starts(doc: Any) -> list[int]:
    """Start offset of every token, computed once per doc (do not modify it)."""
    starts = doc.user_data.get("accord_token_starts")
    if starts is None:
        starts = doc.to_array("IDX").tolist() if len(doc) else []
        doc.user_data["accord_token_starts"] = starts
    return starts


def token_at(doc: Any, char_offset: int) -> Any:
    """The token covering a character offset, else the next token after it (None past the end)."""
    starts = token_starts(doc)
    i = bisect.bisect_right(starts, char_offset) - 1
    if i >= 0:
        tok = doc[i]
        if char_offset < tok.idx + max(1, len(tok.text)):
            return tok
    return doc[i + 1] if i + 1 < len(doc) else None


_NP_DEPS = ("oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT")


def noun_chunks(doc: Any) -> list[Any]:
    """``list(doc.noun_chunks)`` for English pipelines, about twice as fast: the same rule as spaCy's
    English syntax iterator read off the doc's attribute arrays, so that a Token is made only for a
    candidate head (its left edge). Other languages and unparsed docs go to spaCy itself."""
    from spacy.attrs import DEP, HEAD, POS
    from spacy.lang.en.syntax_iterators import noun_chunks as english_chunks
    from spacy.symbols import NOUN, PRON, PROPN
    from spacy.tokens import Span as SpacySpan

    if getattr(doc, "noun_chunks_iterator", None) is not english_chunks or not doc.has_annotation("DEP"):
        return list(doc.noun_chunks)
    if not len(doc):
        return []
    strings = doc.vocab.strings
    np_deps = frozenset(strings.add(label) for label in _NP_DEPS)
    conj = strings.add("conj")
    np_label = strings.add("NP")
    arr = doc.to_array([POS, DEP, HEAD])
    pos = arr[:, 0].tolist()
    dep = arr[:, 1].tolist()
    head = arr[:, 2].astype("int64").tolist()  # relative offsets, stored unsigned
    nominal = (NOUN, PROPN, PRON)
    out = []
    prev_end = -1
    for i, p in enumerate(pos):
        if p not in nominal:
            continue
        d = dep[i]
        if d != conj:
            if d not in np_deps:
                continue
        else:
            h = i + head[i]
            while dep[h] == conj and h + head[h] < h:
                h += head[h]
            if dep[h] not in np_deps:  # coordinated to a noun phrase: a noun phrase too
                continue
        left = doc[i].left_edge.i
        if left <= prev_end:  # no nested chunks
            continue
        prev_end = i
        out.append(SpacySpan(doc, left, i + 1, label=np_label))
    return out


def sentence_span(text: str, sent: Any) -> Span:
    """The sentence as an evidence span, trailing whitespace trimmed."""
    start, end = sent.start_char, sent.end_char
    while end > start and text[end - 1].isspace():
        end -= 1
    return span(text, start, end)


class ActorIndex:
    """The actors' mentions sorted by start, for :func:`actor_at` in O(log n + k) per call (k: the few
    mentions starting between one longest-mention length before the query and its end).

    Built once per draft (kept in ``draft.scratch["actor_index"]``); rebuilt when ``draft.actors`` is
    replaced or grows or shrinks. A stage that edits an actor's mentions in place must drop the key.
    """

    __slots__ = ("actors", "count", "longest", "rows", "starts")

    def __init__(self, actors: list[Any], mentions: list[tuple[int, int, str]] | None = None) -> None:
        """``mentions``: (start, end, actor id) of every mention in actor order, when the caller has them."""
        if mentions is None:
            mentions = [(m.start, m.end, actor.id) for actor in actors for m in actor.mentions]
        rows = [(s, e, rank, actor_id) for rank, (s, e, actor_id) in enumerate(mentions)]
        rows.sort()
        self.actors = actors  # the list it was built from (held, so its identity stays unique)
        self.count = len(actors)
        self.rows = rows
        self.starts = [r[0] for r in rows]
        self.longest = max((r[1] - r[0] for r in rows), default=0)

    def at(self, start: int, end: int) -> str | None:
        """Same answer as scanning every mention in actor order: the first longest overlap wins."""
        if end <= start or not self.rows:
            return None
        rows = self.rows
        # an overlapping mention starts before ``end`` and ends after ``start``, so it starts after
        # ``start - longest``
        lo = bisect.bisect_right(self.starts, start - self.longest)
        hi = bisect.bisect_left(self.starts, end, lo)
        best = 0
        best_rank = -1
        best_id = None
        for k in range(lo, hi):
            m_start, m_end, rank, actor_id = rows[k]
            overlap = (end if end < m_end else m_end) - (start if start > m_start else m_start)
            if overlap > best or (overlap == best and overlap > 0 and rank < best_rank):
                best, best_rank, best_id = overlap, rank, actor_id
        return best_id


def actor_index(draft: Any) -> ActorIndex:
    """The draft's :class:`ActorIndex`, built on first use and after ``draft.actors`` changes."""
    actors = draft.actors
    scratch = getattr(draft, "scratch", None)
    if scratch is None:
        return ActorIndex(actors)
    idx = scratch.get("actor_index")
    if idx is None or idx.actors is not actors or idx.count != len(actors):
        idx = ActorIndex(actors)
        scratch["actor_index"] = idx
    return idx


def actor_at(draft: Any, start: int, end: int) -> str | None:
    """Id of the actor with a mention overlapping [start, end), preferring the longest overlap
    (between equals, the earlier actor, then its earlier mention)."""
    return actor_index(draft).at(start, end)
