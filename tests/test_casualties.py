"""Casualty counts: digits and words, bounds, vague quantities, death tolls; conservative by design."""

from __future__ import annotations

import pytest

from accord.extract.casualties import casualties_in, find_figures, parse_number

K, INJ, M, A = "killed", "injured", "missing", "arrested"


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A drone strike hit the depot, killing 14 civilians and wounding 32 others.", {K: 14, INJ: 32}),
        ("43 people were killed in the blast.", {K: 43}),
        ("Two civilians died when the shell landed.", {K: 2}),
        ("At least 12 soldiers were killed overnight.", {K: 12}),
        ("More than 40 people were wounded in the stampede.", {INJ: 40}),
        ("The death toll rose to 27 on Sunday.", {K: 27}),
        ("The death toll from the shelling has climbed to 61.", {K: 61}),
        ("A dozen protesters were arrested outside the court.", {A: 12}),
        ("Police detained 15 demonstrators near the square.", {A: 15}),
        ("Dozens of people were injured in the clashes.", {INJ: None}),
        ("Hundreds were arrested after the march.", {A: None}),
        ("Nearly 40 were killed, officials said.", {K: None}),
        ("Up to 30 people may have died.", {K: None}),
        ("Forty-two people died in the attack on the camp.", {K: 42}),
        ("Gunmen killed twenty-one villagers at dawn.", {K: 21}),
        ("The raid left 5 dead and 20 injured.", {K: 5, INJ: 20}),
        ("Five fishermen are missing after the boat was hit.", {M: 5}),
        ("Seven miners remain trapped under the debris.", {M: 7}),
        ("The strike killed 3 members of one family.", {K: 3}),
        ("Troops destroyed 5 homes in the village.", {}),
        ("Rebels shelled the town in 2019, killing no one.", {K: 0}),
        ("The report covers attacks since 2019 killed in action.", {}),
        ("1,200 people were displaced by the fighting.", {}),
        ("Shelling killed 1,250 people over the winter.", {K: 1250}),
        ("Some 300 people were treated for injuries; 18 were killed.", {K: 18, INJ: 300}),
        ("About 30 people were hurt in the crush.", {INJ: 30}),
        ("The attack killed eight and injured eleven, police said.", {K: 8, INJ: 11}),
        ("Security forces arrested six suspects and seized weapons.", {A: 6}),
        ("Fourteen Palestinian civilians were killed and 3 hurt.", {K: 14, INJ: 3}),
        ("Scores of people were wounded, medics said.", {INJ: None}),
        ("The blast wounded several bystanders.", {INJ: None}),
        ("No one was hurt in the fire.", {INJ: 0}),
        ("A car bomb killed at least 9 people and wounded more than 20.", {K: 9, INJ: 20}),
        ("Half a dozen soldiers were injured in the ambush.", {INJ: 6}),
        ("The attack, which lasted 3 hours, killed 4 guards.", {K: 4}),
    ],
)
def test_casualties_counts(sentence: str, expected: dict[str, int | None]) -> None:
    got = casualties_in(sentence).model_dump()
    want = {k: None for k in (K, INJ, M, A)} | expected
    assert got == want


@pytest.mark.parametrize(
    ("phrase", "qualifier", "value"),
    [
        ("43", None, 43),
        ("1,200", None, 1200),
        ("a dozen", None, 12),
        ("dozens", None, None),
        ("forty-two", None, 42),
        ("two hundred", None, 200),
        ("40", "more than", 40),
        ("40", "nearly", None),
        ("three thousand", None, 3000),
        ("several", None, None),
    ],
)
def test_casualties_parse_number(phrase: str, qualifier: str | None, value: int | None) -> None:
    assert parse_number(phrase, qualifier) == value


def test_casualties_figures_carry_spans() -> None:
    text = "Shelling killed 7 people."
    figs = find_figures(text)
    assert [(f.kind, f.value) for f in figs] == [("killed", 7)]
    assert "killed 7" in text[figs[0].start : figs[0].end]
