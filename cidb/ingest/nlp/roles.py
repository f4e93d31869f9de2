"""Sentence roles: what each sentence of an article does.

Every sentence (the title first) gets

- ``about``: ``incident`` (this incident), ``background`` (another organisation's case,
  an earlier attack, or an event dated clearly before the article's own), or
  ``general`` (explainer, advice, statistics: no organisation named, generic wording);
- ``modality``: ``asserted``, ``negated`` (a negation scoped over an attack, data,
  payment or impact word, or a denial) or ``speculative`` (hedges, suspicion,
  conditional or reported-speech forms);
- ``reasons``: short machine-readable evidence ("negation:not", "hedge:reportedly",
  "other_org:X", "date_gap:2019", "general:every year", "no_cues:xx").

Only ``usable`` sentences (this incident, asserted) feed labels, dates and the
timeline; negated sentences become explicit negative facts (``negative_facts``).

Cue words are the closed-class tables of :mod:`.modality_cues`, for every official
EU/EEA language plus en/no/is; structure does the rest (negation scope is a small
token window around an event word; impact statements such as "not available" or
"could not access" are assertions of disruption, not denials). A language without a
table falls back to English cues and says so in the reasons.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .dates import DateMention, extract_dates, parse_published
from .modality_cues import DENIAL, GENERAL, HEDGE, MULTI_WORD, NEGATION, OTHER_CASE
from .sentences import split_sentences

ABOUT = ("incident", "background", "general")
MODALITY = ("asserted", "negated", "speculative")


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int  # char offsets in the article's cleaned text (title sentence: -1, -1)
    end: int
    about: str  # "incident" | "background" | "general"
    modality: str  # "asserted" | "negated" | "speculative"
    reasons: tuple[str, ...] = ()

    @property
    def usable(self) -> bool:
        return self.about == "incident" and self.modality == "asserted"

    def as_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "about": self.about,
            "modality": self.modality,
            "reasons": list(self.reasons),
        }


# --- cue matchers ------------------------------------------------------------------


def _entry_rx(entry: str) -> str:
    stem = entry.endswith("*")
    word = entry.rstrip("*")
    body = re.escape(word).replace(r"\ ", r"\s+")
    lead = r"(?<!\w)" if word[:1].isalnum() else ""
    if stem:
        trail = r"\w*"
    elif word[-1:].isalnum():
        trail = r"(?!\w)"
    else:
        trail = ""
    return lead + body + trail


_TABLES = {
    "negation": NEGATION,
    "denial": DENIAL,
    "hedge": HEDGE,
    "other": OTHER_CASE,
    "general": GENERAL,
}


@lru_cache(maxsize=512)
def _table_entries(table_name: str, lang: str) -> tuple[str, ...]:
    spec = _TABLES[table_name].get(lang) or ""
    flat = " " + " ".join(spec.split()) + " "
    entries: list[str] = []
    for phrase in MULTI_WORD.get(lang, []):
        if f" {phrase} " in flat:
            entries.append(phrase)
            flat = flat.replace(f" {phrase} ", " ", 1)
    entries += flat.split()
    return tuple(entries)


def _cue_lang(lang: str | None) -> tuple[str, str | None]:
    """The table language for ``lang`` and a fallback reason when it has none."""
    lang = (lang or "en").lower()[:2] if lang else "en"
    if lang in NEGATION:
        return lang, None
    return "en", f"no_cues:{lang}"


@lru_cache(maxsize=512)
def _pair_rx(table: str, lang: str) -> re.Pattern[str] | None:
    """One matcher for a table in ``lang`` and English (English quotes are common)."""
    entries = {*_table_entries(table, lang), *_table_entries(table, "en")}
    if not entries:
        return None
    return re.compile(
        "|".join(sorted({_entry_rx(e) for e in entries}, key=len, reverse=True)), re.IGNORECASE
    )


def _find(table: str, lang: str, text: str) -> list[re.Match[str]]:
    rx = _pair_rx(table, lang)
    return list(rx.finditer(text)) if rx is not None else []


# Words of the event itself: attack, data, theft, payment, access, impact, evidence.
# Stems shared by many languages; a negation within a few tokens of one scopes over
# the event.
_EVENT = re.compile(
    r"(?<!\w)(?:data|daten|dati|datos|dados|donn[ée]e|gegevens|tiedo|tietoj|andme|duomen|dane|"
    r"danych|[úu]daj|podatk|podac|δεδομέν|adat|informa|uppgift|opplysning|oplysning|"
    r"st[oe]l|stul|gestol|steal|theft|exfiltr|leak|gestohlen|entwendet|abgeflossen|abgegriffen|erbeutet|"
    r"vol[ée]|d[ée]rob|fuite|robad|robo|sustra[íi]d|filtra|rubat|furt|trafugat|sottratt|"
    r"roubad|furtad|vazad|skradzion|kradzie|wyciek|ukrad|odcizen|[úu]nik|stulen|st[öo]ld|l[äa]ck|"
    r"stj[åa]l|tyveri|lekk|l[æa]kk|varast|vuot|pavog|nutek|nozag|nopl[ūu]d|furat|sustras|scurs|"
    r"εκλάπ|διαρρ|ellop|kisziv|открад|изтич|"
    r"pa(?:y|id)|ransom|l[öo]se|zahl|bezahl|payer|pay[ée]|paiement|ran[çc]on|pag[aoó]|rescate|"
    r"riscatt|resgate|zap[łl]ac|p[łl]ac|okup|zaplat|v[ýy]kupn|betal|maksa|lunna|lunaraha|i[šs]pirk|"
    r"sumok|izpirk|samaks|r[ăa]scump|pl[ăa]t|λύτρα|πληρ|v[áa]lts[áa]g|fizet|откуп|плат|"
    r"access|compromis|kompromit|zugriff|zugegriff|acc[èe]s|acceso|accesso|acesso|dost[ęe]p|"
    r"p[řr][íi]stup|[åa]tkomst|tilgang|adgang|p[ää][äa]sy|ligip[ää][äa]s|prieig|piek[ļl]uv|"
    r"betroffen|affect|touch[ée]|afecta|colpit|interessat|afetad|dotkn|zasa[žz]en|zasiahnut|"
    r"p[åa]verk|ber[øo]r|rammet|ramt|drabbad|vaikutt|m[õo]jut|paveik|ietekm|afectat|επηρε|[ée]rint|"
    r"засегн|attack|angriff|angegriff|attaqu|ataque|attacc|atac|atak|[úu]tok|napad|angrep|angreb|"
    r"[åa]tak|hy[öo]kk|r[üu]nna|uzbrukum|επίθεσ|t[áa]mad|атак|hack|cyber|kyber|ransom|encrypt|"
    r"verschl[üu]ss|chiffr|cifr|crypt|krypt|szyfr|[šs]ifr|salaa|kr[üu]pt|evidence|hinweis|"
    r"anzeich|indic|indiz|prove|prova|evid[êe]n|dowod|d[ůu]kaz|d[ôo]kaz|bevis|tecken|todiste|"
    r"teikn|spur|spor|stolen|breach|intrusion|hijack|kompromet)",
    re.IGNORECASE,
)

# Negated "normal state" words: "not available", "nicht erreichbar", "no funciona" assert
# a disruption; they are not denials.
_NORMAL_STATE = re.compile(
    r"(?<!\w)(?:availab|accessib|reachab|work|function|operat|online|usable|erreich|"
    r"verf[üu]gbar|funktion|nutzbar|disponib|accessib|joignab|fonctionn|bereikbaar|beschikbaar|"
    r"werk|tillg[äa]ng|tilgjeng|tilg[æa]ng|funger|virke|toimi|saatavil|k[äa]ytett|accesib|"
    r"funcion|funzion|raggiungib|dost[ęe]pn|dzia[łl]a|dostupn|funguj|deluj|el[ée]rhet|m[űu]k[öo]d|"
    r"pieejam|darboj|prieinam|veikia|k[äa]ttesaadav|t[öo][öo]ta|longer|mehr|l[äa]ngre|lenger|"
    r"langer|plus|m[áa]s|pi[ùu]|mais)",
    re.IGNORECASE,
)
# Inability ("could not access", "konnten nicht arbeiten") also asserts the impact.
_INABILITY = re.compile(
    r"(?<!\w)(?:can|could|cannot|unable|kann|k[öo]nnen|konnte|konnten|kunde|kunne|kan|kon|"
    r"konden|pouv\w*|peuvent|pued\w*|pudier\w*|pod[íi]an|poss\w*|potev\w*|pod\w*|mog\w*|"
    r"nemohl\w*|nem[ôo]\w*|voi|eiv[äa]t|voineet|pystyneet)(?!\w)",
    re.IGNORECASE,
)
_REPORTED = re.compile(
    r"(?<!\w)(?:soll|sollen|zou|zouden)\b[^.;]{0,80}?\b(?:haben|sein|hebben|zijn)(?!\w)",
    re.IGNORECASE,
)
_TOKEN = re.compile(r"\w+(?:['’]\w+)?")
SCOPE = 6  # tokens between a negation and the event word it scopes over

# Epistemic negation: "no details", "no comment", "keine Infos" say something is
# unknown (a hedge, not a denial); "not known/clear whether ..." too, but "a not yet
# known number of files was encrypted" asserts the encryption.
_UNKNOWN_NOUN = re.compile(
    r"(?<!\w)(?:details?|comments?|information|infos?|angaben|auskunft|kommentar|uppgifter|"
    r"opplysning|oplysning|informasjon|détail|commentaire|tietoa|spur|spor|trace|lead)",
    re.IGNORECASE,
)
_EPISTEMIC_WORD = (
    r"(?:known|clear|certain|sure|confirmed|bekannt|klar|sicher|känt|klart|säkert|kjent|"
    r"kendt|sikkert|bekend|duidelijk|zeker|connu|clair|certain|sûr|conocid|claro|segur|noto|"
    r"chiar|jasn|wiadomo|známo|selvä|tiedossa|tiedä|teada|selge|zināms|aišku|ismert|vet|ved|"
    r"weet|wissen|weiß|know|sait|sabe|genau|spezifiz|beziffer|quantif|precis|exact)"
)
# "a not yet known number of files": the negation qualifies a noun, not the event
_UNKNOWN_ATTR = re.compile(
    r"(?<!\w)(?:yet\s+|noch\s+|ännu\s+|enn[åa]\s+|nog\s+)?" + _EPISTEMIC_WORD, re.I
)
_UNKNOWN_ADJ = re.compile(
    r"(?<!\w)" + _EPISTEMIC_WORD + r"\w*\s+(?:\w+\s+)?(?:what|whether|if|who|which|how|where|"
    r"ob|wer|was|wie|welche|wo|om|vem|vad|hvem|hva|hvad|hvor|of|wat|si|qui|quoi|quel|comment|"
    r"qué|quién|se|chi|cosa|czy|kto|co|jos|kuka|mikä|kas|kes)(?!\w)",
    re.IGNORECASE,
)
# "not only", "nicht nur", "inte bara": no negation of the event
_NOT_ONLY = re.compile(
    r"(?<!\w)(?:only|nur|bara|bare|kun|alleen|seulement|solo|sólo|soltanto|apenas|tylko|"
    r"vain|ainult|tikai|tik|csak|doar|samo|len|jen)(?!\w)",
    re.IGNORECASE,
)
# conditional threats ("if no ransom is paid", "wenn kein Lösegeld", "si une rançon n'est
# pas versée", "damit sie die Daten nicht veröffentlichen") are not denials
_CONDITIONAL = re.compile(
    r"(?<!\w)(?:if|unless|wenn|falls|sofern|damit|om|hvis|dersom|als|indien|si|se|jos|kui|"
    r"ha|jeśli|jeżeli|jestli|ak|dacă|ako|če|jei|ja|αν|ако|unless)(?!\w)",
    re.IGNORECASE,
)
# access words: "no access to the catalogue" is an outage, unless attackers are the subject
_ACCESS = re.compile(
    r"(?<!\w)(?:access|zugriff|zugang|toegang|tilg[åa]|adgang|tilgang|[åa]tkomst|acc[èe]s|"
    r"acceso|accesso|acesso|dost[ęe]p|p[řr][íi]stup|k[äa]ytt|ligip|konnten|konden|kunne|kunde)",
    re.IGNORECASE,
)
_ATTACKER = re.compile(
    r"(?<!\w)(?:hacker|attacker|angreifer|angriper|angriber|t[äa]ter|criminal|kriminell|"
    r"pirat|cybercrim|cyberkrimin|aanvaller|ryöst|rikollis|unauthori[sz]ed|unbefugt|obehörig)",
    re.IGNORECASE,
)
_CLAUSE = re.compile(
    r"[,;:–—]\s*|\s(?:but|aber|doch|men|mais|maar|pero|ma|mas|ale|dar|mutta|kuid|bet|ali|"
    r"while|whereas|während|medan|mens|tandis|terwijl|mientras|mentre)\s",
    re.IGNORECASE,
)


def _token_index(starts: list[int], pos: int) -> int:
    return max(0, bisect.bisect_right(starts, pos) - 1)


def _scoped_negation(text: str, negs: list[re.Match[str]]) -> tuple[str | None, bool]:
    """(negation cue scoping over an event word, epistemic-only) for one clause."""
    toks = list(_TOKEN.finditer(text))
    starts = [t.start() for t in toks]
    events = [_token_index(starts, m.start()) for m in _EVENT.finditer(text)]
    epistemic = False
    for n in negs:
        i = _token_index(starts, n.start())
        after = " ".join(t.group(0) for t in toks[i + 1 : i + 4])
        near_after = " ".join(t.group(0) for t in toks[i + 1 : i + 3])
        before = " ".join(t.group(0) for t in toks[max(0, i - 2) : i + 1])
        earlier = " ".join(t.group(0) for t in toks[max(0, i - 6) : i])
        if _NORMAL_STATE.search(after) or _INABILITY.search(before + " " + near_after):
            continue  # "not available", "could not access": the impact itself
        if _NOT_ONLY.match(near_after) or _CONDITIONAL.search(earlier):
            continue
        if _ACCESS.search(near_after) and not _ATTACKER.search(text):
            continue  # "no access to the systems": an outage
        if _UNKNOWN_NOUN.search(near_after) or _UNKNOWN_ADJ.search(
            " ".join(t.group(0) for t in toks[max(0, i - 2) : i + 6])
        ):
            epistemic = True
            continue
        if _UNKNOWN_ATTR.match(near_after):
            continue  # "eine noch nicht bekannte Zahl von Dateien wurde verschlüsselt"
        if any(abs(e - i) <= SCOPE for e in events):
            return n.group(0).lower(), False
    return None, epistemic


def clauses(text: str) -> list[str]:
    """Clauses of a sentence (split at punctuation and contrastive conjunctions)."""
    return [c for c in _CLAUSE.split(text) if c and c.strip()]


def modality_of(text: str, lang: str | None) -> tuple[str, tuple[str, ...]]:
    """(modality, reasons) of one sentence (or clause)."""
    cue_lang, fallback = _cue_lang(lang)
    reasons: list[str] = [fallback] if fallback else []
    denials = _find("denial", cue_lang, text)
    if denials and _EVENT.search(text):
        return "negated", (*reasons, f"denial:{denials[0].group(0).lower()}")
    negs = _find("negation", cue_lang, text)
    epistemic = False
    if negs:
        cue, epistemic = _scoped_negation(text, negs)
        if cue:
            return "negated", (*reasons, f"negation:{cue}")
    hedges = _find("hedge", cue_lang, text)
    if not hedges and cue_lang in ("de", "nl"):
        # reported speech: "soll ... haben/sein", "zou ... hebben/zijn"
        hedges = list(_REPORTED.finditer(text))
    if hedges:
        return "speculative", (*reasons, f"hedge:{hedges[0].group(0).lower()}")
    if epistemic:
        return "speculative", (*reasons, "hedge:unknown")
    return "asserted", tuple(reasons)


def asserted_clauses(sentence: Sentence, lang: str | None) -> str:
    """The asserted clauses of a negated this-incident sentence ("Because no ransom was
    paid, they published the data" -> "they published the data")."""
    if sentence.about != "incident" or sentence.modality != "negated":
        return ""
    parts = clauses(sentence.text)
    if len(parts) < 2:
        return ""
    return " ".join(c for c in parts if modality_of(c, lang)[0] == "asserted")


# --- about ----------------------------------------------------------------------------

_ATTACKISH = re.compile(
    r"(?<!\w)(?:attack|angriff|angegriff|attaqu|ataque|attacc|atac|atak|[úu]tok|napad|angrep|"
    r"angreb|[åa]tak|hy[öo]kk|r[üu]nna|uzbrukum|επίθεσ|t[áa]mad|атак|hack|cyber|kyber|ransom|"
    r"ddos|breach|intr[uå]|einbruch|encrypt|verschl[üu]ss|chiffr|krypt|salaa|phish|leak|lek|"
    r"l[äæ]ck|fuite|fuga|wyciek|piraté|piratage|pirat|incident|vorfall|hendelse|h[æa]ndelse)",
    re.IGNORECASE,
)
_NAMEISH = re.compile(r"(?<![\w.])[A-ZÅÄÖÆØÜÉ][\w&-]{2,}")
_PERCENT = re.compile(r"\d\s?%|\bper ?cent\b|prozent|procent|prosent|pour cent|por ciento")
_RELATIVE_PAST = re.compile(
    r"(?<!\w)(?:last year|a year ago|(?:two|three|four|five|\d+) years ago|letztes jahr|"
    r"im vergangenen jahr|im vorjahr|vor (?:einem|zwei|drei|\d+) jahren?|förra året|i fjol|"
    r"i fjor|sidste år|vorig jaar|l'an dernier|l'année dernière|il y a (?:un|deux|trois|\d+) ans?|"
    r"viime vuonna|el año pasado|hace (?:un|dos|tres|\d+) años?|l'anno scorso|(?:un|due|tre|\d+) "
    r"anni fa|no ano passado|o ano passado|há (?:um|dois|três|\d+) anos?|w zeszłym roku|"
    r"w ubiegłym roku|anul trecut|minulý rok|loni|vlani|pagājušajā gadā|pernai|eelmisel aastal|"
    r"möödunud aastal|tavaly)(?!\w)",
    re.IGNORECASE,
)


def name_keys(names: list[str]) -> set[str]:
    """Distinctive keys of organisation names: the first six letters of each folded
    non-generic token of four letters or more ("Härjedalens kommun" -> {"harjed"}), so
    that inflected forms ("Härjedalen", "Härjedalens") match."""
    from .grouping import name_tokens

    return {t[:6] for n in names for t in name_tokens(n) if len(t) >= 4}


def _mentions_keys(folded_tokens: set[str], keys: set[str]) -> bool:
    return any(t[:6] in keys for t in folded_tokens if len(t) >= 4)


def _mentions_any(low: str, names: list[str]) -> str | None:
    for n in names:
        if n and len(n) >= 4 and n.lower() in low:
            return n
    return None


def other_organisations(candidates: list[str], victim_names: list[str]) -> list[str]:
    """Candidate names that are not a form of the victim's (no shared distinctive key)."""
    keys = name_keys(victim_names)
    return [c for c in candidates if not (name_keys([c]) & keys)]


def about_of(
    text: str,
    lang: str | None,
    victim_names: list[str],
    other_names: list[str],
    dates: list[dt.date],
    recent_anchor: dt.date | None,
    victim_keys: set[str] | None = None,
    others: list[str] | None = None,
) -> tuple[str, tuple[str, ...]]:
    """(about, reasons) of one sentence; ``dates`` are the dates stated in it and
    ``recent_anchor`` the date of the article's own event when that is recent (else
    None: an old date may then be the incident itself, as in a follow-up).
    ``victim_keys`` (name_keys(victim_names)) and ``others``
    (other_organisations(other_names, victim_names)) may be passed precomputed."""
    from .entities import fold

    cue_lang, _ = _cue_lang(lang)
    low = text.lower()
    keys = name_keys(victim_names) if victim_keys is None else victim_keys
    victim = _mentions_any(low, victim_names) or (
        keys and _mentions_keys(set(fold(text).split()), keys) or None
    )
    if others is None:
        others = other_organisations(other_names, victim_names)
    other = _mentions_any(low, others)
    rel_past = _RELATIVE_PAST.search(text)
    gap = None
    if recent_anchor is not None:
        gap = next((d for d in dates if (recent_anchor - d).days > 300), None)
    # the other-case cues matter only with another organisation, a relative past or
    # an old date (most sentences have none: skip the look-up)
    other_case = _find("other", cue_lang, text) if other or rel_past or gap else []
    attackish = bool(_ATTACKISH.search(text))
    # another organisation named (and not the victim) in wording that points to another
    # or an earlier case; an authority or supplier named in an incident sentence
    # without such wording stays with the incident
    if other and not victim and (other_case or rel_past):
        cue = other_case[0].group(0) if other_case else rel_past.group(0)  # type: ignore[union-attr]
        return "background", (f"other_org:{other}", f"other_case:{cue.lower()}")
    if gap is not None and (not victim or other_case or rel_past):
        return "background", (f"date_gap:{gap.isoformat()[:7]}",)
    if rel_past and recent_anchor is not None and attackish and (not victim or other_case):
        return "background", (f"relative_past:{rel_past.group(0).lower()}",)
    if victim and other_case and (rel_past or gap is not None):
        return "background", ("earlier_attack", f"other_case:{other_case[0].group(0).lower()}")
    if not victim and not other:
        general = _find("general", cue_lang, text)
        if general or (_PERCENT.search(text) and not _NAMEISH.search(text[1:])):
            cue = general[0].group(0).lower() if general else "percentage"
            return "general", (f"general:{cue}",)
    return "incident", ()


# --- whole article -------------------------------------------------------------------


def sentence_roles(
    text: str,
    title: str | None,
    lang: str | None,
    published: str | None,
    victim_names: list[str],
    other_names: list[str],
    mentions: list[DateMention] | None = None,
    spans: list[tuple[int, int]] | None = None,
) -> list[Sentence]:
    """Roles of the title (first, offsets -1) and of every sentence of ``text``.

    ``mentions`` (extract_dates(text, published)) and ``spans``
    (split_sentences(text, lang)) may be passed when the caller already has them.
    """
    spans = split_sentences(text, lang) if spans is None else spans
    mentions = extract_dates(text, published) if mentions is None else mentions
    pub, _ = parse_published(published)
    dates_in: list[list[dt.date]] = [[] for _ in spans]
    starts = [s for s, _ in spans]
    for m in mentions:
        i = bisect.bisect_right(starts, m.start) - 1
        if 0 <= i < len(spans) and m.start < spans[i][1]:
            dates_in[i].append(m.date)
    # the article reports a recent event when an attack sentence naming the victim (or
    # the lead) is dated within half a year of publication, or nothing is dated at all
    anchor = None
    if pub is None:
        # no publication date: the latest date the article states stands for "now"
        pub = max((m.date for m in mentions if m.precision != "year"), default=None)
    if pub is not None:
        anchor = pub
        dated_attack = [
            d
            for i, (a, b) in enumerate(spans)
            for d in dates_in[i]
            if d <= pub and _ATTACKISH.search(text[a:b])
        ]
        if dated_attack and all((pub - d).days > 183 for d in dated_attack):
            anchor = None  # a follow-up or retrospective: old dates may be the incident's
    victim_keys = name_keys(victim_names)
    others = other_organisations(other_names, victim_names)
    out: list[Sentence] = []
    items = [(title, -1, -1, [])] if title else []
    items += [(text[a:b], a, b, dates_in[i]) for i, (a, b) in enumerate(spans)]
    for sent, a, b, dates in items:
        modality, mreasons = modality_of(sent, lang)
        about, areasons = about_of(
            sent, lang, victim_names, other_names, dates, anchor, victim_keys, others
        )
        out.append(Sentence(sent, a, b, about, modality, (*areasons, *mreasons)))
    return out


# --- negative facts --------------------------------------------------------------------

_DATA = re.compile(
    r"(?<!\w)(?:\w*data|\w*daten|dati|datos|dados|donn[ée]e|\w*gegevens|tiedo|tietoj|andme|date\b|datele|"
    r"duomen|dane|danych|[úu]daj|podatk|podac|δεδομέν|adat|informa|personal|personuppgift|"
    r"\w*opplysning|\w*oplysning|patient|kunde|customer|client)",
    re.IGNORECASE,
)
_THEFT = re.compile(
    r"(?<!\w)(?:st[oe]l|stul|gestol|steal|theft|exfiltr|leak|removed|accessed|copied|publi|gestohlen|"
    r"entwendet|\w*abfl|abgeflossen|abgegriffen|erbeutet|ver[öo]ffentlich|betroffen|affected|"
    r"touch[ée]|vol[ée]|d[ée]rob|fuit|divulgu|rob[aoó]|sustra|filtrad|rubat|sottratt|trafugat|"
    r"roubad|furtad|vazad|skradzion|wyciek|ukrad|stulen|l[äa]ck|stj[åa]l|lekk|l[æa]kk|varast|"
    r"vuot|pavog|nozag|furat|buitgemaakt|gelekt|naar buiten|bekeken|verspreid|ramma|rammet|"
    r"på avveie|p[åa]verk|misbrukt|missbruk|compromis|kompromit)",
    re.IGNORECASE,
)
_FACT_CUES = {
    "no_ransom_paid": re.compile(
        r"(?<!\w)(?:pa(?:y|id)|ransom(?!ware)|l[öo]seg|l[öo]sesum|l[øo]sepeng|zahlen|zahlt|gezahlt|bezahl|payer|"
        r"pay[ée]|vers[ée]e|ran[çc]on(?!g)|pag[aoó]|rescate|riscatt|resgate|zap[łl]ac|okup|"
        r"zaplat|v[ýy]kupn|betal|maksa|lunna|lunaraha|i[šs]pirk|izpirk|samaks|r[ăa]scump|λύτρα|"
        r"fizet|откуп|losgeld)",
        re.IGNORECASE,
    ),
    "no_encryption": re.compile(
        r"(?<!\w)(?:encrypt|verschl[üu]ss|chiffr|cifr|krypt|szyfr|[šs]ifr|salaa|kr[üu]pt)",
        re.IGNORECASE,
    ),
}


def _fact_of(clause: str) -> str | None:
    for fact, rx in _FACT_CUES.items():
        if rx.search(clause):
            return fact
    if _THEFT.search(clause) and (_DATA.search(clause) or re.search(r"st[oe]l|leak", clause)):
        return "no_data_stolen"
    return None


# labels that a negative fact blocks (attack types, CIA letters, techniques)
BLOCKS: dict[str, frozenset[str]] = {
    "no_data_stolen": frozenset({"data_breach", "cia_C", "T1567", "T1041", "T1530", "T1005"}),
    "no_encryption": frozenset({"T1486"}),
    "no_ransom_paid": frozenset(),
}


def negative_facts(sentences: list[Sentence], lang: str | None = None) -> list[dict]:
    """Explicit negative facts from this-incident negated sentences, one per negated
    clause: [{"fact": "no_data_stolen" | "no_ransom_paid" | "no_encryption",
    "sentence": str}]."""
    out: list[dict] = []
    for s in sentences:
        if s.modality != "negated" or s.about != "incident":
            continue
        parts = clauses(s.text)
        negated = [c for c in parts if modality_of(c, lang)[0] == "negated"] or [s.text]
        for c in negated:
            fact = _fact_of(c)
            if fact:
                out.append({"fact": fact, "sentence": s.text[:300]})
                break
    return out


def blocked_labels(facts: list[dict]) -> frozenset[str]:
    """Labels (attack types, "cia_X", technique IDs) that the negative facts deny."""
    out: set[str] = set()
    for f in facts:
        out |= BLOCKS.get(f["fact"], frozenset())
    return frozenset(out)
