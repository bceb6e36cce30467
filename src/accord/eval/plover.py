"""``accord eval plover``: PLOVER gold-standard records (one sentence each, OEDA, CC BY-SA 4.0).

For every record we run the full pipeline on its sentence and take the sentence's *primary* event
(:func:`primary_event`). Scored: event type (accuracy, macro-F1 over the gold types present, with
PLOVER 0.5 types mapped to today's 16 by :data:`accord.knowledge.plover.GSR_TYPE_MAP`), source and
target country (any of our actors' / recipients' codes among the gold codes — ISO3 country, or IGO/NGO
for such bodies, see :func:`actor_code` — over records whose gold side has a code), mode (over records
with a gold mode, through :data:`MODE_EQUIV`), dead and injured (exact match over records with a
figure) and the event place (over records with a gold ``eventLoc``: our primary event's place by name, see
:func:`same_place`). Printed beside a majority-class and a keyword baseline (first lexicon lemma in the sentence,
no parse rules).

The shipped type classifier is trained on these sentences too, so the in-sample type figure flatters it.
With ``folds`` (``ACCORD_EVAL_FOLDS``, default 5; 0 turns it off) the scorer also cross-validates: for
each fold it retrains the classifier without that fold (:mod:`accord.models.events_train`, the shipped
recipe), runs the pipeline on the fold with it, and scores the fold. The lexicon and rules were written
while reading this set, so even the CV figure is only honest about what is learned.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from accord.errors import InputError
from accord.eval import scorers, shared_data_dir
from accord.knowledge import plover as kb

#: GSR mode → the set of our modes that count as the same.
MODE_EQUIV: dict[str, set[str]] = {
    "heavy-weapons": {"shelling", "aerial"},
    "firearms": {"firearms"},
    "explosives": {"explosives"},
    "assassinate": {"assassinate"},
    "primitive": {"primitive", "beat"},
    "beat": {"beat", "primitive"},
    "torture": {"torture"},
    "suicide-attack": {"suicide-attack"},
    "destroy": {"destroy"},
    "ban": {"ban"},
    "martial-law": {"martial-law"},
    "deport": {"deport"},
    "censor": {"censor"},
    "detain": {"arrest"},
    "visit": {"visit"},
    "host": {"host"},
    "third-party": {"third-party", "mediate"},
    "troops": {"troops"},
    "strike-hun": {"hunger"},
    "strike-gen": {"strike"},
    "obstruct": {"obstruct"},
    "riot-spon": {"riot"},
    "demo-org": {"demo"},
    "demo-spon": {"demo"},
    "restrict": {"restrict"},
    "violence": {"violence"},
    "curfew": {"curfew"},
    "relations": {"relations", "end mediation", "end talks"},
    "political": {"political"},
}


_ORG_CODES = frozenset({"IGO", "NGO"})


def actor_code(actor: Any) -> str | None:
    """The gold side's code for one of our actors: its ISO3 country, else IGO/NGO for an inter- or
    non-governmental body (CAMEO puts those codes where a country would go: "U.N." → IGO)."""
    return actor.country or (actor.sector if actor.sector in _ORG_CODES else None)


def same_place(gold_name: str, place: Any) -> bool:
    """Is our event place the gold ``eventLoc``? The gold gives only a name ("Gorazde", "town of Rafah"), so a
    name or mention of ours inside it, or it inside ours, counts — compared by the gazetteer's name key
    (accents and punctuation folded: "Goražde", "Rafaḩ")."""
    from accord.knowledge.gazetteer import norm

    gold = norm(gold_name)
    ours = {norm(place.name), *(norm(m.text) for m in place.mentions)}
    return any(o and (o in gold or gold in o) for o in ours)


def primary_event(events: list[Any]) -> Any | None:
    """The event a one-sentence coder would pick: highest confidence, then governing over governed."""
    if not events:
        return None
    return max(events, key=lambda e: (e.confidence, -events.index(e)))


def _records(path: Path) -> list[dict]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [r for r in data if r.get("event") != "DOCUMENT"]


def _codes(side: Any) -> set[str]:
    if not isinstance(side, list):
        return set()
    return {a.get("code") for a in side if isinstance(a, dict) and a.get("code")}


def macro_f1(gold: list[str], pred: list[str], labels: list[str] | None = None) -> tuple[float, dict[str, tuple]]:
    labs = labels or sorted(set(gold))
    per: dict[str, tuple] = {}
    f1s = []
    for lab in labs:
        tp = sum(1 for g, p in zip(gold, pred, strict=False) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred, strict=False) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred, strict=False) if g == lab and p != lab)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[lab] = (prec, rec, f1, tp + fn)
        f1s.append(f1)
    return (sum(f1s) / len(f1s) if f1s else 0.0), per


@dataclass
class Comparison:
    """Accuracy and macro-F1 of accord beside a majority-class and a keyword baseline on one label set."""

    labels: list[str]
    accuracy: float
    macro_f1: float
    per_label: dict[str, tuple]
    majority_accuracy: float
    majority_macro_f1: float
    keyword_accuracy: float
    keyword_macro_f1: float

    def table(self) -> list[str]:
        return [
            f"{'system':<18}{'accuracy':>10}{'macro-F1':>10}",
            table_row("majority", self.majority_accuracy, self.majority_macro_f1),
            table_row("keyword", self.keyword_accuracy, self.keyword_macro_f1),
            self.row("accord"),
        ]

    def row(self, name: str) -> str:
        """This system's line of :meth:`table`, under another name (a CV run, a classifier alone)."""
        return table_row(name, self.accuracy, self.macro_f1)


