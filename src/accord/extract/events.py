"""Events: PLOVER coding of who did what to whom, when, where, how, with what casualties and status.

A hybrid a reader can inspect:

1. **Triggers** — our lexicon (``knowledge/data/plover_lexicon.tsv``) matched on spaCy lemmas: verbs
   ("shelled", "signed"), event nouns when something makes them an event ("held talks", "a drone strike
   hit", "went on strike"), some only with the right object ("send troops" MOBILIZE, "send aid" AID).
2. **Governors** — a verb taking an event as complement codes the whole ("threatened to strike" →
   THREATEN, "agreed to withdraw" → AGREE, "accused X of shelling" → ACCUSE); the complement is
   absorbed and gives the mode and recipients. "denied attacking" negates; "plans to" is future.
3. **Merging** — one clause, one event: "a drone strike hit a market, killing 14" is one ASSAULT.
4. **Parties** from the parse (active/passive, "by", coordination, possessives, "each other" → two
   events, "welcomed the deal" → the parties of the last agreement), mapped to actor ids through the
   actors stage's mentions.
5. **A trained linear classifier** (hashed n-grams, :mod:`accord.models.events_linear`) scores each
   sentence's type; agreement with the rules raises confidence and settles ambiguous triggers.

Date, place and quote come from the times, places and quotes stages' helpers when they exist.
"""

from __future__ import annotations

import importlib
import re
import sys
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from typing import Any

from accord.extract import casualties as cas
from accord.extract.common import actor_at, actor_index, sentence_span, sentences, span
from accord.knowledge import plover as kb
from accord.pipeline import Draft, stages
from accord.records import AcledCode, Casualties, Event, EventDate

_MODALS_HYPO = {"could", "would", "might", "may", "should", "can", "must"}
_MODALS_FUTURE = {"will", "shall", "'ll", "wo"}
_SUBJ = ("nsubj", "nsubjpass", "csubj")
_RECIPIENT_PREPS = {
    "ASSAULT": {"on", "against", "at", "into"},
    "CONSULT": {"with", "to", "between"},
    "AGREE": {"with", "between"},
    "COOPERATE": {"with"},
    "AID": {"to", "for"},
    "SANCTION": {"on", "against", "from"},
    "ACCUSE": set(),
    "REQUEST": {"on", "upon", "from"},
    "PROTEST": {"against", "outside"},
    "THREATEN": {"against"},
    "COERCE": {"against", "on"},
    "SUPPORT": {"for", "to"},
    "REJECT": {"from"},
    "MOBILIZE": {"against", "to", "near"},
    "RETREAT": {"to", "from"},
    "CONCEDE": {"to"},
}
#: Sectors of the people an attack hits rather than a side facing another: civilians, refugees, press, aid...
_NOT_SIDES = frozenset({"CVL", "REF", "MED", "JRN", "EDU", "REL", "LAB", "AGR", "BUS", "HLH", "SOC", "NGO"})
_GROUP_HEADS = {
    "side",
    "party",
    "country",
    "nation",
    "government",
    "camp",
    "rival",
    "neighbour",
    "neighbor",
    "foe",
    "adversary",
    "belligerent",
}
_RECIPROCAL = re.compile(r"\b(each other|one another)\b", re.I)
_QUOTE_CHARS = {'"', "“", "”"}
_MUST_DEPS = ("ccomp", "xcomp", "acl", "advcl")
_MERGE_DEPS = {
    "nsubj",
    "nsubjpass",
    "dobj",
    "advcl",
    "compound",
    "pobj",
    "prep",
    "conj",
    "xcomp",
    "amod",
    "acl",
    "npadvmod",
    "attr",
    "appos",
}
_MOTION = {"return", "arrive", "travel", "fly", "head", "go", "come", "gather", "convene", "meet", "leave", "set"}
#: Heads whose compound modifier names the event ("a mediation effort", "the peace talks process").
_EFFORT_HEADS = {
    "effort",
    "process",
    "initiative",
    "mission",
    "bid",
    "campaign",
    "round",
    "operation",
    "plan",
    "attempt",
    "drive",
    "push",
}


@dataclass
class _Cand:
    """A candidate event anchored on one trigger token."""

    tok: Any
    type: str
    mode: str | None
    cameo: str
    sent: Any
    extra: list[Any] = field(default_factory=list)  # merged trigger tokens
    absorbed: list[_Cand] = field(default_factory=list)
    status: str | None = None
    governed: bool = False  # absorbed into a governor
    via_governor: bool = False
    obliged: bool = False  # "X said Y must ...": Y is asked, X asks
    score: float = 0.75


# --- trigger matching ------------------------------------------------------------------------------------


def _fix_lemma(lemma: str, low: str) -> str:
    """Lower-case lemma, repairing the small model's "staged" → "stag" slips."""
    lem = lemma.lower()
    if low.endswith(("ed", "es")) and low[:-1] == lem + "e":
        fixed = lem + "e"
        known = kb.lexicon()

        def listed(w: str) -> bool:
            return w in known or w in kb.LIGHT_VERBS or w in kb.GOVERNORS

        if listed(fixed) and not listed(lem):
            return fixed
    return lem


_LEMMAS_KEY = "accord_event_lemmas"
#: (lemma hash, lower-case form hash) → repaired lemma, shared by all docs (bounded: cleared when full).
_LEMMA_MEMO: dict[tuple[int, int], str] = {}


def _doc_lemmas(doc: Any) -> list[str]:
    """:func:`_lemma` of every token, computed once per doc from its attribute arrays (the stage asks
    for the same tokens' lemmas many times; a Token object costs more than the lookup)."""
    cached = doc.user_data.get(_LEMMAS_KEY)
    if cached is None:
        cached = []
        if len(doc):
            from spacy.attrs import LEMMA, LOWER

            strings = doc.vocab.strings
            memo = _LEMMA_MEMO
            if len(memo) > 200_000:
                memo.clear()
            arr = doc.to_array([LEMMA, LOWER])
            for key in zip(arr[:, 0].tolist(), arr[:, 1].tolist(), strict=True):
                lem = memo.get(key)
                if lem is None:
                    lem = memo[key] = _fix_lemma(strings[key[0]], strings[key[1]])
                cached.append(lem)
        doc.user_data[_LEMMAS_KEY] = cached
    return cached


def _lemma(tok: Any) -> str:
    """Lower-case lemma, repairing the small model's "staged" → "stag" slips (cached per doc)."""
    try:
        return tok.doc.user_data[_LEMMAS_KEY][tok.i]
    except KeyError:
        return _doc_lemmas(tok.doc)[tok.i]


