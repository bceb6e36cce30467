"""Actors: who is who in one article.

Mentions come from five sources, each a rule over the spaCy parse plus our tables:

1. names — PERSON/ORG entities and knowledge-base names found in the text (NER misses many
   acronyms such as "RSF"); title words glued onto a name by NER are trimmed off
   ("Defence Rustem Umerov" → title "Minister of Defence", name "Rustem Umerov");
2. titles — pre-modifiers ("Turkish Foreign Minister Hakan Fidan") and appositions ("Hakan Fidan,
   Turkey's foreign minister,") give ``titles``, country and sector;
3. countries that act — the places stage's metonyms (``draft.scratch["metonyms"]``), or our own
   fallback: a country or capital that is the subject or object of a verb, or "U.S.-brokered";
4. groups and descriptions — noun phrases headed by an agent term ("14 civilians", "Sudan's army",
   "the paramilitary group"); definite descriptions join an earlier actor of a compatible sector;
5. pronouns — he/she/his/her join the person who is the subject of the previous clause, "its"
   the subject of its own clause.

Names of one actor are grouped by exact key, surname, acronym, knowledge-base id and, for
spelling/transliteration variants, by sound (metaphone/soundex/NYSIIS) and spelling (Jaro-Winkler)
together with context (no clashing first name or title). Ids are numbered by first mention.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import jellyfish
from spacy.attrs import LOWER, POS
from spacy.symbols import PROPN

from accord.extract.common import ActorIndex, noun_chunks, sentences, token_starts
from accord.knowledge import plover as plover_kb
from accord.knowledge.actors import (
    _ORG_HEADS,
    KBEntry,
    capital_of,
    city_country,
    country_name,
    demonym,
    find_countries,
    fold,
    load_kb,
    name_key,
    place_words,
    resolve_actor_text,
)
from accord.knowledge.agents import agent_table, sector_of, singular, words
from accord.pipeline import Draft, stages
from accord.records import Actor

# ---------------------------------------------------------------------------------------------
# vocabularies

#: Words that make up titles before or after a name (lower-cased). Capitalised or not.
TITLE_WORDS = frozenset(
    """
    minister ministers prime deputy vice acting interim foreign interior defence defense
    finance justice health economy economic trade energy home affairs security state
    secretary secretary-general general president presidential chancellor premier king queen prince crown
    emir sheikh sultan ayatollah pope governor mayor senator sen. sen rep.
    representative congressman congresswoman lawmaker mp speaker ambassador envoy special spokesman spokeswoman
    spokesperson chief head leader commander director chairman chairwoman chair army military
    navy naval air force police intelligence colonel col. lt. lieutenant gen.
    maj. major brigadier admiral adm. captain capt. sgt. sergeant marshal field
    top senior former ex retired current opposition national federal supreme judge
    justice prosecutor attorney undersecretary under-secretary assistant permanent commissioner high
    chief-of-staff staff
    of the dr. dr mr. mr mrs. mrs ms. ms sir
    lord minister-president president-elect first lady counterpart
    negotiator mediator coordinator officer official spy government
    agency
    """.split()  # noqa: SIM905 - a word list reads better as text
)
#: Title words that do not carry a title on their own (they only join others).
_WEAK_TITLE = frozenset(
    {
        "of",
        "the",
        "former",
        "ex",
        "retired",
        "current",
        "top",
        "senior",
        "special",
        "acting",
        "interim",
        "national",
        "federal",
        "high",
        "first",
        "permanent",
        "assistant",
        "mr.",
        "mr",
        "mrs.",
        "mrs",
        "ms.",
        "ms",
        "dr.",
        "dr",
        "staff",
        "field",
        "home",
        "state",
        "air",
    }
)
_HONORIFICS = frozenset({"mr.", "mr", "mrs.", "mrs", "ms.", "ms", "dr.", "dr", "sir"})

_MALE = frozenset({"he", "him", "his", "himself"})
_FEMALE = frozenset({"she", "her", "hers", "herself"})
_IT = frozenset({"its"})  # "it" names things (a truce, a plan) far more often than actors
_THEY = frozenset({"they", "their"})

#: Nouns that head event phrases a country can be the agent of ("Saudi mediation").
_EVENT_NOUNS = frozenset(
    {
        "mediation",
        "proposal",
        "strike",
        "airstrike",
        "offensive",
        "attack",
        "invasion",
        "sanction",
        "blockade",
        "bombardment",
        "shelling",
        "raid",
        "occupation",
        "plan",
        "initiative",
        "demand",
        "offer",
        "warning",
        "ultimatum",
        "veto",
        "delegation",
    }
)
_ACTING_SUFFIX = re.compile(
    r"-(brokered|led|backed|sponsored|mediated|funded|supported|imposed|drafted|proposed|"
    r"allied|aligned|trained|armed)\b"
)
_MOTION_VERBS = frozenset(
    {
        "visit",
        "enter",
        "leave",
        "reach",
        "travel",
        "fly",
        "return",
        "arrive",
        "tour",
        "cross",
        "flee",
        "hit",
        "strike",
        "bomb",
        "shell",
        "invade",
        "annex",
        "occupy",
        "cover",
        "include",
    }
)
#: Heads that name people by whom they lead or speak for: "rebel leaders" are rebels (REB).
_LEAD_HEADS = frozenset(
    {
        "leader",
        "commander",
        "chief",
        "official",
        "member",
        "representative",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "delegate",
        "delegation",
        "elder",
        "negotiator",
    }
)
_ACTOR_DEPS = frozenset(
    {
        "nsubj",
        "nsubjpass",
        "agent",
        "dobj",
        "pobj",
        "conj",
        "appos",
        "attr",
        "dative",
        "poss",
        "compound",
        "npadvmod",
        "ROOT",
    }
)
#: Group heads too vague to be an actor on their own.
_VAGUE = frozenset(
    {
        "people",
        "person",
        "man",
        "men",
        "woman",
        "women",
        "child",
        "children",
        "unit",
        "division",
        "individual",
        "region",
        "island",
        "target",
        "board",
        "business",
        "company",
        "local",
        "community",
        "family",
        "families",
        "general",
        "private",
        "captain",
        "speaker",
        "staff",
        "school",
        "college",
        "university",
        "party",
        "court",
        "union",
        "movement",
        "media",
        "tank",
        "jet",
        "missile",
        "drone",
        "artillery",
        "bank",
        "prison",
        "jail",
        "hospital",
        "clinic",
        "church",
        "mosque",
        "customs",
        "immigration",
        "congress",
        "force",
        "forces",
        "assembly",
        "council",
        "department",
        "firm",
        "officer",
        "official",
        "intelligence",
        "opposition",
        "administration",
        "bomber",
        "marine",
        "deputy",
        "agency",
    }
)
_ARMED = frozenset({"REB", "PRM", "UAF"})
_ORG_NAME_WORDS = frozenset(
    {
        "Mission",
        "Office",
        "Council",
        "Committee",
        "Agency",
        "Group",
        "Forces",
        "Army",
        "Party",
        "Front",
        "Movement",
        "Alliance",
        "Union",
        "Organization",
        "Organisation",
        "Institute",
        "Ministry",
        "Commission",
        "Court",
        "Bank",
        "Brigade",
        "Brigades",
        "Authority",
        "Service",
    }
)
#: Sectors of an organisation named in a person's title that decide the person's sector.
_ORG_DECIDES = frozenset({"REB", "PRM", "UAF", "CRM", "PTY", "IGO", "NGO"})
_RANKS = frozenset(
    {
        "general",
        "gen.",
        "brigadier",
        "colonel",
        "col.",
        "lieutenant",
        "lt.",
        "major",
        "maj.",
        "admiral",
        "adm.",
        "captain",
        "capt.",
        "marshal",
        "sergeant",
        "sgt.",
    }
)
#: Words around a name that make it a place ("the town of Mogok", "the Kalbajar district").
_PLACE_BEFORE = re.compile(
    r"\b(town|city|village|port|department|province|region|district|state|county|area|"
    r"governorate|oblast|municipality|island|camp|neighbourhood|neighborhood) of\s*$",
    re.I,
)
_PLACE_AFTER = re.compile(
    r"^\s*(district|region|regions|province|county|area|department|governorate|oblast|"
    r"valley|camp|refinery|port|airport|border crossing)\b",
    re.I,
)
#: Singular nouns that still name many people.
_COLLECTIVE = frozenset(
    {
        "group",
        "crowd",
        "community",
        "family",
        "delegation",
        "movement",
        "party",
        "gang",
        "cartel",
        "militia",
        "police",
        "union",
        "staff",
        "unit",
        "force",
        "army",
        "military",
        "government",
        "administration",
        "authority",
        "syndicate",
        "mafia",
        "regime",
        "junta",
        "opposition",
        "media",
        "battalion",
        "brigade",
        "regiment",
        "division",
        "platoon",
        "fleet",
        "navy",
        "cabinet",
        "council",
        "assembly",
        "parliament",
        "congress",
        "senate",
        "court",
        "tribunal",
        "people",
        "youth",
        "insurgency",
        "leadership",
        "paramilitary",
        "intelligence",
        "customs",
        "television",
        "radio",
        "newspaper",
        "broadcaster",
        "channel",
        "station",
        "agency",
        "ministry",
    }
)
_ORG_HEAD_WORDS = frozenset(
    {
        "army",
        "military",
        "navy",
        "police",
        "government",
        "ministry",
        "force",
        "forces",
        "agency",
        "intelligence",
        "air",
        "naval",
        "staff",
    }
)
_NAME_SKIP = frozenset(
    {
        "the",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "more",
        "than",
        "least",
        "at",
        "about",
        "some",
        "around",
        "nearly",
        "almost",
        "over",
        "up",
        "to",
        "dozens",
        "hundreds",
        "of",
        "roughly",
        "approximately",
        "estimated",
        "only",
        "just",
        "another",
        "further",
    }
)
#: Weapons name an actor only with a nationality ("two Chinese warplanes"), not alone ("drones hit").
_WEAPONS = frozenset(
    {
        "missile",
        "drone",
        "warplane",
        "jet",
        "fighter jet",
        "bomber",
        "warship",
        "destroyer",
        "frigate",
        "submarine",
        "tank",
        "artillery",
        "rocket",
        "shell",
        "katyusha",
    }
)
_DET_DROP = frozenset({"a", "an", "some", "both", "several", "many", "other", "all", "these", "those", "any"})


#: Event types whose target is hit by force: a capital there is a city struck, not a government addressed.
_FORCE_TYPES = frozenset({"ASSAULT", "COERCE", "MOBILIZE", "RETREAT"})
#: Prepositions that introduce the receiving side of an event ("aid to", "sanctions on", "a strike against").
_TARGET_PREPS = frozenset({"to", "against", "on", "upon", "toward", "towards", "for"})


def _trigger_types(tok: Any, lex: dict) -> set[str]:
    entries = lex.get(tok.lemma_.lower())
    return {e.type for e in entries} if entries else set()


def _target_types(root: Any, lex: dict) -> set[str]:
    """Event types of the trigger a noun phrase is the receiving side of (empty when it is not one):
    the object or dative of a trigger verb, or the object of "to/against/on ..." attached to a trigger
    or to a trigger verb's object ("sent arms to Pakistan")."""
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "visit Mauritania and Senegal"
    head = root.head
    if root.dep_ in ("dobj", "dative") and head.pos_ == "VERB":
        return _trigger_types(head, lex)
    if root.dep_ == "pobj" and head.dep_ in ("prep", "dative") and head.lower_ in _TARGET_PREPS:
        gov = head.head
        types = _trigger_types(gov, lex) if gov.pos_ in ("VERB", "NOUN") else set()
        if not types and gov.pos_ == "NOUN" and gov.dep_ == "dobj" and gov.head.pos_ == "VERB":
            types = _trigger_types(gov.head, lex)
        if not types and gov.pos_ == "VERB":
            # "continue military aid to Somalia": the verb's object is the trigger
            for ch in gov.children:
                if ch.dep_ == "dobj" and ch.pos_ == "NOUN":
                    types |= _trigger_types(ch, lex)
        return types
    return set()


