"""Places stage: recognition, GeoNames resolution, metonymy and event location, on our own sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.extract.places import PlacesStage, event_place
from accord.knowledge.gazetteer import gazetteer, haversine, norm


@pytest.fixture
def run(make_draft):
    def go(text: str):
        draft = make_draft(text)
        PlacesStage()(draft)
        return draft

    return go


def _place(draft, name: str):
    found = [p for p in draft.places if any(m.text == name for m in p.mentions)]
    assert found, f"{name!r} not among places {[p.name for p in draft.places]}"
    return found[0]


def _metonym_texts(draft) -> list[str]:
    return [m["text"] for m in draft.scratch["metonyms"]]


def test_places_spans_match_text(run):
    draft = run("Shelling hit Kharkiv and Sumy on Monday, and drones struck Odesa overnight.")
    for p in draft.places:
        for m in p.mentions:
            assert draft.text[m.start : m.end] == m.text


def test_places_sumy_lands_on_the_ukrainian_city(run):
    draft = run("A missile strike on a residential block in Sumy killed three people, regional officials said.")
    p = _place(draft, "Sumy")
    assert p.country == "UKR" and p.feature == "city"
    assert haversine(p.lat, p.lon, 50.91, 34.80) < 10


def test_places_sumy_region_is_admin1(run):
    draft = run("Russian artillery shelled border villages in the Sumy region overnight.")
    p = _place(draft, "Sumy")
    assert p.feature == "admin1" and p.country == "UKR"


@pytest.mark.parametrize(
    ("sentence", "name", "country"),
    [
        ("Moscow rejected the proposal on Tuesday.", "Moscow", "RUS"),
        ("Kyiv said the talks had failed.", "Kyiv", "UKR"),
        ("Washington imposed new sanctions on the network last week.", "Washington", "USA"),
        ("The minister warned that Riyadh could suspend its mediation within a week.", "Riyadh", "SAU"),
        ("Ukraine accused the Kremlin of stalling the prisoner exchange.", "Ukraine", "UKR"),
    ],
)
def test_places_metonym_subject_is_not_a_place(run, sentence, name, country):
    draft = run(sentence)
    assert name not in [m.text for p in draft.places for m in p.mentions]
    meto = [m for m in draft.scratch["metonyms"] if m["text"] == name]
    assert meto and meto[0]["country"] == country
    assert set(meto[0]) >= {"start", "end", "text", "country", "name"}
    assert draft.text[meto[0]["start"] : meto[0]["end"]] == name


@pytest.mark.parametrize(
    ("sentence", "name", "country"),
    [
        ("Thousands of people protested in Moscow on Saturday.", "Moscow", "RUS"),
        ("Air raid sirens sounded across Kyiv before dawn.", "Kyiv", "UKR"),
        ("The delegation flew to Riyadh for a second round.", "Riyadh", "SAU"),
    ],
)
def test_places_literal_capital_is_a_place(run, sentence, name, country):
    draft = run(sentence)
    assert _place(draft, name).country == country
    assert name not in _metonym_texts(draft)


def test_places_same_capital_as_actor_and_as_place(run):
    draft = run("Riyadh said it would keep hosting the talks. The envoy spoke to journalists in Riyadh on Friday.")
    p = _place(draft, "Riyadh")
    assert len(p.mentions) == 1 and p.mentions[0].start > 40
    assert _metonym_texts(draft) == ["Riyadh"]


@pytest.mark.parametrize(
    ("variant", "geonames_id"),
    [
        ("Kiev", 703448),
        ("Kyiv", 703448),
        ("Kharkov", 706483),
        ("Kharkiv", 706483),
        ("Odessa", 698740),
        ("Odesa", 698740),
        ("Zaporizhzhia", 687700),
        ("Zaporizhzhya", 687700),
        ("Mykolaiv", 700569),
        ("Nikolaev", 700569),
        ("El Fasher", 379555),
        ("Al-Fashir", 379555),
    ],
)
def test_places_transliteration_variants(run, variant, geonames_id):
    draft = run(f"Explosions were heard in {variant} overnight, according to local residents.")
    assert _place(draft, variant).geonames_id == geonames_id


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        (
            "Heavy rain flooded north Texas on Monday. In Paris, firefighters rescued two drivers from a creek.",
            "Paris",
            "USA",
        ),
        ("The French president returned to Paris after the summit.", "Paris", "FRA"),
        ("Police in Alexandria, La., arrested a man after a fire.", "Alexandria", "USA"),
        ("Egyptian police said the ferry docked in Alexandria on Sunday.", "Alexandria", "EGY"),
    ],
)
def test_places_country_cue_ranks_candidates(run, text, name, country):
    assert _place(run(text), name).country == country


@pytest.mark.parametrize(
    ("text", "country", "feature"),
    [
        ("Russian troops moved deeper into Georgia, and officials in Tbilisi appealed for help.", "GEO", "country"),
        ("Storms knocked out power across Georgia, and schools in Atlanta and Savannah closed early.", "USA", "admin1"),
    ],
)
def test_places_georgia_country_or_state_by_context(run, text, country, feature):
    p = _place(run(text), "Georgia")
    assert (p.country, p.feature) == (country, feature)


@pytest.mark.parametrize(
    "text",
    [
        "Paris Hilton arrived at the gala with her sister.",
        "Michael Jordan scored 30 points on Sunday. Jordan later thanked the fans.",
        "Will the talks resume next week? Reading the statement aloud, the spokesman said nothing new.",
    ],
)
def test_places_person_names_and_common_words_are_not_places(run, text):
    draft = run(text)
    assert draft.places == [], [p.name for p in draft.places]


def test_places_jordan_the_country(run):
    draft = run("More refugees crossed into Jordan last week, aid agencies said.")
    assert _place(draft, "Jordan").country == "JOR"


def test_places_merged_by_resolved_id(run):
    draft = run("Drones struck Kharkiv at night. By morning, Kharkov was without power, and Kharkiv residents queued.")
    p = _place(draft, "Kharkiv")
    assert [m.text for m in p.mentions] == ["Kharkiv", "Kharkov", "Kharkiv"]
    assert len([q for q in draft.places if q.geonames_id == 706483]) == 1


def test_places_ids_follow_text_order(run):
    draft = run("Fighting spread from Khartoum to Omdurman and then to Wad Madani.")
    assert [p.name for p in draft.places][:2] == ["Khartoum", "Omdurman"]
    assert [p.id for p in draft.places] == [f"t:p{n}" for n in range(1, len(draft.places) + 1)]


def test_places_gpe_country_scratch(run):
    draft = run("Moscow rejected the plan, while shelling continued near Kherson.")
    gpe = draft.scratch["gpe_country"]
    assert "RUS" in gpe.values() and "UKR" in gpe.values()
    assert all(isinstance(k, tuple) and len(k) == 2 for k in gpe)


def test_places_affiliation_is_not_a_place(run):
    draft = run("Sudan's army said the Darfur health ministry had counted the dead in El Fasher.")
    names = [p.name for p in draft.places]
    assert "El Fasher" in names and "Sudan" not in names and "Darfur" not in names
    kinds = {m["text"]: m.get("kind") for m in draft.scratch["metonyms"]}
    assert kinds.get("Sudan") == "affiliation"


# -- the mediation example, retold in our own words -------------------------------------------------
MEDIATION = (
    "Saudi officials said on Monday that Riyadh may end its mediation between Sudan's army and the RSF "
    "unless both delegations come back to the negotiating table in Jeddah.\n"
    '"Our patience is not endless," the minister told journalists in Riyadh.\n'
    "A humanitarian pause in El Fasher collapsed on Sunday. A shell later hit a clinic in El Fasher.\n"
    "In Port Sudan, the army signed a fuel agreement with Egypt."
)


def test_places_mediation_story_places(run):
    draft = run(MEDIATION)
    by_name = {p.name: p for p in draft.places}
    assert set(by_name) == {"Jeddah", "Riyadh", "El Fasher", "Port Sudan"}
    ids = {n: p.geonames_id for n, p in by_name.items()}
    assert ids == {"Jeddah": 105343, "Riyadh": 108410, "El Fasher": 379555, "Port Sudan": 377039}
    assert [m.text for m in by_name["Riyadh"].mentions] == ["Riyadh"]
    assert by_name["Riyadh"].mentions[0].start > MEDIATION.index("journalists")
    assert len(by_name["El Fasher"].mentions) == 2
    assert {p.country for p in draft.places} == {"SAU", "SDN"}
    assert "Riyadh" in _metonym_texts(draft)


def test_places_shared_jeddah_example(run):
    here = Path(__file__).resolve().parents[2] / "shared" / "examples"
    if not (here / "jeddah.txt").is_file():
        pytest.skip("shared example not present")
    draft = run((here / "jeddah.txt").read_text(encoding="utf-8"))
    expected = json.loads((here / "jeddah.expected.json").read_text(encoding="utf-8"))["places"]
    got = {(p.geonames_id, tuple((m.start, m.end) for m in p.mentions)) for p in draft.places}
    want = {(p["geonames_id"], tuple((m["start"], m["end"]) for m in p["mentions"])) for p in expected}
    assert got == want


# -- event location ---------------------------------------------------------------------------------------
def _offset(text: str, word: str) -> int:
    return text.index(word)


@pytest.mark.parametrize(
    ("text", "trigger", "expected"),
    [
        ("A drone strike on a crowded market in El Fasher killed 14 people.", "strike", "El Fasher"),
        ("After talks in Geneva collapsed, troops shelled villages near Kharkiv.", "shelled", "Kharkiv"),
        ("In Port Sudan, the army chief signed a memorandum on fuel deliveries.", "signed", "Port Sudan"),
    ],
)
def test_places_event_place_follows_attachment(run, text, trigger, expected):
    draft = run(text)
    pid = event_place(draft, 0, len(text), trigger=_offset(text, trigger))
    assert pid == _place(draft, expected).id


def test_places_event_place_skips_subordinate_clause(run):
    text = "The minister warned on Thursday that mediation would end unless both sides returned to the talks in Jeddah."
    draft = run(text)
    assert _place(draft, "Jeddah")
    assert event_place(draft, 0, len(text), trigger=_offset(text, "warned")) is None
    assert event_place(draft, 0, len(text)) == _place(draft, "Jeddah").id


def test_places_event_place_never_the_dateline(run):
    text = "KYIV, May 3 (Reuters) - Officials reported heavy shelling overnight across the front."
    draft = run(text)
    assert _place(draft, "KYIV").country == "UKR"
    assert event_place(draft, 0, len(text)) is None
    assert event_place(draft, 0, len(text), trigger=_offset(text, "shelling")) is None


def test_places_event_place_outside_span_is_none(run):
    text = "Shelling hit Kherson on Monday. Talks resumed on Tuesday."
    draft = run(text)
    second = text.index("Talks")
    assert event_place(draft, second, len(text)) is None


# -- gazetteer --------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "key"),
    [("St. Louis", "saint louis"), ("Al-Fāshir", "al fashir"), ("the Hague", "hague"), ("Kyiv", "kyiv")],
)
def test_places_gazetteer_norm(raw, key):
    assert norm(raw) == key


def test_places_gazetteer_is_loaded_once():
    assert gazetteer() is gazetteer()
    gaz = gazetteer()
    assert gaz.alpha3["UA"] == "UKR" and "UA" in gaz.countries


@pytest.mark.parametrize(
    ("text", "name", "admin1"),
    [
        ("Teams from Salina, Emporia and Manhattan met for the regional final on Saturday.", "Manhattan", "Kansas"),
        ("Manhattan was busy on Saturday.", "Manhattan", "New York"),
    ],
)
def test_places_shared_state_explains_small_towns(run, text, name, admin1):
    """The state that holds several of an article's towns wins over a bigger namesake elsewhere."""
    assert _place(run(text), name).admin1 == admin1


