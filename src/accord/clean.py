"""Repair scrape and translation artefacts in an article body, recording every change.

Every offset accord emits points into the *cleaned* text, so cleaning must be auditable: each change
is a :class:`~accord.records.Repair` that says what was replaced, where (in both texts) and why.
Applying the repairs backwards to ``text`` gives the raw input back exactly, and text outside the
repairs is copied unchanged, so a user can verify any span against the source.

How it works. Cleaning runs a fixed sequence of *passes*. Each pass looks at the current text and
proposes edits ``(start, end, replacement, reason)`` that do not overlap (within a pass the order of
its rules is the priority; across passes, a later pass sees the earlier one's output). The edits are
applied once and folded into the repairs so far in one linear sweep: an edit that touches an earlier
repair merges with it, so one raw stretch has one repair (``â€™`` → ``'`` is one repair with reason
``mojibake+quote-mark``). If a round changed something and non-ASCII text remains, the passes run
again (at most :data:`MAX_ROUNDS` rounds), so that ``clean(clean(x).text)`` changes nothing even when
removing an invisible character exposes mojibake. The offset map is built from the final repairs and
answers with a binary search. Each pass finds its candidates with a regex that starts with a
character class or a literal (which ``re`` scans quickly) and checks them in Python.

Passes and reasons, in order:

1. ``mojibake`` – a word holding a run that looks like UTF-8 decoded as cp1252/latin-1 (``Ã©``, ``â€™``)
   or a stray C1 control goes to :func:`ftfy.fix_encoding`, which judges it in context and leaves real
   Latin-1 text alone; the repairs are narrowed to the characters that changed.
2. ``newline`` (``\\r\\n``, ``\\r``, form feed, U+2028 → ``\\n``), ``control-char`` (removed),
   ``zero-width`` (ZWSP, BOM, word joiner, bidi marks removed; ZWJ/ZWNJ only next to ASCII, since they
   carry meaning in Arabic, Persian and emoji), ``soft-hyphen`` (removed), ``quote-mark`` (curly double
   quotes “ ” „ ‟ → ``"``, curly single quotes ‘ ’ ‚ ‛ → ``'``; guillemets « » stay), ``whitespace``
   (NBSP, thin and other Unicode spaces → space).
3. ``nfc`` – decomposed letters composed (NFC), one repair per changed letter.
4. ``whitespace`` / ``trim`` – a run of spaces and tabs becomes one space; spaces at line ends and
   starts go; three or more newlines become a paragraph break (two). Leading and trailing whitespace
   is trimmed, except that one final newline is kept when the input ended with one (text files do,
   and the shared worked example keeps it with no repairs).
5. ``furniture`` – whole short lines that are page furniture (share buttons, "Read more: …", cookie
   notices, copyright lines, photo credits …) are removed with their newline; then step 4 runs again.
   Patterns are anchored to the whole line, so a sentence that merely contains "share" stays.
6. ``run-together`` – ``warnedThe`` → ``warned The``: a lowercase word of 2+ letters that is common in
   English (``wordfreq`` Zipf ≥ :data:`MIN_LEFT_ZIPF`) glued to a capitalised word, where the glued
   token is not itself a known word (Zipf < :data:`MAX_JOINED_ZIPF`). Tokens starting with a capital
   (``McDonald``, ``YouTube``, ``DeSantis``), one-letter prefixes (``iPhone``, ``eBay``, ``iOS``), name
   particles (``deGrasse``, :data:`RUN_TOGETHER_KEEP`), camel-case right parts (``getElementById``) and
   URL- or handle-like tokens stay whole. An all-caps right part (``saidNATO``) needs a very common
   left word (Zipf ≥ :data:`MIN_LEFT_ZIPF_CAPS`), which keeps ``macOS`` and ``siRNA`` whole.

   ``missing-space`` – ``Geneva.The`` → ``Geneva. The`` after ``.``, ``!``, ``?``, ``...`` or ``…``,
   possibly followed by a closing quote or bracket. Kept whole: initials and dotted chains (``U.S.``,
   ``J.R.R.``, ``Ph.D.``, ``e.g.``, ``a.m.``), numbers (``3.5``, ``No.5``), domains, URLs and e-mail
   addresses, and :data:`ABBREVIATIONS` such as ``Mr.``, ``Jan.`` and ``St.``. So ``St.Petersburg``
   stays as written: an abbreviation is not a sentence end, and the spelling is common in Russian
   outlets. A straight double quote after the stop is taken as closing (``said." The``) unless the
   quotes of its paragraph show that it opens a quotation (``said. "The talks …," she added``); a
   curly quote's direction is read from the raw text.

If nothing but whitespace and furniture remains, :class:`accord.errors.EmptyInput` is raised.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from functools import lru_cache
from itertools import accumulate, pairwise
from typing import NamedTuple

from accord.errors import EmptyInput
from accord.records import Repair

__all__ = [
    "ABBREVIATIONS",
    "MAX_JOINED_ZIPF",
    "MAX_ROUNDS",
    "MIN_LEFT_ZIPF",
    "MIN_LEFT_ZIPF_CAPS",
    "RUN_TOGETHER_KEEP",
    "Cleaned",
    "clean",
]

#: The pass sequence runs again while it changes something, at most this many times in all.
MAX_ROUNDS = 3

# Hot paths use plain tuples (named tuples cost a Python call each; a 5 MB article can have 10^5 edits).
#: An edit proposed by a pass: (start, end, replacement, reason) in the pass's input text.
_Edit = tuple[int, int, str, str]
#: A repair under construction: (raw_start, raw_end, replacement, reason). Its position in the current
#: text is raw_start plus the length change of the repairs before it, computed during the sweep.
_Rep = tuple[int, int, str, str]


class _Context(NamedTuple):
    raw: str
    reps: list[_Rep]
    final_newline: bool


# --------------------------------------------------------------------------------------------
# The result and its offset map
# --------------------------------------------------------------------------------------------


class Cleaned:
    """The cleaned text, the repairs that produced it, and the offset map between the two texts.

    ``raw`` is the input as given. ``repairs`` are sorted and do not overlap, with
    ``text[r.start:r.end] == r.replacement`` and ``raw[r.raw_start:r.raw_end] == r.original``. The
    pydantic models are built on first access (a long, messy article can have 10^5 repairs); the
    offset map does not need them.
    """

    __slots__ = ("_ends", "_raw_ends", "_raw_starts", "_repairs", "_rows", "_starts", "raw", "text")

    def __init__(self, raw: str, text: str, rows: list[tuple[int, int, int, int, str, str]]) -> None:
        self.raw = raw
        self.text = text
        self._rows = rows  # (start, end, raw_start, raw_end, replacement, reason)
        self._repairs: list[Repair] | None = None
        self._starts = [r[0] for r in rows]
        self._ends = [r[1] for r in rows]
        self._raw_starts = [r[2] for r in rows]
        self._raw_ends = [r[3] for r in rows]

    @property
    def repairs(self) -> list[Repair]:
        if self._repairs is None:
            raw = self.raw
            self._repairs = [
                Repair(start=s, end=e, raw_start=rs, raw_end=re_, original=raw[rs:re_], replacement=t, reason=why)
                for s, e, rs, re_, t, why in self._rows
            ]
        return self._repairs

    def __repr__(self) -> str:
        more = "..." if len(self.text) > 40 else ""
        return f"Cleaned(text={self.text[:40]!r}{more}, repairs={len(self._rows)})"

    def to_raw(self, offset: int, *, end: bool = False) -> int:
        """Map an offset of ``text`` to the raw input.

        Where cleaning deleted something (a furniture line, a zero-width space) an offset maps *after*
        the deleted material, which is right for the start of a span; pass ``end=True`` for the end of
        a span to map *before* it. Inside a replacement, offsets map character by character, clamped
        to the original's end. The map is monotonic.
        """
        if not 0 <= offset <= len(self.text):
            raise ValueError(f"offset {offset} outside the cleaned text (0..{len(self.text)})")
        i = (bisect_left(self._starts, offset) if end else bisect_right(self._starts, offset)) - 1
        if i < 0:
            return offset
        start, stop, raw_start, raw_end = self._starts[i], self._ends[i], self._raw_starts[i], self._raw_ends[i]
        if offset < stop:
            return raw_start + min(offset - start, raw_end - raw_start)
        return raw_end + (offset - stop)

    def to_clean(self, raw_offset: int, *, end: bool = False) -> int:
        """Map an offset of the raw input to ``text``.

        Offsets inside a replaced or deleted stretch map into its replacement (clamped). At an
        insertion point (``warnedThe`` → ``warned The``) an offset maps after the inserted text; pass
        ``end=True`` for the end of a span to map before it.
        """
        if not 0 <= raw_offset <= len(self.raw):
            raise ValueError(f"offset {raw_offset} outside the raw text (0..{len(self.raw)})")
        rs = self._raw_starts
        i = (bisect_left(rs, raw_offset) if end else bisect_right(rs, raw_offset)) - 1
        if i < 0:
            return raw_offset
        start, stop, raw_start, raw_end = self._starts[i], self._ends[i], rs[i], self._raw_ends[i]
        if raw_offset < raw_end:
            return start + min(raw_offset - raw_start, stop - start)
        return stop + (raw_offset - raw_end)


# --------------------------------------------------------------------------------------------
# Pass 1: mojibake
# --------------------------------------------------------------------------------------------

# What bytes 0x80-0xBF (UTF-8 continuation bytes) become when decoded as cp1252 or latin-1.
_CONT = "\x80-\xbf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
_MOJIBAKE_START = re.compile("[\x80-\x9f\xc2-\xf4]")
_MOJIBAKE_RE = re.compile(f"(?:[\xc2-\xdf][{_CONT}]|[\xe0-\xef][{_CONT}]{{2}}|[\xf0-\xf4][{_CONT}]{{3}})+|[\x80-\x9f]+")


#: ftfy judges a suspicious run in the context of its word; at most this many characters either side.
MOJIBAKE_CONTEXT = 40


def _pass_mojibake(text: str, ctx: _Context) -> list[_Edit]:
    """Hand the words around suspicious runs (only those) to ftfy; keep fixes that do not lengthen them.

    ftfy decides from context (``ÅŸ`` alone is left alone, ``Ã‡avuÅŸoÄŸlu`` becomes ``Çavuşoğlu``),
    so it sees the whole word; the repairs are then narrowed to the characters that changed.
    """
    if text.isascii():
        return []
    from difflib import SequenceMatcher

    from ftfy import fix_encoding  # lazy: most texts never need it

    edits: list[_Edit] = []
    search, match = _MOJIBAKE_START.search, _MOJIBAKE_RE.match
    n = len(text)
    done = 0  # end of the last window: windows must not overlap
    m = search(text)
    while m:
        run = match(text, m.start())
        if run is None:
            m = search(text, m.start() + 1)
            continue
        a, b = run.start(), run.end()
        stop = max(done, a - MOJIBAKE_CONTEXT)
        while a > stop and not text[a - 1].isspace():
            a -= 1
        stop = min(n, b + MOJIBAKE_CONTEXT)
        while b < stop and not text[b].isspace():
            b += 1
        bad = text[a:b]
        fixed = fix_encoding(bad)
        if fixed != bad and len(fixed) <= len(bad):
            ops = SequenceMatcher(None, bad, fixed, autojunk=False).get_opcodes()
            edits.extend((a + i1, a + i2, fixed[j1:j2], "mojibake") for op, i1, i2, j1, j2 in ops if op != "equal")
        done = b
        m = search(text, b)
    return edits


# --------------------------------------------------------------------------------------------
# Pass 2: characters (line ends, controls, invisible characters, quote marks, Unicode spaces)
# --------------------------------------------------------------------------------------------


def _char_rules() -> dict[str, tuple[str, str]]:
    rules: dict[str, tuple[str, str]] = {}
    for cp in [*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0)]:
        rules[chr(cp)] = ("", "control-char")
    for ch in "\x0b\x0c\u2028\u2029":
        rules[ch] = ("\n", "newline")
    for ch in "\u200b\u2060\ufeff\u180e\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069":
        rules[ch] = ("", "zero-width")
    rules["\u00ad"] = ("", "soft-hyphen")
    for ch in "\u201c\u201d\u201e\u201f":
        rules[ch] = ('"', "quote-mark")
    for ch in "\u2018\u2019\u201a\u201b":
        rules[ch] = ("'", "quote-mark")
    for ch in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000":
        rules[ch] = (" ", "whitespace")
    return rules


_CHAR_RULES = _char_rules()
_JOINERS = "\u200c\u200d"  # ZWNJ, ZWJ: removed only next to ASCII
_CHAR_TRIGGER = re.compile("[" + re.escape("".join(_CHAR_RULES)) + "\r" + _JOINERS + "]")
_ASCII_TRIGGER = re.compile("[\x00-\x08\x0b-\x1f\x7f]")  # \r, controls


def _pass_chars(text: str, ctx: _Context) -> list[_Edit]:
    edits: list[_Edit] = []
    rules = _CHAR_RULES
    trigger = _ASCII_TRIGGER if text.isascii() else _CHAR_TRIGGER
    for m in trigger.finditer(text):
        k = m.start()
        ch = text[k]
        if ch == "\r":
            edits.append((k, k + 2 if text.startswith("\n", k + 1) else k + 1, "\n", "newline"))
        elif ch in _JOINERS:
            if (k > 0 and text[k - 1].isascii()) or text[k + 1 : k + 2].isascii():
                edits.append((k, k + 1, "", "zero-width"))
        else:
            replacement, reason = rules[ch]
            edits.append((k, k + 1, replacement, reason))
    return edits


# --------------------------------------------------------------------------------------------
# Pass 3: NFC
# --------------------------------------------------------------------------------------------

_WORD_RE = re.compile(r"\S+")


def _pass_nfc(text: str, ctx: _Context) -> list[_Edit]:
    """Compose decomposed letters, one edit per changed letter (a base and its combining marks)."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return []
    edits: list[_Edit] = []
    for m in _WORD_RE.finditer(text):
        word = m.group()
        if unicodedata.is_normalized("NFC", word):
            continue
        base = m.start()
        # clusters: a starter and the marks (or Hangul vowel/final jamo) after it
        bounds = [0]
        bounds.extend(
            k for k in range(1, len(word)) if not (unicodedata.combining(word[k]) or "\u1160" <= word[k] <= "\u11ff")
        )
        bounds.append(len(word))
        local: list[_Edit] = []
        pieces = []
        for a, b in pairwise(bounds):
            piece = word[a:b]
            fixed = unicodedata.normalize("NFC", piece)
            pieces.append(fixed)
            if fixed != piece:
                local.append((base + a, base + b, fixed, "nfc"))
        whole = unicodedata.normalize("NFC", word)
        if "".join(pieces) != whole:  # marks that reorder across clusters: repair the whole word
            local = [(m.start(), m.end(), whole, "nfc")]
        edits.extend(local)
    return edits


