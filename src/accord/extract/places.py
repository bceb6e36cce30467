"""Places: every toponym found, resolved to GeoNames offline, with metonyms set aside for the actors.

Recognition = spaCy GPE/LOC/FAC entities + a gazetteer pass over capitalised tokens that the small model
mislabels (a city tagged PERSON/ORG) or misses, filtered against common words and person names; a name
accepted once is a toponym at its other mentions too (one sense per article). Resolution ranks the
gazetteer candidates of each name by match quality, population, feature kind, country/admin1 cues in the
article ("Sumy region", "the state of Washington", "Alexandria, Louisiana", "Cooke and Love counties",
demonyms, countries named elsewhere), the admin1 region that explains most of the article's names at once
(local news: "Watertown", "Delano" and "Elgin" together are Minnesota), namesakes of two of the article's
names lying side by side ("Manchester" and "Coffee County": the Tennessee pair), lists of states and
closeness to the article's other places. In a story spanning several countries a town far smaller than a
famous namesake in a named country gets no pull from the home country or state ("Cairo" with Egypt and
Illinois named is Egypt's). A country or capital used as an acting subject
("Moscow rejected", "Riyadh could suspend") is a metonym: recorded in ``draft.scratch["metonyms"]`` for
the actors stage, not a place. :func:`event_place` gives the events stage the place of an event clause.

Gazetteer data: GeoNames (https://www.geonames.org), CC BY 4.0, via ``accord.knowledge.gazetteer``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from typing import Any

from accord.extract.common import token_at, token_starts
from accord.knowledge.gazetteer import (
    ADMIN1,
    ADMIN2,
    CITY,
    COUNTRY,
    REGION,
    Gazetteer,
    Hit,
    gazetteer,
    haversine,
    norm,
)
from accord.pipeline import Draft, stages
from accord.records import Place, Span

#: Words after a name that say it is an admin region ("Sumy region", "Donetsk oblast").
ADMIN_WORDS = {
    "region",
    "oblast",
    "province",
    "governorate",
    "state",
    "prefecture",
    "district",
    "county",
    "krai",
    "parish",
    "department",
    "municipality",
    "territory",
}
#: Plural admin words that close a list of regions ("Cooke, Grayson and Love counties").
ADMIN_PLURALS = {
    "regions",
    "oblasts",
    "provinces",
    "governorates",
    "states",
    "prefectures",
    "districts",
    "counties",
    "parishes",
    "departments",
    "municipalities",
    "territories",
}
#: Locative prepositions: a capitalised name after one of these is very likely a place.
LOC_PREPS = {
    "in",
    "at",
    "near",
    "outside",
    "from",
    "to",
    "into",
    "across",
    "around",
    "toward",
    "towards",
    "throughout",
    "within",
    "between",
    "via",
    "through",
    "inside",
    "off",
    "over",
    "of",
    "on",
}
STRONG_PREPS = LOC_PREPS - {"of", "on", "to", "from", "over", "between"}
#: Verbs whose grammatical subject is still a location ("Sumy came under fire", "Gaza remains ...").
PLACE_VERBS = {
    "be",
    "remain",
    "lie",
    "sit",
    "stand",
    "become",
    "see",
    "suffer",
    "experience",
    "come",
    "fall",
    "host",
    "house",
    "border",
    "shake",
    "burn",
    "flood",
    "lose",
    "get",
    "have",
    "go",
    "face",
    "record",
    "look",
    "seem",
    "appear",
    "rank",
    "boast",
    "neighbor",
    "neighbour",
    "contain",
    "include",
    "swelter",
    "freeze",
}
#: Verbs whose passive subject is an actor ("Moscow was accused of ...").
ACTOR_PASSIVE = {
    "accuse",
    "blame",
    "urge",
    "criticize",
    "criticise",
    "ask",
    "invite",
    "sanction",
    "condemn",
    "pressure",
    "warn",
    "call",
    "press",
    "encourage",
    "praise",
    "thank",
}
#: Nouns a possessive country/capital acts through ("Moscow's refusal").
ACT_NOUNS = {
    "decision",
    "refusal",
    "offer",
    "proposal",
    "demand",
    "invasion",
    "offensive",
    "attack",
    "position",
    "response",
    "support",
    "call",
    "plan",
    "statement",
    "warning",
    "stance",
    "policy",
    "government",
    "move",
    "rejection",
    "request",
    "threat",
    "bid",
    "effort",
    "mediation",
    "withdrawal",
    "approval",
    "backing",
    "veto",
    "insistence",
    "claim",
    "accusation",
    "condemnation",
    "intervention",
    "aggression",
}
#: Nouns for organisations and office-holders: a place name modifying one is an affiliation, not where
#: something happened ("Sudan's army", "the Darfur health ministry").
ORG_NOUNS = {
    "army",
    "military",
    "force",
    "government",
    "ministry",
    "minister",
    "official",
    "authority",
    "police",
    "president",
    "navy",
    "troop",
    "embassy",
    "parliament",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "leader",
    "delegation",
    "administration",
    "envoy",
    "ambassador",
    "regime",
    "junta",
    "cabinet",
    "soldier",
    "diplomat",
    "counterpart",
    "prime",
    "foreign",
    "defence",
    "defense",
    "intelligence",
    "media",
    "agency",
    "negotiator",
    "mediator",
    "premier",
    "chancellor",
    "king",
    "emir",
    "prince",
    "governor",
    "mayor",
    "commander",
    "general",
    "council",
    "legislature",
    "court",
    "judiciary",
    "prosecutor",
    "side",
}
#: Words that follow a town's name in the name of its local institutions ("Rochester Fire Department").
LOCAL_BODIES = {
    "police",
    "fire",
    "sheriff",
    "sheriffs",
    "city",
    "town",
    "village",
    "township",
    "borough",
    "county",
    "public",
    "school",
    "schools",
    "board",
    "council",
    "area",
    "regional",
    "municipal",
    "memorial",
    "community",
    "chamber",
    "library",
    "high",
    "middle",
    "elementary",
    "district",
    "planning",
    "zoning",
    "housing",
    "water",
    "park",
    "parks",
    "historical",
    "rescue",
    "emergency",
    "utilities",
    "health",
}
METONYM_HYPHEN = re.compile(r"^-(backed|led|brokered|allied|aligned|sponsored|supported|funded|controlled|friendly)\b")
#: Words that open a person's name; a place-named token after one is a person ("Mr. Jordan").
TITLES = {
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "sir",
    "lady",
    "lord",
    "gen",
    "general",
    "president",
    "minister",
    "king",
    "queen",
    "prince",
    "princess",
    "sen",
    "senator",
    "rep",
    "gov",
    "governor",
    "judge",
    "coach",
    "father",
    "sister",
    "brother",
    "pope",
    "sheikh",
    "colonel",
    "col",
    "capt",
    "captain",
    "lt",
    "sgt",
    "officer",
    "mayor",
}
#: Capitalised words that are never toponyms on their own.
NEVER = {
    "god",
    "allah",
    "internet",
    "web",
    "march",
    "may",
    "june",
    "july",
    "august",
    "april",
    "january",
    "monday",
    "sunday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "christmas",
    "easter",
    "ramadan",
    "eid",
    "mother",
    "father",
    "president",
    "minister",
    "army",
    "police",
    "university",
    "college",
    "school",
    "church",
    "hospital",
    "street",
    "road",
    "avenue",
    "center",
    "centre",
    "city",
    "state",
    "county",
    "north",
    "south",
    "east",
    "west",
    "said",
    "says",
    "will",
    "read",
    "story",
    "photo",
    "video",
    "news",
    "times",
    "post",
    "page",
    "union",
    "republic",
    "kingdom",
    "federal",
    "national",
    "council",
    "court",
    "house",
    "senate",
    "congress",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "earth",
    "metro",
    "midwest",
    "downtown",
    "titan",
}
COMMON_ZIPF = 4.3
#: Entity labels the small model puts on town names after a preposition ("in Winnipeg" tagged PRODUCT).
MISLABELS = ("NORP", "LANGUAGE", "PRODUCT", "WORK_OF_ART")
#: Words after a name that make it the name of another thing: a natural feature, a park, an institution or
#: an event named after the town ("Licking Valley", "Monongahela National Forest", "McGill University").
FEATURE_WORDS = {
    "valley",
    "river",
    "creek",
    "lake",
    "lakes",
    "mountain",
    "mountains",
    "forest",
    "national",
    "island",
    "islands",
    "bay",
    "sea",
    "delta",
    "canal",
    "peninsula",
    "desert",
    "war",
    "university",
    "college",
    "shopping",
    "airport",
    "stadium",
    "racecourse",
}
#: Nouns that name a kind of place: "the town of X" introduces a toponym as a preposition does.
PLACE_NOUNS = {
    "town",
    "city",
    "village",
    "capital",
    "province",
    "state",
    "region",
    "district",
    "county",
    "island",
    "port",
    "suburb",
    "area",
    "municipality",
    "hamlet",
    "township",
    "outskirts",
    "centre",
    "center",
}
#: Words after a name that make it a street or a building, not the town ("Memphis St.", "Dublin Road").
STREET_WORDS = {
    "st",
    "st.",
    "street",
    "rd",
    "rd.",
    "road",
    "ave",
    "ave.",
    "avenue",
    "blvd",
    "blvd.",
    "boulevard",
    "drive",
    "dr.",
    "lane",
    "ln.",
    "highway",
    "hwy",
    "pike",
    "parkway",
    "pkwy",
    "court",
    "ct.",
    "place",
    "terrace",
    "way",
    "square",
    "circle",
    "trail",
    "plaza",
    "mall",
    "hall",
    "bridge",
}
MODIFIERS = {
    "the",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "greater",
    "downtown",
    "north",
    "south",
    "east",
    "west",
    "rural",
    "upstate",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
}
DATELINE_PUNCT = {",", "-", "--", "—", "–", "("}
_DATELINE_RE = re.compile(r"^\s*([A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,3})(?=,|\s+[-–—(])")
#: A dotted abbreviation ("Calif.", "W. Va.", "N.Y.", "D.C."); with ``(?<=, )`` it qualifies the town before it.
_ABBREV = r"((?:[A-Z][a-z]{0,4}\.)(?:\s?[A-Z][a-z]{0,3}\.)?)(?=[\s,;:)\"'’-]|$)"
_ABBREV_RE = re.compile(r"(?:,\s+|\b[DRI]-)" + _ABBREV)
_ABBREV_ANY_RE = re.compile(r"(?<![\w.])" + _ABBREV)
#: Abbreviations that are also ordinary words or titles ("Miss.", "Pa.", "Mass."): only after a comma.
_ABBREV_AMBIGUOUS = {
    "miss.",
    "del.",
    "ind.",
    "pa.",
    "la.",
    "mo.",
    "wash.",
    "penn.",
    "cal.",
    "ore.",
    "va.",
    "ga.",
    "md.",
    "vt.",
    "mass.",
    "ill.",
    "kan.",
    "nev.",
    "mont.",
    "tex.",
    "ala.",
    "ark.",
    "me.",
}
_CAPWORD = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)?\b")


@dataclass
class Toponym:
    start: int
    end: int
    text: str
    hits: list[Any]
    admin_cue: bool = False
    source: str = "ner"
    qualifier: int | None = None  # index of the toponym in "X, Y" that qualifies this one
    weak: bool = False  # kept only if it resolves into a country the article is about
    best: int | None = None
    score: float = 0.0
    metonym: bool = False
    scores: dict[int, float] = field(default_factory=dict)


@lru_cache(maxsize=20_000)
def _common(word: str) -> bool:
    from wordfreq import zipf_frequency

    return zipf_frequency(word.lower(), "en") >= COMMON_ZIPF


def _surname_tokens(ents: Any, words: list[str]) -> set[str]:
    """Tokens that are part of a multi-token PERSON name anywhere in the article ('Michael Jordan')."""
    out: set[str] = set()
    for ent in ents:
        if ent.label_ == "PERSON" and len(ent) > 1:
            names = words[ent.start : ent.end]
            if any(w.lower() in LOCAL_BODIES or w.lower() in STREET_WORDS for w in names):
                continue  # "Huntsville Fire", "Village Malakal" tagged PERSON: a town's body, not a person
            # "Avondale Mayor Ed Rieker": the words before a title are a town; a title first opens a person
            cut = next((k for k, w in enumerate(names) if w.lower().rstrip(".") in TITLES), None)
            out.update(names[cut + 1 :] if cut else names)
    return out


def _token_columns(doc: Any) -> tuple[list[str], list[str], list[int]]:
    """Every token's text, lower-case form and start offset, without making a Token object per token."""
    if not len(doc):
        return [], [], []
    from spacy.attrs import LOWER, ORTH

    strings = doc.vocab.strings
    arr = doc.to_array([ORTH, LOWER])
    words = [strings[o] for o in arr[:, 0].tolist()]
    lowers = [strings[o] for o in arr[:, 1].tolist()]
    return words, lowers, token_starts(doc)