def test_places_state_name_stays_the_state_among_local_towns(run):
    draft = run("Crews from Uniontown and Connellsville drove to California for the training day.")
    p = _place(draft, "California")
    assert p.feature == "admin1" and p.admin1 == "California"


@pytest.mark.parametrize(
    ("text", "surface", "admin1"),
    [
        ("The fire started near a Neb. farm, officials said.", "Neb.", "Nebraska"),
        ("She grew up in Fresno, Calif., and moved east.", "Calif.", "California"),
        ("Rep. Ann Doe, D-W. Va., spoke first.", "W. Va.", "West Virginia"),
    ],
)
def test_places_dotted_state_abbreviations(run, text, surface, admin1):
    p = _place(run(text), surface)
    assert p.feature == "admin1" and p.admin1 == admin1


def test_places_ambiguous_abbreviation_needs_a_comma(run):
    draft = run("Miss. Grant thanked the volunteers.")
    assert not any(m.text == "Miss." for p in draft.places for m in p.mentions)


@pytest.mark.parametrize(
    ("word", "name"),
    [("ohioans", "Ohio"), ("minnesotans", "Minnesota"), ("south ossetian", "South Ossetia"), ("dagestani", "Dagestan")],
)
def test_places_gentilic_names_a_region(word, name):
    from accord.extract.places import gentilic

    gaz = gazetteer()
    assert [gaz.names[h.idx] for h in gentilic(gaz, word)][:1] == [name]