# --------------------------------------------------------------------------------------------
# Pass 4: layout
# --------------------------------------------------------------------------------------------

# Where a whitespace run needs a change: a tab, two spaces, a space next to a newline, three newlines.
# Each is found with str.find (much faster than a regex alternation of literals).
_LAYOUT_TRIGGERS = ("\t", "  ", " \n", "\n ", "\n\n\n")
_WS_RUN = re.compile("[ \t\n]*")
_WS = " \t\n"


def _pass_layout(text: str, ctx: _Context) -> list[_Edit]:
    n = len(text)
    lead = _WS_RUN.match(text).end()
    if lead == n:
        return [(0, n, "", "trim")] if n else []
    trail = len(text.rstrip(_WS))
    edits: list[_Edit] = []
    if lead:
        edits.append((0, lead, "", "trim"))
    runs: dict[int, int] = {}  # start -> end of each whitespace run that holds a trigger
    run_end = _WS_RUN.match
    for trigger in _LAYOUT_TRIGGERS:
        k = text.find(trigger, lead, trail)
        while k >= 0:
            a = k
            while text[a - 1] in _WS:  # cannot pass `lead`: text[lead - 1] is not whitespace
                a -= 1
            b = run_end(text, k, trail).end()
            runs[a] = b
            k = text.find(trigger, b, trail)
    for a in sorted(runs):
        b = runs[a]
        run = text[a:b]
        newlines = run.count("\n")
        replacement = " " if not newlines else "\n" if newlines == 1 else "\n\n"
        if run != replacement:
            edits.append((a, b, replacement, "whitespace"))
    tail = text[trail:]
    wanted = "\n" if ctx.final_newline and "\n" in tail else ""
    if tail != wanted:
        edits.append((trail, n, wanted, "trim"))
    return edits


