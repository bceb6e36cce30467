"""Attribution vocabulary: cue verbs, cue nouns, media of statements, anonymous-source heads.

Written by us for the quotes stage. Lemmas are spaCy lemmas (lower case). Classes:

* ``SPEECH`` — verbs of saying/writing that attribute a statement on their own ("said", "warned",
  "tweeted"); a direct quote next to one of them is attributed to its subject.
* ``REPORT`` — verbs that attribute only with a clausal complement ("the poll shows that ...",
  "officials believe the strike ..."): cognition and evidence verbs. They never claim a direct
  quote by proximity alone.
* ``PHRASAL`` — verb + particle cues ("pointed out"), kept whole in the ``cue`` field.
"""

from __future__ import annotations


def _w(words: str) -> frozenset[str]:
    """A word set written as a whitespace-separated block (easy to read and extend)."""
    return frozenset(words.split())


#: verbs of saying, writing and posting.
SPEECH: frozenset[str] = _w(
    """
    say speak tell add warn stress write announce deny insist claim accuse urge note declare argue post tweet report
    state explain reply respond answer ask suggest acknowledge admit confirm caution vow pledge promise predict
    allege assert contend maintain emphasize emphasise reiterate recall repeat mention complain concede
    conclude comment observe remark reveal shout testify threaten underline underscore estimate insist retort
    counter protest demand propose charge lament quip joke scoff boast brag concur agree disagree announce
    proclaim inform assure advise recount describe continue tout hint signal indicate criticize criticise
    condemn denounce blast slam praise welcome dismiss reject decry acknowledge complain grumble plead appeal
    call order instruct recommend pronounce affirm reaffirm clarify elaborate speculate wonder muse posit
    stipulate contend declare email read
    """
)

#: verbs that attribute only when they govern a clause (cognition, evidence, expectation).
REPORT: frozenset[str] = _w(
    """
    believe think fear hope expect know feel worry doubt suspect argue reckon assume guess show find
    suggest indicate reveal demonstrate conclude learn hear understand recognize recognise realize realise
    acknowledge agree insist
    """
)

#: verbs of asking and ordering: "urged both sides to return", "called for a truce"; the request is the content.
DIRECTIVE: frozenset[str] = _w(
    """
    urge ask call demand appeal press encourage implore beg tell order instruct advise warn invite challenge
    """
)

#: verbs of commitment: "vowed to retaliate", "threatened to quit the talks"; the pledged action is the content.
COMMISSIVE: frozenset[str] = _w(
    """
    vow pledge promise threaten swear refuse offer
    """
)

#: verbs that mix a description and a quoted phrase ("called the talks 'constructive'").
MIXED_VERBS: frozenset[str] = frozenset({"call", "describe", "label", "term", "dub", "brand", "characterize"})

#: verb lemma → particle that makes a cue of it ("pointed out", "spoke of").
PHRASAL: dict[str, frozenset[str]] = {
    "point": frozenset({"out"}),
    "spell": frozenset({"out"}),
    "lash": frozenset({"out"}),
    "hit": frozenset({"back"}),
    "fire": frozenset({"back"}),
    "go": frozenset({"on"}),
    "chime": frozenset({"in"}),
    "sum": frozenset({"up"}),
}

#: multi-word prepositional cues introducing the source ("according to X").
SOURCE_PREPOSITIONS: tuple[tuple[str, ...], ...] = (("according", "to"), ("citing",), ("quoting",))

#: nouns that name a medium or an occasion of a statement ("in a statement", "at a press conference").
MEDIUM_NOUNS: frozenset[str] = _w(
    """
    statement interview conference briefing post tweet message video speech address letter communique
    communiqué broadcast op-ed article column editorial podcast radio television tv show programme program
    rally hearing session meeting summit forum call email note memo blog website site platform channel account
    newspaper paper magazine network feed release announcement appearance remarks press x twitter telegram
    facebook instagram tiktok youtube truth threads bluesky weibo wechat whatsapp signal
    """
)

#: proper names of platforms and outlets that are media when a cue says "on"/"to" them.
PLATFORMS: frozenset[str] = frozenset(
    {
        "x",
        "twitter",
        "telegram",
        "facebook",
        "instagram",
        "tiktok",
        "youtube",
        "truth social",
        "threads",
        "bluesky",
        "weibo",
        "wechat",
        "whatsapp",
        "signal",
        "vk",
        "vkontakte",
        "mastodon",
        "reddit",
        "linkedin",
    }
)

#: nouns of a survey or study that attribute a whole clause through "in": "In the new poll, X leads by 5".
#: (Not "in a statement": that names the medium of a speaker's own cue.)
SOURCE_IN_NOUNS: frozenset[str] = _w(
    """
    poll polls survey surveys study report findings analysis audit census
    """
)

#: subjects that speak through their object with "show"/"find"/"suggest": "the poll shows Clinton ahead",
#: "FEC records show $200,000 in payments" (a document's finding is attributed to the document).
EVIDENCE_SUBJECTS: frozenset[str] = SOURCE_IN_NOUNS | _w(
    """
    record records data figure figures number numbers result results filing filings document documents tally
    count estimate estimates projection projections reports studies analyses audits
    """
)