@pytest.mark.parametrize("word", ["roman", "christian", "johnson", "texting"])
def test_places_gentilic_ignores_other_words(word):
    from accord.extract.places import gentilic

    assert gentilic(gazetteer(), word) == []


def test_places_gentilic_ner_norp_is_a_toponym(run):
    draft = run("Ohioans voted on the measure in November.")
    tops = [t for t in draft.scratch["toponyms"] if t.text == "Ohioans"]
    assert tops and draft.places == []


def test_places_country_tagged_person_in_a_list(run):
    draft = run("The outbreak reached Mali, Niger and Togo.")
    assert _place(draft, "Togo").country == "TGO"


@pytest.mark.parametrize(
    ("raw", "keys"),
    [
        ("guangxi zhuangzu zizhiqu", {"guangxi", "guangxi zhuangzu"}),
        ("western darfur", {"west darfur"}),
        ("finnmark fylke", {"finnmark"}),
    ],
)
def test_places_gazetteer_admin_keys(raw, keys):
    from accord.knowledge.gazetteer import _admin_keys

    assert keys <= _admin_keys(raw)


@pytest.mark.parametrize(("raw", "key"), [("Østfold", "ostfold"), ("Łódź", "lodz"), ("Đà Nẵng", "da nang")])
def test_places_gazetteer_norm_folds_undecomposed_letters(raw, key):
    assert norm(raw) == key


