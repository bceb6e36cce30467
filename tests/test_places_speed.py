"""The fast paths of the places stage give exactly what the plain code gives.

Each test sets a quicker piece (token columns read off the doc's arrays, the shared per-name score rows,
the anchor-distance cache) against the straightforward computation it replaced, on our own wire-style
fixtures and on random inputs. Scores are compared as floats, exactly: the fast path keeps the same float
operations in the same order.
"""

from __future__ import annotations

import copy
import math
import random

import pytest

from accord.extract import places as P
from accord.extract.places import PlacesStage, Toponym, _Anchors, _distances, _token_columns, recognize, resolve
from accord.knowledge.gazetteer import ADMIN1, ADMIN2, CITY, COUNTRY, REGION, gazetteer, haversine, norm

TEXTS = [
    "KYIV, May 3 (Reuters) - Russian drones struck Kharkiv and Sumy overnight, and shelling hit villages in "
    "the Sumy region. Kharkiv's mayor said power was cut; Odesa and Kharkiv were hit again on Sunday.",
    "Police in Watertown and Delano said the storm knocked down trees in Elgin, Minnesota, and in Cooke, "
    "Grayson and Love counties. The Watertown Fire Department asked residents of Delano to stay home.",
    "Officials in Alexandria, Louisiana, and Alexandria, Va., said the flights to Paris, Texas, were "
    "cancelled. Mr. Jordan flew from Springfield to Portland, Ore., and then to Salem.",
    "Sudan's army and the RSF fought in Khartoum and Omdurman, while Egyptian and Saudi mediators met in "
    "Jeddah. Moscow rejected the plan; Washington said the talks in Jeddah would resume.",
    "Floods hit Niger, Mali and Chad. In Niamey, Bamako and N'Djamena, aid groups said Nigerien, Malian "
    "and Chadian families had fled north toward Agadez, Gao and Timbuktu.",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_places_token_columns_same_as_token_attributes(nlp, text):
    doc = nlp(text)
    words, lowers, starts = _token_columns(doc)
    assert words == [t.text for t in doc]
    assert lowers == [t.lower_ for t in doc]
    assert starts == [t.idx for t in doc]


@pytest.mark.parametrize("text", TEXTS[:5])
def test_places_draft_text_is_doc_text(make_draft, text):
    """The gazetteer filter reads surfaces off the draft's text instead of rebuilding ``doc.text``."""
    draft = make_draft(text)
    assert draft.doc.text == draft.text


@pytest.mark.parametrize("seed", range(5))
def test_places_distances_same_as_haversine(seed):
    rng = random.Random(seed)
    pts = [(rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(30)] + [(0.0, 0.0), (90.0, 180.0)]
    prepared = [(math.radians(la), lo, math.cos(math.radians(la))) for la, lo in pts]
    for _ in range(20):
        lat, lon = rng.uniform(-90, 90), rng.uniform(-180, 180)
        assert _distances(lat, lon, prepared) == [haversine(lat, lon, la, lo) for la, lo in pts]


@pytest.mark.parametrize("seed", range(6))
def test_places_anchor_nearest_same_as_min_over_other_anchors(seed):
    """Duplicate points, a toponym anchored alone on its point, toponyms sharing a point."""
    gaz = gazetteer()
    rng = random.Random(seed)
    towns = [i for i in range(0, len(gaz), max(1, len(gaz) // 5000)) if gaz.feature(i) == CITY][:3000]
    chosen = rng.sample(towns, 6)
    anchors, plain = _Anchors(), []
    for k in range(rng.randrange(1, 14)):
        idx = rng.choice(chosen)
        anchors.add(k, gaz.lat[idx], gaz.lon[idx])
        plain.append((k, gaz.lat[idx], gaz.lon[idx]))
    for idx in rng.sample(towns, 40) + chosen:
        for k in range(-1, len(plain) + 1):
            want = min(
                (haversine(gaz.lat[idx], gaz.lon[idx], la, lo) for j, la, lo in plain if j != k),
                default=None,
            )
            assert anchors.nearest(gaz, idx, k) == want, (idx, k)


def _plain_resolve(draft, tops: list[Toponym], gaz) -> None:
    """The reference: the two scoring passes computed candidate by candidate, every term in place."""
    P._spread_admin_cue(tops, draft.text)
    countries, admins = P._cues(gaz, draft, tops)
    total_c = sum(len(v) for v in countries.values()) or 1
    cued = set(countries)
    cover = P._cover(gaz, tops)
    close_to = P._near(gaz, tops)
    intl = len(countries) >= P.INTL_COUNTRIES
    state_list = P._state_lists(gaz, tops, draft.text)
    for pass_no in (1, 2):
        anchors: list[tuple[int, float, float]] = []
        soft_cc: dict[str, set[int]] = {}
        soft_a1: dict[tuple[str, str], set[int]] = {}
        if pass_no == 2:
            for k, t in enumerate(tops):
                if t.best is not None and gaz.feature(t.best) in (CITY, ADMIN2):
                    anchors.append((k, gaz.lat[t.best], gaz.lon[t.best]))
                    soft_cc.setdefault(gaz.cc[t.best], set()).add(k)
                    soft_a1.setdefault((gaz.cc[t.best], gaz.a1[t.best]), set()).add(k)
        for k, t in enumerate(tops):
            qual = tops[t.qualifier] if t.qualifier is not None and k not in state_list else None
            best, best_score = None, -1e9
            my_key = norm(t.text)
            me = {my_key}
            town_ccs = {
                gaz.cc[h.idx] for h in t.hits if h.alt == 0 and gaz.feature(h.idx) == CITY and gaz.pop[h.idx] >= 50_000
            }
            hits = t.hits
            big_name = any(
                h.alt == 0
                and gaz.feature(h.idx) in (COUNTRY, ADMIN1, REGION)
                and (norm(gaz.names[h.idx]) in me or gaz.feature(h.idx) == REGION)
                for h in hits
            )
            world_name = any(
                h.alt == 0
                and gaz.feature(h.idx) in (COUNTRY, REGION)
                and (norm(gaz.names[h.idx]) in me or gaz.feature(h.idx) == REGION)
                for h in hits
            )
            own_country = {gaz.cc[h.idx] for h in hits if h.alt == 0 and gaz.feature(h.idx) == COUNTRY}
            if own_country:
                hits = [h for h in hits if h.alt == 0]
            famous = 0
            if intl:
                famous = max(
                    (
                        gaz.pop[h.idx]
                        for h in hits
                        if gaz.feature(h.idx) == CITY and countries.get(gaz.cc[h.idx], set()) - me
                    ),
                    default=0,
                )
            for h in P._shortlist(gaz, hits, countries):
                idx = h.idx
                f = gaz.feature(idx)
                s = math.log10(gaz.pop[idx] + 10) - 1.5 * h.alt + P._feature_bonus(gaz, idx, t)
                cc = gaz.cc[idx]
                small = famous >= P.FAMOUS_POP and f in (CITY, ADMIN2) and gaz.pop[idx] * P.FAMOUS_RATIO < famous
                pull = P.FAMOUS_DAMP if small else 1.0
                if f == ADMIN1 and not t.admin_cue and cc in town_ccs:
                    s -= 1.5
                if f in (ADMIN1, ADMIN2) and cc in own_country and not t.admin_cue:
                    s -= P.OWN_COUNTRY_UNIT
                if f == ADMIN1 and k in state_list:
                    s += P.LIST_ADMIN1
                votes = len(countries.get(cc, set()) - me)
                if (
                    votes
                    and f != COUNTRY
                    and cc not in own_country
                    and not (f == CITY and (world_name or (big_name and gaz.pop[idx] < 100_000)))
                ):
                    if pull:
                        half = 0.5 if f == ADMIN2 and not t.admin_cue else 1.0
                        s += (3.0 + 1.5 * votes / total_c) * pull * half
                elif cc and gaz.neighbours.get(cc, set()) & cued:
                    s += 1.0
                if (my_key, idx) in close_to and not big_name:
                    s += close_to[(my_key, idx)]
                if soft_cc.get(cc, set()) - {k} and f != COUNTRY:
                    s += 2.0
                if soft_a1.get((cc, gaz.a1[idx]), set()) - {k} and f != COUNTRY:
                    s += 1.0
                if admins.get((cc, gaz.a1[idx]), set()) - me and f in (CITY, ADMIN2) and pull > 0:
                    s += 2.0
                if qual is not None and qual.best is not None:
                    qb = qual.best
                    if gaz.feature(qb) == ADMIN1 and cc == gaz.cc[qb] and gaz.a1[idx] == gaz.a1[qb]:
                        s += 6.0
                    elif gaz.feature(qb) == COUNTRY and cc == gaz.cc[qb]:
                        s += 4.0
                if anchors and f in (CITY, ADMIN2, ADMIN1):
                    near = min(
                        (haversine(gaz.lat[idx], gaz.lon[idx], la, lo) for j, la, lo in anchors if j != k), default=None
                    )
                    if near is not None:
                        s += 2.5 * math.exp(-near / 250.0)
                if h.alt == 0 and f in (CITY, ADMIN2, ADMIN1) and not big_name:
                    others = cover.get((cc, gaz.a1[idx]))
                    if others:
                        support = sum(others.values()) - others.get(my_key, 0.0)
                        s += P.COVER_WEIGHT * min(support, P.COVER_CAP) * pull
                if norm(gaz.names[idx]) == norm(t.text):
                    s += 0.3
                t.scores[idx] = s
                if s > best_score:
                    best, best_score = idx, s
            t.best, t.score = best, best_score


def _outcome(tops: list[Toponym]) -> list[tuple]:
    return [(t.start, t.end, t.best, t.score, list(t.scores.items()), t.admin_cue) for t in tops]


@pytest.mark.parametrize("text", TEXTS)
def test_places_resolve_same_as_scoring_every_candidate_in_place(make_draft, text):
    assert P.BIG_NO_VOTES and P.BIG_NAME_NO_COVER  # the reference hard-codes both switches
    gaz = gazetteer()
    draft = make_draft(text)
    tops = recognize(draft, gaz)
    plain = copy.deepcopy(tops)
    _plain_resolve(draft, plain, gaz)
    fast = copy.deepcopy(tops)
    # the same passes without the weak-mention filter (that part is unchanged and shared)
    weak = [t.weak for t in fast]
    for t in fast:
        t.weak = False
    resolve(draft, fast, gaz)
    assert len(fast) == len(plain)
    for t, w in zip(fast, weak, strict=True):
        t.weak = w
    assert _outcome(fast) == _outcome(plain)


@pytest.mark.parametrize("text", TEXTS)
def test_places_repeated_names_get_their_own_scores(make_draft, text):
    """Mentions sharing score rows still keep separate score dicts (nothing aliased between toponyms)."""
    draft = make_draft(text)
    PlacesStage()(draft)
    tops = draft.scratch["toponyms"]
    assert len({id(t.scores) for t in tops}) == len(tops)
