"""Shared, cheap fixtures. The spaCy model loads once per test process (session scope)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from accord.eval import shared_data_dir

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = shared_data_dir()


@pytest.fixture(scope="session")
def nlp():
    from accord.pipeline import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def pipeline(nlp):
    from accord.pipeline import Pipeline

    return Pipeline(nlp=nlp)


@pytest.fixture
def make_draft(nlp):
    """Build a Draft from text without cleaning: ``make_draft("text", published="2025-05-16")``."""
    from accord.pipeline import Draft
    from accord.records import Article

    def build(text: str, published: str | None = "2025-05-16", article_id: str = "t"):
        pub = date.fromisoformat(published) if published else None
        return Draft(
            article=Article(id=article_id, published=published), text=text, repairs=[], doc=nlp(text), published=pub
        )

    return build


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``; tests that need it skip when it is absent (as on a user's machine)."""
    if SHARED_DATA is None:
        pytest.skip("public gold data (../shared/data) is not present")
    return SHARED_DATA


@pytest.fixture(scope="session")
def samples() -> list[dict]:
    import json

    from accord.samples import sample_path

    return [json.loads(line) for line in sample_path().read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="session")
def pg_url():
    """A real PostgreSQL server on loopback for the whole session (skips when not installed)."""
    from pgserver import postgres_server

    with postgres_server() as url:
        yield url
