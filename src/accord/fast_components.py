"""Drop-in replacements for stock spaCy pieces that give the same annotations, faster (the entity
recognizer's decoding: the same but where two labels tie to float32 rounding, see below).

Profiling an 800-word article through ``en_core_web_sm`` showed the rule-based ``attribute_ruler``
costing more than the dependency parser (~30 ms of ~175 ms): its :class:`~spacy.matcher.Matcher` walks
179 patterns over every token although almost all of them are one-token tests of ``TAG``/``LOWER``
equality (the tag map and a few lexical exceptions). :class:`IndexedAttributeRuler` looks those rules up
in dictionaries keyed by the token's tag, lower form or dependency label and keeps a ``Matcher`` only
for the handful of multi-token or regex rules. :class:`CachedLemmatizer` memoises the rule lemmatizer
by ``(orth, pos, morph)`` — the key spaCy's own cache uses — and writes hashes instead of strings.
:class:`EmbeddingCache` memoises the context-free first half of each CNN ``tok2vec`` (the shared one
and the NER's own): hashed embeddings of a token's attributes mixed by a maxout layer, a pure
function of the token's attribute row that costs ~10 ms per 800-word article and tok2vec; news
repeats its vocabulary, so most rows are looked up instead of computed (bit-identical: every step is
row-wise and BLIS's GEMM gives each row the same bits whatever the other rows, which
``tests/test_fast_components.py`` checks).

:class:`GilHeldEntityRecognizer` makes the entity recognizer decode through spaCy's own beam search at
width 1 instead of its greedy loop: the same scores and the same best valid action at every step, but the
greedy loop runs without the GIL while the compiled state accessors it calls take and drop the GIL
twice each (a Cython 3 artefact visible in ``objdump`` of spaCy 3.8's ``ner`` module), so its
validity checks cost more than the network; run with the GIL held those accessors are cheap
(NER decoding ~35 % less CPU). The two decoders can disagree only where two valid actions score
within float32 rounding of the beam's running total (the beam then takes the higher action number,
the greedy loop the lower): over 938 news articles (845k tokens) one entity label or boundary in
each of 2 articles; on every document of the gold evaluation sets, never.

All are built from the loaded model's own components (their patterns and tables are the model's, not
ours), applied by :func:`speed_up` in :func:`accord.pipeline.load_nlp`, and checked token by token
against the stock components in ``tests/test_fast_components.py``. ``ACCORD_STOCK_SPACY=1`` keeps the
stock components.
"""

from __future__ import annotations

import os
import re
import threading
from collections import defaultdict
from collections.abc import Callable
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

# Token attributes a rule may test and still be compiled to plain Python tests, in the column order of
# the per-token rows :meth:`IndexedAttributeRuler.match` builds with ``Doc.to_array``.
_KEYS = ("LOWER", "TAG", "DEP", "IS_SPACE")
_COLUMN = {key: n for n, key in enumerate(_KEYS)}

Row = tuple[int, int, int, int]
Test = Callable[[Row], bool]


