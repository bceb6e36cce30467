"""``accord eval timebank``: TIMEX3 extraction and normalisation on TimeBank + AQUAINT (TBAQ-cleaned).

Scored as TempEval-3 task A defines it, at character level: a system timex *relaxed*-matches a gold
one when their spans overlap and *strictly* matches when the spans are equal; precision counts
system timexes with a match, recall gold timexes with a match. Value (and type) accuracy is the share
of relaxed matches whose value (type) is equal; value F1 counts as true positives only relaxed matches
with the equal value (the TempEval-3 headline for normalisation). Values are compared after one
notational normalisation: ISO week numbers without zero padding (``1989-W08`` = ``1989-W8``).

Only the spaCy parse and our tagger run (no cleaning), so offsets are those of the TimeML text; each
document's creation time (the DCT) is the anchor, as the publication date is for an article.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from accord.errors import InputError
from accord.eval import scorers, shared_data_dir

_TAG = re.compile(r"<(/?)(\w+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None


@dataclass
class TimebankDoc:
    name: str
    text: str
    dct: date | None
    gold: list[GoldTimex] = field(default_factory=list)


def load_tml(path: Path) -> TimebankDoc:
    """One .tml file: the TEXT element as plain text, its TIMEX3s with offsets, and the DCT."""
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r"<DCT>.*?value=\"(\d{4})-?(\d{2})-?(\d{2})", raw, re.S)
    dct = date(int(dct_m.group(1)), int(dct_m.group(2)), int(dct_m.group(3))) if dct_m else None
    body_m = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    if body_m is None:
        raise InputError(f"{path}: no <TEXT> element", source=str(path))
    body = body_m.group(1)
    out: list[str] = []
    length = 0
    gold: list[GoldTimex] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    pos = 0
    for m in _TAG.finditer(body):
        piece = html.unescape(body[pos: m.start()])
        out.append(piece)
        length += len(piece)
        pos = m.end()
        closing, name = m.group(1), m.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(m.group(3))))
        elif open_timex is not None:
            s, attrs = open_timex
            gold.append(GoldTimex(s, length, "", attrs.get("type", ""), attrs.get("value", ""), attrs.get("mod")))
            open_timex = None
    piece = html.unescape(body[pos:])
    out.append(piece)
    text = "".join(out)
    for g in gold:
        g.text = text[g.start: g.end]
    return TimebankDoc(path.stem, text, dct, gold)


def load_corpus(path: Path | None = None) -> list[TimebankDoc]:
    root = Path(path) if path else (shared_data_dir() or Path("/nonexistent")) / "timebank_aquaint"
    files = sorted(root.rglob("*.tml")) if root.is_dir() else []
    if not files:
        raise InputError(
            f"no TimeML files under {root}: pass the folder holding TBAQ-cleaned .tml files "
            "(TimeBank/ and AQUAINT/), e.g. `accord eval timebank ../shared/data/timebank_aquaint`",
            source=str(root),
        )
    return [load_tml(f) for f in files]


@dataclass
class SysTimex:
    start: int
    end: int
    type: str
    value: str | None


def _norm_value(v: str | None) -> str:
    return re.sub(r"-W0(\d)", r"-W\1", v or "")


def score_predictions(docs: Sequence[TimebankDoc], preds: Sequence[Sequence[SysTimex]]) -> dict:
    """TempEval-3 style span, type and value figures; ``errors`` counts miss/false-alarm/value kinds."""
    n_sys = n_gold = sys_rel = gold_rel = sys_strict = gold_strict = 0
    matched = value_ok = type_ok = 0
    errors: Counter = Counter()
    examples: dict[str, list[str]] = {"missed": [], "spurious": [], "value": []}
    for doc, sys in zip(docs, preds, strict=True):
        n_sys += len(sys)
        n_gold += len(doc.gold)
        gold_hit = [False] * len(doc.gold)
        for s in sys:
            overl = [i for i, g in enumerate(doc.gold) if s.start < g.end and g.start < s.end]
            if not overl:
                errors["spurious"] += 1
                examples["spurious"].append(f"{doc.name}: {doc.text[s.start:s.end]!r} {s.value}")
                continue
            sys_rel += 1
            g_i = max(overl, key=lambda i: min(s.end, doc.gold[i].end) - max(s.start, doc.gold[i].start))
            g = doc.gold[g_i]
            if (s.start, s.end) == (g.start, g.end):
                sys_strict += 1
            if not gold_hit[g_i]:
                matched += 1
                if _norm_value(s.value) == _norm_value(g.value):
                    value_ok += 1
                else:
                    errors["wrong value"] += 1
                    examples["value"].append(f"{doc.name}: {g.text!r} gold={g.value} ours={s.value} "
                                             f"({doc.text[s.start:s.end]!r})")
                if s.type == g.type:
                    type_ok += 1
            gold_hit[g_i] = True
        for i, g in enumerate(doc.gold):
            if gold_hit[i]:
                gold_rel += 1
                if any((s.start, s.end) == (g.start, g.end) for s in sys):
                    gold_strict += 1
            else:
                errors["missed"] += 1
                examples["missed"].append(f"{doc.name}: {g.text!r} {g.type} {g.value}")

    def prf(tp_p: int, tp_r: int) -> tuple[float, float, float]:
        p = tp_p / n_sys if n_sys else 0.0
        r = tp_r / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    sp, sr, sf = prf(sys_strict, gold_strict)
    rp, rr, rf = prf(sys_rel, gold_rel)
    vp, vr, vf = prf(value_ok, value_ok)
    _, _, tf = prf(type_ok, type_ok)
    return {
        "strict_precision": sp, "strict_recall": sr, "strict_f1": sf,
        "relaxed_precision": rp, "relaxed_recall": rr, "relaxed_f1": rf,
        "value_precision": vp, "value_recall": vr, "value_f1": vf,
        "value_accuracy": value_ok / matched if matched else 0.0,
        "type_accuracy": type_ok / matched if matched else 0.0, "type_f1": tf,
        "gold": float(n_gold), "system": float(n_sys),
        "errors": errors, "examples": examples,
    }


def format_report(name: str, res: dict) -> str:
    return (
        f"{name}: gold {int(res['gold'])} timexes, system {int(res['system'])}\n"
        f"  strict  span P/R/F1 {res['strict_precision']:.3f} {res['strict_recall']:.3f} {res['strict_f1']:.3f}\n"
        f"  relaxed span P/R/F1 {res['relaxed_precision']:.3f} {res['relaxed_recall']:.3f} {res['relaxed_f1']:.3f}\n"
        f"  value accuracy {res['value_accuracy']:.3f}  value F1 {res['value_f1']:.3f}   "
        f"type accuracy {res['type_accuracy']:.3f}  type F1 {res['type_f1']:.3f}\n"
        f"  errors: " + ", ".join(f"{k} {v}" for k, v in res["errors"].most_common())
    )


def predict_ours(docs: Iterable[TimebankDoc], nlp: object | None = None) -> list[list[SysTimex]]:
    """Our tagger over each document (spaCy parse + rules), anchored at the DCT; TimeML extents."""
    from accord.extract.timex import tag
    from accord.pipeline import load_nlp

    nlp = nlp or load_nlp()
    docs = list(docs)
    out: list[list[SysTimex]] = []
    disable = [p for p in ("ner",) if p in nlp.pipe_names]  # type: ignore[attr-defined]
    parses = nlp.pipe((d.text for d in docs), batch_size=16, disable=disable)  # type: ignore[attr-defined]
    for d, parsed in zip(docs, parses, strict=True):
        out.append([SysTimex(t.start, t.end, t.type, t.value) for t in tag(d.text, parsed, d.dct)])
    return out


def evaluate(path: Path | None, predict: Callable[[list[TimebankDoc]], list[list[SysTimex]]]) -> dict:
    docs = load_corpus(path)
    return score_predictions(docs, predict(docs))


@scorers.register("timebank")
def score(path: Path | None = None) -> dict:
    res = evaluate(path, predict_ours)
    report = format_report("accord timex tagger", res)
    out = {k: v for k, v in res.items() if isinstance(v, float)}
    out["report"] = report
    return out
