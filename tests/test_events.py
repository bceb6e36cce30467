"""Events stage: PLOVER type, status, parties, mode, casualties, codes, and the Jeddah example."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.extract.events import EventsStage
from accord.knowledge import plover as kb
from accord.records import Actor, Span

EXAMPLES = Path(__file__).resolve().parents[2] / "shared" / "examples"


def _with_actors(draft, names: dict[str, tuple[str, str | None]]):
    """Give a draft hand-made actors: name → (kind, country); every occurrence becomes a mention."""
    for n, (name, (kind, country)) in enumerate(names.items(), start=1):
        mentions, at = [], draft.text.find(name)
        while at >= 0:
            mentions.append(Span(start=at, end=at + len(name), text=name))
            at = draft.text.find(name, at + 1)
        draft.actors.append(Actor(id=f"t:a{n}", name=name, kind=kind, country=country, mentions=mentions))
    return draft


def _run(make_draft, text: str, actors: dict | None = None, published: str = "2025-05-16"):
    from accord.pipeline import stages

    draft = _with_actors(make_draft(text, published=published), actors or {})
    stages.get("times")()(draft)  # event dates come from the times stage's expressions
    EventsStage()(draft)
    return draft


def _name(draft, actor_id: str) -> str:
    return next(a.name for a in draft.actors if a.id == actor_id)


@pytest.mark.parametrize(
    ("text", "etype"),
    [
        ("Russian forces shelled the outskirts of Kharkiv overnight.", "ASSAULT"),
        ("Police arrested 30 opposition activists in the capital.", "COERCE"),
        ("The two governments signed a memorandum on border security.", "AGREE"),
        ("The foreign ministers met in Geneva on Monday.", "CONSULT"),
        ("The envoy visited Kabul last week.", "CONSULT"),
        ("The army rejected the rebel proposal.", "REJECT"),
        ("The ministry accused the militia of looting the town.", "ACCUSE"),
        ("The opposition condemned the arrests.", "ACCUSE"),
        ("The rebels threatened to attack the capital.", "THREATEN"),
        ("The European Union imposed sanctions on the generals.", "SANCTION"),
        ("Thousands of teachers went on strike over unpaid wages.", "PROTEST"),
        ("Protesters marched through the city centre.", "PROTEST"),
        ("The army deployed troops along the border.", "MOBILIZE"),
        ("The militia released 20 prisoners on Sunday.", "RETREAT"),
        ("Foreign troops withdrew from the base.", "RETREAT"),
        ("The government lifted the curfew in the north.", "CONCEDE"),
        ("The United Nations called for an immediate ceasefire.", "REQUEST"),
        ("The families urged the government to free the hostages.", "REQUEST"),
        ("The minister welcomed the agreement.", "SUPPORT"),
        ("Germany sent medical supplies to the region.", "AID"),
        ("The two navies agreed to share intelligence.", "AGREE"),
        ("The agencies cooperated closely with the police.", "COOPERATE"),
        ("Government forces clashed with rebels near the airport.", "ASSAULT"),
        ("A drone strike hit a market in the town.", "ASSAULT"),
    ],
)
def test_events_type(make_draft, text: str, etype: str) -> None:
    draft = _run(make_draft, text)
    assert draft.events, text
    assert draft.events[0].type == etype
    assert draft.events[0].evidence.text == text


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The army attacked the town on Thursday.", "asserted"),
        ("The army did not attack the town.", "negated"),
        ("The army denied attacking the town.", "negated"),
        ("The army could attack the town within days.", "THREATEN"),
        ("The ministers will meet in Cairo next week.", "future"),
        ("The ministers will sign the deal in Cairo.", "future"),
        ("If no deal is reached, the rebels could walk away from the talks.", "hypothetical"),
        ("In March 2024 the two sides failed to agree on a truce.", "historical"),
    ],
)
def test_events_status(make_draft, text: str, status: str) -> None:
    draft = _run(make_draft, text)
    assert draft.events, text
    ev = draft.events[0]
    if status == "THREATEN":  # a material threat held out as possible is coded as a threat (codebook)
        assert ev.type == "THREATEN" and ev.status == "hypothetical"
    else:
        assert ev.status == status, (text, ev)


def test_events_future_cooperation_is_agree(make_draft) -> None:
    """Codebook: future AID/CONSULT/SUPPORT/COOPERATE is AGREE; a future retreat is CONCEDE."""
    draft = _run(make_draft, "Japan will send food aid to the refugees. The rebels will withdraw their troops.")
    assert [e.type for e in draft.events] == ["AGREE", "CONCEDE"]


def test_events_parties_active_and_passive(make_draft) -> None:
    actors = {"Russia": ("country", "RUS"), "Ukraine": ("country", "UKR")}
    active = _run(make_draft, "Russia attacked Ukraine on Monday.", actors)
    passive = _run(make_draft, "Ukraine was attacked by Russia on Monday.", actors)
    for d in (active, passive):
        ev = d.events[0]
        assert [_name(d, a) for a in ev.actors] == ["Russia"]
        assert [_name(d, a) for a in ev.recipients] == ["Ukraine"]


def test_events_parties_coordination(make_draft) -> None:
    actors = {"France": ("country", "FRA"), "Germany": ("country", "DEU"), "Mali": ("country", "MLI")}
    d = _run(make_draft, "France and Germany imposed sanctions on Mali.", actors)
    ev = d.events[0]
    assert ev.type == "SANCTION"
    assert sorted(_name(d, a) for a in ev.actors) == ["France", "Germany"]
    assert [_name(d, a) for a in ev.recipients] == ["Mali"]


def test_events_each_other_gives_two_events(make_draft) -> None:
    actors = {"the army": ("organization", "SDN"), "the militia": ("group", "SDN")}
    text = (
        "On Monday the army rejected a proposal from the militia. Later the two sides accused each other of shelling."
    )
    d = _run(make_draft, text, actors)
    accuse = [e for e in d.events if e.type == "ACCUSE"]
    assert len(accuse) == 2
    pairs = {(_name(d, e.actors[0]), _name(d, e.recipients[0])) for e in accuse}
    assert pairs == {("the army", "the militia"), ("the militia", "the army")}
    assert not any(e.type == "ASSAULT" for e in d.events)  # the alleged shelling is not reported as fact


def test_events_casualties_attach_to_assault(make_draft) -> None:
    d = _run(make_draft, "Officials met on Monday. Shelling killed 7 people and wounded 12 in the town.")
    assault = next(e for e in d.events if e.type == "ASSAULT")
    assert (assault.casualties.killed, assault.casualties.injured) == (7, 12)
    assert all(e.casualties.killed is None for e in d.events if e.type != "ASSAULT")


def test_events_codes_and_acled(make_draft) -> None:
    d = _run(make_draft, "A drone strike hit a market, killing 14 civilians and wounding 32 others.")
    ev = d.events[0]
    assert len(d.events) == 1  # strike, hit, killing and wounding are one event
    assert (ev.type, ev.mode, ev.quad_class) == ("ASSAULT", "aerial", 4)
    assert ev.acled is not None and ev.acled.sub_event_type == "Air/drone strike"
    assert ev.acled.event_type == "Explosions/Remote violence"
    assert -10 <= ev.intensity < 0 and 0 < ev.confidence <= 1


def test_events_quoted_statement_is_not_an_event(make_draft) -> None:
    d = _run(make_draft, 'He added: "If the fighting goes on, we will have to attack their positions."')
    assert d.events == []


def test_events_disaster_is_not_assault(make_draft) -> None:
    d = _run(make_draft, "A strong earthquake killed eight people in the province.")
    assert not any(e.type == "ASSAULT" for e in d.events)


def test_events_ids_in_text_order(make_draft) -> None:
    d = _run(make_draft, "Police arrested two men. Later the envoy visited Kabul.")
    assert [e.id for e in d.events] == ["t:e1", "t:e2"]
    assert d.events[0].evidence.start < d.events[1].evidence.start


@pytest.mark.parametrize(
    ("plover", "label"),
    [("AGREE", "Agreement"), ("ACCUSE", "Attribution of responsibility"), ("CONSULT", "Diplomatic event")],
)
def test_events_acled_crosswalk(plover: str, label: str) -> None:
    assert kb.acled_code(plover, None, "") == (kb.ACLED_EVENT_TYPE[label], label)


def test_events_case_labels_cover_acled_names() -> None:
    assert set(kb.CASE_LABELS.values()) <= set(kb.ACLED_EVENT_TYPE)


def test_events_type_model_is_small_and_loads() -> None:
    from accord.models.events_linear import load_model

    path = Path(kb.__file__).parents[1] / "models" / "events_linear.npz"
    assert path.stat().st_size < 5_000_000
    model = load_model()
    assert model is not None and set(model.labels) == set(kb.TYPE_INFO)
    probs = model.probs("Warplanes bombed rebel positions overnight.")
    assert abs(sum(probs.values()) - 1) < 1e-4


def _overlaps(a: dict, b) -> bool:
    return any(m["start"] < n.end and n.start < m["end"] for m in a["mentions"] for n in b.mentions)


@pytest.mark.skipif(not (EXAMPLES / "jeddah.txt").exists(), reason="shared example not present")
def test_events_match_jeddah_example(pipeline) -> None:
    """Types, status, dates, casualties and parties of the hand-coded Jeddah article."""
    expected = json.loads((EXAMPLES / "jeddah.expected.json").read_text(encoding="utf-8"))
    text = (EXAMPLES / "jeddah.txt").read_text(encoding="utf-8")
    rec = pipeline.extract(text, published="2025-05-16", id="jeddah")
    assert [e.type for e in rec.events] == [e["type"] for e in expected["events"]]
    exp_actors = {a["id"]: a for a in expected["actors"]}

    def same_parties(exp_ids: list[str], ours: list[str]) -> bool:
        mine = [a for a in rec.actors if a.id in ours]
        return len(exp_ids) == len(mine) and all(any(_overlaps(exp_actors[x], m) for m in mine) for x in exp_ids)

    for exp, got in zip(expected["events"], rec.events, strict=False):
        assert got.status == exp["status"]
        assert got.evidence.start == exp["evidence"]["start"]
        assert got.casualties.model_dump() == exp["casualties"]
        assert got.date.value == exp["date"]["value"]
        assert same_parties(exp["actors"], got.actors), (exp["id"], got.actors)
        assert same_parties(exp["recipients"], got.recipients), (exp["id"], got.recipients)
    assert rec.events[5].mode == "aerial" and rec.events[6].mode == "sign"


@pytest.mark.parametrize(
    ("text", "etype", "status"),
    [
        ("The mediators could walk away from the talks.", "THREATEN", "hypothetical"),
        ("The delegation walked out of the talks on Friday.", "SANCTION", "asserted"),
        ("The army will deploy more troops to the north.", "MOBILIZE", "future"),
        ("Workers walked out over unpaid wages.", "PROTEST", "asserted"),
    ],
)
def test_events_lexicon_conditions_and_reductions(make_draft, text: str, etype: str, status: str) -> None:
    ev = _run(make_draft, text).events[0]
    assert (ev.type, ev.status) == (etype, status)


def test_events_pronoun_subject_of_willing_is_the_speaker(make_draft) -> None:
    d = _run(make_draft, "Ruritania says it is willing to withdraw its troops.", {"Ruritania": ("country", "RUR")})
    ev = next(e for e in d.events if e.mode == "withdraw")
    assert [_name(d, a) for a in ev.actors] == ["Ruritania"]


@pytest.mark.parametrize(
    ("text", "actor", "recipient"),
    [
        (
            "The Freedom League demanded that the Interior Ministry release the prisoners.",
            "Freedom League",
            "Interior Ministry",
        ),
        (
            "The Freedom League warned that the Interior Ministry must not close the border.",
            "Freedom League",
            "Interior Ministry",
        ),
    ],
)
def test_events_complement_subject_is_recipient(make_draft, text: str, actor: str, recipient: str) -> None:
    d = _run(make_draft, text, {actor: ("organization", None), recipient: ("organization", None)})
    ev = next(e for e in d.events if e.type in ("REQUEST", "THREATEN"))
    assert [_name(d, a) for a in ev.actors] == [actor]
    assert [_name(d, a) for a in ev.recipients] == [recipient]


def test_events_actor_inside_subject_phrase(make_draft) -> None:
    d = _run(
        make_draft,
        "Doctors from the Valley Relief Fund delivered medicine to the hospital.",
        {"Valley Relief Fund": ("organization", None)},
    )
    ev = next(e for e in d.events if e.type == "AID")
    assert [_name(d, a) for a in ev.actors] == ["Valley Relief Fund"]


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Gunmen wounded two guards in a bomb attack on the depot.", "explosives"),
        ("Three people were killed in a suicide car bombing at the market.", "suicide-attack"),
        ("Raiders armed with machetes killed five villagers.", "primitive"),
        ("Two soldiers were killed by mortars fired at the base.", "shelling"),
    ],
)
def test_events_assault_mode_from_weapon_words(make_draft, text: str, mode: str) -> None:
    d = _run(make_draft, text)
    ev = next(e for e in d.events if e.type == "ASSAULT")
    assert ev.mode == mode


@pytest.mark.parametrize(
    ("text", "mode"),
    [("A blast hit the convoy.", "explosives"), ("Troops fought rebels near the river.", None)],
)
def test_events_weapon_modes_table(text: str, mode: str | None) -> None:
    assert kb.assault_mode(text) == mode


def test_events_reduced_relative_accusation_is_background(make_draft) -> None:
    d = _run(make_draft, "A crowd beat to death a man accused of stealing cattle.")
    assert max(d.events, key=lambda e: e.confidence).type == "ASSAULT"
