"""Charts of a filter's statistics: each an SVG, a table with the same numbers (the
text equivalent and the CSV download) and whether only members may see it.

Pure presentation over ``data.Stats``: no queries except the technique lookup of the
ATT&CK matrix (passed in as ``matrix``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from cidb.incidents import vocab
from cidb.incidents.models import country_name

from . import svg
from .data import MatrixTechnique, Stats

# One colour per attack type on every chart (colour-blind-aware categorical palette).
ATTACK_COLORS = vocab.ATTACK_COLORS
COUNTRY_COLOR = "#3a78b5"
SECTOR_COLOR = "#3f9a4b"
MOTIVE_COLOR = "#7b5aa6"
ACTOR_COLOR = "#a8582a"
OTHER_COLOR = "#b4b9c0"
CIA_COLORS = {"affected": "#c4384a", "not_affected": "#3f9a4b", "unknown": "#c9cdd2"}
TOP_COUNTRIES = 15
MONTHLY_SPAN = 360  # past 30 years of months, columns become years
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

# Which charts exist, in page order: key -> (title, member-only).
# Part of the cache key of rendered charts: bump it when the drawing changes, so that a
# deploy does not serve SVG drawn by the previous code until the next data change.
RENDER_VERSION = 2

CHARTS = {
    "timeline": ("Incidents over time, by attack type", False),
    "attack-types": ("Attack types", False),
    "countries": ("Countries", False),
    "sectors": ("Sectors", False),
    "motives": ("Motives", True),
    "actor-types": ("Threat actor types", True),
    "actors": ("Most frequent threat actors", True),
    "cia": ("CIA posture", True),
    "techniques": ("ATT&CK techniques", True),
}


@dataclass
class Chart:
    key: str
    title: str
    member_only: bool
    headers: list[str]
    rows: list[list[object]]
    svg: str = ""
    description: str = ""
    legend: list[tuple[str, str]] = field(default_factory=list)
    note: str = ""
    wide: bool = False
    table: str = ""  # HTML


Link = Callable[[str, str], str]  # (filter name, value) -> URL, or "" for no link


def _no_link(name: str, value: str) -> str:
    return ""


def _ranked(counter: Counter) -> list[tuple[object, int]]:
    # Most first; among equals, unknown ("") last.
    return sorted(
        ((k, n) for k, n in counter.items() if n), key=lambda kv: (-kv[1], not kv[0], str(kv[0]))
    )


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _top_sentence(what: str, rows: list[tuple[str, int]], total: int) -> str:
    if not rows:
        return f"No incidents by {what}."
    parts = [f"{label} {n:,}" for label, n in rows[:3]]
    return f"{_plural(total, 'incident')} by {what}; most: " + ", ".join(parts) + "."


FEW_BUCKETS = 6


def _buckets(months: list[str]) -> tuple[list[str], Callable[[str], str], bool]:
    """Every month (or year, for long spans) from the first to the last."""
    first, last = months[0], months[-1]
    y, m = int(first[:4]), int(first[5:7])
    ly, lm = int(last[:4]), int(last[5:7])
    span = (ly - y) * 12 + lm - m + 1
    if span > MONTHLY_SPAN:
        return [str(year) for year in range(y, ly + 1)], lambda month: month[:4], False
    out = []
    while (y, m) <= (ly, lm):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out, lambda month: month, True


def _ticks(buckets: list[str], monthly: bool) -> dict[int, str]:
    """Axis labels by column: months (or quarters) for short spans, else years."""
    if not monthly:
        every = 1 if len(buckets) <= 15 else 5
        return {i: b for i, b in enumerate(buckets) if int(b) % every == 0 or i == 0}
    if len(buckets) <= 24:
        step = 1 if len(buckets) <= 12 else 3
        return {
            i: (f"{MONTHS[int(b[5:7]) - 1]} {b[:4]}" if i == 0 or b.endswith("-01")
                else MONTHS[int(b[5:7]) - 1])
            for i, b in enumerate(buckets) if (int(b[5:7]) - 1) % step == 0 or i == 0
        }  # fmt: skip
    years = len(buckets) / 12
    every = 1 if years <= 14 else 2 if years <= 28 else 5
    return {i: b[:4] for i, b in enumerate(buckets)
            if b.endswith("-01") and int(b[:4]) % every == 0}  # fmt: skip


def timeline(stats: Stats) -> Chart:
    title = CHARTS["timeline"][0]
    types = [t for t in vocab.ATTACK_TYPES if stats.attack_types.get(t)]
    headers = ["Month", "Incidents", *(vocab.ATTACK_TYPES[t] for t in types)]
    months = sorted(m for m, n in stats.month_totals.items() if n)
    if not months:
        return Chart("timeline", title, False, headers, [], svg=svg.timeline(
            [], {}, [], title=title, description="No incidents."))  # fmt: skip
    buckets, bucket_of, monthly = _buckets(months)
    index = {b: i for i, b in enumerate(buckets)}
    totals = [0] * len(buckets)
    for month, n in stats.month_totals.items():
        totals[index[bucket_of(month)]] += n
    series = {t: [0] * len(buckets) for t in types}
    for (month, attack_type), n in stats.month_types.items():
        if attack_type in series:
            series[attack_type][index[bucket_of(month)]] += n
    drawn = [svg.Series(vocab.ATTACK_TYPES[t], ATTACK_COLORS.get(t, OTHER_COLOR), series[t])
             for t in types]  # fmt: skip
    ticks = _ticks(buckets, monthly)
    peak = max(range(len(buckets)), key=lambda i: totals[i])
    unit = "month" if monthly else "year"
    if not monthly:
        headers[0] = "Year"
    description = (
        f"Stacked columns of incidents per {unit} from {buckets[0]} to {buckets[-1]}, "
        f"{_plural(stats.total, 'incident')} in all; the busiest {unit} was "
        f"{buckets[peak]} with {totals[peak]:,}. Colours are attack types"
    )
    if types:
        top = max(types, key=lambda t: stats.attack_types[t])
        description += f", the most common {vocab.ATTACK_TYPES[top]}"
    description += "."
    rows = [[b, totals[i], *(series[t][i] for t in types)] for i, b in enumerate(buckets)]
    # A few months take a half-width card of slim columns rather than a full-width block.
    wide = len(buckets) > FEW_BUCKETS
    return Chart(
        "timeline", title, False, headers, rows,
        svg=svg.timeline(buckets, ticks, drawn, title=title, description=description,
                         width=900 if wide else 480, height=300 if wide else 260),
        description=description, legend=svg.legend(drawn), wide=wide,
        note="An incident with several attack types counts once for each.",
    )  # fmt: skip


def _bars(key: str, counter: Counter, label: Callable[[object], str], color, *,
          name: str, link: Link, heading: str, top: int | None = None,
          other: str = "Other") -> Chart:  # fmt: skip
    title, member_only = CHARTS[key]
    ranked = _ranked(counter)
    labelled = [(label(k), n) for k, n in ranked]
    shown = ranked[:top] if top else ranked
    bars = [svg.Bar(label(k), n, color(k) if callable(color) else color,
                    link(name, str(k)) if k else "") for k, n in shown]  # fmt: skip
    rest = sum(n for _, n in ranked[len(shown) :])
    if rest:
        bars.append(svg.Bar(f"{other} ({len(ranked) - len(shown)})", rest, OTHER_COLOR))
    total = sum(n for _, n in ranked)
    description = _top_sentence(heading.lower(), labelled, total)
    return Chart(
        key, title, member_only, [heading, "Incidents"], [[lab, n] for lab, n in labelled],
        svg=svg.bar_chart(bars, title=title, description=description),
        description=description,
    )  # fmt: skip


def _country(code: object) -> str:
    return country_name(str(code)) if code else "Unknown"


def cia(stats: Stats) -> Chart:
    title = CHARTS["cia"][0]
    rows, table = [], []
    for name in vocab.CIA_FIELDS:
        counts = stats.cia.get(name, Counter())
        parts = [svg.Part(label, counts.get(value, 0), CIA_COLORS[value])
                 for value, label in vocab.CIA_VALUES.items()]  # fmt: skip
        rows.append((name.capitalize(), parts))
        table.append([name.capitalize(), *(counts.get(v, 0) for v in vocab.CIA_VALUES)])
    affected = ", ".join(f"{row[0]} {row[1]:,}" for row in table)
    description = f"Share of incidents in which each property was affected, not affected or unknown. Affected: {affected}."
    return Chart(
        "cia", title, True, ["Property", *vocab.CIA_VALUES.values()], table,
        svg=svg.share_bars(rows, title=title, description=description), description=description,
    )  # fmt: skip


def techniques(matrix: list[MatrixTechnique], *, technique_url: Callable[[str], str]) -> Chart:
    title = CHARTS["techniques"][0]
    columns = []
    for tactic, label in vocab.TACTICS.items():
        cells = [svg.Cell(t.attack_id, f"{t.attack_id} {t.name}", t.count, technique_url(t.attack_id))
                 for t in matrix if tactic in t.tactics]  # fmt: skip
        columns.append((label, cells))
    total = len(matrix)
    top = ", ".join(f"{t.attack_id} {t.name} ({t.count:,})" for t in matrix[:3])
    description = (
        f"ATT&CK matrix: {len(vocab.TACTICS)} tactic columns in kill-chain order, "
        f"{_plural(total, 'technique')} with incidents, darker cells have more incidents"
        + (f"; most: {top}." if top else ".")
    )
    rows = [[t.attack_id, t.name, ", ".join(vocab.TACTICS.get(x, x) for x in t.tactics), t.count]
            for t in matrix]  # fmt: skip
    return Chart(
        "techniques", title, True, ["Technique", "Name", "Tactics", "Incidents"], rows,
        svg=svg.heatmap(columns, title=title, description=description), description=description,
        note="Sub-techniques count for their parent technique (an incident counts once per "
        "technique); techniques without incidents in this selection are left out.",
        wide=True,
    )  # fmt: skip


def build(stats: Stats, *, keys: list[str] | None = None, link: Link = _no_link,
          matrix: list[MatrixTechnique] | None = None,
          technique_url: Callable[[str], str] = lambda attack_id: "") -> list[Chart]:  # fmt: skip
    """The charts a viewer may see, in page order (member-only ones only for members)."""
    keys = [k for k in (keys or list(CHARTS)) if stats.member or not CHARTS[k][1]]
    out = []
    for key in keys:
        if key == "timeline":
            out.append(timeline(stats))
        elif key == "attack-types":
            out.append(_bars(key, stats.attack_types, lambda t: vocab.ATTACK_TYPES.get(t, t),
                             lambda t: ATTACK_COLORS.get(t, OTHER_COLOR), name="attack_type",
                             link=link, heading="Attack type"))  # fmt: skip
        elif key == "countries":
            out.append(_bars(key, stats.countries, _country, COUNTRY_COLOR, name="country",
                             link=link, heading="Country", top=TOP_COUNTRIES,
                             other="Other countries"))  # fmt: skip
        elif key == "sectors":
            out.append(_bars(key, stats.sectors, lambda s: vocab.SECTORS.get(s, s or "Unknown"),
                             SECTOR_COLOR, name="sector", link=link, heading="Sector"))  # fmt: skip
        elif key == "motives":
            out.append(_bars(key, stats.motives, lambda m: vocab.MOTIVES.get(m, m), MOTIVE_COLOR,
                             name="motive", link=link, heading="Motive"))  # fmt: skip
        elif key == "actor-types":
            out.append(_bars(key, stats.actor_types, lambda t: vocab.ACTOR_TYPES.get(t, t),
                             ACTOR_COLOR, name="", link=_no_link, heading="Actor type"))  # fmt: skip
        elif key == "actors":
            named = Counter({a: n for a, n in stats.actors.items() if a in stats.actor_names})
            out.append(_bars(key, named, lambda a: stats.actor_names.get(a, "?"), ACTOR_COLOR,
                             name="actor", link=link, heading="Threat actor"))  # fmt: skip
        elif key == "cia":
            out.append(cia(stats))
        elif key == "techniques":
            out.append(techniques(matrix or [], technique_url=technique_url))
    for chart in out:
        chart.table = table_html(chart)
    return out


def _cell(value: object) -> str:
    return f"{value:,}" if isinstance(value, int) else escape(str(value))


def table_html(chart: Chart) -> str:
    """The chart's text equivalent. Built here rather than in a template: a timeline
    spans hundreds of rows, and template loops over them cost more than the chart."""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in chart.headers)
    body = (
        "".join(
            f'<tr><th scope="row">{_cell(row[0])}</th>'
            + "".join(f"<td>{_cell(v)}</td>" for v in row[1:])
            + "</tr>"
            for row in chart.rows
        )
        or f'<tr><td colspan="{len(chart.headers)}">No incidents.</td></tr>'
    )
    return (
        f'<table><caption class="visually-hidden">{escape(chart.title)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def csv_rows(chart: Chart) -> list[list[object]]:
    return [chart.headers, *chart.rows]
