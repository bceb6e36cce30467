"""Tests for accord.clean: each rule, each keep-whole case, and the offset invariants.

The sentences are our own, written in the style of wire reports. Every parametrized case also
checks the repair invariants, so a rule cannot pass while breaking the offset map.
"""

from __future__ import annotations

import os
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.clean import Cleaned, clean
from accord.errors import EmptyInput, InputError


def check_invariants(raw: str, c: Cleaned) -> None:
    """Everything a user relies on to verify the cleaned text against the raw input."""
    text = c.text
    prev_end, prev_raw_end = 0, 0
    for r in c.repairs:
        assert text[r.start : r.end] == r.replacement, r
        assert raw[r.raw_start : r.raw_end] == r.original, r
        assert r.original != r.replacement, r
        assert r.reason
        assert r.start >= prev_end and r.raw_start >= prev_raw_end, "repairs sorted and non-overlapping"
        # text between repairs is copied unchanged
        assert text[prev_end : r.start] == raw[prev_raw_end : r.raw_start]
        prev_end, prev_raw_end = r.end, r.raw_end
    assert text[prev_end:] == raw[prev_raw_end:]
    # undo the repairs, last first: the raw input comes back exactly
    undone = text
    for r in reversed(c.repairs):
        undone = undone[: r.start] + r.original + undone[r.end :]
    assert undone == raw
    # the offset map agrees with the repairs and is monotonic
    for r in c.repairs:
        if r.replacement:
            assert c.to_raw(r.start) == r.raw_start
            assert c.to_raw(r.end, end=True) == r.raw_end
        if r.original:
            assert c.to_clean(r.raw_start) == r.start
            assert c.to_clean(r.raw_end, end=True) == r.end
    last = -1
    for i in range(len(text) + 1):
        j = c.to_raw(i)
        assert j >= last
        last = j
        assert c.to_raw(i, end=True) <= j
    last = -1
    for i in range(len(raw) + 1):
        j = c.to_clean(i)
        assert 0 <= j <= len(text) and j >= last
        last = j


def cleaned(raw: str) -> Cleaned:
    c = clean(raw)
    check_invariants(raw, c)
    return c


def reasons(c: Cleaned) -> list[str]:
    return [r.reason for r in c.repairs]


# ---------------------------------------------------------------------------------------------
# words run together
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("The mediator warnedThe talks could collapse.", "The mediator warned The talks could collapse."),
        ("Erdogan saidAnkara was ready to host a new round.", "Erdogan said Ankara was ready to host a new round."),
        (
            "Both sides accepted the ceasefireKyiv announced on Monday.",
            "Both sides accepted the ceasefire Kyiv announced on Monday.",
        ),
        ("Shelling continued in the regionOfficials said.", "Shelling continued in the region Officials said."),
        ("Talks resumed inGeneva on Tuesday.", "Talks resumed in Geneva on Tuesday."),
        (
            "The drone hit a depot, the ministry saidNATO would respond.",
            "The drone hit a depot, the ministry said NATO would respond.",
        ),
        (
            "Separatists shelled the Russia-backedVillage overnight.",
            "Separatists shelled the Russia-backed Village overnight.",
        ),
        ("The convoy reached the borderÉmile Dupont said.", "The convoy reached the border Émile Dupont said."),
    ],
)
def test_clean_splits_words_run_together(raw: str, expected: str) -> None:
    c = cleaned(raw)
    assert c.text == expected
    assert reasons(c) == ["run-together"]
    assert c.repairs[0].original == "" and c.repairs[0].replacement == " "


@pytest.mark.parametrize(
    "word",
    [
        "iPhone", "McDonald", "YouTube", "JavaScript", "DeSantis", "LinkedIn", "PlayStation", "McCarthy",
        "MacArthur", "eBay", "al-Assad", "bin Salman", "PhD", "NATO", "OSCE", "iOS", "macOS", "mRNA",
        "deGrasse", "getElementById", "@nytimesWorld", "#standWithUkraine", "WhatsApp", "TikTok",
    ],
)  # fmt: skip
def test_clean_keeps_camel_case_names_whole(word: str) -> None:
    raw = f"Officials mentioned {word} twice during the briefing in Doha."
    c = cleaned(raw)
    assert c.text == raw
    assert c.repairs == []


