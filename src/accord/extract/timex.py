"""A rule-based temporal tagger: DATE, TIME, DURATION and SET expressions with TIMEX3 values.

Why our own rules: a conflict report dates its events with phrases such as "Friday", "Tuesday night",
"earlier this month", "the past 90 days" or "within weeks"; generic date parsers return nothing for
half of them and know nothing of tense. Here each rule is a regular expression over the text built
from the word tables in :mod:`accord.knowledge.time_lexicon`, plus a normaliser that anchors the
match to the publication date. The spaCy parse is used where words alone cannot decide: the tense of
the governing verb (a bare weekday is in the past unless the clause is future: "will meet on
Monday"), modal "May", and four-digit numbers that count things ("2000 troops") rather than name
years.

Conventions (documented choices where TIMEX3 leaves room):

* Spans (``start``/``end``) follow TimeML: no leading preposition, but quantity and position
  modifiers are inside ("more than two weeks", "early next year", "within a week").
  ``ext_start`` additionally takes in a leading "on", "in", "at" or "during" of a DATE/TIME
  ("on Thursday"), which is the span the article record shows.
* Ranges ("May 7-9", "7 to 9 May") are one expression whose value is the range start; the text
  span covers the whole range so a reader sees it was a range.
* Numeric dates with slashes ("05/07/2025") are ambiguous: when only one reading is a valid date
  (a part above 12) it is used; otherwise the reading nearest to and not after publication wins,
  and without a publication date the day-first reading.
* A missing anchor keeps values relative: "Friday" → ``XXXX-WXX-5``, "yesterday" → ``XXXX-XX-XX``,
  "March" → ``XXXX-03``; nothing is guessed.
* Weeks are ISO weeks, zero-padded (``2025-W20``); decades are the first three digits (``199``).
* Tense: a weekday in a past clause is the latest such day on or before publication, in a future
  clause ("will", modals, "plans to", news present "meets") the first on or after it; a month
  without a year goes by tense too, and with no tense to the occurrence near publication.
* Story time: "two days later", "a decade earlier", "the next day", "that night" and bare clock
  times count from the date the story last named when it is precise enough, not from publication.
  In earnings reports "a year earlier" / "the year-ago quarter" mean the last named quarter minus
  a year.
* Not dates: "at the end of the day", "the Good Friday Agreement", "Black September", "the Six-Day
  War", "a second round", "2000 troops", modal "may".
"""

from __future__ import annotations

import bisect
import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from accord.knowledge.time_lexicon import (
    FIXED_HOLIDAYS,
    FREQUENCY_WORDS,
    FUTURE_GOVERNORS,
    FUZZY_QUANTITY,
    MONTHS,
    NAME_AFTER,
    NAME_BEFORE,
    NUMBER_WORDS,
    ORDINALS,
    PARTS_OF_DAY,
    POSITION_MODS,
    QUANTITY_MODS,
    REFERENCE_WORDS,
    SEASONS,
    TENS,
    UNIT_PLURALS,
    UNITS,
    WEEKDAY_NAMES,
    WEEKDAYS,
)


@dataclass
class Timex:
    """One temporal expression. ``start``/``end``: TimeML extent; ``ext_start``: with its preposition."""

    start: int
    end: int
    type: str
    value: str | None
    mod: str | None = None
    rule: str = ""
    ext_start: int = -1
    order: int = 0

    @property
    def length(self) -> int:
        return self.end - self.start


# --------------------------------------------------------------------------------------------
# regular-expression building blocks

def _i(pattern: str) -> str:
    """A case-insensitive group (month names stay case-sensitive: "may", "march" are verbs)."""
    return f"(?i:{pattern})"


def _alt(words: Any) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


_ONES = "one|two|three|four|five|six|seven|eight|nine"
_NUMW = _i(
    rf"(?:{'|'.join(TENS)})(?:[- ](?:{_ONES}))?|" + _alt(w for w in NUMBER_WORDS if w not in TENS)
)
_FUZZY = _i(_alt(FUZZY_QUANTITY))
_NUM = rf"(?:\d+(?:\.\d+)?(?:\s+\d/\d)?|{_NUMW}|{_FUZZY})"
_UNIT_ANY = _i(_alt(list(UNITS) + list(UNIT_PLURALS)))
_QMOD = _i(_alt(QUANTITY_MODS))
_MON = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.?|Sept\.?|Sep\.|Oct\.?|Nov\.?|Dec\.?)"
)
_WD = _i(rf"(?P<wd>{'|'.join(WEEKDAY_NAMES)})")
_WD_PREFIX = _i(rf"(?:(?:{'|'.join(WEEKDAY_NAMES)})\s*,?\s+)")
_POD = _i(r"morning|afternoon|evening|night")
_YEAR = r"(?P<y>1[5-9]\d\d|20\d\d)"
#: "over the past week": "over" is a preposition there, not "more than".
_NOT_THE_AFTER_PREP = "".join(rf"(?!(?<={w}\s)the\s)" for w in ("over", "under", "within", "around", "about"))
_B = r"(?<![\w'])"  # no match inside a word
_E = r"(?![\w])"

_number_cache: dict[str, float | None] = {}


