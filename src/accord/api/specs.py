"""Vega-Lite specs for the dashboard, built server-side with their data inline.

The server owns the charts (so tests can check them as JSON); the browser only embeds them. The
world outline is the vendored ``world-atlas`` TopoJSON, loaded from our own origin.
"""

from __future__ import annotations

from typing import Any

from accord.records import PLOVER_TYPES

VL_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"  # an identifier; never fetched
WORLD_URL = "static/vendor/countries-110m.json"

#: One colour per PLOVER type, cooperative types cool, conflictual warm (Tableau-like palette).
TYPE_COLOURS = {
    "AGREE": "#1f77b4", "CONSULT": "#6baed6", "SUPPORT": "#9ecae1", "REQUEST": "#17becf",
    "AID": "#2ca02c", "COOPERATE": "#98df8a", "CONCEDE": "#bcbd22", "RETREAT": "#dbdb8d",
    "ACCUSE": "#ff7f0e", "REJECT": "#ffbb78", "THREATEN": "#e377c2", "PROTEST": "#9467bd",
    "MOBILIZE": "#8c564b", "SANCTION": "#7f7f7f", "COERCE": "#c49c94", "ASSAULT": "#d62728",
}  # fmt: skip

TYPE_SCALE = {"domain": list(PLOVER_TYPES), "range": [TYPE_COLOURS[t] for t in PLOVER_TYPES]}


def _base(width: Any = "container", height: int = 260) -> dict[str, Any]:
    return {"$schema": VL_SCHEMA, "width": width, "height": height, "autosize": {"type": "fit", "contains": "padding"}}


def map_spec(events: list[dict[str, Any]]) -> dict[str, Any]:
    """Country outlines + one circle per located event, area by deaths (at least a dot)."""
    points = [
        {
            "article_id": e["article_id"],
            "id": e["id"],
            "type": e["type"],
            "day": e.get("day"),
            "place": e["place"]["name"],
            "lat": e["place"]["lat"],
            "lon": e["place"]["lon"],
            "killed": e["casualties"]["killed"] or 0,
            "evidence": e["evidence"]["text"][:200],
        }
        for e in events
        if e.get("place") and e["place"].get("lat") is not None and e["place"].get("lon") is not None
    ]
    projection: dict[str, Any] = {"type": "equalEarth"}
    if points:
        projection["fit"] = fit_box(points)
    return {
        **_base(height=380),
        "projection": projection,
        "layer": [
            {
                "data": {"url": WORLD_URL, "format": {"type": "topojson", "feature": "countries"}},
                "mark": {"type": "geoshape", "fill": "#eef0f2", "stroke": "#9aa3ad", "strokeWidth": 0.5, "clip": True},
            },
            {
                "data": {"values": points},
                "mark": {
                    "type": "circle",
                    "opacity": 0.7,
                    "stroke": "#333",
                    "strokeWidth": 0.5,
                    "cursor": "pointer",
                    "clip": True,
                },
                "encoding": {
                    "longitude": {"field": "lon", "type": "quantitative"},
                    "latitude": {"field": "lat", "type": "quantitative"},
                    "size": {
                        "field": "killed",
                        "type": "quantitative",
                        "title": "killed",
                        "scale": {"type": "sqrt", "range": [30, 900], "zero": True},
                    },
                    "color": {"field": "type", "type": "nominal", "scale": TYPE_SCALE, "legend": None},
                    "tooltip": [
                        {"field": "type"},
                        {"field": "day", "title": "date"},
                        {"field": "place"},
                        {"field": "killed"},
                        {"field": "evidence"},
                    ],
                },
            },
        ],
    }


def fit_box(points: list[dict[str, Any]], pad: float = 8.0) -> dict[str, Any]:
    """A GeoJSON feature the projection fits: the events' bounding box plus ``pad`` degrees."""
    lons = [p["lon"] for p in points]
    lats = [p["lat"] for p in points]
    lo = [max(-180.0, min(lons) - pad), max(-85.0, min(lats) - pad)]
    hi = [min(180.0, max(lons) + pad), min(85.0, max(lats) + pad)]
    return {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPoint", "coordinates": [lo, hi]}}


def timeline_spec(by_week: list[dict[str, Any]], weeks: list[str]) -> dict[str, Any]:
    """Stacked weekly bars by PLOVER type over every ISO week in range; clicking a bar selects its type."""
    return {
        **_base(height=220),
        "data": {"values": by_week},
        "mark": {"type": "bar", "cursor": "pointer"},
        "encoding": {
            "x": {
                "field": "week",
                "type": "ordinal",
                "title": "ISO week",
                "scale": {"domain": weeks},
                "axis": {"labelAngle": -45, "labelOverlap": True},
            },
            "y": {"field": "events", "type": "quantitative", "aggregate": "sum", "title": "events"},
            "color": {
                "field": "type",
                "type": "nominal",
                "scale": TYPE_SCALE,
                "legend": {"orient": "right", "columns": 1, "symbolLimit": 16},
            },
            "tooltip": [{"field": "week"}, {"field": "type"}, {"field": "events", "aggregate": "sum"}],
        },
    }


def dyad_spec(weeks: list[dict[str, Any]], a: str, b: str) -> dict[str, Any]:
    """Cooperation (up) and conflict (down) counts per week, with the mean score as a line."""
    bars = []
    for w in weeks:
        bars.append({"start": w["start"], "week": w["week"], "class": "cooperation", "count": w["cooperation"]})
        bars.append({"start": w["start"], "week": w["week"], "class": "conflict", "count": -w["conflict"]})
    scored = [{"start": w["start"], "week": w["week"], "score": w["score"]} for w in weeks if w["score"] is not None]
    x_week = {
        "field": "week",
        "type": "ordinal",
        "title": "ISO week",
        "scale": {"domain": [w["week"] for w in weeks]},
        "axis": {"labelAngle": -45, "labelOverlap": True},
    }
    return {
        **_base(height=220),
        "title": f"{a} – {b}",
        "layer": [
            {
                "data": {"values": bars},
                "mark": {"type": "bar", "opacity": 0.6},
                "encoding": {
                    "x": x_week,
                    "y": {"field": "count", "type": "quantitative", "title": "events (cooperation ↑ conflict ↓)"},
                    "color": {
                        "field": "class",
                        "type": "nominal",
                        "scale": {"domain": ["cooperation", "conflict"], "range": ["#2ca02c", "#d62728"]},
                    },
                    "tooltip": [{"field": "week"}, {"field": "class"}, {"field": "count"}],
                },
            },
            {
                "data": {"values": scored},
                "mark": {"type": "line", "point": True, "color": "#222"},
                "encoding": {
                    "x": x_week,
                    "y": {
                        "field": "score",
                        "type": "quantitative",
                        "title": "mean score (−10 … +10)",
                        "scale": {"domain": [-10, 10]},
                    },
                    "tooltip": [{"field": "week"}, {"field": "score"}],
                },
            },
        ],
        "resolve": {"scale": {"y": "independent"}},
    }