def table_row(name: str, accuracy: float, macro_f1: float) -> str:
    return f"{name:<18}{accuracy:>10.3f}{macro_f1:>10.3f}"


def _accuracy(gold: list[str], pred: list[str]) -> float:
    return sum(g == p for g, p in zip(gold, pred, strict=False)) / len(gold)


def compare(gold: list[str], pred: list[str], keyword: list[str]) -> Comparison:
    """Score ``pred`` and the ``keyword`` baseline against ``gold``, with the majority class beside them."""
    labels = sorted(set(gold))
    mf1, per = macro_f1(gold, pred, labels)
    majority = [Counter(gold).most_common(1)[0][0]] * len(gold)
    return Comparison(
        labels=labels,
        accuracy=_accuracy(gold, pred),
        macro_f1=mf1,
        per_label=per,
        majority_accuracy=_accuracy(gold, majority),
        majority_macro_f1=macro_f1(gold, majority, labels)[0],
        keyword_accuracy=_accuracy(gold, keyword),
        keyword_macro_f1=macro_f1(gold, keyword, labels)[0],
    )


def default_folds(folds: int | None) -> int:
    """``folds`` if given, else ``$ACCORD_EVAL_FOLDS``, else 5; 0 when the training extras (scipy) are absent."""
    k = folds if folds is not None else int(os.environ.get("ACCORD_EVAL_FOLDS", "5"))
    if k > 1:
        try:
            import scipy.sparse  # noqa: F401
        except ImportError:
            return 0
    return k if k > 1 else 0


def per_label_lines(scores: Comparison, gold: list[str], pred: list[str], width: int = 12) -> list[str]:
    """Per-label P/R/F1 table and the most common confusions."""
    lines = [f"{'label':<{width}}{'P':>7}{'R':>7}{'F1':>7}{'n':>5}"]
    for lab, (pp, rr, ff, n) in scores.per_label.items():
        lines.append(f"{lab:<{width}}{pp:>7.2f}{rr:>7.2f}{ff:>7.2f}{n:>5}")
    conf = Counter((g, p) for g, p in zip(gold, pred, strict=False) if g != p)
    lines.append(
        "top confusions (gold → predicted): " + ", ".join(f"{g}→{p} {n}" for (g, p), n in conf.most_common(10))
    )
    return lines


def _cv_types(recs: list[dict], gold_file: Path, k: int) -> tuple[list[str], list[str]]:
    """Cross-validated primary types and classifier-alone types, in record order."""
    from accord.ingest.raw import RawArticle
    from accord.models import events_train as tr
    from accord.pipeline import ExtractionFailure, Pipeline

    samples = tr.plover_corpus(gold_file.parent.parent, gold_file)
    X = tr.matrix(s.text for s in samples)
    nlp = Pipeline(stage_names=()).nlp
    by_id: dict[str, tuple[str, str]] = {}
    for held in tr.folds([r["id"] for r in recs], k):
        model = tr.train_head(samples, held, X_all=X)
        part = [r for r in recs if r["id"] in held]
        # the events stage with this fold's classifier (trained without the held-out records)
        pipe = Pipeline(nlp=nlp, stage_config={"events": {"model": model}})
        raws = [RawArticle(text=r["text"], origin=r["id"], id=r["id"].replace(":", "-")) for r in part]
        results = list(pipe.extract_many(raws, published="2000-01-01"))
        for r, res in zip(part, results, strict=False):
            ev = None if isinstance(res, ExtractionFailure) else primary_event(res.events)
            probs = model.probs(r["text"])
            by_id[r["id"]] = (ev.type if ev else "NONE", max(probs, key=probs.get))
    return [by_id[r["id"]][0] for r in recs], [by_id[r["id"]][1] for r in recs]


def keyword_type(doc: Any) -> str | None:
    lex = kb.lexicon()
    for tok in doc:
        entries = lex.get(tok.lemma_.lower())
        if entries:
            return entries[0].type
    return None