def parse_number(text: str) -> float | None:
    """A quantity as a number; None for fuzzy quantities ("several", "a few")."""
    low = re.sub(r"\s+", " ", text.lower()).strip()
    if low in _number_cache:
        return _number_cache[low]
    value: float | None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?: (\d)/(\d))?", low)
    if m:
        value = float(m.group(1)) + (int(m.group(2)) / int(m.group(3)) if m.group(2) else 0.0)
    elif low in NUMBER_WORDS:
        value = float(NUMBER_WORDS[low])
    else:
        parts = re.split(r"[- ]", low)
        tens = {w: NUMBER_WORDS[w] for w in TENS}
        if len(parts) == 2 and parts[0] in tens and parts[1] in NUMBER_WORDS:
            value = float(tens[parts[0]] + NUMBER_WORDS[parts[1]])
        else:
            value = None
    _number_cache[low] = value
    return value


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration: ``P3D``, ``PT72H``, ``PXW`` (unknown count), ``PT30M`` for half an hour."""
    unit = UNIT_PLURALS.get(unit.lower(), unit.lower())
    if unit == "fortnight":
        unit, n = "week", (None if n is None else n * 2)
    if unit == "weekend":
        unit = "week"
    letter, is_time = UNITS[unit]
    if n is not None and n != int(n) and unit == "hour":
        hours, minutes = int(n), round((n - int(n)) * 60)
        return f"PT{hours}H{minutes}M" if hours else f"PT{minutes}M"
    count = "X" if n is None else (str(int(n)) if n == int(n) else f"{n:g}")
    return f"P{'T' if is_time else ''}{count}{letter}"


# --------------------------------------------------------------------------------------------
# calendar helpers

def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    return date(d.year + y, m + 1, 1)


def _shift(anchor: date, n: float, unit: str) -> tuple[str, str]:
    """anchor + n units → (value, granularity). Negative n goes back."""
    unit = UNIT_PLURALS.get(unit, unit)
    k = int(n) if n == int(n) else n
    if unit in ("day", "night"):
        return (anchor + timedelta(days=k)).isoformat(), "day"
    if unit in ("week", "weekend", "fortnight"):
        return _week(anchor + timedelta(weeks=k * (2 if unit == "fortnight" else 1))), "week"
    if unit == "month":
        return _add_months(anchor, int(k)).strftime("%Y-%m"), "month"
    if unit == "quarter":
        d = _add_months(anchor, int(k) * 3)
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}", "quarter"
    if unit == "year":
        return str(anchor.year + int(k)), "year"
    if unit == "decade":  # "a decade ago" is a year, not a decade
        return str(anchor.year + int(k) * 10), "year"
    if unit == "century":
        return str(anchor.year + int(k) * 100), "year"
    if unit in ("hour", "minute", "second"):
        return anchor.isoformat(), "day"
    return str(anchor.year), "year"


def _unknown(unit: str) -> str:
    return {"day": "XXXX-XX-XX", "night": "XXXX-XX-XX", "week": "XXXX-WXX", "weekend": "XXXX-WXX",
            "month": "XXXX-XX", "quarter": "XXXX-QX", "year": "XXXX", "decade": "XXX",
            "century": "XX"}.get(UNIT_PLURALS.get(unit, unit), "XXXX-XX-XX")


def _weekday_date(anchor: date, wd: int, direction: int, det: str | None) -> date:
    """Latest such day on or before the anchor; with a future clause the first on or after it (wire
    style names the publication day itself by its weekday); "next Friday" is strictly after."""
    if det == "next":
        return anchor + timedelta(days=(wd - anchor.isoweekday()) % 7 or 7)
    if direction > 0 and det not in ("last", "past"):
        return anchor + timedelta(days=(wd - anchor.isoweekday()) % 7)
    if det in ("last", "past"):
        delta = (anchor.isoweekday() - wd) % 7 or 7
        return anchor - timedelta(days=delta)
    if det == "this":
        return anchor + timedelta(days=wd - anchor.isoweekday())
    return anchor - timedelta(days=(anchor.isoweekday() - wd) % 7)


def _month_year(anchor: date, month: int, day: int | None, direction: int, det: str | None = None) -> int:
    """The year of a month (and day) named without one, from tense and the publication date."""
    here, there = (anchor.month, anchor.day), (month, day or (1 if direction > 0 else 28))
    if det == "last":
        return anchor.year if (month, day or 1) < here and month < anchor.month else anchor.year - 1
    if det == "next":
        return anchor.year if month > anchor.month else anchor.year + 1
    if direction > 0 and there < here and month < anchor.month:
        return anchor.year + 1
    if direction < 0 and there > here and month > anchor.month:
        return anchor.year - 1
    if direction == 0:  # no tense to go by: near the publication date, leaning to the past (news reports)
        diff = month - anchor.month
        return anchor.year + (1 if diff < -7 else -1 if diff > 4 else 0)
    return anchor.year


def _easter(year: int) -> date:
    """Western Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    return date(year, month, (h + ell - 7 * m + 114) % 31 + 1)


# --------------------------------------------------------------------------------------------
# the parse: tense and token tests


class _Context:
    """Text, parse and anchor for one document, with a char → token index built once."""

    def __init__(self, text: str, doc: Any, anchor: date | None) -> None:
        self.text = text
        self.doc = doc
        self.anchor = anchor
        self._tok: list[int] | None = None

    def token_at(self, char: int) -> Any:
        if self.doc is None:
            return None
        if self._tok is None:
            from spacy.attrs import IDX

            self._tok = self.doc.to_array([IDX]).tolist()  # no Token objects: cheap
        i = bisect.bisect_right(self._tok, char) - 1
        if i < 0:
            return None
        tok = self.doc[i]
        return tok if char < tok.idx + len(tok.text) else None

    def direction(self, start: int, end: int) -> int:
        """+1 when the clause governing [start, end) is future, -1 past, 0 present/unknown."""
        tok = self.token_at(start)
        if tok is None:
            return _direction_from_words(self.text, start)
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        if prev is not None and prev.lower_ in ("on", "early", "late") and prev.i > 0:
            prev = tok.doc[prev.i - 1]
        if prev is not None and prev.pos_ == "VERB" and prev.tag_ == "VBD":
            return -1  # "said on Wednesday it would send troops": the date goes with "said"
        inside = {t.i for t in tok.doc[tok.i: tok.i + 12] if t.idx < end}
        verb = tok
        for _ in range(12):
            if verb.pos_ in ("VERB", "AUX") and verb.i not in inside:
                break
            if verb.i not in inside and verb.pos_ in ("NOUN", "PROPN", "ADJ"):
                return 0  # "the ceremony on March 12": the noun's time, not the verb's tense
            if verb.head.i == verb.i:
                break
            verb = verb.head
        if verb.pos_ not in ("VERB", "AUX"):
            return _direction_from_words(self.text, start)
        return _verb_direction(verb)


def _verb_direction(verb: Any) -> int:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {c.lower_ for c in auxes}
    if lowers & {"will", "'ll", "shall", "wo", "would", "could", "might", "may", "can", "should", "must", "'d"}:
        return 1
    if "to" in lowers or verb.tag_ == "VB":
        head = verb.head
        if head.lemma_.lower() in FUTURE_GOVERNORS or head.lower_ in ("due", "set", "scheduled", "expected"):
            return 1
        return 0  # "to testify on Feb. 10": after its governing verb, but not dated by its tense
    if verb.tag_ in ("VBD",) or any(c.tag_ == "VBD" for c in auxes):
        return -1
    if verb.tag_ == "VBN" and lowers & {"has", "have", "had", "'s", "'ve"}:
        return -1
    if verb.tag_ == "VBG" and lowers & {"is", "are", "'s", "'re", "am"}:
        return 1  # "is meeting on Monday"
    if verb.tag_ in ("VBZ", "VBP") and verb.lemma_ not in ("be", "have", "say") and verb.dep_ in ("ROOT", "conj"):
        return 1  # news present: "the council meets on Monday", "the deal runs until December 31"
    return 0


def _direction_from_words(text: str, start: int) -> int:
    before = text[max(0, start - 60): start].lower()
    if re.search(r"\b(will|'ll|shall|going to|due to|scheduled to|expected to|plans? to)\b", before):
        return 1
    return 0


# --------------------------------------------------------------------------------------------
# rules

Handler = Callable[[re.Match, _Context], "tuple[str, str | None, str | None] | None"]
_RULES: list[tuple[str, re.Pattern, Handler]] = []


def _rule(name: str, pattern: str) -> Callable[[Handler], Handler]:
    compiled = re.compile(_B + pattern + _E)

    def deco(fn: Handler) -> Handler:
        _RULES.append((name, compiled, fn))
        return fn

    return deco


def _pos_mod(word: str | None) -> str | None:
    if not word:
        return None
    return POSITION_MODS.get(word.lower().rstrip("-").split()[0].replace("the", "").strip() or "", None)


@_rule("iso", r"(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:[T ](?P<H>[0-2]\d):(?P<M>[0-5]\d))?(?!\d)")
def _iso(m: re.Match, ctx: _Context):
    try:
        d = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    if m["H"]:
        return "TIME", f"{d.isoformat()}T{m['H']}:{m['M']}", None
    return "DATE", d.isoformat(), None


