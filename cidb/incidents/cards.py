"""The generated image of an incident: a recognisable card (attack-type icon, victim,
country, month) for records without an uploaded image.

One layout drawn two ways: SVG for pages and feeds, PNG (Pillow) for social previews,
which do not take SVG. The card shows only public fields, so anyone who may see the
record may see its card. PNGs are cached on disk under a name that hashes what the card
shows, so an edit of a shown field draws a new one and other edits reuse it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import textwrap
from dataclasses import asdict, dataclass
from functools import cache
from html import escape
from pathlib import Path

from . import vocab

WIDTH, HEIGHT = 1200, 630  # the Open Graph size
# Part of the cache name: bump it when the drawing changes.
CARD_VERSION = 1
BACKGROUND = "#14324f"
INK = "#ffffff"
SOFT_INK = "#c9d8e8"

# Icons in a 100 x 100 box, as shapes both renderers draw: ("poly", points, filled),
# ("line", points, width), ("circle", cx, cy, r, filled), ("rect", x, y, w, h, filled).
Shape = tuple
ICONS: dict[str, list[Shape]] = {
    "ransomware": [  # a padlock
        ("line", [(32, 46), (32, 30), (40, 20), (60, 20), (68, 30), (68, 46)], 8),
        ("rect", 22, 44, 56, 42, True),
        ("circle", 50, 62, 6, False),
    ],
    "ddos": [  # many arrows at one target
        ("circle", 72, 50, 14, True),
        ("line", [(10, 20), (52, 44)], 6),
        ("line", [(8, 50), (52, 50)], 6),
        ("line", [(10, 80), (52, 56)], 6),
        ("line", [(24, 8), (58, 38)], 6),
        ("line", [(24, 92), (58, 62)], 6),
    ],
    "data_breach": [  # a database with data leaving it
        ("rect", 18, 24, 44, 54, True),
        ("line", [(18, 42), (62, 42)], 4),
        ("line", [(18, 60), (62, 60)], 4),
        ("line", [(68, 50), (92, 50)], 6),
        ("poly", [(84, 40), (96, 50), (84, 60)], True),
    ],
    "intrusion": [  # a door ajar with an arrow going in
        ("rect", 46, 12, 40, 76, False),
        ("poly", [(46, 12), (66, 20), (66, 96), (46, 88)], True),
        ("line", [(6, 50), (36, 50)], 6),
        ("poly", [(30, 40), (42, 50), (30, 60)], True),
    ],
    "account_compromise": [  # a person with a key
        ("circle", 40, 32, 16, True),
        ("poly", [(12, 88), (16, 62), (40, 52), (64, 62), (68, 88)], True),
        ("circle", 78, 66, 8, False),
        ("line", [(84, 72), (96, 86)], 5),
    ],
    "phishing": [  # a hook
        ("line", [(60, 8), (60, 62), (54, 76), (42, 82), (30, 76), (26, 64)], 7),
        ("poly", [(20, 70), (26, 56), (34, 68)], True),
        ("circle", 60, 10, 5, True),
    ],
    "defacement": [  # a page with a spray mark
        ("rect", 20, 12, 52, 72, False),
        ("line", [(30, 30), (62, 30)], 4),
        ("line", [(30, 44), (56, 44)], 4),
        ("poly", [(46, 54), (86, 64), (70, 94), (40, 84)], True),
    ],
    "supply_chain": [  # linked boxes
        ("rect", 6, 36, 24, 24, True),
        ("rect", 38, 36, 24, 24, True),
        ("rect", 70, 36, 24, 24, True),
        ("line", [(30, 48), (38, 48)], 5),
        ("line", [(62, 48), (70, 48)], 5),
        ("line", [(50, 60), (50, 84)], 5),
        ("circle", 50, 88, 6, False),
    ],
    "wiper": [  # a bin
        ("line", [(18, 22), (82, 22)], 7),
        ("line", [(40, 22), (42, 12), (58, 12), (60, 22)], 5),
        ("poly", [(24, 28), (76, 28), (70, 90), (30, 90)], True),
    ],
    "extortion": [  # an envelope with a warning
        ("rect", 10, 28, 60, 44, False),
        ("line", [(10, 28), (40, 54), (70, 28)], 5),
        ("poly", [(78, 30), (96, 66), (60, 66)], True),
    ],
    "espionage": [  # an eye
        (
            "poly",
            [(6, 50), (28, 30), (50, 24), (72, 30), (94, 50), (72, 70), (50, 76), (28, 70)],
            False,
        ),
        ("circle", 50, 50, 14, True),
    ],
    "other": [  # a warning sign
        ("poly", [(50, 10), (92, 86), (8, 86)], False),
        ("line", [(50, 36), (50, 62)], 7),
        ("circle", 50, 74, 4, True),
    ],
}
COLORS = vocab.ATTACK_COLORS


@dataclass(frozen=True)
class CardData:
    """What a card shows: public fields only."""

    victim: str
    attack_type: str  # a vocab.ATTACK_TYPES key, "other" when unknown
    attack_label: str
    country: str  # ISO code or ""
    country_name: str
    month: str  # e.g. "May 2024"
    sector: str

    @property
    def alt(self) -> str:
        where = f" in {self.country_name}" if self.country_name else ""
        return f"{self.attack_label}{where}, {self.month}: {self.victim}"

    def key(self) -> str:
        raw = json.dumps([CARD_VERSION, asdict(self)], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(raw.encode()).hexdigest()[:16]


def data_for(incident) -> CardData:
    """The card of an Incident (its attack types prefetched or not)."""
    from .models import country_name

    slugs = [t.slug for t in incident.attack_types.all()]
    kind = next((k for k in vocab.ATTACK_TYPES if k in slugs), "other")
    label = ", ".join(vocab.ATTACK_TYPES.get(s, s) for s in slugs[:2]) or "Cyber incident"
    return CardData(
        victim=incident.victim_name,
        attack_type=kind,
        attack_label=label,
        country=incident.country or "",
        country_name=country_name(incident.country or ""),
        month=incident.date.strftime("%B %Y") if incident.date else "Date unknown",
        sector=incident.get_sector_display() if incident.sector else "",
    )


def _victim_lines(victim: str) -> list[str]:
    lines = textwrap.wrap(victim, 20) or ["Unknown victim"]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), 20, placeholder="…")]
    return lines


def _layout(card: CardData) -> dict:
    """Where everything goes, shared by both renderers."""
    victim = _victim_lines(card.victim)
    facts = " · ".join(x for x in (card.country_name, card.month) if x)
    return {
        "band": COLORS.get(card.attack_type, COLORS["other"]),
        "kicker": card.attack_label.upper(),
        "victim": victim,
        "victim_y": [300, 380][: len(victim)] if len(victim) == 2 else [330],
        "facts": facts,
        "sector": card.sector,
        "code": card.country,
        "icon": ICONS.get(card.attack_type, ICONS["other"]),
    }


def _icon_svg(shapes: list[Shape], x: float, y: float, scale: float, color: str) -> str:
    out = []
    for shape in shapes:
        kind = shape[0]
        if kind == "poly":
            pts = " ".join(f"{x + px * scale:.0f},{y + py * scale:.0f}" for px, py in shape[1])
            paint = (
                f'fill="{color}"'
                if shape[2]
                else f'fill="none" stroke="{color}" stroke-width="{5 * scale:.0f}" stroke-linejoin="round"'
            )
            out.append(f'<polygon points="{pts}" {paint}/>')
        elif kind == "line":
            pts = " ".join(f"{x + px * scale:.0f},{y + py * scale:.0f}" for px, py in shape[1])
            out.append(
                f'<polyline points="{pts}" fill="none" stroke="{color}" '
                f'stroke-width="{shape[2] * scale:.0f}" stroke-linecap="round" stroke-linejoin="round"/>'
            )
        elif kind == "circle":
            _, cx, cy, r, filled = shape
            paint = (
                f'fill="{color}"'
                if filled
                else f'fill="none" stroke="{color}" stroke-width="{4 * scale:.0f}"'
            )
            out.append(
                f'<circle cx="{x + cx * scale:.0f}" cy="{y + cy * scale:.0f}" r="{r * scale:.0f}" {paint}/>'
            )
        elif kind == "rect":
            _, rx, ry, w, h, filled = shape
            paint = (
                f'fill="{color}"'
                if filled
                else f'fill="none" stroke="{color}" stroke-width="{5 * scale:.0f}"'
            )
            out.append(
                f'<rect x="{x + rx * scale:.0f}" y="{y + ry * scale:.0f}" width="{w * scale:.0f}" '
                f'height="{h * scale:.0f}" rx="{3 * scale:.0f}" {paint}/>'
            )
    return "".join(out)


_DIAMOND = [
    (WIDTH - 108, HEIGHT - 48),
    (WIDTH - 99, HEIGHT - 39),
    (WIDTH - 108, HEIGHT - 30),
    (WIDTH - 117, HEIGHT - 39),
]


def _diamond_points() -> str:
    return " ".join(f"{x},{y}" for x, y in _DIAMOND)


FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif"


def svg(card: CardData) -> str:
    """The card as a standalone SVG document (role img, titled with its alt text)."""
    lay = _layout(card)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}" role="img" font-family="{escape(FONT, quote=True)}">'
        f"<title>{escape(card.alt)}</title>",
        f'<rect width="{WIDTH}" height="{HEIGHT}" fill="{BACKGROUND}"/>',
        f'<rect width="24" height="{HEIGHT}" fill="{lay["band"]}"/>',
        f'<circle cx="1010" cy="250" r="150" fill="{lay["band"]}"/>',
        _icon_svg(lay["icon"], 920, 160, 1.8, INK),
        f'<text x="80" y="150" font-size="34" font-weight="700" fill="{SOFT_INK}" '
        f'letter-spacing="2">{escape(lay["kicker"])}</text>',
    ]
    for line, y in zip(lay["victim"], lay["victim_y"], strict=True):
        out.append(
            f'<text x="80" y="{y}" font-size="60" font-weight="700" fill="{INK}">{escape(line)}</text>'
        )
    out.append(
        f'<text x="80" y="480" font-size="38" fill="{SOFT_INK}">{escape(lay["facts"])}</text>'
    )
    if lay["sector"]:
        out.append(
            f'<text x="80" y="535" font-size="30" fill="{SOFT_INK}">{escape(lay["sector"])}</text>'
        )
    if lay["code"]:
        out.append(
            f'<rect x="950" y="470" width="120" height="70" rx="10" fill="none" stroke="{SOFT_INK}" stroke-width="3"/>'
            f'<text x="1010" y="518" font-size="40" font-weight="700" text-anchor="middle" fill="{INK}">{escape(lay["code"])}</text>'
        )
    out.append(f'<polygon points="{_diamond_points()}" fill="{SOFT_INK}"/>')
    out.append(
        f'<text x="{WIDTH - 40}" y="{HEIGHT - 30}" font-size="24" text-anchor="end" fill="{SOFT_INK}">cidb</text>'
    )
    out.append("</svg>")
    return "".join(out)


@cache
def _font(size: int, bold: bool = False):
    from PIL import ImageFont

    names = ["DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"]
    for name in names:
        for folder in ("/usr/share/fonts/truetype/dejavu",):
            path = Path(folder) / name
            if path.exists():
                return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)  # Pillow's own font: no system font needed


def png(card: CardData) -> bytes:
    """The card as a PNG (for Open Graph and Twitter cards, which take no SVG)."""
    from PIL import Image, ImageDraw

    lay = _layout(card)
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 23, HEIGHT), fill=lay["band"])
    draw.ellipse((860, 100, 1160, 400), fill=lay["band"])
    _icon_png(draw, lay["icon"], 920, 160, 1.8, INK)
    draw.text((80, 150), lay["kicker"], font=_font(34, True), fill=SOFT_INK, anchor="ls")
    for line, y in zip(lay["victim"], lay["victim_y"], strict=True):
        draw.text((80, y), line, font=_font(60, True), fill=INK, anchor="ls")
    draw.text((80, 480), lay["facts"], font=_font(38), fill=SOFT_INK, anchor="ls")
    if lay["sector"]:
        draw.text((80, 535), lay["sector"], font=_font(30), fill=SOFT_INK, anchor="ls")
    if lay["code"]:
        draw.rounded_rectangle((950, 470, 1070, 540), 10, outline=SOFT_INK, width=3)
        draw.text((1010, 518), lay["code"], font=_font(40, True), fill=INK, anchor="ms")
    draw.polygon(_DIAMOND, fill=SOFT_INK)
    draw.text((WIDTH - 40, HEIGHT - 30), "cidb", font=_font(24), fill=SOFT_INK, anchor="rs")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _icon_png(draw, shapes: list[Shape], x: float, y: float, scale: float, color: str) -> None:
    def at(px: float, py: float) -> tuple[float, float]:
        return (x + px * scale, y + py * scale)

    for shape in shapes:
        kind = shape[0]
        if kind == "poly":
            points = [at(*p) for p in shape[1]]
            if shape[2]:
                draw.polygon(points, fill=color)
            else:
                draw.polygon(points, outline=color, width=round(5 * scale))
        elif kind == "line":
            width = round(shape[2] * scale)
            points = [at(*p) for p in shape[1]]
            draw.line(points, fill=color, width=width, joint="curve")
            for px, py in (points[0], points[-1]):  # round caps, as in the SVG
                draw.ellipse(
                    (px - width / 2, py - width / 2, px + width / 2, py + width / 2), fill=color
                )
        elif kind == "circle":
            _, cx, cy, r, filled = shape
            (px, py), rr = at(cx, cy), r * scale
            box = (px - rr, py - rr, px + rr, py + rr)
            if filled:
                draw.ellipse(box, fill=color)
            else:
                draw.ellipse(box, outline=color, width=round(4 * scale))
        elif kind == "rect":
            _, rx, ry, w, h, filled = shape
            box = (*at(rx, ry), *at(rx + w, ry + h))
            if filled:
                draw.rounded_rectangle(box, round(3 * scale), fill=color)
            else:
                draw.rounded_rectangle(box, round(3 * scale), outline=color, width=round(5 * scale))


def cached_png(card: CardData, folder: Path) -> Path:
    """The card's PNG on disk, drawn once per version of what it shows."""
    path = folder / f"{card.key()}.png"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(png(card))
        tmp.replace(path)  # atomic: a concurrent reader never sees half a file
    return path
