"""Pipeline assembly, stage registry, spaCy components and the record guarantees of extract."""

from __future__ import annotations

import jsonschema
import pytest

from accord.errors import ConfigError, EmptyInput, PipelineAssemblyError
from accord.ingest import RawArticle
from accord.pipeline import DEFAULT_STAGES, ExtractionFailure, Pipeline, check_assembly, stages
from accord.records import json_schema, span_errors

TEXT = (
    "Ukrainian Foreign Minister Oleksiy Hordiyenko met his Turkish counterpart in Ankara on Tuesday.\n"
    'Hordiyenko said: "We want a ceasefire within a week." A drone strike killed two people in Kharkiv.'
)


def test_pipeline_builtin_stages_registered():
    assert set(DEFAULT_STAGES) <= set(stages.names())


def test_pipeline_unknown_stage_is_config_error(nlp):
    with pytest.raises(ConfigError, match="unknown stage 'nope'"):
        Pipeline(nlp=nlp, stage_names=["times", "nope"])


def test_pipeline_assembly_fails_when_input_has_no_producer(nlp):
    with pytest.raises(PipelineAssemblyError) as exc:
        Pipeline(nlp=nlp, stage_names=["events"])
    assert "requires" in str(exc.value) and exc.value.code == "E201"


def test_pipeline_assembly_accepts_default_order():
    check_assembly([stages.get(n)() for n in DEFAULT_STAGES])


def test_pipeline_extract_gives_valid_record(pipeline):
    rec = pipeline.extract(TEXT, published="2025-05-16", id="t1")
    data = rec.to_dict()
    jsonschema.validate(data, json_schema())
    assert span_errors(rec) == []
    assert rec.article.id == "t1" and rec.article.published == "2025-05-16"
    assert rec.actors and rec.places and rec.times


def test_pipeline_ids_and_output_are_stable(pipeline):
    a = pipeline.extract(TEXT, published="2025-05-16", id="t1").to_json()
    b = pipeline.extract(TEXT, published="2025-05-16", id="t1").to_json()
    assert a == b


def test_pipeline_extract_many_keeps_order_and_isolates_failures(pipeline):
    raws = [
        RawArticle(text="Talks resumed in Doha.", origin="one", id="one"),
        RawArticle(text="   \n ", origin="blank", id="blank"),
        RawArticle(text="Protesters gathered in Yerevan.", origin="three", id="three"),
    ]
    out = list(pipeline.extract_many(raws))
    assert [type(x).__name__ for x in out] == ["ArticleRecord", "ExtractionFailure", "ArticleRecord"]
    assert isinstance(out[1], ExtractionFailure) and isinstance(out[1].error, EmptyInput)
    assert out[2].article.id == "three"


def test_pipeline_stage_bug_becomes_failure_not_crash(nlp):
    @stages.register("boom")
    class Boom:
        name = "boom"
        requires = ("doc",)
        assigns = ()

        def __call__(self, draft):
            raise RuntimeError("kaput")

    pipe = Pipeline(nlp=nlp, stage_names=["boom"])
    [out] = list(pipe.extract_many([RawArticle(text="Talks.", origin="x.txt")]))
    assert isinstance(out, ExtractionFailure) and "kaput" in str(out.error) and "x.txt" in str(out.error)


def test_pipeline_stages_usable_as_spacy_components():
    import spacy

    import accord.components  # noqa: F401  (registers the accord_* factories)
    from accord.pipeline import load_nlp

    nlp = spacy.load(load_nlp().path)  # a separate copy: the shared one must stay unchanged
    nlp.add_pipe("accord_times")
    nlp.add_pipe("accord_places")
    doc = nlp("The talks in Kharkiv ended on Tuesday.")
    draft = doc._.accord
    assert any("Tuesday" in t.text for t in draft.times)
    assert any(p.name == "Kharkiv" for p in draft.places)
    assert "accord_times" not in load_nlp().pipe_names
