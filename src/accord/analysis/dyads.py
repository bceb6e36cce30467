"""Weekly cooperation–conflict series for a dyad and a plain "better or worse?" summary.

Each event scores on a Goldstein-like scale from -10 (most conflictual) to +10 (most cooperative):
its own ``intensity`` when the events stage gave one, else a default for its quad class (from
``quad_class``, or from the PLOVER type when that is missing too). A week's score is the mean over its
events, so a week with more reporting is not "more conflictual" just for being reported more.

The progress summary compares the last ``window`` weeks with the ``window`` weeks before them
(event-weighted means, material-conflict counts and deaths) — a deliberately simple, inspectable
indicator an analyst can check against the listed events, not a forecast.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from typing import Any

#: PLOVER type → quad class (1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
#: 4 material conflict), following the CAMEO root-code grouping each PLOVER type descends from.
PLOVER_QUAD: dict[str, int] = {
    "AGREE": 1,
    "CONSULT": 1,
    "SUPPORT": 1,
    "REQUEST": 1,
    "AID": 2,
    "COOPERATE": 2,
    "CONCEDE": 2,
    "RETREAT": 2,
    "ACCUSE": 3,
    "REJECT": 3,
    "THREATEN": 3,
    "PROTEST": 4,
    "MOBILIZE": 4,
    "SANCTION": 4,
    "COERCE": 4,
    "ASSAULT": 4,
}

#: Score used when an event has no intensity: a typical Goldstein value for its quad class.
DEFAULT_INTENSITY: dict[int, float] = {1: 3.0, 2: 6.0, 3: -4.0, 4: -8.0}

#: A change of the mean weekly score smaller than this (on the -10..10 scale) counts as "stable".
STABLE_BAND = 1.0
#: Fewer events than this in either window → "insufficient data".
MIN_EVENTS = 3


def event_quad(ev: Mapping[str, Any]) -> int | None:
    q = ev.get("quad_class")
    if isinstance(q, int) and 1 <= q <= 4:
        return q
    return PLOVER_QUAD.get(str(ev.get("type") or "").upper())


def event_score(ev: Mapping[str, Any]) -> float | None:
    """The event's cooperation–conflict score, or None when neither intensity nor class is known."""
    x = ev.get("intensity")
    if isinstance(x, (int, float)) and math.isfinite(x):
        return float(max(-10.0, min(10.0, x)))
    q = event_quad(ev)
    return DEFAULT_INTENSITY[q] if q else None


def _iso_day(value: object) -> date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def event_day(ev: Mapping[str, Any]) -> date | None:
    """The day an event is placed on: its own date when day-precise, else its ISO week's Monday,
    else the article's publication day."""
    dv = ev.get("date_value")
    day = _iso_day(dv)
    if day:
        return day
    if isinstance(dv, str) and len(dv) >= 8 and dv[4:6] == "-W" and dv[:4].isdigit() and dv[6:8].isdigit():
        try:
            return date.fromisocalendar(int(dv[:4]), int(dv[6:8]), 1)
        except ValueError:
            pass
    return _iso_day(ev.get("published"))


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def week_label(monday: date) -> str:
    y, w, _ = monday.isocalendar()
    return f"{y:04d}-W{w:02d}"


@dataclass
class WeekPoint:
    week: str
    start: str
    events: int = 0
    cooperation: int = 0
    conflict: int = 0
    quad: dict[str, int] = field(default_factory=lambda: {"1": 0, "2": 0, "3": 0, "4": 0})
    score: float | None = None
    killed: int = 0
    _sum: float = 0.0
    _scored: int = 0


#: Gaps are filled with empty weeks only over spans up to this long (20 years): one event misdated
#: to year 1 or 9999 must not turn a chart into half a million empty weeks.
MAX_FILLED_WEEKS = 1040


def week_range(mondays: Iterable[date]) -> list[date]:
    """Every Monday from the first to the last of ``mondays`` (which must be Mondays), or just the
    given ones, sorted, when they span more than :data:`MAX_FILLED_WEEKS`. Never overflows at 9999."""
    present = sorted(set(mondays))
    if not present:
        return []
    first, last = present[0].toordinal(), present[-1].toordinal()
    if (last - first) // 7 + 1 > MAX_FILLED_WEEKS:
        return present
    return [date.fromordinal(o) for o in range(first, last + 1, 7)]


