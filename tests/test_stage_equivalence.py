"""The fast paths of the actors stage and its shared helpers give exactly what the plain code gives.

Each test sets a quicker helper (an index, a cache, a bisection) against the straightforward
computation it replaced, on our own wire-style fixtures and on random inputs.
"""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from accord.extract.actors import ActorsStage, _ArticleActors, _Taken
from accord.extract.common import ActorIndex, actor_at, noun_chunks
from accord.knowledge import actors as kactors
from accord.knowledge.actors import fold, load_kb
from accord.records import Actor, Span

TEXTS = [
    "Turkish Foreign Minister Hakan Fidan met his Iraqi counterpart in Baghdad on Monday. "
    "He said the talks, which the U.S.-brokered truce made possible, would resume.",
    "Gunmen killed 14 civilians and two soldiers near the town of Mogok, the army and local "
    "officials said. The paramilitary group denied it; its spokesman blamed government forces.",
    "Sudan's army and the Rapid Support Forces (RSF) agreed to a ceasefire in Jeddah. "
    "The RSF, led by Mohamed Hamdan Dagalo, said it would withdraw from hospitals and schools.",
    "  Officials   in Kyiv — and Moscow’s envoy — traded accusations; “We will not leave,” she said.\n\n"
    "Ukraine's President Volodymyr Zelensky and Russia's Vladimir Putin did not meet.",
    "",
]


def _plain_actor_at(actors: list[Actor], start: int, end: int) -> str | None:
    """The reference: scan every mention in actor order, the first longest overlap wins."""
    best: tuple[int, str] | None = None
    for actor in actors:
        for m in actor.mentions:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, actor.id)
    return best[1] if best else None


@pytest.mark.parametrize("text", TEXTS)
def test_noun_chunks_same_as_spacy(nlp, text):
    doc = nlp(text)
    got = [(s.start, s.end, s.label_) for s in noun_chunks(doc)]
    assert got == [(s.start, s.end, s.label_) for s in doc.noun_chunks]


@pytest.mark.parametrize("text", TEXTS)
def test_actor_at_same_as_scanning_every_mention(make_draft, text):
    draft = make_draft(text)
    ActorsStage()(draft)
    rng = random.Random(1)
    n = len(text)
    queries = [(t.idx, t.idx + len(t)) for t in draft.doc]
    queries += [(a, a + rng.choice([0, 1, 3, 12, 60])) for a in (rng.randrange(-2, n + 3) for _ in range(300))]
    for a in draft.actors:
        for m in a.mentions:
            queries += [(m.start, m.end), (m.start - 2, m.end + 2), (m.start + 1, m.end - 1), (m.end, m.start)]
    for s, e in queries:
        assert actor_at(draft, s, e) == _plain_actor_at(draft.actors, s, e), (s, e)


def _actor(n: int, spans: list[tuple[int, int]]) -> Actor:
    return Actor(
        id=f"a{n}", name=f"x{n}", kind="other", mentions=[Span(start=s, end=e, text="x" * (e - s)) for s, e in spans]
    )


def test_actor_at_ties_and_overlapping_mentions_follow_actor_order():
    # overlapping and nested mentions, equal overlaps in several actors, an empty mention
    actors = [_actor(1, [(10, 20), (40, 41)]), _actor(2, [(12, 18), (5, 60)]), _actor(3, [(15, 25), (30, 30)])]
    draft = SimpleNamespace(actors=actors, scratch={})
    for s in range(0, 70):
        for e in range(s - 1, 72):
            assert actor_at(draft, s, e) == _plain_actor_at(actors, s, e), (s, e)


def test_actor_at_index_follows_a_replaced_or_grown_actor_list():
    draft = SimpleNamespace(actors=[_actor(1, [(0, 5)])], scratch={})
    assert actor_at(draft, 0, 5) == "a1"
    draft.actors.append(_actor(2, [(0, 9)]))
    assert actor_at(draft, 0, 9) == "a2"
    draft.actors = [_actor(3, [(0, 5)])]
    assert actor_at(draft, 0, 5) == "a3"
    assert isinstance(draft.scratch["actor_index"], ActorIndex)


@pytest.mark.parametrize("text", TEXTS)
def test_actors_tok_at_same_as_char_span_expand(make_draft, text):
    draft = make_draft(text)
    run = _ArticleActors(draft, load_kb())
    for c in range(-2, len(text) + 3):
        span = draft.doc.char_span(c, c + 1, alignment_mode="expand")
        want = span[0].i if span is not None and len(span) else None
        got = run._tok_at(c)
        assert (got.i if got is not None else None) == want, c


@pytest.mark.parametrize("seed", range(6))
def test_taken_free_same_as_scanning_every_range(seed):
    rng = random.Random(seed)
    taken, plain = _Taken(), []
    for _ in range(300):
        s = rng.randrange(0, 200)
        e = s + rng.choice([0, 1, 2, 5, 9, 30])
        want = all(e <= a or s >= b for a, b in plain)
        assert taken.free(s, e) == want
        if want or rng.random() < 0.05 * (seed % 2):  # odd seeds also add overlapping ranges
            taken.add(s, e)
            plain.append((s, e))


def _plain_fold(text: str) -> str:
    import re
    import unicodedata

    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2010", "-").replace("\u2011", "-")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", text).strip().lower()


@pytest.mark.parametrize(
    "text", ["  The  U.S.-led\tCoalition's ", "Erdoğan’s", "São Tomé", "al-Burhan", "", " \n ", "ﬁle ½ ¨x"]
)
def test_fold_fast_path_same_as_plain(text):
    assert fold(text) == _plain_fold(text)


def test_city_index_disk_cache_same_as_building_it(tmp_path, monkeypatch):
    monkeypatch.setenv("ACCORD_CACHE_DIR", str(tmp_path))
    built = kactors._build_city_index()
    kactors._city_index.cache_clear()
    try:
        first = kactors._city_index()  # builds and writes the cache
        assert list(tmp_path.glob("actor-cities-*.pickle"))
        kactors._city_index.cache_clear()
        second = kactors._city_index()  # reads it
    finally:
        kactors._city_index.cache_clear()
    assert first == built and second == built
    assert list(second) == list(built)


def test_shipped_kb_parses_the_same_with_libyaml():
    from importlib import resources

    text = resources.files("accord.knowledge").joinpath("data/actors_kb.yaml").read_text(encoding="utf-8")
    assert kactors._read_entries(text, "shipped", fast=True) == kactors._read_entries(text, "shipped")


@pytest.mark.parametrize(
    "text",
    [
        *TEXTS,
        "European Union and African Union envoys met the U.N. Secretary-General Antonio Guterres 's aide .",
        'Doctors Without Borders, Amnesty International; Human Rights Watch: (Islamic State) "Boko Haram"',
        "The Rapid Support Forces' commander, the RSF . ' s ... Ejército de Liberación Nacional ¨ fighters",
    ],
)
def test_kb_find_pruning_same_as_trying_every_length(text):
    kb = load_kb()
    pruned = kb.find(text)
    saved = kb.first_word_len
    try:
        kb.first_word_len = dict.fromkeys(saved, kb.max_words + 99)  # no segment is ever skipped
        full = kb.find(text)
    finally:
        kb.first_word_len = saved
    assert pruned == full