# --------------------------------------------------------------------------------------------
# Pass 5: page furniture
# --------------------------------------------------------------------------------------------

_SOCIAL = r"(?:facebook|twitter|x|whatsapp|linkedin|telegram|reddit|pinterest|messenger|email|e-mail|threads|bluesky)"
_SEP = r"[:»›>|–—-]"
# Each pattern must match a whole line. The pass runs after layout, so lines have single spaces and no
# spaces at either end. Bounded repeats keep every pattern to short lines.
_FURNITURE_PATTERNS = [
    # comments
    r"no comments(?: yet)?[.!]?",
    r"\d+ comments?",
    r"comments?(?: \(\d+\))?",
    r"(?:leave|post|add|write|show|view|load) (?:a |all |the )?comments?[.!]?",
    r"be the first to comment[.!]?",
    # share buttons
    rf"share(?: this)?(?: (?:article|story|page|post|video))?(?: (?:on|via|to) {_SOCIAL})?[.:!]?",
    r"(?:(?:share|tweet|email|e-mail|print|facebook|twitter|whatsapp|linkedin|telegram|reddit|pinterest"
    r"|messenger|copy link)[|·•,/]? ?){1,10}",
    # cross-links
    rf"(?:read|see) (?:more|also|next)(?: ?{_SEP}.{{0,200}}|(?: here| about .{{0,100}})?[.…]*)",
    rf"also read ?{_SEP}.{{0,200}}",
    rf"(?:related|recommended)(?: (?:articles?|stories|news|content|coverage|topics?|reading|links?))?"
    rf"(?: ?{_SEP}.{{0,200}})?",
    r"more on (?:this|the) (?:story|topic)[.:]?",
    r"(?:most (?:read|popular|viewed|shared)|trending(?: now)?|top stories|editor'?s picks|you (?:may|might) also like"
    r"|recommended for you|latest (?:news|stories)|more stories)[.:]?",
    # advertising
    r"advertisement|advertising|sponsored(?: content)?|ad",
    r"(?:story|article) continues (?:below|after (?:the )?(?:advertisement|ad))(?: advertisement)?",
    r"scroll to continue(?: with content)?|continue reading(?: below| the main story)?",
    r"skip (?:to (?:main )?content|advertisement|ad)|back to top",
    # newsletters and subscriptions
    r"subscribe(?: (?:now|today|here))?(?: (?:to|for) (?:our|free|[^.!?\n]{0,60}"
    r"(?:newsletters?|briefing|alerts?|updates|digest|e-?mails?|podcast|channel))[^.!?\n]{0,60})?[.!]?",
    r"sign up(?: (?:now|today|here))?(?: (?:for|to) (?:our|free|[^.!?\n]{0,60}"
    r"(?:newsletters?|briefing|alerts?|updates|digest|e-?mails?|podcast|channel))[^.!?\n]{0,60})?[.!]?",
    r"(?:get|join) our [^.!?\n]{0,40}newsletter[^.!?\n]{0,40}[.!]?",
    # cookies
    r"(?:we|this (?:web)?site|our (?:web)?site) uses? cookies\b.{0,400}",
    r"(?:accept|reject|allow|manage)(?: all)? cookies\b.{0,100}",
    r"cookie (?:settings|policy|preferences|notice)\b.{0,100}",
    # calls to action
    r"click here\b.{0,150}",
    r"(?:tap|press) here to .{0,100}",
    r"listen to (?:this|the) (?:article|story)\b.{0,40}",
    r"(?:print|email|e-mail) this (?:article|page|story)",
    r"\d+ min(?:ute)?s? read",
    # copyright
    r"©.{0,150}|\(c\) ?\d{4}\b.{0,150}",
    r"copyright(?: ©| \(c\))? \d{4}\b.{0,150}",
    # follow us
    rf"(?:follow|like|join) (?:us|@\w+) on {_SOCIAL}(?:(?:,| and| &) {_SOCIAL})*\b.{{0,80}}",
    # photo captions and credits
    r"(?:photo|photograph|picture|image|video|file photo|illustration)(?: credit| source)? ?[:|/].{0,200}",
    r"(?:image|media|video|photo) caption\b.{0,300}",
    r"(?:image|photo) (?:source|credit)s?\b.{0,150}",
    r"(?:reuters|afp|ap|ap photo|epa|epa-efe|getty images|anadolu(?: agency)?|afp via getty images)"
    r"(?: ?/ ?(?-i:[A-Z][\w'.-]*(?: [A-Z][\w'.-]*){0,3}))?",
]
#: A short line (at most this long) that says "all rights reserved" anywhere is furniture too.
MAX_RIGHTS_LINE = 200
_RIGHTS_RE = re.compile(r"\ball rights reserved\b", re.IGNORECASE)
_FURNITURE_ALT = "|".join(f"(?:{p})" for p in _FURNITURE_PATTERNS)
# A furniture line after a newline (the literal "\n" prefix lets `re` scan fast), and the first line.
_FURNITURE_RE = re.compile(rf"\n(?:{_FURNITURE_ALT})(?=\n|\Z)", re.IGNORECASE)
_FURNITURE_FIRST = re.compile(rf"(?:{_FURNITURE_ALT})(?:\n|\Z)", re.IGNORECASE)