def _candidate_key(gaz: Gazetteer, text: str) -> tuple[str, bool]:
    """The lookup key of a mention and whether it carries an admin word ('Sumy region' → 'sumy', True)."""
    key = norm(text)
    words = key.split()
    if len(words) > 1 and words[-1] in ADMIN_WORDS and key not in gaz.index:
        return " ".join(words[:-1]), True
    return key, False


def _given_name_before(gaz: Gazetteer, toks: Any, i: int) -> bool:
    """Is token ``i`` right after a capitalised proper noun that is no place, no place word and no
    compass word, and that does not form a known name with it? Then the two are a person's name."""
    prev, cur = toks[i - 1], toks[i]
    if prev.pos_ != "PROPN" or not prev.text[:1].isupper() or prev.ent_type_ not in ("", "PERSON"):
        return False
    if prev.whitespace_ == "" or prev.lower_ in MODIFIERS or len(prev.text) < 3 or prev.text.isupper():
        return False
    return not gaz.lookup_key(norm(prev.text)) and not gaz.lookup_key(norm(f"{prev.text} {cur.text}"))


def recognize(draft: Draft, gaz: Gazetteer) -> list[Toponym]:
    """Toponym mentions: NER GPE/LOC/FAC that the gazetteer knows, dotted state abbreviations, a gazetteer
    pass for names the model missed or mislabelled, and demonyms ("Ukrainian", marked ``adjectival``)."""
    doc, text = draft.doc, draft.text
    found: list[Toponym] = []
    taken = bytearray(len(text) + 1)

    def claim(s: int, e: int) -> bool:
        if any(taken[s:e]):
            return False
        taken[s:e] = b"\x01" * (e - s)
        return True

    # the tokens' text, lower case and offsets read once off the doc's arrays: a spaCy Token object is made
    # only where a candidate needs its parse (``toks`` is the doc, indexed and sliced like a list)
    toks = doc
    n = len(doc)
    words, lowers, starts = _token_columns(doc)
    ents = doc.ents  # built once: each access of doc.ents makes new spans
    ent_of: dict[int, Any] = {}
    for ent in ents:
        for j in range(ent.start, ent.end):
            ent_of[j] = ent
    surnames = _surname_tokens(ents, words)

    # -- dateline: "BEIRUT, May 3 (AP) -" ---------------------------------------------------------------
    m = _DATELINE_RE.match(text)
    if m:
        hits = gaz.lookup_key(norm(m.group(1)))
        if hits and claim(m.start(1), m.end(1)):
            found.append(Toponym(m.start(1), m.end(1), m.group(1), hits, source="dateline"))

    # -- dotted US state abbreviations after a comma: "Alexandria, La.", "Charleston, W. Va." ------------
    for m in _ABBREV_RE.finditer(text):
        idx = gaz.abbrev.get(m.group(1).lower())
        if idx is not None and claim(m.start(1), m.end(1)):
            found.append(Toponym(m.start(1), m.end(1), m.group(1), [Hit(idx, 0)], source="abbrev"))
    for m in _ABBREV_ANY_RE.finditer(text):  # "a Neb. jail", "Northwest D.C.", "N.Y. lawmakers"
        key = m.group(1).lower()
        idx = gaz.abbrev.get(key)
        if idx is not None and key not in _ABBREV_AMBIGUOUS and claim(m.start(1), m.end(1)):
            found.append(Toponym(m.start(1), m.end(1), m.group(1), [Hit(idx, 0)], source="abbrev"))

    for ent in ents:
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        etoks = list(ent)
        # "northern Sudan" is Sudan, but "South Sudan", "West Virginia", "North Korea" are names of their own
        while (
            etoks
            and etoks[0].lower_ in MODIFIERS
            and not gaz.lookup_key(norm(text[etoks[0].idx : etoks[-1].idx + len(etoks[-1].text)]))
        ):
            etoks = etoks[1:]
        while etoks and etoks[-1].text in ("'s", "’s", "'", "’"):
            etoks = etoks[:-1]
        if not etoks:
            continue
        if etoks[-1].lower_ in STREET_WORDS or (ent.end < n and lowers[ent.end] in STREET_WORDS):
            continue
        s, e = etoks[0].idx, etoks[-1].idx + len(etoks[-1].text)
        key, admin_cue = _candidate_key(gaz, text[s:e])
        hits = gaz.lookup_key(key)
        if not hits:
            sub = _longest_known(gaz, etoks, text)  # "Fulton County Jail", "Alexandria, La."
            if sub is None:
                continue
            s, e, hits = sub
        if ent.label_ == "FAC" and not any(gaz.feature(h.idx) != CITY or gaz.pop[h.idx] >= 50_000 for h in hits):
            continue
        if text[s:e].isupper() and e - s <= 4:
            hits = [h for h in hits if gaz.feature(h.idx) != CITY or (h.alt == 0 and gaz.pop[h.idx] >= 1_000_000)]
            if not hits:
                continue
        if len(etoks) == 1 and etoks[0].i == ent.start and ent.start > 0 and _given_name_before(gaz, toks, ent.start):
            continue  # "Kenzo Oshima": the model cut the given name off a person, not the Japanese town
        if claim(s, e):
            if not admin_cue:
                admin_cue = ent.end < n and lowers[ent.end] in ADMIN_WORDS | ADMIN_PLURALS
            found.append(Toponym(s, e, text[s:e], hits, admin_cue))

    # -- gazetteer pass: capitalised runs the model missed or mislabelled -------------------------------
    # a run starts at a capitalised token; the tokens' lookup keys are made for the runs' windows only
    tnorm: list[str | None] = [None] * n
    rejected: list[tuple[int, int, int, int, list[Any]]] = []
    resume = 0  # the first token after the last match
    for i in [j for j, w in enumerate(words) if w[:1].isupper()]:
        if i < resume or taken[starts[i]]:
            continue
        word = words[i]
        match = None
        if tnorm[i] is None:
            tnorm[i] = norm(word)
        widest = min(gaz.max_words, n - i) if tnorm[i] in gaz.first_words else 1
        if lowers[i] in NEVER:
            if widest == 1:
                continue
            widest = -widest  # "West Virginia", "North Carolina": a NEVER word opens longer names only
        for j in range(i + 1, i + abs(widest)):
            if tnorm[j] is None:
                w = words[j]
                tnorm[j] = norm(w) if w[:1].isupper() or not w[:1].isalpha() else lowers[j]
        for width in range(abs(widest), 1 if widest < 0 else 0, -1):
            last = i + width - 1
            if not words[last][:1].isupper():
                continue
            hits = gaz.lookup_key(" ".join(w for w in tnorm[i : i + width] if w))
            if hits:
                match = (width, starts[i], starts[last] + len(words[last]), hits)
                break
        if match is None:
            continue
        width, s, e, hits = match
        if word.isupper() and len(word) > 4 and i + width < n and words[i + width] in DATELINE_PUNCT:
            verdict: str | None = "dateline"  # "COLUMBUS, Ohio -", "MANSFIELD -"
        else:
            verdict = _accept_gazetteer_match(gaz, text, toks, i, width, hits, ent_of, surnames)
        if verdict is None:
            rejected.append((i, width, s, e, hits))
        if verdict and claim(s, e):
            weak = verdict.endswith("?")
            found.append(
                Toponym(
                    s,
                    e,
                    text[s:e],
                    hits,
                    i + width < n and lowers[i + width] in ADMIN_WORDS | ADMIN_PLURALS,
                    verdict.rstrip("?"),
                    weak=weak,
                )
            )
        resume = i + width

    _accept_list_members(gaz, text, toks, rejected, found, ent_of, surnames, claim)
    _accept_repeats(text, toks, rejected, found, ent_of, surnames, claim)

    # -- demonyms: adjectival toponyms, resolved to their country ------------------------------------------
    for m in _CAPWORD.finditer(text):
        s, e = m.start(), m.end()
        word = m.group()
        cc = gaz.demonyms.get(norm(word))
        if cc is None and " " in word:
            word = word.split(" ", 1)[0]
            e = s + len(word)
            cc = gaz.demonyms.get(norm(word))
        if cc is None and word.endswith("s"):
            cc = gaz.demonyms.get(norm(word[:-1]))
        idx = gaz.countries.get(cc) if cc else None
        if idx is not None and claim(s, e):
            found.append(Toponym(s, e, text[s:e], [Hit(idx, 0)], source="demonym"))
    # -- gentilics the model tags NORP: "Ohioans", "South Ossetian" ---------------------------------------
    for ent in ents:
        if ent.label_ != "NORP" or not ent.text[:1].isupper():
            continue
        s, e = ent.start_char, ent.end_char
        if any(taken[s:e]):
            continue
        hits = gentilic(gaz, norm(ent.text))
        if hits and claim(s, e):
            found.append(Toponym(s, e, ent.text, hits, source="demonym"))
    found.sort(key=lambda t: t.start)
    _link_qualifiers(found, text)
    return found


