"""The fast paths of the events stage give exactly what the plain code gives.

Each test sets a quicker helper (a per-doc array, a prefilter, a per-sentence view or cache) against the
straightforward computation it replaced, on our own wire-style fixtures and on random inputs.
"""

from __future__ import annotations

import random
import re

import pytest

from accord.extract import casualties as cas
from accord.extract import events as ev
from accord.extract.common import sentences
from accord.knowledge import plover as kb
from accord.pipeline import stages

TEXTS = [
    "Russian forces shelled the outskirts of Kharkiv overnight, killing at least 12 civilians and wounding 30, "
    "officials said. The two sides accused each other of violating the truce.",
    "The minister said Beijing must drop its trade barriers and that talks would resume. "
    'He added: "If the fighting does not stop we will all have to leave the city for good," and left.',
    "Police arrested 30 opposition activists in the capital on Monday; the protesters went on strike. "
    "A drone strike hit a market, leaving 5 dead, and the rebels staged an attack on a convoy.",
    "Sudan's army and the Rapid Support Forces agreed to a ceasefire in Jeddah on May 11. "
    "Both parties welcomed the deal, which the United States and Saudi Arabia brokered, and pledged aid.",
    "“We will not withdraw,” the commander said. The mediators threatened to suspend their mediation "
    "unless both sides return to talks, and the rivals met one another in Doha in March 2024.",
    "",
]


def _run_prior_stages(make_draft, text: str):
    draft = make_draft(text)
    for name in ("times", "places", "actors", "quotes"):
        stages.get(name)()(draft)
    return draft


@pytest.mark.parametrize("text", TEXTS)
def test_events_doc_lemmas_same_as_token_lemmas(nlp, text):
    doc = nlp(text)
    assert ev._doc_lemmas(doc) == [ev._fix_lemma(t.lemma_, t.lower_) for t in doc]
    assert [ev._lemma(t) for t in doc] == [ev._fix_lemma(t.lemma_, t.lower_) for t in doc]


@pytest.mark.parametrize("text", TEXTS)
def test_events_quoted_open_same_as_token_loop(nlp, text):
    doc = nlp(text)
    ranges, opened = [], None
    for t in doc:
        if t.text in ev._QUOTE_CHARS:
            if opened is None:
                opened = t.i
            else:
                if t.i - opened > 5:
                    ranges.append((opened, t.i))
                opened = None
    assert ev._quoted_open(doc) == ranges
    mask = ev._quote_mask(doc)
    assert [bool(m) for m in mask] == [any(a < t.i < b for a, b in ranges) for t in doc]


@pytest.mark.parametrize("text", TEXTS)
def test_events_must_heads_same_as_scanning_children(nlp, text):
    doc = nlp(text)
    plain = {t.i for t in doc if any(ev._lemma(c) == "must" and c.dep_ == "aux" for c in t.children)}
    assert ev._must_heads(doc) == plain


@pytest.mark.parametrize("text", TEXTS)
def test_events_lexicon_prefilter_skips_only_tokens_that_cannot_match(nlp, text):
    doc = nlp(text)
    lex = kb.lexicon()
    for tok in doc:
        lem = ev._lemma(tok)
        if lem not in lex and lem != "strike":
            assert ev._match(tok) == [], tok.text


@pytest.mark.parametrize("text", TEXTS)
def test_events_actors_in_same_as_scanning_every_mention(make_draft, text):
    draft = _run_prior_stages(make_draft, text)
    for tok in draft.doc:
        sub = list(tok.subtree)
        s, e = sub[0].idx, sub[-1].idx + len(sub[-1].text)
        plain: list[str] = []
        for t in [tok, *tok.conjuncts]:
            a = ev._actor_of(draft, t)
            if a and a not in plain:
                plain.append(a)
        if not plain:
            for actor in draft.actors:
                for m in actor.mentions:
                    if s <= m.start and m.end <= e and actor.id not in plain:
                        plain.append(actor.id)
                        break
        assert ev._actors_in(draft, tok, deep=True) == plain, tok.text