def _objects(tok: Any) -> list[Any]:
    """Objects of a verb for lexicon conditions: dobj, passive subject, prepositional objects, their conjuncts."""
    out = []
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "oprd", "dative"):
            out.append(c)
        elif c.dep_ in ("prep", "prt", "agent"):
            out.extend(g for g in c.children if g.dep_ == "pobj")
            # "walked out of the talks": a preposition stacked on a particle
            out.extend(g for p in c.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj")
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        out.append(tok.head)  # "shells fired by ...", "a vehicle targeted by a bomber"
    more = []
    for o in out:
        more.extend(o.conjuncts)
    return out + more


_PARTITIVE = {
    "part",
    "some",
    "all",
    "most",
    "ton",
    "tonne",
    "kilogram",
    "kg",
    "shipment",
    "consignment",
    "batch",
    "package",
    "round",
    "convoy",
    "load",
    "truckload",
    "million",
    "billion",
    "amount",
    "lot",
    "number",
    "thousand",
    "hundred",
    "dozen",
    "score",
    "group",
}


def _class_hit(tokens: list[Any], cls: str) -> bool:
    words = kb.WORD_CLASSES[cls]
    tokens = list(tokens)
    for t in list(tokens):
        if _lemma(t) in _PARTITIVE or t.like_num:
            tokens.extend(g for c in t.children if c.dep_ == "prep" and _lemma(c) == "of" for g in c.children)
    for t in tokens:
        if _lemma(t) in words or t.lower_ in words:
            return True
        if any(_lemma(c) in words for c in t.children if c.dep_ in ("compound", "amod", "nmod")):
            return True
    return False


def _modifiers(tok: Any) -> list[Any]:
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod", "poss")]
    # "air and drone strikes": the conj of a compound
    for m in list(mods):
        mods.extend(m.conjuncts)
    # "phone call", "talks by phone": a prep child's object counts as a modifier too
    for c in tok.children:
        if c.dep_ == "prep":
            mods.extend(c.children)
            mods.append(c)
    return mods


def _multi_ok(tok: Any, lemmas: tuple[str, ...], pos: str) -> bool:
    """Second lemma of a multiword entry: a particle/preposition/object (verbs) or the head (nouns)."""
    if len(lemmas) == 1:
        return True
    rest = lemmas[1]
    if pos == "V":
        return any(_lemma(c) == rest for c in tok.children if c.dep_ in ("prt", "prep", "dobj", "advmod", "compound"))
    # nouns: "drone+strike" is matched on the modifier "drone" whose head is "strike"
    head = tok.head
    return _lemma(head) == rest and tok.dep_ in ("compound", "amod", "nmod") and head is not tok


def _is_nominal_event(tok: Any) -> bool:
    """An event noun counts when something makes it an event in this sentence."""
    dep = tok.dep_
    head = tok.head
    if dep in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        return True
    if dep in ("dobj", "attr") and _lemma(head) in kb.LIGHT_VERBS:
        return True
    if dep == "pobj" and head.dep_ == "prep":
        gov = head.head
        if _lemma(head) in ("on", "in", "of", "after", "during", "amid", "following") and _lemma(gov) in (
            "go",
            "be",
            "stage",
            "remain",
            "kill",
            "die",
            "injure",
            "wound",
            "take",
            "participate",
            "join",
        ):
            return True
        if _lemma(head) in ("in",) and _lemma(gov) in ("kill", "die", "injure", "wound"):
            return True
        if _lemma(head) in ("for", "to") and _lemma(gov) in _MOTION:
            return True
        if _lemma(head) == "of" and _lemma(gov) in ("day", "week", "month", "hour", "round", "series", "wave"):
            return _is_nominal_event(gov)
    if dep == "ROOT":
        return True
    if dep == "conj" and _is_nominal_event(head):
        return True
    if dep == "appos":
        return False
    return False


def _match(tok: Any) -> list[tuple[kb.Trigger, Any]]:
    """Lexicon entries that fire on this token (entries are tried in file order)."""
    lex = kb.lexicon()
    out: list[tuple[kb.Trigger, Any]] = []
    lemma = _lemma(tok)
    entries = lex.get(lemma, [])
    if tok.pos_ in ("VERB",) or (tok.pos_ == "AUX" and lemma not in ("be", "have", "do")):
        if tok.dep_ in ("amod", "pobj", "nsubj", "nsubjpass") or (tok.dep_ == "dobj" and tok.tag_ in ("VBN", "VBD")):
            return []
        for t in entries:
            if t.pos != "V" or not _multi_ok(tok, t.lemmas, "V"):
                continue
            if t.needs:
                kind, cls = t.needs
                pool = _objects(tok) if kind == "obj" else _modifiers(tok) + _objects(tok)
                if not _class_hit(pool, cls):
                    continue
            out.append((t, tok))
            break
    elif tok.pos_ in ("NOUN", "PROPN"):
        # multiword nouns matched from the modifier side: "drone" + head "strike"
        for t in entries:
            if t.pos == "N" and len(t.lemmas) == 2 and _multi_ok(tok, t.lemmas, "N") and _is_nominal_event(tok.head):
                out.append((t, tok.head))
                return out
        if tok.dep_ in ("compound",) and tok.head.pos_ in ("NOUN", "PROPN"):
            if _lemma(tok.head) in _EFFORT_HEADS and _is_nominal_event(tok.head):
                for t in entries:
                    if t.pos == "N" and len(t.lemmas) == 1 and not t.needs:
                        return [(t, tok)]
            return []
        for t in entries:
            if t.pos != "N" or len(t.lemmas) != 1:
                continue
            if t.needs:
                kind, cls = t.needs
                if kind == "mod" and not _class_hit(_modifiers(tok), cls):
                    continue
                if kind == "obj" and not _class_hit(_modifiers(tok), cls):
                    continue
                out.append((t, tok))
                break
            if t.type == "AGREE" and not (tok.dep_ in ("dobj", "attr") and _lemma(tok.head) in kb.LIGHT_VERBS):
                continue  # "the truce expired" is about an agreement's status, not a new event
            if _is_nominal_event(tok) or _go_on_strike(tok):
                out.append((t, tok))
                break
        if not out and lemma == "strike" and _go_on_strike(tok):
            out.append((kb.Trigger(("strike",), "N", "PROTEST", "strike", "143", None), tok))
    return out


def _go_on_strike(tok: Any) -> bool:
    return (
        _lemma(tok) == "strike"
        and tok.dep_ == "pobj"
        and _lemma(tok.head) == "on"
        and _lemma(tok.head.head) in ("go", "be", "remain", "stay", "continue")
    )


def _natural_cause(tok: Any) -> bool:
    """ "a quake killed eight", "died in the floods": harm by a disaster, not an ASSAULT."""
    subj, _ = _subject(tok) if tok.pos_ in ("VERB", "AUX") else (None, False)
    heads = [subj] if subj is not None else []
    heads += [
        g
        for c in tok.children
        if c.dep_ in ("prep", "agent") and _lemma(c) in ("in", "by", "from", "after")
        for g in c.children
        if g.dep_ == "pobj"
    ]
    for h in heads:
        if _lemma(h) in kb.DISASTER_NOUNS or any(
            _lemma(x) in kb.DISASTER_NOUNS for x in h.children if x.dep_ in ("compound", "amod")
        ):
            return True
    # "several people were injured ... after the volcano erupted": harm with no agent in a disaster report
    if subj is None and _lemma(tok) in _HARM_VERBS:
        return any(_lemma(t) in kb.DISASTER_NOUNS for t in tok.sent)
    if _lemma(tok) == "explode" and subj is not None and _lemma(subj) not in kb.WORD_CLASSES["MUNITION"]:
        return not any(_lemma(t) in kb.WORD_CLASSES["ATTACKNOUN"] for t in tok.sent)
    return False


_HARM_VERBS = {"kill", "injure", "wound", "die", "hurt", "destroy", "damage"}


def _quoted_ranges(sent: Any) -> list[tuple[int, int]]:
    """Direct-quote stretches (five words or more) inside a sentence: statements, not events."""
    idx = [t.i for t in sent if t.text in _QUOTE_CHARS]
    ranges = []
    for a, b in zip(idx[::2], idx[1::2], strict=False):
        if b - a > 5:
            ranges.append((a, b))
    return ranges


def _quoted_open(doc: Any) -> list[tuple[int, int]]:
    """Quote stretches spanning sentences ("He added: "If the fighting ..."")."""
    ranges = []
    opened = None
    if not len(doc):
        return ranges
    from spacy.attrs import ORTH

    strings = doc.vocab.strings
    marks = {strings.add(q) for q in _QUOTE_CHARS}
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        if orth in marks:
            if opened is None:
                opened = i
            else:
                if i - opened > 5:
                    ranges.append((opened, i))
                opened = None
    return ranges


def _quote_mask(doc: Any) -> bytearray:
    """1 for every token strictly inside a :func:`_quoted_open` stretch."""
    mask = bytearray(len(doc))
    for a, b in _quoted_open(doc):
        mask[a + 1 : b] = b"\x01" * (b - a - 1)
    return mask


def _must_heads(doc: Any) -> set[int]:
    """Tokens with a "must" auxiliary among their children."""
    out = set()
    for i, lem in enumerate(_doc_lemmas(doc)):
        if lem == "must":
            tok = doc[i]
            if tok.dep_ == "aux" and tok.head.i != i:
                out.add(tok.head.i)
    return out


# --- governors ---------------------------------------------------------------------------------------------


def _governor_of(tok: Any) -> Any | None:
    """The verb that takes this trigger as its complement, if any ("threatened [to strike]")."""
    t = tok
    for _ in range(3):
        dep = t.dep_
        head = t.head
        if head is t:
            return None
        if dep in ("xcomp", "ccomp", "dobj", "advcl"):
            return head
        if dep == "pobj" and head.dep_ == "prep":
            gov = head.head
            if gov.pos_ == "NOUN" and gov.dep_ in ("dobj", "attr") and _lemma(gov) in kb.WORD_CLASSES["RESPONSIBILITY"]:
                return gov.head  # "claimed responsibility for the bombing"
            return gov
        if dep == "pcomp" and head.dep_ == "prep":
            return head.head
        if dep in ("conj",) and t.head.dep_ in ("xcomp", "ccomp", "pcomp"):
            t = head
            continue
        if dep in ("aux", "relcl", "acl", "compound", "amod"):
            return None
        return None
    return None


def _has_modal_or_condition(tok: Any) -> bool:
    for t in tok.subtree:
        if _lemma(t) in _MODALS_HYPO | _MODALS_FUTURE and t.dep_ == "aux":
            return True
        if _lemma(t) in ("unless", "if") and t.dep_ == "mark":
            return True
    return False


# --- status ---------------------------------------------------------------------------------------------------


def _clause_status(tok: Any) -> str | None:
    """negated / hypothetical / future from the trigger's own clause, or None."""
    kids = list(tok.children)
    if any(c.dep_ == "neg" for c in kids):
        return "negated"
    auxes = [c for c in kids if c.dep_ in ("aux", "auxpass")]
    words = {_lemma(a) for a in auxes} | {a.lower_ for a in auxes}
    if words & _MODALS_HYPO:
        return "hypothetical"
    if words & _MODALS_FUTURE:
        return "future"
    if any(_lemma(c) in ("if", "unless", "whether") and c.dep_ == "mark" for c in kids):
        return "hypothetical"
    # clause under "if ... " via advcl
    if tok.dep_ == "advcl" and any(_lemma(c) in ("if", "unless") for c in kids):
        return "hypothetical"
    if tok.dep_ in ("xcomp",) and _lemma(tok.head) == "go" and any(c.dep_ == "aux" for c in tok.head.children):
        return "future"
    return None


def _status(c: _Cand, published: date | None, date_value: str | None, date_text: str | None) -> str:
    tok = c.tok
    if tok.pos_ not in ("VERB", "AUX"):
        # a noun event takes the status of the verb that carries it ("will hold talks", "did not launch strikes")
        t = tok
        for _ in range(3):
            if t.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "pobj", "prep", "compound") and t.head is not t:
                t = t.head
                if t.pos_ in ("VERB", "AUX"):
                    tok = t
                    break
            else:
                break
    st = c.status or _clause_status(tok)
    if st is None:
        # walk up through complements: "said it would retaliate", "is expected to sign"
        t = tok
        for _ in range(3):
            if t.dep_ not in ("xcomp", "ccomp", "conj", "advcl") or t.head is t:
                break
            t = t.head
            lem = _lemma(t)
            if lem in kb.NEGATING_GOVERNORS:
                st = "negated"
                break
            if lem in kb.FUTURE_GOVERNORS and tok.dep_ == "xcomp":
                st = "future"
                break
            if lem in kb.HYPOTHETICAL_GOVERNORS:
                st = "hypothetical"
                break
            s2 = _clause_status(t)
            if s2 == "negated" and t is tok.head and tok.dep_ == "xcomp":
                st = "negated"
                break
    return st or "asserted"


