"""Country gazetteer: pycountry names in the pipeline's languages, demonyms,
capitals/major cities and organisation-type cues ("kommun", "Landkreis"...)."""

from __future__ import annotations

import gettext
import re
from collections import Counter
from functools import lru_cache

import pycountry

from .lexicon import literal_alternation

LANGS = ("sv", "da", "nb", "nn", "de", "nl", "fr", "fi", "en")

# Adjectives/demonyms (stems) per country. Europe-first: where the project's
# news comes from; other countries still match through pycountry names.
DEMONYMS: dict[str, list[str]] = {
    "SE": [
        "swedish",
        "svensk",
        "schwedisch",
        "zweeds",
        "suédois",
        "suédoise",
        "ruotsalai",
        "sweden's",
    ],
    "NO": ["norwegian", "norsk", "norske", "norwegisch", "noors", "norvégien", "norjalai"],
    "DK": ["danish", "dansk", "danske", "dänisch", "deens", "deense", "danois", "tanskalai"],
    "FI": ["finnish", "finsk", "finnisch", "fins", "finse", "finlandais", "suomalai"],
    "DE": ["german", "tysk", "deutsch", "duits", "allemand", "saksalai", "bundes"],
    "NL": ["dutch", "nederlandsk", "niederländisch", "nederlands", "néerlandais", "hollantilai"],
    "BE": ["belgian", "belgisk", "belgisch", "belge", "belgialai"],
    "FR": ["french", "fransk", "französisch", "frans", "français", "française", "ranskalai"],
    "GB": [
        "british",
        "brittisk",
        "britisk",
        "britisch",
        "brits",
        "britannique",
        "english council",
        "welsh",
        "scottish",
        "northern ireland",
        "engelsk",
        "englisch",
        "brittiläi",
        "uk's",
    ],
    "IE": [
        "irish",
        "irländsk",
        "irsk",
        "irisch",
        "iers",
        "ierse",
        "irlandais",
        "irlandaise",
        "irlantilai",
    ],
    "CH": [
        "swiss",
        "schweizisk",
        "sveitsisk",
        "schweizer",
        "zwitsers",
        "suisse",
        "sveitsiläi",
        "eidgenöss",
        "confédération",
        "bundesverwaltung",
    ],
    "AT": [
        "austrian",
        "österrikisk",
        "østerrigsk",
        "østerriksk",
        "österreichisch",
        "oostenrijks",
        "autrichien",
    ],
    "IS": ["icelandic", "isländsk", "islandsk", "isländisch", "ijslands", "islandais"],
    "EE": ["estonian", "estnisk", "estnisch", "ests", "estonien", "virolai"],
    "PL": ["polish", "polsk", "polnisch", "pools", "polonais", "puolalai"],
    "IT": ["italian", "italiensk", "italiensk", "italienisch", "italiaans", "italien", "italialai"],
    "ES": ["spanish", "spansk", "spanisch", "spaans", "espagnol", "espanjalai"],
    "US": [
        "american",
        "amerikansk",
        "amerikanisch",
        "amerikaans",
        "américain",
        "amerikkalai",
        "u.s.",
    ],
}