# ---------------------------------------------------------------------------------------------
# mentions


@dataclass
class Mention:
    start: int
    end: int
    text: str
    kind: str  # person | organization | country | group | other | pronoun | description
    source: str
    root: int  # token index of the head
    name: str | None = None  # canonical text for named mentions
    titles: list[str] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    kb: KBEntry | None = None
    alias: str | None = None  # alias to record (e.g. capital for a country)
    target_kind: str | None = None  # the kind a description takes when it names a new actor
    cluster: Any = None


@dataclass
class Cluster:
    kind: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    kb: KBEntry | None = None
    first_names: set[str] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)
    head: str | None = None  # head noun of a description-born actor ("army")
    #: name keys of the mentions other than pronouns (kept by ``_attach``: no rescan per lookup)
    keys: set[str] = field(default_factory=set, compare=False, repr=False)

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)

    def last_before(self, pos: int) -> int:
        return max((m.start for m in self.mentions if m.start < pos), default=-1)


# ---------------------------------------------------------------------------------------------
# name helpers

_PARTICLES = ("al-", "el-", "al ", "el ", " al", "el")


@lru_cache(maxsize=65536)
def _strip_particle(tok: str) -> str:
    t = fold(tok)
    for p in ("al-", "el-", "ad-", "as-", "ash-", "an-", "ar-"):
        if t.startswith(p) and len(t) > len(p) + 2:
            return t[len(p) :]
    return t


def _name_parts(name: str) -> tuple[str, str]:
    """(first names, surname) of a person name, folded; particles (al-, bin) kept with the surname."""
    toks = [t for t in re.split(r"\s+", name.strip()) if t and fold(t) not in _HONORIFICS]
    if not toks:
        return "", ""
    if len(toks) >= 2 and fold(toks[-2]) in ("al", "el", "bin", "ibn", "van", "von", "de", "da", "le", "la"):
        return " ".join(fold(t) for t in toks[:-2]), _strip_particle(toks[-1])
    return " ".join(fold(t) for t in toks[:-1]), _strip_particle(toks[-1])


def _sound_alike(a: str, b: str) -> bool:
    """Same sound by any of three phonetic codes, allowing one edit in the metaphone/NYSIIS code."""
    a, b = re.sub(r"[^a-z]", "", a), re.sub(r"[^a-z]", "", b)
    if not a or not b:
        return False
    if jellyfish.soundex(a) == jellyfish.soundex(b):
        return True
    ma, mb = jellyfish.metaphone(a), jellyfish.metaphone(b)
    if ma == mb or (min(len(ma), len(mb)) >= 3 and jellyfish.levenshtein_distance(ma, mb) <= 1):
        return True
    na, nb = jellyfish.nysiis(a), jellyfish.nysiis(b)
    return na == nb or (min(len(na), len(nb)) >= 4 and jellyfish.levenshtein_distance(na, nb) <= 1)


@lru_cache(maxsize=65536)
def surname_similarity(a: str, b: str) -> float:
    """0..1: 1 for the same folded surname; JW similarity when they also sound alike; else 0."""
    a, b = _strip_particle(a).replace("-", ""), _strip_particle(b).replace("-", "")
    if a == b:
        return 1.0
    jw = jellyfish.jaro_winkler_similarity(a, b)
    if jw >= 0.78 and _sound_alike(a, b):
        return jw
    return 0.0


def first_names_compatible(a: str, b: str) -> bool:
    """Two first-name strings may name the same person: one empty, same initial-only, or close."""
    if not a or not b:
        return True
    fa, fb = a.split()[0].strip("."), b.split()[0].strip(".")
    if len(fa) == 1 or len(fb) == 1:
        return fa[0] == fb[0]
    return fa == fb or (jellyfish.jaro_winkler_similarity(fa, fb) >= 0.85 and _sound_alike(fa, fb))


def _acronym(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Z][a-z]+|[A-Z]+", name) if w.lower() not in ("of", "the", "and"))


# ---------------------------------------------------------------------------------------------
# the stage


@stages.register("actors")
class ActorsStage:
    """Builds ``draft.actors``; leaves ``draft.scratch["actor_mentions"]`` (start, end, actor id) and
    ``draft.scratch["actor_index"]`` (see :func:`accord.extract.common.actor_at`)."""

    name = "actors"
    requires = ("doc", "places")
    assigns = ("actors",)

    def __init__(self, kb_path: str | None = None, **config: Any) -> None:
        self.kb_path = kb_path
        self.config = config

    def __call__(self, draft: Draft) -> None:
        kb = load_kb(self.kb_path)
        run = _ArticleActors(draft, kb)
        draft.actors.extend(run.build())
        draft.scratch["actor_mentions"] = [(m.start, m.end, a.id) for a in draft.actors for m in a.mentions]
        # for actor_at in later stages
        draft.scratch["actor_index"] = ActorIndex(draft.actors, draft.scratch["actor_mentions"])


class _Taken:
    """Character ranges already claimed by a mention; :meth:`free` answers in O(log n).

    Every range is added only after a ``free`` check, so the ranges never overlap and, sorted by start,
    are sorted by end too: the range starting last before ``end`` is the only one to test. Should a
    caller ever add an overlapping or reversed range, the check falls back to a scan of all ranges.
    """

    __slots__ = ("disjoint", "ends", "spans", "starts")

    def __init__(self) -> None:
        self.spans: list[tuple[int, int]] = []  # sorted by (start, end)
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.disjoint = True

    def free(self, start: int, end: int) -> bool:
        """No claimed range (s, e) has ``s < end`` and ``e > start``."""
        if not self.disjoint:
            return all(end <= s or start >= e for s, e in self.spans)
        i = bisect.bisect_left(self.starts, end) - 1
        return i < 0 or self.ends[i] <= start

    def add(self, start: int, end: int) -> None:
        if self.disjoint and (end < start or not self.free(start, end)):
            self.disjoint = False
        k = bisect.bisect_right(self.spans, (start, end))
        self.spans.insert(k, (start, end))
        self.starts.insert(k, start)
        self.ends.insert(k, end)