@_rule("numeric", r"(?<![\d/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])")
def _numeric(m: re.Match, ctx: _Context):
    a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
    if y < 100:
        y += 2000 if y < 50 else 1900
    readings = []
    for day, month in ((a, b), (b, a)):  # day-first first: the default without an anchor
        with contextlib.suppress(ValueError):
            readings.append(date(y, month, day))
    if not readings:
        return None
    if ctx.anchor and len(readings) == 2 and readings[0] != readings[1]:
        past = [r for r in readings if r <= ctx.anchor]
        pool = past or readings
        readings = [min(pool, key=lambda r: abs((ctx.anchor - r).days))]
    return "DATE", readings[0].isoformat(), None


@_rule("clock", _i(r"(?:(?P<qmod>about|around|approximately|roughly|shortly before|shortly after|just before|"
                   r"just after)\s+)?")
       + r"(?:(?P<h>\d{1,2})(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[aApP]\.?[mM](?:\.(?=\s+[a-z]))?\.?)"
       + r"|(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)(?!\d)|" + _i(r"(?P<noon>noon|midnight|midday)") + ")"
       + r"(?:\s+(?P<tz>GMT|UTC|[A-Z][SD]?T|" + _i("local time") + r"))?"
       + r"(?:\s*,?\s+(?:" + _i("on") + r"\s+)?(?:" + _WD + "|" + _i(r"(?P<rel>today|yesterday|tomorrow)") + "))?")
def _clock(m: re.Match, ctx: _Context):
    if m["h24"] is not None and not m["tz"]:
        before = ctx.text[max(0, m.start() - 8): m.start()].lower()
        if not re.search(r"\b(at|by|from|until|till|before|after|around|about)\s+$", before):
            return None
    if m["noon"]:
        hour, minute = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[m["noon"].lower()]
    elif m["h24"] is not None:
        hour, minute = int(m["h24"]), int(m["m24"])
    else:
        hour, minute = int(m["h"]), int(m["mi"] or 0)
        if hour > 12:
            return None
        if m["ap"].lower().startswith("p") and hour < 12:
            hour += 12
        if m["ap"].lower().startswith("a") and hour == 12:
            hour = 0
    mod = QUANTITY_MODS.get((m["qmod"] or "").lower()) if m["qmod"] else None
    if m["qmod"] and m["qmod"].lower().endswith("before"):
        mod = "BEFORE"
    elif m["qmod"] and m["qmod"].lower().endswith("after"):
        mod = "AFTER"
    clock = f"T{hour:02d}:{minute:02d}" if m["noon"] is None or m["noon"].lower() != "midnight" else "T24:00"
    if ctx.anchor is None:
        day = "XXXX-WXX-" + str(WEEKDAYS[m["wd"].lower()]) if m["wd"] else "XXXX-XX-XX"
        return "TIME", day + clock, mod
    if m["wd"]:
        d = _weekday_date(ctx.anchor, WEEKDAYS[m["wd"].lower()], ctx.direction(m.start(), m.end()), None)
    else:
        d = ctx.anchor + timedelta(days={"yesterday": -1, "tomorrow": 1}.get((m["rel"] or "").lower(), 0))
    return "TIME", d.isoformat() + clock, mod


@_rule("month_day", _i(r"(?:(?P<pos>early|late|mid)[\s-]+)?") + rf"(?:{_WD_PREFIX})?{_MON}\s*(?P<d1>[0-3]?\d)"
       r"(?:st|nd|rd|th)?(?!\d|:\d)(?:\s*(?:-|–|" + _i("to|through|and")
       + r")\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?(?!\d))?"
       rf"(?:\s*,?\s+{_YEAR}(?!\d))?")
def _month_day(m: re.Match, ctx: _Context):
    return _day_month(m, ctx)


@_rule("day_month", rf"(?:{_WD_PREFIX})?" + _i(r"(?:the\s+)?") + r"(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?"
       r"(?:\s*(?:-|–|" + _i("to|and") + r")\s*(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?)?\s+" + _i(r"(?:of\s+)?")
       + _MON + rf"(?:\s*,?\s+{_YEAR}(?!\d))?")
def _day_month_rule(m: re.Match, ctx: _Context):
    return _day_month(m, ctx)


def _day_month(m: re.Match, ctx: _Context):
    month = MONTHS[m["mon"].rstrip(".").lower()]
    day = int(m["d1"])
    if not 1 <= day <= 31:
        return None
    if m["mon"] == "May" and not m["y"] and _is_modal(ctx, m.start("mon")):
        return None
    mod = _pos_mod(m.groupdict().get("pos"))
    if m["y"]:
        year = int(m["y"])
    elif ctx.anchor:
        year = _month_year(ctx.anchor, month, day, ctx.direction(m.start(), m.end()))
    else:
        return "DATE", f"XXXX-{month:02d}-{day:02d}", mod
    try:
        return "DATE", date(year, month, day).isoformat(), mod
    except ValueError:
        return None


def _is_modal(ctx: _Context, char: int) -> bool:
    tok = ctx.token_at(char)
    return tok is not None and (tok.tag_ == "MD" or tok.pos_ in ("VERB", "AUX"))


@_rule("month", _i(r"(?:(?:the\s+)?(?P<pos>early|late|mid|end\s+of|beginning\s+of|middle\s+of|start\s+of)"
                   r"[\s-]+)?(?:(?P<det>last|next|this|coming|past)\s+)?")
       + _MON + r"(?:\s*,?\s+" + _i("of") + r"\s+(?P<yo>1[5-9]\d\d|20\d\d)|\s*,?\s+" + _YEAR + r"(?!\d)|\s+(?P<rel>"
       + _i("this|last|next") + r")\s+" + _i("year") + r")?")
def _month(m: re.Match, ctx: _Context):
    mon = m["mon"]
    month = MONTHS[mon.rstrip(".").lower()]
    year_txt = m["y"] or m["yo"]
    plain = not (year_txt or m["rel"] or m["det"] or m["pos"])
    if plain and (len(mon.rstrip(".")) <= 4 and mon not in ("May", "June", "July") and not mon.endswith(".")):
        return None
    if mon in ("May", "March") and plain and _is_modal(ctx, m.start("mon")):
        return None
    if plain and mon == "May":
        nxt = ctx.text[m.end(): m.end() + 12]
        tok = ctx.token_at(m.start("mon"))
        if re.match(r"\s+(be|have|not|also|well|seem|become)\b", nxt) or (tok is not None and tok.pos_ != "PROPN"):
            return None
    if plain and _inside_name(ctx, m.start("mon"), m.end()):
        return None
    pos = (m["pos"] or "").lower().split()
    mod = POSITION_MODS.get(pos[0]) if pos else None
    if year_txt:
        return "DATE", f"{year_txt}-{month:02d}", mod
    if ctx.anchor is None:
        return "DATE", f"XXXX-{month:02d}", mod
    if m["rel"]:
        year = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    else:
        det = (m["det"] or "").lower() or None
        det = {"past": "last", "coming": "next"}.get(det or "", det)
        year = _month_year(ctx.anchor, month, None, ctx.direction(m.start(), m.end()), det)
    return "DATE", f"{year}-{month:02d}", mod