_ADMIN_AFTER = re.compile(r"\s+([A-Za-z]+)")
_LIST_GAP = re.compile(r"^(?:,\s*|\s+and\s+|,\s+and\s+|\s+or\s+|,\s+or\s+)$")


def admin_word_after(text: str, end: int) -> bool:
    """Whether the word after a name makes it a region: "Sumy region", "Love counties"."""
    m = _ADMIN_AFTER.match(text, end)
    return bool(m) and m.group(1).lower() in ADMIN_WORDS | ADMIN_PLURALS


_ADMIN_BEFORE = re.compile(r"\bthe (?:" + "|".join(sorted(ADMIN_WORDS)) + r") of\s+$", re.IGNORECASE)


def _spread_admin_cue(tops: list[Toponym], text: str) -> None:
    """'Cooke, Grayson and Love counties': the plural admin word after the last name covers the whole list;
    "the state of Washington", "the province of Sumy": the admin word before the name marks it too."""
    for t in tops:
        if not t.admin_cue and _ADMIN_BEFORE.search(text, max(0, t.start - 30), t.start):
            t.admin_cue = True
    listed: set[int] = set()
    for k in range(len(tops) - 1, 0, -1):
        a, b = tops[k - 1], tops[k]
        if not _LIST_GAP.match(text[a.end : b.start]):
            continue
        m = _ADMIN_AFTER.match(text, b.end)
        if k in listed or (m and m.group(1).lower() in ADMIN_PLURALS):
            a.admin_cue = True
            listed.add(k - 1)


