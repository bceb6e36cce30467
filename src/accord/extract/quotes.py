"""Quotes: who said what, to whom, where.

Passes over the spaCy parse of the cleaned text:

1. **Quote marks.** A scanner pairs quotation marks paragraph by paragraph: straight and curly
   double quotes, guillemets, and single quotes when they clearly quote (opening at a word boundary,
   three words or more). A quote that runs over several paragraphs — each paragraph reopening the
   mark, only the last closing it — becomes one quote. An unbalanced mark never crashes and never
   yields a quote longer than one paragraph (or one bounded multi-paragraph chain).
2. **Cue verbs.** Every cue verb outside a quote (``knowledge.cues``) that governs a reported clause
   ("X said (that) ...", "..., X said", "according to X, ...") gives an indirect quote; when the
   clause contains quoted words it is *mixed*; when a quote mark span covers the clause it is
   *direct*. Mixed-description verbs ("called the talks 'constructive'") need the quoted words.
   Boundaries: a mid-sentence attribution ("The talks will resume, an aide said, once ...", "X, according
   to Y, Z") gives one span over both halves; a colon or semicolon carries the clause on ("said the fault
   was not X; it was Y"); a framing phrase before the cue ('Of the sanctions, he said, "..."'), a nested
   closing attribution (`said that "...," the paper reported`) and a dateline ("CITY (Agency) —") are cut.
   A coordinated that-clause or pronoun clause goes on with the report ("said X, but that Y"); an "as"
   clause attributes its host clause ("As the ministry noted, X"); "according to" takes the side holding
   the sentence's main verb; "called for X to Y" keeps the infinitive.
3. **Layout conventions**: a block quote after "X added:" without marks; a transcript or headline
   label ("PENCE: Well, ..."); a dash naming the speaker after a quote (`"..." ― Name`).
4. **Direct quotes left over** are attributed to the nearest speech cue in their sentence or in the
   sentence ending with a colon before them ("He added:" then the quote in the next paragraph); words
   running from the cue into the marks with no comma make it mixed (`noted the plan "has failed"`);
   a quote with no cue continues the quote just before it (`"A," X said. "B."`) or takes the subject
   of a speech verb in the sentence just before. Short quotes (under four words) far from a cue, and
   quoted titles, are scare quotes or names of works and are dropped; other quotes are kept with no
   speaker rather than an invented one. A name and a colon before the marks (`Name: "..."`), a
   capitalised label inside them (`"PENCE: ..."`) and a cue opening the next sentence
   (`"..." The envoy said.`) name the speaker too.
5. **Frames without a said-that clause** (``data/quote_frames.tsv``, cue lemma → frames): an object
   that is what was said ("cited the report as proof"), a to-infinitive of stance ("declined to
   comment"), an evidential verb over its clause ("the truce seems to hold", no source), a
   prepositional object ("spoke about the detainees"), a cue noun with a that/to-clause ("her claim
   that ...", speaker from the possessive), a survey carrying a clause ("In the poll, X leads"), and a
   survey or document stating its object ("FEC records show $200,000 in payments").
   Verbs that are PLOVER events whatever their object ("rejected the truce", "accused X of Y") are
   left to the events stage: statements are quotes, acts are events. The table was kept to frames
   that name a statement or stance in news prose, checked against the PolNeAR train split.

The speaker mention is the cue's subject (an actor mention or named entity inside it when there is
one, e.g. "Khalid al-Mansour" in "Saudi Foreign Minister Khalid al-Mansour"); its actor comes from
``actor_at`` over the actors stage, with our own fallbacks: a pronoun takes the speaker of the
previous quote or the most recent person; a misspelled name is matched fuzzily to actor names and
aliases. Anonymous sources ("a person familiar with the matter") keep their text and get an actor
only if the actors stage made one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from accord.extract.common import actor_at
from accord.knowledge import cues as K
from accord.pipeline import Draft, stages
from accord.records import Quote, Span

# ---------------------------------------------------------------------------------------------
# 1. quote marks

_DOUBLE_OPEN = "“«"
_DOUBLE_CLOSE = "”»"
_DOUBLE_AMBIG = '"„'
_OPEN_BEFORE = set(" \t([{—–-/:;,") | {"\n"}
_CLOSE_AFTER = set(" \t)]}—–-.,;:!?") | {"\n"}
#: a chain of reopened paragraphs longer than this is treated as scraping damage, not one quote.
_MAX_CHAIN_PARAS = 12
_MAX_CHAIN_CHARS = 6000
#: an unclosed quote is closed at its paragraph end only when that paragraph part is this short (a speech
#: transcript paragraph that never closes its mark runs to a thousand characters and more).
_MAX_UNCLOSED = 1500


def _mark_role(text: str, i: int) -> str:
    """'open', 'close' or 'ambig' for the double quotation mark at ``i``: its shape, else its neighbours."""
    ch = text[i]
    if ch in _DOUBLE_OPEN:
        return "open"
    if ch in _DOUBLE_CLOSE:
        return "close"
    return _context_role(text, i)


def _context_role(text: str, i: int) -> str:
    """'open', 'close' or 'ambig' for a mark at ``i`` judged by the characters around it."""
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    if nxt == "\x01":  # the filler standing for the second apostrophe of ''
        nxt = text[i + 2] if i + 2 < len(text) else "\n"
    if prev in _OPEN_BEFORE and nxt not in " \t\n":
        return "open"
    if nxt in _CLOSE_AFTER and prev not in " \t\n":
        return "close"
    return "ambig"


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line: news bodies put one paragraph per line."""
    out = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _starts_with_open(text: str, para: tuple[int, int]) -> int | None:
    """Offset of the mark reopening a quote at the start of a paragraph, if any."""
    s, e = para
    while s < e and text[s] in " \t":
        s += 1
    if s < e and (text[s] in _DOUBLE_OPEN or (text[s] in _DOUBLE_AMBIG and _mark_role(text, s) == "open")):
        return s
    return None


def _words(s: str) -> int:
    return len(re.findall(r"\w+", s))


def find_double_quotes(text: str) -> list[tuple[int, int]]:
    """Inner (start, end) of double-quoted spans, multi-paragraph ones joined; never raises."""
    paras = _paragraphs(text)
    out: list[tuple[int, int]] = []
    k = 0
    while k < len(paras):
        ps, pe = paras[k]
        open_at: int | None = None
        i = ps
        carry_end = None
        while i < pe:
            ch = text[i]
            if ch in _DOUBLE_OPEN or ch in _DOUBLE_CLOSE or ch in _DOUBLE_AMBIG:
                role = _mark_role(text, i)
                if role == "ambig":
                    role = "close" if open_at is not None else "open"
                elif ch not in _DOUBLE_AMBIG:
                    # a curly mark typed the wrong way round: trust its neighbours over its shape
                    ctx = _context_role(text, i)
                    if role == "close" and open_at is None and ctx == "open":
                        role = "open"
                    elif role == "open" and open_at is not None and ctx == "close":
                        role = "close"
                if role == "open":
                    if open_at is None or ch in _DOUBLE_OPEN or text[open_at] not in _DOUBLE_OPEN:
                        open_at = i  # a second opener: the earlier one was stray
                elif open_at is not None:
                    out.append((open_at + 1, i))
                    open_at = None
            i += 1
        if open_at is not None:
            # Unclosed at paragraph end: a multi-paragraph quote if the next paragraphs reopen it.
            j = k
            chain_end: int | None = None
            while j + 1 < len(paras) and j - k < _MAX_CHAIN_PARAS:
                reopen = _starts_with_open(text, paras[j + 1])
                if reopen is None:
                    break
                j += 1
                ne = paras[j][1]
                close_at = None
                for t in range(reopen + 1, ne):
                    c = text[t]
                    if c in _DOUBLE_CLOSE or (c in _DOUBLE_AMBIG and _mark_role(text, t) != "open"):
                        close_at = t
                        break
                if close_at is not None:
                    chain_end = close_at
                    carry_end = (j, close_at)
                    break
                if paras[j][1] - open_at > _MAX_CHAIN_CHARS:
                    break
            if chain_end is not None and chain_end - open_at <= _MAX_CHAIN_CHARS:
                out.append((open_at + 1, chain_end))
            else:
                # Scraping damage or an unclosed last paragraph: keep it only when short, never beyond the paragraph.
                end = pe
                while end > open_at + 1 and text[end - 1] in " \t":
                    end -= 1
                if end - open_at <= _MAX_UNCLOSED and _words(text[open_at + 1 : end]) >= 3:
                    out.append((open_at + 1, end))
        if carry_end is not None:
            # continue scanning after the chain's closing mark, in the paragraph holding it
            j, close_at = carry_end
            rest_start = close_at + 1
            paras[j] = (rest_start, paras[j][1])
            k = j
            continue
        k += 1
    return [(s, e) for s, e in out if e > s]