def _inside_name(ctx: _Context, start: int, end: int) -> bool:
    """Part of a proper name: "Good Friday Agreement", "Bloody Sunday", "Black September", "Sunday Times"."""
    after = re.match(r"[ \t]+([A-Z][a-z]+)", ctx.text[end: end + 20])
    if after and after.group(1).lower() in NAME_AFTER:
        return True
    before = re.search(r"([A-Z][a-z]+)[ \t]+$", ctx.text[max(0, start - 20): start])
    return bool(before and before.group(1).lower() in NAME_BEFORE)


@_rule("weekday", _i(r"(?:(?P<pos>early|late|earlier|later)\s+(?:on\s+)?)?(?:(?P<det>last|next|this|coming|past)\s+)?")
       + _WD + r"(?P<pl>s)?(?:\s+(?P<pod>" + _POD + "))?")
def _weekday(m: re.Match, ctx: _Context):
    wd = WEEKDAYS[m["wd"].lower()]
    if not (m["det"] or m["pos"]) and _inside_name(ctx, m.start("wd"), m.end()):
        return None
    pod = PARTS_OF_DAY.get((m["pod"] or "").lower())
    if m["pl"]:
        return "SET", f"XXXX-WXX-{wd}" + (f"T{pod}" if pod else ""), None
    mod = _pos_mod(m["pos"])
    det = (m["det"] or "").lower() or None
    det = {"coming": "next"}.get(det or "", det)
    if ctx.anchor is None:
        day = f"XXXX-WXX-{wd}"
    else:
        day = _weekday_date(ctx.anchor, wd, ctx.direction(m.start(), m.end()), det).isoformat()
    if pod:
        return "TIME", f"{day}T{pod}", mod
    return "DATE", day, mod


@_rule("early_hours", _i(r"(?:the\s+)?(?P<pos>early|small|wee)\s+hours\s+of\s+(?:(?P<det>last|this)\s+)?")
       + r"(?:" + _WD + "|" + _i(r"(?P<rel>today|yesterday)") + ")")
def _early_hours(m: re.Match, ctx: _Context):
    if ctx.anchor is None:
        return "DATE", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()]}" if m["wd"] else "XXXX-XX-XX", "START"
    if m["wd"]:
        d = _weekday_date(ctx.anchor, WEEKDAYS[m["wd"].lower()], -1, (m["det"] or "").lower() or None)
    else:
        d = ctx.anchor - timedelta(days=1 if (m["rel"] or "").lower() == "yesterday" else 0)
    return "DATE", d.isoformat(), "START"


@_rule("relative_day", _i(r"(?:(?P<pos>early|late|earlier|later)\s+)?(?P<w>the\s+day\s+before\s+yesterday|the\s+day\s+"
                          r"after\s+tomorrow|yesterday|today|tomorrow|tonight|last\s+night)"
                          r"(?:\s+(?P<pod>morning|afternoon|evening|night))?"))
def _relative_day(m: re.Match, ctx: _Context):
    w = re.sub(r"\s+", " ", m["w"].lower())
    offset = {"the day before yesterday": -2, "the day after tomorrow": 2, "yesterday": -1, "today": 0,
              "tomorrow": 1, "tonight": 0, "last night": -1}[w]
    pod = PARTS_OF_DAY.get((m["pod"] or "").lower()) or ("NI" if w in ("tonight", "last night") else None)
    mod = _pos_mod(m["pos"])
    day = (ctx.anchor + timedelta(days=offset)).isoformat() if ctx.anchor else "XXXX-XX-XX"
    if pod:
        return "TIME", f"{day}T{pod}", mod
    return "DATE", day, mod


@_rule("this_pod", _i(r"(?:(?P<pos>early|late|earlier|later)\s+)?(?P<det>this|yesterday|tomorrow)\s+(?P<pod>morning|"
                      r"afternoon|evening)"))
def _this_pod(m: re.Match, ctx: _Context):
    offset = {"this": 0, "yesterday": -1, "tomorrow": 1}[m["det"].lower()]
    day = (ctx.anchor + timedelta(days=offset)).isoformat() if ctx.anchor else "XXXX-XX-XX"
    return "TIME", f"{day}T{PARTS_OF_DAY[m['pod'].lower()]}", _pos_mod(m["pos"])


_CAL_UNIT = r"week|weekend|month|year|quarter|decade|century"


@_rule("anchored", _i(r"(?:(?P<pos>early|late|mid|earlier|later)[\s-]+(?:in\s+)?)?(?P<det>this|last|next|coming|past|"
                      r"previous|current|the\s+current|the\s+coming|the\s+past|the\s+previous|the\s+next|the\s+last|"
                      rf"the\s+following|the\s+same)\s+(?:fiscal\s+)?(?P<unit>{_CAL_UNIT})"))
def _anchored(m: re.Match, ctx: _Context):
    det = re.sub(r"\s+", " ", m["det"].lower())
    unit = m["unit"].lower()
    mod = _pos_mod(m["pos"])
    if det in ("the past", "the next", "the last", "the coming") and not m["pos"] and unit != "weekend":
        return "DURATION", duration_value(1, unit), None
    offset = {"this": 0, "current": 0, "the current": 0, "last": -1, "past": -1, "previous": -1,
              "the previous": -1, "the last": -1, "the past": -1, "next": 1, "coming": 1, "the coming": 1,
              "the next": 1, "the following": 1, "the same": 0}[det]
    if ctx.anchor is None:
        return "DATE", _unknown(unit) + ("-WE" if unit == "weekend" else ""), mod
    if unit == "weekend":  # "this weekend": the current ISO week's; "last weekend": the one before
        return "DATE", _week(ctx.anchor + timedelta(weeks=offset)) + "-WE", mod
    value, _ = _shift(ctx.anchor, offset, unit)
    return "DATE", value, mod


@_rule("the_weekend", _i(r"(?:(?P<pos>early|late)\s+)?the\s+(?P<unit>weekend|fiscal\s+year)"))
def _the_weekend(m: re.Match, ctx: _Context):
    """"the weekend" is the one just past unless the clause is future; "the fiscal year" the current one."""
    mod = _pos_mod(m["pos"])
    if m["unit"].lower() != "weekend":
        return "DATE", str(ctx.anchor.year) if ctx.anchor else "XXXX", mod
    if ctx.anchor is None:
        return "DATE", "XXXX-WXX-WE", mod
    direction = ctx.direction(m.start(), m.end())
    sat = _weekday_date(ctx.anchor, 6, direction, None)
    return "DATE", _week(sat) + "-WE", mod


@_rule("spelled_year", _i(r"nineteen[\s-](?:(?P<teen>ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|"
                          rf"eighteen|nineteen)|(?P<tens>{'|'.join(TENS)})(?:[\s-](?P<one>{_ONES}))?)"))
def _spelled_year(m: re.Match, ctx: _Context):
    n = NUMBER_WORDS[(m["teen"] or m["tens"]).lower()] + (NUMBER_WORDS[m["one"].lower()] if m["one"] else 0)
    return "DATE", str(1900 + n), None


@_rule("year_ago_adj", _i(r"(?:the\s+)?year-(?:ago|earlier)(?:\s+(?:quarter|period|month|week))?"))
def _year_ago_adj(m: re.Match, ctx: _Context):
    return "DATE", str(ctx.anchor.year - 1) if ctx.anchor else "XXXX", None


