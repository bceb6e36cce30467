"""The record contract: the shipped JSON Schema is the one the models generate, and it validates."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from accord.records import ArticleRecord, json_schema, span_errors

EXAMPLE = Path(__file__).resolve().parents[2] / "shared" / "examples" / "jeddah.expected.json"


def shipped_schema() -> dict:
    return json.loads(resources.files("accord").joinpath("schema/article-record.schema.json").read_text())


def test_records_shipped_schema_matches_models():
    assert shipped_schema() == json.loads(json.dumps(json_schema())), "run `make schema` and commit the result"


def test_records_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(json_schema())


def test_records_minimal_record_validates():
    rec = ArticleRecord.model_validate({"article": {"id": "x"}, "text": "Hello."})
    data = rec.to_dict()
    assert data["schema"] == "accord/1"
    jsonschema.validate(data, json_schema())


@pytest.mark.skipif(not EXAMPLE.exists(), reason="shared worked example absent")
def test_records_worked_example_round_trips():
    data = json.loads(EXAMPLE.read_text())
    rec = ArticleRecord.model_validate(data)
    assert span_errors(rec) == []
    assert rec.to_dict() == data
    jsonschema.validate(data, json_schema())


def test_records_span_errors_reports_bad_offsets():
    rec = ArticleRecord.model_validate(
        {
            "article": {"id": "x"},
            "text": "Kyiv said.",
            "times": [{"start": 0, "end": 4, "text": "Kiev", "type": "DATE", "value": None}],
        }
    )
    assert len(span_errors(rec)) == 1


def test_records_rejects_unknown_fields_and_types():
    with pytest.raises(ValueError):
        ArticleRecord.model_validate({"article": {"id": "x"}, "text": "t", "bogus": 1})
    with pytest.raises(ValueError):
        ArticleRecord.model_validate(
            {
                "article": {"id": "x"},
                "text": "t",
                "events": [
                    {"id": "e", "type": "EXPLODE", "confidence": 0.5, "evidence": {"start": 0, "end": 1, "text": "t"}}
                ],
            }
        )