class _ArticleActors:
    def __init__(self, draft: Draft, kb: Any) -> None:
        self.draft = draft
        self.doc = draft.doc
        self.text = draft.text
        self.kb = kb
        self.when = draft.published
        self.mentions: list[Mention] = []
        self.taken = _Taken()
        self.quote_zones = _quote_zones(self.text)
        self.sents = sentences(self.doc)
        self.ents = list(self.doc.ents)
        self.sent_of: list[int] = [0] * len(self.doc)
        for k, snt in enumerate(self.sents):
            self.sent_of[snt.start : snt.end] = [k] * (snt.end - snt.start)
        # token start offsets and the end of each token's trailing whitespace, for _tok_at
        self.tok_starts = token_starts(self.doc)
        # per-token part of speech and lower-case form (hashes), to skip tokens without making Token objects
        arr = self.doc.to_array([POS, LOWER]) if len(self.doc) else None
        self.pos_ids: list[int] = arr[:, 0].tolist() if arr is not None else []
        self.lower_ids: list[int] = arr[:, 1].tolist() if arr is not None else []
        last = self.doc[-1] if len(self.doc) else None
        self.text_end = last.idx + len(last.text_with_ws) if last is not None else 0
        # the places stage's mentions: (start, end), and per place with a country its mention starts
        self.place_spans = [(m.start, m.end) for p in draft.places for m in p.mentions]
        self.place_starts = [(p.country, [m.start for m in p.mentions]) for p in draft.places if p.country]
        self.gpe_ents = [(e.start, self.text[e.start_char : e.end_char]) for e in self.ents if e.label_ == "GPE"]
        self.sent_countries: dict[tuple[int, int], str | None] = {}  # _sentence_countries, per sentence
        self.title_orgs: list[tuple[int, int]] = []
        self.appos_heads: set[int] = set()  # title nouns whose apposition is a named person
        self.affiliations: dict[tuple[int, int], str] = {}
        self.reserved: list[tuple[int, int]] = []
        self.place_names: set[str] = (
            set()
        )  # title words before names: no descriptions there  # place spans qualifying a body → ISO3

    # -- utilities ------------------------------------------------------------------------------
    def _sent(self, tok: Any) -> Any:
        return self.sents[self.sent_of[tok.i]]

    def _free(self, start: int, end: int) -> bool:
        return self.taken.free(start, end)

    def _add(self, m: Mention) -> Mention:
        self.mentions.append(m)
        self.taken.add(m.start, m.end)
        return m

    def _tok_at(self, char: int) -> Any:
        """The token covering a character (None on whitespace or outside the text); the same token as
        ``doc.char_span(char, char + 1, alignment_mode="expand")[0]``, found by bisection."""
        if char < 0 or char >= self.text_end:
            return None
        i = bisect.bisect_right(self.tok_starts, char) - 1
        if i < 0:
            return None
        tok = self.doc[i]
        return tok if char < tok.idx + len(tok) else None

    def _sentence_countries(self, sent: Any) -> str | None:
        """Country of the sentence when it names exactly one (places stage first, else country words
        and larger cities); None when it names none or several."""
        key = (sent.start, sent.end)
        if key in self.sent_countries:
            return self.sent_countries[key]
        s0, s1 = sent.start_char, sent.end_char
        isos = {iso for iso, starts in self.place_starts if any(s0 <= x < s1 for x in starts)}
        isos |= {h.iso3 for h in find_countries(self.text[s0:s1])}
        for start, text in self.gpe_ents:
            if sent.start <= start < sent.end:
                iso = city_country(text)
                if iso:
                    isos.add(iso)
        out = isos.pop() if len(isos) == 1 else None
        self.sent_countries[key] = out
        return out

    # -- 1. names --------------------------------------------------------------------------------
    def _place_cued_names(self) -> set[str]:
        """Names the article shows to be places: the places stage's mentions and any PERSON/ORG
        entity in a place frame ("the town of Mogok", "the Kalbajar district")."""
        names = {fold(m.text) for p in self.draft.places for m in p.mentions}
        for ent in self.ents:
            if ent.label_ in ("GPE", "LOC", "FAC") and fold(ent.text) not in place_words():
                names.add(fold(re.sub(r"^(the|The)\s+", "", ent.text)))  # the NER calls it a place here
                continue
            if ent.label_ not in ("PERSON", "ORG"):
                continue
            t0, t1 = ent.start_char, ent.end_char
            text = re.sub(r"^(the|The)\s+", "", ent.text)
            if _PLACE_BEFORE.search(self.text[max(0, t0 - 30) : t0]) or _PLACE_AFTER.match(self.text[t1 : t1 + 20]):
                names.add(fold(text))
        return names

    def collect_names(self) -> None:
        self.place_names = self._place_cued_names()
        spans: list[tuple[int, int, str, KBEntry | None]] = []
        for sent in self.sents:
            for s, e, entry in self.kb.find(self.text[sent.start_char : sent.end_char]):
                spans.append((sent.start_char + s, sent.start_char + e, "KB", entry))
        for ent in self.ents:
            if ent.label_ in ("PERSON", "ORG"):
                spans.append((ent.start_char, ent.end_char, ent.label_, None))
        # longest first so KB names inside NER spans ("the Rapid Support Forces") merge sensibly
        spans.sort(key=lambda x: (-(x[1] - x[0]), x[0]))
        for s, e, label, entry in spans:
            if label in ("PERSON", "ORG"):
                m = self._named_from_ent(s, e, label)
            else:
                m = self._named_from_kb(s, e, entry)
            if m is None or not self._free(m.start, m.end):
                # a KB name inside an accepted NER span: give the span its KB entry
                if m is not None and m.kb is not None:
                    for old in self.mentions:
                        if (
                            old.start <= m.start
                            and m.end <= old.end
                            and old.kb is None
                            and old.kind != "person"
                            and (m.end - m.start) >= 0.7 * (old.end - old.start)
                        ):
                            old.kb = m.kb  # "the Rapid Support Forces", not "U.N. Verification Mission"
                continue
            self._add(m)

    def collect_surname_variants(self) -> None:
        """A capitalised word the NER missed or mislabelled ("Shmygal" as a place) that sounds and
        spells like the surname of a person already named is a mention of a person."""
        surnames = {_name_parts(m.name or m.text)[1] for m in self.mentions if m.kind == "person"}
        surnames.discard("")
        if not surnames:
            return
        doc = self.doc
        for i in [i for i, p in enumerate(self.pos_ids) if p == PROPN]:
            tok = doc[i]
            if not tok.text[:1].isupper() or len(tok.text) < 4:
                continue
            if not self._free(tok.idx, tok.idx + len(tok)) or tok.dep_ == "compound":
                continue
            if fold(tok.text) in place_words() or tok.lower_ in TITLE_WORDS:
                continue
            best = max((surname_similarity(tok.text, sn) for sn in surnames), default=0.0)
            if best >= 0.85:
                m = Mention(tok.idx, tok.idx + len(tok), tok.text, "person", "variant", tok.i, name=tok.text)
                self._titles_for_person(m)
                self._add(m)

    def _named_from_kb(self, s: int, e: int, entry: KBEntry) -> Mention | None:
        text = self.text[s:e]
        tok = self._tok_at(s)
        if tok is None:
            return None
        if entry.kind == "country":
            return None
        # a GPE the NER saw as a place (e.g. "Brussels") is left to the metonym logic
        if tok.ent_type_ == "GPE" and fold(text) in place_words():
            return None
        kind = entry.kind
        span = self.doc.char_span(s, e, alignment_mode="expand")
        root = span.root.i if span is not None and len(span) else tok.i
        m = Mention(s, e, text, kind, "kb", root, name=entry.name, kb=entry)
        if kind == "person":
            self._titles_for_person(m)
        return m

    def _named_from_ent(self, s: int, e: int, label: str) -> Mention | None:
        doc = self.doc
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None or not len(span):
            return None
        toks = list(span)
        # drop a leading article of a proper name ("the Rapid Support Forces"), keep a description's
        while (
            toks
            and toks[0].lower_ in ("the", "a", "an")
            and len(toks) > 1
            and all(t.text[:1].isupper() or t.lower_ in ("of", "and", "for", "'s", "-") for t in toks[1:])
        ):
            toks = toks[1:]
        while toks and (toks[-1].is_punct or toks[-1].tag_ == "POS"):
            toks = toks[:-1]
        if not toks:
            return None
        t0, t1 = toks[0].idx, toks[-1].idx + len(toks[-1])
        if label == "PERSON" and fold(self.text[t0:t1]) in place_words():
            return None  # "Burkina Faso" taken for a person's name
        if fold(self.text[t0:t1]) in self.place_names:
            return None  # "the town of Mogok" ... "We did not lose Mogok": a place throughout the article
        if label == "PERSON" and toks[0].i > 0 and doc[toks[0].i - 1].lower_ == "the":
            return None  # people's names take no article: "in the Sahel"
        if toks[0].i > 0 and fold(doc[toks[0].i - 1].text + " " + self.text[t0:t1]) in place_words():
            return None  # "Burkina" + "Faso": a half-recognised country name
        if (
            label == "PERSON"
            and any(
                t.text in _ORG_NAME_WORDS
                or (self.kb.lookup(t.text) is not None and self.kb.lookup(t.text).kind != "person")
                for t in toks[:-1]
            )
            and toks[-1].text in _ORG_NAME_WORDS
        ):
            label = "ORG"  # "U.N. Verification Mission" is a body, not a person
        if label == "ORG" and len(toks) > 1 and toks[0].lower_ in TITLE_WORDS:
            # "Defence Rustem Umerov" is not an organisation: title words glued onto a person's name
            rest = [t for t in toks if t.lower_ not in TITLE_WORDS and t.text != "-"]
            kb_rest = self.kb.lookup(" ".join(t.text for t in rest)) if rest else None
            if rest and (
                (kb_rest is not None and kb_rest.kind == "person")
                or (
                    2 <= len(rest) <= 3
                    and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in rest)
                    and not sector_of(" ".join(t.text for t in rest))
                )
            ):
                label = "PERSON"
        prev = doc[toks[0].i - 1].lower_ if toks and toks[0].i > 0 else ""
        if label == "ORG" and prev in TITLE_WORDS and prev not in _WEAK_TITLE:
            # "M23 envoy Jean-Baptiste Kazungu": a name right after a title word is a person's
            rest = [t for t in toks if t.text != "-"]
            if (
                2 <= len(rest) <= 4
                and all(t.text[:1].isupper() for t in rest)
                and not sector_of(" ".join(t.text for t in rest))
                and self.kb.lookup(span.text) is None
            ):
                label = "PERSON"
        # a span the places stage resolved as a place where something happens is not an actor
        if any(ms < e and s < me for ms, me in self.place_spans):
            return None
        if (
            label == "PERSON"
            and len(toks) == 1
            and toks[0].dep_ in ("compound", "amod")
            and toks[0].head.tag_ in ("NNS", "NNPS")
        ):
            return None  # "Hutu extremists": a people's name qualifying a group, not a person
        if label == "PERSON":
            # trim title words glued on by NER ("Defence Rustem Umerov", "President Trump")
            while len(toks) > 1 and (
                toks[0].lower_ in TITLE_WORDS or fold(toks[0].text) in place_words() or toks[0].text in ("-",)
            ):
                toks = toks[1:]
        if not toks:
            return None
        text = self.text[toks[0].idx : toks[-1].idx + len(toks[-1])]
        if label == "PERSON":
            pw = place_words().get(fold(text))
            if pw is not None and pw.how in ("name", "capital", "demonym", "region"):
                return None  # "Kyiv" is never a person
            if city_country(text) is not None or re.search(r"\b(City|Province|District|Oblast)$", text):
                return None  # a place named after a person ("Ho Chi Minh City") is a place
            if fold(text) in _PRONOUN_WORDS or not any(c.isalpha() for c in text):
                return None
            entry = self.kb.lookup(text)
            kind = "person"
            if entry is not None and entry.kind != "person":
                kind = entry.kind
        else:
            entry = self.kb.lookup(text)
            kind = entry.kind if entry is not None else "organization"
            if fold(text) in place_words() and place_words()[fold(text)].how in ("name", "capital"):
                return None
            if entry is None and text.lower() == text:
                return None
        root = span.root.i if span.root.i >= toks[0].i else toks[-1].i
        m = Mention(
            toks[0].idx,
            toks[-1].idx + len(toks[-1]),
            text,
            kind,
            "ner",
            root,
            name=entry.name if entry else re.sub(r"^(the|The)\s+", "", text),
            kb=entry,
        )
        if kind == "person":
            self._titles_for_person(m)
        else:
            self._code_org(m)
        return m

    def _code_org(self, m: Mention) -> None:
        res = _resolve(m.text, self.kb, self.when)
        m.country = m.country or res["country"]
        m.sector = m.sector or res["sector"]
        if m.kb is None and res["kb_id"] and self.kb.lookup(m.text) is not None:
            m.kb = self.kb.entries.get(res["kb_id"])
        if m.country is None:
            # "Darfur health ministry": a region or a possessive country inside the name
            tok = self.doc[m.root]
            for child in tok.children:
                if child.dep_ in ("poss", "compound", "amod") and child.ent_type_ in ("GPE", "NORP"):
                    hits = find_countries(child.text)
                    if hits:
                        m.country = hits[0].iso3

    # -- 2. titles -------------------------------------------------------------------------------
    def _titles_for_person(self, m: Mention) -> None:
        doc = self.doc
        first = self._tok_at(m.start)
        if first is None:
            return
        sent = self._sent(first)
        # pre-modifiers: walk left over title words, nationality words, org names
        i = first.i - 1
        pre: list[Any] = []
        while i >= sent.start:
            t = doc[i]
            low = t.lower_
            if (
                low in TITLE_WORDS
                or t.text == "-"
                or (t.text[:1].isupper() and fold(t.text) in place_words())
                or (t.text[:1].isupper() and self.kb.lookup(t.text) is not None)
                or low == "'s"
                or (t.text.endswith(".") and t.text[:1].isupper() and len(t.text) <= 5)
            ):
                if low == "'s" and (i - 1 < sent.start or fold(doc[i - 1].text) not in place_words()):
                    break
                if t.text == "-" and not (pre and i - 1 >= sent.start and doc[i - 1].lower_ in TITLE_WORDS):
                    break
                pre.insert(0, t)
                i -= 1
                continue
            break
        while pre and pre[0].lower_ in ("of", "the", "-", "'s"):
            pre = pre[1:]
        if pre:
            self.title_orgs.append((pre[0].idx, pre[-1].idx + len(pre[-1])))
        if first.i > sent.start:
            # the title words before a name are not a group of their own ("Government negotiator")
            j = first.i - 1
            while j >= sent.start and (
                doc[j].lower_ in TITLE_WORDS
                or (doc[j].text[:1].isupper() and doc[j].pos_ in ("PROPN", "ADJ", "NOUN") and doc[j].dep_ == "compound")
            ):
                j -= 1
            if j + 1 < first.i:
                self.reserved.append((doc[j + 1].idx, first.idx))
        segments = self._split_title(pre)
        # appositions: "Hakan Fidan, Turkey's foreign minister," / "Turkey's foreign minister, Hakan Fidan"
        head = doc[m.root] if m.root < len(doc) else first
        for tok in list(head.children):
            if tok.dep_ == "appos" and tok.pos_ in ("NOUN", "PROPN") and tok.i > head.i:
                segments += self._appos_title(tok)
        if head.dep_ == "appos" and head.head.i < head.i:
            anchor = head.head
            if (
                anchor.dep_ == "pobj"
                and anchor.head.dep_ == "prep"
                and anchor.head.head.pos_ == "NOUN"
                and singular(anchor.lower_) not in TITLE_WORDS  # "a call with his counterpart, X": stay
            ):
                anchor = anchor.head.head  # "The president of Kenya, William Ruto": the parse hangs it on Kenya
            options = [anchor, *(c for c in anchor.children if c.dep_ == "appos" and c.i < head.i)]
            options = [o for o in options if o.pos_ == "NOUN" and singular(o.lower_) in TITLE_WORDS]
            if options:
                anchor = max(options, key=lambda o: o.i)  # the nearest title noun before the name
                segments += self._appos_title(anchor, exclude=head)
                self.appos_heads.add(anchor.i)
        for kind, value in segments:
            if kind == "country" and m.country is None:
                m.country = value
            elif kind == "org" and m.kb is None:
                entry = value
                if entry.country and m.country is None:
                    m.country = entry.country
                if entry.sector in _ORG_DECIDES and m.sector is None:
                    m.sector = entry.sector  # "M23 envoy" is a rebel, "U.N. envoy" an IGO official
            elif kind == "title" and value not in m.titles:
                m.titles.append(value)
        if m.titles:
            codes = ()
            for t in m.titles:  # the office comes before the rank: "Defence Minister Brigadier General"
                codes = sector_of(t)
                if codes:
                    break
            if codes and (m.sector is None or (m.sector == "IGO" and codes[0] not in ("GOV", "IGO"))):
                m.sector = codes[0]  # a UN official keeps IGO unless the title says more (a UN judge)
        if m.kb is not None:
            if m.country is None:
                m.country = m.kb.country
            kb_sector = m.kb.sector_at(self.when)
            m.sector = m.sector or kb_sector

    def _split_title(self, toks: list[Any]) -> list[tuple[str, Any]]:
        """Pre-modifier tokens → [("country", ISO3) | ("org", KBEntry) | ("title", text)]."""
        out: list[tuple[str, Any]] = []
        cur: list[Any] = []

        def flush() -> None:
            if cur:
                words_ = [t for t in cur]
                while words_ and words_[-1].lower_ in ("of", "the", "-"):
                    words_.pop()
                while words_ and words_[0].lower_ in ("of", "the", "-"):
                    words_.pop(0)
                if words_ and any(w.lower_ not in _WEAK_TITLE for w in words_):
                    text = self.text[words_[0].idx : words_[-1].idx + len(words_[-1])]
                    out.append(("title", text))
                cur.clear()

        for _idx, t in enumerate(toks):
            key = fold(t.text)
            pw = place_words().get(key) if t.text[:1].isupper() else None
            if pw is not None and not (cur and cur[-1].lower_ == "of"):
                flush()
                out.append(("country", pw.iso3))
                continue
            if t.lower_ == "'s":
                continue
            entry = self.kb.lookup(t.text) if t.text[:1].isupper() and t.lower_ not in TITLE_WORDS else None
            if entry is not None and entry.kind != "person":
                flush()
                out.append(("org", entry))
                self.title_orgs.append((t.idx, t.idx + len(t)))
                continue
            if pw is not None and cur and cur[-1].lower_ == "of":
                # "Minister of Ukraine" — a country inside the title
                out.append(("country", pw.iso3))
                cur.pop()
                continue
            # case change between a lower-case descriptor and a capitalised rank: "army chief General",
            # and an office followed by a rank: "Defence Minister Brigadier General"
            if (
                cur
                and cur[-1].lower_ not in ("of", "the")
                and (
                    (cur[-1].text[:1].islower() and t.text[:1].isupper())
                    or (t.lower_ in _RANKS and cur[-1].lower_ not in _RANKS and cur[-1].text != "-")
                )
            ):
                flush()
            cur.append(t)
        flush()
        return out

    def _appos_title(self, tok: Any, exclude: Any = None) -> list[tuple[str, Any]]:
        """An apposition headed by a singular title noun ("Turkey's foreign minister", "head of the
        Russian delegation", "a former general"): its country, org and title text."""
        if tok.tag_ not in ("NN", "NNP") or singular(tok.lower_) not in TITLE_WORDS:
            return []
        excl = {x.i for x in exclude.subtree} if exclude is not None else set()
        keep: list[Any] = []

        def walk(t: Any) -> None:
            if t.i in excl or (t.is_punct and t.text != "-"):
                return
            keep.append(t)
            for ch in t.children:
                if ch.dep_ not in ("relcl", "acl", "appos", "cc", "conj", "advcl", "punct"):
                    walk(ch)

        walk(tok)
        keep.sort(key=lambda t: t.i)
        # a contiguous stretch around the head
        lo = hi = keep.index(tok)
        while lo > 0 and keep[lo - 1].i == keep[lo].i - 1:
            lo -= 1
        while hi < len(keep) - 1 and keep[hi + 1].i == keep[hi].i + 1:
            hi += 1
        run = keep[lo : hi + 1]
        out: list[tuple[str, Any]] = []
        for t in run:
            if not t.text[:1].isupper():
                continue
            pw = place_words().get(fold(t.text))
            if pw is not None:
                out.append(("country", pw.iso3))
                continue
            entry = self.kb.lookup(t.text)
            if entry is not None and entry.kind != "person":
                out.append(("org", entry))
        # drop leading determiners, possessives and the country/org words that qualify the title
        while (
            run
            and run[0].i < tok.i
            and (
                run[0].lower_ in ("a", "an", "the", "'s", "his", "her", "its", "their", "-")
                or (run[0].text[:1].isupper() and fold(run[0].text) in place_words())
                or (run[0].text[:1].isupper() and self.kb.lookup(run[0].text) is not None)
            )
        ):
            run = run[1:]
        # "president of Kenya" → title "president", country KEN (as "Kenyan President" would give)
        while (
            run
            and run[-1].i > tok.i
            and (
                run[-1].lower_ in ("of", "the", "-", "and")
                or (run[-1].text[:1].isupper() and fold(run[-1].text) in place_words())
            )
        ):
            run.pop()
        if run:
            out.append(("title", self.text[run[0].idx : run[-1].idx + len(run[-1])]))
        return out

    # -- 3. countries that act ---------------------------------------------------------------------
    def collect_countries(self) -> None:
        metonyms = self.draft.scratch.get("metonyms")
        if metonyms is not None:
            for mt in metonyms:
                s, e = int(mt["start"]), int(mt["end"])
                iso = mt.get("country")
                if not iso or not self._free(s, e):
                    continue
                if mt.get("kind") == "affiliation":
                    # "Sudan's army", "the Darfur health ministry": the place qualifies a body; it is
                    # that body's country, not an actor of its own
                    self.affiliations[(s, e)] = iso
                    continue
                tok = self._tok_at(s)
                self._add_country(s, e, tok.i if tok is not None else 0, iso, "metonym", name=mt.get("name"))
        else:
            self._fallback_metonyms()
        self._acting_prefixes()

    def _fallback_metonyms(self) -> None:
        """A country or capital that is the subject/object of a verb acts (a government); a city
        that is only where something happens is a place and is left alone."""
        cands = [e for e in self.ents if e.label_ in ("GPE", "NORP", "ORG", "PERSON")]
        in_ent = {i for e in self.ents for i in range(e.start, e.end)}
        cands += [
            self.doc[t.i : t.i + 1]
            for t in self.doc
            if t.pos_ == "PROPN" and t.i not in in_ent and t.text[:1].isupper() and fold(t.text) in place_words()
        ]
        for ent in cands:
            text = ent.text
            core_s, core_e = ent.start_char, ent.end_char
            if text.lower().startswith("the "):
                core_s += 4
                text = text[4:]
            pw = place_words().get(fold(text))
            if pw is None or pw.how not in ("name", "capital"):
                continue
            if ent.label_ == "NORP" and pw.how != "name":
                continue  # "Saudi" in "Saudi Foreign Minister" is a modifier, not an actor
            root = ent.root
            dep = root.dep_
            acting = False
            if dep in ("nsubj", "nsubjpass", "agent"):
                acting = True
            elif dep == "dobj" and root.head.pos_ == "VERB":
                acting = root.head.lemma_ not in _MOTION_VERBS  # "warned Washington", not "visited Baghdad"
            elif (
                dep == "pobj"
                and root.head.lower_ in ("with", "against", "by", "between", "from")
                and root.head.head.pos_ in ("VERB", "NOUN")
            ):
                acting = pw.how == "name" and not (root.head.lower_ == "from" and root.head.head.pos_ == "NOUN")
            elif dep == "conj":
                acting = self._conj_acting(root)
            elif dep == "poss" and root.head.lemma_.lower() in _EVENT_NOUNS:
                acting = True
            if not acting or not self._free(core_s, core_e):
                continue
            iso = pw.iso3
            self._add(
                Mention(
                    core_s,
                    core_e,
                    self.text[core_s:core_e],
                    "country",
                    "metonym",
                    root.i,
                    name=country_name(iso) or text,
                    country=iso,
                    sector="GOV",
                    alias=text if pw.how == "capital" else None,
                )
            )

    def _add_country(
        self, start: int, end: int, root: int, iso: str, source: str, *, sector: str = "GOV", name: str | None = None
    ) -> None:
        """A country mention over ``text[start:end]``: named by the country, the words kept as an alias when
        they spell it otherwise ("Moscow", "Indian", "U.S.")."""
        text = self.text[start:end]
        official = country_name(iso)
        self._add(
            Mention(
                start,
                end,
                text,
                "country",
                source,
                root,
                name=official or name or text,
                country=iso,
                sector=sector,
                alias=text if fold(text) != fold(official or "") else None,
            )
        )

    def _capitalised_tokens(self) -> Any:
        """The doc's capitalised tokens; no Token object is made for the others."""
        full, doc = self.text, self.doc
        for i, at in enumerate(self.tok_starts):
            if full[at : at + 1].isupper():
                yield doc[i]

    def collect_target_countries(self) -> None:
        """A country on the receiving end of an event is a party too: "hand over to Great Britain",
        "give Tanzania a grant", "military aid to Mozambique", "warned Iran", "visited Russia" (the
        host). It stays a place as well — the country is both where and whom; a capital counts only
        for words and deals ("warned Washington"), not for force ("shelled Kyiv" hits a city)."""
        lex = plover_kb.lexicon()
        for place in self.draft.places:
            if place.feature not in ("country", "city") or not place.country:
                continue
            for m in place.mentions:
                if not self._free(m.start, m.end):
                    continue
                span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None:
                    continue
                types = _target_types(span.root, lex)
                if not types:
                    continue
                if place.feature == "city":
                    cap = place_words().get(fold(m.text))
                    if cap is None or cap.how != "capital" or cap.iso3 != place.country or types & _FORCE_TYPES:
                        continue
                self._add_country(m.start, m.end, span.root.i, place.country, "target")

    def collect_target_modifiers(self) -> None:
        """The country behind the receiving side when that side is a thing, not an actor: "rejected an
        Indian proposal", "denounced Serbia's suppression of the unrest", "threatened to shell Iraqi
        towns". Runs after the descriptions, so "Sudan's army" or "Iraqi youths" stay actors of their own."""
        lex = plover_kb.lexicon()
        idx = place_words()
        for tok in self._capitalised_tokens():
            if tok.dep_ not in ("amod", "compound", "poss", "nmod"):
                continue
            head = tok.head
            if head.pos_ != "NOUN" or head.i <= tok.i:
                continue
            start, end = tok.idx, tok.idx + len(tok.text)
            if tok.dep_ == "poss":
                first = tok.left_edge
                start = first.idx if first.dep_ == "compound" else start  # "Burkina Faso's"
            text = self.text[start:end]
            pw = idx.get(fold(text))
            if pw is None or pw.how not in ("name", "demonym"):
                continue
            if not self._free(start, end) or not self._free(head.idx, head.idx + len(head.text)):
                continue
            if not _target_types(head, lex):
                continue
            self._add_country(start, end, tok.i, pw.iso3, "target")

    def collect_agent_modifiers(self) -> None:
        """The country behind a weapon or an act named by a noun: "a Russian missile strike", "Israeli
        drone attacks", "Cambodian rockets hit", "new U.S. sanctions". Runs after the descriptions and the
        receiving-side pass, so "Israeli troops" stays one actor and "condemned the Russian strike" keeps
        Russia as the one condemned (it is the striker too)."""
        lex = plover_kb.lexicon()
        idx = place_words()
        for tok in self._capitalised_tokens():
            if tok.dep_ not in ("amod", "compound", "nmod"):
                continue
            head = tok.head
            while head.dep_ == "compound" and head.head.pos_ == "NOUN" and head.head.i > head.i:
                head = head.head  # "Russian missile strike": the act, past the weapon
            if head.pos_ != "NOUN" or head.i <= tok.i:
                continue
            low = head.lemma_.lower()
            types = {e.type for e in lex.get(low, ()) if e.pos == "N"}
            weapon = low in _WEAPONS or tok.head.lemma_.lower() in _WEAPONS
            if not (types or weapon) or types == {"PROTEST"}:
                continue
            start, end = tok.idx, tok.idx + len(tok.text)
            pw = idx.get(fold(tok.text))
            if pw is None or pw.how not in ("name", "demonym"):
                continue
            if not self._free(start, end) or not self._free(head.idx, head.idx + len(head.text)):
                continue
            force = weapon or bool(types & {"ASSAULT", "MOBILIZE"})
            self._add_country(start, end, tok.i, pw.iso3, "agent", sector="MIL" if force else "GOV")

    def _conj_acting(self, tok: Any) -> bool:
        head = tok
        while head.dep_ == "conj":
            head = head.head
        return head.dep_ in ("nsubj", "nsubjpass") or (head.dep_ == "pobj" and head.head.lower_ in ("with", "between"))

    def _acting_prefixes(self) -> None:
        """ "U.S.-brokered", "Saudi-led": a country that brokered, led or backed something acts."""
        for m in _ACTING_SUFFIX.finditer(self.text):
            s = m.start()
            left = self.text[max(0, s - 40) : s]
            hits = find_countries(left)
            if not hits or hits[-1].end != len(left):
                continue
            h = hits[-1]
            cs, ce = s - len(left) + h.start, s
            if not self._free(cs, ce):
                continue
            tok = self._tok_at(cs)
            self._add(
                Mention(
                    cs,
                    ce,
                    self.text[cs:ce],
                    "country",
                    "metonym",
                    tok.i if tok is not None else 0,
                    name=country_name(h.iso3) or self.text[cs:ce],
                    country=h.iso3,
                    sector="GOV",
                    alias=self.text[cs:ce] if h.how == "capital" else None,
                )
            )

    # -- 4. groups and descriptions --------------------------------------------------------------
    def collect_descriptions(self) -> None:
        table = agent_table()
        for chunk in noun_chunks(self.doc):
            root = chunk.root
            if root.pos_ not in ("NOUN", "PROPN") or root.ent_type_ in ("DATE", "TIME"):
                continue
            if root.ent_type_ in ("PERSON", "GPE", "ORG") and not (root.is_sent_start or root.text.islower()):
                continue  # a name, unless the NER mislabelled a sentence-initial common noun ("Gunmen killed")
            # the agent table first: most noun phrases name no kind of actor (the checks have no side effects)
            head = singular(root.lower_)
            two = (singular(root.nbor(-1).lower_), head) if root.i > chunk.start else None
            key = two if two in table else (head,)
            codes = table.get(key)
            if not codes and head in _LEAD_HEADS and two is not None and (two[0],) in table:
                codes = table[(two[0],)]  # "rebel leaders", "militia commanders": who they lead
            if not codes and root.text[:1].isupper() and root.tag_ in ("NNS", "NNPS", "NN", "NNP"):
                pw = place_words().get(fold(root.text))
                if pw is not None and pw.how == "demonym" and root.lower_.endswith(("s", "ese", "i")):
                    codes = ("",)  # "the Palestinians", "Algerians": a people, coded by country alone
            if not codes:
                continue
            toks = [t for t in chunk if not t.is_punct]
            owner = next((t for t in toks if t.tag_ == "PRP$" and t.i < root.i), None)
            # drop leading vague determiners and possessive pronouns (kept as separate pronoun mentions)
            while toks and (toks[0].lower_ in _DET_DROP or toks[0].tag_ == "PRP$"):
                toks = toks[1:]
            if not toks or toks[-1].i != root.i:
                continue
            if head in _VAGUE and not self._vague_ok(chunk, root):
                continue
            if codes[0] in ("UNK", "JNK"):
                continue
            if head in _WEAPONS and not any(t.text[:1].isupper() and fold(t.text) in place_words() for t in chunk):
                continue
            s, e = toks[0].idx, root.idx + len(root)
            if not self._free(s, e) or any(a <= root.idx < b for a, b in self.reserved):
                # "army" in "army chief General Omar Saleh": remember the head for org links
                continue
            if root.dep_ not in _ACTOR_DEPS:
                continue
            if root.dep_ == "appos" and not self._free(root.head.idx, root.head.idx + len(root.head)):
                continue  # "John Smith, a U.S. senator,": a title of the name, not another actor
            if root.i in self.appos_heads:
                continue  # "Turkey's foreign minister, Hakan Fidan": the title before the name
            if root.dep_ == "compound" and root.head.lower_ not in TITLE_WORDS:
                continue
            if root.dep_ == "compound":
                continue  # handled in _title_org_links
            if (
                root.dep_ in ("dobj", "dative")
                and root.head.lemma_ in ("tell", "brief", "inform")
                and codes[0] == "JRN"
            ):
                continue  # "told reporters": the audience, not an actor
            text = self.text[s:e]
            det = toks[0].lower_ if toks[0].lower_ in ("the", "this", "that") else None
            m = Mention(s, e, text, "description" if det else "group", "desc", root.i, sector=codes[0])
            # country: possessive/adjective inside the phrase (the places stage's affiliations first)
            for t in toks:
                if t.text[:1].isupper() and t.pos_ == "ADJ":
                    pw = place_words().get(fold(t.text))
                    if pw is not None and pw.how == "demonym":  # "Somali": the people's word, not a region
                        m.country = pw.iso3
                        break
                aff = next((iso for (a, b), iso in self.affiliations.items() if a <= t.idx < b), None)
                if aff:
                    m.country = aff
                    break
                if t.text[:1].isupper():
                    pw = place_words().get(fold(t.text))
                    iso = pw.iso3 if pw is not None else (city_country(t.text) if t.ent_type_ == "GPE" else None)
                    if iso:
                        m.country = iso
                        break
            if m.country is None:
                m.country = self._phrase_country(toks, root)
            if not codes[0]:
                m.sector = None
            kind = _kind_of_head(head, codes)
            plural = root.tag_ in ("NNS", "NNPS") or root.lower_ in ("police", "people") or head != root.lower_
            if any(t.lower_ in ("every", "each", "any", "no") for t in chunk):
                continue  # "every citizen": nobody in particular
            if not plural and kind == "group" and head not in _COLLECTIVE and root.tag_ == "NN":
                kind = "person"  # "a Western diplomat", "the spokesman": one unnamed person
            if owner is not None and not plural and head in TITLE_WORDS and owner.lower_ in ("his", "her", "their"):
                # "his special envoy": an unnamed person defined by whose role it is
                m.kind = "person"
                m.source = "role"
                m.name = text
                m.titles = [text]
                m.alias = str(owner.i)
                for ch in root.children:
                    if ch.dep_ == "appos":
                        m.titles += [v for k, v in self._appos_title(ch) if k == "title"]
                self._add(m)
                continue
            m.target_kind = kind
            m.kind = "description" if det and m.country is None else kind
            m.name = self._description_name(toks, root, m.country, plural)
            m.alias = None
            if m.kind == "group" and m.country is None and codes[0] in ("CVL", "REF", "MED", "JRN", "LAB", "AGR"):
                m.country = self._sentence_countries(self._sent(root))
            if plural and self._split_coordinated(m, toks, root, kind):
                continue
            self._add(m)

    def _split_coordinated(self, m: Mention, toks: list[Any], root: Any, kind: str) -> bool:
        """ "Israeli and Palestinian negotiators" are two groups, one per country: the first is named by
        its adjective ("Israeli", the name "Israeli negotiators"), the last by the rest of the phrase."""
        if not any(t.dep_ == "cc" and t.i < root.i for t in toks):
            return False
        nat: list[tuple[Any, str]] = []
        for t in toks:
            if t.i >= root.i or not t.text[:1].isupper():
                continue
            pw = place_words().get(fold(t.text))
            if pw is not None and pw.how in ("demonym", "name") and t.dep_ in ("amod", "compound", "nmod", "conj"):
                nat.append((t, pw.iso3))
        if len(nat) < 2 or len({iso for _, iso in nat}) < len(nat):
            return False
        last_tok = nat[-1][0]
        tail = self.text[last_tok.idx + len(last_tok.text) : root.idx + len(root)].strip()
        for t, iso in nat[:-1]:
            self._add(
                Mention(
                    t.idx,
                    t.idx + len(t.text),
                    t.text,
                    kind,
                    "desc",
                    root.i,
                    name=f"{t.text} {tail}",
                    country=iso,
                    sector=m.sector,
                )
            )
        end = root.idx + len(root)
        text = self.text[last_tok.idx : end]
        self._add(
            Mention(last_tok.idx, end, text, kind, "desc", root.i, name=text, country=nat[-1][1], sector=m.sector)
        )
        return True

    def _phrase_country(self, toks: list[Any], root: Any) -> str | None:
        """A country named by several words before the head ("Ivory Coast rebels"), else by "in/of/from X"
        right after it ("rebels in the Ivory Coast", "Albanians of southern Serbia")."""
        s0, e0 = toks[0].idx, root.idx
        if e0 > s0:
            hits = [h for h in find_countries(self.text[s0:e0]) if h.how == "name"]
            if len(hits) == 1:
                return hits[0].iso3
        for ch in root.children:
            if ch.dep_ == "prep" and ch.lower_ in ("in", "of", "from"):
                for g in ch.children:
                    if g.dep_ == "pobj":
                        sub = list(g.subtree)
                        hits = [h for h in find_countries(self.text[sub[0].idx : sub[-1].idx + len(sub[-1])])]
                        names = {h.iso3 for h in hits if h.how in ("name", "region")}
                        if len(names) == 1:
                            return names.pop()
        return None

    def _vague_ok(self, chunk: Any, root: Any) -> bool:
        """A vague head ("people", "forces") is an actor when a number or nationality qualifies it."""
        for t in chunk:
            if t.i == root.i:
                continue
            if t.like_num or t.dep_ == "nummod":
                return root.lower_ not in ("force", "forces", "unit", "division")
            if t.text[:1].isupper() and fold(t.text) in place_words():
                return True
        return False

    def _description_name(self, toks: list[Any], root: Any, iso: str | None, plural: bool) -> str:
        """The phrase without articles and numbers, a possessive country turned into its adjective:
        "Sudan's army" → "Sudanese army", "14 civilians" → "civilians"."""
        kept: list[tuple[int, str, str]] = []  # (token index, text, whitespace after)
        for t in self.doc[toks[0].i : root.i + 1]:
            if t.is_punct and t.text != "-":
                continue
            if t.lower_ in _NAME_SKIP or t.like_num or t.dep_ in ("nummod", "quantmod", "det") or t.tag_ == "POS":
                continue
            if t.dep_ == "compound" and t.head.dep_ == "poss" and t.head.i != root.i:
                continue  # "Burkina" of "Burkina Faso's": part of the possessor
            if t.dep_ == "poss" and t.i != root.i:
                owner = " ".join(x.text for x in t.subtree if x.tag_ != "POS" and x.i <= t.i)
                pw = place_words().get(fold(owner)) if t.text[:1].isupper() else None
                is_place = pw is not None or t.ent_type_ == "GPE" or any(a <= t.idx < b for a, b in self.affiliations)
                adj = demonym(iso) if iso and is_place else None
                if adj:
                    kept.append((t.i, adj, " "))
                continue  # "the group's fighters": the possessor is another actor
            kept.append((t.i, t.text, t.whitespace_))
        out = ""
        for k, (i, txt, ws) in enumerate(kept):
            out += txt
            if k + 1 < len(kept):
                out += ws if kept[k + 1][0] == i + 1 and ws == "" else " "
        return re.sub(r"\s+", " ", out).strip() or root.text

    # -- 5. pronouns -----------------------------------------------------------------------------
    def collect_pronouns(self) -> None:
        strings = self.doc.vocab.strings
        wanted = {strings[w] for w in (*_MALE, *_FEMALE, *_IT, *_THEY)}  # lower-case forms, hashed
        doc = self.doc
        for i in [i for i, low in enumerate(self.lower_ids) if low in wanted]:
            tok = doc[i]
            if tok.pos_ != "PRON" and tok.tag_ not in ("PRP", "PRP$"):
                continue
            if self._in_quote(tok.idx):
                continue
            self.mentions.append(Mention(tok.idx, tok.idx + len(tok), tok.text, "pronoun", "pron", tok.i))

    def _in_quote(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.quote_zones)

    # -- grouping ----------------------------------------------------------------------------------
    def build(self) -> list[Actor]:
        self.collect_names()
        self.collect_surname_variants()
        self.collect_countries()
        self.collect_target_countries()
        self.collect_descriptions()
        self.collect_target_modifiers()
        self.collect_agent_modifiers()
        self.collect_pronouns()
        self.mentions.sort(key=lambda m: (m.start, -m.end))
        in_titles = [
            m
            for m in self.mentions
            if m.kind not in ("person", "pronoun")
            and m.source in ("kb", "ner")
            and any(s <= m.start and m.end <= e for s, e in self.title_orgs)
        ]
        clusters: list[Cluster] = []
        for m in self.mentions:
            if m in in_titles:
                continue
            if m.kind == "organization" and m.kb is None and " " not in m.text.strip():
                # a bare surname the NER took for an organisation ("Smith said ...")
                _, sur = _name_parts(m.text)
                if any(
                    c.kind == "person" and max([surname_similarity(sur, x) for x in c.surnames] or [0]) >= 0.8
                    for c in clusters
                ):
                    m.kind = "person"
                    m.name = m.text
                    m.sector = m.country = None
            if m.kind == "pronoun":
                self._link_pronoun(m, clusters)
                continue
            if m.kind == "description":
                c = self._link_description(m, clusters)
                if c is None:
                    m.kind = m.target_kind or "group"  # nothing earlier to point at: an actor of its own
                    c = self._new_cluster(m, clusters)
                self._attach(c, m)
                continue
            c = self._find_cluster(m, clusters)
            if c is None:
                c = self._new_cluster(m, clusters)
            self._attach(c, m)
        for m in in_titles:  # an org inside a title joins that org only when the article has it anyway
            c = next((c for c in clusters if m.kb is not None and c.kb is not None and c.kb.kb_id == m.kb.kb_id), None)
            if c is not None:
                self._attach(c, m)
        self._title_org_links(clusters)
        self._owned_roles(clusters)
        self._finish(clusters)
        return self._to_actors(clusters)

    def _new_cluster(self, m: Mention, clusters: list[Cluster]) -> Cluster:
        c = Cluster(kind=m.kind, name=m.name or m.text)
        if m.source == "desc":
            c.head = singular(self.doc[m.root].lower_)
        clusters.append(c)
        return c

    def _attach(self, c: Cluster, m: Mention) -> None:
        c.mentions.append(m)
        m.cluster = c
        if m.kind != "pronoun":
            c.keys.add(name_key(m.text))
        for t in m.titles:
            if t not in c.titles:
                c.titles.append(t)
        if m.country and not c.country:
            c.country = m.country
        if m.sector and not c.sector:
            c.sector = m.sector
        if m.kb is not None and c.kb is None:
            c.kb = m.kb
        if m.alias and m.alias not in c.aliases:
            c.aliases.append(m.alias)
        if c.kind == "person" and m.kind == "person":
            first, sur = _name_parts(m.name or m.text)
            if first:
                c.first_names.add(first)
            if sur:
                c.surnames.add(sur)
            # the fullest name is the actor's name
            if len((m.name or m.text).split()) > len(c.name.split()):
                c.name = m.name or m.text

    def _find_cluster(self, m: Mention, clusters: list[Cluster]) -> Cluster | None:
        key = name_key(m.name or m.text)
        # same knowledge-base entry, same country, same exact name
        for c in clusters:
            if m.kb is not None and c.kb is not None and m.kb.kb_id == c.kb.kb_id:
                return c
            if m.kind == "country" and c.kind == "country" and m.country and c.country == m.country:
                return c
            same_name = name_key(c.name) == key or key in c.keys
            if same_name and (c.kind == m.kind or {c.kind, m.kind} <= {"organization", "group"}):
                return c
        if m.source == "desc" and m.kind in ("organization", "group"):
            head = singular(self.doc[m.root].lower_)
            for c in clusters:
                if (
                    c.head == head
                    and c.kind == m.kind
                    and c.kb is None
                    and (c.country is None or c.country == m.country)
                ):
                    if c.country is None and m.country and m.name:
                        c.name = m.name  # "the army" ... "Congo's army": the later phrase names it better
                    return c
        if m.kind in ("organization", "group") and m.kb is None:
            for c in clusters:
                if c.kind == m.kind and name_key(c.name).endswith(" " + key):
                    return c  # "Treasury" after "U.S. Treasury"
        if m.kind in ("organization", "group"):
            acr = m.text.replace(".", "")
            for c in clusters:
                if c.kind not in ("organization", "group"):
                    continue
                if acr.isupper() and 2 <= len(acr) <= 6 and _acronym(c.name) == acr:
                    return c  # "RSF" after "Rapid Support Forces"
                if c.name.replace(".", "").isupper() and _acronym(m.text) == c.name.replace(".", ""):
                    return c
            return None
        if m.kind != "person":
            return None
        first, sur = _name_parts(m.name or m.text)
        best: tuple[float, int, Cluster] | None = None
        persons = [
            (c, max([surname_similarity(sur, s) for s in c.surnames] or [0.0])) for c in clusters if c.kind == "person"
        ]
        n_similar = sum(1 for _, sim in persons if sim > 0)
        for c, sim in persons:
            if sim == 0.0:
                # a bare surname may also be a cluster's last token variant ("Al-Mansur" vs "al-Mansour")
                continue
            if first and c.first_names and not any(first_names_compatible(first, f) for f in c.first_names):
                continue  # two people sharing a surname
            if sim < 1.0:
                # spelling variants need context too: no clashing title, and close enough
                if m.titles and c.titles and not _titles_agree(m.titles, c.titles):
                    continue
                if m.country and c.country and m.country != c.country:
                    continue
                titled = bool(m.titles and c.titles and _titles_agree(m.titles, c.titles))
                if sim < 0.88 and not titled and not (first and c.first_names) and not (n_similar == 1 and sim >= 0.8):
                    continue  # spelling and sound alone are not enough for a distant variant
            rank = (sim, c.last_before(m.start))
            if best is None or rank > best[:2]:
                best = (sim, c.last_before(m.start), c)
        return best[2] if best else None

    def _link_description(self, m: Mention, clusters: list[Cluster]) -> Cluster | None:
        """A definite description joins the latest earlier actor it can describe: same head noun
        ("the army" → "Sudan's army", at any distance), or within four sentences a compatible sector
        and kind ("the paramilitary group" → RSF; any distance when it is the only armed group), or
        "the government" → the one country acting nearby."""
        root = self.doc[m.root]
        head = singular(root.lower_)
        plural = root.tag_ in ("NNS", "NNPS") or head != root.lower_
        sec = m.sector
        here = self.sent_of[m.root]
        n_armed = sum(1 for c in clusters if c.sector in _ARMED and c.kind in ("group", "organization"))
        near_countries = []
        best: tuple[int, bool, int, Cluster] | None = None
        for c in clusters:
            last = c.last_before(m.start)
            if last < 0:
                continue
            last_tok = self._tok_at(last)
            near = last_tok is None or here - self.sent_of[last_tok.i] <= 4
            if c.kind == "country" and near:
                near_countries.append(c)
            number_clash = False
            if c.kind in ("organization", "group"):
                first_root = self.doc[min(c.mentions, key=lambda x: x.start).root]
                c_plural = first_root.tag_ in ("NNS", "NNPS") or singular(first_root.lower_) != first_root.lower_
                number_clash = plural != c_plural
            strength = 0
            if (c.head == head or (c.kind not in ("person", "country") and head in words(c.name))) and not number_clash:
                strength = 3  # same head noun ("the defence ministries" is not "the Interior Ministry")
            elif (
                sec in _ARMED and c.sector in _ARMED and c.kind in ("group", "organization") and (near or n_armed == 1)
            ) or (
                near
                and c.kind == "person"
                and head in TITLE_WORDS
                and head not in _ORG_HEAD_WORDS
                and any(head in words(t) for t in c.titles)
            ):
                strength = 2
            if not strength:
                continue
            # between equals, the subject of the previous sentence ("Trump met Ruto. The president said")
            subj = any(
                self.doc[x.root].dep_ in ("nsubj", "nsubjpass") and self.sent_of[x.root] in (here - 1, here)
                for x in c.mentions
                if x.start < m.start and x.kind != "pronoun"
            )
            if best is None or (strength, subj, last) > best[:3]:
                best = (strength, subj, last, c)
        if best is not None:
            return best[3]
        return None  # "the government" is not linked to a country: which one is often unclear

    def _link_pronoun(self, m: Mention, clusters: list[Cluster]) -> None:
        low = m.text.lower()
        tok = self.doc[m.root]
        self._sent(tok)
        if low == "they" and tok.dep_ not in ("nsubj", "nsubjpass"):
            return
        if low in _MALE or low in _FEMALE:
            want = {"person"}
        elif low in _IT:
            want = {"country", "organization", "group"}
        else:
            want = {"group", "organization", "country"}
        # 1. the subject of the pronoun's own clause (its/their: "Riyadh could suspend its mediation")
        if tok.dep_ == "poss":
            verb = tok.head
            while verb.dep_ not in ("ROOT",) and verb.pos_ not in ("VERB", "AUX"):
                verb = verb.head
            for ch in verb.children:
                if ch.dep_ in ("nsubj", "nsubjpass") and ch.i < tok.i:
                    c = self._cluster_at_token(ch, clusters)
                    if c is not None and c.kind in want:
                        self._attach_pronoun(c, m)
                        return
        # 2. the latest subject mention in this sentence before it, else in the previous sentence
        sents = self.sents
        si = next((k for k, s in enumerate(sents) if s.start <= tok.i < s.end), 0)
        for k in (si, si - 1):
            if k < 0:
                break
            cands = []
            for c in clusters:
                if c.kind not in want:
                    continue
                for x in c.mentions:
                    if x.kind == "pronoun" or not (sents[k].start_char <= x.start < sents[k].end_char):
                        continue
                    if x.start >= m.start:
                        continue
                    xr = self.doc[x.root]
                    is_subj = xr.dep_ in ("nsubj", "nsubjpass") or (
                        xr.dep_ == "conj" and xr.head.dep_ in ("nsubj", "nsubjpass")
                    )
                    cands.append((is_subj, x.start, c))
            if k == si - 1 and low in _THEY:
                cands = [cd for cd in cands if cd[0]]
            if cands:
                # persons: a pronoun with two different candidate persons in reach stays unresolved
                if want == {"person"} and k == si - 1 and len({id(cd[2]) for cd in cands if cd[0]}) > 1:
                    return
                cands.sort(key=lambda cd: (cd[0], cd[1]))
                self._attach_pronoun(cands[-1][2], m)
                return

    def _attach_pronoun(self, c: Cluster, m: Mention) -> None:
        c.mentions.append(m)
        m.cluster = c

    def _cluster_at_token(self, tok: Any, clusters: list[Cluster]) -> Cluster | None:
        for c in clusters:
            for x in c.mentions:
                if x.start <= tok.idx < x.end:
                    return c
        return None

    def _owned_roles(self, clusters: list[Cluster]) -> None:
        """ "his envoy" → "Volodymyr Zelensky's envoy", with the owner's country."""
        for c in clusters:
            for m in c.mentions:
                if m.source != "role" or not m.alias:
                    continue
                owner_i = int(m.alias)
                m.alias = None
                owner = self.doc[owner_i]
                oc = self._cluster_at_token(owner, clusters)
                if oc is not None:
                    c.name = f"{oc.name}'s {self.doc[m.root].text}"
                    c.country = c.country or oc.country
                c.aliases = [a for a in c.aliases if not a.isdigit()]

    def _title_org_links(self, clusters: list[Cluster]) -> None:
        """A title naming a body already in the article ("army chief" with "Sudan's army") adds that
        word as a mention of the body and gives the person its country."""
        for c in clusters:
            if c.kind != "person":
                continue
            for m in c.mentions:
                if m.kind != "person":
                    continue
                first = self._tok_at(m.start)
                if first is None:
                    continue
                i = first.i - 1
                while i >= self._sent(first).start and self.doc[i].lower_ in TITLE_WORDS:
                    t = self.doc[i]
                    head = singular(t.lower_)
                    for o in clusters:
                        if o is c or o.kind not in ("organization", "group") or o.head != head:
                            continue
                        if not self._free(t.idx, t.idx + len(t)):
                            continue
                        o.mentions.append(Mention(t.idx, t.idx + len(t), t.text, "description", "title", t.i))
                        o.keys.add(name_key(t.text))
                        self.taken.add(t.idx, t.idx + len(t))
                        if c.country is None and o.country:
                            c.country = o.country
                        break
                    i -= 1

    def _finish(self, clusters: list[Cluster]) -> None:
        for c in clusters:
            if c.kb is not None:
                if (c.kind == "person" and len(c.kb.name.split()) >= len(c.name.split())) or c.kind != "person":
                    c.name = c.kb.name
                c.country = c.country or c.kb.country
                c.sector = c.sector or c.kb.sector_at(self.when)
            if c.kind == "country" and c.country:
                c.name = country_name(c.country) or c.name
                c.sector = "GOV"
                cap = capital_of(c.country)
                for m in c.mentions:
                    if m.kind == "country" and cap and fold(m.text) == fold(cap) and m.text not in c.aliases:
                        c.aliases.append(m.text)
            if c.kind == "person" and c.sector is None and c.titles:
                codes = sector_of(" ".join(c.titles))
                c.sector = codes[0] if codes else None
            if c.kind in ("organization", "group") and c.sector is None:
                res = _resolve(c.name, self.kb, self.when)
                c.sector = res["sector"]
                c.country = c.country or res["country"]
            # description-born organisations get a country from the sentence when the name has none
            if c.country is None and c.kind in ("organization",) and c.sector in ("GOV", "MIL", "COP"):
                m0 = min(c.mentions, key=lambda x: x.start)
                c.country = self._sentence_countries(self._sent(self.doc[m0.root]))

    def _to_actors(self, clusters: list[Cluster]) -> list[Actor]:
        clusters = [c for c in clusters if any(m.kind != "pronoun" for m in c.mentions)]
        clusters.sort(key=lambda c: c.first)
        out: list[Actor] = []
        for n, c in enumerate(clusters, start=1):
            spans = sorted({(m.start, m.end) for m in c.mentions})
            # validated into Span models by Actor itself (quicker than building each Span first)
            mentions = [{"start": s, "end": e, "text": self.text[s:e]} for s, e in spans]
            aliases = list(c.aliases)
            for m in sorted(c.mentions, key=lambda x: x.start):
                if m.kind == "pronoun" or m.source in ("title", "role"):
                    continue
                a = m.text
                if a[:4] == "The ":
                    a = "the " + a[4:]
                if name_key(a) != name_key(c.name) and a not in aliases:
                    aliases.append(a)
            kind = c.kind if c.kind in ("person", "organization", "country", "group", "other") else "other"
            out.append(
                Actor(
                    id=self.draft.make_id("a", n),
                    name=c.name,
                    kind=kind,  # type: ignore[arg-type]
                    aliases=aliases,
                    titles=c.titles,
                    country=c.country,
                    sector=c.sector,
                    kb_id=c.kb.kb_id if c.kb is not None else None,
                    mentions=mentions,
                )
            )
        return out