def test_clean_keeps_urls_with_camel_case_whole() -> None:
    raw = "The statement was posted at https://example.org/newsRoom/ceasefireTalks on Friday."
    assert cleaned(raw).text == raw


# ---------------------------------------------------------------------------------------------
# missing space after a sentence end
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            "The delegations met in Geneva.The talks lasted six hours.",
            "The delegations met in Geneva. The talks lasted six hours.",
        ),
        ("She left the talks.She did not comment.", "She left the talks. She did not comment."),
        (
            'The envoy said it was "a good day," he said."The army disagreed.',
            'The envoy said it was "a good day," he said." The army disagreed.',
        ),
        (
            "It was a deliberate attack!Officials in Kharkiv said.",
            "It was a deliberate attack! Officials in Kharkiv said.",
        ),
        ("Will the truce hold?The answer came within hours.", "Will the truce hold? The answer came within hours."),
        ("The strike came in March 2024.The toll rose to 14.", "The strike came in March 2024. The toll rose to 14."),
        ("The request was sent to NATO.The alliance declined.", "The request was sent to NATO. The alliance declined."),
        ("The minister paused...Then he left the room.", "The minister paused... Then he left the room."),
        ("The minister paused…Then he left the room.", "The minister paused… Then he left the room."),
        ("Troops withdrew (Reuters).The area is calm.", "Troops withdrew (Reuters). The area is calm."),
        ("He called it the 'Iron Dome.'The system failed.", "He called it the 'Iron Dome.' The system failed."),
        (
            "The talks ended, the ministry said.\u201dThe army disagreed.",
            'The talks ended, the ministry said." The army disagreed.',
        ),
        ("The ministry said.\u201cThe army will withdraw.\u201d", 'The ministry said. "The army will withdraw."'),
        (
            'The ministry said."The army will withdraw," the envoy added.',
            'The ministry said. "The army will withdraw," the envoy added.',
        ),
    ],
)
def test_clean_inserts_missing_space_after_sentence_end(raw: str, expected: str) -> None:
    c = cleaned(raw)
    assert c.text == expected
    assert "missing-space" in reasons(c)


@pytest.mark.parametrize(
    "raw",
    [
        "The U.S. envoy met the U.K. delegation in Cairo.",
        "A U.S.-brokered truce expired on Tuesday.",
        "Aid items, e.g. tents and fuel, arrived; i.e. the corridor held.",
        "Resolution No.5 was adopted with 3.5 million dollars in funding.",
        "The text was published on example.com and www.un.org on Monday.",
        "The report quoted J.R.R. Tolkien and a Ph.D. student.",
        "The strike hit at 5 a.m. Local officials counted the dead.",
        "The talks are due to resume in Jan. The venue is unknown.",
        "The delegation flew to St.Petersburg for the forum.",
        "Dr.Haddad and Mr.Osei attended the meeting.",
        "The U.N.Security Council met on Friday.",
        "Questions can be sent to press@Example.org before the briefing.",
        "The site www.UN.org posted the statement.",
        "She said no.she would not sign.",
    ],
)
def test_clean_keeps_abbreviations_numbers_and_domains_whole(raw: str) -> None:
    c = cleaned(raw)
    assert c.text == raw
    assert c.repairs == []


# ---------------------------------------------------------------------------------------------
# page furniture
# ---------------------------------------------------------------------------------------------

BODY = "Delegations from both sides met in Istanbul on Tuesday."
BODY2 = "The talks ended without a joint statement."


