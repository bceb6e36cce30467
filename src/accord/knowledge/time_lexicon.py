"""Word tables for the temporal tagger (``accord.extract.timex``): our own, small and inspectable.

Everything here is plain data: month and weekday names, number words, calendar units with their
TIMEX3 duration letters, parts of day, seasons, frequency adverbs, and the modifier words that turn
into TIMEX3 ``mod`` values.
"""

from __future__ import annotations

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

WEEKDAYS: dict[str, int] = {
    "monday": 1, "mon": 1, "tuesday": 2, "tues": 2, "tue": 2, "wednesday": 3, "wed": 3,
    "thursday": 4, "thurs": 4, "thu": 4, "friday": 5, "fri": 5, "saturday": 6, "sat": 6, "sunday": 7, "sun": 7,
}
#: Full weekday names only: abbreviations ("Sat", "Sun", "Wed") are too ambiguous in running text.
WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "one hundred": 100, "a dozen": 12, "dozen": 12, "a couple of": 2,
    "couple of": 2, "a couple": 2, "half a": 0.5, "half an": 0.5, "a half": 0.5,
}
TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
#: Quantity words that make a fuzzy value (``PXD``): the number is unknown.
FUZZY_QUANTITY = ("several", "a few", "few", "many", "some", "dozens of", "hundreds of", "a number of")

ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
}

#: Calendar unit → (TIMEX3 duration letter, is it a time-of-day unit needing ``PT``).
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "weekend": ("WE", False), "fortnight": ("W", False),
    "month": ("M", False), "quarter": ("Q", False), "year": ("Y", False), "decade": ("DE", False),
    "century": ("CE", False), "millennium": ("ML", False),
}
UNIT_PLURALS: dict[str, str] = {
    "seconds": "second", "minutes": "minute", "hours": "hour", "days": "day", "nights": "night",
    "weeks": "week", "weekends": "weekend", "fortnights": "fortnight", "months": "month",
    "quarters": "quarter", "years": "year", "decades": "decade", "centuries": "century",
    "millennia": "millennium",
}

#: TIMEX3 parts of day.
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
    "daytime": "DT", "midday": "MI",
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}

#: Frequency adverbs → SET value.
FREQUENCY_WORDS: dict[str, str] = {
    "hourly": "PT1H", "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "fortnightly": "P2W",
    "biweekly": "P2W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
}

#: Words before a quantity that qualify it → TIMEX3 mod. Longest first when matched.
QUANTITY_MODS: dict[str, str] = {
    "more than": "MORE_THAN", "over": "MORE_THAN", "well over": "MORE_THAN", "just over": "MORE_THAN",
    "upwards of": "MORE_THAN", "less than": "LESS_THAN", "fewer than": "LESS_THAN", "under": "LESS_THAN",
    "just under": "LESS_THAN", "at least": "EQUAL_OR_MORE", "no less than": "EQUAL_OR_MORE",
    "no fewer than": "EQUAL_OR_MORE", "at most": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
    "up to": "EQUAL_OR_LESS", "within": "EQUAL_OR_LESS", "about": "APPROX", "around": "APPROX",
    "roughly": "APPROX", "approximately": "APPROX", "some": "APPROX", "nearly": "APPROX", "almost": "APPROX",
    "close to": "APPROX",
}

#: Position words before a date → TIMEX3 mod.
POSITION_MODS: dict[str, str] = {
    "early": "START", "earlier": "START", "late": "END", "later": "END", "mid": "MID",
    "beginning": "START", "start": "START", "end": "END", "close": "END", "middle": "MID", "turn": "START",
}

#: Single words naming the present/past/future as a whole (TIMEX3 *_REF values).
REFERENCE_WORDS: dict[str, str] = {
    "now": "PRESENT_REF", "currently": "PRESENT_REF", "presently": "PRESENT_REF", "nowadays": "PRESENT_REF",
    "right now": "PRESENT_REF", "at present": "PRESENT_REF", "at the moment": "PRESENT_REF",
    "these days": "PRESENT_REF", "recently": "PAST_REF", "lately": "PAST_REF", "the past": "PAST_REF",
    "in the past": "PAST_REF", "the future": "FUTURE_REF",
}
# Not tagged: "previously", "formerly", "soon", "shortly" (they place nothing on a timeline and the
# TimeBank annotators left them untagged more often than not).

#: Fixed-date holidays (month, day).
FIXED_HOLIDAYS: dict[str, tuple[int, int]] = {
    "christmas day": (12, 25), "christmas": (12, 25), "christmas eve": (12, 24), "new year's day": (1, 1),
    "new year's eve": (12, 31), "valentine's day": (2, 14), "halloween": (10, 31),
}

#: Lemmas of verbs whose infinitive complement points to the future ("plans to meet on Monday").
FUTURE_GOVERNORS = frozenset({
    "plan", "expect", "schedule", "set", "due", "intend", "hope", "aim", "agree", "promise", "vow",
    "threaten", "prepare", "pledge", "propose", "want", "seek", "decide", "go",
})

#: Words that make a weekday or month part of a proper name: "Good Friday Agreement", "Bloody
#: Sunday", "Black September", "the Sunday Times", "the Tet Offensive" style names.
NAME_BEFORE = frozenset({
    "good", "black", "bloody", "holy", "ash", "palm", "maundy", "easter", "super", "cyber", "great", "blue",
    "red", "white", "october",
})
NAME_AFTER = frozenset({
    "agreement", "accord", "accords", "times", "telegraph", "mail", "herald", "express", "post", "sermon",
    "massacre", "uprising", "offensive", "war", "revolution", "movement", "club", "dossier", "group",
    "manifesto", "declaration", "crisis", "prayers",
})
