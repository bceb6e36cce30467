"""Baseline for ``accord eval timebank``: dateparser's ``search_dates`` beside our tagger.

Run: ``.venv/bin/python benchmarks/timebank_baseline.py [PATH]`` (default ../shared/data/timebank_aquaint).
dateparser finds date-like substrings and returns datetimes; we give each found substring the
document creation time as its relative base, take its value at day granularity (dateparser has no
week/month/year granularity, durations or sets) and score both systems with the same TempEval-3
style scorer (:mod:`accord.eval.timebank`).
"""

from __future__ import annotations

import sys
import time
import warnings
from datetime import datetime
from pathlib import Path

from accord.eval.timebank import SysTimex, TimebankDoc, format_report, load_corpus, predict_ours, score_predictions


def predict_dateparser(docs: list[TimebankDoc]) -> list[list[SysTimex]]:
    from dateparser.search import search_dates

    out: list[list[SysTimex]] = []
    for d in docs:
        base = datetime(d.dct.year, d.dct.month, d.dct.day) if d.dct else datetime.now()
        found: list[SysTimex] = []
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            hits = search_dates(d.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        pos = 0
        for sub, dt in hits:
            i = d.text.find(sub, pos)
            if i < 0:
                i = d.text.find(sub)
                if i < 0:
                    continue
            else:
                pos = i + len(sub)
            found.append(SysTimex(i, i + len(sub), "DATE", dt.date().isoformat()))
        out.append(found)
    return out


def main(argv: list[str]) -> None:
    docs = load_corpus(Path(argv[0]) if argv else None)
    for name, predict in (("accord timex tagger", predict_ours), ("dateparser search_dates", predict_dateparser)):
        t0 = time.perf_counter()
        preds = predict(docs)
        res = score_predictions(docs, preds)
        print(format_report(name, res) + f"\n  ({time.perf_counter() - t0:.1f}s)\n")


if __name__ == "__main__":
    main(sys.argv[1:])