@pytest.mark.parametrize(
    "line",
    [
        "No comments yet",
        "No comments yet.",
        "12 Comments",
        "Leave a comment",
        "Share this article",
        "Share on Facebook",
        "Share",
        "Facebook Twitter WhatsApp Email",
        "Read more: Russia and Ukraine swap prisoners of war",
        "READ MORE",
        "Also read: Sudan talks stall in Jeddah",
        "Related: Gaza truce talks resume in Cairo",
        "Related coverage",
        "Most read",
        "Advertisement",
        "Story continues below advertisement",
        "Subscribe to our newsletter",
        "Subscribe now",
        "Sign up for our daily briefing",
        "Sign up for the Morning Brief newsletter.",
        "We use cookies to give you the best experience on our website. By continuing you agree.",
        "This site uses cookies.",
        "Accept all cookies",
        "Click here to watch the video",
        "All rights reserved",
        "© 2025 Example News Agency. All rights reserved.",
        "Copyright 2025 Example Media",
        "Follow us on Twitter",
        "Follow us on Facebook and Telegram",
        "Photo: AFP",
        "Photo: Emergency workers at the site of the strike in Kharkiv",
        "Image caption",
        "Image caption Rescuers search the rubble in Odesa",
        "REUTERS/Jane Doe",
        "Getty Images",
        "5 min read",
        "Listen to this article",
    ],
)
def test_clean_removes_furniture_lines(line: str) -> None:
    raw = f"{BODY}\n{line}\n{BODY2}"
    c = cleaned(raw)
    assert c.text == f"{BODY}\n{BODY2}"
    assert reasons(c) == ["furniture"]
    assert c.repairs[0].original == line + "\n"


@pytest.mark.parametrize(
    "line",
    [
        "Russia's share of the grain exports fell after the deal lapsed.",
        "Share prices in Moscow fell sharply on Monday.",
        "The two sides share a 1,000 km border.",
        "Read the full statement of the mediators carefully, the envoy urged reporters.",
        "Related talks in Doha also stalled.",
        "Sign up for military service rose sharply in March.",
        "Photo opportunities were scarce as the delegations left.",
        "The advertisement campaign was paid for by the ministry.",
        "Follow-up talks are planned for next week.",
        "(c) the parties shall withdraw heavy weapons within 14 days.",
        "Reuters/Ipsos polling shows support for the truce at 60 percent.",
        "Comments by the foreign minister angered Ankara.",
    ],
)
def test_clean_keeps_real_sentences_that_look_like_furniture(line: str) -> None:
    raw = f"{BODY}\n{line}\n{BODY2}"
    c = cleaned(raw)
    assert c.text == raw
    assert c.repairs == []


def test_clean_removes_furniture_at_the_end_and_blank_lines_around_it() -> None:
    raw = f"{BODY}\n\nShare this article\n\nAdvertisement"
    c = cleaned(raw)
    assert c.text == BODY
    assert set(reasons(c)) <= {"furniture", "trim", "whitespace", "furniture+trim", "trim+furniture"}


# ---------------------------------------------------------------------------------------------
# Unicode, quote marks and whitespace
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected", "reason"),
    [
        ("The envoy\u00e2\u20ac\u2122s plan failed.", "The envoy's plan failed.", "mojibake+quote-mark"),
        ("Talks at the Caf\u00c3\u00a9 Riche in Cairo.", "Talks at the Café Riche in Cairo.", "mojibake"),
        (
            "The \u00c3\u00a2\u00e2\u201a\u00ac\u00c5\u201cdeal\u00c3\u00a2\u00e2\u201a\u00ac\u00c2\u009d held.",
            'The "deal" held.',
            "mojibake+quote-mark",
        ),
        ("A truce \u0096 briefly \u0096 held.", "A truce – briefly – held.", "mojibake"),
        ("\u201cWe will not leave,\u201d he said.", '"We will not leave," he said.', "quote-mark"),
        ("\u201eWir bleiben\u201c, sagte er.", '"Wir bleiben", sagte er.', "quote-mark"),
        (
            "The minister\u2019s \u2018final offer\u2019 was rejected.",
            "The minister's 'final offer' was rejected.",
            "quote-mark",
        ),
        ("The convoy travelled 40\u00a0km to Rafah.", "The convoy travelled 40 km to Rafah.", "whitespace"),
        ("A truce of 72\u2009hours was agreed.", "A truce of 72 hours was agreed.", "whitespace"),
        ("The cease\u200bfire held overnight.", "The ceasefire held overnight.", "zero-width"),
        ("\ufeffThe talks resumed on Monday.", "The talks resumed on Monday.", "zero-width"),
        ("The negoti\u00adations resumed.", "The negotiations resumed.", "soft-hyphen"),
        ("The talks\x07 resumed\x00 on Monday.", "The talks resumed on Monday.", "control-char"),
        ("The ministry said.\r\nTalks resume today.", "The ministry said.\nTalks resume today.", "newline"),
        ("The ministry said.\rTalks resume today.", "The ministry said.\nTalks resume today.", "newline"),
        ("Prime Minister Fran\u0063\u0327ois Bayrou spoke.", "Prime Minister François Bayrou spoke.", "nfc"),
        ("The army   said  the road\twas open.", "The army said the road was open.", "whitespace"),
        ("First paragraph.\n\n\n\nSecond paragraph.", "First paragraph.\n\nSecond paragraph.", "whitespace"),
        ("First paragraph.   \n   Second paragraph.", "First paragraph.\nSecond paragraph.", "whitespace"),
        ("   \n  The talks resumed.", "The talks resumed.", "trim"),
        ("The talks resumed.  \n\n ", "The talks resumed.", "trim"),
    ],
)
def test_clean_repairs_characters_and_whitespace(raw: str, expected: str, reason: str) -> None:
    c = cleaned(raw)
    assert c.text == expected
    assert reason in reasons(c)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Talks in \u00c4\u00b0stanbul and Ankara.", "Talks in \u0130stanbul and Ankara."),
        ("Minister \u00c3\u2021avu\u00c5\u0178o\u00c4\u0178lu arrived.", "Minister \u00c7avu\u015fo\u011flu arrived."),
        ("The word \u00d0\u00bc\u00d0\u00b8\u00d1\u20ac means peace.", "The word \u043c\u0438\u0440 means peace."),
    ],
)
def test_clean_repairs_mojibake_in_names(raw: str, expected: str) -> None:
    c = cleaned(raw)
    assert c.text == expected
    assert all(r.reason == "mojibake" for r in c.repairs)