_SINGLE_OPENERS = "‘'"
_SINGLE_CLOSERS = "’'"


def find_single_quotes(text: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Inner spans of single-quoted quotations outside double-quoted spans: opening at a word
    boundary, closing before a space or punctuation, within one paragraph, three words or more."""

    def inside(i: int) -> bool:
        return any(s - 1 <= i <= e for s, e in taken)

    out: list[tuple[int, int]] = []
    for ps, pe in _paragraphs(text):
        i = ps
        while i < pe:
            ch = text[i]
            if ch in _SINGLE_OPENERS and not inside(i):
                prev = text[i - 1] if i > ps else " "
                nxt = text[i + 1] if i + 1 < pe else " "
                if prev in " \t([{—–-:" and (nxt.isalnum()) and not (ch == "'" and nxt.isdigit()):
                    close = None
                    for t in range(i + 2, min(pe, i + 400)):
                        c = text[t]
                        if c in _SINGLE_CLOSERS:
                            after = text[t + 1] if t + 1 < pe else " "
                            if not after.isalnum() and text[t - 1] not in " \t":
                                close = t
                                break
                    if close is not None and _words(text[i + 1 : close]) >= 3:
                        out.append((i + 1, close))
                        i = close + 1
                        continue
            i += 1
    return out


def find_direct_spans(text: str) -> list[tuple[int, int]]:
    """All direct-quote inner spans in text order, trimmed of surrounding whitespace.

    Two apostrophes ``''`` (a typewriter double quote some archives use for both ends) count as one
    double mark: the scanner sees ``"`` plus a neutral filler so offsets stay those of ``text``.
    """
    scan = text.replace("''", '"\x01') if "''" in text else text
    doubles = find_double_quotes(scan)
    spans = doubles + find_single_quotes(scan, doubles)
    out = []
    for s, e in sorted(spans):
        if s < e and scan[s] == "\x01":
            s += 1
        if e > s and text[e - 1] == "'" and text[e : e + 1] == "'":
            e -= 1
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


# ---------------------------------------------------------------------------------------------
# 2. candidates from cue verbs


@dataclass
class _Cand:
    start: int
    end: int
    kind: str
    cue: Any  # the cue token
    cue_text: str
    cue_span: tuple[int, int]
    subj: Any | None = None  # subject token, or the span of an "according to" object
    subj_span: tuple[int, int] | None = None
    addressee: str | None = None
    medium: str | None = None
    absorbed: list[int] = field(default_factory=list)
    mention: tuple[int, int] | None = None  # the speaker's span when a layout names it (a label)


def _cued(start: int, end: int, kind: str, cue: Any, text: str, subj: Any | None, **extra: Any) -> _Cand:
    """A candidate attributed to a cue token, with its cue phrase, medium and addressee."""
    cue_text, cue_span = _cue_phrase(cue, text)
    medium, addressee = _medium_and_addressee(cue, text)
    return _Cand(
        start=start,
        end=end,
        kind=kind,
        cue=cue,
        cue_text=cue_text,
        cue_span=cue_span,
        subj=subj,
        medium=medium,
        addressee=addressee,
        **extra,
    )


_PUNCT_TRIM = set(" \t\n,.;:—–-")


def _tok_end(tok: Any) -> int:
    return tok.idx + len(tok.text)


#: a dateline opening an article's first sentence: "MEXICO CITY -", "KHARTOUM, Sudan (Reuters) —".
_DATELINE = re.compile(
    r"[A-Z][A-Z.'’]+(?:[ \t][A-Z][A-Z.'’]+){0,3}(?:,[ \t]*[A-Z][\w.]*(?:[ \t][A-Z][\w.]*){0,2})?"
    r"(?:,[ \t]*[A-Z][a-z]{2,4}\.?[ \t]*\d{1,2})?[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?(?:[—–]|--?)[ \t]+"
)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    """Trim whitespace, edge punctuation, a leading 'that' and a leading connective from a clause."""
    changed = True
    while changed and s < e:
        changed = False
        while s < e and text[s] in _PUNCT_TRIM:
            s += 1
            changed = True
        while e > s and text[e - 1] in _PUNCT_TRIM:
            e -= 1
            changed = True
        m = re.match(r"(that|whether)\s+", text[s:e], re.I)
        if m:
            s += m.end()
            changed = True
        m = _DATELINE.match(text[s:e])
        if m:
            s += m.end()
            changed = True
        m = re.match(r"(\w+)\s*,", text[s:e])
        if m and m.group(1).lower() in K.LEADING_CONNECTIVES:
            s += m.end()
            changed = True
        m = re.match(r"(but|and)\s+", text[s:e], re.I)
        if m:
            s += m.end()
            changed = True
    # a dangling mark at either edge without its partner
    if s < e and text[e - 1] in "\"”»'’" and text[s:e].count(text[e - 1]) == 1 and text[e - 1] not in "'’":
        e -= 1
        while e > s and text[e - 1] in _PUNCT_TRIM:
            e -= 1
    return s, e


def _cue_phrase(tok: Any, text: str) -> tuple[str, tuple[int, int]]:
    """The cue as written: the verb plus a particle ("pointed out") or "according to"."""
    end = _tok_end(tok)
    if tok.lower_ == "according":
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt.lower_ == "to":
            end = _tok_end(nxt)
    elif tok.lemma_.lower() == "call" and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ in ("for", "on"):
        end = _tok_end(tok.nbor(1))  # "called for", "called on"
    else:
        parts = K.PHRASAL.get(tok.lemma_.lower())
        if parts:
            for c in tok.children:
                if c.dep_ == "prt" and c.lower_ in parts and c.i == tok.i + 1:
                    end = _tok_end(c)
    return text[tok.idx : end], (tok.idx, end)


_RELATIVE = frozenset({"who", "which", "that", "whom"})


def _subject(tok: Any) -> Any | None:
    """The cue's subject, inherited through coordination, control and participles ("X went on to
    say", "X spoke, saying ..."). A relative pronoun is returned as is: it is the mention."""
    cur = tok
    for _ in range(4):
        for c in cur.children:
            if c.dep_ in ("nsubj", "csubj"):
                return c
        if cur.head is cur:
            return None
        if cur.dep_ == "advcl" and cur.tag_ == "VBG":
            # ", adding that ..." hung on the reported clause belongs to the verb reporting it
            head = cur.head
            if head.dep_ == "ccomp" and head.head.lemma_.lower() in K.SPEECH:
                head = head.head
            cur = head
            continue
        if cur.dep_ in ("conj", "xcomp"):
            cur = cur.head
            continue
        if cur.dep_ == "relcl":
            return cur.head
        if cur.dep_ == "acl" and cur.tag_ == "VBG" and lemma_of(cur) in K.SPEECH:
            return cur.head  # "a statement saying ...", "protesters chanting ..."
        return None
    return None


_ADDRESSEE_VERBS = frozenset(
    {"tell", "inform", "assure", "warn", "brief", "advise", "ask", "urge", "remind", "caution"}
)
_POSTING_VERBS = frozenset({"write", "post", "tweet", "say", "announce"})


def _medium_and_addressee(tok: Any, text: str) -> tuple[str | None, str | None]:
    medium = addressee = None
    lemma = tok.lemma_.lower()
    for c in tok.children:
        if (
            c.dep_ in ("dative", "dobj")
            and lemma in _ADDRESSEE_VERBS
            and c.pos_ in ("NOUN", "PROPN", "PRON")
            and addressee is None
        ):
            addressee = text[c.left_edge.idx : _tok_end(c.right_edge)]
        if c.dep_ in ("prep", "dative") and c.lower_ in K.MEDIUM_PREPS | {"to", "with"}:
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is None:
                continue
            phrase = text[pobj.left_edge.idx : _tok_end(pobj.right_edge)]
            head = pobj.lower_
            is_medium = (
                pobj.lemma_.lower() in K.MEDIUM_NOUNS
                or head in K.PLATFORMS
                or phrase.lower() in K.PLATFORMS
                or (c.lower_ == "on" and pobj.pos_ == "PROPN" and lemma in _POSTING_VERBS)
            )
            if is_medium and medium is None and c.lower_ != "with":
                medium = phrase
            elif c.lower_ == "to" and addressee is None and pobj.pos_ in ("NOUN", "PROPN", "PRON") and not is_medium:
                addressee = phrase
    return medium, addressee


def _cut_reporting_participles(toks: list[Any], cue: Any) -> list[Any]:
    """Stop a reported clause before a trailing ", arguing/adding that ..." (its own attribution)."""
    keep = set(t.i for t in toks)
    for t in toks:
        if (
            t.dep_ == "advcl"
            and t.tag_ == "VBG"
            and t.lemma_.lower() in K.SPEECH
            and t.i > 0
            and t.doc[t.left_edge.i - 1].text == ","
        ):
            keep -= {d.i for d in t.subtree}
    for t in toks:
        # `said that "...," the paper reported`: a closing attribution nested in the clause is not content
        if t.dep_ in ("ccomp", "parataxis") and t.i > cue.i and lemma_of(t) in K.SPEECH and t.pos_ == "VERB":
            n = next((c for c in t.children if c.dep_ == "nsubj" and c.i < t.i), None)
            if n is None or n.left_edge.i == 0 or t.doc[n.left_edge.i - 1].text not in {",", "”", '"', "’", "'"}:
                continue
            if any(c.i > t.i and c.dep_ in ("ccomp", "xcomp", "dobj") for c in t.children):
                continue  # the nested verb reports what follows it: its own quote
            keep -= {i for i in keep if i >= n.left_edge.i}
    out = []
    for t in toks:
        if t.i not in keep:
            break
        out.append(t)
    return out


def _content_tokens(tok: Any) -> list[Any] | None:
    """Tokens of the clause a cue verb reports, or None when it reports none."""
    lemma = tok.lemma_.lower()
    ccomp = [c for c in tok.children if c.dep_ == "ccomp"]
    if not ccomp:
        # "tweeted that X was ..." sometimes parsed as an adverbial clause
        ccomp = [c for c in tok.children if c.dep_ == "advcl" and c.left_edge.lower_ == "that" and c.i > tok.i]
    if not ccomp and lemma in K.SPEECH:
        # "said seeing the police there was a relief": a clause with a gerund subject, parsed as a gerund
        # xcomp governing the real verb
        ccomp = [
            c
            for c in tok.children
            if c.dep_ == "xcomp"
            and c.i > tok.i
            and not _has_to(c)
            and c.tag_ == "VBG"
            and any(g.dep_ == "ccomp" and g.i > c.i for g in c.children)
        ]
    if ccomp:
        toks = {t for c in ccomp for t in c.subtree}
        last = max(t.i for t in toks)
        for c in tok.children:
            # "said the border must be secured, but that he would not ...": a second that-clause (or a
            # pronoun clause) coordinated with the first is said too
            if c.dep_ == "conj" and c.i > last and (_opens_with_that(c) or _pronoun_clause(c)):
                toks |= set(tok.doc[last + 1 : c.right_edge.i + 1])
                last = c.right_edge.i
        return _cut_reporting_participles(sorted(toks, key=lambda t: t.i), tok)
    if lemma in K.COMMISSIVE:
        xcomp = [
            c
            for c in tok.children
            if c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        ]
        if xcomp:
            return sorted({t for c in xcomp for t in c.subtree}, key=lambda t: t.i)
    if lemma in K.DIRECTIVE:
        # "urged both sides to return to the talks": the requested action is what was said
        xcomp = [
            c
            for c in tok.children
            if c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        ]
        if not xcomp:
            # "is calling his rivals to drop out": the parser may hang the infinitive as an adverbial clause
            described = any(c.dep_ in ("oprd", "acomp", "attr") for c in tok.children)  # "called X important to"
            xcomp = [c for c in tok.children if c.dep_ == "advcl" and c.i > tok.i and _has_to(c) and not described]
        if xcomp and any(c.dep_ in ("dobj", "dative") and c.i < xcomp[0].i for c in tok.children):
            return sorted({t for c in xcomp for t in c.subtree}, key=lambda t: t.i)
        if lemma == "call":
            for c in tok.children:
                if (
                    c.dep_ == "advcl"
                    and c.i > tok.i
                    and any(g.dep_ == "mark" and g.lower_ == "for" for g in c.children)
                ):
                    # "called for the minister to resign" parsed as a for-to clause: all but "for" was called for
                    return [t for t in c.subtree if not (t.dep_ == "mark" and t.lower_ == "for" and t.head.i == c.i)]
                if c.dep_ == "prep" and c.lower_ == "for":
                    pobj = [g for g in c.children if g.dep_ == "pobj"]
                    if pobj:
                        toks = {t for g in pobj for t in g.subtree}
                        # "called for the envoy to resign": the infinitive the parser hangs on "call" is
                        # part of what was called for
                        inf = [
                            g
                            for g in tok.children
                            if g.dep_ in ("xcomp", "advcl") and g.i > c.i and _has_to(g) and g.left_edge.i > c.i
                        ]
                        if inf and inf[0].left_edge.i == max(t.i for t in toks) + 1:
                            toks |= set(inf[0].subtree)
                        return sorted(toks, key=lambda t: t.i)
    if lemma in K.MIXED_VERBS:
        objs = [c for c in tok.children if c.dep_ in ("dobj", "oprd", "xcomp", "acomp", "attr")]
        if objs:
            return sorted({t for c in objs for t in c.subtree}, key=lambda t: t.i)
        return None
    # "..., the ministry said." or "The truth, the senator said, was ..." with the cue hanging off
    # the reported verb: the reporting clause must be set off by a comma (or a closing quote).
    if (
        lemma in K.AS_CUES
        and tok.dep_ == "advcl"
        and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children)
        and not any(c.dep_ in ("dobj", "ccomp", "xcomp", "nsubjpass") for c in tok.children)
    ):
        # "As the paper reported, talks have stalled" / "..., as the envoy noted": the host clause is reported
        lo, hi = tok.left_edge.i, tok.right_edge.i
        host = [t for t in tok.head.subtree if not t.is_space]
        toks = [t for t in host if t.i > hi] if lo <= host[0].i + 1 else [t for t in host if t.i < lo]
        return toks or None
    if lemma in K.SPEECH and tok.dep_ in ("parataxis", "ccomp", "advcl") and tok.head is not tok:
        if tok.dep_ == "advcl" and tok.tag_ == "VBG":
            return None  # "..., saying" opens its own clause, handled by its ccomp
        own = {t.i for t in tok.subtree}
        first = min(t.i for t in tok.subtree if not t.is_punct or t.i == tok.i)
        if first == 0 or tok.doc[first - 1].text not in {",", "”", '"', "'", "’", "—", "–"}:
            return None
        toks = [t for t in tok.head.subtree if t.i not in own]
        if tok.head.i < tok.i:
            toks = [t for t in toks if t.i < tok.i]
            rest = _parenthetical_rest(tok)
            if toks and rest:
                # "The talks will resume, an aide said, once the border reopens": both halves were said;
                # one contiguous span carries them, the attribution between them included
                toks = list(tok.doc[toks[0].i : rest[-1].i + 1])
        elif not any(t.i < tok.i and t.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for t in tok.head.children):
            # 'Of the talks, he said, "..."': a framing phrase before the cue is the writer's, not said
            framing = {
                d.i
                for c in tok.head.children
                if c.i < tok.i and c.dep_ in ("prep", "advcl", "advmod", "npadvmod", "punct", "cc")
                for d in c.subtree
            }
            toks = [t for t in toks if t.i not in framing]
        return toks or None
    return None