# ---------------------------------------------------------------------------------------------

_PRONOUN_WORDS = frozenset({"he", "she", "him", "her", "his", "it", "its", "they", "them", "their", "we", "i", "you"})


def _titles_agree(a: list[str], b: list[str]) -> bool:
    ca = {c for t in a for c in sector_of(t)[:1]}
    cb = {c for t in b for c in sector_of(t)[:1]}
    return bool(ca & cb) or any(set(words(x)) & set(words(y)) - {"of", "the"} for x in a for y in b)


def _kind_of_head(head: str, codes: tuple[str, ...]) -> str:
    if head in _ORG_HEADS:
        return "organization"
    return "group"


def _resolve(text: str, kb: Any, when: Any) -> dict:
    return dict(_resolve_cached(text, kb, when))  # a copy: callers may keep or change it


@lru_cache(maxsize=8192)
def _resolve_cached(text: str, kb: Any, when: Any) -> dict:
    """Coding of a name by our tables; names recur within and across articles ("the RSF")."""
    return resolve_actor_text(text, kb=kb, when=when)


def _quote_zones(text: str) -> list[tuple[int, int]]:
    """Character ranges inside double quotation marks (pronouns there refer to someone else)."""
    zones = []
    for m in re.finditer(r"[\"\u201c]([^\"\u201c\u201d]{1,2000})[\"\u201d]", text):
        zones.append((m.start(), m.end()))
    return zones