@pytest.mark.parametrize(
    "raw",
    [
        "The Stra\u00dfe\u2026 was closed.",
        "Z\u00fcrich, S\u00e3o Paulo and Bras\u00edlia sent envoys.",
        "The n\u00e9e\u2013Haddad family fled.",
    ],
)
def test_clean_keeps_real_latin1_text(raw: str) -> None:
    c = cleaned(raw)
    assert c.text == raw
    assert c.repairs == []


@pytest.mark.parametrize(("raw", "expected"), [("\x965\x85", "\u20135\u2026"), ("55\x965\x85", "55\u20135\u2026")])
def test_clean_fixes_c1_runs_split_by_a_line_break_character(raw: str, expected: str) -> None:
    # \x85 is also a line break to str.isspace: ftfy's windows must still not overlap (found by hypothesis)
    assert cleaned(raw).text == expected


def test_clean_keeps_long_lines_that_mention_rights_reserved() -> None:
    line = (
        "The court said the parties had all rights reserved under the 1994 accord, and that neither side could "
        "claim the disputed villages until the commission had finished its work on the border, which could "
        "take another two years according to the mediators."
    )
    raw = f"{BODY}\n{line}\n{BODY2}"
    assert cleaned(raw).text == raw


def test_clean_splits_every_stop_in_a_run_together_token() -> None:
    c = cleaned("Talks ended in Geneva.The!Next round is due.")
    assert c.text == "Talks ended in Geneva. The! Next round is due."
    assert clean(c.text).text == c.text


def test_to_raw_maps_span_ends_before_deleted_text() -> None:
    raw = "Kyiv\u200b said."
    c = cleaned(raw)
    assert c.text == "Kyiv said."
    assert c.to_raw(4, end=True) == 4  # end of "Kyiv": before the zero-width space
    assert c.to_raw(4) == 5  # start of " said": after it
    assert c.to_clean(5) == 4 and c.to_clean(4, end=True) == 4


def test_clean_keeps_guillemets_and_real_accents() -> None:
    raw = "« Nous restons », a déclaré le ministre à Genève. Straße, São Paulo, naïve, Zürich."
    c = cleaned(raw)
    assert c.text == raw
    assert c.repairs == []


def test_clean_keeps_one_final_newline() -> None:
    raw = "The talks resumed.\nBoth sides attended.\n"
    c = cleaned(raw)
    assert c.text == raw and c.repairs == []
    assert cleaned("The talks resumed.\n\n\n").text == "The talks resumed.\n"


