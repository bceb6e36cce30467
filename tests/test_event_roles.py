"""Who did what to whom: event parties through the full pipeline (places → actors → events).

Countries on the receiving end become parties, peoples named by plural demonyms act, "X said Y must"
puts X on the asking side, and the country behind a receiving thing ("an Egyptian proposal") is coded.
"""

from __future__ import annotations

import pytest


def _event(pipeline, text: str, etype: str | None):
    rec = pipeline.extract(text, published="2025-05-16", id="roles")
    by_id = {a.id: a for a in rec.actors}
    ev = next((e for e in rec.events if etype is None or e.type == etype), None)
    assert ev is not None, [(e.type, e.evidence.text) for e in rec.events]
    return rec, [by_id[a] for a in ev.actors], [by_id[a] for a in ev.recipients]


def _countries(actors) -> set[str | None]:
    return {a.country for a in actors}


@pytest.mark.parametrize(
    ("text", "etype", "target"),
    [
        ("Norway gave Zambia a grant of 40 million dollars, the ministry said.", "AID", "ZMB"),
        ("The minister promised to continue military aid to Somalia.", "AGREE", "SOM"),
        ("Qatar offered to hand over to Kenya three suspects wanted for the bombing.", "AGREE", "KEN"),
        ("The United States sent more weapons to Colombia last year.", "AID", "COL"),
        ("Brazil's foreign minister visited Angola on Tuesday.", "CONSULT", "AGO"),
        ("Chile imposed sanctions on Peru over the fishing dispute.", "SANCTION", "PER"),
        ("The mediator visited Mali and Niger to ease the border dispute.", "CONSULT", "NER"),
    ],
)
def test_event_roles_country_on_receiving_end_is_a_party(pipeline, text, etype, target) -> None:
    rec, _, recipients = _event(pipeline, text, etype)
    assert target in _countries(recipients)
    # and it is still a place: the country is both whom and where
    assert any(p.country == target and p.feature == "country" for p in rec.places)


def test_event_roles_capital_struck_is_a_city_not_a_government(pipeline) -> None:
    rec, _, recipients = _event(pipeline, "Artillery units shelled Kyiv overnight, officials said.", "ASSAULT")
    assert not any(a.kind == "country" for a in recipients)
    assert any(p.name == "Kyiv" for p in rec.places)


def test_event_roles_capital_addressed_is_a_government(pipeline) -> None:
    _, _, recipients = _event(pipeline, "Beijing accused Washington of bullying its neighbours.", "ACCUSE")
    assert "USA" in _countries(recipients)


@pytest.mark.parametrize(
    ("text", "etype", "target"),
    [
        ("Ghana flatly rejected an Egyptian proposal to share the dam's water.", "REJECT", "EGY"),
        ("The opposition rejected a Kenyan peace plan on Friday.", "REJECT", "KEN"),
        ("Lisbon threatened to impose restrictions against Spanish goods.", "THREATEN", "ESP"),
        # a capitalised modifier earlier in the sentence must not hide the one that counts
        ("Ivory Coast rebels on Friday rejected a Senegalese peace plan.", "REJECT", "SEN"),
    ],
)
def test_event_roles_country_behind_a_receiving_thing(pipeline, text, etype, target) -> None:
    _, _, recipients = _event(pipeline, text, etype)
    assert target in _countries(recipients)


def test_event_roles_modifier_of_an_actor_stays_inside_that_actor(pipeline) -> None:
    rec, _, recipients = _event(pipeline, "Rebels attacked Sudanese soldiers near the border.", "ASSAULT")
    assert [a.name for a in recipients] == ["Sudanese soldiers"]
    assert not any(a.kind == "country" for a in rec.actors)


@pytest.mark.parametrize(
    ("text", "etype", "source"),
    [
        ("The Palestinians rejected the proposed changes to the land deal.", "REJECT", "PSE"),
        ("Young Moroccans blocked roads leading to the port on Sunday.", "PROTEST", "MAR"),
        ("Somali rebel leaders said they would meet the envoy next week.", None, "SOM"),
        ("Ivory Coast rebels rejected the peace plan on Friday.", "REJECT", "CIV"),
        ("Rebels in the Central African Republic rejected the peace plan on Friday.", "REJECT", "CAF"),
        ("Fijian soldiers seized the parliament building.", None, "FJI"),
    ],
)
def test_event_roles_peoples_and_groups_get_their_country(pipeline, text, etype, source) -> None:
    _, actors, _ = _event(pipeline, text, etype)
    assert source in _countries(actors)