class IndexedAttributeRuler:
    """The rules of a stock ``AttributeRuler``, matched by dictionary lookup where possible.

    Semantics kept exactly: every rule is tested against the doc as it was *before* any rule applied,
    then the matches are applied in the stock order (rule number, then start), so later rules win.
    Values are compared as string hashes on rows of ``Doc.to_array`` (an unset tag or label is 0, the
    hash of ""). Patterns are token sequences without operators over :data:`_KEYS`; one that uses
    anything else stays with a ``Matcher`` (the sm/md/lg English models have none).
    """

    def __init__(self, ruler: Any) -> None:
        self.name = "attribute_ruler"
        self.vocab = ruler.vocab
        self.attrs = list(ruler.attrs)
        self.indices = list(ruler.indices)
        self._set_token_attrs = _set_token_attrs()
        # column -> value -> [(rule, tests per pattern token)]; the test used as the index is not repeated.
        self.index: list[dict[int, list[tuple[int, list[list[Test]]]]]] = [defaultdict(list) for _ in _KEYS]
        self.unindexed: list[tuple[int, list[list[Test]]]] = []
        self.fallback = Matcher(ruler.vocab)
        self.n_fallback = 0
        for rule in range(len(self.attrs)):
            _, patterns = ruler.matcher.get(str(rule))
            for pattern in patterns:
                if not self._add(rule, pattern):
                    self.fallback.add(str(rule), [pattern])
                    self.n_fallback += 1

    def _value(self, key: str, value: Any) -> int:
        return int(bool(value)) if key == "IS_SPACE" else self.vocab.strings.add(value) if value else 0

    def _compile(self, key: str, constraint: Any) -> tuple[Test, set[int] | None] | None:
        """A test for one token constraint and, for equality/``IN``, its accepted values; None when the
        constraint uses a predicate we do not compile."""
        col = _COLUMN[key]
        if not isinstance(constraint, dict):
            v = self._value(key, constraint)
            return (lambda row: row[col] == v), {v}
        if len(constraint) != 1:
            return None
        ((op, arg),) = constraint.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list):
            values = {self._value(key, a) for a in arg}
            if op == "IN":
                return (lambda row: row[col] in values), values
            return (lambda row: row[col] not in values), None
        if op == "REGEX" and key != "IS_SPACE":
            rx, strings = re.compile(arg), self.vocab.strings
            return (lambda row: rx.search(strings[row[col]]) is not None), None
        return None

    def _add(self, rule: int, pattern: list[dict]) -> bool:
        """File a pattern under its first token's most selective equality test; False if not compilable."""
        compiled: list[dict[str, tuple[Test, set[int] | None]]] = []
        for token_pattern in pattern:
            if not token_pattern or not set(token_pattern) <= set(_KEYS):
                return False
            tests = {}
            for key, constraint in token_pattern.items():
                test = self._compile(key, constraint)
                if test is None:
                    return False
                tests[key] = test
            compiled.append(tests)
        first, rest = compiled[0], [[t for t, _ in tests.values()] for tests in compiled[1:]]
        for key in _KEYS:  # most selective first
            if key in first and first[key][1] is not None:
                others = [t for k, (t, _) in first.items() if k != key]
                for value in first[key][1]:
                    self.index[_COLUMN[key]][value].append((rule, [others, *rest]))
                return True
        self.unindexed.append((rule, [[t for t, _ in first.values()], *rest]))  # tried at every token
        return True

    def match(self, doc: Doc) -> list[tuple[int, int, int]]:
        """``(rule, start, end)`` for every rule that matches, in the order the stock ruler applies them."""
        found: list[tuple[int, int, int]] = []
        rows: list[Row] = [tuple(r) for r in doc.to_array(list(_KEYS)).tolist()] if len(doc) else []
        n = len(rows)
        indexes = [(col, ix) for col, ix in enumerate(self.index) if ix]
        unindexed = self.unindexed
        for i, row in enumerate(rows):
            candidates = [c for col, ix in indexes for c in ix.get(row[col], ())]
            if unindexed:
                candidates += unindexed
            for rule, tests in candidates:
                end = i + len(tests)
                if end > n:
                    continue
                if all(test(rows[j]) for j, token_tests in enumerate(tests, i) for test in token_tests):
                    found.append((rule, i, end))
        if self.n_fallback:
            for match_id, start, end in self.fallback(doc, allow_missing=True):
                found.append((int(self.vocab.strings[match_id]), start, end))
        found.sort()
        return found

    def __call__(self, doc: Doc) -> Doc:
        # Applying a rule sets each attribute independently, so the rules hitting one token can be
        # merged in order (later wins) and set once.
        merged: dict[int, dict] = {}
        for rule, start, end in self.match(doc):
            index = self.indices[rule]
            i = start + index if index >= 0 else end + index
            if not start <= i < end:
                raise ValueError(f"attribute rule {rule}: index {index} outside its {end - start}-token match")
            merged.setdefault(i, {}).update(self.attrs[rule])
        set_attrs = self._set_token_attrs
        for i, attrs in merged.items():
            set_attrs(doc[i], attrs)
        return doc

    def pipe(self, docs: Any, batch_size: int = 128) -> Any:
        for doc in docs:
            yield self(doc)