@_rule("in_the_unit", _i(r"(?P<pos>earlier|later)\s+in\s+the\s+(?P<unit>day|week|month|year)"))
def _in_the_unit(m: re.Match, ctx: _Context):
    unit = m["unit"].lower()
    if ctx.anchor is None:
        return "DATE", _unknown(unit), _pos_mod(m["pos"])
    return "DATE", _shift(ctx.anchor, 0, unit)[0], _pos_mod(m["pos"])


@_rule("part_of", _i(r"(?:the\s+)?(?P<part>end|beginning|start|middle|close|turn)\s+of\s+(?:(?P<det>the|this|last|next)"
                     rf"\s+)?(?:(?P<unit>day|{_CAL_UNIT})|(?P<yr>1[5-9]\d\d|20\d\d))"))
def _part_of(m: re.Match, ctx: _Context):
    mod = POSITION_MODS[m["part"].lower()]
    if m["yr"]:
        return "DATE", m["yr"], mod
    unit = m["unit"].lower()
    det = (m["det"] or "").lower()
    if unit == "day" and det in ("the", ""):
        return None  # "at the end of the day": an idiom, not a date
    if not det:
        return None
    offset = {"the": 0, "this": 0, "last": -1, "next": 1}[det]
    if ctx.anchor is None:
        return "DATE", _unknown(unit), mod
    return "DATE", _shift(ctx.anchor, offset, unit)[0], mod


@_rule("year_end", _i(r"(?:(?:around|by)\s+)?(?:the\s+)?(?P<y2>1[5-9]\d\d\s+|20\d\d\s+)?year(?:'s)?[\s-]end"))
def _year_end(m: re.Match, ctx: _Context):
    if m["y2"]:
        return "DATE", m["y2"].strip(), "END"
    return "DATE", str(ctx.anchor.year) if ctx.anchor else "XXXX", "END"


@_rule("quarter", _i(r"(?:(?P<det>the|this|last|next|this\s+year's|last\s+year's)\s+(?!\w+-quarter))?"
                     r"(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|latest|last|current|past|previous|final|year-earlier|year-ago|"
                     r"same|next|coming)[\s-]+)?(?:fiscal[\s-]+)?(?P<u>quarter|half)")
       + r"(?:\s+" + _i("of") + rf"\s+(?:{_YEAR}|(?P<rel>" + _i("this|last|next") + r")\s+" + _i("year") + ")"
       + r"|\s+(?P<y2>1[5-9]\d\d|20\d\d))?")
def _quarter(m: re.Match, ctx: _Context):
    if not m["u"].islower():
        return None
    det, ordw = (m["det"] or "").lower(), (m["ord"] or "").lower()
    if not ordw and det != "the" and det not in ("this", "last", "next"):
        return None
    if not ordw and m["u"] == "half":
        return None
    if re.match(r"\s+of\s+(?!\d{4}|this|last|next)", ctx.text[m.end(): m.end() + 12]) or re.match(
            r"[\s-]+(?:point|mile|century)", ctx.text[m.end(): m.end() + 10]):
        return None
    letter = "Q" if m["u"] == "quarter" else "H"
    span = 3 if letter == "Q" else 6
    year_txt = m["y"] or m["y2"]
    if year_txt:
        year = int(year_txt)
    elif ctx.anchor:
        year = ctx.anchor.year + {"this": 0, "last": -1, "next": 1}.get((m["rel"] or "this").lower(), 0)
        if det.startswith("last year"):
            year -= 1
    else:
        year = None
    if ordw in ORDINALS:
        n = ORDINALS[ordw]
        if letter == "H" and n > 2:
            return None
        return "DATE", f"{year if year else 'XXXX'}-{letter}{n}", None
    if ctx.anchor is None:
        return "DATE", f"XXXX-{letter}X", None
    current = (ctx.anchor.month - 1) // span + 1
    shift = {"latest": -1, "last": -1, "past": -1, "previous": -1, "final": 0, "next": 1, "coming": 1,
             "year-earlier": -4 if letter == "Q" else -2, "year-ago": -4 if letter == "Q" else -2}.get(ordw, 0)
    if not ordw:
        shift = {"last": -1, "next": 1}.get(det, 0)
        if det == "the" and ctx.direction(m.start(), m.end()) < 0:
            shift = -1
    per_year = 12 // span
    idx = ctx.anchor.year * per_year + current - 1 + shift
    return "DATE", f"{idx // per_year}-{letter}{idx % per_year + 1}", None


@_rule("quarter_code", r"(?P<q>[QH][1-4])(?:\s+(?P<y>\d{4})|/(?P<y2>\d{4}))?")
def _quarter_code(m: re.Match, ctx: _Context):
    if m["q"][0] == "H" and m["q"][1] not in "12":
        return None
    year = m["y"] or m["y2"] or (str(ctx.anchor.year) if ctx.anchor else "XXXX")
    if not (m["y"] or m["y2"]) and not re.search(r"\b(quarter|results|earnings|growth|profit|GDP)\b",
                                                  ctx.text[max(0, m.start() - 80): m.end() + 80], re.I):
        return None
    return "DATE", f"{year}-{m['q']}", None


@_rule("season", _i(r"(?:(?P<det>this|last|next|the\s+coming|coming|past|the\s+past|early|late|mid|"
                    r"the\s+early|the\s+late|the)[\s-]+)?(?P<s>spring|summer|autumn|winter|fall)")
       + rf"(?:\s*(?:{_i('of')}\s+)?{_YEAR})?")
def _season(m: re.Match, ctx: _Context):
    det = re.sub(r"\s+", " ", (m["det"] or "").lower())
    season = SEASONS[m["s"].lower()]
    if not det and not m["y"]:
        return None
    if m["s"].lower() == "fall" and det in ("the", "") and not m["y"]:
        return None
    if m["s"][0].isupper() and det in ("", "the") and not m["y"] and m.start() > 0:
        return None  # "Arab Spring", "Operation Winter ..."
    mod = POSITION_MODS.get(det.replace("the ", "")) if det.replace("the ", "") in ("early", "late", "mid") else None
    if m["y"]:
        return "DATE", f"{m['y']}-{season}", mod
    if ctx.anchor is None:
        return "DATE", f"XXXX-{season}", mod
    year = ctx.anchor.year
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[season]
    direction = ctx.direction(m.start(), m.end())
    if det in ("last", "past", "the past"):
        year -= 0 if ctx.anchor.month >= start_month + 3 else 1
    elif det in ("next", "coming", "the coming"):
        year += 0 if ctx.anchor.month < start_month else 1
    elif direction < 0 and ctx.anchor.month < start_month:
        year -= 1
    return "DATE", f"{year}-{season}", mod


@_rule("decade", _i(r"(?:the\s+)?(?:(?P<pos>early|late|mid)[\s-]+)?")
       + r"(?:(?P<y>1[5-9]\d0|20\d0)|'(?P<yy>\d0))(?:'?s)(?!\w)")
def _decade(m: re.Match, ctx: _Context):
    if m["y"]:
        value = m["y"][:3]
    else:
        value = ("19" if int(m["yy"]) > 20 else "20") + m["yy"][0]
    return "DATE", value, _pos_mod(m["pos"])


