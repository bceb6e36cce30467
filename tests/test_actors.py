"""Actors stage and actor knowledge: titles, metonyms, pronouns, spelling variants, coding.

Sentences are our own wire-style fixtures. Names that are not in the shipped knowledge base are
invented on purpose, so the tests exercise the rules rather than the table.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.extract.actors import ActorsStage, first_names_compatible, surname_similarity
from accord.knowledge.actors import actor_key, add_actor, find_countries, load_kb, resolve_actor_text
from accord.knowledge.agents import sector_of
from accord.records import Actor

EXAMPLES = Path(__file__).resolve().parents[2] / "shared" / "examples"


def run(make_draft, text: str, **scratch):
    draft = make_draft(text)
    draft.scratch.update(scratch)
    ActorsStage()(draft)
    return draft


def by_name(draft, name: str) -> Actor:
    for a in draft.actors:
        if a.name == name:
            return a
    raise AssertionError(f"no actor named {name!r}: {[a.name for a in draft.actors]}")


def actor_with_mention(draft, text: str) -> Actor | None:
    for a in draft.actors:
        if any(m.text == text for m in a.mentions):
            return a
    return None


# ---------------------------------------------------------------------------------------------
# resolve_actor_text: short phrases → country / sector / kind


@pytest.mark.parametrize(
    ("phrase", "country", "sector", "kind"),
    [
        ("Moscow", "RUS", "GOV", "country"),
        ("Kazakhstan", "KAZ", None, "country"),
        ("Kyiv police", "UKR", "COP", None),
        ("two Chinese warplanes", "CHN", "MIL", "group"),
        ("Syrian authorities", "SYR", "GOV", None),
        ("Somali fishermen", "SOM", "AGR", "group"),
        ("Ethiopian refugees", "ETH", "REF", "group"),
        ("Iraqi protesters", "IRQ", "CVL", "group"),
        ("Colombian rebels", "COL", "REB", "group"),
        ("a Ugandan judge", "UGA", "JUD", None),
        ("Nigeria's defence ministry", "NGA", "GOV", "organization"),
        ("a Somalia-based militia", "SOM", "PRM", None),
        ("Egypt's envoy to Ethiopia", "EGY", "GOV", None),
        ("a former Kenyan minister", "KEN", "ELI", None),
        ("Hezbollah fighters", "LBN", "REB", None),
        ("Abkhazia", "GEO", "PRE", None),
        ("Shanghai police", "CHN", "COP", None),
        ("Pakistani lawmakers", "PAK", "LEG", "group"),
        ("the Turkish army", "TUR", "MIL", "organization"),
        ("Petra Lindqvist", None, None, None),
    ],
)
def test_resolve_actor_text_codes_phrases(phrase, country, sector, kind):
    res = resolve_actor_text(phrase)
    assert res["country"] == country
    assert res["sector"] == sector
    if kind is not None:
        assert res["kind"] == kind


@pytest.mark.parametrize(
    ("phrase", "bloc", "sector"),
    [
        ("the U.N. Security Council", "UNO", "IGO"),
        ("European Union lawmakers", "EUR", "LEG"),
        ("NATO", "IGO", "IGO"),
        ("an ICRC spokesman", None, "NGO"),
    ],
)
def test_resolve_actor_text_international_bodies(phrase, bloc, sector):
    res = resolve_actor_text(phrase)
    assert res["bloc"] == bloc
    assert res["sector"] == sector
    assert res["country"] is None


def test_resolve_actor_text_office_at_a_date():
    from datetime import date

    assert resolve_actor_text("Vladimir Putin", when=date(1999, 1, 1))["sector"] == "SPY"
    assert resolve_actor_text("Vladimir Putin", when=date(2010, 1, 1))["sector"] == "GOV"
    assert resolve_actor_text("Taliban", when=date(2005, 1, 1))["sector"] == "REB"
    assert resolve_actor_text("Taliban", when=date(2023, 1, 1))["sector"] == "GOV"


@pytest.mark.parametrize(
    ("phrase", "codes"),
    [
        ("Minister of Defence", ("GOV", "MIL")),
        ("chairman of the company's board", ("BUS",)),
        ("Ukrainian agricultural workers", ("AGR",)),
        ("a Belarusian protester", ("CVL", "OPP")),
        ("army chief", ("MIL",)),
        ("a retired general", ("ELI",)),
    ],
)
def test_agents_sector_of_head_and_longest_term(phrase, codes):
    assert sector_of(phrase) == codes


def test_find_countries_reads_hyphenated_and_possessive_forms():
    assert [h.iso3 for h in find_countries("a U.S.-brokered truce")] == ["USA"]
    assert [h.iso3 for h in find_countries("Sudan's army")] == ["SDN"]
    assert [h.iso3 for h in find_countries("a Somalia-based group")] == ["SOM"]


# ---------------------------------------------------------------------------------------------
# titles and roles


@pytest.mark.parametrize(
    ("text", "name", "titles", "country", "sector"),
    [
        (
            "Turkish Foreign Minister Hakan Fidan met his counterpart on Monday.",
            "Hakan Fidan",
            ["Foreign Minister"],
            "TUR",
            "GOV",
        ),
        (
            "Ukrainian Minister of Defence Rustem Umerov said the front was stable.",
            "Rustem Umerov",
            ["Minister of Defence"],
            "UKR",
            "GOV",
        ),
        (
            "U.N. Secretary-General Antonio Guterres called for a pause.",
            "Antonio Guterres",
            ["Secretary-General"],
            None,
            "IGO",
        ),
        (
            "Navy commander Admiral Lars Berg inspected the ships.",
            "Lars Berg",
            ["Navy commander", "Admiral"],
            None,
            "MIL",
        ),
        (
            "Tomas Varga, Hungary's defence minister, said the drills would continue.",
            "Tomas Varga",
            ["defence minister"],
            "HUN",
            "GOV",
        ),
        ("The president of Kenya, William Ruto, met the delegation.", "William Ruto", ["president"], "KEN", "GOV"),
        (
            "Chadian Prime Minister Idriss Mahamat told parliament the budget would pass.",
            "Idriss Mahamat",
            ["Prime Minister"],
            "TCD",
            "GOV",
        ),
    ],
)
def test_actors_titles_from_premodifiers_and_appositions(make_draft, text, name, titles, country, sector):
    d = run(make_draft, text)
    a = by_name(d, name)
    assert a.kind == "person"
    assert a.titles == titles
    assert a.country == country
    assert a.sector == sector
    # the title is not glued into the name mention
    assert next(m.text for m in a.mentions) == name


def test_actors_title_words_are_not_an_organisation(make_draft):
    d = run(make_draft, "Ukrainian Minister of Defence Rustem Umerov said the front was stable.")
    assert not any(a.kind == "organization" and "Umerov" in a.name for a in d.actors)
    assert not any(m.text.startswith("Defence") for a in d.actors for m in a.mentions)


def test_actors_owned_role_with_apposition(make_draft):
    d = run(make_draft, "President Volodymyr Zelenskyy said his envoy, a former general, would travel to Istanbul.")
    envoy = next(a for a in d.actors if "envoy" in a.name)
    assert envoy.kind == "person"
    assert "former general" in envoy.titles
    assert envoy.country == "UKR"


# ---------------------------------------------------------------------------------------------
# place vs actor: metonyms


@pytest.mark.parametrize(
    ("text", "mention", "country"),
    [
        ("Moscow rejected the offer on Tuesday.", "Moscow", "RUS"),
        ("Beijing warned Washington against new tariffs.", "Washington", "USA"),
        ("Kyiv said it would respond to the strike.", "Kyiv", "UKR"),
        ("A U.S.-brokered truce collapsed within hours.", "U.S.", "USA"),
        ("The army signed a memorandum with Egypt on Wednesday.", "Egypt", "EGY"),
    ],
)
def test_actors_acting_capital_or_country_is_a_country_actor(make_draft, text, mention, country):
    d = run(make_draft, text)
    a = actor_with_mention(d, mention)
    assert a is not None and a.kind == "country"
    assert a.country == country and a.sector == "GOV"


@pytest.mark.parametrize(
    "text",
    [
        "Talks were later held in Moscow.",
        "The delegation arrived in Kyiv on Friday.",
        "Residents of Ho Chi Minh City said the storm had passed.",
        "A rally was held in Lincoln, Nebraska, on Sunday.",
    ],
)
def test_actors_places_where_things_happen_are_not_actors(make_draft, text):
    d = run(make_draft, text)
    assert not any(a.kind in ("country", "person") for a in d.actors), [(a.name, a.kind) for a in d.actors]


def test_actors_use_places_stage_metonyms_when_given(make_draft):
    text = "Officials in Ankara said the corridor would stay open."
    s = text.index("Ankara")
    d = run(
        make_draft, text, metonyms=[{"start": s, "end": s + 6, "text": "Ankara", "country": "TUR", "name": "Turkey"}]
    )
    a = by_name(d, "Turkey")
    assert a.kind == "country" and a.aliases == ["Ankara"]


def test_actors_empty_metonym_list_disables_fallback(make_draft):
    d = run(make_draft, "Moscow rejected the offer on Tuesday.", metonyms=[])
    assert not any(a.kind == "country" for a in d.actors)


# ---------------------------------------------------------------------------------------------
# pronouns and descriptions


def test_actors_pronoun_joins_previous_speaker(make_draft):
    d = run(make_draft, 'Defence chief Marek Olszewski spoke to reporters in Warsaw. He added: "We are ready."')
    a = by_name(d, "Marek Olszewski")
    assert "He" in [m.text for m in a.mentions]


def test_actors_its_joins_the_clause_subject(make_draft):
    d = run(make_draft, "Doha said it would pause its mediation between the two sides.")
    a = by_name(d, "Qatar")
    assert [m.text for m in a.mentions] == ["Doha", "its"]


def test_actors_pronoun_inside_quote_is_not_resolved(make_draft):
    d = run(make_draft, 'Minister Jana Horvat said: "He lied to us." She left the room.')
    a = by_name(d, "Jana Horvat")
    texts = [m.text for m in a.mentions]
    assert "He" not in texts and "She" in texts


def test_actors_definite_description_joins_armed_group(make_draft):
    text = (
        "The Rapid Support Forces shelled the town on Monday. "
        "Witnesses said the paramilitary group had moved heavy weapons."
    )
    d = run(make_draft, text)
    rsf = by_name(d, "Rapid Support Forces")
    assert "the paramilitary group" in [m.text for m in rsf.mentions]
    assert rsf.sector == "REB" and rsf.country == "SDN" and rsf.kb_id == "grp:rsf"


def test_actors_the_army_joins_the_national_army(make_draft):
    d = run(make_draft, "Mali's army said it repelled an attack. The army later denied any losses.")
    army = by_name(d, "Malian army")
    assert [m.text for m in army.mentions][:2] == ["Mali's army", "The army"]
    assert army.country == "MLI" and army.sector == "MIL"


def test_actors_groups_of_people(make_draft):
    d = run(make_draft, "A shell hit the market in Goma, killing 9 civilians and wounding 20 others.")
    civ = by_name(d, "civilians")
    assert civ.kind == "group" and civ.sector == "CVL"
    assert [m.text for m in civ.mentions] == ["9 civilians"]


def test_actors_reporters_told_are_not_actors(make_draft):
    d = run(make_draft, "The minister told reporters the talks would resume.")
    assert not any(a.sector == "JRN" for a in d.actors)


# ---------------------------------------------------------------------------------------------
# spelling and transliteration variants


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Prime Minister Denys Shmyhal visited Lviv.", "Shmygal said the government would rebuild schools."),
        ("Kremlin spokesman Dmitry Peskov spoke on Monday.", "Peskow said talks were possible."),
        ("Recep Tayyip Erdogan spoke on Monday.", "Erdoğan later told reporters he would visit Baghdad."),
        ("Foreign Minister Khalid al-Mansour arrived on Sunday.", "Al-Mansur welcomed the deal."),
        ("Iranian Foreign Minister Abbas Araghchi met Omani officials.", "Araqchi said a deal was near."),
        ("Police chief Oleksandr Hrytsenko spoke.", "Hrytsenco said two suspects were held."),
        ("President Volodymyr Zelenskyy spoke later.", "Zelenskiy said the talks would go on."),
    ],
)
def test_actors_spelling_variants_join_one_actor(make_draft, first, second):
    d = run(make_draft, first + " " + second)
    persons = [a for a in d.actors if a.kind == "person"]
    assert len(persons) == 1, [(a.name, [m.text for m in a.mentions]) for a in persons]
    assert len(persons[0].mentions) >= 2


@pytest.mark.parametrize(
    "text",
    [
        "Anna Kowalski and Piotr Kowalski both signed the letter.",
        "Ahmed Salah met Mohamed Saleh in Cairo.",
        "Joe Biden and Hunter Biden arrived together.",
    ],
)
def test_actors_different_people_with_similar_names_stay_apart(make_draft, text):
    d = run(make_draft, text)
    assert len([a for a in d.actors if a.kind == "person"]) == 2


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Shmyhal", "Shmygal", True),
        ("Zelenskyy", "Zelenskiy", True),
        ("Peskov", "Peskow", True),
        ("al-Mansour", "Al-Mansur", True),
        ("Fidan", "Fidani", True),
        ("Kowalski", "Nowak", False),
        ("Lavrov", "Larson", False),
        ("Kim", "Kang", False),
    ],
)
def test_actors_surname_similarity_needs_spelling_and_sound(a, b, same):
    assert (surname_similarity(a, b) > 0) is same


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("anna", "piotr", False), ("j.", "john", True), ("mohammed", "muhammad", True), ("", "ahmed", True)],
)
def test_actors_first_names_compatible(a, b, same):
    assert first_names_compatible(a, b) is same


# ---------------------------------------------------------------------------------------------
# ids, keys, knowledge base


def test_actors_ids_follow_first_mention(make_draft):
    d = run(make_draft, "Nigerian troops clashed with Boko Haram near Maiduguri, the army said.")
    starts = [a.mentions[0].start for a in d.actors]
    assert starts == sorted(starts)
    assert [a.id for a in d.actors] == [f"t:a{i}" for i in range(1, len(d.actors) + 1)]


def test_actors_spans_match_text(make_draft):
    text = (
        (EXAMPLES / "jeddah.txt").read_text(encoding="utf-8")
        if (EXAMPLES / "jeddah.txt").exists()
        else "Moscow rejected the offer. Kremlin spokesman Dmitry Peskov said he was surprised."
    )
    d = run(make_draft, text)
    for a in d.actors:
        for m in a.mentions:
            assert text[m.start : m.end] == m.text


def test_actor_key_stable_and_prefers_kb_id():
    a = Actor(id="x:a1", name="Khalid al-Mansour", kind="person", country="SAU")
    b = Actor(id="y:a3", name="Khalid Al-Mansour", kind="person", country="SAU")
    assert actor_key(a) == actor_key(b) == "person:SAU:khalid mansour"
    assert actor_key({"name": "Hamas", "kind": "group", "kb_id": "grp:hamas"}) == "grp:hamas"
    assert actor_key({"name": "Egypt", "kind": "country", "country": "EGY"}) == "country:EGY"


def test_add_actor_appends_to_user_kb(tmp_path, monkeypatch, make_draft):
    path = tmp_path / "actors.yaml"
    monkeypatch.setenv("ACCORD_ACTORS_KB", str(path))
    add_actor(
        "Zoltan Kerekes",
        kind="person",
        aliases=["Kerekes"],
        country="HUN",
        sector="GOV",
        titles=[{"title": "Foreign Minister", "sector": "GOV", "start": "2024-01-01", "end": None}],
    )
    add_actor("Northern Shield Brigade", kind="group", aliases=["NSB"], country="MLI", sector="PRM")
    kb = load_kb()
    assert kb.lookup("Kerekes").country == "HUN"
    assert kb.lookup("NSB").sector == "PRM"
    d = run(make_draft, "Kerekes said the NSB had attacked a convoy.")
    assert by_name(d, "Zoltan Kerekes").country == "HUN"
    assert by_name(d, "Northern Shield Brigade").kb_id.startswith("user:")


def test_add_actor_rejects_bad_codes(tmp_path):
    from accord.errors import InputError

    with pytest.raises(InputError):
        add_actor("X", country="Ukraine", path=tmp_path / "kb.yaml")
    with pytest.raises(InputError):
        add_actor("X", kind="thing", path=tmp_path / "kb.yaml")


# ---------------------------------------------------------------------------------------------
# the worked example


def test_actors_jeddah_example(make_draft):
    if not (EXAMPLES / "jeddah.expected.json").exists():
        pytest.skip("shared example not present")
    text = (EXAMPLES / "jeddah.txt").read_text(encoding="utf-8")
    expected = json.loads((EXAMPLES / "jeddah.expected.json").read_text(encoding="utf-8"))["actors"]
    d = run(make_draft, text)
    got = {a.name: a for a in d.actors}
    for exp in expected:
        a = got.get(exp["name"])
        assert a is not None, f"missing {exp['name']}: {sorted(got)}"
        assert (a.kind, a.country, a.sector) == (exp["kind"], exp["country"], exp["sector"]), exp["name"]
        got_spans = {(m.start, m.end) for m in a.mentions}
        for m in exp["mentions"]:
            assert (m["start"], m["end"]) in got_spans, (exp["name"], m)
        assert set(exp["titles"]) <= set(a.titles)
    assert len(d.actors) <= len(expected) + 1


# ---------------------------------------------------------------------------------------------
# more roles, places and bodies


def test_actors_affiliation_metonym_is_not_a_country_actor(make_draft):
    text = "Chad's army said it had retaken the town."
    metonyms = [{"start": 0, "end": 4, "text": "Chad", "country": "TCD", "name": "Chad", "kind": "affiliation"}]
    d = run(make_draft, text, metonyms=metonyms)
    assert not any(a.kind == "country" for a in d.actors)
    army = by_name(d, "Chadian army")
    assert army.country == "TCD" and army.sector == "MIL"


@pytest.mark.parametrize(
    ("text", "name", "titles", "country", "sector"),
    [
        ("M23 envoy Jean-Baptiste Kazungu signed the text.", "Jean-Baptiste Kazungu", ["envoy"], "COD", "REB"),
        (
            "Army spokesman Colonel Hassan Idris denied the report.",
            "Hassan Idris",
            ["Army spokesman", "Colonel"],
            None,
            "MIL",
        ),
        (
            "Defence Minister Brigadier General Abdoulaye Sawadogo spoke on television.",
            "Abdoulaye Sawadogo",
            ["Defence Minister", "Brigadier General"],
            None,
            "GOV",
        ),
        ("Police chief Amina Diallo said the roads were closed.", "Amina Diallo", ["Police chief"], None, "COP"),
    ],
)
def test_actors_role_words_take_the_body_they_name(make_draft, text, name, titles, country, sector):
    d = run(make_draft, text)
    a = by_name(d, name)
    assert a.kind == "person" and a.titles == titles
    assert (a.country, a.sector) == (country, sector)


@pytest.mark.parametrize(
    ("text", "not_actor"),
    [
        ('Rebels pulled out of the ruby-mining town of Mogok. "We did not lose Mogok in battle," they said.', "Mogok"),
        ("Fighting spread to the Kalbajar district overnight.", "Kalbajar"),
        ("Ships were heading to the port of Ras Isa when the strike hit.", "Ras Isa"),
    ],
)
def test_actors_place_frames_are_not_actors(make_draft, text, not_actor):
    d = run(make_draft, text)
    assert actor_with_mention(d, not_actor) is None


def test_actors_short_name_joins_longer_body_name(make_draft):
    d = run(make_draft, "The U.S. Treasury imposed sanctions on two firms. Treasury said more would follow.")
    t = by_name(d, "U.S. Treasury")
    assert [m.text for m in t.mentions] == ["U.S. Treasury", "Treasury"]
    assert (t.country, t.sector) == ("USA", "GOV")


def test_actors_the_government_stays_open_between_two_countries(make_draft):
    d = run(make_draft, "Armenia accused Azerbaijan of shelling border villages. The government called for calm.")
    for name in ("Armenia", "Azerbaijan"):
        assert "The government" not in [m.text for m in by_name(d, name).mentions]


def test_actors_unnamed_official_is_a_person(make_draft):
    d = run(make_draft, "A Western diplomat said the talks had stalled.")
    a = actor_with_mention(d, "Western diplomat")
    assert a is not None and a.kind == "person" and a.sector == "GOV"


def test_actors_title_mention_joins_previous_subject(make_draft):
    text = "President Ana Folau met Kenyan President William Ruto on Monday. The president said the talks went well."
    d = run(make_draft, text)
    assert "The president" in [m.text for m in by_name(d, "Ana Folau").mentions]
    assert "The president" not in [m.text for m in by_name(d, "William Ruto").mentions]


def test_actors_pronoun_with_two_possible_people_stays_unresolved(make_draft):
    d = run(make_draft, "Irina Sokolova and Pavel Orlov both spoke on Friday. He said the talks were over.")
    assert not any(m.text == "He" for a in d.actors for m in a.mentions)


def test_actors_its_joins_an_armed_group_subject(make_draft):
    d = run(make_draft, "Hamas said its fighters had withdrawn from the area.")
    assert [m.text for m in by_name(d, "Hamas").mentions] == ["Hamas", "its"]


def test_actors_sentence_initial_group_noun_despite_ner_label(make_draft):
    d = run(make_draft, "Syrian authorities said the crossing reopened.\nGunmen killed three villagers on Sunday.")
    g = actor_with_mention(d, "Gunmen")
    assert g is not None and g.kind == "group" and g.sector == "UAF"