def _pass_furniture(text: str, ctx: _Context) -> list[_Edit]:
    """Remove each furniture line with the newline after it (the last line: just the line)."""
    edits: list[_Edit] = []
    first = _FURNITURE_FIRST.match(text)
    if first:
        edits.append((0, first.end(), "", "furniture"))
    n = len(text)
    for m in _FURNITURE_RE.finditer(text):
        end = m.end() + 1 if m.end() < n else m.end()
        edits.append((m.start() + 1, end, "", "furniture"))
    # "all rights reserved" can sit anywhere in its line: found by its own (fast) search
    rights = False
    for m in _RIGHTS_RE.finditer(text):
        a = text.rfind("\n", 0, m.start()) + 1
        b = text.find("\n", m.end())
        b = n if b < 0 else b
        if b - a <= MAX_RIGHTS_LINE:
            edits.append((a, b + 1 if b < n else b, "", "furniture"))
            rights = True
    if rights:  # merge with the lines found above
        edits.sort()
        edits = [e for k, e in enumerate(edits) if k == 0 or e[0] >= edits[k - 1][1]]
    return edits


# --------------------------------------------------------------------------------------------
# Pass 6: words run together, missing space after a sentence end
# --------------------------------------------------------------------------------------------

_LOWER = "a-zß-öø-ÿ"
_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER_SET = frozenset("abcdefghijklmnopqrstuvwxyz" + "".join(map(chr, [*range(0xDF, 0xF7), *range(0xF8, 0x100)])))
# an uppercase letter right after a lowercase one
_CAMEL_TRIGGER = re.compile(f"[{_UPPER}](?<=[{_LOWER}].)")
_RIGHT_PART = re.compile(f"[{_UPPER}][{_UPPER}{_LOWER}]*")
# sentence punctuation, then maybe a closing quote or bracket, then an uppercase letter
_STOP_TRIGGER = re.compile(f"[.!?…](?=[\"')\\]]?[{_UPPER}])")
_NEXT_WORD = re.compile(f"[{_UPPER}][{_LOWER}]+|[{_UPPER}]{{2,}}(?![{_LOWER}])")
_CHAIN = re.compile(r"\w\.\w")
_URLISH = re.compile(r"://|www\.|@|[/=_#\\]|\.(?:com|org|net|gov|int|edu|io|info|ru|ua|uk|de|fr)\b", re.IGNORECASE)