CITIES: dict[str, list[str]] = {
    "SE": [
        "Stockholm",
        "Göteborg",
        "Gothenburg",
        "Malmö",
        "Uppsala",
        "Västerås",
        "Örebro",
        "Linköping",
        "Helsingborg",
        "Norrköping",
        "Jönköping",
        "Umeå",
        "Luleå",
        "Lund",
        "Sundsvall",
        "Gävle",
    ],
    "NO": ["Oslo", "Bergen", "Trondheim", "Stavanger", "Tromsø", "Kristiansand", "Drammen", "Bodø"],
    "DK": [
        "København",
        "Copenhagen",
        "Kopenhagen",
        "Aarhus",
        "Odense",
        "Aalborg",
        "Esbjerg",
        "Roskilde",
    ],
    "FI": [
        "Helsinki",
        "Helsingfors",
        "Espoo",
        "Tampere",
        "Vantaa",
        "Oulu",
        "Turku",
        "Åbo",
        "Jyväskylä",
    ],
    "DE": [
        "Berlin",
        "Hamburg",
        "München",
        "Munich",
        "Köln",
        "Cologne",
        "Frankfurt",
        "Stuttgart",
        "Düsseldorf",
        "Dortmund",
        "Essen",
        "Leipzig",
        "Bremen",
        "Dresden",
        "Hannover",
        "Nürnberg",
        "Potsdam",
        "Magdeburg",
        "Bonn",
        "Münster",
        "Kiel",
        "Mainz",
        "Wiesbaden",
        "Erfurt",
        "Schwerin",
    ],
    "NL": [
        "Amsterdam",
        "Rotterdam",
        "Den Haag",
        "Utrecht",
        "Eindhoven",
        "Groningen",
        "Tilburg",
        "Maastricht",
        "Nijmegen",
        "Enschede",
        "Arnhem",
        "Leiden",
        "Haarlem",
    ],
    "BE": [
        "Brussel",
        "Bruxelles",
        "Brussels",
        "Antwerpen",
        "Antwerp",
        "Anvers",
        "Gent",
        "Ghent",
        "Liège",
        "Luik",
        "Charleroi",
        "Brugge",
        "Leuven",
    ],
    "FR": [
        "Paris",
        "Marseille",
        "Lyon",
        "Toulouse",
        "Nice",
        "Nantes",
        "Strasbourg",
        "Bordeaux",
        "Lille",
        "Rennes",
        "Essonne",
    ],
    "GB": [
        "London",
        "Londres",
        "Manchester",
        "Birmingham",
        "Leeds",
        "Glasgow",
        "Edinburgh",
        "Liverpool",
        "Bristol",
        "Belfast",
        "Cardiff",
        "Derry",
        "Sheffield",
        "Newcastle",
    ],
    "IE": ["Dublin", "Cork", "Galway", "Limerick"],
    "CH": [
        "Zürich",
        "Zurich",
        "Genf",
        "Genève",
        "Geneva",
        "Basel",
        "Bern",
        "Berne",
        "Lausanne",
        "Lugano",
    ],
    "AT": ["Wien", "Vienna", "Vienne", "Graz", "Linz", "Salzburg", "Innsbruck"],
}

# Organisation-type words that pin the country of the organisation they name.
ORG_TYPE_COUNTRY: list[tuple[str, str]] = [
    (r"\w+ kommuns?\b", "SE"),
    (r"\bregion \w+", "SE"),
    (r"\w+ landstings?\b", "SE"),
    (r"\w+s? pastorat\b", "SE"),
    (r"\bsvenska\b", "SE"),
    (r"\w+ kommunes?\b", "NO"),
    (r"\w+ fylkes?kommune", "NO"),
    (r"\w+ kommunes?\b", "DK"),
    (r"\bregion (?:hovedstaden|sjælland|syddanmark|midtjylland|nordjylland)", "DK"),
    (r"\bgemeente \w+", "NL"),
    (r"\bprovincie \w+", "NL"),
    (r"\bwaterschap\b", "NL"),
    (r"\bstad (?:antwerpen|gent|brugge|leuven|mechelen)", "BE"),
    (r"\blandkreis\b", "DE"),
    (r"\bkreisverwaltung\b", "DE"),
    (r"\bstadtverwaltung\b", "DE"),
    (r"\bbezirk\w*\b", "DE"),
    (r"\bgmbh\b", "DE"),
    (r"\bbundesland\b", "DE"),
    (r"\buniklinik\w*", "DE"),
    (r"\b\w+ (?:borough )?council\b", "GB"),
    (r"\bnhs\b", "GB"),
    (r"\bkunta\b|\bkaupunki\b|\bkaupungin\b", "FI"),
    (r"\boy\b|\boyj\b", "FI"),
    (r"\bcommune de\b|\bmairie\b|\bcentre hospitalier\b|\bchu\b", "FR"),
    (r"\bkanton\b|\bcanton\b|\beidgenossenschaft\b|\bconfédération\b", "CH"),
    (r"\bab\b", "SE"),
    (r"\basa?\b", "NO"),
    (r"\ba/s\b", "DK"),
]