def lookup_mention(gaz: Gazetteer, phrase: str) -> tuple[list[Any], bool, str]:
    """Candidates for a mention's surface: dotted abbreviation, demonym, name, or name + admin word.
    Returns (hits, admin_cue, source)."""
    idx = gaz.abbrev.get(phrase.lower())
    if idx is not None:
        return [Hit(idx, 0)], False, "abbrev"
    key, admin_cue = _candidate_key(gaz, phrase)
    hits = gaz.lookup_key(key)
    cc = gaz.demonyms.get(key) or (gaz.demonyms.get(key[:-1]) if key.endswith("s") else None)
    if hits and not (cc and not any(gaz.feature(h.idx) != CITY for h in hits)):
        return hits, admin_cue, "gaz"  # but "Canadian" is Canada, not the Australian village
    if cc and cc in gaz.countries:
        return [Hit(gaz.countries[cc], 0)], False, "demonym"
    hits = gentilic(gaz, key)
    return hits, False, "demonym" if hits else "gaz"


_GENTILIC_ENDINGS = ("ians", "ian", "ans", "an", "ns", "n", "is", "i")
_GENTILIC_STEMS = ("", "a", "ia", "o", "io")
_gentilic_memo: dict[tuple[int, str], list[Hit]] = {}


def gentilic(gaz: Gazetteer, key: str) -> list[Hit]:
    """A region, state or country named by the word for its people, beyond the demonym table: "Ohioans",
    "Minnesotans", "South Ossetian", "Dagestani". Only regions, states and countries qualify (never
    towns), so an unknown surname does not turn into a village."""
    memo_key = (id(gaz), key)
    if memo_key in _gentilic_memo:
        return _gentilic_memo[memo_key]
    found: list[Hit] = []
    for ending in _GENTILIC_ENDINGS:
        base = key[: len(key) - len(ending)]
        if not key.endswith(ending) or len(base) < 4:
            continue
        for stem in _GENTILIC_STEMS:
            found = [
                h for h in gaz.lookup_key(base + stem) if h.alt == 0 and gaz.feature(h.idx) in (COUNTRY, ADMIN1, REGION)
            ]
            if found:
                break
        if found:
            break
    if len(_gentilic_memo) < 50_000:
        _gentilic_memo[memo_key] = found
    return found


def _longest_known(gaz: Gazetteer, toks: list[Any], text: str) -> tuple[int, int, list[Any]] | None:
    for width in range(len(toks) - 1, 0, -1):
        for a in range(0, len(toks) - width + 1):
            part = toks[a : a + width]
            if not part[0].text[:1].isupper():
                continue
            s, e = part[0].idx, part[-1].idx + len(part[-1].text)
            hits = gaz.lookup_key(norm(text[s:e]))
            if hits and not (width == 1 and _common(part[0].text) and gaz.feature(hits[0].idx) in (CITY, ADMIN2)):
                return s, e, hits
    return None


def _accept_gazetteer_match(
    gaz: Gazetteer,
    text: str,
    toks: Any,
    i: int,
    width: int,
    hits: list[Any],
    ent_of: dict[int, Any],
    surnames: set[str],
) -> str | None:
    """Filters for a gazetteer-only match (common words, person names, parts of longer names). Returns the
    mention's source ("gaz", or "org" for a place name opening an organisation's name) or None. ``text`` is
    the draft's text (``doc.text`` would rebuild the string from every token on each call); ``toks`` the doc."""
    span = toks[i : i + width]
    if any(t.pos_ not in ("PROPN", "NOUN", "ADJ") and not t.is_punct for t in span):
        return None
    surface = text[span[0].idx : span[-1].idx + len(span[-1].text)] if width > 1 else span[0].text
    if surface.isupper() and len(surface) <= 4:
        hits = [h for h in hits if gaz.feature(h.idx) != CITY]
        if not hits:
            return None
    prev = toks[i - 1] if i > 0 else None
    nxt = toks[i + width] if i + width < len(toks) else None
    if prev is not None and prev.lower_.rstrip(".") in TITLES:
        return None
    if nxt is not None and nxt.lower_ in STREET_WORDS:
        return None
    # "the town of Torun", "the area of Esperance": a place noun and "of" before the name work as a preposition
    place_of = prev is not None and prev.lower_ == "of" and i >= 2 and toks[i - 2].lower_ in PLACE_NOUNS
    after_prep = (prev is not None and prev.lower_ in STRONG_PREPS) or place_of
    best_pop = max(gaz.pop[h.idx] for h in hits)
    kinds = {gaz.feature(h.idx) for h in hits if h.alt == 0}
    big = bool(kinds & {COUNTRY, ADMIN1, ADMIN2, REGION}) or best_pop >= 100_000
    ent = ent_of.get(i)
    near_prep = after_prep or (prev is not None and prev.lower_ in ("to", "from"))
    exact_ent = ent is not None and ent.start == i and ent.end == i + width
    if (
        exact_ent
        and ent.label_ in MISLABELS
        and near_prep
        and span[-1].pos_ == "PROPN"
        and not gaz.demonyms.get(norm(surface))
        and best_pop >= 20_000
    ):
        return "gaz"  # "heard in Odesa" tagged LANGUAGE, "to Omdurman" tagged NORP: the preposition wins
    if width == 1 and span[0].text in surnames:
        return None  # "Hill's car" after "Anita Hill"
    if width == 1 and span[0].is_sent_start and not (kinds & {COUNTRY, ADMIN1}) and _common(span[0].text):
        return None  # "Man booked for ...", "Orange juice"
    if ent is not None:
        label = ent.label_
        if label in (
            "NORP",
            "DATE",
            "TIME",
            "MONEY",
            "CARDINAL",
            "ORDINAL",
            "PERCENT",
            "QUANTITY",
            "WORK_OF_ART",
            "EVENT",
            "LAW",
            "LANGUAGE",
            "PRODUCT",
        ):
            return None
        opens = ent.start == i or (ent.start == i - 1 and toks[i - 1].lower_ == "the")
        exact = opens and ent.end == i + width
        admin = bool(kinds & {COUNTRY, ADMIN1, ADMIN2, REGION})
        if label == "ORG":
            if exact:
                return "gaz" if admin or after_prep else ("gaz?" if best_pop >= 20_000 else None)
            # "the Texas Department of Transportation", "U.S. Army", "University of Pennsylvania": a place
            # opens or closes the organisation's name
            # ... or a country closes it: "Taco Bell Canada", "Save the Children UK" (the branch in that country)
            closes = ent.end == i + width and (
                (prev is not None and prev.lower_ == "of") or (COUNTRY in kinds and span[-1].pos_ == "PROPN")
            )
            if not (opens or closes):
                return None
            if big:
                return "org" if admin else "org?"
            # "the New Milford Police Department": a town opening a local body's name
            local = i + width < len(toks) and toks[i + width].lower_ in LOCAL_BODIES
            return "org?" if opens and local and best_pop >= 1000 else None
        if label == "PERSON":
            if not exact or (width == 1 and span[0].text in surnames):
                return None  # "Paris Hilton"; "Jordan" when "Michael Jordan" is in the article
            if after_prep or (width > 1 and admin):
                return "gaz"
            if kinds & {COUNTRY, ADMIN1} and span[-1].dep_ in ("compound", "conj", "pobj", "appos", "dobj", "dative"):
                return "gaz"  # "the Gabon border", "Niger, Nigeria and Togo" (but not "Chad said")
            return "gaz?" if big else None
        if not exact:
            return None
    if prev is not None and prev.text[:1].isupper() and not prev.is_sent_start and prev.pos_ == "PROPN":
        return None  # inside a longer capitalised run that is not a known name
    if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper():
        return None
    if width == 1 and span[0].text in surnames:
        return None
    if kinds & {COUNTRY, ADMIN1, REGION}:
        return "gaz"
    if width == 1 and span[0].pos_ != "PROPN" and not after_prep:
        return None
    if width == 1 and span[0].is_sent_start and _common(span[0].text) and not big:
        return None
    if after_prep:
        return "gaz" if best_pop >= 1000 else None
    if best_pop >= 1_000_000 and any(h.alt == 0 for h in hits):
        return "gaz"
    return "gaz?" if best_pop >= 20_000 and any(h.alt == 0 for h in hits) else None