def test_clean_keeps_a_clean_article_untouched() -> None:
    raw = (
        "Saudi Foreign Minister Khalid al-Mansour warned on Thursday that Riyadh could suspend "
        'its mediation "within a week".\n'
        '"We cannot keep hosting talks that produce nothing," al-Mansour told reporters. He added:\n'
        "A U.S.-brokered humanitarian ceasefire in El Fasher expired on Tuesday. A drone strike killed "
        "14 civilians and wounded 32 others, the Darfur health ministry said.\n"
    )
    c = cleaned(raw)
    assert c.text == raw
    assert c.repairs == []


def test_clean_combines_rules_in_one_article() -> None:
    raw = (
        "KYIV\u00a0\u2014 The envoy warnedThe talks were at risk.\r\n"
        "Share this article\r\n"
        "\u201cWe are ready,\u201d she said.Officials in Kyiv did not comment.\r\n\r\n\r\n"
        "Advertisement\r\n"
        "Moscow\u00e2\u20ac\u2122s delegation left.  \r\n"
    )
    c = cleaned(raw)
    assert c.text == (
        "KYIV \u2014 The envoy warned The talks were at risk.\n"
        '"We are ready," she said. Officials in Kyiv did not comment.\n\n'
        "Moscow's delegation left.\n"
    )


# ---------------------------------------------------------------------------------------------
# empty input, offsets, determinism
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "\n\n\t\n", "\u00a0\u200b\r\n", "Share this article\nAdvertisement\n", "No comments yet"],
)
def test_clean_raises_empty_input(raw: str) -> None:
    with pytest.raises(EmptyInput) as info:
        clean(raw, source="feed.jsonl")
    err = info.value
    assert isinstance(err, InputError)
    assert err.code == "E101" and err.source == "feed.jsonl"
    assert "feed.jsonl" in str(err)


def test_clean_rejects_non_text() -> None:
    with pytest.raises(TypeError):
        clean(b"bytes")  # type: ignore[arg-type]


def test_offset_map_points_at_the_same_words() -> None:
    raw = "Intro\nShare this article\nThe envoy warnedThe  talks in Geneva.Kyiv said."
    c = cleaned(raw)
    assert c.text == "Intro\nThe envoy warned The talks in Geneva. Kyiv said."
    for word in ("The envoy", "warned", "talks", "Geneva", "Kyiv said."):
        start = c.text.index(word)
        end = start + len(word)
        assert raw[c.to_raw(start) : c.to_raw(end, end=True)] == word
        raw_start = raw.index(word)
        assert c.text[c.to_clean(raw_start) : c.to_clean(raw_start + len(word), end=True)] == word
    # the start of the line after the removed furniture maps past the furniture
    assert c.to_raw(c.text.index("The envoy")) == raw.index("The envoy")
    with pytest.raises(ValueError):
        c.to_raw(len(c.text) + 1)
    with pytest.raises(ValueError):
        c.to_clean(-1)


def test_repairs_are_record_models() -> None:
    from accord.records import Repair

    c = cleaned("The envoy warnedThe talks\u00a0failed.")
    assert all(isinstance(r, Repair) for r in c.repairs)
    dumped = [r.model_dump() for r in c.repairs]
    assert dumped[0] == {
        "start": 16, "end": 17, "raw_start": 16, "raw_end": 16,
        "original": "", "replacement": " ", "reason": "run-together",
    }  # fmt: skip
    assert [Repair.model_validate(d) for d in dumped] == c.repairs


def test_clean_is_deterministic_and_idempotent_on_a_messy_article() -> None:
    raw = (
        "\ufeffMoscow\u00e2\u20ac\u2122s envoy saidAnkara would host talks.The next round\u2026\r\n"
        "Read more: Truce talks stall\r\n\r\n\r\n \u201cWe are ready.\u201dOfficials   left.\x0c"
    )
    a, b = clean(raw), clean(raw)
    assert a.text == b.text and a.repairs == b.repairs
    assert clean(a.text).text == a.text
    assert clean(a.text).repairs == []


# ---------------------------------------------------------------------------------------------
# property tests
# ---------------------------------------------------------------------------------------------

# Characters that exercise every rule, in any combination.
NASTY = st.text(
    alphabet=st.sampled_from(
        [
            *"aeiotnsrTHAGKNOS.!?\"'()-:,5 ",
            *"\n\r\t\u00a0\u2009\u200b\u200d\u00ad\x00\x07\x85\x96\ufeff\u2028",
            *"\u201c\u201d\u2018\u2019\u00ab\u00bb\u2026\u00e9\u0301\u00c3\u00a9\u00e2\u20ac\u2122\u00c2",
        ]
    ),
    max_size=80,
)