def _pronoun_clause(c: Any) -> bool:
    """A clause with a pronoun subject and no cue of its own, coordinated after a reported clause
    ("said he could not recall the dinner, but he did remember ..."): the report goes on."""
    if c.pos_ not in ("VERB", "AUX") or lemma_of(c) in K.SPEECH or lemma_of(c) in K.REPORT:
        return False
    subj = next((g for g in c.children if g.dep_ in ("nsubj", "nsubjpass", "expl")), None)
    return subj is not None and subj.lower_ in K.SPEAKER_PRONOUNS


def _as_source(tok: Any) -> Any | None:
    """The source of a subjectless "as" clause: "As stated in the report, ..." / "as reported by the paper"."""
    if tok.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
        return None
    for c in tok.children:
        if c.dep_ in ("agent", "prep") and c.lower_ in ("by", "in"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    return None


def _opens_with_that(tok: Any) -> bool:
    """A clause introduced by the complementizer "that" (after a conjunction or comma)."""
    for t in tok.subtree:
        if t.is_punct or t.dep_ == "cc":
            continue
        return t.lower_ == "that" and t.dep_ == "mark" and t.head.i == tok.i
    return False


def _parenthetical_rest(tok: Any) -> list[Any]:
    """The words after a mid-sentence attribution (", an aide said, once ...") that continue what was
    said: the attribution ("said on Monday") is closed by a comma or semicolon, and what follows belongs
    to the same clause (the reported verb's or the cue's subtree), is not a new reporting phrase
    (", adding ...", ", who ...") and has more than one word."""
    doc = tok.doc
    own = {t.i for t in tok.subtree}
    close = None
    for i in range(tok.i + 1, min(len(doc), tok.i + 12)):
        if doc[i].text in (",", ";"):
            close = i
            break
        if i not in own or doc[i].is_space or doc[i].text in (".", "!", "?", ":"):
            return []
    if close is None:
        return []
    end = max(max(own), max(t.i for t in tok.head.subtree))
    rest = [t for t in doc[close + 1 : end + 1]]
    while rest and (rest[-1].is_punct or rest[-1].is_space):
        rest.pop()
    words = [t for t in rest if not t.is_punct]
    if len(words) < 2 or any(t.is_space or "\n" in t.text or t.text in (".", "!", "?") for t in rest):
        return []
    first = words[0]
    if first.lower_ in _RELATIVE | {"according", "as"} or (first.tag_ == "VBG" and lemma_of(first) in K.SPEECH):
        return []
    return rest


_COLON_ON = re.compile(r"[ \t]*[:;][ \t]+(?=\S)")


def _colon_continuation(doc: Any, text: str, e: int) -> int:
    """End of a reported clause that a colon or semicolon carries on ("said the fault was not X; it was
    Y", "argued he was joking: his words were ..."): to the end of the next clause's sentence, in the
    same paragraph."""
    m = _COLON_ON.match(text, e)
    if m is None:
        return e
    nxt = _token_at(doc, m.end())
    if nxt is None:
        return e
    end = nxt.sent.end_char
    nl = text.find("\n", m.end(), end)
    if nl >= 0:
        end = nl
    while end > m.end() and text[end - 1] in " \t.":
        end -= 1
    return end if _words(text[m.end() : end]) >= 3 else e


def _according_to(tok: Any) -> tuple[list[Any], Any] | None:
    """For "according to X, ...": (content tokens, X's head)."""
    if tok.lower_ != "according" or tok.i + 1 >= len(tok.doc) or tok.nbor(1).lower_ != "to":
        return None
    to = tok.nbor(1)
    pobj = next((g for g in to.children if g.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((g for g in tok.children if g.dep_ == "pobj"), None)
    if pobj is None:
        return None
    sent = tok.sent
    own = {t.i for t in tok.subtree} | {t.i for t in to.subtree}
    toks = [t for t in sent if t.i not in own]
    before = [t for t in toks if t.i < tok.i]
    after = [t for t in toks if t.i > max(own)]
    doc = tok.doc
    last = max(own)
    root = sent.root
    if root.i in own or "\n" in sent.text:
        # no clear clause around the phrase: keep its larger side
        side = after if len(after) >= len(before) else before
    else:
        # the side holding the sentence's main verb is what the source says ("X leads by 5, according
        # to the poll, but Y ..." → the clause before; "According to the poll, X leads" → after)
        side = before if root.i < tok.i else after
    if (
        root.i > last
        and _words(" ".join(t.text for t in before)) >= 2
        and _words(" ".join(t.text for t in after)) >= 2
        and tok.i > 0
        and doc[tok.i - 1].text == ","
        and last + 1 < len(doc)
        and doc[last + 1].text == ","
        and not any("\n" in t.text for t in toks)
        and any(t.dep_ in ("nsubj", "nsubjpass", "expl") and t.head.i == root.i for t in before)
    ):
        # "The convoy, according to aid workers, reached the town": what precedes and follows was said
        side = toks
    return side, pobj


def lemma_of(tok: Any) -> str:
    """A cue lemma: spaCy's lemma, lower case, with the known slips mended ("hopes" → "hop")."""
    lemma = tok.lemma_.lower()
    if lemma == "hop" and tok.lower_.startswith("hop") and not tok.lower_.startswith("hopp"):
        return "hope"
    return lemma


_OBJ_TAIL_PREPS = frozenset({"of", "for", "as", "over", "on", "about", "with", "against", "to", "from"})


def _has_to(tok: Any) -> bool:
    return any(g.dep_ == "aux" and g.lower_ == "to" for g in tok.children)


def _span_of(toks: list[Any]) -> tuple[int, int] | None:
    toks = [t for t in toks if not t.is_space]
    if not toks:
        return None
    return min(t.idx for t in toks), max(_tok_end(t) for t in toks)


def _in_source(tok: Any) -> tuple[int, int, Any] | None:
    """ "In the latest poll, X leads ..." / "... , in a statement.": the rest of the sentence and the
    document or survey that carries it (the phrase opens the sentence or closes it after a comma)."""
    pobj = next((g for g in tok.children if g.dep_ == "pobj"), None)
    if pobj is None or pobj.lemma_.lower() not in K.SOURCE_IN_NOUNS:
        return None
    sent = tok.sent
    own = {t.i for t in tok.subtree}
    first, last = min(own), max(own)
    words = [t for t in sent if not t.is_punct and not t.is_space]
    if not words:
        return None
    if first == words[0].i:
        side = [t for t in sent if t.i > last]
    elif last == words[-1].i and first > sent.start and tok.doc[first - 1].text == ",":
        side = [t for t in sent if t.i < first]
    else:
        return None
    sp = _span_of(side)
    return (sp[0], sp[1], pobj) if sp else None


_HASHES: dict[int, frozenset[int]] = {}


def _lemma_hashes(vocab: Any, table: dict[str, Any]) -> frozenset[int]:
    """Hashes of every cue lemma of the frame table (plus "in" and spaCy's "hop"), once per vocabulary."""
    key = id(vocab)
    if key not in _HASHES:
        words = {w for d in table.values() for w in d} | {"in", "In", "hop"} | K.EVIDENCE_VERBS
        _HASHES[key] = frozenset(vocab.strings.add(w) for w in words | {w.capitalize() for w in words})
    return _HASHES[key]


def _evidence_object(tok: Any) -> tuple[int, int, Any, Any | None, str] | None:
    """ "The poll shows Clinton ahead by five points", "FEC records show $200,000 in payments": a survey or
    document subject states the object of "show"/"find"/"suggest" (a said-that clause is the main pass's)."""
    kids = list(tok.children)
    if any(c.dep_ in ("ccomp", "nsubjpass", "auxpass") for c in kids):
        return None
    subj = next((c for c in kids if c.dep_ == "nsubj"), None)
    if subj is None or subj.lemma_.lower() not in K.EVIDENCE_SUBJECTS:
        return None
    d = next((c for c in kids if c.dep_ == "dobj" and c.i > tok.i), None)
    if d is None:
        return None
    toks = list(d.subtree)
    for c in kids:
        if c.i > d.i and (c.dep_ in ("xcomp", "oprd", "advcl") or (c.dep_ == "prep" and c.lower_ in _OBJ_TAIL_PREPS)):
            toks += list(c.subtree)
    sp = _span_of(toks)
    return (sp[0], sp[1], tok, subj, "obj") if sp else None


def frame_candidates(doc: Any, table: dict[str, Any] | None = None) -> list[tuple[int, int, Any, Any | None, str]]:
    """Attributions whose content is not a said-that clause: (start, end, cue token, speaker token, frame).

    ``table`` maps a frame to its cue lemmas (``knowledge.cues.FRAME_TABLE``): an object noun phrase
    ("cited the report", "accused X of Y"), a to-infinitive of stance or intent ("vowed to stay"), an
    evidential verb over its clause ("the plan seems to ..."), a prepositional object ("talked about X"),
    or a cue noun with a that/to-clause ("her claim that ...", speaker from the possessive).
    """
    table = K.FRAME_TABLE if table is None else table
    obj, to, rais, about, noun = (table[f] for f in K.FRAMES)
    out: list[tuple[int, int, Any, Any | None, str]] = []
    wanted = _lemma_hashes(doc.vocab, table) if table is K.FRAME_TABLE else None
    for tok in doc:
        if wanted is not None and tok.lemma not in wanted:
            continue  # a quick test on the lemma hash: most tokens are no cue
        pos = tok.pos_
        if pos == "NOUN":
            lemma = tok.lemma_.lower()
            if lemma not in noun:
                continue
            for c in tok.children:
                if c.i < tok.i:
                    continue
                if (c.dep_ == "acl" and _has_to(c)) or (
                    c.dep_ in ("acl", "ccomp", "relcl") and c.left_edge.lower_ == "that" and c.left_edge.dep_ == "mark"
                ):
                    sp = _span_of(list(c.subtree))
                    if sp:
                        poss = next((g for g in tok.children if g.dep_ == "poss"), None)
                        if poss is None:  # "a decision by the court to ..."
                            by = next((g for g in tok.children if g.dep_ == "prep" and g.lower_ == "by"), None)
                            poss = next((g for g in by.children if g.dep_ == "pobj"), None) if by is not None else None
                        out.append((sp[0], sp[1], tok, poss, "noun"))
                    break
            continue
        if pos == "ADP":
            if tok.lower_ == "in" and tok.dep_ == "prep" and tok.head.dep_ == "ROOT":
                got = _in_source(tok)
                if got is not None:
                    out.append((got[0], got[1], tok, got[2], "in"))
            continue
        if pos not in ("VERB", "AUX"):
            continue
        lemma = lemma_of(tok)
        if lemma in K.EVIDENCE_VERBS:
            got = _evidence_object(tok)
            if got is not None:
                out.append(got)
                continue
        if lemma not in obj and lemma not in to and lemma not in rais and lemma not in about:
            continue
        # "rejected the truce", "accused X of Y": an act for the events stage, not a quote ("talked about X" is)
        event = lemma in K.EVENT_VERBS
        kids = list(tok.children)
        if any(c.dep_ == "ccomp" for c in kids):
            continue  # a said-that clause: the main pass
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in kids)
        if lemma in rais and (passive or "pass" not in rais[lemma]):
            x = next((c for c in kids if c.dep_ == "xcomp" and _has_to(c) and c.i > tok.i), None)
            if x is None and not passive:
                # "the truce seems unlikely to hold", "it seems clear that ...": an adjective carries the clause
                x = next(
                    (
                        c
                        for c in kids
                        if c.dep_ in ("acomp", "attr", "oprd")
                        and c.i > tok.i
                        and any(g.dep_ in ("xcomp", "ccomp") and g.i > c.i for g in c.children)
                    ),
                    None,
                )
            if x is not None:
                subj = next((c for c in kids if c.dep_ in ("nsubj", "nsubjpass")), None)
                toks = list(x.subtree) + ([*subj.subtree, tok] if subj is not None and subj.i < tok.i else [])
                sp = _span_of(toks)
                if sp:
                    out.append((sp[0], sp[1], tok, None, "raise"))
                continue
        if passive:
            continue
        subj = _subject(tok)
        if subj is None:
            continue
        if lemma in obj and not event:
            d = next((c for c in kids if c.dep_ == "dobj" and c.i > tok.i), None)
            if d is not None:
                toks = list(d.subtree)
                for c in kids:
                    if c.i > d.i and (
                        (c.dep_ == "prep" and c.lower_ in _OBJ_TAIL_PREPS) or (c.dep_ in ("xcomp", "oprd"))
                    ):
                        toks += list(c.subtree)
                sp = _span_of(toks)
                if sp:
                    out.append((sp[0], sp[1], tok, subj, "obj"))
                continue
        if lemma in to and not event:
            x = next((c for c in kids if c.dep_ == "xcomp" and _has_to(c) and c.i > tok.i), None)
            if x is not None:
                d = next((c for c in kids if c.dep_ in ("dobj", "dative") and tok.i < c.i < x.i), None)
                sp = _span_of(list(x.subtree) + (list(d.subtree) if d is not None else []))
                if sp:
                    out.append((sp[0], sp[1], tok, subj, "to"))
                continue
        if lemma in about:
            preps = about[lemma] & {"about"} if event else about[lemma]
            for c in kids:
                if c.dep_ == "prep" and c.i > tok.i and c.lower_ in preps:
                    g = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
                    if g is not None:
                        sp = _span_of(list(g.subtree))
                        if sp:
                            out.append((sp[0], sp[1], tok, subj, "about"))
                        break
    return out


# ---------------------------------------------------------------------------------------------
# speakers


def _np_span(head: Any, text: str) -> tuple[int, int]:
    """The subject noun phrase without trailing appositions, relative clauses or commas."""
    left = head.left_edge
    right = head
    for t in head.subtree:
        if t.i > head.i:
            if t.dep_ in ("punct", "appos", "relcl", "acl") and t.head == head:
                break
            if t.text == ",":
                break
            right = t
    return left.idx, _tok_end(right)


def _ent_of(tok: Any) -> Any | None:
    """The named entity containing a token, found by walking its IOB tags (doc.ents is slow)."""
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return doc[start:end]


def _mention_span(draft: Draft, subj: Any) -> tuple[int, int]:
    """The span naming the speaker: an actor mention or named entity over the subject head, else the NP."""
    text = draft.text
    if subj.pos_ == "PRON":
        return subj.idx, _tok_end(subj)
    s, e = _np_span(subj, text)
    hs, he = subj.idx, _tok_end(subj)
    best = None
    for actor in draft.actors:
        for m in actor.mentions:
            inside = m.start <= hs and he <= m.end and s <= m.start and m.end <= e
            if inside and (best is None or (m.end - m.start) > (best[1] - best[0])):
                best = (m.start, m.end)
    if best:
        return best
    if subj.ent_type_ == "PERSON":
        toks = [t for t in _ent_of(subj) if t.lower_ not in K.TITLE_WORDS]
        if toks:
            return toks[0].idx, _tok_end(toks[-1])
    return s, e


def _fuzzy_actor(draft: Draft, name: str) -> str | None:
    """An actor whose name or alias is a close spelling variant of ``name`` (transliterations)."""
    key = name.lower().strip()
    if len(key) < 4:
        return None
    best: tuple[float, str] | None = None
    for actor in draft.actors:
        for cand in [actor.name, *actor.aliases, *(m.text for m in actor.mentions)]:
            c = cand.lower()
            score = max(fuzz.ratio(key, c), fuzz.ratio(key.split()[-1], c.split()[-1]) if c.split() else 0)
            if score >= 85 and (best is None or score > best[0]):
                best = (score, actor.id)
    return best[1] if best else None


def _resolve_pronoun(draft: Draft, pron: Any, previous: Quote | None) -> str | None:
    """He/she/they → the previous quote's speaker, else the nearest preceding person actor."""
    if previous is not None and previous.speaker is not None and pron.idx - previous.end < 2000:
        return previous.speaker
    kinds = {
        "he": {"person"},
        "she": {"person"},
        "they": {"group", "organization", "country", "person"},
        "we": {"group", "organization", "country"},
        "it": {"organization", "country"},
    }.get(pron.lower_, set())
    best: tuple[int, str] | None = None
    for actor in draft.actors:
        if actor.kind not in kinds:
            continue
        for m in actor.mentions:
            if m.end <= pron.idx and pron.idx - m.end < 1500 and (best is None or m.end > best[0]):
                best = (m.end, actor.id)
    return best[1] if best else None


# ---------------------------------------------------------------------------------------------
# the stage


def _token_at(doc: Any, char: int) -> Any | None:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span[0] if span is not None and len(span) else None


def _gap_chars(text: str, quote: tuple[int, int], pos: int) -> int:
    """Characters between a quote's marks and a position outside it."""
    qs, qe = quote
    return qs - pos if pos < qs else max(0, pos - qe)


def _mixed_lead(text: str, cue: Any, qs: int) -> int | None:
    """Start of the words running from a cue into a quote's opening mark with no comma or colon
    between (`noted the candidate "has ..."`, `promised to end "the ... regime"`), else None."""
    ce = _tok_end(cue)
    if ce >= qs:
        return None
    mark = qs - 1
    while mark > ce and text[mark] in " \t":
        mark -= 1
    gap = text[ce:mark]
    if not gap.strip() or re.search(r"[,:;.!?\n\"“”«»—–]", gap) or _words(gap) > 10:
        return None
    s, _e = _trim(text, ce, mark)
    return s if s < mark else None


def _continues_quote(text: str, directs: list[tuple[int, int]], claimed: dict[int, int], k: int) -> bool:
    """A short quoted sentence right after an attributed quote in the same paragraph (`"A," X said.
    "B."`): the speaker goes on, it is no scare quote."""
    if k == 0 or k - 1 not in claimed:
        return False
    qs, qe = directs[k]
    gap = text[directs[k - 1][1] : qs]
    return (
        "\n" not in gap
        and len(gap) <= 100
        and re.search(r"[.!?][\s\"”'’]*[\"“'‘]?\s*\Z", gap) is not None
        and text[qs:qe].rstrip()[-1:] in ".!?,"
    )


def _looks_like_title(s: str) -> bool:
    """A short quoted span in title case names a work ("Legend in the Coal Fields"), not a statement."""
    words = re.findall(r"[^\W\d_][\w'’-]*", s)
    if not words or len(words) > 8:
        return False
    caps = sum(w[0].isupper() for w in words if len(w) > 3 or w[0].isupper())
    longish = sum(1 for w in words if len(w) > 3 or w[0].isupper())
    return longish > 0 and caps / longish >= 0.75


#: `"..." — Name` (a dash after the closing mark names the speaker, as under a pull quote).
_DASH_SPEAKER = re.compile(r"[\"”»'’]?[ \t\u00a0]*[―—–][ \t\u00a0]*([A-Z][\w.'’-]*(?:[ \u00a0][A-Z][\w.'’-]*){0,4})")


#: the words after a cue's colon: the rest of its line, or the whole next paragraph when the line ends there.
_COLON_REST = re.compile(r"[ \t]*(?:\n\s*)?(\S[^\n]*)")

#: a name and a colon right before a quote's opening mark: `Donald Trump: "..."`.
_LABEL_BEFORE = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))([A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3}):[ \t]*[\"“«'‘]?\Z", re.M
)