def _accept_list_members(
    gaz: Gazetteer,
    text: str,
    toks: Any,
    rejected: list[tuple[int, int, int, int, list[Any]]],
    found: list[Toponym],
    ent_of: dict[int, Any],
    surnames: set[str],
    claim: Any,
) -> None:
    """A known name listed with toponyms is one too: "Suba, Migori, Homa Bay and Rongo", "Mali, Niger and
    Togo" -- even when the model tagged it a person. Spreads along the list from any accepted member."""
    bounds = {(t.start, t.end) for t in found if t.source not in ("demonym", "org") and not t.weak}
    ends = {e for _, e in bounds}
    starts = {s for s, _ in bounds}
    changed = True
    while changed and rejected:
        changed = False
        for item in list(rejected):
            i, width, s, e, hits = item
            span = toks[i : i + width]
            left = any(_LIST_GAP.match(text[p:s]) for p in ends if s - 7 <= p < s)
            right = any(_LIST_GAP.match(text[e:p]) for p in starts if e < p <= e + 7)
            if not (left or right):
                continue
            ent = ent_of.get(i)
            if ent is not None and ent.label_ not in ("PERSON", "ORG", "GPE", "LOC", "FAC"):
                continue
            prev = toks[i - 1] if i > 0 else None
            if prev is not None and prev.lower_.rstrip(".") in TITLES:
                continue
            if (width == 1 and (span[0].text in surnames or _common(span[0].text))) or any(
                t.pos_ != "PROPN" for t in span
            ):
                continue  # "Smith, Jones and Paris": common surnames stay people
            if ent is not None and ent.label_ == "PERSON" and len(ent) > width:
                continue
            if not any(h.alt == 0 and gaz.pop[h.idx] >= LIST_MIN_POP for h in hits):
                continue
            rejected.remove(item)
            if claim(s, e):
                found.append(Toponym(s, e, text[s:e], hits, source="list"))
                starts.add(s)
                ends.add(e)
                changed = True


def _accept_repeats(
    text: str,
    toks: Any,
    rejected: list[tuple[int, int, int, int, list[Any]]],
    found: list[Toponym],
    ent_of: dict[int, Any],
    surnames: set[str],
    claim: Any,
) -> None:
    """One sense per article: a name accepted as a toponym on its own evidence (an NER place, a preposition,
    a list of places) is a toponym at its other mentions too, where the model tagged it ORG or PERSON
    ("flights into Darfur and Malakal" after "in Malakal"; "Chad, which borders ..." after "in Chad")."""
    sure = {norm(t.text) for t in found if not t.weak and t.source in ("ner", "gaz", "list", "dateline")}
    if not sure:
        return
    for t in found:
        if t.weak and t.source == "gaz" and norm(t.text) in sure:
            t.weak = False
    n = len(toks)
    for i, width, s, e, hits in rejected:
        if norm(text[s:e]) not in sure or (width == 1 and toks[i].text in surnames):
            continue
        ent = ent_of.get(i)
        if ent is not None and (
            ent.label_ not in ("ORG", "PERSON", "GPE", "LOC", "FAC") or (ent.label_ == "PERSON" and ent.start < i)
        ):
            continue  # "the Gulf War", "Yevgenia Petrova"
        prev = toks[i - 1] if i > 0 else None
        nxt = toks[i + width] if i + width < n else None
        if prev is not None and prev.lower_.rstrip(".") in TITLES:
            continue
        if nxt is not None and (nxt.lower_ in STREET_WORDS or nxt.lower_ in FEATURE_WORDS):
            continue  # "Kanawha Boulevard", "Licking Valley", "McGill University": another thing of that name
        if claim(s, e):
            found.append(Toponym(s, e, text[s:e], hits, source="repeat"))


def _link_qualifiers(found: list[Toponym], text: str) -> None:
    """'Alexandria, Louisiana' / 'Sumy, Ukraine': the second names the first's admin1 or country."""
    for a, b in pairwise(found):
        gap = text[a.end : b.start]
        if gap.strip() in (",",) and len(gap) <= 3:
            a.qualifier = found.index(b)


# -- resolution -------------------------------------------------------------------------------------------
def _feature_bonus(gaz: Gazetteer, idx: int, t: Toponym) -> float:
    f = gaz.feature(idx)
    if t.admin_cue:
        return {ADMIN1: 6.0, ADMIN2: 5.0, COUNTRY: -2.0, REGION: 1.0}.get(f, -3.0)
    bonus = {COUNTRY: 4.0, ADMIN1: 0.5, ADMIN2: 0.5, REGION: 2.5}.get(f, 0.0)
    if f == CITY and gaz.capitals.get(gaz.cc[idx]) == idx:
        bonus += 2.0  # national capitals are named far more often than their namesakes
    return bonus


Votes = dict[str, set[str]]
COVER_WEIGHT, COVER_CAP = 3.0, 3.0
BIG_NAME_NO_COVER = True
LIST_MIN_POP = 1000
BIG_NO_VOTES = True
LIST_ADMIN1, OWN_COUNTRY_UNIT = 4.0, 3.0
INTL_COUNTRIES, FAMOUS_POP, FAMOUS_RATIO, FAMOUS_DAMP = 3, 500_000, 50.0, 0.0


def _cues(gaz: Gazetteer, draft: Draft, tops: list[Toponym]) -> tuple[Votes, dict[tuple[str, str], set[str]]]:
    """Countries and admin1 regions the article points at (unambiguous names and demonyms), each with the
    names that point there, so a name never votes for its own candidates ("Mexico" for Mexico City)."""
    countries: dict[str, set[str]] = {}
    admins: dict[tuple[str, str], set[str]] = {}
    for t in tops:
        if t.source == "demonym":
            continue  # counted below from the text
        kinds = [h for h in t.hits if h.alt == 0 and gaz.feature(h.idx) in (COUNTRY, ADMIN1)]
        if len(kinds) == 1:
            idx = kinds[0].idx
            cc = gaz.cc[idx]
            countries.setdefault(cc, set()).add(norm(t.text))
            if gaz.feature(idx) == ADMIN1:
                admins.setdefault((cc, gaz.a1[idx]), set()).add(norm(t.text))
    for m in _CAPWORD.finditer(draft.text):
        cc = gaz.demonyms.get(m.group().lower())
        if cc:
            countries.setdefault(cc, set()).add(m.group().lower())
    return countries, admins


