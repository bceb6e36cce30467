"""The faster attribute ruler and lemmatizer must annotate exactly as the stock spaCy components do."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from accord.fast_components import CachedLemmatizer, IndexedAttributeRuler, speed_up

# Our own sentences, chosen to hit the model's multi-token and regex rules (contractions, "gonna",
# "y'all", "let's", "c'mon", "nothin'"), expletive "there", auxiliaries, whitespace tokens and odd input.
ODD_TEXTS = [
    "They ain't gonna sign it, y'all, and there is nothin' left to discuss.",
    "Let's be clear: c'mon, the ceasefire isn't holding and we gotta say so.",
    "There were   two strikes.\n\n\nThe minister has been told; it's the latest of many.",
    "AIN'T NO WAY he'll quit — she'd said so, hadn't she?",
    "",
    "   \n\t ",
    "Shelling hamstrings the talks; the latest round was postponed.",
    "Ukraine's forces' advance; the U.S.-brokered truce's terms.",
]


def _annotations(doc: Doc) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.ent_type_) for t in doc]


@pytest.fixture(scope="module")
def stock_nlp(nlp):
    """A second copy of the same model with the stock components."""
    return spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])


def test_fast_components_replace_stock_in_accord_pipeline(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), CachedLemmatizer)
    assert nlp.get_pipe("attribute_ruler").n_fallback == 0  # every rule of the model compiled


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_fast_components_match_stock_on_odd_text(nlp, stock_nlp, text):
    assert _annotations(nlp(text)) == _annotations(stock_nlp(text))


def test_fast_components_match_stock_on_samples(nlp, stock_nlp, samples):
    texts = [s["text"] for s in samples]
    for ours, theirs in zip(nlp.pipe(texts), stock_nlp.pipe(texts), strict=True):
        assert _annotations(ours) == _annotations(theirs)


def _tiny_ruler():
    """A blank pipeline whose ruler mixes indexable rules with ones only a Matcher can run."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "truce"}]], {"TAG": "NN", "LEMMA": "truce"})
    ruler.add([[{"LOWER": {"IN": ["talks", "talk"]}}]], {"TAG": "NNS"})
    ruler.add([[{"LOWER": "peace"}, {"LOWER": "talks"}]], {"TAG": "COMPOUND"}, index=1)  # later rule wins
    ruler.add([[{"LOWER": {"REGEX": "^cease"}}]], {"LEMMA": "cease"})
    ruler.add([[{"IS_PUNCT": True, "OP": "+"}]], {"TAG": "PUNCTS"})  # operator: left to the Matcher
    ruler.add([[{"LOWER": {"NOT_IN": ["the"]}, "IS_ALPHA": True}]], {"MORPH": "Foo=Bar"})  # IS_ALPHA: Matcher
    ruler.add([[{"LOWER": "the"}, {"LOWER": {"NOT_IN": ["truce"]}}]], {"TAG": "DTX"}, index=-1)
    return nlp, ruler


@pytest.mark.parametrize(
    "text",
    ["the truce and the peace talks!!", "ceasefire talks . the talk", "", "the the truce", "Peace talks, truce?"],
)
def test_fast_components_ruler_keeps_order_and_fallback(text):
    nlp, ruler = _tiny_ruler()
    fast = IndexedAttributeRuler(ruler)
    assert fast.n_fallback == 2
    expected = ruler(nlp.make_doc(text))
    got = fast(nlp.make_doc(text))
    assert [(t.tag_, t.lemma_, str(t.morph)) for t in got] == [(t.tag_, t.lemma_, str(t.morph)) for t in expected]


def test_fast_components_stock_kept_on_request(monkeypatch, stock_nlp):
    monkeypatch.setenv("ACCORD_STOCK_SPACY", "1")
    nlp = spacy.load(stock_nlp.meta["lang"] + "_" + stock_nlp.meta["name"])
    speed_up(nlp)
    assert not isinstance(nlp.get_pipe("attribute_ruler"), IndexedAttributeRuler)