#: Lowercase name particles and prefixes glued to a capital on purpose (deGrasse, vanDyke, macOS).
RUN_TOGETHER_KEEP = frozenset(
    {
        "mc", "mac", "de", "di", "da", "du", "del", "della", "la", "le", "van", "von", "der", "den", "ter",
        "al", "el", "bin", "ibn", "ben", "abu", "bint",
    }
)  # fmt: skip
#: Abbreviations after which a capital does not start a sentence (St.Petersburg stays as written).
ABBREVIATIONS = frozenset(
    {
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Gens", "Lt", "Col", "Sgt", "Capt", "Maj", "Cmdr", "Adm",
        "Brig", "Rep", "Sen", "Gov", "Pres", "Rev", "Hon", "Amb", "Sec", "Mme", "Mlle", "Messrs",
        "St", "Mt", "Ft", "Ave", "Blvd", "Rd", "No", "Nos", "Vol", "Fig", "Inc", "Ltd", "Co", "Corp",
        "Jr", "Sr", "Bros", "Dept", "Univ", "vs", "cf", "viz", "approx", "incl", "ca", "al",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    }
)  # fmt: skip
MIN_LEFT_ZIPF = 2.5  #: the left part must be an ordinary English word ...
MAX_JOINED_ZIPF = 1.5  #: ... and the glued token must not be a word itself
MIN_LEFT_ZIPF_CAPS = 5.0  #: a left part before an all-caps right part (saidNATO) must be very common


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency  # lazy: loading the list takes a fraction of a second

    return zipf_frequency(word, "en")