#: a quoted transcript turn opening with a speaker label in capitals: `"PENCE: Well, ..."`.
_INNER_LABEL = re.compile(r"([A-Z][A-Z.'’-]+(?:[ \t][A-Z][A-Z.'’-]+){0,2}):[ \t]")

#: a paragraph opening with a speaker label: "PENCE: Well, ..." or "Lavrov: talks are over".
_COLON_SPEAKER = re.compile(r"(?m)^[ \t]*([A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3}):[ \t]+(\S[^\n]*)")


class QuoteFinder:
    """Finds quotes in a draft; kept separate from the stage so the evaluation can reuse it."""

    def __init__(self, min_indirect_tokens: int = 3, keep_unattributed: bool = True) -> None:
        self.min_indirect_tokens = min_indirect_tokens
        self.keep_unattributed = keep_unattributed

    def __call__(self, draft: Draft) -> list[Quote]:
        text, doc = draft.text, draft.doc
        directs = find_direct_spans(text)
        in_quote = [False] * len(doc)
        for s, e in directs:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None:
                for t in span:
                    in_quote[t.i] = True

        def in_quote_char(pos: int) -> bool:
            return any(qs <= pos < qe for qs, qe in directs)

        cands: list[_Cand] = []
        claimed: dict[int, int] = {}  # direct index → candidate index
        used_cues: set[int] = set()
        for tok in doc:
            if in_quote[tok.i]:
                continue
            lemma = lemma_of(tok)
            subj = None
            acc = _according_to(tok) if tok.lower_ == "according" else None
            if acc is not None:
                toks, subj = acc
            elif tok.pos_ in ("VERB", "AUX") and (
                K.is_report_verb(lemma) or lemma in K.PHRASAL or lemma in K.COMMISSIVE
            ):
                particles = K.PHRASAL.get(lemma)
                if particles and not any(c.dep_ == "prt" and c.lower_ in particles for c in tok.children):
                    continue
                toks = _content_tokens(tok)
                if toks is None:
                    continue
                subj = _subject(tok) or _as_source(tok)
                if (lemma not in K.SPEECH or lemma in K.MIXED_VERBS) and subj is None:
                    continue  # "so-called", "the poll, described as ...": no one reports anything
                if tok.i > 0 and doc[tok.i - 1].text == "-":
                    continue
            else:
                continue
            toks = [t for t in toks if not (t.is_space)]
            if not toks:
                continue
            s, e = _trim(text, toks[0].idx, _tok_end(toks[-1]))
            if e <= s:
                continue
            # a reported clause stays in the cue's paragraph (a parse may run across a paragraph break)
            if "\n" in text[s:e]:
                if tok.idx < s:
                    e = text.index("\n", s)
                elif tok.idx >= e:
                    s = text.rindex("\n", s, e) + 1
                else:
                    # the cue sits inside the span: keep its paragraph, and only the words before a
                    # closing reporting clause ("..., Mr. X said.")
                    s = text.rfind("\n", s, tok.idx) + 1 or s
                    nl = text.find("\n", tok.idx, e)
                    e = nl if nl >= 0 else e
                    head = subj.left_edge.idx if subj is not None and subj.i < tok.i else tok.idx
                    if s < head and len(text[_tok_end(tok) : e].strip()) < 40:
                        e = head
                s, e = _trim(text, s, e)
                if e <= s:
                    continue
            if tok.idx < s:
                e = _colon_continuation(doc, text, e)
            # pull in a quote that starts inside the clause and runs past it
            for qs, qe in directs:
                if s <= qs < e < qe + 1:
                    e = min(qe + 1, len(text)) if qe < len(text) and text[qe] in "\"”»'’" else qe
            overlapping = [k for k, (qs, qe) in enumerate(directs) if qs < e and s < qe]
            covered = [k for k in overlapping if directs[k][0] - 2 <= s and e <= directs[k][1] + 2]
            if not covered:
                # a clause starting inside a quote that the cue follows (`... finished," she said of ...`)
                # is a misparse: the quote is what the cue reports
                covered = [k for k in overlapping if directs[k][0] < s < directs[k][1] and directs[k][1] <= tok.idx]
            body = [t for t in doc.char_span(s, e, alignment_mode="expand") or [] if not t.is_punct]
            if covered:
                k = covered[0]
                s, e = directs[k]
                kind = "direct"
            elif overlapping:
                kind = "mixed"
            else:
                if len(body) < self.min_indirect_tokens:
                    continue
                kind = "indirect"
            directive = (
                lemma in K.DIRECTIVE
                and any(
                    c.dep_ == "xcomp"
                    or (c.dep_ == "prep" and c.lower_ == "for")
                    or (
                        c.dep_ == "advcl" and c.i > tok.i and (_has_to(c) or any(g.lower_ == "for" for g in c.children))
                    )
                    for c in tok.children
                )
                and not any(c.dep_ in ("oprd", "acomp", "attr") for c in tok.children)
            )
            if lemma in K.MIXED_VERBS and kind == "indirect" and acc is None and not directive:
                continue  # "called the talks important" is a description, not a quote
            cand = _cued(s, e, kind, tok, text, subj, absorbed=overlapping)
            if any(k in claimed for k in overlapping):
                # a quote already claimed by an earlier cue: a direct quote goes to the cue nearer to
                # its marks (`X blasted the move. "...," said Y` → Y); otherwise the first cue keeps it
                k = overlapping[0]
                old = cands[claimed[k]]
                if not (
                    kind == "direct"
                    and old.kind == "direct"
                    and len(overlapping) == 1
                    and old.cue is not None
                    and _gap_chars(text, directs[k], tok.idx) + 10 < _gap_chars(text, directs[k], old.cue.idx)
                ):
                    continue
                used_cues.discard(old.cue.i)
                cands[claimed[k]] = cand
                used_cues.add(tok.i)
                continue
            for k in overlapping:
                claimed[k] = len(cands)
            cands.append(cand)
            used_cues.add(tok.i)

        # a block quote: "X added:" then the words without quote marks, on the same line or the next paragraph
        for tok in doc:
            if in_quote[tok.i] or tok.i in used_cues or tok.pos_ not in ("VERB", "AUX"):
                continue
            if not K.is_speech_verb(tok.lemma_.lower()):
                continue
            colon = next((t for t in doc[tok.i + 1 : tok.i + 8] if t.text == ":"), None)
            if colon is None or any(t.text in {".", "!", "?"} for t in doc[tok.i + 1 : colon.i]):
                continue
            subj = _subject(tok)
            if subj is None:
                continue
            rest = _COLON_REST.match(text, _tok_end(colon))
            if rest is None or text[rest.start(1)] in "\"“«'‘„":
                continue
            cs, ce = rest.start(1), rest.end(1)
            while ce > cs and text[ce - 1].isspace():
                ce -= 1
            if _words(text[cs:ce]) < 4 or any(c.start < ce and cs < c.end for c in cands):
                continue
            cands.append(_cued(cs, ce, "direct", tok, text, subj))
            used_cues.add(tok.i)
            for k, (qs, qe) in enumerate(directs):
                if cs <= qs and qe <= ce + 1:
                    claimed[k] = len(cands) - 1

        # transcript and headline style: a paragraph opening "NAME: words" (PENCE: Well, ...)
        for m in _COLON_SPEAKER.finditer(text):
            label = m.group(1)
            if label.lower() in K.NOT_SPEAKER_LABELS or in_quote_char(m.start(2)):
                continue
            name = doc.char_span(m.start(1), m.end(1), alignment_mode="contract")
            if name is None or not len(name) or not all(t.pos_ == "PROPN" or t.is_upper for t in name):
                continue
            # a speaker label is in capitals (PENCE:) or names a person or body; a place or date
            # label ("Khartoum: ...") is a dateline
            if any(t.ent_type_ in ("GPE", "LOC", "DATE", "TIME", "FAC") for t in name) or any(
                p.start < name.end_char and name.start_char < p.end for pl in draft.places for p in pl.mentions
            ):
                continue
            # a headline "Name: claim" (the article's first line) quotes its speaker
            headline = "\n" not in text[: m.start(1)].strip()
            speaker_like = headline or label.isupper() or any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in name)
            if not speaker_like and actor_at(draft, name.start_char, name.end_char) is None:
                continue
            cs, ce = m.start(2), m.end(2)
            while ce > cs and text[ce - 1].isspace():
                ce -= 1
            if _words(text[cs:ce]) < 3 or any(c.start <= cs < c.end for c in cands):
                continue
            cands.append(
                _Cand(start=cs, end=ce, kind="direct", cue=None, cue_text="", cue_span=(cs, cs), subj=name.root)
            )
            for k, (qs, qe) in enumerate(directs):
                if cs <= qs and qe <= ce + 1:
                    claimed[k] = len(cands) - 1

        # 3. leftover direct quotes: nearest speech cue in the sentence, or the sentence before ending in ':'
        for k, (qs, qe) in enumerate(directs):
            if k in claimed:
                continue
            if not any(ch.isalpha() for ch in text[qs:qe]):
                continue  # quoted numbers (a post's id, a price) say nothing
            dash = _DASH_SPEAKER.match(text, qe)
            if dash:
                name = doc.char_span(dash.start(1), dash.end(1), alignment_mode="contract")
                if name is not None and len(name) and any(t.pos_ == "PROPN" for t in name):
                    cands.append(
                        _Cand(start=qs, end=qe, kind="direct", cue=None, cue_text="", cue_span=(qs, qs), subj=name.root)
                    )
                    claimed[k] = len(cands) - 1
                    continue
            label = _LABEL_BEFORE.search(text, max(0, qs - 60), qs)
            inner = _INNER_LABEL.match(text, qs, qe)
            if label is None and inner is not None:
                # a quoted transcript: `"PENCE: Well, ..."` names its speaker inside the marks
                label = inner
            if label is None:
                # a quote inside a transcript turn: "WALLACE: You said, "...". Is that so?"
                para = text.rfind("\n", 0, qs) + 1
                turn = _COLON_SPEAKER.match(text, para)
                if turn is not None and turn.end(1) < qs and turn.group(1).isupper():
                    label = turn
            if label and label.group(1).lower() not in K.NOT_SPEAKER_LABELS:
                # `... he tweeted about it. Donald Trump: "..."` — a name and a colon open the quote
                name = doc.char_span(label.start(1), label.end(1), alignment_mode="contract")
                if (
                    name is not None
                    and len(name)
                    and all(t.pos_ == "PROPN" for t in name)
                    and not any(t.ent_type_ in ("GPE", "LOC", "DATE", "TIME") for t in name)
                ):
                    cands.append(
                        _Cand(
                            start=qs,
                            end=qe,
                            kind="direct",
                            cue=None,
                            cue_text="",
                            cue_span=(qs, qs),
                            subj=name.root,
                            mention=(name.start_char, name.end_char),
                        )
                    )
                    claimed[k] = len(cands) - 1
                    continue
            cue, adjacent = self._nearest_cue(doc, text, qs, qe, in_quote, used_cues)
            if cue is not None and not adjacent and _words(text[qs:qe]) < 4:
                cue = None  # a short quote far from its verb is a scare quote or a title
            if cue is None:
                short = _words(text[qs:qe]) < 4 and not _continues_quote(text, directs, claimed, k)
                if not self.keep_unattributed or short or _looks_like_title(text[qs:qe]):
                    continue
                cands.append(_Cand(start=qs, end=qe, kind="direct", cue=None, cue_text="", cue_span=(qs, qs)))
                claimed[k] = len(cands) - 1
                continue
            used_cues.add(cue.i)
            subj = _subject(cue)
            lead = _mixed_lead(text, cue, qs) if subj is not None else None
            if lead is not None:
                # `noted the candidate "has earned himself fans"`: the words between cue and marks are said too
                end = qe + 1 if qe < len(text) and text[qe] in "\"”»'’" else qe
                cands.append(_cued(lead, end, "mixed", cue, text, subj, absorbed=[k]))
            else:
                cands.append(_cued(qs, qe, "direct", cue, text, subj))
            claimed[k] = len(cands) - 1

        # 4. attributions without a said-that clause: "cited X", "vowed to ...", "her claim that ..."
        for fs, fe, cue, subj, _frame in frame_candidates(doc):
            if in_quote[cue.i]:
                continue
            fs, fe = _trim(text, fs, fe)
            if fe <= fs or "\n" in text[fs:fe] or any(c.start < fe and fs < c.end for c in cands):
                continue
            if _words(text[fs:fe]) < 2:
                continue  # "revealed it", "cited him": nothing said
            if any(qs < fe and fs < qe for qs, qe in directs):
                kind = "mixed"
            else:
                kind = "indirect"
            cands.append(_cued(fs, fe, kind, cue, text, subj))

        cands.sort(key=lambda c: (c.start, c.end))
        # drop candidates nested inside another's content (reported speech inside reported speech)
        kept: list[_Cand] = []
        for c in cands:
            if kept and kept[-1].start <= c.start and c.end <= kept[-1].end and kept[-1].kind != "direct":
                continue
            kept.append(c)

        for c in kept:
            # the reporting words opening a span are not what was said: "which he said had ...",
            # "The ministry said it was ..." keep only the words after the cue
            if (
                c.kind == "direct"
                or c.cue is None
                or c.subj is None
                or not (c.start <= c.subj.idx < c.cue_span[0] < c.end)
            ):
                continue
            lead = text[c.start : c.subj.left_edge.idx].rstrip()
            if lead.endswith(","):
                continue  # "The plan, an aide said, was ...": an attribution set inside what was said
            if _words(lead) <= 2 and _words(text[c.cue_span[1] : c.end]) >= 3:
                c.start, c.end = _trim(text, c.cue_span[1], c.end)

        quotes: list[Quote] = []
        cue_spans: dict[str, tuple[int, int]] = {}
        for n, c in enumerate(kept, start=1):
            mention = None
            speaker = None
            if c.subj is not None:
                ms, me = c.mention or _mention_span(draft, c.subj)
                mention = Span(start=ms, end=me, text=text[ms:me])
                speaker = actor_at(draft, c.subj.idx, _tok_end(c.subj)) or actor_at(draft, ms, me)
                if speaker is None and c.subj.pos_ == "PRON":
                    if c.subj.lower_ in K.SPEAKER_PRONOUNS:
                        speaker = _resolve_pronoun(draft, c.subj, quotes[-1] if quotes else None)
                    if speaker is None and c.subj.lower_ in _RELATIVE and c.subj.head.dep_ == "relcl":
                        noun = c.subj.head.head  # "the envoy, who said ..." → the envoy
                        speaker = actor_at(draft, noun.idx, _tok_end(noun))
                elif speaker is None and c.subj.pos_ == "PROPN":
                    speaker = _fuzzy_actor(draft, mention.text)
            if c.cue is None and c.subj is None and quotes and quotes[-1].speaker_mention is not None:
                # a quote with no cue right after a quote by a known speaker continues it:
                # `"A," X said. "B."` or a paragraph that is all quote after X's quoted paragraph
                prev = quotes[-1]
                gap = text[prev.end : c.start]
                if len(re.findall(r"\n\s*", gap)) <= 1 and _words(gap) <= 20 and len(gap) <= 250:
                    mention, speaker = prev.speaker_mention, prev.speaker
            if c.cue is None and mention is None and c.kind == "direct":
                # the sentence before names who speaks: `X, who led the talks, spoke on Monday. "..."`
                subj = self._previous_sentence_speaker(doc, text, c.start, in_quote)
                if subj is not None:
                    ms, me = _mention_span(draft, subj)
                    mention = Span(start=ms, end=me, text=text[ms:me])
                    speaker = actor_at(draft, subj.idx, _tok_end(subj)) or actor_at(draft, ms, me)
            qid = draft.make_id("q", n)
            quotes.append(
                Quote(
                    id=qid,
                    speaker=speaker,
                    speaker_text=mention.text if mention else None,
                    speaker_mention=mention,
                    cue=c.cue_text or None,
                    kind=c.kind,
                    text=text[c.start : c.end],
                    start=c.start,
                    end=c.end,
                    addressee=c.addressee,
                    medium=c.medium,
                )
            )
            if c.cue is not None:
                cue_spans[qid] = c.cue_span
        draft.scratch["quote_cues"] = cue_spans
        return quotes

    @staticmethod
    def _previous_sentence_speaker(doc: Any, text: str, qs: int, in_quote: list[bool]) -> Any | None:
        """Subject of a speech verb in the sentence just before a quote (same or previous paragraph)."""
        first = _token_at(doc, qs)
        if first is None:
            return None
        sent = first.sent
        if sent.start == 0 or sent.start_char < qs - 2:
            return None  # the quote does not open its sentence
        prev = doc[sent.start - 1].sent
        if text.count("\n", prev.end_char, qs) > 2:
            return None
        for t in reversed(list(prev)):
            if in_quote[t.i] or t.pos_ not in ("VERB", "AUX"):
                continue
            if K.is_speech_verb(t.lemma_.lower()):
                subj = _subject(t)
                if subj is not None and (subj.pos_ == "PROPN" or subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")):
                    return subj
        return None

    @staticmethod
    def _nearest_cue(
        doc: Any, text: str, qs: int, qe: int, in_quote: list[bool], used: set[int]
    ) -> tuple[Any | None, bool]:
        """The speech verb attributing a direct quote, and whether it sits right next to the quote."""
        first = _token_at(doc, qs)
        last = _token_at(doc, max(qs, qe - 1))
        if first is None or last is None:
            return None, False
        s_sent, e_sent = first.sent, last.sent

        def speech(t: Any) -> bool:
            return (
                not in_quote[t.i]
                and t.i not in used
                and t.pos_ in ("VERB", "AUX")
                and t.dep_ != "amod"
                and not (t.i > 0 and t.doc[t.i - 1].text == "-")
                and (K.is_speech_verb(t.lemma_.lower()) or t.lemma_.lower() in K.PHRASAL)
            )

        after = [t for t in e_sent if t.idx >= qe and speech(t)]
        if not after and e_sent.end < len(doc) and len(doc[e_sent.end].sent) <= 12:
            # `"... already." Trump said.` — the parser ends the sentence at the closing mark
            nxt = doc[e_sent.end].sent
            if not text[qe : nxt.start_char].strip(" \t\"”»'’.!?,"):
                after = [t for t in nxt[:6] if speech(t)]
        before = [t for t in s_sent if _tok_end(t) <= qs and speech(t)]
        # a cue right after the closing mark (`," he said`) or right before the opening one (`said: "`)
        if after and after[0].i - last.i <= 6:
            return after[0], True
        if before and first.i - before[-1].i <= 8:
            return before[-1], True
        # the sentence before ends with a colon: "He added:" then the quote
        prev_text = text[:qs].rstrip(" \t\n\"“«'‘")
        if prev_text.endswith(":") and s_sent.start > 0:
            colon_tok = _token_at(doc, len(prev_text) - 1)
            if colon_tok is not None:
                cands = [t for t in colon_tok.sent if speech(t) and _tok_end(t) <= qs]
                if cands:
                    return cands[-1], True
        if after:
            return after[0], False
        if before:
            return before[-1], False
        return None, False


@stages.register("quotes")
class QuotesStage:
    """Direct, indirect and mixed quotes with speaker, cue, addressee and medium."""

    name = "quotes"
    requires = ("doc", "actors", "places")
    assigns = ("quotes",)

    def __init__(self, **config: Any) -> None:
        self.finder = QuoteFinder(**config)

    def __call__(self, draft: Draft) -> None:
        draft.quotes.extend(self.finder(draft))


def quote_at(draft: Draft, start: int, end: int) -> str | None:
    """Id of the quote whose text overlaps [start, end) or whose cue sits inside it (for events)."""
    cues = draft.scratch.get("quote_cues", {})
    best: tuple[int, str] | None = None
    for q in draft.quotes:
        overlap = min(end, q.end) - max(start, q.start)
        cs = cues.get(q.id)
        if cs is not None and start <= cs[0] < end:
            overlap = max(overlap, 1)
        if overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, q.id)
    return best[1] if best else None
