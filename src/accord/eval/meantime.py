"""``accord eval meantime``: cross-document event coreference on MEANTIME English (WikiNews).

MEANTIME links event mentions of its 120 articles to cross-document *instances*. We run the full
pipeline on every article (publication date = the document's creation time), link the events across
articles with :func:`accord.link.link_events`, and score our merges with B³ and pairwise
precision/recall/F1 **on the events we detect that carry an annotated instance**.

Our records do not keep an event's trigger token, only its evidence sentence, so an event is matched
to the gold instance of the main annotated event mention of that sentence (the first verbal mention
with a cross-document instance, else the first mention). This is an approximation and the report
says how many of our events could be matched. The corpus is business news (Airbus, Apple, GM, stock
markets), far from conflict reporting, so few PLOVER events are found there; the figures measure the
linker's precision on what it merges more than the events stage's coverage.
"""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from accord.errors import InputError
from accord.eval import scorers, shared_data_dir


@dataclass
class GoldDoc:
    doc_id: str
    topic: str
    text: str
    dct: str | None
    mentions: list[tuple[int, int, str, str]]  # start, end, pos, instance_id


def load_doc(path: Path) -> GoldDoc:
    root = ET.parse(path).getroot()
    pieces: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    pos = 0
    last_sentence = None
    for tok in root.iter("token"):
        sentence = tok.get("sentence")
        if last_sentence is not None:
            sep = "\n" if sentence != last_sentence else " "
            pieces.append(sep)
            pos += 1
        last_sentence = sentence
        word = tok.text or ""
        offsets[tok.get("t_id", "")] = (pos, pos + len(word))
        pieces.append(word)
        pos += len(word)
    text = "".join(pieces)
    markables = root.find("Markables")
    instances: dict[str, str] = {}
    mention_tokens: dict[str, tuple[list[str], str]] = {}
    dct = None
    if markables is not None:
        for el in markables:
            if el.tag == "EVENT" and el.get("instance_id"):
                instances[el.get("m_id", "")] = el.get("instance_id", "")
            elif el.tag == "EVENT_MENTION":
                mention_tokens[el.get("m_id", "")] = (
                    [a.get("t_id", "") for a in el.iter("token_anchor")],
                    el.get("pos", ""),
                )
            elif el.tag == "TIMEX3" and el.get("functionInDocument") == "CREATION_TIME":
                dct = el.get("value")
    mentions = []
    relations = root.find("Relations")
    if relations is not None:
        for rel in relations.iter("REFERS_TO"):
            target = rel.find("target")
            inst = instances.get(target.get("m_id", "")) if target is not None else None
            if not inst:
                continue
            for src in rel.iter("source"):
                toks, mpos = mention_tokens.get(src.get("m_id", ""), ([], ""))
                spans = [offsets[t] for t in toks if t in offsets]
                if spans:
                    mentions.append((min(s for s, _ in spans), max(e for _, e in spans), mpos, inst))
    return GoldDoc(
        doc_id=root.get("doc_id", path.stem),
        topic=path.parent.name,
        text=text,
        dct=_iso(dct),
        mentions=sorted(mentions),
    )


def _raw_offset(repairs: list, offset: int) -> int:
    shift = 0
    for r in repairs:
        if r.end <= offset:
            shift += (r.raw_end - r.raw_start) - (r.end - r.start)
    return offset + shift


def b_cubed(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """B³ precision/recall/F1 of a clustering ``item → cluster`` against ``item → gold cluster``."""
    items = [i for i in pred if i in gold]
    if not items:
        return 0.0, 0.0, 0.0
    by_pred: dict[str, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for i in items:
        by_pred[pred[i]].add(i)
        by_gold[gold[i]].add(i)
    p = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_pred[pred[i]]) for i in items) / len(items)
    r = sum(len(by_pred[pred[i]] & by_gold[gold[i]]) / len(by_gold[gold[i]]) for i in items) / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def pairwise(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float, int, int]:
    items = sorted(i for i in pred if i in gold)
    tp = fp = fn = 0
    for a, b in itertools.combinations(items, 2):
        same_p, same_g = pred[a] == pred[b], gold[a] == gold[b]
        tp += same_p and same_g
        fp += same_p and not same_g
        fn += same_g and not same_p
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), tp + fp, tp + fn


@scorers.register("meantime")
def score(path: Path | None = None) -> dict:
    from accord.ingest import RawArticle
    from accord.link import link_actors, link_events
    from accord.pipeline import ExtractionFailure, Pipeline

    base = Path(path) if path else (shared_data_dir() or Path("/nonexistent")) / "meantime"
    folder = base / "intra_cross-doc_annotation"
    if not folder.is_dir():
        raise InputError(
            "MEANTIME data not found; pass the folder holding intra_cross-doc_annotation/", source=str(base)
        )
    docs = [load_doc(p) for p in sorted(folder.glob("*/*.xml"))]
    pipe = Pipeline()
    raws = [RawArticle(text=d.text, origin=d.doc_id, id=d.doc_id, published=d.dct) for d in docs]
    records = [r for r in pipe.extract_many(raws) if not isinstance(r, ExtractionFailure)]
    by_id = {d.doc_id: d for d in docs}
    _, entity_of = link_actors(records)
    _, cluster_of = link_events(records, entity_of)
    gold: dict[str, str] = {}
    pred: dict[str, str] = {}
    n_events = 0
    for rec in records:
        doc = by_id[rec.article.id]
        for e in rec.events:
            n_events += 1
            start, end = _raw_offset(rec.repairs, e.evidence.start), _raw_offset(rec.repairs, e.evidence.end)
            inside = [m for m in doc.mentions if start <= m[0] and m[1] <= end]
            if not inside:
                continue
            main = next((m for m in inside if m[2] == "VERB"), inside[0])
            key = f"{rec.article.id}/{e.id}"
            gold[key] = main[3]
            pred[key] = cluster_of[(rec.article.id, e.id)]
    bp, br, bf = b_cubed(pred, gold)
    pp, pr, pf, n_pred_pairs, n_gold_pairs = pairwise(pred, gold)
    report = (
        f"MEANTIME English: {len(docs)} articles, {sum(len(d.mentions) for d in docs)} gold instance mentions\n"
        f"our events: {n_events}, matched to a gold instance: {len(gold)}\n"
        f"pairs merged by us: {n_pred_pairs}, coreferent gold pairs among matched events: {n_gold_pairs}"
    )
    return {
        "report": report,
        "events": n_events,
        "matched": len(gold),
        "b3_precision": bp,
        "b3_recall": br,
        "b3_f1": bf,
        "pairwise_precision": pp,
        "pairwise_recall": pr,
        "pairwise_f1": pf,
    }


def _iso(value: str | None) -> str | None:
    """The creation time as an ISO date; a few files write it as DD-MM-YYYY."""
    import re
    from datetime import date

    if not value:
        return None
    try:
        if m := re.match(r"(\d{4})-(\d{2})-(\d{2})", value):
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        if m := re.match(r"(\d{2})-(\d{2})-(\d{4})", value):
            return date(int(m[3]), int(m[2]), int(m[1])).isoformat()
    except ValueError:
        return None
    return None