#: verbs through which such a subject states its object.
EVIDENCE_VERBS: frozenset[str] = _w("show find suggest")

#: reporting verbs that attribute their host clause from an "as" clause: "As the paper reported, X ...".
AS_CUES: frozenset[str] = _w(
    """
    report note say write explain point observe predict claim suggest show reveal argue detail state mention
    indicate recall tell confirm announce describe document disclose
    """
)

#: prepositions that introduce a medium after a cue.
MEDIUM_PREPS: frozenset[str] = frozenset({"in", "on", "at", "during", "via", "through", "to"})

#: heads of anonymous sources: kept as stated, never resolved to a named actor by guesswork.
ANONYMOUS_HEADS: frozenset[str] = _w(
    """
    source sources official officials person people diplomat diplomats aide aides insider insiders analyst
    analysts witness witnesses resident residents observer observers spokesman spokeswoman spokesperson
    """
)

#: paragraph labels followed by a colon that do not name a speaker ("Update: ...").
NOT_SPEAKER_LABELS: frozenset[str] = _w(
    """
    note update editor photo photos source sources related watch read video correction disclosure q a
    caption credit image images warning breaking live advertisement summary background context analysis
    opinion comment comments share tags topics see also more listen subscribe contact email follow
    """
)

#: personal pronouns that may stand for a speaker.
SPEAKER_PRONOUNS: frozenset[str] = frozenset({"he", "she", "they", "we", "i", "it"})

#: sentence-initial connectives stripped from the front of a reported clause ("Meanwhile, ...").
LEADING_CONNECTIVES: frozenset[str] = _w(
    """
    meanwhile however but and also moreover furthermore additionally separately still yet so then now earlier
    later instead nonetheless nevertheless further indeed otherwise thus therefore besides
    """
)

#: words that head a title rather than a name ("Foreign Minister", "General"); cut from speaker names.
TITLE_WORDS: frozenset[str] = _w(
    """
    president minister secretary spokesman spokeswoman spokesperson general gen. colonel col. major maj.
    lieutenant lt. commander chief ambassador envoy senator sen. rep. representative governor gov. mayor prime
    foreign defence defense interior deputy vice king queen prince sheikh emir sultan premier chancellor leader
    head director chairman chairwoman chair mr. mrs. ms. dr. prof. professor judge justice speaker mediator
    negotiator official officer commissioner captain capt. sgt. sergeant admiral adm. marshal
    """
)


def is_speech_verb(lemma: str) -> bool:
    """A verb that attributes a statement (or a direct quote next to it) on its own."""
    return lemma in SPEECH


def is_report_verb(lemma: str) -> bool:
    """A verb that attributes only when it governs a clausal complement."""
    return lemma in SPEECH or lemma in REPORT


#: argument frames of attribution cues beyond "said that": see ``data/quote_frames.tsv``.
FRAMES = ("obj", "to", "raise", "about", "noun")


def _load_frames() -> dict[str, dict[str, frozenset[str]]]:
    """``data/quote_frames.tsv``: one cue lemma a line, then the frames it takes (tab-separated).

    Frames: ``obj`` — the object is what was said or meant ("cited the report", "accused X of Y");
    ``to`` — a to-infinitive is the stance or intent ("vowed to stay", "wants to run");
    ``raise`` — an evidential verb over its whole clause, no source ("X seems to ...", "X is expected to ...");
    ``about`` — the object of a preposition ("talked about X", "pointed to X");
    ``noun`` — a cue noun whose that/to-clause is the content ("her claim that ...", "his promise to ...").
    """
    from importlib import resources

    out: dict[str, dict[str, set[str]]] = {f: {} for f in FRAMES}
    raw = resources.files("accord.knowledge").joinpath("data/quote_frames.tsv").read_text(encoding="utf-8")
    for line in raw.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        lemma, *frames = line.split("\t")
        for f in frames:
            frame, _, arg = f.partition(":")
            if frame in out:
                out[frame].setdefault(lemma.strip(), set()).update(arg.split(",") if arg else ())
    return {f: {k: frozenset(v) for k, v in d.items()} for f, d in out.items()}


#: frame → cue lemma → arguments (prepositions for ``about``; empty otherwise).
FRAME_TABLE: dict[str, dict[str, frozenset[str]]] = _load_frames()


def _event_verbs() -> frozenset[str]:
    """Verbs that are events whatever their object (``data/plover_lexicon.tsv`` triggers with no condition):
    "rejected the proposal", "accused the army of ..." are coded by the events stage, not quoted
    (statements are quotes, acts are events; DESIGN.md)."""
    from importlib import resources

    out = set()
    raw = resources.files("accord.knowledge").joinpath("data/plover_lexicon.tsv").read_text(encoding="utf-8")
    for line in raw.splitlines():
        cols = line.split("\t")
        if (
            len(cols) >= 6
            and not line.startswith("#")
            and cols[1] == "V"
            and "+" not in cols[0]
            and cols[5].strip() == "-"
        ):
            out.add(cols[0].strip())
    return frozenset(out)


#: event verbs: an object or to-infinitive after them is an act, not what was said.
EVENT_VERBS: frozenset[str] = _event_verbs()