@scorers.register("plover")
def score(path: Path | None = None, folds: int | None = None) -> dict:
    base = path or ((shared_data_dir() or Path("/nonexistent")) / "plover_gsr")
    f = base / "PLOVER_GSR_CAMEO.dev.txt" if base.is_dir() else base
    if not f.is_file():
        raise InputError(f"PLOVER gold records not found at {base}; pass the plover_gsr folder", source=str(base))
    from accord.ingest.raw import RawArticle
    from accord.pipeline import ExtractionFailure, Pipeline

    recs = _records(f)
    pipe = Pipeline()
    raws = [RawArticle(text=r["text"], origin=r["id"], id=r["id"].replace(":", "-")) for r in recs]
    results = list(pipe.extract_many(raws, published="2000-01-01"))
    gold_t, pred_t, kw_t = [], [], []
    src_ok = src_n = tgt_ok = tgt_n = mode_ok = mode_n = dead_ok = dead_n = inj_ok = inj_n = 0
    loc_ok = loc_n = 0
    docs = list(pipe.nlp.pipe([r["text"] for r in recs]))
    for r, res, doc in zip(recs, results, docs, strict=False):
        g = kb.GSR_TYPE_MAP.get(r["event"], r["event"])
        ev = None if isinstance(res, ExtractionFailure) else primary_event(res.events)
        p = ev.type if ev else "NONE"
        gold_t.append(g)
        pred_t.append(p)
        kw_t.append(keyword_type(doc) or "NONE")
        if isinstance(res, ExtractionFailure):
            continue
        countries = {a.id: actor_code(a) for a in res.actors}
        gs, gt = _codes(r.get("source")), _codes(r.get("target"))
        if gs:
            src_n += 1
            src_ok += bool(ev and {countries.get(a) for a in ev.actors} & gs)
        if gt:
            tgt_n += 1
            tgt_ok += bool(ev and {countries.get(a) for a in ev.recipients} & gt)
        gm = (r.get("mode") or "").strip()
        if gm:
            mode_n += 1
            mode_ok += bool(ev and ev.mode in MODE_EQUIV.get(gm, {gm}))
        if r.get("dead") not in (None, ""):
            dead_n += 1
            dead_ok += bool(ev and ev.casualties.killed == int(r["dead"]))
        if r.get("injured") not in (None, ""):
            inj_n += 1
            inj_ok += bool(ev and ev.casualties.injured == int(r["injured"]))
        gloc = r.get("eventLoc") if isinstance(r.get("eventLoc"), dict) else None
        if gloc and gloc.get("name"):
            loc_n += 1
            place = next((pl for pl in res.places if ev is not None and pl.id == ev.place), None)
            loc_ok += bool(place and same_place(gloc["name"], place))
    scores = compare(gold_t, pred_t, kw_t)
    acc, mf1 = scores.accuracy, scores.macro_f1
    lines = [
        f"PLOVER GSR dev: {len(recs)} records, {len(scores.labels)} types (PLOVER 0.5 mapped to 16)",
        *scores.table(),
    ]
    k = default_folds(folds)
    cv: dict[str, float] = {}
    if k:
        cv_t, alone_t = _cv_types(recs, f, k)
        cvs = compare(gold_t, cv_t, kw_t)
        alone = compare(gold_t, alone_t, kw_t)
        cv = {"cv_type_accuracy": cvs.accuracy, "cv_type_macro_f1": cvs.macro_f1}
        lines += [
            cvs.row(f"accord {k}-fold CV"),
            alone.row("classifier CV"),
            "(in-sample: the shipped classifier saw every record; CV: retrained without each fold — the",
            " lexicon and rules were written reading this set, so both flatter them)",
            "",
            f"in-sample, per type ({acc:.3f} / {mf1:.3f}):",
            *per_label_lines(scores, gold_t, pred_t),
            "",
            f"{k}-fold CV, per type ({cvs.accuracy:.3f} / {cvs.macro_f1:.3f}):",
            *per_label_lines(cvs, gold_t, cv_t),
        ]
    else:
        lines += ["", *per_label_lines(scores, gold_t, pred_t)]
    lines.append(
        f"source country {src_ok}/{src_n}, target country {tgt_ok}/{tgt_n}, mode {mode_ok}/{mode_n}, "
        f"dead {dead_ok}/{dead_n}, injured {inj_ok}/{inj_n}, event place {loc_ok}/{loc_n}"
    )
    return {
        "type_accuracy": round(acc, 4),
        "type_macro_f1": round(mf1, 4),
        **{key: round(v, 4) for key, v in cv.items()},
        "source_country_accuracy": round(src_ok / src_n, 4) if src_n else 0.0,
        "target_country_accuracy": round(tgt_ok / tgt_n, 4) if tgt_n else 0.0,
        "mode_accuracy": round(mode_ok / mode_n, 4) if mode_n else 0.0,
        "dead_exact": round(dead_ok / dead_n, 4) if dead_n else 0.0,
        "injured_exact": round(inj_ok / inj_n, 4) if inj_n else 0.0,
        "place_accuracy": round(loc_ok / loc_n, 4) if loc_n else 0.0,
        "baseline_majority_macro_f1": round(scores.majority_macro_f1, 4),
        "baseline_keyword_macro_f1": round(scores.keyword_macro_f1, 4),
        "report": "\n".join(lines),
    }
