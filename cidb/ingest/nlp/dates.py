"""Date mentions in nine languages and the incident-date estimate.

Absolute dates ("16 december", "6. Juli 2021", "Jan. 20, 2024", "17.09.2020")
and relative ones ("lørdag", "last Saturday", "gestern") are resolved against
the publication date; an incident date is never later than publication, so a
follow-up published months later does not move it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

MONTHS: dict[int, list[str]] = {
    1: ["january", "jan", "januari", "januar", "jänner", "janvier", "tammiku"],
    2: ["february", "feb", "februari", "februar", "février", "fevrier", "helmiku"],
    3: ["march", "mar", "mars", "marts", "märz", "maerz", "maart", "maaliskuu", "maalisku"],
    4: ["april", "apr", "avril", "huhtiku"],
    5: ["may", "maj", "mai", "mei", "toukoku"],
    6: ["june", "jun", "juni", "juin", "kesäku"],
    7: ["july", "jul", "juli", "juillet", "heinäku"],
    8: ["august", "aug", "augusti", "augustus", "août", "aout", "eloku"],
    9: ["september", "sep", "sept", "septembre", "syysku"],
    10: ["october", "oct", "oktober", "okt", "octobre", "lokaku"],
    11: ["november", "nov", "novembre", "marrasku"],
    12: ["december", "dec", "dezember", "dez", "desember", "décembre", "decembre", "jouluku"],
}
_SHORT_MONTHS = {
    "may",
    "mar",
    "jun",
    "jul",
    "sep",
    "dec",
    "nov",
    "okt",
    "apr",
    "aug",
    "jan",
    "feb",
    "oct",
    "dez",
}
_MONTH_OF = {name: num for num, names in MONTHS.items() for name in names}
# Finnish month stems take case endings (marraskuussa, tammikuun, toukokuuta).
_MONTH_ALT = "|".join(sorted((re.escape(n) for n in _MONTH_OF), key=len, reverse=True))
_MONTH = rf"(?P<mon>{_MONTH_ALT})(?:u?(?:ssa|sta|ta|n|u)?)?\.?"

WEEKDAYS: dict[int, list[str]] = {
    0: ["monday", "måndag", "mandag", "montag", "maandag", "lundi", "maanantai"],
    1: ["tuesday", "tisdag", "tirsdag", "tysdag", "dienstag", "dinsdag", "mardi", "tiistai"],
    2: ["wednesday", "onsdag", "mittwoch", "woensdag", "mercredi", "keskiviikko"],
    3: ["thursday", "torsdag", "donnerstag", "donderdag", "jeudi", "torstai"],
    4: ["friday", "fredag", "freitag", "vrijdag", "vendredi", "perjantai"],
    5: [
        "saturday",
        "lördag",
        "lørdag",
        "laurdag",
        "samstag",
        "sonnabend",
        "zaterdag",
        "samedi",
        "lauantai",
    ],
    6: ["sunday", "söndag", "søndag", "sundag", "sonntag", "zondag", "dimanche", "sunnuntai"],
}
_WEEKDAY_OF = {name: num for num, names in WEEKDAYS.items() for name in names}
_WD_ALT = "|".join(sorted(_WEEKDAY_OF, key=len, reverse=True))

_RELATIVE = {
    0: r"today|this morning|tonight|i dag|idag|i morse|i natt|heute|heute morgen|vandaag|aujourd'hui|ce matin|tänään",
    -1: r"yesterday|igår|i går|gestern|gisteren|hier|eilen|i forgårs",
}

_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|e|er)?\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_PATTERNS = [
    ("iso", re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?!\d)")),
    (
        "dmy_num",
        re.compile(
            r"(?<![\d.])(?P<day>[0-3]?\d)[./](?P<mnum>[01]?\d)[./](?P<year>(?:19|20)\d\d)(?!\d)"
        ),
    ),
    (
        "dmy",
        re.compile(rf"(?<![\w.]){_DAY}\s*(?:of\s+|de\s+)?{_MONTH}(?:,?\s+{_YEAR})?(?!\w)", re.I),
    ),
    ("mdy", re.compile(rf"(?<!\w){_MONTH}\s+{_DAY}(?:,\s*|\s+){_YEAR}?(?!\w)", re.I)),
    ("my", re.compile(rf"(?<!\w){_MONTH}\s+(?:of\s+|de\s+)?{_YEAR}(?!\d)", re.I)),
    (
        "m",
        re.compile(
            rf"(?:\b(?:in|i|im|en|au mois de|during|since|sedan|seit|sinds|depuis|since early|"
            rf"early|late|mid-?|end of|beginning of|start of|i början av|i mitten av|i slutet av|"
            rf"i begynnelsen av|i midten av|i slutten av|i starten af|i midten af|i slutningen af|"
            rf"anfang|mitte|ende|begin|half|eind|début|mi-|fin|at the end of|"
            rf"in early|in late)\s+){_MONTH}(?![\w\d])",
            re.I,
        ),
    ),
    (
        "y",
        re.compile(
            r"(?:\b(?:in|i|im|en|year|år|jahr|jaar|année|vuonna|vuoden|sedan|seit|since|hösten|våren|"
            r"høsten|våren|efteråret|foråret|herbst|frühjahr|sommer|sommaren|sommeren|"
            r"autumn|spring|summer|winter|vinteren|vintern|winter)\s+)(?P<year>(?:19|20)\d\d)(?!\d)",
            re.I,
        ),
    ),
    ("weekday", re.compile(rf"(?<!\w)(?P<wd>{_WD_ALT})(?:en|s|na|a|ia)?(?!\w)", re.I)),
    ("rel0", re.compile(rf"(?<!\w)(?:{_RELATIVE[0]})(?!\w)", re.I)),
    ("rel-1", re.compile(rf"(?<!\w)(?:{_RELATIVE[-1]})(?!\w)", re.I)),
]


@dataclass(frozen=True)
class DateMention:
    date: dt.date
    precision: str  # "day" | "month" | "year"
    start: int
    end: int
    kind: str  # "absolute" | "relative"
    text: str

    def iso(self) -> str:
        return format_date(self.date, self.precision)


def format_date(d: dt.date, precision: str) -> str:
    return (
        d.isoformat()
        if precision == "day"
        else d.strftime("%Y-%m")
        if precision == "month"
        else str(d.year)
    )


def parse_published(value: object) -> tuple[dt.date | None, str | None]:
    """'YYYY-MM-DD' / 'YYYY-MM' / 'YYYY' / ISO datetime -> (date, precision)."""
    if value is None:
        return None, None
    if isinstance(value, dt.datetime):
        return value.date(), "day"
    if isinstance(value, dt.date):
        return value, "day"
    s = str(value).strip()
    m = re.match(r"^((?:19|20)\d\d)(?:-(\d\d)(?:-(\d\d))?)?", s)
    if not m:
        return None, None
    try:
        y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
        return dt.date(y, mo, d), "day" if m.group(3) else "month" if m.group(2) else "year"
    except ValueError:
        return None, None


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _infer_year(
    month: int, day: int, ref: dt.date | None, ref_prec: str | None, default_year: int | None
) -> int | None:
    if ref is not None and ref_prec in ("day", "month"):
        y = ref.year
        cand = _safe_date(y, month, min(day, 28))
        # an unyeared date after publication belongs to the previous year
        if cand and (cand.year, cand.month) > (ref.year, ref.month):
            y -= 1
        return y
    if ref is not None:  # year precision
        return ref.year
    return default_year


def extract_dates(text: str, published: object = None) -> list[DateMention]:
    """All resolvable date mentions in ``text`` (sorted by position)."""
    ref, ref_prec = parse_published(published)
    explicit_years = Counter(int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text))
    default_year = explicit_years.most_common(1)[0][0] if explicit_years else None
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int, pad: int = 0) -> bool:
        return all(b + pad <= s or a - pad >= e for s, e in taken)

    for kind, rx in _PATTERNS:
        for m in rx.finditer(text):
            a, b = m.span()
            if not free(a, b, 12 if kind == "weekday" else 0):
                continue
            gd = m.groupdict()
            d: dt.date | None = None
            prec = "day"
            rel = False
            if kind in ("iso", "dmy_num"):
                d = _safe_date(int(gd["year"]), int(gd["mnum"]), int(gd["day"]))
            elif kind in ("dmy", "mdy"):
                mon = _MONTH_OF[gd["mon"].lower()]
                # short forms only with a day and a capital ("Jan. 20", not "may 20")
                if gd["mon"].lower() in _SHORT_MONTHS and not gd["mon"][0].isupper():
                    continue
                day = int(gd["day"])
                year = (
                    int(gd["year"])
                    if gd.get("year")
                    else _infer_year(mon, day, ref, ref_prec, default_year)
                )
                if year is None:
                    continue
                d = _safe_date(year, mon, day)
            elif kind == "my":
                mon = _MONTH_OF[gd["mon"].lower()]
                if gd["mon"].lower() in ("may", "mar") and not gd["mon"][0].isupper():
                    continue
                d, prec = _safe_date(int(gd["year"]), mon, 1), "month"
            elif kind == "m":
                mon = _MONTH_OF[gd["mon"].lower()]
                if (
                    len(gd["mon"]) <= 3
                    or gd["mon"].lower() in ("may", "march")
                    and gd["mon"].islower()
                ):
                    continue
                year = _infer_year(mon, 1, ref, ref_prec, default_year)
                if year is None:
                    continue
                d, prec = _safe_date(year, mon, 1), "month"
            elif kind == "y":
                d, prec = _safe_date(int(gd["year"]), 1, 1), "year"
            elif kind == "weekday":
                if ref is None or ref_prec != "day":
                    continue
                wd = _WEEKDAY_OF[gd["wd"].lower()]
                d = ref - dt.timedelta(days=(ref.weekday() - wd) % 7)
                rel = True
            elif kind.startswith("rel"):
                if ref is None or ref_prec != "day":
                    continue
                d = ref + dt.timedelta(days=int(kind[3:]))
                rel = True
            if d is None:
                continue
            taken.append((a, b))
            out.append(DateMention(d, prec, a, b, "relative" if rel else "absolute", m.group(0)))
    return sorted(out, key=lambda x: x.start)
