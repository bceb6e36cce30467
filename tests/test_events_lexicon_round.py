"""Events lexicon: pull-backs worded as nouns or phrasal verbs are RETREAT events (PLOVER manual §RETREAT)."""

from __future__ import annotations

import pytest

from accord.extract.events import EventsStage
from accord.knowledge import plover as kb


def _types(make_draft, text: str) -> list[str]:
    from accord.pipeline import stages

    draft = make_draft(text)
    stages.get("times")()(draft)
    EventsStage()(draft)
    return [e.type for e in draft.events]


@pytest.mark.parametrize(
    "text",
    [
        "The battalion's pull-out from the valley started at dawn.",
        "The unit's pull-back from the hills ended the standoff.",
        "The troop drawdown was finished by the end of the month.",
        "The army completed the pullback of its soldiers from the village.",
        "The navy drew down warships from the strait.",
    ],
)
def test_events_lexicon_round_nominal_pullback_is_retreat(make_draft, text: str) -> None:
    assert "RETREAT" in _types(make_draft, text)


@pytest.mark.parametrize(
    "text",
    [
        "The company drew down its savings to pay the debt.",
        "The pull of the river was strong.",
    ],
)
def test_events_lexicon_round_non_military_senses_give_no_retreat(make_draft, text: str) -> None:
    assert "RETREAT" not in _types(make_draft, text)


@pytest.mark.parametrize("lemmas", [("pull", "out"), ("pull", "back"), ("draw", "down"), ("drawdown",), ("pullback",)])
def test_events_lexicon_round_noun_entries_code_withdraw(lemmas: tuple[str, ...]) -> None:
    entries = [t for t in kb.lexicon()[lemmas[0]] if t.lemmas == lemmas and t.pos == "N"]
    assert entries and all(t.type == "RETREAT" and t.mode == "withdraw" for t in entries)


@pytest.mark.parametrize(
    ("text", "killed", "sub"),
    [
        ("Gunmen stormed the market and looted a dozen shops overnight.", None, "Looting/property destruction"),
        ("Militants ransacked and torched the village clinic.", 0, "Looting/property destruction"),
        ("Raiders plundered the warehouse of the aid agency.", None, "Looting/property destruction"),
        ("Gunmen looted the shops and shot four traders dead.", 4, "Attack"),
        ("Gunmen attacked a bus on the highway.", None, "Attack"),
    ],
)
def test_events_lexicon_round_plunder_without_deaths_is_looting(text: str, killed: int | None, sub: str) -> None:
    assert kb.acled_code("ASSAULT", None, text, killed=killed) == (kb.ACLED_EVENT_TYPE[sub], sub)