def test_places_list_member_joins_its_neighbours(run):
    draft = run("Cases were reported in Kisumu, Siaya, Migori and Rongo last week.")
    assert _place(draft, "Rongo").country == "KEN"


def test_places_list_of_common_surnames_stays_people(run):
    draft = run("Smith, Jones and Paris signed the letter.")
    assert not any(m.text in ("Smith", "Jones") for p in draft.places for m in p.mentions)


@pytest.mark.parametrize(
    ("text", "name", "country", "admin1"),
    [
        ("Residents of Manchester and Coffee County lost power overnight.", "Manchester", "USA", "Tennessee"),
        (
            "Power returned to Manchester and to the rest of Coffee County late on Sunday.",
            "Manchester",
            "USA",
            "Tennessee",
        ),
        ("Ministers met in Paris and Berlin to discuss the budget.", "Paris", "FRA", None),
        ("Trains from Paris to Lyon were cancelled on Friday.", "Paris", "FRA", None),
    ],
)
def test_places_ambiguous_names_side_by_side_resolve_together(run, text, name, country, admin1):
    """Two ambiguous names whose namesakes sit side by side read as that pair; famous pairs stay famous."""
    p = _place(run(text), name)
    assert p.country == country
    if admin1:
        assert p.admin1 == admin1


def test_places_near_support_only_for_namesakes_close_to_another_name():
    from accord.extract.places import Toponym, _near, lookup_mention
    from accord.knowledge.gazetteer import gazetteer, norm

    gaz = gazetteer()
    tops = []
    for name in ("Manchester", "Coffee County"):
        hits, cue, source = lookup_mention(gaz, name)
        tops.append(Toponym(0, len(name), name, hits, cue, source=source))
    close = _near(gaz, tops)
    supported = {(gaz.cc[i], gaz.a1[i]) for (key, i) in close if key == norm("Manchester")}
    assert ("US", "TN") in supported
    assert ("GB", "ENG") not in supported


def test_places_famous_namesake_wins_in_an_international_story(run):
    """A story naming several countries does not pull "Cairo" to the Illinois town because Illinois is named
    too, when the famous namesake's country is named as well."""
    p = _place(
        run("Egypt screened passengers from Mexico and Spain at Cairo airport, while Illinois reported two cases."),
        "Cairo",
    )
    assert p.country == "EGY"


def test_places_local_story_keeps_the_small_namesake(run):
    p = _place(run("Floods closed roads near Cairo and Mound City in southern Illinois."), "Cairo")
    assert (p.country, p.admin1) == ("USA", "Illinois")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The first case was found in the state of Washington last year.", "Washington"),
        ("Cases were reported in Oregon, Utah, Washington and Wyoming.", "Washington"),
        ("Cases were reported in Oregon, Utah, Washington and Wyoming.", "Wyoming"),
    ],
)
def test_places_state_cues_before_the_name_and_in_lists(run, text, name):
    """ "the state of X" and a list of states make X the state, not the capital or a county of that name."""
    p = _place(run(text), name)
    assert (p.feature, p.country, p.admin1) == ("admin1", "USA", name)