@pytest.mark.parametrize("text", TEXTS)
def test_events_sentence_view_dates_same_as_full_draft(make_draft, text):
    from accord.extract.times import event_date

    draft = _run_prior_stages(make_draft, text)
    for sent in sentences(draft.doc):
        view = ev._SentenceView(draft, sent.start_char, sent.end_char)
        for tok in sent:
            got = event_date(view, sent.start_char, sent.end_char, trigger=tok.idx)
            assert got == event_date(draft, sent.start_char, sent.end_char, trigger=tok.idx), tok.text
        assert event_date(view, sent.start_char, sent.end_char) == event_date(draft, sent.start_char, sent.end_char)


CASUALTY_TEXTS = [
    "Gunmen killed 14 civilians and two soldiers near the town, leaving 5 dead and 3 wounded.",
    "At least 12 people were killed and more than 40 injured; the death toll rose to 27 on Monday.",
    "Police detained dozens of protesters and arrested 30 activists; five journalists remain missing.",
    "The strike left 5 villages without power and killed 3 km of cable.",
    "Nearly 40 were hurt in 2019 killed, as many as 100 were trapped under the rubble.",
    "A toll of thirty-two fatalities was reported; no one was hurt. Forty-two died, a dozen were injured.",
    "Nothing of the kind happened today in the capital.",
]


def _plain_figures(text: str) -> list[cas.Figure]:
    saved = cas._GATES
    try:
        cas._GATES = [re.compile("")] * len(saved)  # every pattern runs
        return cas.find_figures(text)
    finally:
        cas._GATES = saved


@pytest.mark.parametrize("text", CASUALTY_TEXTS)
def test_casualties_gates_same_as_running_every_pattern(text):
    assert cas.find_figures(text) == _plain_figures(text)
    assert cas.find_figures(text.upper()) == _plain_figures(text.upper())


@pytest.mark.parametrize("seed", range(4))
def test_casualties_gates_same_on_random_word_salad(seed):
    rng = random.Random(seed)
    words = " ".join(CASUALTY_TEXTS).replace(",", " ,").replace(";", " ;").split()
    for _ in range(200):
        text = " ".join(rng.choice(words) for _ in range(rng.randrange(1, 18)))
        assert cas.find_figures(text) == _plain_figures(text), text


@pytest.mark.parametrize("text", [*TEXTS, "They fought one ANOTHER.", "Each Other", "the others left"])
def test_events_reciprocal_cue_needs_other(text):
    cues = ev._SentenceCues(text)
    if not cues.other:
        assert ev._RECIPROCAL.search(text) is None
    assert cues.contexts == tuple(kb.contexts_in(text))
    assert cues.assault_mode() == kb.assault_mode(text)


@pytest.mark.parametrize("etype", sorted(kb.TYPE_INFO))
@pytest.mark.parametrize("mode", [None, "seize", "arrest", "aerial", "clash", "withdraw"])
def test_events_acled_reads_target_only_for_assault_and_actor_only_for_coerce(etype, mode):
    sentence = "Rebels seized the town and soldiers fired on the crowd, killing 3 civilians."
    base = kb.acled_code(etype, mode, sentence, killed=3)
    if etype != "ASSAULT":
        assert kb.acled_code(etype, mode, sentence, killed=3, target="soldiers of the army") == base
    if etype != "COERCE":
        assert kb.acled_code(etype, mode, sentence, killed=3, actor_text="the army") == base


@pytest.mark.parametrize("text", TEXTS)
def test_events_stage_output_stable_when_caches_are_warm(make_draft, text):
    """A second run over the same draft (caches filled) gives the same events as the first."""
    draft = _run_prior_stages(make_draft, text)
    stage = stages.get("events")()
    stage(draft)
    first = [e.model_dump() for e in draft.events]
    draft.events = []
    stage(draft)
    assert [e.model_dump() for e in draft.events] == first
