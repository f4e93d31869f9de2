"""Numbers with units in news text, in the pipeline's languages.

"4.000 Computer", "4 000 datorer", "1,2 millones de euros", "2,5 Mio. Euro",
"$1 million", "600 GB", "SEK 8.3 million" -> ``Quantity(value, unit)``, where
``unit`` is an English count noun ("computers", "people", "records"...), a currency
code ("EUR", "SEK", "BTC"...), a data size ("GB") or a duration ("days").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Decimal comma in every pipeline language but English: "4.000" = 4000, "1,5" = 1.5.
DECIMAL_POINT_LANGS = frozenset({"en", None})

_SCALES: list[tuple[str, float]] = [
    (
        r"mil millones|milliard\w*|miljard\w*|mrd\.?|bn|billion\w*|mld\.?|miliard\w*|bilh\w*",
        1e9,
    ),
    (
        r"millions?|mill\.?|mio\.?|mn|mln\.?|m(?=\b)|miljon\w*|million\w*|millones|millón|"
        r"milioni?|milione|miljoon\w*|milion\w*|milh(?:ões|oes|ão|ao)|mil\.|milj\.?|"
        r"miljoner|millioner|millionen|miljoen|milioane|milión\w*|milj\w*",
        1e6,
    ),
    (
        r"thousand|tusen|tusind|tausend|duizend|mille|mil|tuhatta|tys\.?|tysi\w*|tūkst\w*|tuh\.?|k(?=\b)",
        1e3,
    ),
]
_SCALE_RX = [(re.compile(rf"(?:{p})(?!\w)", re.IGNORECASE), f) for p, f in _SCALES]

# English unit -> multilingual cues (lower case; match at a word start, inside compounds).
COUNT_UNITS: dict[str, str] = {
    "computers": r"computer|pcs?\b|datorer|dator|datamaskin|maskiner|rechner|ordinateur|ordenador|"
    r"computador|tietokone|komputer|arbetsplats|arbeitsplätze|arbeitsplatz|workstation|laptop|"
    r"equipos|apparecchi|postazion|stanowisk|počítač|arvuti|dators",
    "servers": r"server|serveur|servidor|palvelin|serwer",
    "employees": r"employee|staff|workers|anställd|ansatt|ansatte|medarbejder|medarbetare|"
    r"mitarbeite|beschäftigt|bedienstete|medewerker|personeelsleden|salarié|agents|employés|"
    r"empleado|trabajador|funcionari|dipendent|lavorator|työntekijä|pracownik|funcionário|"
    r"zamestnanc|töötaja|darbinie|angajați|angajati",
    "customers": r"customer|client|kund|kunde|klant|asiakas|klient|cliente|abonnent|subscriber|passenger|"
    r"passagier|passager|pasajer|passeggeri|passageiro|matkustaj|pasażer",
    "patients": r"patient|pasient|paciente|pazient|potila|pacjent",
    "pupils": r"pupil|student|elev|schüler|leerling|élève|eleve|alumn|alunn|oppila|uczni|ucz|aluno|estudiant",
    "people": r"people|persons|individuals|care recipients|omsorgstagare|brukere|brukare|personer|mennesker|personen|menschen|bürger|burger|"
    r"personnes|personas|persone|henkilö|ihmis|osób|osob|pessoas|citizens|ciudadanos|cittadini|"
    r"residents|invånare|innbyggere|indbyggere|einwohner|inwoners|habitants|habitantes|abitanti|"
    r"asukas|mieszkańc|inimest|obyvatel|iedzīvotāj|locuitori",
    "records": r"records|datasets|dataset|registros|registri|enregistrements|datensätze|datensatz|"
    r"poster|poster\b|rekord|tietue|rekord|záznam|kirjet|ieraksti|înregistrări",
    "files": r"files|dokument|document|filer|dateien|datei|bestanden|fichiers|archivos|ficheros|"
    r"tiedosto|plików|plik|ficheiros|arquivos|súbor|faili|faili|fișiere",
    "users": r"users|brukere|användare|anvandare|brugere|benutzer|nutzer|gebruikers|utilisateurs|usuarios|"
    r"utenti|käyttäjä|użytkownik|utilizadores|usuários|používateľ|kasutaja|lietotāj|utilizatori",
    "accounts": r"accounts|konton|kontoer|konti|konten|accounts|comptes|cuentas|account|tilit|kont\b|contas",
    "municipalities": r"municipalit|kommuner|kommunen|gemeinden|gemeenten|communes|municipios|comuni|"
    r"kunta|kuntaa|gmin|concelhos|municípios|obcí|omavalitsus|pašvaldīb|primării|districts|kreise|landkreise",
    "stores": r"stores|shops|butiker|butikker|filialen|geschäfte|winkels|magasins|tiendas|negozi|kauppa|sklep|lojas",
    "websites": r"websites|webbplatser|nettsider|websider|webseiten|sites web|sitios web|siti web|verkkosivu",
}
DATA_UNITS = {"GB": r"gb|gigabyte|gigaoctet|go\b|gt\b", "TB": r"tb|terabyte|teraoctet|to\b"}
DURATION_UNITS = {
    "hours": r"hours?|timmar|timer|stunden|uur|heures|horas|ore\b|tuntia|godzin|hodín|tundi|stundas|ore",
    "days": r"days?|dagar|dager|dage|tage|tagen|dagen|jours|días|dias|giorni|päivää|päivä|dni|dní|dienas|päeva|zile",
    "weeks": r"weeks?|veckor|vecka|uker|uger|wochen|woche|weken|semaines|semanas|settimane|viikkoa|viikko|tygodni|týždn|nädal|nedēļ|săptămâni",
    "months": r"months?|månader|måneder|monate|monaten|maanden|mois|meses|mesi|kuukautta|miesięcy|mesiacov|kuud|mēneš|luni",
}
CURRENCIES: list[tuple[str, str]] = [
    ("EUR", r"€|eur\b|euro\w*|evro"),
    ("USD", r"\$|usd\b|us-dollar\w*|dollars?\b|dólares|dollari|dollaria|dolar\w*"),
    ("GBP", r"£|gbp\b|pounds?\b"),
    ("SEK", r"sek\b|kronor|svenska kronor|mkr\b|msek\b"),
    ("NOK", r"nok\b|norske kroner"),
    ("DKK", r"dkk\b|danske kroner"),
    ("CHF", r"chf\b|franken|francs suisses|franchi"),
    ("PLN", r"pln\b|zł|zlotych|złotych"),
    ("BTC", r"btc\b|bitcoins?\b"),
    ("NOK/DKK/SEK", r"kroner|kr\.?\b|kronen"),
]
_UNIT_GROUPS: list[tuple[str, str, str]] = (
    [("count", u, p) for u, p in COUNT_UNITS.items()]
    + [("data", u, p) for u, p in DATA_UNITS.items()]
    + [("duration", u, p) for u, p in DURATION_UNITS.items()]
    + [("money", u, p) for u, p in CURRENCIES]
)
_UNIT_RX = [
    (kind, unit, re.compile(rf"(?<!\w)(?:{p})", re.IGNORECASE)) for kind, unit, p in _UNIT_GROUPS
]
_CURRENCY_BEFORE = re.compile(
    r"(?:(?P<sym>[€$£])|(?P<code>eur|usd|sek|nok|dkk|chf|gbp|pln|kr\.?))\s?$", re.IGNORECASE
)
# "4.000", "4 000", "4,000", "1,2", "2.5", "60000"; thin/non-breaking spaces as separators
NUMBER = re.compile(
    r"(?<![\w.,])\d{1,3}(?:(?:[.,\u00a0\u202f ']\d{3})+)(?:[.,]\d+)?(?![\d])|(?<![\w.,])\d+(?:[.,]\d+)?(?![\d])"
)
_WORDS_BETWEEN = re.compile(r"^\s*(?:[\w\-]+\s+){0,2}?$", re.UNICODE)


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # "computers", "EUR", "GB", "days"...
    kind: str  # "count" | "money" | "data" | "duration"
    text: str  # the matched text, as written
    start: int
    end: int


def parse_number(token: str, lang: str | None = None, scaled: bool = False) -> float | None:
    """ "4.000" -> 4000 (not in English), "4 000" -> 4000, "1,2" -> 1.2 (not in English),
    "2.5" -> 2.5 before a scale word; None if it is no number."""
    t = token.strip().replace("\u00a0", " ").replace("\u202f", " ").replace("'", " ")
    if not t or not t[0].isdigit():
        return None
    decimal_point = lang in DECIMAL_POINT_LANGS
    seps = [c for c in t if not c.isdigit()]
    if not seps:
        return float(t)
    last = max(t.rfind(c) for c in ".,  ")
    tail = t[last + 1 :]
    sep = t[last]
    if sep == " ":
        return float(t.replace(" ", ""))
    thousands_group = len(tail) == 3 and not (scaled and len(set(seps)) == 1 and len(seps) == 1)
    if len(seps) > 1 and len(set(seps)) == 1:  # "2,265,300" / "2.265.300"
        return float(re.sub(r"[^\d]", "", t))
    if len(set(seps)) > 1:
        # "1.234,5" / "1,234.5": the last separator is the decimal mark
        whole = re.sub(r"[^\d]", "", t[:last])
        return float(f"{whole}.{tail}")
    if decimal_point:
        if sep == ",":
            return float(t.replace(",", "")) if thousands_group else float(t.replace(",", "."))
        # "1.5 million"; "4.000" in English text is rare but means 4000 in quotes
        return (
            float(t)
            if (scaled or not thousands_group or len(seps) == 1)
            else float(t.replace(".", ""))
        )
    # decimal comma languages
    if sep == ",":
        return float(t.replace(".", "").replace(",", "."))
    return float(t.replace(".", "")) if thousands_group else float(t)


def _scale_at(text: str, pos: int) -> tuple[float, int]:
    m = re.match(r"\s*", text[pos:])
    p = pos + (m.end() if m else 0)
    for rx, factor in _SCALE_RX:
        sm = rx.match(text, p)
        if sm:
            return factor, sm.end()
    return 1.0, pos


def find_quantities(text: str, lang: str | None = None) -> list[Quantity]:
    """Numbers followed (within two words) by a unit, or preceded by a currency sign."""
    out: list[Quantity] = []
    for m in NUMBER.finditer(text):
        tok = m.group()
        if re.fullmatch(r"(?:19|20)\d\d", tok):  # years
            continue
        factor, after = _scale_at(text, m.end())
        value = parse_number(tok, lang, scaled=factor != 1.0)
        if value is None:
            continue
        value *= factor
        before = _CURRENCY_BEFORE.search(text[max(0, m.start() - 5) : m.start()])
        unit = kind = None
        end = after
        if before:
            sym = (before.group("sym") or before.group("code")).lower().rstrip(".")
            unit = {"€": "EUR", "$": "USD", "£": "GBP", "kr": "NOK/DKK/SEK"}.get(sym, sym.upper())
            kind = "money"
        else:
            window = text[after : after + 60]
            best_pos = 35  # the nearest unit within two words wins
            for k, u, rx in _UNIT_RX:
                um = rx.search(window)
                if um and um.start() < best_pos and _WORDS_BETWEEN.match(window[: um.start()]):
                    tail = re.match(r"\w*", window[um.end() :])
                    unit, kind, best_pos = u, k, um.start()
                    end = after + um.end() + (tail.end() if tail else 0)
        if unit is None or kind is None:
            continue
        start = m.start() - (len(before.group()) if before else 0)
        out.append(Quantity(value, unit, kind, text[start:end].strip(), start, end))
    return out


def format_quantity(value: float, unit: str | None = None) -> str:
    """English number: 4000 -> "4,000", 1200000 -> "1.2 million", 2.5e6 EUR -> "EUR 2.5 million"."""
    if value >= 1e9:
        s = f"{value / 1e9:.1f}".rstrip("0").rstrip(".") + " billion"
    elif value >= 1e6:
        s = f"{value / 1e6:.2f}".rstrip("0").rstrip(".") + " million"
    elif value == int(value):
        s = f"{int(value):,}"
    else:
        s = f"{value:,.2f}".rstrip("0").rstrip(".")
    if unit is None:
        return s
    if unit in {"EUR", "USD", "GBP", "SEK", "NOK", "DKK", "CHF", "PLN"}:
        sym = {"EUR": "€", "USD": "$", "GBP": "£"}.get(unit)
        return f"{sym}{s}" if sym else f"{unit} {s}"
    if unit == "BTC":
        return f"{s} bitcoin"
    if unit == "NOK/DKK/SEK":
        return f"{s} kroner"
    if unit in ("GB", "TB"):
        return f"{s} {unit}"
    if value == 1 and unit.endswith("s"):
        unit = unit[:-1]
    return f"{s} {unit}"
