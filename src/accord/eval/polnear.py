"""Quote extraction against PolNeAR (political news attribution relations, brat standoff).

``accord eval polnear [DIR]`` scores the quotes stage on ``DIR`` (default ``shared/data/polnear/dev``;
tune on ``shared/data/polnear/train``, report dev). ``ACCORD_POLNEAR_LIMIT=N`` scores N articles spread
over the folder, for quick runs on the 840-article train split.
Each ``text/<article>.txt`` is parsed with spaCy as it is (no cleaning), so our offsets are the gold
offsets. When an article has several annotators' ``.ann`` files the first (sorted by name) is used.

Figures (micro-averaged over the set):

* ``overlap_p/r/f1`` — token overlap, as published quote systems report it. Tokens are the word
  tokens of the text (regex ``\\w+``; punctuation and quote marks do not count). A token is *gold*
  when it lies in any gold Content span and *predicted* when it lies in any predicted quote's
  [start, end). P = |pred ∩ gold| / |pred|, R = |pred ∩ gold| / |gold|.
* ``span_p/r/f1`` — quote-level matching: a predicted quote matches the gold attribution whose
  Content shares the most tokens with it, when those shared tokens are at least half of the
  predicted or half of the gold tokens. Several predicted quotes may match one gold attribution
  (PolNeAR joins `"A," X said. "B."` into one discontinuous Content; we give two quotes): precision
  counts matched predicted quotes, recall counts gold attributions matched at least once.
* ``speaker_accuracy`` — over matched quotes whose gold attribution has a Source: the share whose
  ``speaker_mention`` overlaps (by at least one character) a gold Source span. A quote with no
  speaker mention counts as wrong.
* ``no_source_accuracy`` — over matched quotes whose gold attribution has no Source: the share
  where we also gave no speaker.
"""

from __future__ import annotations

import os
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from accord.errors import InputError
from accord.eval import scorers, shared_data_dir

_T = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")
_WORD = re.compile(r"\w+")


@dataclass
class GoldAttribution:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)