def _cover(gaz: Gazetteer, tops: list[Toponym]) -> dict[tuple[str, str], dict[str, float]]:
    """How well each admin1 region explains the article's names: for each (country, admin1), the names that
    have a town, county or the region itself there, each weighted by how specific it is (a name found in
    two states says more than one found in forty). Local news names several small places of one state;
    the state they share is the reading that makes the whole article coherent ("Watertown", "Delano" and
    "Elgin" together point at Minnesota)."""
    cover: dict[tuple[str, str], dict[str, float]] = {}
    seen: set[str] = set()
    for t in tops:
        key = norm(t.text)
        if key in seen or t.source == "demonym":
            continue
        seen.add(key)
        regions = {
            (gaz.cc[h.idx], gaz.a1[h.idx])
            for h in t.hits
            if h.alt == 0 and gaz.feature(h.idx) in (CITY, ADMIN2, ADMIN1) and gaz.a1[h.idx]
        }
        if not regions:
            continue
        w = 1.0 / math.sqrt(len(regions))
        for r in regions:
            cover.setdefault(r, {})[key] = w
    return cover


NEAR_KM, NEAR_WEIGHT, NEAR_CAP = 40.0, 2.0, 2.0


def _near(gaz: Gazetteer, tops: list[Toponym]) -> dict[tuple[str, int], float]:
    """For each town or county candidate, how many of the article's other names have a town or county
    within ``NEAR_KM`` of it. Two ambiguous names rarely have namesakes side by side by chance, so a pair
    that does is the article's reading ("Manchester" and "Coffee County" together: the Tennessee pair, not
    England and Georgia). Grid cells of 1 degree; keyed by (name, entry), only candidates with support."""
    names: dict[str, list[int]] = {}
    for t in tops:
        key = norm(t.text)
        if key in names or t.source == "demonym":
            continue
        names[key] = [h.idx for h in t.hits if h.alt == 0 and gaz.feature(h.idx) in (CITY, ADMIN2)]
    if len(names) < 2:
        return {}
    grid: dict[tuple[int, int], list[tuple[str, int]]] = {}
    for key, idxs in names.items():
        for i in idxs:
            grid.setdefault((math.floor(gaz.lat[i]), math.floor(gaz.lon[i])), []).append((key, i))
    out: dict[tuple[str, int], float] = {}
    for key, idxs in names.items():
        for i in idxs:
            la, lo = gaz.lat[i], gaz.lon[i]
            cy, cx = math.floor(la), math.floor(lo)
            support: set[str] = set()
            for dy in (-1, 0, 1):
                for dx in (-1, 0, 1):
                    for other, j in grid.get((cy + dy, cx + dx), ()):
                        if (
                            other != key
                            and other not in support
                            and haversine(la, lo, gaz.lat[j], gaz.lon[j]) <= NEAR_KM
                        ):
                            support.add(other)
            if support:
                out[(key, i)] = NEAR_WEIGHT * min(len(support), NEAR_CAP)
    return out


def _shortlist(gaz: Gazetteer, hits: list[Any], countries: dict[str, float], k: int = 40) -> list[Any]:
    """The candidates worth scoring: all in cued countries and all non-towns, plus the k largest towns."""
    if len(hits) <= k:
        return hits
    keep = [h for h in hits if gaz.cc[h.idx] in countries or gaz.feature(h.idx) != CITY]
    rest = sorted(
        (h for h in hits if not (gaz.cc[h.idx] in countries or gaz.feature(h.idx) != CITY)),
        key=lambda h: -gaz.pop[h.idx],
    )
    return keep + rest[: max(0, k - len(keep))]


class _Anchors:
    """The towns pass 1 chose, for the distance from a candidate to the nearest one chosen for another name.

    Same figure as ``min(haversine(candidate, anchor) for every anchor but the name's own)``, computed once
    per distinct anchor point and candidate (a name repeated ten times proposes the same candidates ten
    times, and its ten anchors sit on one point), with each point's radians and cosine computed once.
    """

    __slots__ = ("_by_point", "_dists", "owners", "points")

    def __init__(self) -> None:
        self._by_point: dict[tuple[float, float], int] = {}
        #: distinct anchor points: (lat in radians, lon in degrees, cos(lat))
        self.points: list[tuple[float, float, float]] = []
        #: for each point, the toponyms anchored there
        self.owners: list[set[int]] = []
        self._dists: dict[int, list[float]] = {}

    def __bool__(self) -> bool:
        return bool(self.points)

    def add(self, k: int, lat: float, lon: float) -> None:
        n = self._by_point.get((lat, lon))
        if n is None:
            n = self._by_point[(lat, lon)] = len(self.points)
            p2 = math.radians(lat)
            self.points.append((p2, lon, math.cos(p2)))
            self.owners.append(set())
        self.owners[n].add(k)

    def nearest(self, gaz: Gazetteer, idx: int, k: int) -> float | None:
        """Distance in km from entry ``idx`` to the nearest anchor of a toponym other than ``k``."""
        dists = self._dists.get(idx)
        if dists is None:
            dists = self._dists[idx] = _distances(gaz.lat[idx], gaz.lon[idx], self.points)
        near = None
        for d, owners in zip(dists, self.owners, strict=True):
            if (near is None or d < near) and (len(owners) > 1 or k not in owners):
                near = d
        return near


def _distances(lat: float, lon: float, points: list[tuple[float, float, float]]) -> list[float]:
    """:func:`haversine` from (lat, lon) to each point, with the same float operations in the same order."""
    p1 = math.radians(lat)
    c1 = math.cos(p1)
    sin, asin, sqrt, radians = math.sin, math.asin, math.sqrt, math.radians
    out = []
    for p2, lon2, c2 in points:
        dp, dl = p2 - p1, radians(lon2 - lon)
        a = sin(dp / 2) ** 2 + c1 * c2 * sin(dl / 2) ** 2
        out.append(2 * 6371.0 * asin(min(1.0, sqrt(a))))
    return out


#: A candidate of a toponym: (entry index, score before the pass-dependent terms, country, admin1 code,
#: not a country, in an admin1 the article names, may draw on nearby anchors, region-cover bonus or None,
#: its name is the mention's).
_Row = tuple[int, float, str, str, bool, bool, bool, float | None, bool]


