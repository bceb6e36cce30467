"""Casualty counts in a sentence: killed, injured, missing, arrested.

Conservative by design (ACLED's habit): a vague figure ("dozens", "hundreds", "nearly 40") gives
null, a bound gives the bound ("at least 12" → 12, "more than 40" → 40), and when a sentence carries
several figures for one kind we keep the largest stated one rather than adding them up. Counts come
from surface patterns around casualty words, which stay reliable on machine-translated wire text
where the dependency parse of number phrases often is not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from accord.records import Casualties

_UNITS = {
    "zero": 0,
    "no": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
#: Quantity words that name no number: the count stays null.
_VAGUE = {
    "dozens",
    "scores",
    "hundreds",
    "thousands",
    "several",
    "many",
    "numerous",
    "some",
    "few",
    "multiple",
    "tens",
    "countless",
    "a number",
    "a few",
    "a handful",
    "handful",
}

_WORDNUM = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|"
    r"eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen)(?:\s+(?:hundred|thousand))?"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"
#: A figure: digits, number words, "a dozen", or a vague quantity (captured so it can null the count).
_NUM = (
    rf"(?P<num>no one|nobody|{_DIGITS}|{_WORDNUM}|a dozen|half a dozen|a couple of|a score of|dozens|scores|"
    r"hundreds|thousands|"
    r"several|many|numerous|multiple|a few|a handful of|a number of|tens of)"
)
#: Qualifiers before a figure; the ones meaning "below" make the figure unusable as a lower bound.
_QUAL = (
    r"(?P<qual>at least|more than|over|upwards of|no fewer than|not less than|some|about|around|approximately|"
    r"roughly|an estimated|nearly|almost|up to|close to|fewer than|less than|as many as)?\s*"
)
_BELOW = {"nearly", "almost", "up to", "close to", "fewer than", "less than", "as many as"}
#: Words that may sit between the figure and the casualty word ("14 Palestinian civilians were").
_NOUNISH = (
    r"(?:(?!(?:and|or|but|while|dead|killed|died|wounded|injured|missing|arrested|detained)\b|\d)[\w'’-]+\s+){0,4}?"
)
_AUX = r"(?:(?:were|was|have been|has been|had been|are|is|been|being|got|reportedly|also|later|all|allegedly|)\s+)*"

_KILLED = r"killed|dead|died|slain|massacred|murdered|executed|shot dead|lost their lives|perished|fatalities|deaths"
_INJURED = r"wounded|injured|hurt|injuries|maimed|hospitali[sz]ed|casualties"
_MISSING = r"missing|trapped|unaccounted for|buried under (?:the )?rubble"
_ARRESTED = r"arrested|detained|rounded up|taken into custody|apprehended|jailed|held"

_KIND_WORDS = {"killed": _KILLED, "injured": _INJURED, "missing": _MISSING, "arrested": _ARRESTED}
_VERB_FORMS = {
    "killed": r"killing|killed|kills|kill|massacring|massacred|executing|executed|claiming the lives of|"
    r"claimed the lives of|left|leaving",
    "injured": r"wounding|wounded|wounds|injuring|injured|injures|hurting|hurt",
    "missing": r"",
    "arrested": r"arresting|arrested|arrests|detaining|detained|detains|rounding up|rounded up|apprehending|"
    r"apprehended|jailing|jailed",
}
#: Nouns after a figure that show it is not a head count.
_NOT_PEOPLE = re.compile(
    r"^(?:years?|months?|weeks?|days?|hours?|minutes?|km|kilomet(?:er|re)s?|miles?|meters?|metres?|percent|%|per cent|"
    r"dollars?|euros?|pounds?|tons?|tonnes?|times|homes?|houses?|buildings?|vehicles?|cars?|trucks?|tanks?|rockets?|"
    r"missiles?|drones?|shells?|bombs?|villages?|towns?|targets?|sites?|positions?|kg|am|pm|a\.m\.|p\.m\.|GMT)\b",
    re.I,
)


@dataclass(frozen=True)
class Figure:
    """One casualty figure found in text; ``value`` None means stated vaguely."""

    kind: str
    value: int | None
    start: int
    end: int


def parse_number(phrase: str, qualifier: str | None = None) -> int | None:
    """A count from a number phrase: "43", "1,200", "forty-two", "a dozen"; vague or "nearly" → None."""
    p = phrase.lower().strip()
    q = (qualifier or "").lower().strip()
    if q in _BELOW:
        return None
    if p in _VAGUE or p.rstrip(" of") in _VAGUE or p.startswith(("tens of", "a number", "a handful")):
        return None
    if p in ("no one", "nobody"):
        return 0
    if p in ("a dozen",):
        return 12
    if p == "half a dozen":
        return 6
    if p == "a couple of":
        return 2
    if p == "a score of":
        return 20
    if re.fullmatch(_DIGITS, p):
        return int(p.replace(",", ""))
    total = 0
    current = 0
    for w in re.split(r"[\s-]+", p):
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w == "hundred":
            current = max(current, 1) * 100
        elif w == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return total + current


def _compile() -> list[tuple[str, re.Pattern[str], str]]:
    pats: list[tuple[str, re.Pattern[str], str]] = []
    for kind, words in _KIND_WORDS.items():
        # "43 people were killed", "two civilians died", "12 dead", "five soldiers missing"
        pats.append((kind, re.compile(rf"\b{_QUAL}{_NUM}\s+{_NOUNISH}{_AUX}(?:{words})\b", re.I), "after"))
        verbs = _VERB_FORMS[kind]
        if verbs:
            # "killing 14 civilians", "wounded at least 12 people", "left 5 dead"
            pats.append((kind, re.compile(rf"\b(?:{verbs})\s+{_QUAL}{_NUM}\b(?P<rest>\s+[\w%.]+)?", re.I), "before"))
    # "the death toll rose to 27", "a death toll of 30", "raising the toll to 12"
    pats.append(
        (
            "killed",
            re.compile(
                rf"\b(?:death toll|toll|number of (?:the )?dead|fatalities)\s+(?:\w+\s+){{0,6}}?(?:to|at|of|reached|"
                rf"hit|is|was|stood at|stands at)\s+{_QUAL}{_NUM}\b",
                re.I,
            ),
            "toll",
        )
    )
    return pats


_PATTERNS = _compile()


def _compile_gates() -> list[re.Pattern[str]]:
    """For each of :data:`_PATTERNS`, a quick search that every match of it implies (its casualty word,
    verb or toll phrase): a sentence without it cannot match, so the costly pattern is skipped."""
    gates = []
    for kind, words in _KIND_WORDS.items():
        gates.append(re.compile(rf"(?:{words})\b", re.I))
        if _VERB_FORMS[kind]:
            gates.append(re.compile(rf"\b(?:{_VERB_FORMS[kind]})\s", re.I))
    gates.append(re.compile(r"\b(?:death toll|toll|number of (?:the )?dead|fatalities)\s", re.I))
    return gates


_GATES = _compile_gates()
_LEFT_NEEDS_STATE = re.compile(r"^\s+(?:[\w'’-]+\s+){0,3}?(?:dead|killed|injured|wounded)\b", re.I)


def find_figures(text: str) -> list[Figure]:
    """Every casualty figure in ``text`` with its span; overlapping matches of one kind are merged."""
    found: list[Figure] = []
    for (kind, pat, shape), gate in zip(_PATTERNS, _GATES, strict=True):
        if gate.search(text) is None:
            continue
        for m in pat.finditer(text):
            num = m.group("num")
            if shape == "before":
                rest = m.group("rest") or ""
                if _NOT_PEOPLE.match(rest.strip()):
                    continue
                verb = m.group(0).split()[0].lower()
                if verb in ("left", "leaving"):
                    # "left 5 dead" counts; "left 5 villages" does not
                    if not _LEFT_NEEDS_STATE.match(text[m.end("num") :]):
                        continue
                    tail = _LEFT_NEEDS_STATE.match(text[m.end("num") :])
                    if tail and re.search(r"injured|wounded", tail.group(0), re.I):
                        kind_here = "injured"
                    else:
                        kind_here = "killed"
                    found.append(Figure(kind_here, parse_number(num, m.group("qual")), m.start(), m.end()))
                    continue
            elif shape == "after":
                between = text[m.end("num") : m.end()]
                first = between.split()[0] if between.split() else ""
                if _NOT_PEOPLE.match(first):
                    continue
                # a year or a clock time is not a head count ("in 2019 killed")
                if re.fullmatch(r"(?:19|20)\d\d", num) and not m.group("qual"):
                    continue
            found.append(Figure(kind, parse_number(num, m.group("qual")), m.start(), m.end()))
    return found


def casualties_in(text: str) -> Casualties:
    """The casualty counts stated in a sentence (largest definite figure per kind; vague → null)."""
    counts: dict[str, int | None] = {}
    for f in find_figures(text):
        if f.value is None:
            counts.setdefault(f.kind, None)
            continue
        prev = counts.get(f.kind)
        counts[f.kind] = f.value if prev is None else max(prev, f.value)
    return Casualties(**counts)


def has_any(c: Casualties) -> bool:
    return any(v is not None for v in (c.killed, c.injured, c.missing, c.arrested))