def _token_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """The whitespace-delimited token around ``text[start:end]``."""
    a = max(text.rfind(" ", 0, start), text.rfind("\n", 0, start)) + 1
    b = len(text)
    for sep in " \n":
        k = text.find(sep, end, b)
        if k >= 0:
            b = k
    return a, b


def _run_together_ok(left: str, right: str) -> bool:
    if left in RUN_TOGETHER_KEEP or len(right) < 2:
        return False
    if right.isupper():
        min_left = MIN_LEFT_ZIPF_CAPS
    elif right[1:].islower():
        min_left = MIN_LEFT_ZIPF
    else:  # McDonald, ElementById: camel case on the right is a name or code, not an artefact
        return False
    return _zipf(left) >= min_left and _zipf((left + right).lower()) < MAX_JOINED_ZIPF


def _run_together(text: str) -> list[_Edit]:
    edits: list[_Edit] = []
    for m in _CAMEL_TRIGGER.finditer(text):
        u = m.start()
        k = u - 1
        while k > 0 and text[k - 1] in _LOWER_SET:
            k -= 1
        if u - k < 2:
            continue
        if k > 0 and (text[k - 1].isalnum() or text[k - 1] in "_@#/\\"):
            continue
        right = _RIGHT_PART.match(text, u)
        assert right is not None
        after = right.end()
        if after < len(text) and (text[after].isalnum() or text[after] in "_@/"):
            continue
        if _run_together_ok(text[k:u], right.group()) and not _URLISH.search(text, *_token_bounds(text, k, after)):
            edits.append((u, u, " ", "run-together"))
    return edits


