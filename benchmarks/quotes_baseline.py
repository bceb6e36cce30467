"""Baseline for the quotes stage: textacy's ``direct_quotations`` vs accord on PolNeAR dev.

    python benchmarks/quotes_baseline.py [POLNEAR_DIR]

Both systems see the same spaCy parse of each raw ``.txt`` and are scored by the same function
(``accord.eval.polnear.score_predictions``: token-overlap P/R/F1, quote-level matching, speaker
accuracy). textacy (``pip install textacy``, 0.13 works beside spaCy 3.8) only finds direct quotes
with a speaker-cue triple, so its recall is bounded by the share of attributions that are direct.
Not a runtime dependency of accord.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from accord.eval.polnear import default_path, load_set, score_predictions
from accord.extract.quotes import QuoteFinder
from accord.pipeline import Draft, load_nlp
from accord.records import Article, Span


@dataclass
class _Pred:
    start: int
    end: int
    kind: str
    speaker_mention: Span | None


def textacy_quotes(doc) -> list[_Pred]:
    """textacy's direct-quotation triples as predicted quotes (content without the marks)."""
    from textacy.extract.triples import direct_quotations

    out = []
    for triple in direct_quotations(doc):
        content = triple.content
        s, e = content.start_char, content.end_char
        text = doc.text
        while s < e and text[s] in "\"“”'‘’« ":
            s += 1
        while e > s and text[e - 1] in "\"“”'‘’» ":
            e -= 1
        mention = None
        if triple.speaker:
            ms = min(t.idx for t in triple.speaker)
            me = max(t.idx + len(t.text) for t in triple.speaker)
            mention = Span(start=ms, end=me, text=text[ms:me])
        out.append(_Pred(start=s, end=e, kind="direct", speaker_mention=mention))
    return out


def main() -> None:
    path = default_path(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    articles = load_set(path)
    nlp = load_nlp()
    finder = QuoteFinder()
    ours, theirs = [], []
    t_ours = t_theirs = 0.0
    for (name, text, gold), doc in zip(articles, nlp.pipe([a[1] for a in articles], batch_size=8), strict=True):
        t0 = time.perf_counter()
        draft = Draft(article=Article(id=name), text=text, repairs=[], doc=doc, published=date(2016, 11, 1))
        ours.append((text, gold, finder(draft)))
        t1 = time.perf_counter()
        try:
            preds = textacy_quotes(doc)
        except Exception as exc:  # textacy raises on some unbalanced quote marks
            print(f"textacy failed on {name}: {type(exc).__name__}: {exc}", file=sys.stderr)
            preds = []
        theirs.append((text, gold, preds))
        t_ours += t1 - t0
        t_theirs += time.perf_counter() - t1
    for label, items, secs in (("textacy direct_quotations", theirs, t_theirs), ("accord quotes", ours, t_ours)):
        res = score_predictions(items)
        print(f"== {label} ({secs:.2f}s beyond the parse)")
        print(res["report"])


if __name__ == "__main__":
    main()
