"""The times stage: news phrasings → TIMEX3 values anchored to the publication date (Friday 2025-05-16)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.extract.times import TimesStage, event_date, precision_of
from accord.extract.timex import duration_value, parse_number, tag

EXAMPLES = Path(__file__).resolve().parents[2] / "shared" / "examples"


def run(make_draft, text: str, published: str | None = "2025-05-16"):
    draft = make_draft(text, published=published)
    TimesStage()(draft)
    return draft


def find(draft, text: str):
    hits = [t for t in draft.times if t.text == text]
    assert hits, f"no time {text!r} in {[t.text for t in draft.times]}"
    return hits[0]


# (sentence, expected span text, type, value, mod)
CASES = [
    # weekdays and tense
    ("The talks resumed on Friday in Doha.", "on Friday", "DATE", "2025-05-16", None),
    ("Rebels shelled the town on Tuesday.", "on Tuesday", "DATE", "2025-05-13", None),
    ("The envoy will meet rebel leaders on Monday.", "on Monday", "DATE", "2025-05-19", None),
    ("Delegations are due to sign the text on Wednesday.", "on Wednesday", "DATE", "2025-05-21", None),
    ("The minister said Thursday that the border stays shut.", "Thursday", "DATE", "2025-05-15", None),
    ("Negotiators met again last Friday.", "last Friday", "DATE", "2025-05-09", None),
    ("A second round is planned for next Friday.", "next Friday", "DATE", "2025-05-23", None),
    ("Fighting flared on Tuesday night near the airport.", "on Tuesday night", "TIME", "2025-05-13TNI", None),
    ("Gunmen struck on Sunday morning.", "on Sunday morning", "TIME", "2025-05-11TMO", None),
    ("A drone hit the depot early on Thursday.", "early on Thursday", "DATE", "2025-05-15", "START"),
    ("Shells landed in the early hours of Friday.", "in the early hours of Friday", "DATE", "2025-05-16", "START"),
    ("Troops withdrew late Monday.", "late Monday", "DATE", "2025-05-12", "END"),
    # relative days and parts of day
    ("The convoy was attacked yesterday.", "yesterday", "DATE", "2025-05-15", None),
    ("Voting opens today across the country.", "today", "DATE", "2025-05-16", None),
    ("The council votes tomorrow.", "tomorrow", "DATE", "2025-05-17", None),
    ("Explosions were heard last night in the capital.", "last night", "TIME", "2025-05-15TNI", None),
    ("The president will address the nation tonight.", "tonight", "TIME", "2025-05-16TNI", None),
    ("Police cleared the square this morning.", "this morning", "TIME", "2025-05-16TMO", None),
    # weeks, months, years
    ("Shelling continued this week along the front.", "this week", "DATE", "2025-W20", None),
    ("Talks collapsed last week.", "last week", "DATE", "2025-W19", None),
    ("Inspectors arrive next week.", "next week", "DATE", "2025-W21", None),
    ("The militia regrouped earlier this month.", "earlier this month", "DATE", "2025-05", "START"),
    ("Aid deliveries fell last month.", "last month", "DATE", "2025-04", None),
    ("Elections are expected next month.", "next month", "DATE", "2025-06", None),
    ("The port was seized in March this year.", "in March this year", "DATE", "2025-03", None),
    ("Casualties doubled last year.", "last year", "DATE", "2024", None),
    ("The border reopened this year.", "this year", "DATE", "2025", None),
    ("The group was founded in 2019.", "in 2019", "DATE", "2019", None),
    ("Unrest spread in late 2024.", "in late 2024", "DATE", "2024", "END"),
    ("The war began in mid-2023.", "in mid-2023", "DATE", "2023", "MID"),
    ("The truce lasted through the winter of 2023.", "the winter of 2023", "DATE", "2023-WI", None),
    ("The dispute dates back to the 1990s.", "the 1990s", "DATE", "199", None),
    ("The city was rebuilt in the 1980s.", "in the 1980s", "DATE", "198", None),
    ("Food prices spiked last summer.", "last summer", "DATE", "2024-SU", None),
    ("A new offensive is feared this summer.", "this summer", "DATE", "2025-SU", None),
    ("Output rose in the third quarter.", "in the third quarter", "DATE", "2025-Q3", None),
    ("Exports fell in the first half of 2024.", "in the first half of 2024", "DATE", "2024-H1", None),
    ("Grain shipments stopped this weekend.", "this weekend", "DATE", "2025-W20-WE", None),
    # absolute dates
    ("The accord was signed on 7 May.", "on 7 May", "DATE", "2025-05-07", None),
    ("Fighting erupted on May 7, 2024, in the north.", "on May 7, 2024", "DATE", "2024-05-07", None),
    ("Talks were held May 7-9 in Jeddah.", "May 7-9", "DATE", "2025-05-07", None),
    ("The ceasefire began on Friday, May 9.", "on Friday, May 9", "DATE", "2025-05-09", None),
    ("Refugees arrived in January.", "in January", "DATE", "2025-01", None),
    ("Aid stopped in December.", "in December", "DATE", "2024-12", None),
    ("Parliament will vote in June.", "in June", "DATE", "2025-06", None),
    ("The report is dated 2025-04-18.", "2025-04-18", "DATE", "2025-04-18", None),
    ("The decree of 13/05/2025 bans rallies.", "13/05/2025", "DATE", "2025-05-13", None),
    ("The decree of 05/07/2025 bans rallies.", "05/07/2025", "DATE", "2025-05-07", None),
    ("Christmas was celebrated quietly in Gaza.", "Christmas", "DATE", "2024-12-25", None),
    ("Troops reached the town at 9 a.m. on Tuesday.", "at 9 a.m. on Tuesday", "TIME", "2025-05-13T09:00", None),
    ("The curfew starts at 22:00 GMT.", "at 22:00 GMT", "TIME", "2025-05-16T22:00", None),
    # durations
    ("At least 300 people died over the past 90 days.", "the past 90 days", "DURATION", "P90D", None),
    ("Riyadh could suspend mediation within a week.", "within a week", "DURATION", "P1W", "EQUAL_OR_LESS"),
    ("A deal could come within weeks.", "within weeks", "DURATION", "PXW", "EQUAL_OR_LESS"),
    ("The siege has lasted two years.", "two years", "DURATION", "P2Y", None),
    ("They proposed a 72-hour truce.", "72-hour", "DURATION", "PT72H", None),
    ("The government unveiled a five-year plan.", "five-year", "DURATION", "P5Y", None),
    ("The blockade lasted more than two weeks.", "more than two weeks", "DURATION", "P2W", "MORE_THAN"),
    ("Talks dragged on for about 10 years.", "about 10 years", "DURATION", "P10Y", "APPROX"),
    ("The hostages were held for at least 72 hours.", "at least 72 hours", "DURATION", "PT72H", "EQUAL_OR_MORE"),
    ("Residents queued for five and a half hours.", "a half hours", "DURATION", "PT30M", None),
    ("The vote took place three days ago.", "three days ago", "DATE", "2025-05-13", None),
    ("The camp was emptied a week ago.", "a week ago", "DATE", "2025-W19", None),
    ("More clashes are expected in the coming weeks.", "the coming weeks", "DURATION", "PXW", None),
    ("Dozens died in recent days.", "recent days", "DURATION", "PXD", None),
    # sets and references
    ("Patrols are carried out daily.", "daily", "SET", "P1D", None),
    ("Monitors report every week.", "every week", "SET", "P1W", None),
    ("Observers visit twice a month.", "twice a month", "SET", "P1M", None),
    ("Markets close on Mondays.", "on Mondays", "SET", "XXXX-WXX-1", None),
    # narrative reference, news present tense, same-day future
    ("Russia annexed Crimea in 2014; a decade later the war goes on.", "a decade later", "DATE", "2024", None),
    ("The truce runs until December 31.", "December 31", "DATE", "2025-12-31", None),
    ("The UN council meets on Monday to discuss the crisis.", "on Monday", "DATE", "2025-05-19", None),
    ("The truce is due to expire at midnight on Friday.", "at midnight on Friday", "TIME", "2025-05-16T24:00", None),
    ("The army withdrew in September.", "in September", "DATE", "2024-09", None),
    ("Rebels took the town on 3 May. The next day, the army retook it.", "The next day", "DATE", "2025-05-04", None),
    ("Rebels took the town on 3 May. That night, drones struck.", "That night", "TIME", "2025-05-03TNI", None),
    ("The year-long siege ended in March.", "year-long", "DURATION", "P1Y", None),
    ("Mali said on Wednesday it would send troops.", "on Wednesday", "DATE", "2025-05-14", None),
    ("A jet struck early on Tuesday. The bombs fell shortly after 1 a.m.", "shortly after 1 a.m.", "TIME",
     "2025-05-13T01:00", "AFTER"),
    ("The crossing is now closed.", "now", "DATE", "PRESENT_REF", None),
    ("Some 2 million people are currently displaced.", "currently", "DATE", "PRESENT_REF", None),
]


@pytest.mark.parametrize(("text", "span", "typ", "value", "mod"), CASES, ids=[c[1] for c in CASES])
def test_times_normalises_news_phrasings(make_draft, text, span, typ, value, mod):
    t = find(run(make_draft, text), span)
    assert (t.type, t.value, t.mod) == (typ, value, mod)


NEGATIVE = [
    ("At the end of the day, the ministers disagreed.", "end of the day"),
    ("The UN deployed 2,000 troops to the border.", "2,000"),
    ("Officials said 2000 troops were deployed.", "2000"),
    ("The talks may resume if both sides agree.", "may"),
    ("Thousands march through the capital.", "march"),
    ("The 10-year-old boy was rescued from the rubble.", "10-year-old"),
    ("The price rose to $2019 per tonne.", "2019"),
    ("Rebels blamed the army for the fall of the city.", "fall"),
    ("The Good Friday Agreement ended decades of conflict.", "Friday"),
    ("Bloody Sunday is remembered in Derry.", "Sunday"),
    ("Black September militants struck in Munich.", "September"),
    ("Israel won the Six-Day War quickly.", "Six-Day"),
    ("The Arab Spring toppled several rulers.", "Spring"),
    ("Ankara offered to host a second round of talks.", "a second"),
]


@pytest.mark.parametrize(("text", "words"), NEGATIVE, ids=[n[1] for n in NEGATIVE])
def test_times_ignores_non_temporal_words(make_draft, text, words):
    draft = run(make_draft, text)
    start = text.index(words)
    assert not [t for t in draft.times if t.start < start + len(words) and t.end > start]


RELATIVE = [
    ("Rebels attacked the base on Friday.", "on Friday", "XXXX-WXX-5"),
    ("The convoy was hit yesterday.", "yesterday", "XXXX-XX-XX"),
    ("The port fell in March.", "in March", "XXXX-03"),
    ("The group was founded in 2019.", "in 2019", "2019"),
    ("Talks collapsed last week.", "last week", "XXXX-WXX"),
]


@pytest.mark.parametrize(("text", "span", "value"), RELATIVE, ids=[r[1] for r in RELATIVE])
def test_times_without_publication_date_stays_relative(make_draft, text, span, value):
    assert find(run(make_draft, text, published=None), span).value == value


@pytest.mark.parametrize(
    "text",
    ["On Tuesday, a drone struck a market; by Wednesday night 40 were dead and 2 missing since 3 May 2025.",
     "Talks (held May 7-9) ended. Over the past 90 days, within weeks, daily, every week, now."],
)
def test_times_spans_equal_text(make_draft, text):
    draft = run(make_draft, text)
    assert draft.times
    for t in draft.times:
        assert draft.text[t.start: t.end] == t.text


def test_times_jeddah_matches_hand_coding(make_draft):
    if not (EXAMPLES / "jeddah.txt").exists():
        pytest.skip("shared examples not present")
    expected = json.loads((EXAMPLES / "jeddah.expected.json").read_text(encoding="utf-8"))
    draft = run(make_draft, (EXAMPLES / "jeddah.txt").read_text(encoding="utf-8"), published="2025-05-16")
    assert [t.model_dump() for t in draft.times] == expected["times"]


EVENT_DATES = [
    # (text, trigger word, value, decided-by text)
    ("The army said on Friday that rebels had shelled the town on Tuesday.", "shelled", "2025-05-13", "on Tuesday"),
    ("The army said on Friday that rebels had shelled the town.", "said", "2025-05-16", "on Friday"),
    ("Rebels withdrew on Monday, citing pressure from mediators.", "citing", "2025-05-12", "on Monday"),
    ("The truce expired on Tuesday, and both sides blamed each other.", "blamed", "2025-05-16", None),
    ("A car bomb exploded near the ministry.", "exploded", "2025-05-16", None),
    ("Gunmen stormed the village on Wednesday night.", "stormed", "2025-05-14", "on Wednesday night"),
    ("The accord was signed in March this year.", "signed", "2025-03", "in March this year"),
]


@pytest.mark.parametrize(("text", "word", "value", "decided_by"), EVENT_DATES, ids=[e[1] for e in EVENT_DATES])
def test_times_event_date_follows_the_clause(make_draft, text, word, value, decided_by):
    draft = run(make_draft, text)
    ed = event_date(draft, 0, len(text), trigger=text.index(word))
    assert (ed.value, ed.text) == (value, decided_by)


def test_times_event_date_without_trigger_takes_nearest(make_draft):
    text = "Clashes broke out on Monday. Talks resumed on Thursday."
    draft = run(make_draft, text)
    second = text.index("Talks")
    ed = event_date(draft, second, len(text))
    assert (ed.value, ed.text, ed.precision) == ("2025-05-15", "on Thursday", "day")


def test_times_event_date_without_anchor_or_time_is_empty(make_draft):
    draft = run(make_draft, "Gunmen attacked a checkpoint.", published=None)
    ed = event_date(draft, 0, len(draft.text), trigger=draft.text.index("attacked"))
    assert (ed.value, ed.text, ed.precision) == (None, None, None)


@pytest.mark.parametrize(
    ("value", "precision"),
    [("2025-05-14", "day"), ("2025-05-14T09:00", "time"), ("2025-W20", "week"), ("2025-03", "month"),
     ("2025", "year"), ("2025-Q3", "year"), ("P3D", None), ("PRESENT_REF", None)],
)
def test_times_precision_of_values(value, precision):
    assert precision_of(value) == precision


@pytest.mark.parametrize(
    ("words", "number"),
    [("twenty-five", 25.0), ("a", 1.0), ("5 1/2", 5.5), ("several", None), ("ninety", 90.0)],
)
def test_times_parse_number(words, number):
    assert parse_number(words) == number


@pytest.mark.parametrize(
    ("n", "unit", "value"),
    [(3, "days", "P3D"), (72, "hour", "PT72H"), (None, "weeks", "PXW"), (2, "fortnight", "P4W"),
     (1.5, "hours", "PT1H30M")],
)
def test_times_duration_values(n, unit, value):
    assert duration_value(n, unit) == value


def test_times_tagger_runs_without_a_parse():
    found = tag("Rebels will attack on Monday.", None, None)
    assert [(t.type, t.value) for t in found] == [("DATE", "XXXX-WXX-1")]