def test_places_country_name_is_the_country_not_its_province(run):
    p = _place(run("Farms in Kaohsiung and Taoyuan were culled after the outbreak in Taiwan."), "Taiwan")
    assert (p.feature, p.country) == ("country", "TWN")


def test_places_other_mentions_of_an_accepted_name_are_toponyms(run):
    """One sense per article: "Malakal" closing an organisation's name is the town named before."""
    draft = run(
        "Shelling hit the outskirts of Malakal on Monday. Staff at the SOS Children's Village Malakal were safe."
    )
    mentions = [t for t in draft.scratch["toponyms"] if t.text == "Malakal"]
    assert [t.source for t in mentions] == ["gaz", "repeat"]
    assert {gazetteer().cc[t.best] for t in mentions} == {"SS"}


def test_places_repeated_country_tagged_person_is_kept(run):
    """The model tags the second "Chad" PERSON; the first was a place, so the second is a toponym too."""
    draft = run("Cholera spread in Chad last month. Chad, which borders Sudan, has asked for help.")
    assert [t.start for t in draft.scratch["toponyms"] if t.text == "Chad"] == [18, 35]


def test_places_repeat_skips_the_names_of_other_things(run):
    """A repeat before a feature or institution word ("Malakal University") is not made a place by repetition."""
    draft = run("Shelling hit the outskirts of Malakal on Monday. Malakal University was closed.")
    assert "repeat" not in {t.source for t in draft.scratch["toponyms"]}


def test_places_place_noun_of_works_as_a_preposition(run):
    p = _place(run("Dead swans were found near the town of Torun in Poland."), "Torun")
    assert p.country == "POL"


def test_places_country_closing_an_organisation_name_is_an_affiliation(run):
    draft = run("Taco Bell Canada recalled green onions from its restaurants.")
    assert draft.places == [] and _metonym_texts(draft) == ["Canada"]


def test_places_philippine_provinces_resolve(run):
    draft = run("Farms in Bohol and Zambales reported dead pigs.")
    for name in ("Bohol", "Zambales"):
        p = _place(draft, name)
        assert (p.country, p.feature) == ("PHL", "admin2")


@pytest.mark.parametrize(
    ("words", "person", "expected"),
    [
        (["President", "Ana", "Lopez"], (0, 3), {"President", "Ana", "Lopez"}),
        (["Avondale", "Mayor", "Ed", "Rieker"], (0, 4), {"Ed", "Rieker"}),
        (["Huntsville", "Fire", "Chief"], (0, 3), set()),
        (["Village", "Malakal"], (0, 2), set()),
    ],
)
def test_places_surname_tokens_leave_out_towns_before_bodies_and_titles(nlp, words, person, expected):
    """A PERSON span holding a local body or a title after a town ("Huntsville Fire", "Avondale Mayor") does not
    make the town's name a surname for the rest of the article."""
    from spacy.tokens import Doc, Span

    from accord.extract.places import _surname_tokens

    doc = Doc(nlp.vocab, words=words)
    doc.ents = [Span(doc, *person, label="PERSON")]
    assert _surname_tokens(doc.ents, words) == expected


def test_places_compass_word_opens_a_longer_name_in_the_gazetteer_pass(run):
    """ "West" alone is never a toponym, but it opens "West Virginia" inside an organisation's name."""
    draft = run("A grant came from the West Virginia Division of Highways.")
    assert [(t.text, t.source) for t in draft.scratch["toponyms"]] == [("West Virginia", "org")]


def test_places_compass_prefix_is_stripped(run):
    text = "Most school systems in Northeast Georgia are reviewing their policies."
    draft = run(text)
    assert [(t.text, t.start) for t in draft.scratch["toponyms"]] == [("Georgia", text.index("Georgia"))]


@pytest.mark.parametrize(
    ("text", "name", "region"),
    [
        ("Storms over the Pacific hit Alaska and Oregon on Monday.", "Pacific", "Pacific Ocean"),
        ("Ships crossed the Atlantic to reach Virginia and Maine.", "Atlantic", "Atlantic Ocean"),
    ],
)
def test_places_world_region_short_name_beats_small_home_towns(run, text, name, region):
    """A world region's short name is the region, not a small town in the country the story is about."""
    p = _place(run(text), name)
    assert (p.name, p.feature) == (region, "region")