def parse_ann(path: Path) -> list[GoldAttribution]:
    """Attribution relations (E lines) of one brat .ann file; discontinuous spans kept as pieces."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _T.match(line)
        if m:
            pieces = [tuple(int(x) for x in p.split()) for p in m.group(3).split(";") if p.strip()]
            spans[m.group(1)] = (m.group(2), [(p[0], p[1]) for p in pieces])
        elif line.startswith("E"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            args = dict(a.split(":", 1) for a in parts[1].split()[1:] if ":" in a)
            events.append(args)
    out = []
    for args in events:
        content = [p for tid in [args.get("Content")] if tid in spans for p in spans[tid][1]]
        if not content:
            continue
        source = [p for tid in [args.get("Source")] if tid in spans for p in spans[tid][1]]
        cue = [p for tid in [args.get("Cue")] if tid in spans for p in spans[tid][1]]
        out.append(GoldAttribution(content=content, source=source, cue=cue))
    return out


def _tokens(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _WORD.finditer(text)]


def _token_ids(tokens: list[tuple[int, int]], pieces: list[tuple[int, int]]) -> set[int]:
    ids: set[int] = set()
    for s, e in pieces:
        ids.update(i for i, (ts, _te) in enumerate(tokens) if s <= ts < e)
    return ids


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def load_set(path: Path, limit: int | None = None) -> list[tuple[str, str, list[GoldAttribution]]]:
    """(name, text, gold attributions) per article of a PolNeAR compartment folder; with ``limit``,
    that many articles spread evenly over the sorted list (every publisher, not the first one only)."""
    text_dir, ann_dir = path / "text", path / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise InputError(f"PolNeAR data not found under {path} (expected text/ and attributions/)")
    out = []
    for txt in sorted(text_dir.glob("*.txt")):
        anns = sorted(ann_dir.glob(f"{txt.stem}_*.ann"))
        if not anns:
            continue
        out.append((txt.stem, txt.read_text(encoding="utf-8"), parse_ann(anns[0])))
    if limit is not None and 0 < limit < len(out):
        out = [out[i * len(out) // limit] for i in range(limit)]
    return out


def score_predictions(items: list[tuple[str, list[GoldAttribution], list[Any]]]) -> dict:
    """Figures for (text, gold attributions, predicted quotes) triples; quotes need start, end, kind
    and speaker_mention (see the module docstring)."""
    tp_tok = pred_tok = gold_tok = 0
    n_pred = n_gold = n_match = n_found = 0
    spk_ok = spk_n = nosrc_ok = nosrc_n = 0
    kinds: Counter[str] = Counter()
    kinds_ok: Counter[str] = Counter()
    for text, gold, quotes in items:
        tokens = _tokens(text)
        gold_sets = [_token_ids(tokens, g.content) for g in gold]
        gold_all = set().union(*gold_sets) if gold_sets else set()
        pred_sets = [_token_ids(tokens, [(q.start, q.end)]) for q in quotes]
        pred_all = set().union(*pred_sets) if pred_sets else set()
        tp_tok += len(pred_all & gold_all)
        pred_tok += len(pred_all)
        gold_tok += len(gold_all)
        n_pred += len(quotes)
        n_gold += len(gold)
        used: set[int] = set()
        for q, ps in zip(quotes, pred_sets, strict=True):
            kinds[q.kind] += 1
            best, best_ov = None, 0
            for gi, gs in enumerate(gold_sets):
                ov = len(ps & gs)
                if ov > best_ov:
                    best, best_ov = gi, ov
            if best is None or not ps or (best_ov * 2 < len(ps) and best_ov * 2 < len(gold_sets[best])):
                continue
            n_match += 1
            n_found += best not in used
            used.add(best)
            kinds_ok[q.kind] += 1
            g = gold[best]
            m = q.speaker_mention
            if g.source:
                spk_n += 1
                spk_ok += m is not None and any(m.start < e and s < m.end for s, e in g.source)
            else:
                nosrc_n += 1
                nosrc_ok += m is None
    op = tp_tok / pred_tok if pred_tok else 0.0
    orr = tp_tok / gold_tok if gold_tok else 0.0
    sp = n_match / n_pred if n_pred else 0.0
    sr = n_found / n_gold if n_gold else 0.0
    result: dict[str, Any] = {
        "overlap_p": round(op, 4),
        "overlap_r": round(orr, 4),
        "overlap_f1": round(_f1(op, orr), 4),
        "span_p": round(sp, 4),
        "span_r": round(sr, 4),
        "span_f1": round(_f1(sp, sr), 4),
        "speaker_accuracy": round(spk_ok / spk_n, 4) if spk_n else 0.0,
        "no_source_accuracy": round(nosrc_ok / nosrc_n, 4) if nosrc_n else 0.0,
    }
    by_kind = ", ".join(f"{k} {kinds_ok[k]}/{kinds[k]} matched" for k in sorted(kinds))
    result["report"] = (
        f"{n_gold} gold attributions, {n_pred} predicted quotes ({by_kind})\n"
        f"token overlap P {op:.3f} R {orr:.3f} F1 {result['overlap_f1']:.3f} | quote match P {sp:.3f} R {sr:.3f} "
        f"F1 {result['span_f1']:.3f} | speaker accuracy {result['speaker_accuracy']:.3f} on {spk_n} matched "
        f"(no-source kept empty {result['no_source_accuracy']:.3f} on {nosrc_n})"
    )
    return result


def default_path(path: Path | None) -> Path:
    if path is None:
        base = shared_data_dir()
        if base is None or not (base / "polnear" / "dev").is_dir():
            raise InputError("PolNeAR dev data is absent: expected ../shared/data/polnear/dev (or pass a PATH)")
        path = base / "polnear" / "dev"
    return Path(path)


def _env_limit() -> int | None:
    raw = os.environ.get("ACCORD_POLNEAR_LIMIT", "").strip()
    if not raw:
        return None
    try:
        return int(raw)
    except ValueError:
        raise InputError(f"ACCORD_POLNEAR_LIMIT must be a whole number, not {raw!r}") from None


@scorers.register("polnear")
def score(path: Path | None = None, limit: int | None = None) -> dict:
    """Score the quotes stage on a PolNeAR folder (see the module docstring for the figures);
    ``limit`` (or ``$ACCORD_POLNEAR_LIMIT``) scores that many articles spread over the folder."""
    from accord.extract.quotes import QuoteFinder
    from accord.pipeline import Draft, load_nlp
    from accord.records import Article

    path = default_path(path)
    articles = load_set(path, limit if limit is not None else _env_limit())
    if not articles:
        raise InputError(f"no PolNeAR articles with annotations under {path}")
    nlp = load_nlp()
    finder = QuoteFinder()
    t0 = time.perf_counter()
    items = []
    for (name, text, gold), doc in zip(articles, nlp.pipe([a[1] for a in articles], batch_size=8), strict=True):
        draft = Draft(article=Article(id=name), text=text, repairs=[], doc=doc, published=date(2016, 11, 1))
        items.append((text, gold, finder(draft)))
    result = score_predictions(items)
    result["report"] = (
        f"PolNeAR {path.name}: {len(articles)} articles, {time.perf_counter() - t0:.1f}s; " + result["report"]
    )
    return result
