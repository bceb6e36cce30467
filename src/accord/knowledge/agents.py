"""Agent terms: words that name a kind of actor ("soldiers", "foreign minister", "rebels") → PLOVER
sector codes (GOV, MIL, REB, CVL ...).

The table is ours (``data/agents_terms.tsv``); its code set follows the PLOVER/CAMEO agent codes of the
OEDA PLOVER agents dictionary (MIT, © 2014 Open Event Data Alliance), against which a number of
term → code pairs were checked. Matching is on lower-cased, singularised word sequences; the longest
match wins and, between equally long matches, the one nearest the head (the right end of the phrase).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

_WORD = re.compile(r"[A-Za-z][A-Za-z'.\-]*[A-Za-z.]|[A-Za-z]")

#: Codes that mark people acting in a personal, non-state capacity (used to decide what a
#: membership phrase such as "Boko Haram gunmen" inherits from the group it names).
ARMED_NONSTATE = frozenset({"REB", "PRM", "UAF", "CRM"})
STATE_FORCE = frozenset({"MIL", "COP", "SPY"})

#: Modifiers that turn an office into a former office.
FORMER = frozenset({"former", "ex", "ex-", "retired", "ousted", "exiled", "disgraced"})

_IRREGULAR = {
    "men": "man",
    "women": "woman",
    "people": "people",
    "police": "police",
    "children": "child",
    "militiamen": "militiaman",
    "policemen": "policeman",
    "servicemen": "serviceman",
    "businessmen": "businessman",
    "fishermen": "fisherman",
    "gunmen": "gunman",
    "congressmen": "congressman",
    "frenchmen": "frenchman",
    "thieves": "thief",
    "wives": "wife",
    "lives": "life",
    "authorities": "authority",
    "mujahideen": "mujahideen",
    "media": "media",
    "staff": "staff",
    "news": "news",
    "forces": "forces",
    "armed forces": "armed forces",
    "headquarters": "headquarters",
    "series": "series",
    "species": "species",
}


def singular(word: str) -> str:
    """A cheap English singulariser for agent nouns (enough for the table: soldiers → soldier)."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) <= 3 or w.endswith(("ss", "us", "is", "'s")):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("ches", "shes", "xes", "sses")):
        return w[:-2]
    if w.endswith("s"):
        return w[:-1]
    return w


def words(text: str) -> list[str]:
    """Lower-cased, singularised words of a phrase (possessive 's dropped, curly quotes straightened)."""
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"'s\b", "", text)
    return [
        singular(w.strip(".").strip("'")) if not w.endswith(".") or len(w) > 4 else w.lower()
        for w in _WORD.findall(text)
    ]


@dataclass(frozen=True)
class TermMatch:
    start: int  # word index
    end: int
    term: str
    codes: tuple[str, ...]


@lru_cache(maxsize=1)
def agent_table() -> dict[tuple[str, ...], tuple[str, ...]]:
    """The agent-term table: singularised word tuple → codes. Loaded once per process."""
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    text = resources.files("accord.knowledge").joinpath("data/agents_terms.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        term, _, codes = line.partition("\t")
        key = tuple(words(term))
        if key:
            table[key] = tuple(c.strip() for c in codes.split(",") if c.strip())
    return table


@lru_cache(maxsize=1)
def _max_len() -> int:
    return max(len(k) for k in agent_table())


def match_terms(ws: list[str]) -> list[TermMatch]:
    """Every table term found in a word list, longest first at each position."""
    table = agent_table()
    out: list[TermMatch] = []
    n = len(ws)
    for i in range(n):
        for ln in range(min(_max_len(), n - i), 0, -1):
            key = tuple(ws[i : i + ln])
            if key in table:
                out.append(TermMatch(i, i + ln, " ".join(key), table[key]))
                break
    return out


def best_term(ws: list[str]) -> TermMatch | None:
    """The term that best names the phrase: longest, then rightmost (the head of an English NP).

    In "A of B" phrases the part before "of" is the head, unless a term spans the "of"
    ("minister of defence") or B names an institution whose own term is longer.
    """
    found = match_terms(ws)
    if not found:
        return None
    # drop matches wholly contained in a longer match
    found = [
        m
        for m in found
        if not any(
            o is not m and o.start <= m.start and m.end <= o.end and (o.end - o.start) > (m.end - m.start)
            for o in found
        )
    ]
    if "of" in ws:
        k = ws.index("of")
        before = [m for m in found if m.end <= k]
        spanning = [m for m in found if m.start < k < m.end]
        after = [m for m in found if m.start > k]
        if spanning:
            return max(spanning, key=lambda m: (m.end - m.start, m.end))
        if before and after:
            # "president of the Riigikogu", "president of a rights league": the institution decides
            head_after = max(after, key=lambda m: (m.end - m.start, m.end))
            if head_after.codes[0] not in ("GOV",) and before[-1].codes[0] == "GOV":
                return head_after
            return max(before, key=lambda m: (m.end - m.start, m.end))
        if before:
            return max(before, key=lambda m: (m.end - m.start, m.end))
    return max(found, key=lambda m: (m.end, m.end - m.start))


#: Generic leadership and membership words: in "president of the Riigikogu" or "CIA official" the
#: institution's own code decides, not the word.
GENERIC_ROLES = frozenset(
    {
        "president",
        "head",
        "chairman",
        "chair",
        "chairwoman",
        "leader",
        "director",
        "chief",
        "member",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "official",
        "representative",
        "secretary-general",
        "secretary general",
        "deputy",
        "vice president",
        "officer",
        "staff",
        "employee",
        "worker",
        "envoy",
    }
)


def sector_of(text: str) -> tuple[str, ...]:
    """Sector codes for a descriptive phrase ("two Chinese warplanes" → ("MIL",)); () when none.

    "former"/"retired" before an office turns GOV/LEG into ELI (a former officeholder)."""
    ws = words(text)
    m = best_term(ws)
    if m is None:
        return ()
    if m.term in GENERIC_ROLES:
        # "army spokesman", "police chief": a generic role takes the body named just before it
        before = [o for o in match_terms(ws[: m.start]) if o.end == m.start and o.term not in GENERIC_ROLES]
        if before:
            m = before[-1]
    codes = m.codes
    if codes and codes[0] in ("GOV", "LEG", "MIL", "SPY") and any(w in FORMER for w in ws[: m.start]):
        return ("ELI",)
    return codes
