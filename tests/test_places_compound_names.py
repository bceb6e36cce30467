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