WORDS = [
    "the", "talks", "envoy", "said", "warned", "ceasefire", "Kyiv", "Geneva", "The", "She", "Officials",
    "U.S.", "NATO", "iPhone", "McDonald", "killed", "14", "3.5", "e.g.", "St.Petersburg", "a.m.",
]  # fmt: skip
GLUE = [
    " ", " ", " ", "", ". ", ".", ", ", "\n", "\n\n\n", "  ", "\r\n",
    "\u00a0", "\u201d", "\u2019s ", "\u00e2\u20ac\u2122",
]  # fmt: skip
FURNITURE = ["Share this article", "Advertisement", "Read more: Talks stall", "Photo: AFP"]


@st.composite
def articles(draw: st.DrawFn) -> str:
    """News-like text with scraping artefacts mixed in."""
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 30))):
        if draw(st.integers(0, 12)) == 0:
            parts.append("\n" + draw(st.sampled_from(FURNITURE)) + "\n")
        parts.append(draw(st.sampled_from(WORDS)))
        parts.append(draw(st.sampled_from(GLUE)))
    return "".join(parts)


# HYPOTHESIS_EXAMPLES=20000 for a long hunt
SETTINGS = settings(
    max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "300")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@SETTINGS
@given(NASTY)
def test_property_invariants_hold_for_any_text(raw: str) -> None:
    try:
        c = clean(raw)
    except EmptyInput:  # whitespace, invisible characters, or a line of furniture such as "©"
        return
    check_invariants(raw, c)
    again = clean(raw)
    assert again.text == c.text and again.repairs == c.repairs


@SETTINGS
@given(articles())
def test_property_invariants_and_idempotence_for_articles(raw: str) -> None:
    try:
        c = clean(raw)
    except EmptyInput:
        return
    check_invariants(raw, c)
    second = clean(c.text)
    assert second.text == c.text
    assert second.repairs == []


@SETTINGS
@given(NASTY)
def test_property_idempotent_for_any_text(raw: str) -> None:
    try:
        c = clean(raw)
    except EmptyInput:
        return
    assert clean(c.text).text == c.text


@st.composite
def mojibake_texts(draw: st.DrawFn) -> str:
    """Text with accents, quotes and dashes, encoded as UTF-8 and decoded as cp1252 or latin-1."""
    letters = list("ae oT.\u00e9\u00fc\u00e7\u015f\u0130\u2019\u201c\u2014\u00a0")
    good = draw(st.text(alphabet=st.sampled_from(letters), max_size=40))
    codec = draw(st.sampled_from(["cp1252", "latin-1"]))
    return good.encode("utf-8").decode(codec, errors="ignore")


@SETTINGS
@given(mojibake_texts())
def test_property_invariants_and_idempotence_for_mojibake(raw: str) -> None:
    try:
        c = clean(raw)
    except EmptyInput:
        return
    check_invariants(raw, c)
    assert clean(c.text).text == c.text


@SETTINGS
@given(NASTY, st.data())
def test_property_offsets_round_trip_outside_repairs(raw: str, data: st.DataObject) -> None:
    try:
        c = clean(raw)
    except EmptyInput:
        return
    i = data.draw(st.integers(0, len(c.text)))
    inside = any(r.start < i < r.end or (i == r.start and not r.original) for r in c.repairs)
    if not inside:
        assert c.to_clean(c.to_raw(i)) == i


# ---------------------------------------------------------------------------------------------
# speed
# ---------------------------------------------------------------------------------------------


def test_clean_is_fast_on_a_long_article() -> None:
    para = (
        "The envoy warnedThe talks in Geneva.The ministry\u2019s statement came at 5 a.m. on Friday, "
        "\u201cWe are ready,\u201d she said.  Shelling\u00a0continued near Kharkiv.\r\n"
        "Share this article\r\n"
    )
    raw = para * (50_000 // len(para) + 1)
    clean(raw)  # warm the word-frequency list
    t0 = time.perf_counter()
    c = clean(raw)
    elapsed = time.perf_counter() - t0
    assert len(c.repairs) > 1000
    assert elapsed < 0.5, f"{elapsed:.3f}s for {len(raw)} characters"