# Language of an article -> weak prior for the victim's country.
LANG_COUNTRY = {
    "sv": "SE",
    "no": "NO",
    "nb": "NO",
    "nn": "NO",
    "da": "DK",
    "fi": "FI",
    "de": "DE",
    "nl": "NL",
    "fr": "FR",
    "en": None,
}

TLD_COUNTRY = {
    "se": "SE",
    "no": "NO",
    "dk": "DK",
    "fi": "FI",
    "de": "DE",
    "nl": "NL",
    "be": "BE",
    "fr": "FR",
    "uk": "GB",
    "ie": "IE",
    "ch": "CH",
    "at": "AT",
    "is": "IS",
    "ee": "EE",
    "pl": "PL",
    "it": "IT",
    "es": "ES",
}


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Lower-case country name (in every pipeline language) -> alpha-2."""
    names: dict[str, str] = {}
    translators = []
    for lang in LANGS:
        try:
            translators.append(
                gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang]).gettext
            )
        except OSError:
            continue
    for c in pycountry.countries:
        forms = {c.name, getattr(c, "common_name", c.name)}
        for tr in translators:
            forms |= {tr(c.name), tr(getattr(c, "common_name", c.name))}
        for f in forms:
            f = f.split(",")[0].strip()
            if len(f) >= 4:
                names.setdefault(f.lower(), c.alpha_2)
    names.update(
        {
            "uk": "GB",
            "united kingdom": "GB",
            "england": "GB",
            "storbritannien": "GB",
            "storbritannia": "GB",
            "großbritannien": "GB",
            "grossbritannien": "GB",
            "scotland": "GB",
            "wales": "GB",
            "northern ireland": "GB",
            "nordirland": "GB",
            "irlanti": "IE",
            "sverige": "SE",
            "norge": "NO",
            "danmark": "DK",
            "suomi": "FI",
            "schweiz": "CH",
            "holland": "NL",
            "usa": "US",
            "deutschland": "DE",
            "tyskland": "DE",
            "ruotsi": "SE",
            "norja": "NO",
            "tanska": "DK",
            "saksa": "DE",
            "sveits": "CH",
            "belgien": "BE",
            "ruotsissa": "SE",
            "suomessa": "FI",
            "norjassa": "NO",
            "tanskassa": "DK",
            "ruotsin": "SE",
            "suomen": "FI",
            "norjan": "NO",
            "tanskan": "DK",
            "saksan": "DE",
        }
    )
    return names


@lru_cache(maxsize=1)
def _country_regex() -> re.Pattern[str]:
    return re.compile(
        r"(?<!\w)(" + literal_alternation(country_names()) + r")(?!\w)", re.IGNORECASE
    )


@lru_cache(maxsize=1)
def _demonym_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    idx = {d: c for c, ds in DEMONYMS.items() for d in ds}
    return re.compile(r"(?<!\w)(" + literal_alternation(idx) + r")", re.IGNORECASE), idx


@lru_cache(maxsize=1)
def _city_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    idx = {c.lower(): cc for cc, cs in CITIES.items() for c in cs}
    return re.compile(r"(?<!\w)(" + literal_alternation(idx) + r")(?!\w)", re.IGNORECASE), idx


def country_mentions(text: str) -> Counter[str]:
    """Count country evidence in ``text``: names, demonyms and cities."""
    counts: Counter[str] = Counter()
    names = country_names()
    for m in _country_regex().finditer(text):
        w = m.group(1)
        if w.isupper() and len(w) > 3:
            continue
        counts[names[w.lower()]] += 1
    rx, idx = _demonym_regex()
    for m in rx.finditer(text):
        counts[idx[m.group(1).lower()]] += 1
    rx, idx = _city_regex()
    for m in rx.finditer(text):
        if m.group(1)[0].isupper():
            counts[idx[m.group(1).lower()]] += 1
    return counts


def org_type_country(name: str, language: str | None = None) -> str | None:
    """Country implied by an organisation name's type word (kommun -> SE, ...)."""
    low = name.lower()
    hits = [c for pat, c in ORG_TYPE_COUNTRY if re.search(pat, low)]
    if not hits:
        return None
    if "NO" in hits and "DK" in hits:  # "kommune" is both Norwegian and Danish
        return "DK" if language == "da" else "NO"
    return hits[0]