@_rule("century", _i(r"(?:the\s+)?(?:(?P<pos>early|late|mid)[\s-]+)?(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]+century"))
def _century(m: re.Match, ctx: _Context):
    return "DATE", f"{int(m['n']) - 1:02d}", _pos_mod(m["pos"])


@_rule("year", _i(r"(?:(?:the\s+)?(?P<pos>early|late|mid)[\s-]+)?(?:(?P<fisc>fiscal|calendar)\s+(?:year\s+)?)?")
       + r"(?<![$€£#\d.,])" + _YEAR + r"(?![\d%]|,\d|\.\d)")
def _year(m: re.Match, ctx: _Context):
    tok = ctx.token_at(m.start("y"))
    if tok is not None:
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        if tok.dep_ == "nummod" and tok.head.tag_ in ("NNS", "NNPS") and tok.head.i > tok.i and not (
                prev is not None and (prev.lower_ in ("the", "its", "their", "this", "in") or prev.tag_ == "POS")):
            return None  # "2000 troops"
        if prev is not None and prev.like_num and not m["pos"]:
            return None  # "1,500 2000" / part of a longer number
        if prev is not None and prev.lower_ in ("no.", "number", "#", "flight", "route", "resolution", "page",
                                                 "article", "item", "room", "code", "model"):
            return None
    nxt = ctx.text[m.end(): m.end() + 14].lower()
    if re.match(r"\s*(?:-|to)\s*\d", nxt) and re.match(r"\s*-\s*\d{5}", nxt):
        return None
    if re.match(r"\s+(?:people|troops|soldiers|civilians|fighters|dollars|euros|pounds|km|kilomet|met|mile|ton|"
                r"tonnes|hectares|feet|units|cases|deaths|votes|percent|per)", nxt):
        return None
    return "DATE", m["y"], _pos_mod(m["pos"])


@_rule("duration", rf"(?:(?P<qmod>{_QMOD})\s+" + _i(_NOT_THE_AFTER_PREP) + ")?"
       + _i(r"(?:(?P<the>the)\s+)?(?:(?P<rel>past|last|next|first|coming|"
                                                       r"previous|following|final|latest|remaining|initial|ensuing|"
                                                       r"other)\s+)?")
       + rf"(?P<num>{_NUM})\s+" + _i(r"(?:(?:more|additional|further|straight|consecutive|full|long|trading|"
                                     r"business|working|calendar)\s+)?")
       + rf"(?P<unit>{_UNIT_ANY})"
       + _i(r"(?P<orso>\s+or\s+(?:so|more|less))?(?:\s+(?P<dir>ago|earlier|later|from\s+now|hence|before\s+that|"
            r"after\s+that))?"))
def _duration(m: re.Match, ctx: _Context):
    unit = UNIT_PLURALS.get(m["unit"].lower(), m["unit"].lower())
    num_txt = m["num"]
    n = parse_number(num_txt)
    fuzzy = n is None
    if fuzzy and not re.fullmatch(_FUZZY, num_txt, flags=0) and num_txt.lower() not in FUZZY_QUANTITY:
        return None
    plural = m["unit"].lower() in UNIT_PLURALS
    if n == 1 and plural:
        return None
    before = ctx.text[max(0, m.start() - 12): m.start()].lower()
    if num_txt.lower() in ("a", "an", "one") and re.search(r"\b(once|twice|times|per)\s+$", before):
        return None  # "twice a week": the SET rule
    if num_txt.lower() in ("a", "an") and re.search(r"(\d|\$|€|£)\s*$", before):
        return None  # "$5 a day": a rate
    if unit == "second" and num_txt.lower() in ("a", "an", "one") and re.match(
            r"\s+(?!later|earlier|ago|or|and|before|after|too)[a-z]", ctx.text[m.end(): m.end() + 12]):
        return None  # "a second round": an ordinal
    mod = QUANTITY_MODS.get(re.sub(r"\s+", " ", m["qmod"].lower())) if m["qmod"] else None
    if m["orso"]:
        mod = {"so": "APPROX", "more": "EQUAL_OR_MORE", "less": "EQUAL_OR_LESS"}[m["orso"].split()[-1].lower()]
    direction = (m["dir"] or "").lower().split()[0] if m["dir"] else ""
    if direction in ("ago", "earlier", "before"):
        sign = -1
    elif direction in ("later", "from", "hence", "after"):
        sign = 1
    else:
        return "DURATION", duration_value(n, unit), mod
    if n is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", mod
    if ctx.anchor is None:
        return "DATE", _unknown(unit), mod
    return "DATE", _shift(ctx.anchor, sign * n, unit)[0], mod


@_rule("hyphen_duration", r"(?P<num>\d+(?:\.\d+)?|" + _i(rf"(?:{'|'.join(TENS)})(?:-(?:{_ONES}))?|{_ONES}|ten|eleven|"
                                                       r"twelve|fifteen|eighteen|half") + r")"
       + _i(r"-(?P<unit>second|minute|hour|day|night|week|month|year|decade|century)(?:-long)?") + r"(?!-old|-\w)")
def _hyphen_duration(m: re.Match, ctx: _Context):
    if m.group(0)[0].isupper() and re.match(r"\s+War\b", ctx.text[m.end(): m.end() + 6]):
        return None  # "the Six-Day War"
    n = parse_number(m["num"]) if m["num"].lower() != "half" else 0.5
    if n is None:
        return None
    return "DURATION", duration_value(n, m["unit"]), None


@_rule("unit_long", _i(r"(?P<unit>day|week|month|year|decade|century|days|weeks|months|years|decades|centuries)-long"))
def _unit_long(m: re.Match, ctx: _Context):
    """"a year-long siege" (P1Y), "decades-long conflict" (PXDE)."""
    unit = m["unit"].lower()
    return "DURATION", duration_value(None if unit in UNIT_PLURALS else 1, unit), None


_NARRATIVE_DAY = _i(r"(?:(?:the\s+)?(?P<w>next|following|previous|preceding|same)|that(?:\s+same)?)\s+"
                    r"(?P<unit>day|morning|afternoon|evening|night)")


@_rule("narrative_day", _NARRATIVE_DAY)
def _narrative_day(m: re.Match, ctx: _Context):
    """"The next day", "that night": a day counted from the story's last named day (see
    ``_narrative_shift``); from publication when the story named none."""
    offset = {"next": 1, "following": 1, "previous": -1, "preceding": -1}.get((m["w"] or "").lower(), 0)
    pod = PARTS_OF_DAY.get(m["unit"].lower())
    day = (ctx.anchor + timedelta(days=offset)).isoformat() if ctx.anchor else "XXXX-XX-XX"
    return ("TIME", f"{day}T{pod}", None) if pod else ("DATE", day, None)


@_rule("fuzzy", rf"(?:(?P<qmod>{_QMOD})\s+)?" + _i(r"(?:(?P<the>the)\s+(?=(?:past|last|next|coming|recent|previous|"
                                                    r"following|ensuing|subsequent|upcoming|few|several|many|couple)\b))?(?:(?P<rel>past|last|next|coming|recent|previous|"
                                                    r"following|ensuing|subsequent|upcoming)\s+)?(?:(?:few|several|"
                                                    r"many|couple\s+of)\s+)?(?P<unit>seconds|minutes|hours|days|nights|"
                                                    r"weeks|months|years|decades|centuries)(?:\s+or\s+(?:so|more))?"))
