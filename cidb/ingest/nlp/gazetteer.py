"""Country gazetteer: pycountry names in the pipeline's languages, demonyms,
capitals/major cities and organisation-type cues ("kommun", "Landkreis"...)."""

from __future__ import annotations

import gettext
import re
from collections import Counter
from functools import lru_cache

import pycountry

from .lexicon import literal_alternation

# Country names in every language the pipeline reads (pycountry's translations).
LANGS = (
    "sv", "da", "nb_NO", "nn", "de", "nl", "fr", "fi", "en", "es", "it", "pt", "pl", "ro",
    "sk", "cs", "sl", "hr", "hu", "bg", "el", "et", "lv", "lt", "is", "ga", "ca", "mt",
)  # fmt: skip

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
    "IS": ["icelandic", "isländsk", "islandsk", "isländisch", "ijslands", "islandais", "íslensk"],
    "EE": ["estonian", "estnisk", "estnisch", "ests", "estonien", "virolai", "eesti"],
    "PL": ["polish", "polsk", "polnisch", "pools", "polonais", "puolalai", "polacc", "polaco"],
    "IT": [
        "italian",
        "italiensk",
        "italienisch",
        "italiaans",
        "italien",
        "italialai",
        "italiano",
        "italiana",
    ],
    "ES": ["spanish", "spansk", "spanisch", "spaans", "espagnol", "espanjalai"],
    "PT": ["portuguese", "portugisisk", "portugiesisch", "portugees", "portugais", "portuguê"],
    "RO": ["romanian", "rumänsk", "rumænsk", "rumänisch", "roemeens", "roumain", "român"],
    "SK": ["slovak", "slowakisch", "slovaque", "slovakisk", "slovenskej republiky"],
    "LV": ["latvian", "lettisk", "lettisch", "lets", "letton", "latvijas"],
    "LT": ["lithuanian", "litauisk", "litauisch", "litouws", "lituanien", "lietuvos"],
    "LU": ["luxembourgish", "luxemburgisch", "luxembourgeois", "lëtzebuerg"],
    "US": [
        "american",
        "amerikansk",
        "amerikanisch",
        "amerikaans",
        "américain",
        "amerikkalai",
        "u.s.",
    ],
    # Latin America: Spanish and Portuguese news is not only about Spain and Portugal
    "CR": ["costa rican", "costarricense"],
    "MX": ["mexican", "mexicano", "mexicana"],
    "AR": ["argentinian", "argentino", "argentina"],
    "CL": ["chilean", "chileno", "chilena"],
    "CO": ["colombian", "colombiano", "colombiana"],
    "PE": ["peruvian", "peruano", "peruana"],
    "BR": ["brazilian", "brasileir"],
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
    # own-language types of southern, central and eastern Europe
    (r"\bayuntamiento\b|\bajuntament\b|\bdiputaci[oó]n\b|\bgeneralitat\b|\bconcello\b", "ES"),
    (r"\bcomune di\b|\bregione \w+|\bprovincia di\b|\bazienda (?:sanitaria|ospedaliera)\b", "IT"),
    (r"\bs\.?p\.?a\.?$|\bs\.?r\.?l\.?$", "IT"),
    (r"\bc[aâ]mara municipal\b|\bfreguesia\b|\bs\.?g\.?p\.?s\.?\b", "PT"),
    (r"\bgmina\b|\bpowiat\w*\b|\burz[aą]d\b|\bsp\. z o\.o\.|\bsp\.? z o\.?o\b", "PL"),
    (r"\bprim[aă]ria\b|\bconsiliul jude|\bspitalul\b|\bs\.?r\.?l\.? ?$", "RO"),
    (r"\b[uú]rad\b.*\bslovenskej\b|\bmestsk[yý] [uú]rad\b", "SK"),
    (r"\bvallavalitsus|\blinnavalitsus|\boü\b", "EE"),
    (r"\bpa[sš]vald[iī]ba|\bnovada?\b|\bsia\b", "LV"),
    (r"\bsavivaldyb|\buab\b", "LT"),
    (r"\bab\b", "SE"),
    (r"\basa?\b", "NO"),
    (r"\ba/s\b", "DK"),
]

