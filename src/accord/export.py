"""Exporters: flat views of the stored records for other tools.

``events`` is the flat events table (one row per reported event, with actor names/codes, place and
article resolved); ``acled`` and ``gdelt`` reshape the same rows into those datasets' column names so
existing analysis code can read accord's output. Exporters register by name, like stages.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from typing import Any

from accord.registry import Registry
from accord.store import Store

exporters = Registry("exporter")

#: PLOVER type → CAMEO root code, for GDELT-shaped output when the event has no code of its own.
CAMEO_ROOT = {
    "SUPPORT": "05",
    "CONSULT": "04",
    "AGREE": "03",
    "COOPERATE": "06",
    "AID": "07",
    "CONCEDE": "08",
    "RETREAT": "08",
    "REQUEST": "02",
    "ACCUSE": "11",
    "REJECT": "12",
    "THREATEN": "13",
    "PROTEST": "14",
    "MOBILIZE": "15",
    "SANCTION": "16",
    "COERCE": "17",
    "ASSAULT": "19",
}

GEO_PRECISION = {"site": 1, "city": 1, "admin2": 2, "admin1": 2, "region": 3, "country": 3}


def flat_events(store: Store) -> Iterator[dict[str, Any]]:
    """One dict per stored event with its article, actors, recipients and place resolved."""
    for rec in store.records():
        actors = {a.id: a for a in rec.actors}
        places = {p.id: p for p in rec.places}
        for e in rec.events:
            acts = [actors[a] for a in e.actors if a in actors]
            recs = [actors[a] for a in e.recipients if a in actors]
            place = places.get(e.place) if e.place else None
            yield {
                "article_id": rec.article.id,
                "event_id": e.id,
                "url": rec.article.url,
                "source": rec.article.source,
                "published": rec.article.published,
                "date": e.date.value,
                "date_precision": e.date.precision,
                "type": e.type,
                "mode": e.mode,
                "status": e.status,
                "actor": "; ".join(a.name for a in acts),
                "actor_country": next((a.country for a in acts if a.country), None),
                "actor_sector": next((a.sector for a in acts if a.sector), None),
                "recipient": "; ".join(a.name for a in recs),
                "recipient_country": next((a.country for a in recs if a.country), None),
                "recipient_sector": next((a.sector for a in recs if a.sector), None),
                "place": place.name if place else None,
                "country": place.country if place else None,
                "admin1": place.admin1 if place else None,
                "lat": place.lat if place else None,
                "lon": place.lon if place else None,
                "geonames_id": place.geonames_id if place else None,
                "place_feature": place.feature if place else None,
                "killed": e.casualties.killed,
                "injured": e.casualties.injured,
                "missing": e.casualties.missing,
                "arrested": e.casualties.arrested,
                "cameo": e.cameo,
                "quad_class": e.quad_class,
                "intensity": e.intensity,
                "acled_event_type": e.acled.event_type if e.acled else None,
                "acled_sub_event_type": e.acled.sub_event_type if e.acled else None,
                "confidence": e.confidence,
                "evidence": e.evidence.text,
                "evidence_start": e.evidence.start,
                "evidence_end": e.evidence.end,
            }


@exporters.register("events")
def export_events(store: Store) -> list[dict[str, Any]]:
    return list(flat_events(store))


@exporters.register("acled")
def export_acled(store: Store) -> list[dict[str, Any]]:
    """ACLED-shaped rows for the events ACLED codes (those with an ACLED type), asserted ones only."""
    rows = []
    for e in flat_events(store):
        if not e["acled_event_type"] or e["status"] not in ("asserted", "historical"):
            continue
        date = (e["date"] or e["published"] or "")[:10]
        rows.append(
            {
                "event_id_cnty": f"{e['article_id']}/{e['event_id']}",
                "event_date": date,
                "year": date[:4],
                "event_type": e["acled_event_type"],
                "sub_event_type": e["acled_sub_event_type"],
                "actor1": e["actor"],
                "inter1": e["actor_sector"],
                "actor2": e["recipient"],
                "inter2": e["recipient_sector"],
                "iso3": e["country"],
                "admin1": e["admin1"],
                "location": e["place"],
                "latitude": e["lat"],
                "longitude": e["lon"],
                "geo_precision": GEO_PRECISION.get(e["place_feature"] or ""),
                "time_precision": {"day": 1, "week": 2, "month": 3}.get(e["date_precision"] or "", 3),
                "source": e["source"],
                "notes": e["evidence"],
                "fatalities": e["killed"] if e["killed"] is not None else 0,
            }
        )
    return rows


@exporters.register("gdelt")
def export_gdelt(store: Store) -> list[dict[str, Any]]:
    """GDELT 2.0 event-table-shaped rows (the columns analysts use most)."""
    rows = []
    for i, e in enumerate(flat_events(store), start=1):
        date = (e["date"] or e["published"] or "")[:10]
        code = e["cameo"] or CAMEO_ROOT[e["type"]]
        rows.append(
            {
                "GLOBALEVENTID": i,
                "SQLDATE": date.replace("-", ""),
                "Actor1Name": e["actor"],
                "Actor1CountryCode": e["actor_country"],
                "Actor1Type1Code": e["actor_sector"],
                "Actor2Name": e["recipient"],
                "Actor2CountryCode": e["recipient_country"],
                "Actor2Type1Code": e["recipient_sector"],
                "IsRootEvent": 1,
                "EventCode": code,
                "EventRootCode": code[:2],
                "QuadClass": e["quad_class"],
                "GoldsteinScale": e["intensity"],
                "NumMentions": 1,
                "ActionGeo_FullName": e["place"],
                "ActionGeo_CountryCode": e["country"],
                "ActionGeo_Lat": e["lat"],
                "ActionGeo_Long": e["lon"],
                "ActionGeo_FeatureID": e["geonames_id"],
                "SOURCEURL": e["url"] or e["article_id"],
                "accord_evidence": e["evidence"],
            }
        )
    return rows


def write(rows: list[dict[str, Any]], fmt: str, out: Any) -> None:
    """Write rows as csv, jsonl or parquet (``out`` a path for parquet, a text stream otherwise)."""
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(rows), out)
        return
    if fmt == "jsonl":
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
        return
    buf = io.StringIO()
    if rows:
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    out.write(buf.getvalue())


def get(name: str) -> Callable[[Store], list[dict[str, Any]]]:
    return exporters.get(name)
