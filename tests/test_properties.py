"""Property-based tests: cleaning's offset map always round-trips, and extraction always yields a
schema-valid record whose spans equal the text. Example counts are modest to keep the suite fast."""

from __future__ import annotations

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.clean import clean
from accord.errors import EmptyInput
from accord.records import json_schema, span_errors

# Text that exercises the repairs: mojibake, curly quotes, odd spaces, invisible and control characters,
# decomposed letters, run-together words and missing spaces, mixed with ordinary words.
PIECES = st.sampled_from(
    ["the", "army", "said", "Geneva.", "The", "talks", "warnedThe", "U.S.", "3.5", " ", "  ", "\n", "\n\n\n", "\r\n",
     "\t", "\u00a0", "\u200b", "\u00ad", "\u201c", "\u201d", "\u2019", "\"", "'", "â€™", "Ã©", "e\u0301", "\x07",
     "\ufeff", "\u202e", "عبد", "🇺🇦", "Share this article", "Read more: x", "…", "...", "—"]
)
TEXTS = st.one_of(st.lists(PIECES, min_size=1, max_size=40).map("".join), st.text(max_size=200))


def _undo(text: str, repairs) -> str:
    """Apply repairs backwards to the cleaned text: gives the raw input."""
    out = text
    for r in sorted(repairs, key=lambda r: (r.start, r.raw_start), reverse=True):
        out = out[: r.start] + r.original + out[r.end :]
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_properties_clean_repairs_round_trip(raw):
    try:
        cleaned = clean(raw)
    except EmptyInput:
        return  # only whitespace or page furniture: nothing to map
    text = cleaned.text
    repairs = cleaned.repairs
    for r in repairs:
        assert text[r.start : r.end] == r.replacement
        assert raw[r.raw_start : r.raw_end] == r.original
    assert _undo(text, repairs) == raw
    # text outside the repairs is copied unchanged, at the shifted position
    prev_end, prev_raw_end = 0, 0
    for r in sorted(repairs, key=lambda r: (r.start, r.raw_start)):
        assert text[prev_end : r.start] == raw[prev_raw_end : r.raw_start]
        prev_end, prev_raw_end = r.end, r.raw_end
    assert text[prev_end:] == raw[prev_raw_end:]


@settings(max_examples=100, deadline=None)
@given(TEXTS)
def test_properties_clean_is_idempotent(raw):
    try:
        once = clean(raw).text
    except EmptyInput:
        return
    assert clean(once).text == once


WORDS = st.sampled_from(
    ["Russian", "forces", "shelled", "Kharkiv", "on", "Monday", "31", "February", "said", "the", "ministry", "Hamas",
     "and", "Israel", "agreed", "to", "a", "ceasefire", "in", "Doha", "\"We", "will", "fight,\"", "Zelensky", "told",
     "reporters.", "killed", "three", "civilians", ".", ",", "\u201c", "\u201d", "yesterday", "UN", "envoy", "2025",
     "talks", "collapsed", "last", "week", "Ã©", "\n\n", "emoji🙂", "עברית", "near", "the", "border"]
)
ARTICLES = st.lists(WORDS, min_size=3, max_size=80).map(" ".join)
VALIDATOR = jsonschema.Draft202012Validator(json_schema())


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(text=ARTICLES, published=st.one_of(st.none(), st.dates().map(lambda d: d.isoformat())))
def test_properties_extraction_is_schema_valid_with_exact_spans(pipeline, text, published):
    from accord.ingest import RawArticle
    from accord.pipeline import ExtractionFailure
    from accord.records import ArticleRecord

    [result] = list(pipeline.extract_many([RawArticle(text=text, origin="h", published=published)]))
    if isinstance(result, ExtractionFailure):
        assert result.error.code in ("E101",), str(result.error)  # only an empty body may fail
        return
    assert isinstance(result, ArticleRecord)
    assert not list(VALIDATOR.iter_errors(result.to_dict()))
    assert span_errors(result) == []