class CachedLemmatizer:
    """The stock rule lemmatizer, memoised by ``(orth, pos, morph)`` as spaCy's own cache is, writing hashes."""

    def __init__(self, lemmatizer: Any) -> None:
        self.name = "lemmatizer"
        self.stock = lemmatizer
        self.strings = lemmatizer.vocab.strings
        self.cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        stock = self.stock
        if not stock._validated:
            stock._validate_tables()
        if not len(doc):
            return doc
        cache, overwrite, lemmatize, add = self.cache, stock.overwrite, stock.lemmatize, self.strings.add
        rows = doc.to_array(["ORTH", "POS", "MORPH", "LEMMA"])
        lemmas = rows[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if overwrite or lemma == 0:
                key = (orth, pos, morph)
                new = cache.get(key)
                if new is None:
                    new = cache[key] = add(lemmatize(doc[i])[0])
                lemmas[i] = new
        doc.from_array(["LEMMA"], lemmas.reshape(-1, 1))
        return doc

    def pipe(self, docs: Any, batch_size: int = 128) -> Any:
        for doc in docs:
            yield self(doc)


class EmbeddingCache:
    """Memoised inference of a spaCy ``MultiHashEmbed`` model, keyed by the token's feature row.

    The wrapped model is ``extract_features >> list2ragged >> with_array(concatenate(HashEmbed…)) >>
    with_array(maxout >> layernorm >> dropout) >> ragged2list``: every output row depends only on that
    token's extracted attribute values. Rows seen before are gathered from a table; the new ones are
    computed by the model's own layers, on the new rows only. Training calls and inputs other than
    ``Doc`` objects go to the stock forward. At ``max_rows`` distinct rows the cache starts afresh.
    """

    def __init__(self, embed: Any, max_rows: int = 100_000) -> None:
        extract, _, hashed, mix, _ = embed.layers
        self.embed = embed
        self.extract = extract
        self.hashed = hashed.layers[0]  # the concatenated HashEmbeds, without the with_array wrapper
        self.mix = mix.layers[0]  # maxout >> layernorm >> dropout
        self.width = self.mix.get_dim("nO")
        self.stock_forward = embed._func
        self.max_rows = max_rows
        self.index: dict[bytes, int] = {}
        self.table = np.zeros((1024, self.width), dtype="float32")
        self.lock = threading.Lock()
        self.computed = self.looked_up = 0

    @staticmethod
    def fits(model: Any) -> bool:
        """True for a model of exactly the MultiHashEmbed shape this cache reproduces."""
        names = [layer.name for layer in getattr(model, "layers", ())]
        return (
            len(names) == 5
            and names[0] == "extract_features"
            and names[1] == "list2ragged"
            and names[2].startswith("with_array(")
            and "hashembed" in names[2]
            and names[3] == "with_array(maxout>>layernorm>>dropout)"
            and names[4] == "ragged2list"
            and model.layers[3].layers[0].has_dim("nO") is True
        )

    def install(self) -> None:
        self.embed._func = self.forward
        self.embed.attrs["accord_embedding_cache"] = self

    def forward(self, model: Any, docs: Any, is_train: bool) -> Any:
        if is_train or not all(isinstance(doc, Doc) for doc in docs):
            return self.stock_forward(model, docs, is_train)
        feats = [np.ascontiguousarray(f) for f in self.extract.predict(docs)]
        lengths = [len(f) for f in feats]
        X = np.concatenate(feats) if feats else np.zeros((0, 1), dtype="uint64")
        with self.lock:
            rows = self._rows(X)
            if rows is None:  # more distinct rows in this batch than the cache may hold
                return self.stock_forward(model, docs, is_train)
            out = self.table[rows]
        return np.split(out, np.cumsum(lengths)[:-1]) if docs else [], _no_backprop

    def _rows(self, X: Any) -> Any:
        """Table rows for the feature rows ``X``, computing and storing the unseen ones."""
        if not len(X):
            return np.zeros(0, dtype=np.intp)
        keys = X.view(np.dtype((np.void, X.shape[1] * X.itemsize))).ravel().tolist()
        index = self.index
        new: dict[bytes, int] = {}
        for i, key in enumerate(keys):
            if key not in index and key not in new:
                new[key] = i
        if len(index) + len(new) > self.max_rows:
            if len(keys) > self.max_rows:
                return None
            index.clear()
            return self._rows(X)
        if new:
            first = np.fromiter(new.values(), dtype=np.intp, count=len(new))
            Y = self.mix.predict(self.hashed.predict(X[first]))
            start = len(index)
            if start + len(new) > len(self.table):
                grown = np.zeros((max(2 * len(self.table), start + len(new)), self.width), dtype="float32")
                grown[:start] = self.table[:start]
                self.table = grown
            self.table[start : start + len(new)] = Y
            for n, key in enumerate(new, start):
                index[key] = n
        self.computed += len(new)
        self.looked_up += len(keys) - len(new)
        return np.fromiter((index[key] for key in keys), dtype=np.intp, count=len(keys))


def _no_backprop(d_out: Any) -> Any:
    raise NotImplementedError("EmbeddingCache is for inference; training uses the stock forward")


def cache_embeddings(nlp: Language) -> int:
    """Install an :class:`EmbeddingCache` on every MultiHashEmbed model of ``nlp``'s components; how many."""
    n = 0
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if EmbeddingCache.fits(node) and "accord_embedding_cache" not in node.attrs:
                EmbeddingCache(node).install()
                n += 1
    return n


class GilHeldEntityRecognizer:
    """The stock ``EntityRecognizer``, predicting with :meth:`beam_parse` at width 1 instead of
    :meth:`greedy_parse` (see the module docstring). Everything else — model, moves, labels,
    ``set_annotations``, training — is the stock component's, reached through attribute delegation;
    ``pipe`` batches exactly as ``Parser.pipe`` does (by length, sub-batches of a quarter)."""

    def __init__(self, ner: Any) -> None:
        self.stock = ner
        self.name = ner.name

    def __getattr__(self, name: str) -> Any:
        if name == "stock":  # not set yet (e.g. while unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.stock, name)

    def predict(self, docs: Any) -> Any:
        if isinstance(docs, Doc):
            docs = [docs]
        if not any(len(doc) for doc in docs):
            return self.stock.predict(docs)
        return self.stock.beam_parse(docs, beam_width=1, beam_density=0.0)

    def __call__(self, doc: Doc) -> Doc:
        try:
            self.stock.set_annotations([doc], self.predict([doc]))
            return doc
        except Exception as exc:
            self.stock.get_error_handler()(self.name, self.stock, [doc], exc)
            return doc

    def pipe(self, docs: Any, batch_size: int = 256) -> Any:
        from spacy.util import minibatch

        for batch in minibatch(docs, size=batch_size):
            in_order = list(batch)
            try:
                by_length = sorted(in_order, key=len)
                for sub in minibatch(by_length, size=max(batch_size // 4, 2)):
                    sub = list(sub)
                    self.stock.set_annotations(sub, self.predict(sub))
                yield from in_order
            except Exception as exc:
                self.stock.get_error_handler()(self.name, self.stock, in_order, exc)


def decode_with_gil(nlp: Language) -> bool:
    """Swap ``nlp``'s greedy ``ner`` for a :class:`GilHeldEntityRecognizer`; False when there is no
    such component (absent, already swapped, or configured with a wider beam)."""
    from spacy.pipeline import EntityRecognizer

    ner = nlp.get_pipe("ner") if "ner" in nlp.pipe_names else None
    if not isinstance(ner, EntityRecognizer) or ner.cfg.get("beam_width", 1) != 1:
        return False
    _replace(nlp, "ner", GilHeldEntityRecognizer(ner))
    return True


def _set_token_attrs() -> Any:
    from spacy.tokens._retokenize import set_token_attrs

    return set_token_attrs


def _replace(nlp: Language, name: str, component: Any) -> None:
    """Swap a component object in place, keeping its name and position (and the pipeline's config)."""
    index = [n for n, _ in nlp._components].index(name)  # includes disabled components
    nlp._components[index] = (name, component)  # spaCy has no public "swap object" call
    nlp._link_components()


def speed_up(nlp: Language) -> Language:
    """Replace the stock ``attribute_ruler`` and rule ``lemmatizer`` of ``nlp`` with the faster twins
    and cache the tok2vec embeddings (:func:`cache_embeddings`); the entity recognizer decodes with the
    GIL held (:func:`decode_with_gil`).

    Components that are absent, of another kind (a lookup lemmatizer, a trained one) or already
    replaced are left alone; ``$ACCORD_STOCK_SPACY=1`` turns the swap off.
    """
    if os.environ.get("ACCORD_STOCK_SPACY") == "1":
        return nlp
    from spacy.pipeline import AttributeRuler
    from spacy.pipeline.lemmatizer import Lemmatizer

    if "attribute_ruler" in nlp.pipe_names and isinstance(nlp.get_pipe("attribute_ruler"), AttributeRuler):
        _replace(nlp, "attribute_ruler", IndexedAttributeRuler(nlp.get_pipe("attribute_ruler")))
    lem = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if isinstance(lem, Lemmatizer) and getattr(lem, "mode", None) == "rule":
        _replace(nlp, "lemmatizer", CachedLemmatizer(lem))
    cache_embeddings(nlp)
    decode_with_gil(nlp)
    return nlp