def _static_rows(
    gaz: Gazetteer,
    t: Toponym,
    my_key: str,
    countries: Votes,
    admins: dict[tuple[str, str], set[str]],
    cued: set[str],
    total_c: int,
    cover: dict[tuple[str, str], dict[str, float]],
    near: dict[tuple[str, int], float],
    intl: bool = False,
    in_state_list: bool = False,
) -> list[_Row]:
    """The candidates :func:`resolve` scores for ``t`` and the score terms that are the same in both passes
    (the float additions up to the first pass-dependent term, in the original order)."""
    me = {my_key}
    # countries where a sizeable town carries the name ("Kharkiv", not "California, Pa.")
    town_ccs = {gaz.cc[h.idx] for h in t.hits if h.alt == 0 and gaz.feature(h.idx) == CITY and gaz.pop[h.idx] >= 50_000}
    hits = t.hits
    # a name that is a state's or country's own name ("California", "Greece"), or any name of a world region
    # ("Pacific" for the ocean), is that unit unless the text says otherwise; towns named after it get no
    # help from the article's other places
    own_units = {
        gaz.feature(h.idx)
        for h in hits
        if h.alt == 0 and (norm(gaz.names[h.idx]) in me or gaz.feature(h.idx) == REGION)
    }
    big_name = bool(own_units & {COUNTRY, ADMIN1, REGION})
    world_name = bool(own_units & {COUNTRY, REGION})
    # "Mexico" in an article about Mexico is the country, not its namesake state: the other names'
    # votes for the country do not go to its own subdivisions of the same name
    own_country = {gaz.cc[h.idx] for h in hits if h.alt == 0 and gaz.feature(h.idx) == COUNTRY}
    if own_country:
        hits = [h for h in hits if h.alt == 0]  # "Mexico" is the country, not Mexico City's alias
    text_key = norm(t.text)
    # an international story (places in several countries): a town much smaller than a famous namesake
    # gets no pull from the country or region the story also names ("Toronto" is not the Australian
    # village because Australia is named too; "Cairo" is not the Illinois town because Illinois is)
    famous = (
        max(
            (gaz.pop[h.idx] for h in hits if gaz.feature(h.idx) == CITY and countries.get(gaz.cc[h.idx], set()) - me),
            default=0,
        )
        if intl
        else 0
    )
    rows: list[_Row] = []
    for h in _shortlist(gaz, hits, countries):
        idx = h.idx
        f = gaz.feature(idx)
        s = math.log10(gaz.pop[idx] + 10) - 1.5 * h.alt + _feature_bonus(gaz, idx, t)
        cc = gaz.cc[idx]
        a1 = gaz.a1[idx]
        pull = (
            FAMOUS_DAMP
            if famous >= FAMOUS_POP and f in (CITY, ADMIN2) and gaz.pop[idx] * FAMOUS_RATIO < famous
            else 1.0
        )
        if f == ADMIN1 and not t.admin_cue and cc in town_ccs:
            s -= 1.5  # "Kharkiv" alone is the city; the region needs "Kharkiv region"
        if f in (ADMIN1, ADMIN2) and cc in own_country and not t.admin_cue:
            s -= OWN_COUNTRY_UNIT  # "Taiwan", "Panama": the country, not its province of the same name
        if f == ADMIN1 and in_state_list:
            s += LIST_ADMIN1  # "Utah, Virginia, Washington and Wyoming": listed with states, a state
        votes = len(countries.get(cc, set()) - me)
        if (
            votes
            and f != COUNTRY
            and cc not in own_country
            and not (BIG_NO_VOTES and f == CITY and (world_name or (big_name and gaz.pop[idx] < 100_000)))
        ):
            if pull:
                # a county named without "County" ("Geneva") gets half the country's pull: a country named
                # in the story does not make its small county beat a much larger namesake abroad
                half = 0.5 if f == ADMIN2 and not t.admin_cue else 1.0
                s += (3.0 + 1.5 * votes / total_c) * pull * half
        elif cc and gaz.neighbours.get(cc, set()) & cued:
            s += 1.0
        close = near.get((my_key, idx))
        if close is not None and not (big_name and BIG_NAME_NO_COVER):
            s += close
        cover_add = None
        if h.alt == 0 and f in (CITY, ADMIN2, ADMIN1) and not (big_name and BIG_NAME_NO_COVER):
            others = cover.get((cc, a1))
            if others:
                support = sum(others.values()) - others.get(my_key, 0.0)
                cover_add = COVER_WEIGHT * min(support, COVER_CAP) * pull
        rows.append(
            (
                idx,
                s,
                cc,
                a1,
                f != COUNTRY,
                bool(admins.get((cc, a1), set()) - me) and f in (CITY, ADMIN2) and pull > 0,
                f in (CITY, ADMIN2, ADMIN1),
                cover_add,
                norm(gaz.names[idx]) == text_key,
            )
        )
    return rows


def _state_name(gaz: Gazetteer, t: Toponym) -> bool:
    """Whether the mention is the own name of an admin1 region ("Washington", "Ohio", "Sumy")."""
    key = norm(t.text)
    return any(h.alt == 0 and gaz.feature(h.idx) == ADMIN1 and norm(gaz.names[h.idx]) == key for h in t.hits)


def _state_lists(gaz: Gazetteer, tops: list[Toponym], text: str) -> set[int]:
    """Indices of state names listed next to another state name ("Oregon, Utah, Washington and Wyoming")."""
    out: set[int] = set()
    named = [_state_name(gaz, t) for t in tops]
    for k in range(len(tops) - 1):
        a, b = tops[k], tops[k + 1]
        if named[k] and named[k + 1] and _LIST_GAP.match(text[a.end : b.start]):
            out.update((k, k + 1))
    return out


def resolve(draft: Draft, tops: list[Toponym], gaz: Gazetteer | None = None) -> None:
    """Pick a gazetteer entry for each toponym (two passes: cues, then closeness to the others)."""
    gaz = gaz or gazetteer()
    _spread_admin_cue(tops, draft.text)
    countries, admins = _cues(gaz, draft, tops)
    total_c = sum(len(v) for v in countries.values()) or 1
    cued = set(countries)
    cover = _cover(gaz, tops)
    near = _near(gaz, tops)
    intl = len(countries) >= INTL_COUNTRIES
    state_list = _state_lists(gaz, tops, draft.text)
    # each toponym's candidates with the parts of their score that do not change between the passes;
    # repeated mentions of a name (same text, candidates and admin cue) share them
    rows_of: list[list[_Row]] = []
    shared: dict[tuple[str, bool, tuple[Any, ...]], list[_Row]] = {}
    for k, t in enumerate(tops):
        my_key = norm(t.text)
        memo = (my_key, t.admin_cue, tuple(t.hits), k in state_list)
        rows = shared.get(memo)
        if rows is None:
            rows = shared[memo] = _static_rows(
                gaz, t, my_key, countries, admins, cued, total_c, cover, near, intl, k in state_list
            )
        rows_of.append(rows)
    for pass_no in (1, 2):
        anchors = _Anchors()
        soft_cc: dict[str, set[int]] = {}
        soft_a1: dict[tuple[str, str], set[int]] = {}
        if pass_no == 2:
            # what pass 1 chose for the other names: towns near each other, in the same country and region
            for k, t in enumerate(tops):
                if t.best is not None and gaz.feature(t.best) in (CITY, ADMIN2):
                    anchors.add(k, gaz.lat[t.best], gaz.lon[t.best])
                    soft_cc.setdefault(gaz.cc[t.best], set()).add(k)
                    soft_a1.setdefault((gaz.cc[t.best], gaz.a1[t.best]), set()).add(k)
        for k, t in enumerate(tops):
            # in a list of states "Virginia, Washington" is two states, not a town qualified by its state
            qual = tops[t.qualifier] if t.qualifier is not None and k not in state_list else None
            qb = qual.best if qual is not None else None
            qf = gaz.feature(qb) if qb is not None else None
            best, best_score = None, -1e9
            scores = t.scores
            for idx, s, cc, a1, not_country, admin_bonus, near_ok, cover_add, same_name in rows_of[k]:
                if soft_cc and not_country:
                    ks = soft_cc.get(cc)
                    if ks and (len(ks) > 1 or k not in ks):
                        s += 2.0
                if soft_a1 and not_country:
                    ks = soft_a1.get((cc, a1))
                    if ks and (len(ks) > 1 or k not in ks):
                        s += 1.0
                if admin_bonus:
                    s += 2.0
                if qf is not None:
                    if qf == ADMIN1 and cc == gaz.cc[qb] and a1 == gaz.a1[qb]:
                        s += 6.0
                    elif qf == COUNTRY and cc == gaz.cc[qb]:
                        s += 4.0
                if anchors and near_ok:
                    near = anchors.nearest(gaz, idx, k)
                    if near is not None:
                        s += 2.5 * math.exp(-near / 250.0)
                if cover_add is not None:
                    s += cover_add
                if same_name:
                    s += 0.3
                scores[idx] = s
                if s > best_score:
                    best, best_score = idx, s
            t.best, t.score = best, best_score
    # weak mentions (a town name the model tagged ORG/PERSON, no locative cue) survive only inside the
    # article's countries: "Toyota" or "Hamas" in a story about Texas is not a place
    kept = []
    cued |= {gaz.cc[t.best] for t in tops if not t.weak and t.best is not None and gaz.cc[t.best]}
    for t in tops:
        if t.weak:
            inside = {
                i: v
                for i, v in t.scores.items()
                if (gaz.cc[i] in cued or (not cued and gaz.pop[i] >= 100_000)) and gaz.feature(i) != COUNTRY
            }
            if not inside:
                continue
            t.best = max(inside, key=inside.__getitem__)
            t.score = inside[t.best]
        kept.append(t)
    tops[:] = kept


