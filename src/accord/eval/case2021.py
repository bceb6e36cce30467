"""``accord eval case2021``: CASE 2021 task 2, fine-grained event classification of news snippets.

Each snippet goes through the full pipeline; its label is what accord itself reports as the one ACLED
sub-event type of a short report (:func:`accord.analysis.acled_report.report_label`: the lead event's
``acled.sub_event_type`` with report-level cues). The scorer only compares. Gold labels map to ACLED names through
:data:`accord.knowledge.plover.CASE_LABELS` (DIPLO → "Diplomatic event", ATTRIB → "Attribution of
responsibility", ORG_CRIME → "Organized crime", the disasters → "Natural disaster"/"Man-made
disaster"). Disasters are not PLOVER events, so a snippet with no event that reads as a disaster or
crime report gets :func:`accord.knowledge.plover.disaster_label`; anything else left is "Other".
Printed beside a majority-class and a keyword baseline (first lexicon lemma → type → ACLED cues).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from accord.analysis.acled_report import report_label
from accord.errors import InputError
from accord.eval import scorers, shared_data_dir
from accord.eval.plover import compare, keyword_type
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


@scorers.register("case2021")
def score(path: Path | None = None) -> dict:
    base = path or ((shared_data_dir() or Path("/nonexistent")) / "case2021_task2")
    f = base / FILE if base.is_dir() else base
    if not f.is_file():
        raise InputError(f"CASE 2021 task-2 file not found at {base}; pass the case2021_task2 folder", source=str(base))
    from accord.ingest.raw import RawArticle
    from accord.pipeline import ExtractionFailure, Pipeline

    rows = read_rows(f)
    pipe = Pipeline()
    raws = [RawArticle(text=t, origin=f"{f.name}:{rid}", id=f"case{rid}") for rid, t, _ in rows]
    results = list(pipe.extract_many(raws, published="2021-01-01"))
    docs = list(pipe.nlp.pipe([t for _, t, _ in rows]))
    gold = [kb.CASE_LABELS[lab] for _, _, lab in rows]
    pred = [("Other" if isinstance(r, ExtractionFailure) else report_label(r)) for r in results]
    kw = [keyword_label(d) for d in docs]
    scores = compare(gold, pred, kw)
    conf = Counter((g, p) for g, p in zip(gold, pred, strict=False) if g != p)
    lines = [
        f"CASE 2021 task 2 dev: {len(rows)} snippets, {len(scores.labels)} labels",
        *scores.table(),
        "",
        f"{'sub_event_type':<38}{'P':>6}{'R':>6}{'F1':>6}{'n':>5}",
    ]
    for lab, (pp, rr, ff, n) in scores.per_label.items():
        lines.append(f"{lab:<38}{pp:>6.2f}{rr:>6.2f}{ff:>6.2f}{n:>5}")
    top = "; ".join(f"{g} → {p} {n}" for (g, p), n in conf.most_common(12))
    lines.append(f"top confusions (gold → predicted): {top}")
    return {
        "accuracy": round(scores.accuracy, 4),
        "macro_f1": round(scores.macro_f1, 4),
        "baseline_majority_macro_f1": round(scores.majority_macro_f1, 4),
        "baseline_keyword_macro_f1": round(scores.keyword_macro_f1, 4),
        "report": "\n".join(lines),
    }
