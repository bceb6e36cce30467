"""Agreements, ceasefires and deals named in an article, with parties, mediators and a dated status history.

Each agreement mention is a noun phrase headed by an agreement word (ceasefire, truce, memorandum,
deal, accord, plan, prisoner exchange ...). The status comes from the words that govern that phrase in
its sentence (``signed`` → signed, ``expired`` → expired, ``accused each other of breaking it`` →
violated, ``rejected a proposal for a truce`` → rejected ...), dated with the sentence's time
expression (or the publication date) and linked to the event of that sentence when there is one.
Later definite mentions ("the truce", "the deal", "it") join the most recent agreement of that kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from accord.extract.common import actor_at, sentence_span
from accord.knowledge.agreements import (
    HEAD_KIND,
    MEDIATOR_PATTERNS,
    STATUS_CUES,
    TERMINAL,
    agreement_heads,
    current_status,
)
from accord.pipeline import Draft, stages
from accord.records import Agreement, Event, HistoryEntry, Span

_STRIP_LEFT = {
    "a",
    "an",
    "the",
    "this",
    "that",
    "its",
    "their",
    "his",
    "her",
    "our",
    "new",
    "any",
    "another",
    "proposed",
}


@dataclass
class _Found:
    name: str
    kind: str
    head_key: str
    first: int
    evidence: list[Span] = field(default_factory=list)
    history: list[HistoryEntry] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    mediators: list[str] = field(default_factory=list)


def _np_bounds(head: Any) -> tuple[int, int]:
    """Token bounds of the agreement phrase: compounds/adjectives on the left, 'of/on/in/between' PPs on the right."""
    left = head.i
    for child in head.lefts:
        if child.dep_ in ("amod", "compound", "nummod", "nmod", "npadvmod", "quantmod", "det", "poss", "punct", "hmod"):
            left = min(left, child.left_edge.i)
    right = head.i
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ in ("of", "on", "in", "for") and child.i == right + 1:
            pobj = [c for c in child.children if c.dep_ == "pobj"]
            if pobj and pobj[0].ent_type_ in ("DATE", "TIME"):
                break  # "a ceasefire on Sunday": a date, not part of the name
            if pobj and pobj[0].right_edge.i - head.i <= 8:
                right = pobj[0].right_edge.i
    return left, right


def _name(doc: Any, left: int, right: int) -> str:
    toks = list(doc[left : right + 1])

    def droppable(t: Any) -> bool:
        return (
            t.lower_ in _STRIP_LEFT
            or t.pos_ in ("DET", "PRON", "PUNCT")
            or t.text.endswith(("-brokered", "-mediated", "-backed"))
            or t.lower_ in ("brokered", "mediated", "backed", "-")
        )

    while toks and droppable(toks[0]):
        toks = toks[1:]
    for i, t in enumerate(toks):
        if i > 0 and t.lower_ in ("with", "between"):
            toks = toks[:i]
            break
    while toks and toks[-1].pos_ == "PUNCT":
        toks = toks[:-1]
    if not toks:
        return doc[left : right + 1].text
    return doc[toks[0].i : toks[-1].i + 1].text.replace("'s ", " ")


def _governing_words(head: Any) -> list[Any]:
    """Words whose meaning sets the status: the heads above the phrase and their modifiers."""
    words = [head, *head.lefts]
    # "the ceasefire held": the parser may hang the verb under the noun (acl) instead of above it
    words.extend(c for c in head.children if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "AUX"))
    tok = head
    for _ in range(4):
        if tok.head is tok:
            break
        tok = tok.head
        words.append(tok)
        words.extend(c for c in tok.children if c.dep_ in ("neg", "aux", "auxpass", "prt", "acomp", "xcomp", "advmod"))
        # light-verb phrases: "took effect"
        words.extend(c for c in tok.children if c.dep_ == "dobj" and c.lemma_ == "effect")
        if tok.pos_ == "VERB":
            # "accused each other of breaking it": the verb's complements also count
            words.extend(w for c in tok.children if c.dep_ in ("prep", "xcomp", "ccomp", "advcl") for w in c.subtree)
            break
    # verbs conjoined to the governing verb ("expired on Tuesday, and the two sides accused ...")
    if tok.pos_ in ("VERB", "AUX"):
        for conj in tok.conjuncts:
            words.append(conj)
            words.extend(w for c in conj.children if c.dep_ in ("prep", "xcomp", "advcl") for w in c.subtree)
    return words


def _cue_statuses(words: list[Any]) -> list[str]:
    """Statuses cued by a group of words, most specific (longest cue) first."""
    lemmas = [w.lemma_.lower() for w in words]
    text = " ".join(w.lower_ for w in sorted(set(words), key=lambda t: t.i))
    found: list[tuple[int, str]] = []
    for status, cues in STATUS_CUES.items():
        for cue in cues:
            if (" " in cue and cue in text) or (" " not in cue and cue in lemmas):
                found.append((len(cue), status))
    found.sort(key=lambda x: (-x[0], x[1] not in TERMINAL))
    return [st for _, st in found]


def _statuses(head: Any) -> list[str]:
    """Statuses in the order they happened: a proposal noun on the path ("rejected an RSF proposal for a
    truce") is earlier than what the governing verb did to it."""
    earlier: list[str] = []
    # "a regional ceasefire offered by Bogota", "a truce proposed by Egypt"
    if any(
        c.dep_ == "acl" and c.lemma_.lower() in ("offer", "propose", "suggest", "float", "table") for c in head.children
    ):
        earlier.append("proposed")
    for anc in list(head.ancestors)[:3]:
        if anc.pos_ == "VERB":
            break
        if anc.lemma_.lower() in ("proposal", "offer", "plan", "draft", "call"):
            earlier.append("proposed")
    words = _governing_words(head)
    cued = _cue_statuses(words)
    negated = any(w.dep_ == "neg" for w in words)
    main = next((st for st in cued if st != "proposed"), cued[0] if cued else None)
    if main in ("signed", "in-force") and negated:
        main = "negotiating"
    out = [st for st in earlier if st != main]
    if main:
        out.append(main)
    return out


def _sentence_date(draft: Draft, sent: Any, trigger: int) -> tuple[str | None, str | None]:
    """The date that applies to the sentence (via the times stage's event dating), and its precision."""
    try:
        from accord.extract.times import event_date  # provided by the times stage
    except ImportError:  # pragma: no cover - older times stage
        event_date = None
    if event_date is not None:
        d = event_date(draft, sent.start_char, sent.end_char, trigger=trigger)
        return d.value, d.precision
    return (draft.published.isoformat() if draft.published else None), "day"


def _events_in(draft: Draft, start: int, end: int) -> list[Event]:
    return [e for e in draft.events if e.evidence.start < end and start < e.evidence.end]


_GENERIC = {"deal", "agreement", "accord", "pact", "it"}

_STATUS_EVENT_TYPES = {
    "signed": ("AGREE",),
    "in-force": ("AGREE",),
    "rejected": ("REJECT",),
    "violated": ("ACCUSE", "ASSAULT"),
    "proposed": ("REQUEST", "AGREE", "CONSULT"),
    "negotiating": ("CONSULT", "AGREE"),
    "collapsed": ("REJECT", "ASSAULT", "ACCUSE"),
    "expired": (),
    "ratification-pending": ("AGREE",),
}


@stages.register("agreements")
class AgreementsStage:
    """Agreements with kind, parties, mediators, status and history; see the module docstring."""

    name = "agreements"
    requires = ("doc", "events", "actors", "times")
    assigns = ("agreements",)

    def __call__(self, draft: Draft) -> None:
        doc = draft.doc
        found: list[_Found] = []
        last_of_kind: dict[str, _Found] = {}
        last_mentioned: _Found | None = None
        for head, head_key in agreement_heads(doc):
            kind = HEAD_KIND[head_key]
            left, right = _np_bounds(head)
            name = _name(doc, left, right)
            definite = doc[left].lower_ in ("the", "this", "that", "it") or doc[left].pos_ == "PRON"
            agreement = None
            if head_key in _GENERIC and (definite or head_key == "it"):
                agreement = last_mentioned
                if agreement is None and head_key == "it":
                    continue
            if agreement is not None:
                pass
            elif definite and kind in last_of_kind and len(name.split()) <= len(last_of_kind[kind].name.split()):
                agreement = last_of_kind[kind]
            else:
                for prev in found:
                    if prev.name.lower() == name.lower():
                        agreement = prev
                if agreement is None:
                    agreement = _Found(name=name, kind=kind, head_key=head_key, first=doc[left].idx)
                    found.append(agreement)
            last_of_kind[agreement.kind] = agreement
            last_mentioned = agreement
            self._annotate(draft, agreement, head, left, right)
        out: list[Agreement] = []
        for g in sorted(found, key=lambda g: g.first):
            if not g.history:
                continue
            out.append(
                Agreement(
                    id=draft.make_id("g", len(out) + 1),
                    name=g.name,
                    kind=g.kind,  # type: ignore[arg-type]
                    parties=g.parties,
                    mediators=g.mediators,
                    status=current_status(g.history),  # type: ignore[arg-type]
                    history=g.history,
                    evidence=g.evidence,
                )
            )
        draft.agreements.extend(out)

    def _annotate(self, draft: Draft, g: _Found, head: Any, left: int, right: int) -> None:
        doc = draft.doc
        sent = head.sent
        ev = sentence_span(draft.text, sent)
        if all(e.start != ev.start for e in g.evidence):
            g.evidence.append(ev)
        statuses = _statuses(head)
        if not statuses and not g.history:
            # a bare first mention ("ceasefire talks", "a truce") with no status cue
            talks = any(t.lemma_ in ("talk", "negotiate", "negotiation") for t in sent)
            statuses = ["negotiating" if talks else "proposed"]
        events = _events_in(draft, sent.start_char, sent.end_char)
        date, _ = _sentence_date(draft, sent, head.idx)
        for status in statuses:
            wanted = _STATUS_EVENT_TYPES.get(status, ())
            linked = [e for e in events if e.type in wanted] or [None]
            for e in linked:
                entry = HistoryEntry(date=date, status=status, event=e.id if e else None)  # type: ignore[arg-type]
                if entry not in g.history:
                    g.history.append(entry)
        # parties: the actors of the agreeing/rejecting events of the sentence, or "between X and Y"
        for e in events:
            if e.type in ("AGREE", "REJECT", "ACCUSE", "REQUEST", "CONSULT"):
                for a in [*e.actors, *e.recipients]:
                    if a not in g.parties and a not in g.mediators:
                        g.parties.append(a)
        for tok in doc[left : right + 1]:
            if tok.lower_ == "between":
                for w in tok.subtree:
                    a = actor_at(draft, w.idx, w.idx + len(w.text))
                    if a and a not in g.parties:
                        g.parties.append(a)
        # mediators: "U.S.-brokered", "brokered by Qatar", "mediated by"
        for m in MEDIATOR_PATTERNS.finditer(draft.text, sent.start_char, sent.end_char):
            group = "who" if m.group("who") else "who2"
            s, e = m.span(group)
            a = actor_at(draft, s, e)
            if a and a not in g.mediators:
                g.mediators.append(a)
                if a in g.parties:
                    g.parties.remove(a)
