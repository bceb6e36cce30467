"""Fuzz the readers and cleaning with atheris: any bytes, as any input kind, must give articles or
per-input errors (never another exception), and cleaning must round-trip through its repairs.

    .venv/bin/python fuzz/fuzz_readers.py -max_total_time=60 [-atheris_runs=N] [CORPUS_DIR]
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from accord.clean import clean
    from accord.errors import InputError
    from accord.ingest.raw import RawArticle
    from accord.ingest.readers import read_bytes

KINDS = ("auto", "text", "jsonl", "json", "html", "feed", "warc")


def _check_clean(text: str) -> None:
    try:
        cleaned = clean(text)
    except InputError:
        return
    out = cleaned.text
    for r in sorted(cleaned.repairs, key=lambda r: (r.start, r.raw_start), reverse=True):
        out = out[: r.start] + r.original + out[r.end :]
    assert out == text, "repairs do not round-trip"


def test_one_input(data: bytes) -> None:
    if not data:
        return
    kind = KINDS[data[0] % len(KINDS)]
    for result in read_bytes(data[1:], "<fuzz>", kind=kind):
        assert isinstance(result, (RawArticle, InputError)), type(result)
        if isinstance(result, RawArticle) and len(result.text) < 20_000:
            _check_clean(result.text)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