def test_event_roles_plural_demonym_people_has_no_sector(pipeline) -> None:
    rec = pipeline.extract("The Palestinians rejected the proposal.", published="2025-05-16", id="p")
    people = next(a for a in rec.actors if a.name == "Palestinians")
    assert people.country == "PSE" and people.sector is None and people.kind == "group"


def test_event_roles_said_must_puts_the_speaker_on_the_asking_side(pipeline) -> None:
    text = "A senior Dutch minister said that Libya must hand over the suspects."
    _, actors, recipients = _event(pipeline, text, "REQUEST")
    assert _countries(actors) == {"NLD"} and "LBY" in _countries(recipients)


def test_event_roles_nominal_trigger_takes_the_clause_subject(pipeline) -> None:
    text = "Greek and Turkish negotiators return to Vienna this week for talks on the islands."
    _, actors, _ = _event(pipeline, text, "CONSULT")
    assert actors and actors[0].name.endswith("negotiators")


def test_event_roles_passive_clause_does_not_lend_its_subject(pipeline) -> None:
    # "wounded in an attack": the wounded man is the victim, not the attacker
    rec = pipeline.extract("A police officer was wounded in an attack on Sunday.", published="2025-05-16", id="p")
    attack = [e for e in rec.events if e.type == "ASSAULT"]
    officer = next((a.id for a in rec.actors if "officer" in a.name), None)
    assert attack and all(officer not in e.actors for e in attack)


@pytest.mark.parametrize(
    ("text", "names", "countries"),
    [
        (
            "Israeli and Palestinian negotiators met in Cairo on Monday.",
            ["Israeli negotiators", "Palestinian negotiators"],
            ["ISR", "PSE"],
        ),
        (
            "Ethiopian, Eritrean and Sudanese troops clashed near the border.",
            ["Ethiopian troops", "Eritrean troops", "Sudanese troops"],
            ["ETH", "ERI", "SDN"],
        ),
    ],
)
def test_event_roles_coordinated_nationalities_are_separate_actors(pipeline, text, names, countries) -> None:
    rec, actors, _ = _event(pipeline, text, None)
    assert [a.name for a in actors] == names and [a.country for a in actors] == countries
    # each actor's mention is the exact words: the first ones by their adjective alone
    for a in actors:
        for m in a.mentions:
            assert rec.text[m.start : m.end] == m.text


def test_event_roles_one_nationality_is_one_actor(pipeline) -> None:
    _, actors, _ = _event(pipeline, "Sudanese soldiers and police attacked the camp.", None)
    assert len({a.country for a in actors}) == 1


def test_event_roles_counterpart_in_apposition_is_a_party(pipeline) -> None:
    text = "Chilean Foreign Minister Ana Rojas and her Bolivian counterpart Luis Vargas met in Lima on Friday."
    _, actors, _ = _event(pipeline, text, "CONSULT")
    assert [a.country for a in actors] == ["CHL", "BOL"]


def test_event_roles_both_sides_are_the_last_facing_pair_not_a_crowd_and_police(pipeline) -> None:
    text = (
        "Chilean Foreign Minister Ana Rojas and her Bolivian counterpart Luis Vargas met in Lima on Friday. "
        "Police detained 40 protesters outside the venue. "
        "The two sides agreed to withdraw troops from the border within a month."
    )
    rec = pipeline.extract(text, published="2025-05-16", id="p")
    names = {a.id: a.name for a in rec.actors}
    last = [e for e in rec.events if "two sides" in e.evidence.text]
    assert last and {names[a] for a in last[0].actors} == {"Ana Rojas", "Luis Vargas"}


