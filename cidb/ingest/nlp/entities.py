"""Victim organisation, country and people from an article's text.

The victim is the best-scoring proper-noun phrase: organisation-type words
("kommun", "Landkreis", "Council", "Klinikum"...), the object position of an
attack phrase ("attack on X", "Angriff auf X", "angrepet mot X"...), the title
and the lead all add evidence; authorities, news agencies, threat actors and
places alone are not victims.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from .actors import find_actors
from .gazetteer import (
    CITIES,
    DEFAULT_LANG_PRIOR,
    DEMONYMS,
    LANG_COUNTRY,
    LANG_PRIOR,
    TLD_COUNTRY,
    country_mentions,
    country_names,
    org_type_country,
    region_adjective_country,
)

# Organisation-type words. Prefix types stand before the name ("Landkreis X"),
# suffix types after it ("X kommun", "X Council").
PREFIX_TYPES = [
    "Landkreis",
    "Kreis",
    "Stadt",
    "Gemeinde",
    "Gemeente",
    "Stad",
    "City of",
    "Town of",
    "Borough of",
    "County of",
    "Municipality of",
    "Council of",
    "University of",
    "Universität",
    "Universiteit",
    "Université",
    "Universitätsklinikum",
    "Uniklinik",
    "Uniklinikum",
    "Klinikum",
    "Kliniken",
    "Bezirkskliniken",
    "Bezirksklinikum",
    "Krankenhaus",
    "Hospital",
    "Hôpital",
    "Centre hospitalier",
    "Centre Hospitalier",
    "CHU de",
    "Region",
    "Regionen",
    "Kreisverwaltung",
    "Landkreisverwaltung",
    "Stadtwerke",
    "Sparkasse",
    "Provincie",
    "Hochschule",
    "Ville de",
    "Commune de",
    "Kommune",
    "Helsingin",
    "Gemeente",
    "Kanton",
    "Canton de",
    "Universitetet i",
    "Universitetssjukhuset",
    # southern, central and eastern Europe
    "Ayuntamiento de",
    "Ajuntament de",
    "Ajuntament d'",
    "Diputación de",
    "Generalitat de",
    "Ministerio de",
    "Ministerio del",
    "Comune di",
    "Regione",
    "Provincia di",
    "Ministero dell'",
    "Ministero della",
    "Ministero del",
    "Azienda Ospedaliera",
    "Ospedale",
    "Câmara Municipal de",
    "Câmara Municipal do",
    "Câmara Municipal da",
    "Ministério da",
    "Ministério do",
    "Hospital de",
    "Gmina",
    "Miasto",
    "Urząd",
    "Szpital",
    "Primăria",
    "Spitalul",
    "Ministerul",
    "Mestský úrad",
    "Úrad",
    "Ministère de",
    "Ministère des",
    "Mairie de",
]
_PREFIXES_SPACED = tuple(p + " " for p in PREFIX_TYPES)
SUFFIX_TYPES = [
    "kommun",
    "kommune",
    "Kommune",
    "kommunes",
    "kommuns",
    "pastorat",
    "stift",
    "kyrkan",
    "kirke",
    "län",
    "landsting",
    "region",
    "Region",
    "sjukhus",
    "sykehus",
    "sygehus",
    "universitet",
    "Universitet",
    "Council",
    "Borough Council",
    "County Council",
    "City Council",
    "University",
    "Hospital",
    "Library",
    "Universiteit",
    "Klinikum",
    "Kliniken",
    "AG",
    "GmbH",
    "SE",
    "AB",
    "ASA",
    "AS",
    "A/S",
    "Oy",
    "Oyj",
    "SA",
    "S.A.",
    "Ltd",
    "plc",
    "PLC",
    "Inc",
    "Group",
    "Hotels",
    "Holding",
    "kaupunki",
    "kunta",
    "Stadtwerke",
    "Verwaltung",
    "Bank",
    "OÜ",
    "SIA",
    "UAB",
    "S.p.A.",
    "SpA",
    "S.r.l.",
    "Lda",
    "S.L.",
    "s.r.o.",
    "a.s.",
    "Airport",
    "Airlines",
    "Hydro",
]
# Lower-case words that may sit inside a name ("Hof van Twente", "Redcar and Cleveland").
CONNECTORS = {
    "en": r"(?:and|of|&|upon)",
    "nl": r"(?:van|van de|van het|aan de|&)",
    "fr": r"(?:de|du|des|de la|d'|sur|&)",
    "de": r"(?:am|an der|&)",
    "it": r"(?:di|del|della|dello|dei|degli|&)",
    "es": r"(?:de|del|de la|de los|de las|&)",
    "ca": r"(?:de|del|de la|d'|&)",
    "pt": r"(?:de|do|da|dos|das|&)",
    "ro": r"(?:de|din|&)",
}
# Heads of descriptive nouns before a name ("Batteriehersteller Varta", "NCSC-Direktor X").
DESCRIPTOR_HEADS = (
    r"hersteller|kette|dienstleister|unternehmen|konzern|firma|anbieter|betreiber|zulieferer|händler|"
    r"verband|bande|spezialist|klinikbetreiber|gruppe|partei|leverantör|leverantören|företaget|bolaget|"
    r"kedjan|selskapet|selskabet|kæden|kjeden|leverandør|leverandøren|bedrijf|leverancier|firme|"
    r"entreprise|société|yhtiö|direktor|direktør|direktör|sprecher|sprecherin|geschäftsführer|chef|"
    r"vorsitzende|generalsekretär|minister|ministerin|präsident|leiter|leiterin|experte|expertin|"
    r"sjef|chefen|talsperson|woordvoerder|kyrkoherde|ordfører|ordförande|"
    r"batteriehersteller|traditionsunternehmen|hotelkette|supermarktkette|it-firma|it-dienstleister"
)

# Organisations that report on incidents rather than suffer them, and news agencies.
NON_VICTIMS = {
    "police",
    "polisen",
    "politiet",
    "polizei",
    "politie",
    "poliisi",
    "keskusrikospoliisi",
    "krp",
    "europol",
    "interpol",
    "fbi",
    "nca",
    "ncsc",
    "bsi",
    "msb",
    "cert",
    "cert-se",
    "cert.se",
    "certfr",
    "cert-fr",
    "anssi",
    "nsm",
    "cfcs",
    "nctv",
    "traficom",
    "kyberturvallisuuskeskus",
    "datatilsynet",
    "imy",
    "ico",
    "cnil",
    "ap",
    "autoriteit persoonsgegevens",
    "datainspektionen",
    "säpo",
    "pst",
    "pet",
    "verfassungsschutz",
    "bfv",
    "lka",
    "bka",
    "zac",
    "staatsanwaltschaft",
    "reuters",
    "dpa",
    "afp",
    "tt",
    "ntb",
    "ritzau",
    "anp",
    "belga",
    "nrk",
    "svt",
    "dr",
    "tv 2",
    "tv2",
    "yle",
    "bbc",
    "sverige radio",
    "sveriges radio",
    "spiegel",
    "der spiegel",
    "heise",
    "golem",
    "zdf",
    "ard",
    "dagens nyheter",
    "aftonbladet",
    "expressen",
    "computer sweden",
    "digi.no",
    "version2",
    "nos",
    "le monde",
    "le parisien",
    "rts",
    "srf",
    "tagesschau",
    "microsoft",
    "google",
    "telegram",
    "twitter",
    "x",
    "facebook",
    "bleepingcomputer",
    "the record",
    "techcrunch",
    "darknet",
    "dark web",
    "tor",
    "ombudsman",
    "data protection ombudsman",
    "office of the data protection ombudsman",
    "nationale zentrum für cybersicherheit",
    "nationales zentrum für cybersicherheit",
    "nis2",
    "eu",
    "european union",
    "cybersecurity",
    "it",
    "ceo",
    "ciso",
    "vd",
    "covid",
    "covid-19",
    "gdpr",
}

# Last words of threat-actor names in the vendors' naming schemes (CrowdStrike animals,
# Microsoft weather): such a name is an attacker, never the victim.
ACTOR_NAMING = {
    "Bear", "Panda", "Kitten", "Spider", "Chollima", "Jackal", "Tiger", "Typhoon",
    "Blizzard", "Sleet", "Sandstorm", "Tempest", "Hail", "Cyclone", "Flood", "Dust",
}  # fmt: skip

# Words that are never a name on their own (sentence starts, titles, genre words).
_STOP_LEAD = {
    "the",
    "a",
    "an",
    "der",
    "die",
    "das",
    "den",
    "dem",
    "des",
    "ein",
    "eine",
    "de",
    "het",
    "een",
    "le",
    "la",
    "les",
    "l",
    "un",
    "une",
    "en",
    "ett",
    "et",
    "ei",
    "nach",
    "bei",
    "im",
    "in",
    "on",
    "auf",
    "mot",
    "mod",
    "på",
    "hos",
    "för",
    "for",
    "til",
    "till",
    "af",
    "av",
    "aan",
    "op",
    "bij",
    "van",
    "voor",
    "after",
    "efter",
    "etter",
    "update",
    "uppdatering",
    "breaking",
    "news",
    "nyheter",
    "wie",
    "how",
    "why",
    "what",
    "när",
    "når",
    "hur",
    "hvordan",
    "så",
    "sådan",
    "case",
    "study",
    "information",
    "om",
    "about",
    "über",
    "sur",
    "à",
    "du",
    "von",
    "vom",
    "zum",
    "zur",
    "und",
    "och",
    "og",
    "and",
    "ja",
    "sekä",
    "also",
    "auch",
    "även",
    "også",
    "ook",
    "aussi",
    "myös",
    "laut",
    "ifølge",
    "enligt",
    "volgens",
    "selon",
    "mukaan",
    "hackers",
    "hacker",
    "hackere",
    "hackare",
    "pirates",
    "cyber",
    "it",
    "bund",
    "dieser",
    "diese",
    "dies",
    "this",
    "that",
    "these",
    "those",
    "jetzt",
    "now",
    "nu",
    "nå",
    "nun",
    "maintenant",
    "nyt",
    "while",
    "when",
    "wenn",
    "als",
    "hvis",
    "if",
    "si",
    "jos",
    "but",
    "men",
    "aber",
    "maar",
    "mais",
    "mutta",
    "uppgifter",
    "sources",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "i",
}

ROLE_WORDS = (
    r"ordfører|ordförande|kommundirektör|kommunchef|kommundirektør|rådmann|borgmester|Bürgermeister(?:in)?|"
    r"Oberbürgermeister(?:in)?|Landrat|Landrätin|burgemeester|maire|mayor|CEO|vd|VD|"
    r"administrerende direktør|adm\. direktør|direktør|direktör|director|spokes(?:person|man|woman)|"
    r"pressetalsmann|pressechef|presschef|talsperson|Sprecher(?:in)?|woordvoerder|porte-parole|tiedottaja|"
    r"toimitusjohtaja|minister|Minister(?:in)?|ministre|head of [A-Za-z ]+|chief [a-z ]+ officer|CISO|"
    r"IT-chef|it-chef|IT-direktør|IT-Leiter(?:in)?|Geschäftsführer(?:in)?|Vorstand|kyrkoherde|"
    r"sikkerhetssjef|säkerhetschef|sikkerhedschef|informationssäkerhetschef|kommunikationschef|"
    r"kommunikasjonsdirektør|kommunikationsdirektør|Generalsekretär(?:in)?|Parteivorsitzende[rn]?"
)
_NAME = r"[A-ZÅÄÖÆØÜÉ][a-zåäöæøüéèáíóúë]+(?:[- ][A-ZÅÄÖÆØÜÉ][a-zåäöæøüéèáíóúë]+){1,2}"

_UPPER = "A-ZÅÄÖÆØÜÉÈÁÍÓÚÑÇŠŽĐ"
_TOKEN = rf"(?:[{_UPPER}][\w&'’./+-]*[\w+]|[{_UPPER}]|\d+-?[{_UPPER}][\w-]*)"


# Bodies that disclose, investigate or regulate attacks on others: police, prosecutors,
# CERTs, cyber-security agencies, data-protection authorities (folded, several languages).
# They are named in most reports and are rarely the victim.
_AUTHORITY = re.compile(
    r"(?<![a-z])(?:polic|polizi|politiet|politidistrikt|poliisi|politsei|policij|gendarm|"
    r"carabinier|guardia civil|guardia di finanza|prokurat|procura|fiscalia|parquet|"
    r"staatsanwalt|brigade|europol|interpol|crime agency|cyber ?crime|cyber ?security|"
    r"cybersecurite|cybersicherheit|ciberseguridad|ciberseguranca|securitate cibernetic|"
    r"kyberneticke bezpecnost|kybernetickej bezpecnost|kiberdrosib|kuberturbe|"
    r"kyberturvallisuus|criptologic|data protection|datenschutz|proteccion de datos|"
    r"protezione dei dati|protection des donnees|garante|tietosuoja|integritetsskydd|"
    r"datatilsyn|andmekaitse|commissioner|ombudsman|"
    r"(?:cert|csirt|uodo|cnil|cnpd|ncsc|dnsc|nbu|bsi|anssi|incibe|ccn)(?![a-z]))"
)
# A supplier or service provider in apposition ("X, a payroll provider", "IT-Dienstleister
# X"): when a provider is hit, its customers are affected, but the provider is the victim.
_SUPPLIER = (
    r"provider|supplier|vendor|contractor|outsourc\w*|dienstleister|zulieferer|lieferant|"
    r"leverantör\w*|leverandør\w*|toimittaja\w*|fournisseur|prestataire|proveedor\w*|"
    r"fornitore|fornecedor\w*|dostawc\w*|furnizor\w*|dodávateľ\w*|tarnija\w*|"
    r"piegādātāj\w*|tiekėj\w*|leverancier\w*|third[- ]party|it[- ]firm|it[- ]company|"
    r"it-firma|it-dienstleister|on behalf of|manages data|processes data"
)
_SUPPLIER_AFTER = re.compile(
    rf"^\s*(?:\([^)]{{0,40}}\)\s*)?,\s*(?:\w+\s+){{0,4}}?(?:{_SUPPLIER})", re.IGNORECASE
)
_SUPPLIER_BEFORE = re.compile(rf"(?:{_SUPPLIER})\w*,?\s+(?:[\w-]+,?\s+){{0,2}}$", re.IGNORECASE)


def is_authority(name: str) -> bool:
    """The name is that of a police force, prosecutor, CERT or supervisory authority."""
    return bool(_AUTHORITY.search(fold(name)))


@dataclass
class Candidate:
    name: str
    score: float = 0.0
    count: int = 0
    in_title: bool = False
    has_type: bool = False
    supplier: bool = False
    target_hits: int = 0
    first_pos: int = 10**9
    sentence: str = ""
    aliases: set[str] = field(default_factory=set)


@dataclass
class Entities:
    victim: str | None
    victim_aliases: list[str]
    victim_score: float
    victim_sentence: str | None
    country: str | None
    country_scores: dict[str, float]
    country_sentence: str | None
    candidates: list[tuple[str, float]]
    people: list[dict]
    actors: list[dict]

    def as_dict(self) -> dict:
        return self.__dict__.copy()


def fold(text: str) -> str:
    """Accent-free lower-case key ("Östre Toten" -> "ostre toten")."""
    # names and words are folded hundreds of times per article: cache the short ones
    return _fold_short(text) if len(text) <= 120 else _fold(text)


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _NON_ALNUM.sub(" ", text.lower()).strip()


_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_fold_short = lru_cache(maxsize=1 << 16)(_fold)


@lru_cache(maxsize=16)
def _np_regex(lang: str | None = None) -> re.Pattern[str]:
    prefix = "|".join(sorted((re.escape(p) for p in PREFIX_TYPES), key=len, reverse=True))
    lower_prefix = (
        r"(?:gemeente|stad|stadt|gemeinde|kommune|region|provincie|landkreis|ville de|commune de|"
        r"city of|comune di|regione|ayuntamiento de|ajuntament de|mairie de|gmina|primăria|"
        r"câmara municipal d[eoa])"
    )
    suffix_low = (
        r"(?:kommuns?|kommunes?|pastorat|stift|kyrkan|kirke|sjukhus(?:et)?|sykehus(?:et)?|sygehus(?:et)?|"
        r"universitet(?:et)?|kaupunki|kunta|region|stads?)"
    )
    conn = CONNECTORS.get(lang or "")
    sep = rf"(?:[ \t]+{conn}[ \t]+|[ \t]+|-)" if conn else r"(?:[ \t]+|-)"
    # an elided article ("L’Ajuntament de X", "d’Italia") is not part of the name
    core = rf"(?![LlDd]['’]){_TOKEN}(?:{sep}{_TOKEN}){{0,4}}"
    return re.compile(
        rf"(?<![\w-])(?P<pre>(?:{prefix})[ \t]+|{lower_prefix}[ \t]+)?(?P<core>{core})(?P<suf>[ \t]+{suffix_low}(?!\w))?"
    )


_TARGET_BEFORE = re.compile(
    r"(?:attack(?:s|ed)? (?:on|against|at)|breach (?:at|of)|hack(?:ing)? (?:of|at)|incident at|"
    r"hit|targeted|angrep(?:et)? (?:på|mot)|angreb(?:et)? (?:på|mod)|åtak(?:et)? (?:på|mot)|"
    r"attack(?:en)? mot|intrång(?:et)? (?:hos|i|på)|(?:it|data|cyber|hacker)-?\w* (?:mot|på|mod|hos)|"
    r"angriff(?:s|e)? auf|(?:cyber|hacker)-?angriff(?:s|e)? auf|attacke auf|"
    r"aanval op|hack bij|cyberaanval (?:op|bij)|attaque (?:contre|visant|de)|cyberattaque (?:contre|visant|de)|"
    r"piratage de|hyökkäys|hyökkäyksen|tietomurto)\s+(?:(?:the|den|die|das|der|einen|eine|le|la|les|l'|het|de|"
    r"one of|ett av|en av|et af|ein|un|une|[a-zäöüåøæé-]+(?:e|en|er|s)?)\s+){0,3}$",
    re.IGNORECASE,
)
_TARGET_AFTER = re.compile(
    r"^\s*(?:[,(][^,)]{0,60}[,)]\s*)?(?:has been|have been|was|were|is|är|har|blev|ble|var|wurde|ist|war|hat|werd|"
    r"is|a été|est|on|oli|joutui)?\s*(?:\w+\s+){0,3}?(?:hit|attacked|targeted|breached|hacked|drabbad|"
    r"utsatt|utsattes|angripen|angrepet|rammet|ramt|ramma|opfer|getroffen|angegriffen|gehackt|lahmgelegt|"
    r"slachtoffer|aangevallen|victime|visé|touché|piraté|joutunut|kohteeksi|hackad|hacket|lammet|"
    r"lamslagen|confirmed|bekräftar|bekrefter|bekræfter|bestätigt|bevestigt|confirme)",
    re.IGNORECASE,
)

_ACRONYM_PAREN = re.compile(r"\(\s*([A-ZÅÄÖÆØÜ][A-Za-zÅÄÖÆØÜ0-9&-]{1,9})\s*\)")


@lru_cache(maxsize=65536)
def _word_common(word: str, lang: str | None) -> float:
    # cached: the same capitalised words recur across articles and wordfreq look-ups are slow
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - optional
        return 0.0
    code = {"no": "nb", "nn": "nb", "lb": "de"}.get(lang or "en", lang or "en")
    try:
        return max(zipf_frequency(word.lower(), code), zipf_frequency(word.lower(), "en") - 0.5)
    except LookupError:
        return zipf_frequency(word.lower(), "en")


@lru_cache(maxsize=1)
def _demonym_stems() -> tuple[str, ...]:
    return tuple(d for ds in DEMONYMS.values() for d in ds if len(d) >= 4)


@lru_cache(maxsize=1)
def _place_words() -> set[str]:
    words = set(country_names())
    words |= {d for ds in DEMONYMS.values() for d in ds}
    for cities in CITIES.values():
        words |= {c.lower() for c in cities}
    return words


_DESCRIPTOR = re.compile(rf"^[\w-]*(?:{DESCRIPTOR_HEADS})(?:s|es|n|en|e)?$", re.IGNORECASE)
FIRST_NAMES_FILE = Path(__file__).parent / "data" / "first_names.txt"


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    lines = FIRST_NAMES_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip() for x in lines if x.strip() and not x.startswith("#"))


def _is_person_name(name: str) -> bool:
    toks = name.split()
    return (
        2 <= len(toks) <= 4
        and toks[0] in first_names()
        and toks[0].lower() not in _place_words()  # "France Travail" is no person
        and all(t[:1].isupper() for t in toks)
    )


def _split_hyphen_compound(tok: str, lang: str | None) -> str:
    """ "ABC-Sprecherin" -> "ABC", "Zentrix-Hack" -> "Zentrix"; "Nordwerk-IT", "7-Eleven" stay."""
    if "-" not in tok:
        return tok
    head, _, tail = tok.rpartition("-")
    if not head or not tail or tail.isupper() or not tail[:1].isalpha():
        return tok
    if _DESCRIPTOR.match(tail) or _attack_word_regex().match(tail):
        return head
    if head.isupper() and tail[:1].isupper() and tail[1:].islower():
        return head
    return tok


@lru_cache(maxsize=1)
def _calendar_words() -> set[str]:
    from .dates import _MONTH_OF, _WEEKDAY_OF

    return set(_MONTH_OF) | set(_WEEKDAY_OF) | {"januar", "monats", "woche", "samstagmorgen"}


@lru_cache(maxsize=1)
def _attack_word_regex() -> re.Pattern[str]:
    from .lexicon import ATTACK_NOUNS, ATTACK_TYPE_CUES

    cues = ATTACK_NOUNS + [c for v in ATTACK_TYPE_CUES.values() for c in v if len(c) > 4]
    return re.compile(r"(?:" + "|".join(cues) + ")", re.IGNORECASE)


def _is_german_compound_noun(word: str) -> bool:
    """ "Rettungswagen", "Hackerangriff": ends in a frequent German noun."""
    w = word.lower()
    if not w.isalpha():
        return False
    for i in range(2, len(w) - 4):
        tail = w[i:]
        if len(tail) >= 5 and _word_common(tail, "de") >= 4.0 and tail[0].isalpha():
            return True
    return False


def _clean_name(raw: str, lang: str | None, sentence_initial: bool) -> str:
    name = raw.strip(" -’'\".,:;")
    toks = name.split()
    cal = _calendar_words()
    # calendar words and numbers split names ("Saturday 15 May 2021 NHA" -> "NHA")
    for i in range(len(toks) - 1, -1, -1):
        if toks[i].lower().strip(".,") in cal or re.fullmatch(r"[\d.,:]+", toks[i]):
            toks = toks[i + 1 :] if i >= len(toks) / 2 or i == 0 else toks[:i]
            break
    changed = True
    first = True
    while toks and changed:
        changed = False
        t0 = toks[0].lower().strip("'’")
        if (
            t0 in _STOP_LEAD
            or toks[0].endswith(":")
            or len(toks) > 1
            and _DESCRIPTOR.match(toks[0])
        ):
            toks, changed = toks[1:], True
        elif (
            len(toks) > 2
            and t0 in _place_words()
            and _DESCRIPTOR.match(toks[1])
            or len(toks) > 2
            and any(t0.startswith(d) for d in _demonym_stems())
            and _DESCRIPTOR.match(toks[1])
        ):
            toks, changed = toks[2:], True
        elif (
            len(toks) > 1
            and first
            and sentence_initial
            and not toks[0].isupper()
            and t0 not in _place_words()
            and toks[1] not in SUFFIX_TYPES
            and _word_common(toks[0], lang) >= 4.0
        ):
            toks, changed = toks[1:], True
        first = False
    while toks and toks[-1].lower() in _STOP_LEAD:
        toks = toks[:-1]
    # an organisation followed by the name of its head ("ÚGKK Juraj Celler"): the organisation
    names = first_names()
    for i in range(1, len(toks) - 1):
        if (
            toks[i] in names
            and toks[i + 1][:1].isupper()
            and not toks[i + 1].isupper()
            and toks[i].lower() not in _place_words()
            and toks[i] not in SUFFIX_TYPES
        ):
            toks = toks[:i]
            break
    if toks:
        toks[-1] = _split_hyphen_compound(toks[-1], lang)
        if len(toks) == 1:
            toks[0] = _split_hyphen_compound(toks[0], lang)
    name = " ".join(toks)
    name = re.sub(r"(?:’s|'s|’|')$", "", name)
    return name.strip(" -.,")


_FI_ENDINGS = sorted(
    [
        "n",
        "a",
        "ä",
        "ssa",
        "ssä",
        "sta",
        "stä",
        "lla",
        "llä",
        "lta",
        "ltä",
        "lle",
        "ksi",
        "on",
        "oon",
        "een",
        "iin",
        "aan",
        "ään",
        "ta",
        "tä",
        "na",
        "nä",
        "in",
        "ja",
        "jä",
    ],
    key=len,
    reverse=True,
)


def _stem_key(key: str, lang: str | None) -> str:
    """Merge Finnish case forms of a name ("vastaamon", "vastaamosta" -> "vastaamo")."""
    if lang != "fi":
        return key
    toks = key.split()
    last = toks[-1]
    for e in _FI_ENDINGS:
        if last.endswith(e) and len(last) - len(e) >= 4:
            last = last[: -len(e)]
            break
    return " ".join(toks[:-1] + [last])


def _genitive_base(name: str, text_fold: str, lang: str | None) -> str:
    # Scandinavian/German genitive: "Kalix kommuns" -> "Kalix kommun", "Tietoevrys" -> "Tietoevry"
    if lang in ("sv", "no", "nn", "da", "de", "nb") and len(name) > 4 and name.endswith("s"):
        base = name[:-1]
        if _has_word(text_fold.replace(fold(name), " "), fold(base)):
            return base
        if re.search(r"(?:kommuns|kommunes|regionens)$", name):
            return base
    return name


def _drop_head_of(name: str, text: str, end: int) -> str:
    """ "ÚGKK SR Juraj Celler" -> "ÚGKK SR": an acronym followed by a person's two-word name
    (the head of the organisation), recognised by the surname recurring later on its own."""
    toks = name.split()
    if len(toks) < 3 or not (toks[0].isupper() and len(toks[0]) >= 2):
        return name
    head = [t for t in toks if t.isupper()]
    tail = toks[len(head) :]
    if len(tail) != 2 or toks[: len(head)] != head:
        return name
    if not all(t[:1].isupper() and t[1:].islower() and t not in SUFFIX_TYPES for t in tail):
        return name
    if tail[0].lower() in _place_words():
        return name
    surname = re.escape(tail[1][: max(4, len(tail[1]) - 3)])
    if re.search(rf"(?<!{re.escape(tail[0])} )\b{surname}", text[end:]):
        return " ".join(head)
    return name


def find_org_candidates(
    text: str, title: str | None, lang: str | None, actors: list | None = None
) -> list[Candidate]:
    """Scored victim candidates (best first); ``actors``: find_actors() result if known."""
    full = f"{title}\n{text}" if title and not text.startswith(title[:40]) else text
    title_len = len(title) + 1 if title and not text.startswith(title[:40]) else len(title or "")
    text_fold = fold(full)
    if actors is None:
        actors = find_actors(full)
    actor_names = {fold(n) for a in actors for n in (a.name, a.alias)}
    places = _place_words()
    cands: dict[str, Candidate] = {}
    long_of: dict[str, str] = {}  # acronym -> key of the long form a source gave for it
    sentences = list(re.finditer(r"[^.!?\n]+[.!?]?", full))

    def sentence_of(pos: int) -> str:
        for s in sentences:
            if s.start() <= pos < s.end():
                return s.group(0).strip()
        return ""

    # Title-case headlines ("Ransomware Hit on X Causes IT Outages") are not parsed for names;
    # names found in the body still get the title bonus.
    words = re.findall(r"[^\W\d_]+", title or "")
    title_case = len(words) >= 4 and sum(w[0].isupper() for w in words) / len(words) > 0.6
    attack_word = _attack_word_regex()

    def _add_candidate(
        name: str, m: re.Match[str], pre: str, suf: str, sentence_initial: bool
    ) -> None:
        """Count one occurrence of ``name`` (matched by ``m``) as a candidate."""
        key = fold(name)
        if not key or key in NON_VICTIMS or key in actor_names:
            return
        first_tok = key.split()[0]
        if first_tok in NON_VICTIMS and len(key.split()) <= 2 and not suf:
            return
        toks = name.split()
        if toks[-1].lower().endswith(("-based", "-baserade", "-basierte")):
            return
        if len(toks) >= 2 and toks[-1] in ACTOR_NAMING:  # "Fancy Bear", "Volt Typhoon"
            return
        if len(toks) > 1 and all(
            t.lower() in places or re.fullmatch(CONNECTORS.get(lang or "", "and"), t) for t in toks
        ):
            return
        has_type = (
            bool(pre or suf)
            or any(t in SUFFIX_TYPES for t in toks[1:])
            or name.startswith(_PREFIXES_SPACED)
        )
        if not has_type and key in places:
            return
        # single common words ("Angriff", "Daten", "Update") are not names
        if len(toks) == 1 and not has_type:
            w = toks[0]
            if re.fullmatch(r"[\d\W]+", w) or w.lower() in _calendar_words():
                return
            is_acronym = w.isupper() and len(w) >= 2
            camel = bool(re.search(r"[a-zåäö][A-ZÅÄÖ]|\d", w))
            if attack_word.match(w) and (is_acronym or camel or len(w) > 5):
                return
            if not is_acronym and not camel:
                if _word_common(w, lang) >= (3.6 if sentence_initial or lang == "de" else 4.3):
                    return
                if attack_word.match(w) or (lang == "de" and _is_german_compound_noun(w)):
                    return
            if w.isupper() and len(w) > 6 and not re.search(r"\d", w):  # SHOUTED headline word
                return
        elif not has_type and attack_word.match(toks[-1]):
            return
        name = _genitive_base(name, text_fold, lang)
        key = _stem_key(fold(name), lang)
        c = cands.get(key)
        if c is None:
            c = cands[key] = Candidate(name)
        c.count += 1
        c.has_type = c.has_type or has_type
        if m.start() < title_len:
            c.in_title = True
        c.first_pos = min(c.first_pos, m.start())
        before = full[max(0, m.start() - 60) : m.start()]
        after = full[m.end() : m.end() + 80]
        if _SUPPLIER_AFTER.search(after) or _SUPPLIER_BEFORE.search(before):
            c.supplier = True
        if _TARGET_BEFORE.search(before) or _TARGET_AFTER.search(after):
            c.target_hits += 1
            if not c.sentence:
                c.sentence = sentence_of(m.start())
        if not c.sentence and c.count == 1:
            c.sentence = sentence_of(m.start())
        paren = _ACRONYM_PAREN.match(full[m.end() : m.end() + 14].lstrip())
        if paren and fold(paren.group(1)) != key:
            c.aliases.add(paren.group(1))
            acr = paren.group(1)
            if acr.isupper() and fold(acr)[:1] == key[:1]:
                long_of[fold(acr)] = key
        if name != c.name and (
            len(name) < len(c.name) if lang == "fi" else len(name) > len(c.name)
        ):
            c.aliases.add(c.name)
            c.name = name

    for m in _np_regex(lang).finditer(full):
        if title_case and m.start() < title_len:
            continue
        pre = (m.group("pre") or "").strip()
        core = m.group("core")
        suf = (m.group("suf") or "").strip()
        before_char = full[max(0, m.start() - 3) : m.start()]
        sentence_initial = m.start() == 0 or bool(
            re.search(r"(?:[.!?:\n»”\"–-]\s*|^\s*)$", before_char)
        )
        name = _clean_name(" ".join(x for x in (pre, core, suf) if x), lang, sentence_initial)
        if not name or len(name) < 2:
            continue
        # "BBC and Boots", "the NCSC and TfL": two organisations, not one name (a name with
        # a type word, "Redcar and Cleveland Council", stays whole)
        name = _drop_head_of(name, full, m.end())
        names = [name]
        if " and " in name and not (pre or suf) and name.split()[-1] not in SUFFIX_TYPES:
            parts = [x.strip() for x in name.split(" and ")]
            if all(len(x) >= 2 for x in parts):
                names = parts
        for name in names:
            _add_candidate(name, m, pre, suf, sentence_initial)

    # an acronym whose long form a source gave ("Transport for London (TfL)") is one
    # candidate under the long name, the acronym an alias
    for acr, long in long_of.items():
        if acr in cands and long in cands and acr != long:
            lc, sc = cands[long], cands.pop(acr)
            lc.count += sc.count
            lc.target_hits += sc.target_hits
            lc.in_title = lc.in_title or sc.in_title
            lc.first_pos = min(lc.first_pos, sc.first_pos)
            lc.supplier = lc.supplier or sc.supplier
            lc.aliases.add(sc.name)
            lc.aliases |= sc.aliases

    # fold short forms into the longer name that contains them ("Kalix" -> "Kalix kommun")
    keys = sorted(cands, key=len, reverse=True)
    for short in keys[::-1]:
        for long in keys:
            if long == short or long not in cands or short not in cands:
                continue
            if len(short) >= 3 and _has_word(long, short):
                lc, sc = cands[long], cands[short]
                if lc.count >= 1 and (lc.has_type or lc.count * 3 >= sc.count):
                    lc.count += sc.count
                    lc.target_hits += sc.target_hits
                    lc.in_title = lc.in_title or sc.in_title
                    lc.first_pos = min(lc.first_pos, sc.first_pos)
                    lc.aliases.add(sc.name)
                    lc.aliases |= sc.aliases
                    del cands[short]
                    break

    for c in cands.values():
        n_tok = len(c.name.split())
        c.score = (
            min(c.count, 6)
            + 2.5 * min(c.target_hits, 3)
            + (2.5 if c.in_title else 0)
            + (2.0 if c.has_type else 0)
            + (1.0 if c.first_pos < 300 else 0)
            - (1.0 if n_tok > 4 else 0)
        )
        if _is_person_name(c.name) or _looks_like_person(c.name, full):
            c.score -= 6
        if is_authority(c.name) or any(is_authority(a) for a in c.aliases):
            c.score -= 6  # the discloser or investigator, not the victim
        elif c.supplier:
            c.score += 3.0  # a hit provider is the victim, its customers are not
    return sorted(cands.values(), key=lambda c: -c.score)


_SAYS = r"says|said|säger|sa|sier|siger|sagt|sagte|zegt|zei|dit|explique|kertoo|sanoo"
_SAYS_AFTER = r"says|said|säger|sier|siger|sagt|zegt|explique|kertoo"
_NAME_RX = re.compile(_NAME)
# context patterns checked around each occurrence of a candidate: precompiled once instead of
# one regex per candidate name (which thrashed the re cache and dominated extraction time)
_PERSON_BEFORE = re.compile(rf"(?:(?:{ROLE_WORDS})\s*,?|(?:{_SAYS}))\s+$")
_PERSON_AFTER = re.compile(rf"\s*(?:\([^)]*\))?,\s*(?:{ROLE_WORDS})|\s+(?:{_SAYS_AFTER})")
_ROLE_NAME = re.compile(rf"(?P<role>{ROLE_WORDS})\s*,?\s+(?P<name>{_NAME})")
_NAME_ROLE = re.compile(rf"(?P<name>{_NAME})\s*(?:\([^)]*\))?,\s*(?P<role>{ROLE_WORDS})")


def _is_word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def _has_word(hay: str, needle: str) -> bool:
    """``needle`` occurs in ``hay`` with no word character on either side (like ``(?<!\\w)x(?!\\w)``)."""
    if not needle:
        return False
    n, i = len(needle), hay.find(needle)
    while i >= 0:
        if (i == 0 or not _is_word_char(hay[i - 1])) and (
            i + n == len(hay) or not _is_word_char(hay[i + n])
        ):
            return True
        i = hay.find(needle, i + 1)
    return False


def _looks_like_person(name: str, text: str) -> bool:
    if not _NAME_RX.fullmatch(name) or name.split()[0].lower() in _place_words():
        return False
    i = text.find(name)
    while i >= 0:
        end = i + len(name)
        if _PERSON_BEFORE.search(text, max(0, i - 120), i) or _PERSON_AFTER.match(
            text, end, end + 300
        ):
            return True
        i = text.find(name, i + 1)
    return False


def find_people(text: str) -> list[dict]:
    """Named officials with their role, from "role Name" / "Name, role" patterns."""
    found: dict[str, str] = {}
    for m in _ROLE_NAME.finditer(text):
        found.setdefault(m.group("name"), m.group("role"))
    for m in _NAME_ROLE.finditer(text):
        found.setdefault(m.group("name"), m.group("role"))
    return [{"name": n, "role": r} for n, r in found.items()]


def detect_country(
    text: str,
    title: str | None,
    lang: str | None,
    victim: str | None,
    url: str | None = None,
    victim_sentence: str | None = None,
) -> tuple[str | None, dict[str, float], str | None]:
    """Victim country: organisation type word > mentions near the victim > all mentions > language/TLD prior."""
    scores: defaultdict[str, float] = defaultdict(float)
    sentence = None
    if victim:
        c = org_type_country(victim, lang)
        if c:
            scores[c] += 4.0
            sentence = victim_sentence
        c = region_adjective_country(victim)
        if c:
            scores[c] += 3.0
        for cc, n in country_mentions(victim).items():
            scores[cc] += 3.0 * n
    lead = (title or "") + " " + text[:600]
    for cc, n in country_mentions(lead).items():
        scores[cc] += 1.5 * min(n, 3)
    for cc, n in country_mentions(text).items():
        scores[cc] += 0.5 * min(n, 6)
    if victim_sentence:
        for cc, n in country_mentions(victim_sentence).items():
            scores[cc] += 1.5 * n
            sentence = sentence or victim_sentence
    prior = LANG_COUNTRY.get(lang or "")
    if prior:
        scores[prior] += LANG_PRIOR.get(lang or "", DEFAULT_LANG_PRIOR)
    if url:
        m = re.match(r"^(?:https?://)?[^/]+\.([a-z]{2})(?:[:/]|$)", url.lower())
        if m and m.group(1) in TLD_COUNTRY:
            scores[TLD_COUNTRY[m.group(1)]] += 1.0
    if not scores:
        return None, {}, None
    best = max(scores, key=lambda k: scores[k])
    return best, dict(scores), sentence


def extract_entities(
    text: str, title: str | None, lang: str | None, url: str | None = None
) -> Entities:
    """Victim, aliases, country, people and actors of one article."""
    found_actors = find_actors(f"{title or ''}\n{text}")
    cands = find_org_candidates(text, title, lang, found_actors)
    from .grouping import name_tokens  # late: grouping imports this module

    # a bare type word ("stad", "Council") names no organisation
    cands = [c for c in cands if name_tokens(c.name)]
    victim = cands[0] if cands and cands[0].score >= 3.0 else None
    aliases: list[str] = []
    if victim:
        aliases = sorted(a for a in victim.aliases if fold(a) != fold(victim.name))
    country, cscores, csent = detect_country(
        text, title, lang, victim.name if victim else None, url, victim.sentence if victim else None
    )
    actors = [a.as_dict() | {"alias": a.alias} for a in found_actors]
    return Entities(
        victim=victim.name if victim else None,
        victim_aliases=aliases,
        victim_score=victim.score if victim else 0.0,
        victim_sentence=victim.sentence if victim else None,
        country=country,
        country_scores=cscores,
        country_sentence=csent,
        candidates=[(c.name, round(c.score, 2)) for c in cands[:8]],
        people=find_people(text),
        actors=actors,
    )


def victim_counter(names: list[str]) -> Counter[str]:
    """Helper for group-level votes: folded name -> count."""
    return Counter(fold(n) for n in names if n)
