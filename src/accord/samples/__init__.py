"""The bundled sample corpus: wire-style articles written for accord (fictional people, real places)."""

from __future__ import annotations

from pathlib import Path

SAMPLES_DIR = Path(__file__).parent


def sample_path() -> Path:
    """The JSONL file of sample articles (id, title, source, published, text)."""
    return SAMPLES_DIR / "articles.jsonl"


def expected_path() -> Path:
    """The hand coding of the sample articles' key facts (see README.md in this folder)."""
    return SAMPLES_DIR / "expected.json"