def weekly_series(events: Iterable[Mapping[str, Any]]) -> list[WeekPoint]:
    """One point per ISO week from the first to the last dated event (empty weeks included, over
    spans up to :data:`MAX_FILLED_WEEKS`)."""
    weeks: dict[date, WeekPoint] = {}
    for ev in events:
        day = event_day(ev)
        if day is None:
            continue
        monday = week_start(day)
        pt = weeks.get(monday)
        if pt is None:
            pt = weeks[monday] = WeekPoint(week=week_label(monday), start=monday.isoformat())
        pt.events += 1
        q = event_quad(ev)
        if q:
            pt.quad[str(q)] += 1
            if q <= 2:
                pt.cooperation += 1
            else:
                pt.conflict += 1
        s = event_score(ev)
        if s is not None:
            pt._sum += s
            pt._scored += 1
        killed = ev.get("killed")
        if isinstance(killed, int) and killed > 0:
            pt.killed += killed
    if not weeks:
        return []
    out: list[WeekPoint] = []
    for cur in week_range(weeks):
        pt = weeks.get(cur) or WeekPoint(week=week_label(cur), start=cur.isoformat())
        if pt._scored:
            pt.score = round(pt._sum / pt._scored, 2)
        out.append(pt)
    return out


@dataclass
class ProgressSummary:
    direction: str  # improving | worsening | stable | insufficient data
    text: str
    recent: dict[str, Any]
    previous: dict[str, Any]
    trend_per_week: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _window(points: list[WeekPoint]) -> dict[str, Any]:
    scored = sum(p._scored for p in points)
    mean = round(sum(p._sum for p in points) / scored, 2) if scored else None
    return {
        "weeks": f"{points[0].week}..{points[-1].week}" if points else None,
        "events": sum(p.events for p in points),
        "score": mean,
        "material_conflict": sum(p.quad["4"] for p in points),
        "cooperation": sum(p.cooperation for p in points),
        "killed": sum(p.killed for p in points),
    }


def _slope(points: list[WeekPoint]) -> float | None:
    xy = [(i, p.score) for i, p in enumerate(points) if p.score is not None]
    if len(xy) < 3:
        return None
    n = len(xy)
    mx = sum(x for x, _ in xy) / n
    my = sum(y for _, y in xy) / n
    sxx = sum((x - mx) ** 2 for x, _ in xy)
    if sxx == 0:
        return None
    return round(sum((x - mx) * (y - my) for x, y in xy) / sxx, 3)


def progress(series: list[WeekPoint], window: int = 4) -> ProgressSummary:
    """Compare the last ``window`` weeks with the ``window`` before them."""
    recent_pts = series[-window:]
    previous_pts = series[-2 * window : -window] if len(series) > window else []
    recent, previous = _window(recent_pts), _window(previous_pts)
    slope = _slope(series)
    if recent["events"] < MIN_EVENTS or previous["events"] < MIN_EVENTS or None in (recent["score"], previous["score"]):
        total = sum(p.events for p in series)
        return ProgressSummary(
            "insufficient data",
            f"Insufficient data: too few dated events to compare periods ({total} in {len(series)} week(s); "
            f"need {MIN_EVENTS}+ in each of two {window}-week windows).",
            recent,
            previous,
            slope,
        )
    delta = recent["score"] - previous["score"]
    if delta >= STABLE_BAND:
        direction = "improving"
    elif delta <= -STABLE_BAND:
        direction = "worsening"
    else:
        direction = "stable"
    verb = "rose" if delta > 0 else "fell" if delta < 0 else "held"
    text = (
        f"{direction.capitalize()}: mean cooperation–conflict score {verb} from {previous['score']:+.1f} "
        f"({previous['weeks']}) to {recent['score']:+.1f} ({recent['weeks']}); material-conflict events "
        f"{previous['material_conflict']} → {recent['material_conflict']}, reported deaths "
        f"{previous['killed']} → {recent['killed']}."
    )
    return ProgressSummary(direction, text, recent, previous, slope)


def series_to_dicts(series: list[WeekPoint]) -> list[dict[str, Any]]:
    return [{k: v for k, v in asdict(p).items() if not k.startswith("_")} for p in series]
