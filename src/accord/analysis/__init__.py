"""Analysis over stored events: dyad cooperation–conflict series and "is there progress?" indicators."""

from accord.analysis.dyads import (
    DEFAULT_INTENSITY,
    PLOVER_QUAD,
    ProgressSummary,
    WeekPoint,
    event_day,
    event_score,
    progress,
    series_to_dicts,
    weekly_series,
)

__all__ = [
    "DEFAULT_INTENSITY",
    "PLOVER_QUAD",
    "ProgressSummary",
    "WeekPoint",
    "event_day",
    "event_score",
    "progress",
    "series_to_dicts",
    "weekly_series",
]
