"""``accord eval case2021``: CASE 2021 task 2, fine-grained event classification of news snippets.

Each snippet goes through the full pipeline; its label is what accord itself reports as the one ACLED
sub-event type of a short report (:func:`accord.analysis.acled_report.report_label`: the lead event's
``acled.sub_event_type`` with report-level cues). The scorer only compares. Gold labels map to ACLED names through
:data:`accord.knowledge.plover.CASE_LABELS` (DIPLO → "Diplomatic event", ATTRIB → "Attribution of
responsibility", ORG_CRIME → "Organized crime", the disasters → "Natural disaster"/"Man-made
disaster"). Disasters are not PLOVER events, so a snippet with no event that reads as a disaster or
crime report gets :func:`accord.knowledge.plover.disaster_label`; anything else left is "Other".
Printed beside a majority-class and a keyword baseline (first lexicon lemma → type → ACLED cues).

The report-level head that :func:`report_label` weighs against the rules is trained on these snippets,
so the in-sample figure flatters it. With ``folds`` (``ACCORD_EVAL_FOLDS``, default 5; 0 off) the scorer
also cross-validates: each fold is labelled by a head retrained without it (the shipped recipe,
:mod:`accord.models.events_train`). The rules' cues were written reading this set, so even the CV figure
is only honest about what is learned; the rules-alone line shows what the head adds.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from accord.analysis.acled_report import combine, rule_label
from accord.errors import InputError
from accord.eval import scorers, shared_data_dir
from accord.eval.plover import compare, default_folds, keyword_type, per_label_lines
from accord.knowledge import plover as kb

FILE = "test_set_final_release_with_labels.dev.tsv"


def read_rows(path: Path) -> list[tuple[str, str, str]]:
    lines = path.read_text(encoding="utf-8").split("\n")
    rows = []
    for line in lines[1:]:
        if not line:
            continue
        rid, text, label = line.split("\t")
        rows.append((rid, text, label))
    return rows


def keyword_label(doc: Any) -> str:
    t = keyword_type(doc)
    if t is not None:
        code = kb.acled_code(t, None, doc.text)
        if code:
            return code[1]
    return kb.disaster_label(doc.text) or "Other"


def _cv_labels(
    f: Path, rows: list[tuple[str, str, str]], rules: list[str], carried: list[set[str]], k: int
) -> tuple[list[str], list[str]]:
    """Cross-validated labels (rules weighed against a head trained without the fold) and head-alone labels."""
    from accord.models import events_train as tr

    samples = tr.acled_corpus(f.parent.parent, f)
    X = tr.matrix(s.text for s in samples)
    cv, alone = [""] * len(rows), [""] * len(rows)
    for held in tr.folds([rid for rid, _, _ in rows], k):
        head = tr.train_head(samples, held, X_all=X)
        for i, (rid, text, _) in enumerate(rows):
            if rid in held:
                probs = head.probs(text)
                cv[i] = combine(rules[i], carried[i], probs)
                alone[i] = max(probs, key=probs.get)
    return cv, alone


@scorers.register("case2021")
def score(path: Path | None = None, folds: int | None = None) -> dict:
    base = path or ((shared_data_dir() or Path("/nonexistent")) / "case2021_task2")
    f = base / FILE if base.is_dir() else base
    if not f.is_file():
        raise InputError(f"CASE 2021 task-2 file not found at {base}; pass the case2021_task2 folder", source=str(base))
    from accord.ingest.raw import RawArticle
    from accord.models.events_linear import load_acled_model
    from accord.pipeline import ExtractionFailure, Pipeline

    rows = read_rows(f)
    pipe = Pipeline()
    raws = [RawArticle(text=t, origin=f"{f.name}:{rid}", id=f"case{rid}") for rid, t, _ in rows]
    results = list(pipe.extract_many(raws, published="2021-01-01"))
    docs = list(pipe.nlp.pipe([t for _, t, _ in rows]))
    gold = [kb.CASE_LABELS[lab] for _, _, lab in rows]
    rules = [("Other" if isinstance(r, ExtractionFailure) else rule_label(r)) for r in results]
    carried = [
        set() if isinstance(r, ExtractionFailure) else {e.acled.sub_event_type for e in r.events if e.acled}
        for r in results
    ]
    head = load_acled_model()
    pred = [
        rule if head is None else combine(rule, subs, head.probs(t))
        for rule, subs, (_, t, _) in zip(rules, carried, rows, strict=False)
    ]
    kw = [keyword_label(d) for d in docs]
    scores = compare(gold, pred, kw)
    ruled = compare(gold, rules, kw)
    lines = [
        f"CASE 2021 task 2 dev: {len(rows)} snippets, {len(scores.labels)} labels",
        *scores.table(),
        ruled.row("rules alone"),
    ]
    k = default_folds(folds)
    cv: dict[str, float] = {}
    if k:
        cv_p, alone_p = _cv_labels(f, rows, rules, carried, k)
        cvs, alone = compare(gold, cv_p, kw), compare(gold, alone_p, kw)
        cv = {"cv_accuracy": cvs.accuracy, "cv_macro_f1": cvs.macro_f1}
        lines += [
            cvs.row(f"accord {k}-fold CV"),
            alone.row("head alone CV"),
            "(in-sample: the shipped head saw every snippet; CV: retrained without each fold — the rules'",
            " cues were written reading this set, so all three flatter them)",
            "",
            f"in-sample, per sub-event type ({scores.accuracy:.3f} / {scores.macro_f1:.3f}):",
            *per_label_lines(scores, gold, pred, width=38),
            "",
            f"{k}-fold CV, per sub-event type ({cvs.accuracy:.3f} / {cvs.macro_f1:.3f}):",
            *per_label_lines(cvs, gold, cv_p, width=38),
        ]
    else:
        lines += ["", *per_label_lines(scores, gold, pred, width=38)]
    return {
        "accuracy": round(scores.accuracy, 4),
        "macro_f1": round(scores.macro_f1, 4),
        **{key: round(v, 4) for key, v in cv.items()},
        "rules_accuracy": round(ruled.accuracy, 4),
        "rules_macro_f1": round(ruled.macro_f1, 4),
        "baseline_majority_macro_f1": round(scores.majority_macro_f1, 4),
        "baseline_keyword_macro_f1": round(scores.keyword_macro_f1, 4),
        "report": "\n".join(lines),
    }