@pytest.mark.parametrize(
    ("text", "attacker"),
    [
        ("A Russian missile strike on an apartment block killed 12 people.", "RUS"),
        ("An Israeli drone strike on a car killed two people.", "ISR"),
        ("Cambodian rockets hit a petrol station on Thursday.", "KHM"),
        ("Ukrainian drone attacks set fire to a refinery.", "UKR"),
    ],
)
def test_event_roles_nationality_of_the_weapon_or_strike_is_the_attacker(pipeline, text, attacker) -> None:
    _, actors, _ = _event(pipeline, text, "ASSAULT")
    assert _countries(actors) == {attacker}


def test_event_roles_nationality_of_a_protest_is_not_a_government(pipeline) -> None:
    rec = pipeline.extract("Palestinian riots continued on Friday.", published="2025-05-16", id="p")
    assert not any(a.kind == "country" for a in rec.actors)


def test_event_roles_condemned_strike_keeps_the_striker_as_target(pipeline) -> None:
    _, actors, recipients = _event(pipeline, "Kyiv condemned the Russian strike on the port.", "ACCUSE")
    assert _countries(actors) == {"UKR"} and _countries(recipients) == {"RUS"}


def test_event_roles_each_side_accused_the_other_gives_both_directions(pipeline) -> None:
    text = (
        "Thai forces shelled a Cambodian border post on Wednesday. "
        "Each side accused the other of firing first on Thursday."
    )
    rec = pipeline.extract(text, published="2025-05-16", id="p")
    countries = {a.id: a.country for a in rec.actors}
    pairs = {(countries[e.actors[0]], countries[e.recipients[0]]) for e in rec.events if e.type == "ACCUSE"}
    assert pairs == {("THA", "KHM"), ("KHM", "THA")}


def test_event_roles_civilians_hit_are_not_a_side(pipeline) -> None:
    text = (
        "Chadian troops and Sudanese fighters clashed near the border on Monday. "
        "Sudanese shelling killed four civilians in a market. "
        "The two sides accused each other of starting the fighting."
    )
    rec = pipeline.extract(text, published="2025-05-16", id="p")
    names = {a.id: a.name for a in rec.actors}
    pairs = {(names[e.actors[0]], names[e.recipients[0]]) for e in rec.events if e.type == "ACCUSE"}
    assert pairs == {("Chadian troops", "Sudanese fighters"), ("Sudanese fighters", "Chadian troops")}


def test_event_roles_named_counterpart_is_one_actor_with_the_title_country(pipeline) -> None:
    text = (
        "Peruvian Foreign Minister Rosa Quispe spoke on Monday. "
        "She discussed the dispute in a phone call with her Ecuadorian counterpart, Jorge Paredes, on Tuesday."
    )
    rec, _, recipients = _event(pipeline, text, "CONSULT")
    assert [(a.name, a.country) for a in recipients] == [("Jorge Paredes", "ECU")]
    assert not any("counterpart" in a.name for a in rec.actors)


def test_event_roles_target_inside_a_nominal_attack_is_not_the_attacker(pipeline) -> None:
    text = "A military airstrike on a school sheltering displaced families killed 12 people on Friday."
    _, actors, _ = _event(pipeline, text, "ASSAULT")
    assert not any("families" in a.name for a in actors)


def test_event_roles_body_named_inside_the_subject_acts(pipeline) -> None:
    _, actors, _ = _event(pipeline, "Doctors from two Canadian aid groups donated medicine to the clinic.", "AID")
    assert actors and actors[0].country == "CAN"


def test_event_roles_building_sheltering_people_is_no_aid_event(pipeline) -> None:
    rec = pipeline.extract(
        "A military airstrike on a school sheltering displaced families killed 12 people on Friday.",
        published="2025-05-16",
        id="p",
    )
    assert [e.type for e in rec.events] == ["ASSAULT"]


@pytest.mark.parametrize(
    ("text", "mode"),
    [
        ("Azerbaijani troops fired at the village of Sotk overnight.", None),
        ("Tanks fired four shells at targets in the town.", "shelling"),
    ],
)
def test_event_roles_fired_at_is_an_attack_and_the_weapon_keeps_its_mode(pipeline, text, mode) -> None:
    rec = pipeline.extract(text, published="2025-05-16", id="p")
    assault = [e for e in rec.events if e.type == "ASSAULT"]
    assert assault and assault[0].mode == mode
