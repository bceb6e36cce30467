"""The faster attribute ruler and lemmatizer and the embedding caches must annotate exactly as the stock
spaCy components do."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.tokens import Doc

from accord.fast_components import (
    CachedLemmatizer,
    EmbeddingCache,
    GilHeldEntityRecognizer,
    IndexedAttributeRuler,
    decode_with_gil,
    speed_up,
)

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
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]


@pytest.fixture(scope="module")
def stock_nlp(nlp):
    """A second copy of the same model with the stock components."""
    return spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])


def test_fast_components_replace_stock_in_accord_pipeline(nlp):
    assert isinstance(nlp.get_pipe("attribute_ruler"), IndexedAttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), CachedLemmatizer)
    assert nlp.get_pipe("attribute_ruler").n_fallback == 0  # every rule of the model compiled
    assert isinstance(nlp.get_pipe("ner"), GilHeldEntityRecognizer)


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
    assert not _caches(nlp)


def _caches(nlp) -> list[EmbeddingCache]:
    return [
        node.attrs["accord_embedding_cache"]
        for _, component in nlp.components
        if hasattr(getattr(component, "model", None), "walk")
        for node in component.model.walk()
        if "accord_embedding_cache" in node.attrs
    ]


def _embed_of(nlp, pipe: str):
    return next(node for node in nlp.get_pipe(pipe).model.walk() if EmbeddingCache.fits(node))


def test_fast_components_embedding_cache_on_both_tok2vecs(nlp):
    cached = {id(c.embed) for c in _caches(nlp)}  # also the disabled senter's, which costs nothing
    assert {id(_embed_of(nlp, "tok2vec")), id(_embed_of(nlp, "ner"))} <= cached


@pytest.mark.parametrize("pipe", ["tok2vec", "ner"])
def test_fast_components_embedding_cache_bit_identical_to_stock(nlp, stock_nlp, samples, pipe):
    """Whole tok2vec outputs, bit for bit, on batches where some rows are new and some cached."""
    texts = ODD_TEXTS + [s["text"] for s in samples]
    ours, theirs = nlp.get_pipe(pipe).model, stock_nlp.get_pipe(pipe).model
    if pipe == "ner":
        ours, theirs = ours.get_ref("tok2vec"), theirs.get_ref("tok2vec")
    for size in (5, 1, 16):
        for start in range(0, len(texts), size):
            docs = [stock_nlp.make_doc(t) for t in texts[start : start + size]]
            got, expected = ours.predict(docs), theirs.predict(docs)
            if isinstance(expected, list):
                assert len(got) == len(expected)
                assert all(np.array_equal(g, e) for g, e in zip(got, expected, strict=True))
            else:
                assert np.array_equal(got, expected)


@pytest.mark.parametrize("max_rows", [40, 400])
def test_fast_components_embedding_cache_starts_afresh_when_full(stock_nlp, samples, max_rows):
    embed = _embed_of(stock_nlp, "tok2vec")
    cache = EmbeddingCache(embed, max_rows=max_rows)  # not installed: the stock model stays stock
    texts = [s["text"][:300] for s in samples[:6]] + ["Talks resumed.", "Talks resumed again."]
    for start in range(0, len(texts), 2):
        docs = [stock_nlp.make_doc(t) for t in texts[start : start + 2]]
        got, _ = cache.forward(embed, docs, False)
        expected, _ = cache.stock_forward(embed, docs, False)
        assert all(np.array_equal(g, e) for g, e in zip(got, expected, strict=True))
        assert len(cache.index) <= max_rows
    assert cache.looked_up > 0  # the repeated words of the last two texts


def test_fast_components_embedding_cache_leaves_training_to_stock(stock_nlp):
    embed = _embed_of(stock_nlp, "tok2vec")
    cache = EmbeddingCache(embed)
    docs = [stock_nlp.make_doc("The ceasefire held.")]
    got, backprop = cache.forward(embed, docs, True)
    assert len(got) == 1 and got[0].shape == (4, cache.width)
    assert backprop(got) == []  # the stock backprop (the cache's own raises)
    assert not cache.index


def test_fast_components_ner_keeps_stock_interface(nlp, stock_nlp):
    ner = nlp.get_pipe("ner")
    assert ner.labels == stock_nlp.get_pipe("ner").labels
    assert ner.stock.cfg["beam_width"] == 1 and not decode_with_gil(nlp)  # already swapped


@pytest.mark.parametrize("batch_size", [1, 3, 16])
def test_fast_components_ner_pipe_matches_stock(nlp, stock_nlp, samples, batch_size):
    texts = ODD_TEXTS + [s["text"] for s in samples[:6]]
    ours = [[(e.start, e.end, e.label_) for e in d.ents] for d in nlp.pipe(texts, batch_size=batch_size)]
    theirs = [[(e.start, e.end, e.label_) for e in d.ents] for d in stock_nlp.pipe(texts, batch_size=batch_size)]
    assert ours == theirs


def test_fast_components_ner_with_wider_beam_left_alone():
    nlp = spacy.blank("en")
    nlp.add_pipe("beam_ner", name="ner")
    assert not decode_with_gil(nlp)
    assert not isinstance(nlp.get_pipe("ner"), GilHeldEntityRecognizer)


def test_fast_components_records_same_as_stock_on_samples(nlp, stock_nlp, samples):
    """End to end: every record field of the bundled samples, accord's parse vs the stock model's."""
    from accord.pipeline import Pipeline

    texts = [s["text"] for s in samples]
    ours = [r.model_dump_json() for r in Pipeline(nlp=nlp, article_timeout=0).extract_many(_raws(texts))]
    theirs = [r.model_dump_json() for r in Pipeline(nlp=stock_nlp, article_timeout=0).extract_many(_raws(texts))]
    assert ours == theirs


def _raws(texts: list[str]) -> list:
    from accord.ingest import RawArticle

    return [RawArticle(text=t, origin=f"s{i}", id=f"s{i}", published="2025-05-16") for i, t in enumerate(texts)]