def _fuzzy(m: re.Match, ctx: _Context):
    whole = m.group(0).lower()
    quantified = bool(re.search(r"\b(few|several|many|couple)\b", whole))
    before = ctx.text[max(0, m.start() - 20): m.start()].lower()
    if not (m["rel"] or quantified or m["qmod"]
            or re.search(r"\b(for|over|in|after|within|took|take|takes|lasted|last|spent|spend|during|"
                         r"around)\s+(?:the\s+)?$", before)):
        return None
    if not (m["rel"] or quantified or m["qmod"]) and re.match(r"\s+(of|old|ago|later|earlier)\b", ctx.text[m.end():]):
        return None
    mod = QUANTITY_MODS.get(re.sub(r"\s+", " ", m["qmod"].lower())) if m["qmod"] else None
    return "DURATION", duration_value(None, m["unit"]), mod


@_rule("within_fuzzy", _i(r"(?:within|in\s+a\s+matter\s+of)\s+(?P<unit>minutes|hours|days|weeks|months|years)"))
def _within_fuzzy(m: re.Match, ctx: _Context):
    return "DURATION", duration_value(None, m["unit"]), "EQUAL_OR_LESS"


@_rule("frequency", _i(rf"(?P<f>{'|'.join(FREQUENCY_WORDS)})"))
def _frequency(m: re.Match, ctx: _Context):
    return "SET", FREQUENCY_WORDS[m["f"].lower()], None


@_rule("every", _i(r"(?:(?P<freq>once|twice|three\s+times|four\s+times|\d+\s+times|several\s+times|many\s+times)\s+)?"
                   r"(?P<q>every|each|per|a|an)\s+(?:(?P<other>other)\s+)?(?:(?P<num>two|three|four|five|six|\d+|few)"
                   rf"\s+)?(?P<unit>second|minute|hour|day|night|week|weekend|month|quarter|year|{'|'.join(WEEKDAY_NAMES)}|"
                   r"seconds|minutes|hours|days|weeks|months|years)"))
def _every(m: re.Match, ctx: _Context):
    q = m["q"].lower()
    if q in ("a", "an") and not m["freq"]:
        return None
    unit = m["unit"].lower()
    if unit in WEEKDAYS:
        return "SET", f"XXXX-WXX-{WEEKDAYS[unit]}", None
    n = parse_number(m["num"]) if m["num"] else (2 if m["other"] else 1)
    if m["num"] is None and unit in UNIT_PLURALS:
        return None
    if q == "each" and ctx.text[m.end(): m.end() + 6].lower().startswith(" of"):
        return None
    return "SET", duration_value(n, unit), None


@_rule("holiday", _i(r"(?:(?P<det>this|last|next)\s+)?")
       + r"(?P<h>Christmas(?: Day| Eve)?|New Year's(?: Day| Eve)|Valentine's Day|Halloween|Easter(?: Sunday| Day)?|"
       r"Thanksgiving(?: Day)?)")
def _holiday(m: re.Match, ctx: _Context):
    h = m["h"].lower()
    det = (m["det"] or "").lower()
    if ctx.anchor is None:
        if h in FIXED_HOLIDAYS:
            mo, d = FIXED_HOLIDAYS[h]
            return "DATE", f"XXXX-{mo:02d}-{d:02d}", None
        return "DATE", "XXXX-XX-XX", None
    year = ctx.anchor.year + {"last": -1, "next": 1}.get(det, 0)

    def day_in(y: int) -> date:
        if h in FIXED_HOLIDAYS:
            return date(y, *FIXED_HOLIDAYS[h])
        if h.startswith("easter"):
            return _easter(y)
        first = date(y, 11, 1)
        return first + timedelta(days=(3 - first.weekday()) % 7 + 21)  # fourth Thursday of November

    d = day_in(year)
    if not det:
        direction = ctx.direction(m.start(), m.end())
        if (direction < 0 or (direction == 0 and (d - ctx.anchor).days > 120)) and d > ctx.anchor:
            d = day_in(year - 1)
        elif (direction > 0 or (direction == 0 and (ctx.anchor - d).days > 240)) and d < ctx.anchor:
            d = day_in(year + 1)
    return "DATE", d.isoformat(), None


@_rule("reference", _i(rf"(?P<w>{_alt(REFERENCE_WORDS)})"))
def _reference(m: re.Match, ctx: _Context):
    w = re.sub(r"\s+", " ", m["w"].lower())
    if w == "now" and re.match(r"\s+(that|on)\b", ctx.text[m.end(): m.end() + 6].lower()):
        return None  # "now that ...": a conjunction
    if w.startswith("in the ") or w.startswith("at "):
        return None  # the bare form ("the past") is the expression; see _reference_span
    if w == "shortly" and re.match(r"\s+(before|after)\b", ctx.text[m.end(): m.end() + 8].lower()):
        return None
    return "DATE", REFERENCE_WORDS[w], None


# --------------------------------------------------------------------------------------------
# the tagger

_PREPOSITIONS = re.compile(r"(?<!\w)(?i:(?:on|in|at|during)\s+)$")


_YEAR_BACK = re.compile(
    r"(?i:(?:a|one)\s+year\s+(?:ago|earlier)|(?:the\s+)?year-(?:ago|earlier)(?:\s+(?:quarter|period))?)")
_THE_QUARTER = re.compile(r"(?i:the\s+(?:same\s+)?quarter)")


def _refer_to_quarter(text: str, timexes: list[Timex]) -> None:
    """Financial reports compare quarters: "a year earlier" and "the year-ago period" mean the same
    quarter of the year before the quarter last named, and "the quarter" means that quarter."""
    ref: tuple[int, str] | None = None
    for t in timexes:
        span = text[t.start: t.end]
        if ref is not None and t.start - ref[0] < 1500:
            y, q = ref[1].split("-Q")
            if _YEAR_BACK.fullmatch(span):
                t.value, t.type = f"{int(y) - 1}-Q{q}", "DATE"
                continue
            if _THE_QUARTER.fullmatch(span):
                t.value = ref[1]
        if t.value and re.fullmatch(r"\d{4}-Q[1-4]", t.value):
            ref = (t.end, t.value)


#: Every rule's match contains one of its keywords; a rule runs only in windows around them, which
#: keeps the tagger at a few milliseconds per article (most of a text has no temporal word at all).
_KEYWORDS: dict[str, tuple[str, ...]] = {
    "month": tuple(MONTHS),
    "weekday": WEEKDAY_NAMES + tuple(w + "s" for w in WEEKDAY_NAMES),
    "unit": tuple(UNITS) + tuple(UNIT_PLURALS) + ("year's",),
    "day_word": ("today", "tonight", "yesterday", "tomorrow", "night", "morning", "afternoon", "evening"),
    "reference": ("now", "currently", "presently", "nowadays", "recently", "lately", "past", "future", "moment",
                  "present", "days"),
    "quarter": ("quarter", "half"),
    "season": ("spring", "summer", "autumn", "fall", "winter"),
    "holiday": ("christmas", "easter", "thanksgiving", "halloween", "valentine", "new"),
    "frequency": tuple(FREQUENCY_WORDS),
    "noon": ("noon", "midnight", "midday"),
    "spelled": ("nineteen",),
}
_WORD_CLASSES: dict[str, list[str]] = {}
for _cls, _words in _KEYWORDS.items():
    for _w in _words:
        _WORD_CLASSES.setdefault(_w, []).append(_cls)