# -- metonymy -------------------------------------------------------------------------------------------
def _metonym_kind(draft: Draft, gaz: Gazetteer, t: Toponym) -> str | None:
    """Why a mention is not a place, or None when it is one.

    ``subject``: a country or capital acting as an agent ("Moscow rejected", "Riyadh could suspend");
    ``party``: a country or capital taking part ("a memorandum with Egypt", "U.S.-brokered");
    ``affiliation``: any place name qualifying an organisation or office ("Sudan's army", "the Darfur
    health ministry").
    """
    if t.best is None:
        return None
    f = gaz.feature(t.best)
    if t.source == "org":
        return "affiliation"
    agentive = f == COUNTRY or (f == CITY and gaz.capitals.get(gaz.cc[t.best]) == t.best)
    span = draft.doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    head = root.head
    hlemma = head.lemma_.lower()
    if root.dep_ in ("poss", "compound", "amod", "nmod") and hlemma in ORG_NOUNS and head.i > root.i:
        return "affiliation"
    if not agentive:
        return None
    if METONYM_HYPHEN.match(draft.text[t.end : t.end + 14]):
        return "party"
    if root.dep_ == "nsubj" and head.pos_ in ("VERB", "AUX") and hlemma not in PLACE_VERBS:
        return "subject"
    if root.dep_ == "nsubjpass" and hlemma in ACTOR_PASSIVE:
        return "subject"
    if root.dep_ == "poss" and hlemma in ACT_NOUNS:
        return "subject"
    if root.dep_ == "pobj" and head.lower_ in ("with", "against"):
        return "party"
    if root.dep_ == "agent" or (root.dep_ == "pobj" and head.lower_ == "by" and head.head.tag_ == "VBN"):
        return "subject"
    return None


def _dateline(draft: Draft, t: Toponym) -> bool:
    """'KYIV, May 3 (Reuters) -': a place at the very start followed by a comma, date or agency."""
    if t.start > 3 or "\n" in draft.text[: t.start]:
        return False
    rest = draft.text[t.end : t.end + 40]
    return bool(re.match(r"^\s*(,|\(|—|–|-{1,2}\s)", rest)) and (t.text.isupper() or "(" in rest[:30] or "—" in rest)


# -- the stage ---------------------------------------------------------------------------------------
def _country_name(gaz: Gazetteer, cc: str) -> str:
    idx = gaz.countries.get(cc)
    return gaz.names[idx] if idx is not None else cc


def _precision(feature: str) -> str:
    names = {COUNTRY: "country", ADMIN1: "admin1", ADMIN2: "admin2", CITY: "city", REGION: "region"}
    return names.get(feature, feature)


@stages.register("places")
class PlacesStage:
    """Toponyms → resolved Places (merged by GeoNames entry); metonyms → ``scratch["metonyms"]``."""

    name = "places"
    requires = ("doc",)
    assigns = ("places",)

    def __init__(self, **config: Any) -> None:
        self.config = config

    def __call__(self, draft: Draft) -> None:
        gaz = gazetteer()
        tops = recognize(draft, gaz)
        resolve(draft, tops, gaz)
        self.assign(draft, tops, gaz)

    @staticmethod
    def assign(draft: Draft, tops: list[Toponym], gaz: Gazetteer) -> None:
        text = draft.text
        metonyms: list[dict[str, Any]] = []
        gpe_country: dict[tuple[int, int], str] = {}
        literal: dict[int, list[Toponym]] = {}
        for t in tops:
            if t.best is None:
                continue
            cc3 = gaz.country_of(t.best)
            if cc3:
                gpe_country[(t.start, t.end)] = cc3
            if t.source == "demonym":
                continue  # "Ukrainian forces": a country for the actors stage, not a place
            kind = _metonym_kind(draft, gaz, t)
            t.metonym = kind is not None
            if kind is not None:
                cc = gaz.cc[t.best]
                metonyms.append(
                    {
                        "start": t.start,
                        "end": t.end,
                        "text": t.text,
                        "country": cc3,
                        "name": _country_name(gaz, cc),
                        "kind": kind,
                        "place": gaz.names[t.best],
                    }
                )
            else:
                literal.setdefault(t.best, []).append(t)
        places: list[Place] = []
        for idx, ts in literal.items():
            f = gaz.feature(idx)
            places.append(
                Place(
                    id="",
                    name=gaz.names[idx],
                    country=gaz.country_of(idx),
                    admin1=gaz.admin1_name(idx),
                    lat=round(gaz.lat[idx], 5),
                    lon=round(gaz.lon[idx], 5),
                    geonames_id=gaz.gid[idx] or None,
                    feature=f,
                    precision=_precision(f),
                    mentions=[Span(start=t.start, end=t.end, text=text[t.start : t.end]) for t in ts],
                )
            )
        places.sort(key=lambda p: p.mentions[0].start)
        mention_index: list[tuple[int, int, str, bool]] = []
        dateline = [(t.start, t.end) for t in tops if not t.metonym and t.best is not None and _dateline(draft, t)]
        for n, p in enumerate(places, start=len(draft.places) + 1):
            p.id = draft.make_id("p", n)
            for m in p.mentions:
                mention_index.append((m.start, m.end, p.id, (m.start, m.end) in dateline))
        draft.places.extend(places)
        draft.scratch["metonyms"] = metonyms
        draft.scratch["gpe_country"] = gpe_country
        draft.scratch["place_mentions"] = sorted(mention_index)
        draft.scratch["toponyms"] = tops


# -- event location --------------------------------------------------------------------------------------
CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "xcomp", "acl", "csubj", "parataxis", "conj"}


def _path(a: Any, b: Any) -> tuple[int, bool]:
    """Tree distance between tokens a and b, and whether the way down from their common ancestor to b
    enters a new clause (so b's clause is subordinate to a's: "warned ... unless they return to Jeddah")."""
    anc_a = [a, *a.ancestors]
    pos = {t.i: n for n, t in enumerate(anc_a)}
    down = 0
    crosses = False
    t = b
    while t.i not in pos:
        if t.dep_ in CLAUSE_DEPS:
            crosses = True
        down += 1
        if t.head.i == t.i:
            return 99, True
        t = t.head
    return pos[t.i] + down, crosses


def event_place(draft: Draft, start: int, end: int, *, trigger: int | None = None) -> str | None:
    """The id of the place where the event in ``text[start:end]`` happened, or None.

    With ``trigger`` (char offset of the event's trigger word) the place attached to the trigger's clause
    wins ("a strike on a residential block in Sumy"); places inside a clause subordinate to the trigger's
    ("warned ... unless both sides return to the talks in Jeddah") are not the event's. Otherwise the
    nearest place in the span. A dateline ("KYIV, May 3 (Reuters) -") is never returned.
    """
    mentions = [m for m in draft.scratch.get("place_mentions", []) if start <= m[0] and m[1] <= end and not m[3]]
    if not mentions:
        return None
    doc = draft.doc
    if trigger is None:
        return min(mentions, key=lambda m: m[0])[2]
    trig = token_at(doc, trigger)
    if trig is not None and not (trig.idx <= trigger < trig.idx + max(1, len(trig.text))):
        trig = None  # the offset falls between tokens
    if trig is None:
        return min(mentions, key=lambda m: abs(m[0] - trigger))[2]
    ranked = []
    for s, e, pid, _ in mentions:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        same_sent = root.sent.start == trig.sent.start
        dist, crosses = _path(trig, root) if same_sent else (99, True)
        ranked.append((crosses, dist, abs(s - trigger), pid))
    if not ranked:
        return None
    ranked.sort()
    crosses, _, _, pid = ranked[0]
    return None if crosses else pid