_YEAR_MONTH = re.compile(r"\d{4}-\d{2}")


def _by_date(status: str, published: date | None, date_value: str | None, date_text: str | None) -> str:
    """An event dated well before publication is historical; an asserted one dated after it, future."""
    if status not in ("asserted", "negated") or not (published and date_value and date_text):
        return status
    if not _YEAR_MONTH.match(date_value):
        return status
    try:
        y, m = int(date_value[:4]), int(date_value[5:7])
        d = int(date_value[8:10]) if len(date_value) >= 10 and date_value[8:10].isdigit() else 1
        when = date(y, m, d)
    except ValueError:
        return status
    if (published - when).days > 45:
        return "historical"
    if status == "asserted" and (when - published).days > 0 and len(date_value) >= 10:
        return "future"
    return status


_COOP_INTENT = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
_CONFLICT_INTENT = {"ASSAULT", "COERCE", "SANCTION"}
_REFUSABLE = {"AGREE", "CONCEDE"}
_READY = {"willing", "ready", "prepared", "unwilling", "determined", "poised", "eager", "keen"}


def _reduce(c: _Cand, status: str) -> tuple[str, str | None, str, str]:
    """The codebook's single-category rules: future cooperation is AGREE, a future retreat CONCEDE,
    conflict held out as possible THREATEN, and a refused agreement REJECT (PLOVER manual §AGREE,
    §CONCEDE, §THREATEN). Returns (type, mode, cameo, status)."""
    etype, mode, cameo = c.type, c.mode, c.cameo
    ready = _lemma(c.tok.head) in _READY and c.tok.dep_ == "xcomp"
    if ready and status == "asserted":
        status = "future"
    if status in ("future", "hypothetical") and not c.via_governor:
        if etype in _COOP_INTENT:
            return "AGREE", mode or etype.lower(), "030", status
        if etype == "RETREAT":
            return "CONCEDE", mode, "080", status
        if etype in _CONFLICT_INTENT:
            return "THREATEN", _THREAT_MODES.get(etype) if etype != "COERCE" else mode, "130", status
    if status == "negated" and etype in _REFUSABLE and not c.via_governor:
        return "REJECT", mode, "120", "asserted"
    return etype, mode, cameo, status


