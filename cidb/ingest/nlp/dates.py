"""Date mentions in every language dateparser has locale data for.

Absolute dates ("16 december", "6. Juli 2021", "Jan. 20, 2024", "17.09.2020")
and relative ones ("lørdag", "last Saturday", "gestern") are resolved against
the publication date; an incident date is never later than publication, so a
follow-up published months later does not move it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

# Month, weekday and relative-day names come from dateparser's locale data (CLDR-derived,
# maintained upstream) for the article's language plus English; nothing is fetched at
# run time. Norwegian Bokmål is "nb" there.
_DP_LANG = {"no": "nb"}
# languages read when the article's language is unknown (the pipeline's historic set)
_DEFAULT_LANGS = ("en", "sv", "da", "nb", "nn", "de", "nl", "fr", "fi")
_MONTH_KEYS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_WEEKDAY_KEYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
# words that are month or weekday abbreviations in some language and common words in
# another: used only with a capital and a day
_AMBIGUOUS = {"may", "mar", "mai", "maj", "mei", "jun", "jul", "dec", "nov", "sept"}


def _locale_info(lang: str) -> dict | None:
    from dateparser.languages.loader import default_loader

    try:
        return default_loader.get_locale(_DP_LANG.get(lang, lang)).info
    except (ValueError, KeyError):
        return None


@lru_cache(maxsize=64)
def _names(langs: tuple[str, ...]) -> tuple[dict[str, int], dict[str, int], dict[str, tuple]]:
    """(month name -> number, weekday name -> 0..6, relative phrase -> (days, precision))."""
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    relative: dict[str, tuple] = {}
    for lang in langs:
        info = _locale_info(lang)
        if not info:
            continue
        for num, key in enumerate(_MONTH_KEYS, 1):
            for name in info.get(key, []):
                n = name.lower().rstrip(".")
                if len(n) >= 3 and " " not in n:
                    months.setdefault(n, num)
        for num, key in enumerate(_WEEKDAY_KEYS):
            for name in info.get(key, []):
                n = name.lower().rstrip(".")
                if len(n) >= 4 and " " not in n:
                    weekdays.setdefault(n, num)
        rel = info.get("relative-type", {})
        for key, (days, prec) in _REL_KEYS.items():
            for phrase in rel.get(key, []):
                p = phrase.lower()
                if len(p) >= 3 and len(p.split()[-1]) >= 3:
                    relative.setdefault(p, (days, prec))
    return months, weekdays, relative


# dateparser relative keys -> (days before publication, precision of the resolved date);
# a week or month ago states no day, so it resolves to a month
_REL_KEYS = {
    "0 day ago": (0, "day"),
    "1 day ago": (1, "day"),
    "1 week ago": (7, "month"),
    "1 month ago": (30, "month"),
    "1 year ago": (365, "year"),
}
# "last weekend" is not in dateparser's data: the weekend before publication
_WEEKEND = (
    r"last weekend|over the weekend|this weekend|at the weekend|letztes wochenende|"
    r"am wochenende|vergangenes wochenende|i helgen|förra helgen|i weekenden|sidste weekend|"
    r"forrige helg|afgelopen weekend|vorig weekend|le week-end dernier|ce week-end|"
    r"el pasado fin de semana|el fin de semana|lo scorso fine settimana|nel fine settimana|"
    r"no fim de semana|w weekend|w miniony weekend|viime viikonloppuna|viikonloppuna"
)

_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|e|er|º)?\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_YEAR_CUES = (
    r"in|i|im|en|year|år|jahr|jaar|année|vuonna|vuoden|sedan|seit|since|hösten|våren|høsten|"
    r"efteråret|foråret|herbst|frühjahr|sommer|sommaren|sommeren|autumn|spring|summer|winter|"
    r"vinteren|vintern|nel|del|em|de|w|roku|în|anul|aastal|gadā|metais|v|roce|u|godini"
)
_MONTH_CUES = (
    r"in|i|im|en|au mois de|during|since|sedan|seit|sinds|depuis|since early|early|late|mid-?|"
    r"end of|beginning of|start of|i början av|i mitten av|i slutet av|i begynnelsen av|"
    r"i midten av|i slutten av|i starten af|i midten af|i slutningen af|anfang|mitte|ende|begin|"
    r"half|eind|début|mi-|fin|at the end of|in early|in late|a|di|nel mese di|a finales de|"
    r"a principios de|em|no mês de|w|we|v|în|luna|a fines de|desde|dal|od|from"
)


@lru_cache(maxsize=64)
def _patterns(langs: tuple[str, ...]) -> list[tuple[str, re.Pattern[str]]]:
    months, weekdays, relative = _names(langs)
    mon_alt = "|".join(sorted((re.escape(n) for n in months), key=len, reverse=True))
    # Finnish and Estonian month names take case endings (marraskuussa, tammikuun)
    suffix = r"(?:u?(?:ssa|sta|ta|n|u)?)?" if {"fi", "et"} & set(langs) else ""
    mon = rf"(?P<mon>{mon_alt}){suffix}\.?"
    wd_alt = "|".join(sorted((re.escape(n) for n in weekdays), key=len, reverse=True))
    rel_alt = "|".join(sorted((re.escape(n) for n in relative), key=len, reverse=True))
    pats = [
        (
            "iso",
            re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
        ),
        (
            "dmy_num",
            re.compile(
                r"(?<![\d.])(?P<day>[0-3]?\d)[./](?P<mnum>[01]?\d)[./](?P<year>(?:19|20)\d\d)(?!\d)"
            ),
        ),
        (
            "dmy",
            re.compile(
                rf"(?<![\w.]){_DAY}\s*(?:of\s+|de\s+|di\s+)?{mon}(?:,?\s+(?:de\s+|del\s+)?{_YEAR})?(?!\w)",
                re.I,
            ),
        ),
        ("mdy", re.compile(rf"(?<!\w){mon}\s+{_DAY}(?:,\s*|\s+){_YEAR}?(?!\w)", re.I)),
        ("my", re.compile(rf"(?<!\w){mon}\s+(?:of\s+|de\s+|del\s+|di\s+)?{_YEAR}(?!\d)", re.I)),
        ("m", re.compile(rf"(?:\b(?:{_MONTH_CUES})\s+){mon}(?![\w\d])", re.I)),
        ("y", re.compile(rf"(?:\b(?:{_YEAR_CUES})\s+){_YEAR}(?!\d)", re.I)),
        ("weekend", re.compile(rf"(?<!\w)(?:{_WEEKEND})(?!\w)", re.I)),
    ]
    if rel_alt:
        pats.append(("rel", re.compile(rf"(?<!\w)(?:{rel_alt})(?!\w)", re.I)))
    if wd_alt:
        # genitive/inflected weekday forms ("i måndags", "maanantaina", "poniedziałek")
        pats.append(
            ("weekday", re.compile(rf"(?<!\w)(?P<wd>{wd_alt})(?:en|s|na|a|ia|e)?(?!\w)", re.I))
        )
    return pats


def _langs_for(lang: str | None) -> tuple[str, ...]:
    if not lang:
        return _DEFAULT_LANGS
    lang = lang.lower()[:2]
    return (lang, "en") if lang != "en" else ("en",)


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


def extract_dates(
    text: str, published: object = None, lang: str | None = None
) -> list[DateMention]:
    """All resolvable date mentions in ``text`` (sorted by position), read with the
    month/weekday/relative names of ``lang`` (plus English; the historic nine languages
    when unknown). Relative expressions resolve against the publication date; without
    one they are skipped, and a day and month without a year take the year only from the
    same sentence's neighbourhood or a text that names a single year."""
    ref, ref_prec = parse_published(published)
    langs = _langs_for(lang)
    months, weekdays, relative = _names(langs)
    years_in_text = {int(y) for y in re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text)}
    default_year = next(iter(years_in_text)) if len(years_in_text) == 1 else None
    out: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int, pad: int = 0) -> bool:
        return all(b + pad <= s or a - pad >= e for s, e in taken)

    def near_year(a: int) -> int | None:
        # an explicit year in the 80 characters before the mention ("In 2021 ... 16 December")
        ys = re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", text[max(0, a - 80) : a])
        return int(ys[-1]) if ys else default_year

    for kind, rx in _patterns(langs):
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
                name = gd["mon"].lower()
                mon = months[name]
                # short or ambiguous forms only with a capital ("Jan. 20", not "may 20")
                if (len(name) <= 3 or name in _AMBIGUOUS) and not gd["mon"][0].isupper():
                    continue
                day = int(gd["day"])
                year = (
                    int(gd["year"])
                    if gd.get("year")
                    else _infer_year(mon, day, ref, ref_prec, near_year(a))
                )
                if year is None:
                    continue
                d = _safe_date(year, mon, day)
            elif kind == "my":
                name = gd["mon"].lower()
                mon = months[name]
                if name in ("may", "mar") and not gd["mon"][0].isupper():
                    continue
                d, prec = _safe_date(int(gd["year"]), mon, 1), "month"
            elif kind == "m":
                name = gd["mon"].lower()
                mon = months[name]
                if len(name) <= 3 or name in _AMBIGUOUS and gd["mon"].islower():
                    continue
                year = _infer_year(mon, 1, ref, ref_prec, near_year(a))
                if year is None:
                    continue
                d, prec = _safe_date(year, mon, 1), "month"
            elif kind == "y":
                d, prec = _safe_date(int(gd["year"]), 1, 1), "year"
            elif kind == "weekday":
                if ref is None or ref_prec != "day":
                    continue
                wd = weekdays[gd["wd"].lower()]
                d = ref - dt.timedelta(days=(ref.weekday() - wd) % 7)
                rel = True
            elif kind == "weekend":
                if ref is None or ref_prec != "day":
                    continue
                d = ref - dt.timedelta(days=(ref.weekday() - 5) % 7)
                prec, rel = "month", True
            elif kind == "rel":
                days, prec = relative[m.group(0).lower()]
                # "last month"/"last year" need only a month-precision publication date
                if ref is None or ref_prec != "day" and (ref_prec != "month" or prec == "day"):
                    continue
                d = ref - dt.timedelta(days=days)
                rel = True
            if d is None:
                continue
            taken.append((a, b))
            out.append(DateMention(d, prec, a, b, "relative" if rel else "absolute", m.group(0)))
    return sorted(out, key=lambda x: x.start)


# month and weekday names of the historic languages (entities.py drops them from names)
_MONTH_OF, _WEEKDAY_OF, _ = _names(_DEFAULT_LANGS)
