"""Agreement vocabulary: head words and their kind, status cues, mediator patterns.

Kinds follow the record contract (ceasefire, memorandum, peace, economic, prisoner-exchange, other);
statuses the agreement lifecycle (proposed → negotiating → signed → in-force → expired/violated/collapsed,
or rejected; ratification-pending between signature and force).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

#: head lemma (or two-word key) → kind
HEAD_KIND: dict[str, str] = {
    "ceasefire": "ceasefire",
    "cease-fire": "ceasefire",
    "truce": "ceasefire",
    "armistice": "ceasefire",
    "cessation of hostilities": "ceasefire",
    "humanitarian pause": "ceasefire",
    "moratorium": "ceasefire",
    "memorandum": "memorandum",
    "mou": "memorandum",
    "peace deal": "peace",
    "peace agreement": "peace",
    "peace accord": "peace",
    "peace plan": "peace",
    "peace treaty": "peace",
    "peace framework": "peace",
    "roadmap": "peace",
    "road map": "peace",
    "accord": "peace",
    "treaty": "peace",
    "grain deal": "economic",
    "trade deal": "economic",
    "trade agreement": "economic",
    "energy deal": "economic",
    "mineral deal": "economic",
    "minerals deal": "economic",
    "economic agreement": "economic",
    "gas deal": "economic",
    "prisoner exchange": "prisoner-exchange",
    "prisoner swap": "prisoner-exchange",
    "exchange of prisoners": "prisoner-exchange",
    "hostage deal": "prisoner-exchange",
    "hostage release deal": "prisoner-exchange",
    "deal": "other",
    "agreement": "other",
    "pact": "other",
    "it": "other",
}

_NOMINAL_DEPS = {"dobj", "nsubj", "nsubjpass", "pobj", "attr", "appos", "conj"}
_ALWAYS_NOUNS = {"ceasefire", "cease-fire", "truce", "armistice", "moratorium", "mou", "roadmap"}
_COMPOUND_HEADS = {"deal", "agreement", "accord", "plan", "treaty", "framework", "exchange", "swap", "pause"}
_MODIFIER_KEYS = {"peace", "grain", "trade", "energy", "gas", "prisoner", "hostage", "humanitarian"}


def agreement_heads(doc: Any) -> Iterator[tuple[Any, str]]:
    """(head token, HEAD_KIND key) for each agreement phrase in the doc, in text order.

    "it" is yielded when it is the object of breaking/violating/signing verbs, so that
    "accused each other of breaking it" attaches to the agreement named before.
    """
    for tok in doc:
        low = tok.lower_
        lemma = tok.lemma_.lower()
        # the small model sometimes tags "truce" or "ceasefire" as a verb; they are nouns in news
        nominal = tok.pos_ in ("NOUN", "PROPN", "PRON") or tok.dep_ in _NOMINAL_DEPS
        if not nominal and low not in _ALWAYS_NOUNS:
            continue
        if low == "it":
            if tok.dep_ in ("dobj", "nsubj", "nsubjpass") and tok.head.lemma_ in _IT_VERBS:
                yield tok, "it"
            continue
        if low in _ALWAYS_NOUNS or lemma in _ALWAYS_NOUNS:
            yield tok, low if low in HEAD_KIND else lemma
            continue
        if lemma == "memorandum":
            yield tok, "memorandum"
            continue
        if lemma == "cessation" and any(c.lower_ == "of" for c in tok.children):
            yield tok, "cessation of hostilities"
            continue
        if lemma in _COMPOUND_HEADS:
            mods = [c.lemma_.lower() for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod")]
            for m in mods:
                key = f"{m} {lemma}"
                if key in HEAD_KIND:
                    yield tok, key
                    break
            else:
                if lemma in ("exchange", "swap") and any(
                    c.lower_ == "of" and any(g.lemma_ in ("prisoner", "hostage", "detainee") for g in c.subtree)
                    for c in tok.children
                ):
                    yield tok, "exchange of prisoners"
                elif lemma in ("deal", "agreement", "accord", "treaty", "pact"):
                    yield tok, lemma
        elif lemma in ("pact",):
            yield tok, "pact"


_IT_VERBS = {
    "break",
    "violate",
    "breach",
    "sign",
    "ratify",
    "reject",
    "extend",
    "honour",
    "honor",
    "respect",
    "implement",
    "suspend",
    "abandon",
    "collapse",
    "expire",
}

#: status → cue lemmas or phrases (lowercase, matched against the governing words)
STATUS_CUES: dict[str, tuple[str, ...]] = {
    "signed": ("sign", "ink", "seal", "conclude", "agree", "reach", "strike", "clinch"),
    "in-force": (
        "take effect",
        "took effect",
        "come into force",
        "came into force",
        "entered into force",
        "enter into force",
        "hold",
        "in force",
        "in effect",
        "begin",
        "start",
        "implement",
        "observe",
        "respect",
        "extend",
    ),
    "expired": ("expire", "lapse", "run out", "ran out", "end"),
    "violated": ("violate", "violation", "break", "breach", "breaking", "flout", "accuse"),
    "collapsed": (
        "collapse",
        "fell apart",
        "fall apart",
        "broke down",
        "break down",
        "abandon",
        "scrap",
        "suspend",
        "withdraw",
        "pull out",
        "tear up",
    ),
    "rejected": ("reject", "refuse", "turn down", "turned down", "dismiss", "rebuff", "veto"),
    "proposed": (
        "propose",
        "proposal",
        "offer",
        "call for",
        "called for",
        "urge",
        "demand",
        "suggest",
        "draft",
        "put forward",
        "floated",
        "float",
    ),
    "negotiating": ("negotiate", "negotiation", "talk", "discuss", "work on", "mediate", "push for"),
    "ratification-pending": ("ratify", "ratification", "approval by parliament", "must be approved"),
}

#: statuses after which a claim of violation does not change the agreement's state
TERMINAL = frozenset({"expired", "collapsed", "rejected"})

#: "U.S.-brokered", "brokered by Qatar", "mediated by Egypt and Qatar", "under Turkish mediation"
MEDIATOR_PATTERNS = re.compile(
    r"(?P<who>\b[A-Z][\w.]*(?:[ -][A-Z][\w.]*)*)-(?:brokered|mediated|backed|sponsored)\b"
    r"|\b(?:brokered|mediated|facilitated|guaranteed) by (?:the )?(?P<who2>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*)"
)


def current_status(history: list[Any]) -> str:
    """The latest status by date (undated entries keep text order); a violation claim does not revive
    an agreement that has expired, collapsed or been rejected."""
    dated = sorted(enumerate(history), key=lambda ie: (ie[1].date or "", ie[0]))
    status = dated[0][1].status
    for _, h in dated[1:]:
        if status in TERMINAL and h.status == "violated":
            continue
        status = h.status
    return status