# --- parties --------------------------------------------------------------------------------------------------


def _np_span(tok: Any) -> tuple[int, int]:
    """Character span of a noun phrase head with its left modifiers (no relative clauses or preps)."""
    left = tok
    for c in tok.lefts:
        if c.dep_ == "poss" and c.pos_ == "PRON":
            continue  # "its mediation" is not the possessor's mention
        if c.dep_ in ("compound", "amod", "det", "poss", "nmod", "nummod", "case", "punct", "flat", "appos"):
            left = c.left_edge if c.left_edge.i < left.i else left
    right = tok
    for c in tok.rights:
        if c.dep_ in ("flat", "compound", "case"):
            right = c
    return left.idx, right.idx + len(right.text)


def _actor_of(draft: Draft, tok: Any) -> str | None:
    a = actor_at(draft, tok.idx, tok.idx + len(tok.text))
    if a:
        return a
    s, e = _np_span(tok)
    return actor_at(draft, s, e)


def _actors_in(draft: Draft, tok: Any, deep: bool = True) -> list[str]:
    """Actor ids named by a phrase: its head (and conjuncts), else any actor inside the phrase."""
    out: list[str] = []
    for t in [tok, *tok.conjuncts]:
        # "Israeli and Palestinian negotiators": the coordinated modifiers name actors of their own
        mods = [c for c in t.children if c.i < t.i and c.dep_ in ("amod", "compound", "nmod")]
        if any(g.dep_ == "conj" for c in mods for g in c.children):
            for c in mods:
                for x in [c, *c.conjuncts]:
                    a = actor_at(draft, x.idx, x.idx + len(x.text))
                    if a and a not in out:
                        out.append(a)
        a = _actor_of(draft, t)
        if a is None:  # "his Azerbaijani counterpart Elnur Mammadli": the name in apposition
            a = next((x for c in t.children if c.dep_ == "appos" for x in [_actor_of(draft, c)] if x), None)
        if a and a not in out:
            out.append(a)
    if not out and deep:
        sub = list(tok.subtree)
        s, e = sub[0].idx, sub[-1].idx + len(sub[-1].text)
        # mentions inside [s, e), in actor order (the index's rank), each actor once
        idx = actor_index(draft)
        rows = idx.rows
        inside = sorted(
            rows[k][2:] for k in range(bisect_left(idx.starts, s), bisect_right(idx.starts, e)) if rows[k][1] <= e
        )
        for _, actor_id in inside:
            if actor_id not in out:
                out.append(actor_id)
    return out


#: Inside a subject these introduce what was hit or where, never who acted: "an airstrike on a monastery
#: sheltering villagers", "a bombing near the town"; clauses hanging on the subject are skipped too.
_NOT_AGENT_PREPS = frozenset({"on", "against", "at", "into", "near", "in", "inside", "outside", "toward", "towards"})


def _subject_inner_actors(draft: Draft, subj: Any) -> list[str]:
    """Actors named inside a subject phrase whose head is no actor: "doctors from two American aid
    groups", "militants loyal to the group" — not the target or place of a nominal attack."""
    out: list[str] = []
    todo = [subj]
    while todo:
        t = todo.pop()
        for ch in t.children:
            if ch.dep_ in ("relcl", "acl", "advcl", "appos", "punct", "cc"):
                continue
            if ch.dep_ == "prep" and _lemma(ch) in _NOT_AGENT_PREPS:
                continue
            a = actor_at(draft, ch.idx, ch.idx + len(ch.text))
            if a and a not in out:
                out.append(a)
            todo.append(ch)
    return out