def _quote_opens(text: str, pos: int) -> bool:
    """Whether the straight double quote at ``pos`` opens a quotation, judged within its paragraph."""
    line_start = text.rfind("\n", 0, pos) + 1
    line_end = text.find("\n", pos)
    if line_end < 0:
        line_end = len(text)
    before = text.count('"', line_start, pos)
    after = text.count('"', pos + 1, line_end)
    return before % 2 == 0 and after % 2 == 1


def _rep_starts(reps: list[_Rep]) -> list[int]:
    """Where each repair starts in the current text."""
    starts = []
    shift = 0
    for raw_start, raw_end, replacement, _reason in reps:
        starts.append(raw_start + shift)
        shift += len(replacement) - (raw_end - raw_start)
    return starts


def _raw_char(ctx: _Context, starts: list[int], pos: int, current: str) -> str:
    """The raw character behind ``current`` at ``pos`` (a curly quote before it was straightened)."""
    i = bisect_right(starts, pos) - 1
    if i >= 0 and starts[i] == pos:
        raw_start, raw_end, replacement, _reason = ctx.reps[i]
        if len(replacement) == 1 and raw_end - raw_start == 1:
            return ctx.raw[raw_start]
    return current


def _missing_space(text: str, ctx: _Context) -> list[_Edit]:
    edits: list[_Edit] = []
    starts: list[int] | None = None
    for m in _STOP_TRIGGER.finditer(text):
        last = m.start()
        p0 = last
        while p0 > 0 and text[p0 - 1] in ".!?":
            p0 -= 1
        stop = text[p0 : last + 1]
        if not (stop in (".", "...", "…") or (set(stop) <= {"!", "?"})):
            continue
        if p0 == 0 or not (text[p0 - 1].isalnum() or text[p0 - 1] in "_%)]"):
            continue
        k = p0
        while k > 0 and text[k - 1].isalnum():
            k -= 1
        left = text[k:p0]
        if left and not left.isdigit() and (len(left) < 2 or left in ABBREVIATIONS):
            continue  # an initial (U.S., J.R.R.) or an abbreviation (Mr., Jan., St.)
        q = last + 1
        quote = text[q] if text[q] in "\"')]" else ""
        word = _NEXT_WORD.match(text, q + len(quote))
        if word is None:
            continue
        after = word.end()
        if after + 1 < len(text) and text[after] == "." and text[after + 1].isalpha():
            continue  # a domain: UN.org
        a, b = _token_bounds(text, k, after)
        if _URLISH.search(text, a, b) or _CHAIN.search(text, a, p0) or _CHAIN.search(text, q, b):
            continue  # a URL, or a dotted chain (e.g., a.m., www.un.org, U.N.Security)
        pos = q
        if quote in ('"', "'"):
            if starts is None:
                starts = _rep_starts(ctx.reps)
            raw_quote = _raw_char(ctx, starts, q, quote)
            opens = raw_quote in "“‘" or (raw_quote == '"' and _quote_opens(text, q))
            if not opens:
                pos = q + 1  # a closing quote: the space goes after it
        elif quote:
            pos = q + 1  # a closing bracket
        edits.append((pos, pos, " ", "missing-space"))
    return edits


def _pass_words(text: str, ctx: _Context) -> list[_Edit]:
    edits = _run_together(text) + _missing_space(text, ctx)
    edits.sort()
    return edits


# --------------------------------------------------------------------------------------------
# Applying and composing edits
# --------------------------------------------------------------------------------------------

_PASSES: tuple[Callable[[str, _Context], list[_Edit]], ...] = (
    _pass_mojibake,
    _pass_chars,
    _pass_nfc,
    _pass_layout,
    _pass_furniture,
    _pass_layout,  # again: a removed line can leave three newlines or a trailing blank line
    _pass_words,
)


def _apply(text: str, edits: list[_Edit]) -> str:
    parts = []
    pos = 0
    for start, end, replacement, _reason in edits:
        parts.append(text[pos:start])
        parts.append(replacement)
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