# Language of an article -> weak prior for the victim's country (languages of several
# countries, e.g. English, give none; see LANG_PRIOR).
LANG_COUNTRY = {
    "es": "ES",
    "ca": "ES",
    "it": "IT",
    "pt": "PT",
    "pl": "PL",
    "ro": "RO",
    "sk": "SK",
    "cs": "CZ",
    "sl": "SI",
    "hr": "HR",
    "hu": "HU",
    "bg": "BG",
    "el": "GR",
    "et": "EE",
    "lv": "LV",
    "lt": "LT",
    "is": "IS",
    "lb": "LU",
    "mt": "MT",
    "ga": "IE",
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


# Regions and provinces of these countries (pycountry's ISO 3166-2 names: maintained,
# own-language) count as places of the country, like its cities.
EUROPE = [
    "AT",
    "BE",
    "BG",
    "CH",
    "CY",
    "CZ",
    "DE",
    "DK",
    "EE",
    "ES",
    "FI",
    "FR",
    "GB",
    "GR",
    "HR",
    "HU",
    "IE",
    "IS",
    "IT",
    "LI",
    "LT",
    "LU",
    "LV",
    "MT",
    "NL",
    "NO",
    "PL",
    "PT",
    "RO",
    "SE",
    "SI",
    "SK",
]


@lru_cache(maxsize=1)
def region_names() -> dict[str, str]:
    """Lower-case region/province name -> alpha-2, for names of one country only, not
    everyday words (a region called "Centre" names no country)."""
    from wordfreq import zipf_frequency

    seen: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        if sub.country_code not in EUROPE:
            continue
        for part in re.split(r"\s*/\s*|\s*\(|\)", sub.name):
            name = part.strip(" ,")
            if len(name) >= 4 and not name[0].isdigit():
                seen.setdefault(name.lower(), set()).add(sub.country_code)
    # a region name that is an everyday word of another language ("Landes" in German)
    # would be read as a place wherever that language is written
    langs = ("en", "de", "fr", "es", "it", "nl", "sv", "pl", "pt")
    own = {"DE": "de", "AT": "de", "CH": "de", "FR": "fr", "BE": "fr", "ES": "es", "IT": "it"}
    own |= {"NL": "nl", "SE": "sv", "PL": "pl", "PT": "pt", "GB": "en", "IE": "en"}
    names = {}
    for name, codes in seen.items():
        if len(codes) != 1:
            continue
        cc = next(iter(codes))
        other = max(zipf_frequency(name, lg) for lg in langs if lg != own.get(cc))
        mine = zipf_frequency(name, own.get(cc, "en"))
        if other < 4.0 or (other < 4.5 and mine > other):
            names[name] = cc
    return names


@lru_cache(maxsize=1)
def _city_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    idx = dict(region_names())
    idx |= {c.lower(): cc for cc, cs in CITIES.items() for c in cs}
    return re.compile(r"(?<!\w)(" + literal_alternation(idx) + r")(?!\w)", re.IGNORECASE), idx


# Weight of the language prior: weaker for languages of many countries.
LANG_PRIOR = {"es": 0.5, "pt": 0.5}
DEFAULT_LANG_PRIOR = 1.5


@lru_cache(maxsize=1)
def _region_stems() -> dict[str, list[tuple[str, str]]]:
    """First five letters -> (folded one-word region name, country) for adjective look-ups."""
    from .entities import fold

    out: dict[str, list[tuple[str, str]]] = {}
    for name, cc in region_names().items():
        f = fold(name)
        if " " not in f and len(f) >= 5:
            out.setdefault(f[:5], []).append((f, cc))
    return out


def region_adjective_country(name: str) -> str | None:
    """Country of a region named by its adjective in an organisation's name ("Kärntner
    Landesverwaltung" -> Kärnten -> AT): a word that starts like a region name and only
    adds a short ending."""
    from .entities import fold

    stems = _region_stems()
    for tok in fold(name).split():
        if len(tok) < 6:
            continue
        for region, cc in stems.get(tok[:5], []):
            near = tok.startswith(region[: max(5, len(region) - 2)])
            if near and tok != region and 0 < len(tok) - len(region) <= 3:
                return cc
    return None


def country_mentions(text: str) -> Counter[str]:
    """Count country evidence in ``text``: names, demonyms and cities."""
    counts: Counter[str] = Counter()
    names = country_names()
    for m in _country_regex().finditer(text):
        w = m.group(1)
        # names are capitalised in every language read: "gana" (Spanish "wins") is no Ghana
        if (w.isupper() and len(w) > 3) or not w[0].isupper():
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
    found = [(m, c, pat) for pat, c in ORG_TYPE_COUNTRY if (m := re.search(pat, low))]
    if not found:
        return None
    # the most specific type wins ("region hovedstaden" over "region x")
    # a longer match, then a longer pattern (a list of names over "\w+")
    found.sort(key=lambda f: (-(f[0].end() - f[0].start()), -len(f[2])))
    hits = [c for _, c, _ in found]
    if "NO" in hits and "DK" in hits:  # "kommune" is both Norwegian and Danish
        return "DK" if language == "da" else "NO"
    return hits[0]