_KEYWORD_RE = re.compile(r"(?P<digit>\d+)|\b(?:" + "|".join(sorted(map(re.escape, _WORD_CLASSES), key=len,
                                                                       reverse=True)) + r")\b")
_RULE_KEYWORDS: dict[str, tuple[str, ...]] = {
    "iso": ("digit",), "numeric": ("digit",), "clock": ("digit", "noon"), "month_day": ("month",),
    "day_month": ("month",), "month": ("month",), "weekday": ("weekday",), "early_hours": ("weekday", "day_word"),
    "relative_day": ("day_word",), "this_pod": ("day_word",), "anchored": ("unit",), "the_weekend": ("unit",),
    "spelled_year": ("spelled",), "year_ago_adj": ("unit",), "in_the_unit": ("unit",), "part_of": ("unit", "digit"),
    "year_end": ("unit",), "quarter": ("quarter",), "quarter_code": ("digit",), "season": ("season",),
    "decade": ("digit",), "century": ("digit",), "year": ("digit",), "duration": ("unit",),
    "hyphen_duration": ("unit",), "unit_long": ("unit",), "narrative_day": ("unit", "day_word"),
    "fuzzy": ("unit",), "within_fuzzy": ("unit",), "frequency": ("frequency",),
    "every": ("unit", "weekday"), "holiday": ("holiday",), "reference": ("reference",),
}
_WINDOW = 64


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Per keyword class, merged text windows (cut at whitespace) around its occurrences."""
    out: dict[str, list[tuple[int, int]]] = {}
    n = len(text)
    for m in _KEYWORD_RE.finditer(text.lower()):
        a, b = max(0, m.start() - _WINDOW), min(n, m.end() + _WINDOW)
        while a > 0 and not text[a - 1].isspace():
            a -= 1
        while b < n and not text[b].isspace():
            b += 1
        for key in ("digit",) if m.lastgroup == "digit" else _WORD_CLASSES[m.group(0)]:
            spans = out.setdefault(key, [])
            if spans and a <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(b, spans[-1][1]))
            else:
                spans.append((a, b))
    return out


def _rule_windows(windows: dict[str, list[tuple[int, int]]], name: str) -> list[tuple[int, int]]:
    spans = sorted(w for k in _RULE_KEYWORDS.get(name, tuple(_KEYWORDS)) for w in windows.get(k, ()))
    merged: list[tuple[int, int]] = []
    for a, b in spans:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


_LATER = re.compile(rf"(?i:(?:(?:{_QMOD})\s+)?(?P<num>{_NUM})\s+(?P<unit>{_UNIT_ANY})\s+(?P<dir>later|earlier))")
_GRAIN = {"day": 3, "night": 3, "week": 3, "month": 2, "year": 1, "decade": 1, "century": 1}


_NARRATIVE_DAY_RE = re.compile(_NARRATIVE_DAY)


def _narrative_shift(text: str, timexes: list[Timex], anchor: date | None) -> None:
    """"Two days later", "a decade earlier", "the next day" count from the date the story last named,
    not from publication: "In 2014 ...; a decade later" is 2024. Used when that date is fine enough."""
    ref: Timex | None = None
    for t in timexes:
        nd = _NARRATIVE_DAY_RE.fullmatch(text[t.start: t.end]) if t.rule == "narrative_day" else None
        if nd and ref is not None and ref.value and re.fullmatch(r"\d{4}-\d\d-\d\d", ref.value[:10]):
            offset = {"next": 1, "following": 1, "previous": -1, "preceding": -1}.get((nd["w"] or "").lower(), 0)
            day = (date.fromisoformat(ref.value[:10]) + timedelta(days=offset)).isoformat()
            t.value = day + (t.value[10:] if t.value and "T" in t.value else "")
        if (t.rule == "clock" and ref is not None and t.value and t.start - ref.end < 600
                and not re.search(r"(?i)day|tonight|tomorrow|" + "|".join(WEEKDAY_NAMES), text[t.start: t.end])
                and re.fullmatch(r"\d{4}-\d\d-\d\d", ref.value[:10]) and "T" in t.value):
            t.value = ref.value[:10] + t.value[t.value.index("T"):]  # "early on Thursday ... at 1 a.m."
        m = _LATER.fullmatch(text[t.start: t.end]) if t.type == "DATE" and not nd else None
        if m and ref is not None and t.start - ref.end < 1000 and ref.value and "-Q" not in (t.value or ""):
            unit = UNIT_PLURALS.get(m["unit"].lower(), m["unit"].lower())
            n = parse_number(m["num"])
            parts = [int(x) for x in ref.value.split("T")[0].split("-")]
            # a year-level reference counts only when clearly historical ("In 2014 ... a decade later");
            # "a year earlier" in a report of this year's figures still counts from publication
            historical = anchor is None or abs(parts[0] - anchor.year) >= 2 or len(parts) > 1
            if n is not None and unit in _GRAIN and len(parts) >= _GRAIN[unit] and historical:
                base = date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
                value, _ = _shift(base, n if m["dir"].lower() == "later" else -n, unit)
                t.value = value
        elif t.type in ("DATE", "TIME") and t.value and re.fullmatch(r"\d{4}(?:-\d\d){0,2}(?:T[\w:]+)?", t.value):
            ref = t


def tag(text: str, doc: Any = None, anchor: date | None = None) -> list[Timex]:
    """All temporal expressions in ``text``, non-overlapping, in text order.

    ``doc`` is the spaCy parse of ``text`` (optional: without it tense falls back to nearby words);
    ``anchor`` is the publication date (None keeps relative values relative).
    """
    ctx = _Context(text, doc, anchor)
    candidates: list[Timex] = []
    windows = _windows(text)
    seen: set[tuple[int, int, int]] = set()
    for order, (name, pattern, handler) in enumerate(_RULES):
        for m in (m for a, b in _rule_windows(windows, name) for m in pattern.finditer(text, a, b)):
            if m.end() == m.start() or (m.start(), m.end(), order) in seen:
                continue
            seen.add((m.start(), m.end(), order))
            result = handler(m, ctx)
            if result is None:
                continue
            typ, value, mod = result
            start, end = m.start(), m.end()
            while end > start and text[end - 1] in " ,":
                end -= 1
            candidates.append(Timex(start, end, typ, value, mod, name, order=order))
    candidates.sort(key=lambda t: (-t.length, t.order, t.start))
    chosen: list[Timex] = []
    taken = bytearray(len(text) + 1)
    for c in candidates:
        if any(taken[c.start: c.end]):
            continue
        taken[c.start: c.end] = b"\x01" * (c.end - c.start)
        chosen.append(c)
    chosen.sort(key=lambda t: t.start)
    _refer_to_quarter(text, chosen)
    _narrative_shift(text, chosen, anchor)
    for t in chosen:
        t.ext_start = t.start
        if t.type in ("DATE", "TIME", "SET"):
            window = text[max(0, t.start - 8): t.start]
            m = _PREPOSITIONS.search(window)
            if m:
                t.ext_start = t.start - (len(window) - m.start())
    return chosen