def _compose(reps: list[_Rep], edits: list[_Edit], cur: str, raw: str) -> list[_Rep]:
    """Fold one pass's edits (offsets in ``cur``) into the repairs so far (raw → ``cur``).

    An edit and an earlier repair *touch* when they overlap, or when an insertion lands where
    something was deleted; touching items form a cluster that becomes one repair. Repairs between
    clusters are copied in bulk (found by binary search), so the sweep costs O(edits · log repairs)
    in Python plus a few C-speed passes over the repairs.
    """
    if not reps:  # nothing to fold into: current offsets are raw offsets
        return list(edits)
    n = len(reps)
    cum = list(accumulate((len(r[2]) - (r[1] - r[0]) for r in reps), initial=0))
    # cum[i]: cur minus raw position for unchanged text just before repair i (and after repair i - 1)
    cs = [r[0] + d for r, d in zip(reps, cum, strict=False)]  # where each repair starts in `cur`
    ce = [r[1] + d for r, d in zip(reps, cum[1:], strict=True)]  # ... and ends

    out: list[_Rep] = []
    i = j = 0
    m = len(edits)
    while j < m:
        s, t = edits[j][0], edits[j][1]
        # repairs wholly before this edit are kept as they are
        k = bisect_left(ce, s, i)
        while k < n and ce[k] == s and not (s == t == cs[k]):
            k += 1
        if k > i:
            out.extend(reps[i:k])
            i = k
        shift0 = cum[i]
        c_edits = [edits[j]]
        first_rep = i
        j += 1
        grew = True
        while grew:  # grow the cluster: repairs touching its last edit, edits touching its last repair
            grew = False
            es, et = c_edits[-1][0], c_edits[-1][1]
            while i < n and ((cs[i] < et and es < ce[i]) or es == et == cs[i] == ce[i]):
                i += 1
                grew = True
            if i > first_rep:
                rs, re_ = cs[i - 1], ce[i - 1]
                while j < m and ((rs < edits[j][1] and edits[j][0] < re_) or edits[j][0] == edits[j][1] == rs == re_):
                    c_edits.append(edits[j])
                    j += 1
                    grew = True
        lo, hi = c_edits[0][0], c_edits[-1][1]
        if i > first_rep:
            r0, r1 = reps[first_rep], reps[i - 1]
            raw_lo = r0[0] if cs[first_rep] <= lo else lo - shift0
            raw_hi = r1[1] if ce[i - 1] >= hi else hi - cum[i]
            lo, hi = min(lo, cs[first_rep]), max(hi, ce[i - 1])
            reasons = dict.fromkeys(x for r in reps[first_rep:i] for x in r[3].split("+"))
            reasons.update(dict.fromkeys(e[3] for e in c_edits))
            reason = "+".join(reasons)
        else:
            raw_lo, raw_hi = lo - shift0, hi - shift0
            reason = c_edits[0][3] if len(c_edits) == 1 else "+".join(dict.fromkeys(e[3] for e in c_edits))
        if len(c_edits) == 1 and i == first_rep:
            replacement = c_edits[0][2]
        else:
            parts = []
            pos = lo
            for start, end, text, _reason in c_edits:
                parts.append(cur[pos:start])
                parts.append(text)
                pos = end
            parts.append(cur[pos:hi])
            replacement = "".join(parts)
        if i == first_rep or raw[raw_lo:raw_hi] != replacement:  # an edit can undo an earlier repair
            out.append((raw_lo, raw_hi, replacement, reason))
    out.extend(reps[i:])
    return out


# --------------------------------------------------------------------------------------------
# Entry point
# --------------------------------------------------------------------------------------------


def clean(raw: str, *, source: str | None = None) -> Cleaned:
    """Repair artefacts in an article body; see the module docstring for the rules.

    ``source`` only names the input in errors. Raises :class:`~accord.errors.EmptyInput` when no
    text is left (empty input, whitespace only, or nothing but page furniture).
    """
    if not isinstance(raw, str):
        raise TypeError(f"clean() expects str, not {type(raw).__name__}")
    ctx = _Context(raw, [], raw.endswith(("\n", "\r")))
    text = raw
    for _ in range(MAX_ROUNDS):
        changed = False
        for run in _PASSES:
            # the word pass repeats until stable: a space it inserts splits a token, and the pieces
            # can qualify where the whole did not ("Geneva.The!Next" -> "Geneva. The!Next" -> ...)
            for _ in range(MAX_ROUNDS if run is _pass_words else 1):
                edits = run(text, ctx)
                if not edits:
                    break
                ctx = ctx._replace(reps=_compose(ctx.reps, edits, text, raw))
                text = _apply(text, edits)
                changed = True
        # ASCII text cannot hide mojibake or decomposed letters, the only things a round can expose
        if not changed or text.isascii():
            break
    if not text.strip():
        raise EmptyInput("the article body is empty (nothing but whitespace or page furniture)", source=source)
    rows = []
    shift = 0
    for raw_start, raw_end, replacement, reason in ctx.reps:
        start = raw_start + shift
        rows.append((start, start + len(replacement), raw_start, raw_end, replacement, reason))
        shift += len(replacement) - (raw_end - raw_start)
    return Cleaned(raw, text, rows)