def _subject(tok: Any) -> tuple[Any | None, bool]:
    """(subject token, is_passive_agent) of a verb, inherited up a chain of participles/conjuncts."""
    t = tok
    for _ in range(4):
        agent = next((g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"), None)
        if agent is not None:
            return agent, True
        subj = next((c for c in t.children if c.dep_ in ("nsubj", "csubj")), None)
        if subj is not None:
            return subj, False
        if any(c.dep_ == "nsubjpass" for c in t.children):
            return None, True
        if t.dep_ in ("advcl", "xcomp", "conj", "acl", "ccomp", "pcomp") and t.head is not t:
            t = t.head
            if t.dep_ == "prep":
                t = t.head
            elif t.dep_ == "acomp" and t.pos_ == "ADJ":
                t = t.head  # "it is willing to withdraw": the subject sits on the copula
            continue
        return None, False
    return None, False


_ADDRESSED = frozenset({"REQUEST", "THREATEN", "ACCUSE", "PROTEST"})


def _complement_subjects(verb: Any) -> list[Any]:
    """Subjects of a verb's clausal complements: "urged that Libya hand over", "warned that police will ..."."""
    out = []
    for ch in verb.children:
        if ch.dep_ == "ccomp" and ch.pos_ in ("VERB", "AUX"):
            out.extend(g for g in ch.children if g.dep_ in ("nsubj", "nsubjpass") and g.pos_ != "PRON")
    return out


def _speaker_actors(draft: Draft, tok: Any) -> list[str]:
    """ "Hungary said it will support ...": an unresolved pronoun subject is the reporting clause's subject."""
    t = tok
    for _ in range(4):
        if t.head is t:
            return []
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            subj = next((c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.pos_ != "PRON":
                return _actors_in(draft, subj, deep=False)
    return []


def _noun_actor_tokens(tok: Any) -> list[Any]:
    out = [c for c in tok.children if c.dep_ == "poss"]
    out += [g for c in tok.children if c.dep_ == "prep" and _lemma(c) == "by" for g in c.children if g.dep_ == "pobj"]
    out += [c for c in tok.children if c.dep_ in ("amod", "compound") and (c.ent_type_ in ("NORP", "GPE", "ORG"))]
    # "a Russian missile strike": the nationality sits on the weapon
    out += [
        g
        for c in tok.children
        if c.dep_ == "compound" and c.i < tok.i
        for g in c.children
        if g.dep_ in ("amod", "compound", "nmod") and g.ent_type_ in ("NORP", "GPE", "ORG")
    ]
    return out


def _recipient_tokens(c: _Cand) -> list[Any]:
    tok = c.tok
    preps = _RECIPIENT_PREPS.get(c.type, set())
    out: list[Any] = []
    tokens = [tok, *c.extra]
    for t in tokens:
        for ch in t.children:
            if ch.dep_ in ("dobj", "nsubjpass", "dative", "attr") and t.pos_ in ("VERB", "AUX"):
                out.append(ch)
            elif (ch.dep_ == "prep" and _lemma(ch) in preps) or (ch.dep_ == "prep" and _lemma(ch) == "between"):
                out.extend(g for g in ch.children if g.dep_ == "pobj")
    return out


_DEEP_FOLLOW = frozenset({"dobj", "dative", "prep", "pobj", "xcomp", "prt", "oprd", "conj", "pcomp"})
_DEEP_PREPS = frozenset({"to", "against", "on", "upon", "toward", "towards", "with", "between", "for"})


def _deep_recipient_tokens(c: _Cand) -> list[Any]:
    """Objects further down the trigger's own clause, for an event whose direct slots named nobody:
    "offered to hand over two suspects to Great Britain", "promised to continue military aid to
    Mozambique". Clauses with a subject of their own (ccomp, relcl, advcl) are not entered."""
    out: list[Any] = []
    todo = [c.tok, *c.extra, *(a.tok for a in c.absorbed)]
    seen = {t.i for t in todo}
    while todo:
        t = todo.pop()
        for ch in t.children:
            if ch.i in seen or ch.dep_ not in _DEEP_FOLLOW:
                continue
            if ch.dep_ == "conj" and ch.pos_ in ("VERB", "AUX"):
                continue  # a second clause has its own parties
            seen.add(ch.i)
            if ch.dep_ in ("dobj", "dative") or (ch.dep_ == "pobj" and t.dep_ == "prep" and _lemma(t) in _DEEP_PREPS):
                out.append(ch)
            todo.append(ch)
    return sorted(out, key=lambda t: t.i)


def _is_reciprocal(c: _Cand) -> bool:
    toks = [c.tok, *c.extra] + [a.tok for a in c.absorbed]
    for t in toks:
        for ch in t.children:
            if ch.dep_ in ("dobj", "pobj", "prep", "npadvmod", "advmod") and _RECIPROCAL.search(
                " ".join(x.text for x in ch.subtree)
            ):
                return True
    return False


def _group_subject(subj: Any | None) -> bool:
    """ "the two sides", "both parties", "the rivals": a plural subject standing for a known dyad."""
    if subj is None or _lemma(subj) not in _GROUP_HEADS:
        return False
    if _each_subject(subj):
        return True  # "each side accused the other"
    return any(_lemma(c) in ("two", "both", "the") for c in subj.children) and subj.tag_ in ("NNS", "NNPS")


def _each_subject(subj: Any | None) -> bool:
    return subj is not None and any(c.lower_ == "each" for c in subj.children)


# --- date / place / quote ----------------------------------------------------------------------------------


def _helper(module: str, name: str) -> Any:
    """A sibling stage's helper, looked up on every call (an import statement per event costs more)."""
    mod = sys.modules.get(f"accord.extract.{module}")
    if mod is None:
        try:
            mod = importlib.import_module(f"accord.extract.{module}")
        except ImportError:  # pragma: no cover - stage module missing
            return None
    return getattr(mod, name, None)


class _SentenceView:
    """The draft as the times stage's ``event_date`` sees it for one sentence: only the time expressions
    that overlap the sentence or start in it (the only ones it reads; the full list costs a date
    parse per expression per event). Every other attribute is the draft's."""

    __slots__ = ("_draft", "times")

    def __init__(self, draft: Draft, start: int, end: int) -> None:
        self._draft = draft
        self.times = [t for t in draft.times if (t.start < end and t.end > start) or start <= t.start < end]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._draft, name)


def _event_date(draft: Draft, sent: Any, trigger: int, views: dict[int, _SentenceView] | None = None) -> EventDate:
    """``views``: the run's :class:`_SentenceView` per sentence start (built on first use)."""
    fn = _helper("times", "event_date")
    if fn is not None:
        view: Any = draft
        if views is not None:
            view = views.get(sent.start_char)
            if view is None:
                view = views[sent.start_char] = _SentenceView(draft, sent.start_char, sent.end_char)
        try:
            d = fn(view, sent.start_char, sent.end_char, trigger=trigger)
        except Exception:  # a sibling stage's helper must not sink our stage
            d = None
        if d is not None:
            if isinstance(d, EventDate):
                return d
            return EventDate(
                value=getattr(d, "value", None), text=getattr(d, "text", None), precision=getattr(d, "precision", None)
            )
    return EventDate(
        value=draft.published.isoformat() if draft.published else None,
        text=None,
        precision="day" if draft.published else None,
    )


def _id_of(x: Any) -> str | None:
    if x is None:
        return None
    if isinstance(x, str):
        return x
    return getattr(x, "id", None)


def _event_place(draft: Draft, sent: Any, trigger: int) -> str | None:
    fn = _helper("places", "event_place")
    if fn is None:
        return None
    try:
        return _id_of(fn(draft, sent.start_char, sent.end_char, trigger=trigger))
    except Exception:
        return None


def _quote_at(draft: Draft, start: int, end: int) -> str | None:
    fn = _helper("quotes", "quote_at")
    if fn is None:
        return None
    try:
        return _id_of(fn(draft, start, end))
    except Exception:
        return None


# --- the stage ---------------------------------------------------------------------------------------------

_THREAT_MODES = {
    "ASSAULT": "violence",
    "MOBILIZE": "violence",
    "SANCTION": "relations",
    "COERCE": None,
    "PROTEST": "relations",
    "RETREAT": "relations",
}


def _threat_mode(comp: _Cand) -> str | None:
    objs = {_lemma(o) for o in _objects(comp.tok)}
    if objs & {"mediation"}:
        return "end mediation"
    if objs & {"talk", "negotiation", "dialogue"}:
        return "end talks"
    if comp.type == "COERCE":
        return comp.mode
    return _THREAT_MODES.get(comp.type, comp.mode)


def find_candidates(doc: Any, sents: list[Any] | None = None) -> list[_Cand]:
    """Rule candidates for a parsed text (before parties): triggers, governors absorbed, clauses merged."""
    quoted = _quote_mask(doc)
    lems = _doc_lemmas(doc)
    lex = kb.lexicon()
    # only a token whose lemma is in the lexicon (or "strike": "went on strike") can match
    hits = [i for i, lem in enumerate(lems) if (lem in lex or lem == "strike") and not quoted[i]]
    musts = sorted(_must_heads(doc))

    out: list[_Cand] = []
    for sent in sents if sents is not None else sentences(doc):
        cands: list[_Cand] = []
        seen: set[int] = set()
        lo, hi = sent.start, sent.end
        for i in hits[bisect_left(hits, lo) : bisect_left(hits, hi)]:
            for trig, anchor in _match(doc[i]):
                if anchor.i in seen:
                    continue
                seen.add(anchor.i)
                cands.append(_Cand(anchor, trig.type, trig.mode, trig.cameo, sent))
        cands = [c for c in cands if not (c.type == "ASSAULT" and _natural_cause(c.tok))]
        by_tok = {c.tok.i: c for c in cands}
        for c in cands:
            # "a rights group protested [that ...]": a verbal protest is a disapproval
            if c.type == "PROTEST" and c.tok.pos_ == "VERB" and any(ch.dep_ == "ccomp" for ch in c.tok.children):
                c.type, c.mode, c.cameo = "ACCUSE", "disapprove", "111"
        for i in musts[bisect_left(musts, lo) : bisect_left(musts, hi)]:
            # "X said China must drop barriers": an obligation put on someone else is a REQUEST
            tok = doc[i]
            if tok.pos_ in ("VERB", "AUX") and tok.dep_ in _MUST_DEPS and not quoted[i]:
                c = by_tok.get(tok.i)
                if c is None:
                    c = _Cand(tok, "REQUEST", None, "100", sent)
                    cands.append(c)
                    by_tok[tok.i] = c
                else:
                    c.mode = c.mode or c.type.lower()
                    c.type, c.cameo = "REQUEST", "100"
                c.status = "asserted"
                c.obliged = tok.dep_ == "ccomp" and tok.head.pos_ in ("VERB", "AUX")
        # governors: absorb complement events
        for c in list(cands):
            if c.tok.dep_ == "compound" and c.tok.head.dep_ in ("dobj", "nsubjpass"):
                host = by_tok.get(c.tok.head.head.i)
                if host is not None and host is not c:
                    c.governed = True
                    host.absorbed.append(c)
                    continue
            gov = _governor_of(c.tok)
            if gov is not None and _lemma(gov) in kb.ABSORBING:
                c.governed = True  # "suspected of blowing up": an allegation, not a reported event
                continue
            if gov is None or gov.i == c.tok.i:
                continue
            glem = _lemma(gov)
            if glem in kb.NEGATING_GOVERNORS:
                c.status = "negated"
                continue
            g = kb.GOVERNORS.get(glem)
            if g is None:
                continue
            if g.needs_modal and not (
                _has_modal_or_condition(c.tok.head if c.tok.dep_ != "ccomp" else c.tok)
                or _has_modal_or_condition(c.tok)
            ):
                continue
            if c.tok.dep_ == "advcl" and c.tok.tag_ == "VBG":  # "..., accusing X of ..." is its own event
                continue
            host = by_tok.get(gov.i)
            if host is None:
                host = _Cand(gov, g.type, None, g.cameo, sent, via_governor=True)
                cands.append(host)
                by_tok[gov.i] = host
            elif host.type != g.type and glem in ("agree", "offer", "promise", "pledge", "vow") and host.type == "AID":
                host.type, host.cameo = g.type, g.cameo
            if host is c:
                continue
            c.governed = True
            host.absorbed.append(c)
            if host.type == "THREATEN" and host.mode is None:
                host.mode = _threat_mode(c)
            elif host.mode is None and c.mode and host.type in ("AGREE", "REQUEST", "REJECT"):
                host.mode = c.mode
        # everything inside an absorbed complement belongs to it ("suspend ... unless both sides return to talks")
        for c in cands:
            if c.governed:
                inside = {t.i for t in c.tok.subtree}
                for o in cands:
                    hosts_o = any(o.tok.i == h.tok.i for h in cands if h.absorbed and h is not o)
                    if o is not c and not o.governed and o.tok.i in inside and o.tok.i != c.tok.i and not hosts_o:
                        o.governed = True
        live = [c for c in cands if not c.governed]
        # merge same-type candidates of one clause ("drone strike hit ..., killing 14")
        live.sort(key=lambda c: c.tok.i)
        merged: list[_Cand] = []
        for c in live:
            target = next((m for m in merged if m.type == c.type and _linked(m.tok, c.tok)), None)
            if target is None:
                merged.append(c)
                continue
            target.extra.append(c.tok)
            if target.mode is None and c.mode:
                target.mode = c.mode
            if target.tok.pos_ != "VERB" and c.tok.pos_ == "VERB":
                target.extra.append(target.tok)
                target.tok = c.tok
        out.extend(merged)
    return out


def _linked(a: Any, b: Any) -> bool:
    """Two triggers of one clause: one is within two arcs of the other (or conjoined verbs)."""

    def path_up(t: Any, n: int) -> list[Any]:
        chain = []
        for _ in range(n):
            if t.head is t:
                break
            chain.append(t.dep_)
            t = t.head
            if t.i in (a.i, b.i):
                return chain
        return []

    for x, y in ((a, b), (b, a)):
        chain = []
        t = x
        for _ in range(3):
            if t.head is t:
                break
            chain.append(t.dep_)
            t = t.head
            if t.i == y.i:
                return all(d in _MERGE_DEPS for d in chain)
    return False


def _depth(tok: Any) -> int:
    """Arcs from a token to its sentence root, not counting light arcs (prep→pobj, aux, conj of root)."""
    n = 0
    t = tok
    while t.head is not t and n < 8:
        if t.dep_ not in ("pobj", "conj", "dobj", "nsubj", "nsubjpass", "compound"):
            n += 1
        t = t.head
    return n


_TYPE_MODEL: dict[str, Any] = {}


def _model() -> Any:
    if "m" not in _TYPE_MODEL:
        try:
            from accord.models.events_linear import load_model

            _TYPE_MODEL["m"] = load_model()
        except Exception:  # pragma: no cover - model file missing: rules only
            _TYPE_MODEL["m"] = None
    return _TYPE_MODEL["m"]


class _SentenceCues:
    """What the stage reads off a sentence's text, once per sentence (its events share it)."""

    __slots__ = ("_mode", "contexts", "other", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.other = "other" in text.lower()  # every reciprocal cue contains it
        self.contexts = tuple(kb.contexts_in(text))
        self._mode: tuple[str | None] | None = None

    def assault_mode(self) -> str | None:
        if self._mode is None:
            self._mode = (kb.assault_mode(self.text),)
        return self._mode[0]


@stages.register("events")
class EventsStage:
    """Every event in the article, coded in PLOVER with parties, date, place, mode, casualties, status."""

    name = "events"
    requires = ("doc", "actors", "times", "places", "quotes")
    assigns = ("events",)

    def __init__(self, use_model: bool = True, model: Any = None, **config: Any) -> None:
        """``model``: a type classifier to use instead of the shipped one (a cross-validation fold's)."""
        self.use_model = use_model
        self.model = model

    def __call__(self, draft: Draft) -> None:
        cands = find_candidates(draft.doc)
        model = self.model if self.model is not None else (_model() if self.use_model else None)
        probs_by_sent: dict[int, dict[str, float]] = {}
        views: dict[int, _SentenceView] = {}
        found_by_sent: dict[int, Casualties] = {}
        cues_by_sent: dict[int, _SentenceCues] = {}
        span_by_sent: dict[int, Any] = {}
        built: list[tuple[int, Event]] = []
        dyad: tuple[str, str] | None = None
        # actors that can be a "side": states, armed groups, governments and bodies, not the civilians hit
        sides = {a.id: a.kind == "country" or a.sector not in _NOT_SIDES for a in draft.actors}
        last_agree: list[str] = []
        for c in cands:
            sent = c.sent
            ev_span = span_by_sent.get(sent.start)  # read only: the evidence below is a fresh Span
            if ev_span is None:
                ev_span = span_by_sent[sent.start] = sentence_span(draft.text, sent)
            if model is not None:
                if sent.start not in probs_by_sent:
                    probs_by_sent[sent.start] = model.probs(ev_span.text)
                probs = probs_by_sent[sent.start]
                p = probs.get(c.type, 0.0)
                top = max(probs, key=probs.get)
                c.score = 0.72 + 0.18 * p + (0.05 if top == c.type else 0.0)
            # main-clause events are what the sentence asserts; embedded ones are less certain
            c.score -= 0.05 * min(_depth(c.tok), 4)
            if c.tok.pos_ not in ("VERB", "AUX") and not c.extra:
                c.score -= 0.05
            if c.type == "ACCUSE" and c.tok.dep_ == "acl" and c.tok.tag_ == "VBN":
                c.score -= 0.15  # "a man accused of theft": background to the sentence's own event
            if c.type == "AID" and c.tok.dep_ == "acl" and c.tok.tag_ == "VBG" and _actor_of(draft, c.tok.head) is None:
                continue  # "a monastery sheltering displaced villagers": what a building is for, not an act
            trig = c.tok.idx
            # parties
            actor_ids: list[str] = []
            recip_ids: list[str] = []
            host = c.tok
            subj, passive = (None, False)
            if host.pos_ in ("VERB", "AUX"):
                subj, passive = _subject(host)
            else:
                nat = _noun_actor_tokens(host)
                if nat:
                    subj = nat[0]
                elif host.dep_ in ("dobj", "attr") and host.head.pos_ == "VERB":
                    subj, passive = _subject(host.head)
                elif host.dep_ == "pobj" and host.head.lower_ in ("for", "of", "on"):
                    # "negotiators return to Geneva for talks", "warships launched ten days of war games",
                    # "troops remained on alert"
                    gov = host.head.head
                    if gov.pos_ == "NOUN" and gov.dep_ in ("dobj", "attr"):
                        gov = gov.head
                    if gov.pos_ == "VERB":
                        s2, p2 = _subject(gov)
                        if not p2:
                            subj = s2
            if subj is not None:
                actor_ids = _actors_in(draft, subj, deep=False)
                if not actor_ids and subj.pos_ == "PRON":
                    actor_ids = _speaker_actors(draft, host)
                elif not actor_ids:
                    # "doctors from two American aid groups donated": the named body inside the subject
                    actor_ids = _subject_inner_actors(draft, subj)
            if c.obliged and actor_ids:
                # "the administration declared that China must drop barriers": the declarer asks China
                rsubj, _ = _subject(host.head)
                askers = _actors_in(draft, rsubj, deep=False) if rsubj is not None else []
                if askers and not set(askers) & set(actor_ids):
                    recip_ids, actor_ids = list(actor_ids), askers
            for r in _recipient_tokens(c) + [t for a in c.absorbed for t in _recipient_tokens(a)]:
                for a in _actors_in(draft, r, deep=True):
                    if a not in actor_ids and a not in recip_ids:
                        recip_ids.append(a)
            if not recip_ids:
                for r in _deep_recipient_tokens(c):
                    for a in _actors_in(draft, r, deep=False):
                        if a not in actor_ids and a not in recip_ids:
                            recip_ids.append(a)
            for a in c.absorbed:
                # "could suspend its mediation between A and B": actors of the complement's subject side stay out
                s2, _ = _subject(a.tok) if a.tok.pos_ in ("VERB", "AUX") else (None, False)
                if s2 is not None:
                    for x in _actors_in(draft, s2, deep=False):
                        if x in recip_ids:
                            recip_ids.remove(x)
            if passive and host.pos_ == "VERB":
                for ch in host.children:
                    if ch.dep_ == "nsubjpass":
                        for a in _actors_in(draft, ch, deep=False):
                            if a not in recip_ids and a not in actor_ids:
                                recip_ids.append(a)
            # "demanded that the government end curbs": the complement's subject is who is asked/warned/blamed
            if not recip_ids and c.type in _ADDRESSED and host.pos_ in ("VERB", "AUX"):
                for comp in _complement_subjects(host):
                    for a in _actors_in(draft, comp, deep=False):
                        if a not in actor_ids and a not in recip_ids:
                            recip_ids.append(a)
            # "welcomed the deal": the parties of the last agreement reported
            if (
                not recip_ids
                and c.type in ("SUPPORT", "REJECT", "ACCUSE")
                and last_agree
                and any(_lemma(o) in kb.AGREEMENT_NOUNS for o in _objects(host))
            ):
                recip_ids = [a for a in last_agree if a not in actor_ids]
            # both readings need "each other" / "one another" in the sentence: skip them when it has no "other"
            sent_cues = cues_by_sent.get(sent.start)
            if sent_cues is None:
                sent_cues = cues_by_sent[sent.start] = _SentenceCues(ev_span.text)
            reciprocal = sent_cues.other and (
                _is_reciprocal(c)
                or (_group_subject(subj) and _RECIPROCAL.search(ev_span.text) is not None)
                or (_each_subject(subj) and _group_subject(subj) and "the other" in sent_cues.text.lower())
            )
            if (reciprocal or _group_subject(subj)) and dyad and not actor_ids:
                actor_ids = [dyad[0], dyad[1]]
            # date, place, quote
            d = _event_date(draft, sent, trig, views)
            status = _status(c, draft.published, d.value, d.text)
            place = _event_place(draft, sent, trig)
            quote = _quote_at(draft, trig, trig + len(c.tok.text))
            # casualties: to the ASSAULT (killed/injured/missing) or COERCE (arrested) events of the sentence
            casualties = Casualties()
            if c.type in ("ASSAULT", "COERCE", "PROTEST"):
                found = found_by_sent.get(sent.start)
                if found is None:  # several events of a sentence share its figures
                    found = found_by_sent[sent.start] = cas.casualties_in(ev_span.text)
                if c.type == "ASSAULT" or (
                    c.type == "PROTEST" and not any(o.type == "ASSAULT" and o.sent is sent for o in cands)
                ):
                    casualties = Casualties(killed=found.killed, injured=found.injured, missing=found.missing)
                if c.type == "COERCE" or (
                    c.type == "PROTEST" and not any(o.type == "COERCE" and o.sent is sent for o in cands)
                ):
                    casualties.arrested = found.arrested
            c.type, c.mode, c.cameo, status = _reduce(c, status)
            status = _by_date(status, draft.published, d.value, d.text)
            cameo, quad, intensity = kb.code_for(c.type, c.mode)
            # the ACLED coding reads the target's text for an ASSAULT only, the actor's for a COERCE only
            target_text = actor_text = None
            if c.type == "ASSAULT":
                targets = _recipient_tokens(c) + [t for a in c.absorbed for t in _recipient_tokens(a)]
                target_text = " ".join(t.text for r in targets for t in r.subtree) if targets else None
            elif c.type == "COERCE" and subj is not None:
                actor_text = " ".join(t.text for t in subj.subtree)
            acled = kb.acled_code(
                c.type, c.mode, ev_span.text, killed=casualties.killed, target=target_text, actor_text=actor_text
            )
            if c.type == "ASSAULT" and (c.mode is None or c.mode == "explosives"):
                # the weapon named in the sentence, after the ACLED sub-type (which reads its own cues)
                c.mode = sent_cues.assault_mode() or c.mode
                cameo, quad, intensity = kb.code_for(c.type, c.mode)
            contexts = list(sent_cues.contexts)
            if c.type == "THREATEN" and c.mode == "end mediation" and "mediation" not in contexts:
                contexts.append("mediation")

            make = partial(
                Event,
                id="",
                type=c.type,
                mode=c.mode,
                context=contexts,
                date=d,
                place=place,
                casualties=casualties,
                status=status,
                quote=quote,
                evidence=span(draft.text, ev_span.start, ev_span.end),
                confidence=round(min(0.99, max(0.05, c.score)), 2),
                cameo=c.cameo or cameo,
                quad_class=quad,
                intensity=intensity,
                acled=AcledCode(event_type=acled[0], sub_event_type=acled[1]) if acled else None,
            )

            if reciprocal and len(actor_ids) == 2 and not recip_ids:
                a, b = actor_ids
                built.append((trig, make(actors=[a], recipients=[b])))
                built.append((trig, make(actors=[b], recipients=[a])))
            else:
                built.append((trig, make(actors=actor_ids, recipients=recip_ids)))
            # the two sides "both sides" / "each other" refer to next: parties facing each other, not a
            # crowd and the police, nor a donor and whom it helps
            if (
                actor_ids
                and recip_ids
                and c.type not in ("SUPPORT", "AID", "PROTEST", "COERCE")
                and sides.get(recip_ids[0], False)
            ):
                dyad = (actor_ids[0], recip_ids[0])
            elif len(recip_ids) >= 2 and c.type in ("THREATEN", "CONSULT", "AGREE", "REQUEST"):
                dyad = (recip_ids[0], recip_ids[1])
            elif (
                len(actor_ids) >= 2
                and not recip_ids
                and c.type in ("CONSULT", "AGREE", "COOPERATE", "ASSAULT")
                and sides.get(actor_ids[0], False)
                and sides.get(actor_ids[1], False)
            ):
                dyad = (actor_ids[0], actor_ids[1])  # "A and his counterpart B met", "A and B clashed"
            if c.type == "AGREE" and status == "asserted":
                last_agree = actor_ids + [r for r in recip_ids if r not in actor_ids]
        built.sort(key=lambda p: (p[1].evidence.start, p[0]))
        for n, (_, ev) in enumerate(built, start=1):
            ev.id = draft.make_id("e", n)
            draft.events.append(ev)
