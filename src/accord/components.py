"""accord's stages as spaCy components, for users who build their own spaCy pipeline.

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("accord_times"); nlp.add_pipe("accord_places")
    doc = nlp(text); doc._.accord.times  # the draft record the stages filled

The draft lives in ``doc._.accord``; the publication date can be set with
``doc._.accord_published`` before the components run (or via ``nlp.pipe(..., component_cfg)``).
The text is used as given: run :func:`accord.clean.clean` first if it needs repairs.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from accord.pipeline import DEFAULT_STAGES, Draft, stages
from accord.records import Article

if not Doc.has_extension("accord"):
    Doc.set_extension("accord", default=None)
if not Doc.has_extension("accord_published"):
    Doc.set_extension("accord_published", default=None)


def draft_of(doc: Doc, article_id: str = "doc") -> Draft:
    """The doc's draft record, created on first use."""
    if doc._.accord is None:
        published = doc._.accord_published
        if isinstance(published, str):
            published = date.fromisoformat(published[:10])
        doc._.accord = Draft(
            article=Article(id=article_id, published=published.isoformat() if published else None),
            text=doc.text,
            repairs=[],
            doc=doc,
            published=published,
        )
    return doc._.accord


class StageComponent:
    """Runs one accord stage on a Doc."""

    def __init__(self, stage: Any) -> None:
        self.stage = stage

    def __call__(self, doc: Doc) -> Doc:
        self.stage(draft_of(doc))
        return doc


def _make_factory(stage_name: str) -> None:
    @Language.factory(f"accord_{stage_name}", default_config={})
    def factory(nlp: Language, name: str) -> StageComponent:
        return StageComponent(stages.get(stage_name)())


for _name in DEFAULT_STAGES:
    if not Language.has_factory(f"accord_{_name}"):
        _make_factory(_name)
