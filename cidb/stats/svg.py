"""Server-side SVG charts: pure functions of plain data (no ORM, no Django).

Every chart is an accessible image: ``role="img"`` with a ``<title>`` and ``<desc>``
that it is labelled and described by; the page carries a table with the same data.
Sizes are in viewBox units so the chart scales to the width of its container.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from html import escape

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
TEXT = "#1f2933"
MUTED = "#52606d"
GRID = "#d9e2ec"
_ids = itertools.count(1)


@dataclass
class Bar:
    label: str
    value: int
    color: str
    href: str = ""


@dataclass
class Series:
    label: str
    color: str
    values: list[int]


@dataclass
class Part:
    label: str
    value: int
    color: str


@dataclass
class Cell:
    label: str  # short text in the cell, e.g. the technique ID
    title: str  # full text shown as a tooltip and read by screen readers
    value: int
    href: str = ""


def _attr(value: object) -> str:
    return escape(str(value), quote=True)


def _open(width: int, height: int, title: str, description: str, kind: str = "") -> str:
    # No style attribute: the site's Content-Security-Policy allows no inline styles, so
    # a chart's kind is a class the stylesheet sizes (e.g. the heatmap's phone width).
    uid = f"chart{next(_ids)}"
    css_class = f"chart {kind}".strip()
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{uid}-t" aria-describedby="{uid}-d" class="{css_class}" '
        f'preserveAspectRatio="xMinYMin meet" font-family="{_attr(FONT)}">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(description)}</desc>'
    )


def _text(x: float, y: float, text: str, *, size: int = 12, anchor: str = "start",
          color: str = TEXT, weight: str = "normal") -> str:  # fmt: skip
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{color}" font-weight="{weight}">{escape(text)}</text>'
    )


def _link(href: str, inner: str) -> str:
    return f'<a href="{_attr(href)}">{inner}</a>' if href else inner


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def nice_step(value: int, ticks: int = 4) -> int:
    """A whole, round grid step (1, 2 or 5 times a power of ten) so that about
    ``ticks`` steps cover value."""
    if value <= ticks:
        return 1
    raw = value / ticks
    power = 10 ** math.floor(math.log10(raw))
    for step in (1, 2, 5, 10):
        if step * power >= raw:
            return int(step * power)
    return int(10 * power)  # pragma: no cover


def _fmt(value: int) -> str:
    return f"{value:,}"


def bar_chart(bars: list[Bar], *, title: str, description: str, width: int = 520,
              label_width: int = 200) -> str:  # fmt: skip
    """Horizontal bars, one row each, in the given order, values at the bar ends."""
    row, top = 24, 8
    height = top + row * max(len(bars), 1) + 8
    plot = width - label_width - 70
    peak = max((b.value for b in bars), default=0) or 1
    out = [_open(width, height, title, description)]
    if not bars:
        out.append(_text(width / 2, height / 2 + 4, "No incidents", anchor="middle", color=MUTED))
    for i, bar in enumerate(bars):
        y = top + i * row
        length = max(plot * bar.value / peak, 1 if bar.value else 0)
        label = _text(label_width - 8, y + 16, _short(bar.label, 28), anchor="end")
        out.append(_link(bar.href, label))
        out.append(
            f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" '
            f'fill="{bar.color}" rx="2"><title>{escape(bar.label)}: {_fmt(bar.value)}</title></rect>'
        )
        out.append(_text(label_width + length + 6, y + 16, _fmt(bar.value), color=MUTED))
    out.append("</svg>")
    return "".join(out)


def timeline(buckets: list[str], ticks: dict[int, str], series: list[Series], *, title: str,
             description: str, width: int = 900, height: int = 300) -> str:  # fmt: skip
    """Stacked columns over time: one column per bucket (month), one colour per series.

    ``ticks`` maps a bucket index to its axis label (e.g. the year at each January)."""
    left, right, top, bottom = 56, 12, 12, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    axis_left = left
    n = max(len(buckets), 1)
    totals = [sum(s.values[i] for s in series) for i in range(len(buckets))]
    top_value = max(totals, default=0)
    grid = nice_step(top_value)
    peak = max(grid * math.ceil(top_value / grid), 1)
    # A column is at most 60 units wide: one or two months of data are a few slim,
    # centred columns with their month under each, not a block filling the chart.
    step = min(plot_w / n, 60.0)
    few = step >= 60.0
    left += (plot_w - step * n) / 2
    gap = step * 0.3 if few else min(step * 0.15, 2)
    out = [_open(width, height, title, description)]
    for value in range(0, peak + 1, grid):  # horizontal grid with value labels
        y = top + plot_h - plot_h * value / peak
        out.append(f'<line x1="{axis_left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
                   f'stroke="{GRID}" stroke-width="1"/>')  # fmt: skip
        out.append(_text(axis_left - 6, y + 4, _fmt(value), size=11, anchor="end", color=MUTED))
    for i, bucket in enumerate(buckets):
        x = left + i * step
        base = top + plot_h
        parts = []
        for s in series:
            value = s.values[i]
            if not value:
                continue
            h = plot_h * value / peak
            base -= h
            parts.append(
                f'<rect x="{x + gap / 2:.2f}" y="{base:.2f}" width="{max(step - gap, 0.5):.2f}" '
                f'height="{h:.2f}" fill="{s.color}"><title>{escape(bucket)} · {escape(s.label)}: '
                f"{_fmt(value)}</title></rect>"
            )
        out.extend(parts)
    for i, label in sorted(ticks.items()):
        x = left + i * step
        if few:  # the label sits under its column
            out.append(_text(x + step / 2, top + plot_h + 18, label, size=11, anchor="middle",
                             color=MUTED))  # fmt: skip
            continue
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{top + plot_h}" y2="{top + plot_h + 5}" '
                   f'stroke="{MUTED}" stroke-width="1"/>')  # fmt: skip
        out.append(_text(x + 2, top + plot_h + 18, label, size=11, color=MUTED))
    out.append(f'<line x1="{axis_left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}" '
               f'stroke="{MUTED}" stroke-width="1"/>')  # fmt: skip
    out.append("</svg>")
    return "".join(out)


def legend(series: list[Series]) -> list[tuple[str, str]]:
    """(label, colour) of the series that have any value, for an HTML legend."""
    return [(s.label, s.color) for s in series if any(s.values)]


def share_bars(rows: list[tuple[str, list[Part]]], *, title: str, description: str,
               width: int = 480, label_width: int = 110) -> str:  # fmt: skip
    """One 100% bar per row, split into parts (e.g. affected / not affected / unknown)."""
    row, top = 34, 24
    plot = width - label_width - 12
    height = top + row * len(rows) + 6
    out = [_open(width, height, title, description)]
    seen: dict[str, str] = {}
    for _, parts in rows:
        for part in parts:
            seen.setdefault(part.label, part.color)
    x = label_width
    for name, color in seen.items():  # legend along the top
        out.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{color}" rx="2"/>')
        out.append(_text(x + 16, 14, name, size=11, color=MUTED))
        x += 24 + 7 * len(name)
    for i, (label, parts) in enumerate(rows):
        y = top + i * row
        total = sum(p.value for p in parts)
        out.append(_text(label_width - 8, y + 19, label, anchor="end"))
        x = float(label_width)
        for part in parts:
            if not total or not part.value:
                continue
            w = plot * part.value / total
            share = 100 * part.value / total
            out.append(
                f'<rect x="{x:.2f}" y="{y + 4}" width="{w:.2f}" height="{row - 10}" '
                f'fill="{part.color}"><title>{escape(label)} · {escape(part.label)}: '
                f"{_fmt(part.value)} ({share:.0f}%)</title></rect>"
            )
            if w > 42:
                out.append(_text(x + w / 2, y + 19, f"{share:.0f}%", size=11, anchor="middle",
                                 color=_ink(part.color)))  # fmt: skip
            x += w
        if not total:
            out.append(_text(label_width + 4, y + 19, "No incidents", size=11, color=MUTED))
    out.append("</svg>")
    return "".join(out)


def shade(value: int, peak: int) -> str:
    """A cell colour from near white (0) to dark blue (peak), on a square-root scale
    so that a few very common techniques do not wash out the rest."""
    if value <= 0 or peak <= 0:
        return "#f4f6f8"
    t = math.sqrt(value / peak)
    low, high = (222, 235, 247), (8, 48, 107)
    r, g, b = (round(a + (z - a) * t) for a, z in zip(low, high, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def _ink(color: str) -> str:
    """Black or white text, whichever reads better on the colour."""
    digits = color.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    r, g, b = (int(digits[i : i + 2], 16) for i in (0, 2, 4))
    return "#ffffff" if 0.299 * r + 0.587 * g + 0.114 * b < 150 else TEXT


def heatmap(columns: list[tuple[str, list[Cell]]], *, title: str, description: str,
            column_width: int = 80, limit: int = 15) -> str:  # fmt: skip
    """An ATT&CK-style matrix: one column per tactic, one cell per technique, shaded by
    its count. Compact columns so that all 14 tactics fit a 1280 px page; a tactic with
    techniques has a tinted header with its number of techniques, an empty one says
    "none". Cells show the ID, the count and a shortened name; past ``limit`` cells a
    column says how many more there are (the table beside the chart lists them)."""
    head, cell_h, gap = 52, 36, 3
    rows = max((min(len(cells), limit + 1) for _, cells in columns), default=0)
    width = column_width * max(len(columns), 1)
    height = head + max(rows, 1) * (cell_h + gap) + 4
    peak = max((c.value for _, cells in columns for c in cells), default=0)
    out = [_open(width, height, title, description, kind="heatmap")]
    for i, (header, cells) in enumerate(columns):
        x = i * column_width
        used = bool(cells)
        out.append(
            f'<rect x="{x + 1}" y="0" width="{column_width - 2}" height="{height}" rx="4" '
            f'fill="{"#eef4fb" if used else "#fafbfc"}"/>'
        )
        words = header.split(" ")
        lines = (
            [" ".join(words[:1]), " ".join(words[1:])]
            if len(words) > 1 and len(header) > 11
            else [header]
        )
        for k, line in enumerate(lines):
            out.append(_text(x + column_width / 2, 14 + 12 * k, _short(line, 15),
                             size=10 if len(line) <= 12 else 9, anchor="middle", weight="bold",
                             color=TEXT if used else MUTED))  # fmt: skip
        note = _plural_short(len(cells)) if used else "none"
        out.append(_text(x + column_width / 2, 42, note, size=9, anchor="middle", color=MUTED))
        if len(cells) > limit:
            y = head + limit * (cell_h + gap) + 20
            more = f"+ {len(cells) - limit} more"
            out.append(_text(x + column_width / 2, y, more, size=10, anchor="middle", color=MUTED))
        for j, cell in enumerate(cells[:limit]):
            y = head + j * (cell_h + gap)
            fill = shade(cell.value, peak)
            ink = _ink(fill)
            inner = (
                f'<rect x="{x + 3}" y="{y}" width="{column_width - 6}" height="{cell_h}" '
                f'fill="{fill}" rx="3" stroke="{GRID}"/>'
                f"<title>{escape(cell.title)}: {_fmt(cell.value)}</title>"
                + _text(x + 7, y + 14, cell.label, size=10, color=ink, weight="bold")
                + _text(x + column_width - 7, y + 14, _fmt(cell.value), size=10, anchor="end",
                        color=ink)
                + _text(x + 7, y + 28, _short(cell.title.split(" ", 1)[-1], 13), size=9,
                        color=ink)
            )  # fmt: skip
            out.append(_link(cell.href, f"<g>{inner}</g>"))
    if not rows:
        out.append(_text(width / 2, head + 24, "No techniques recorded", anchor="middle",
                         color=MUTED))  # fmt: skip
    out.append("</svg>")
    return "".join(out)


def _plural_short(n: int) -> str:
    return f"{n} technique{'' if n == 1 else 's'}"
