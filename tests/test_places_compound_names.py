"""Compass words: "northern Sudan" is Sudan, but "South Sudan" is a country of its own."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Fighting spread across South Sudan on Monday.", "South Sudan", "SSD"),
        ("Talks were held in South Africa.", "South Africa", "ZAF"),
        ("Floods hit villages in North Korea.", "North Korea", "PRK"),
        ("Settlers clashed with farmers in the West Bank.", "West Bank", "PSE"),
        ("Police raided homes in West Virginia.", "West Virginia", "USA"),
        ("Protests in North Carolina grew.", "North Carolina", "USA"),
        ("Clashes broke out in northern Sudan.", "Sudan", "SDN"),
        ("Shelling hit eastern Ukraine overnight.", "Ukraine", "UKR"),
    ],
)
def test_places_compass_word_kept_when_part_of_the_name(pipeline, text, name, country) -> None:
    rec = pipeline.extract(text, published="2025-05-16", id="p")
    assert [(p.name, p.country) for p in rec.places] == [(name, country)]


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        # a country named in the story (here only as a nationality) does not make its small county
        # named without "County" beat a much larger namesake abroad
        ("U.S. and Russian negotiators return to Geneva this week for talks.", "Geneva", "CHE"),
        # a country the model tags PERSON is still a place when it receives something
        ("Norway will give Malawi a grant for schools.", "Malawi", "MWI"),
    ],
)
def test_places_famous_city_and_mislabelled_country(pipeline, text, name, country) -> None:
    rec = pipeline.extract(text, published="2025-05-16", id="p")
    assert (name, country) in [(p.name, p.country) for p in rec.places]


def test_places_surname_cut_from_its_given_name_is_no_town(pipeline) -> None:
    rec = pipeline.extract(
        "Kenzo Oshima, the relief coordinator, asked the parties in Iraq to let aid workers through.",
        published="2025-05-16",
        id="p",
    )
    assert [p.name for p in rec.places] == ["Iraq"]
