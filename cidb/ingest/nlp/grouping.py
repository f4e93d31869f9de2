"""Incremental grouping of articles into incidents.

A new article is compared only with candidate incidents found through two
blocking indexes -- victim-name tokens and incident month buckets (+-2
months) -- never with every earlier article. The match score combines the
cosine similarity to the incident's embedding centroid with agreement on
victim, country and date; a confident victim mismatch keeps same-day victims
of one attack wave apart, while runner-up names, acronyms and weakly supported
victims let follow-ups join (see ``Grouper.name_evidence``). An article without
an embedding is scored on names first and embedded on demand (``assign(embed=)``)
before it may open a new incident. ``to_state``/``from_state`` give a JSON-able
snapshot so the database can hold centroids and keys.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from .dates import parse_published
from .entities import fold

MATCH_THRESHOLD = 0.6
CONFIDENT_VICTIM = 4.0  # victim score from which two different victims mean two incidents
MAX_MONTH_GAP = 2
LATER_STAGE_GAP = 4  # months from which an article about a new attack starts another incident
OTHER_YEAR_GAP = 11  # months from which only a follow-up (fine, arrest...) joins an incident
TOP_K = 8
AMBIGUOUS_MARGIN = 0.5  # a borderline article between two incidents closer than this joins none  # nearest incident centroids added to the blocking candidates

# Organisation-type words carry no identity ("kommun" is in every municipality's name).
_GENERIC = {
    "kommun",
    "kommune",
    "kommuns",
    "council",
    "borough",
    "city",
    "county",
    "district",
    "stad",
    "stadt",
    "landkreis",
    "kreis",
    "gemeente",
    "gemeinde",
    "region",
    "university",
    "universitat",
    "universiteit",
    "universite",
    "hospital",
    "klinikum",
    "kliniken",
    "uniklinik",
    "universitatsklinikum",
    "the",
    "of",
    "and",
    "group",
    "ag",
    "gmbh",
    "ab",
    "as",
    "asa",
    "oy",
    "oyj",
    "sa",
    "ltd",
    "plc",
    "inc",
    "hotels",
    "van",
    "de",
    "der",
    "la",
    "le",
    "du",
    "des",
    "och",
    "og",
    "i",
    "am",
    "centre",
    "center",
    "hopital",
    "library",
    "verwaltung",
    "kreisverwaltung",
    "sjukhus",
    "sykehus",
    "sygehus",
    "universitet",
    "it",
    "health",
    "service",
    "services",
    "national",
    "federal",
    "state",
    "municipality",
    "town",
    # the same kinds of body in the other languages the pipeline reads
    "ayuntamiento",
    "ajuntament",
    "diputacion",
    "generalitat",
    "comune",
    "regione",
    "provincia",
    "ministerio",
    "ministero",
    "ministere",
    "ministry",
    "ministerium",
    "ministerul",
    "camara",
    "municipal",
    "municipale",
    "mairie",
    "ville",
    "gmina",
    "miasto",
    "urzad",
    "szpital",
    "primaria",
    "spitalul",
    "judetean",
    "mestsky",
    "urad",
    "ospedale",
    "azienda",
    "sanitaria",
    "hospitalier",
    "landesregierung",
    "landesverwaltung",
    "amt",
    "sia",
    "ou",
    "uab",
    "spa",
    "srl",
    "lda",
    "sp",
    "di",
    "del",
    "della",
    "do",
    "da",
    "dos",
    "das",
    "los",
    "las",
}


# Type words of the same kind of body across languages (folded) -> one kind.
_KIND_WORDS = {
    "municipality": "kommun kommune kommuns kommunes council borough city town stad stadt "
    "gemeente gemeinde ville mairie commune comune ayuntamiento ajuntament concello camara "
    "municipal municipale gmina miasto primaria mestsky kaupunki kunta",
    "region": "region regionen regione regio county landkreis kreis provincia provincie diputacion",
    "hospital": "hospital hospitals hopital hospitalier ospedale klinikum kliniken uniklinik "
    "sjukhus sykehus sygehus spitalul szpital",
    "university": "university universitat universiteit universite universitet universita "
    "universidad uniwersytet",
    "ministry": "ministry ministerio ministero ministere ministerium ministerul",
}
_KIND = {w: kind for kind, words in _KIND_WORDS.items() for w in words.split()}


def name_tokens(name: str) -> set[str]:
    return {t for t in fold(name).split() if len(t) >= 2 and t not in _GENERIC}


_CONNECTOR_WORDS = {
    "and", "of", "the", "for", "und", "och", "og", "de", "van", "la", "le", "du", "des", "der",
    "di", "del", "della", "do", "da", "dos", "das", "los", "las", "y", "e", "i", "et", "l", "d",
}  # fmt: skip


def _is_acronym_of(short: str, long: str) -> bool:
    """ "NHA" ~ "National Housing Agency", "BVDC" ~ "Bramley and Vale District Council",
    also after a leading word ("Irish National Housing Agency")."""
    s = short.strip()
    # two letters ("UM") match too many names by chance
    if not (3 <= len(s) <= 6 and s.isupper() and s.isalpha()):
        return False
    words = [w for w in re.split(r"[\s-]+", long) if w and w.lower() not in _CONNECTOR_WORDS]
    if len(words) < 2:
        return False
    initials = "".join(w[0] for w in words).upper()
    return initials == s.upper() or (len(words) > len(s) and initials[1:] == s.upper())


def name_match(a: str, b: str) -> float:
    """0..1 similarity of two organisation names, tolerant of type words and inflection."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return 0.0
    if fa == fb:
        return 1.0
    ta, tb = name_tokens(a), name_tokens(b)
    if ta and tb and (ta <= tb or tb <= ta):
        # same place, different kinds of body ("Stadt X" vs "Uniklinik X") are different
        # victims; the same kind in two languages ("Regione Lazio", "Lazio region") is not
        ga = {_KIND.get(w, w) for w in set(fa.split()) - ta - _CONNECTOR_WORDS}
        gb = {_KIND.get(w, w) for w in set(fb.split()) - tb - _CONNECTOR_WORDS}
        if ga and gb and not (ga & gb):
            return 0.5
        return 0.95
    if _is_acronym_of(a, b) or _is_acronym_of(b, a):
        return 0.9
    # inflected forms: "vastaamon" ~ "vastaamo", "hydros" ~ "hydro"
    if (
        ta
        and tb
        and all(
            any(x.startswith(y[:5]) or y.startswith(x[:5]) for y in tb) for x in ta if len(x) >= 5
        )
    ) and any(len(x) >= 5 for x in ta):
        return 0.85
    # a shared distinctive word ("Norsk Hydro" ~ "Hydro ASA"): weaker evidence
    if ta & tb and any(len(t) >= 4 for t in ta & tb):
        return 0.7
    r = fuzz.token_set_ratio(fa, fb) / 100.0
    return r if r >= 0.8 else r * 0.5


def _distinctive_overlap(a: str, b: str, lang: str | None) -> bool:
    """The names share a word that is not an everyday word of the language (wordfreq)."""
    from .entities import _word_common

    shared = name_tokens(a) & name_tokens(b)
    if not shared and fold(a) == fold(b):
        shared = set(fold(a).split())
    return any(len(t) >= 3 and (_word_common(t, lang) < 4.0 or _is_place(t)) for t in shared)


def _is_place(token: str) -> bool:
    from .entities import _place_words

    return token in _place_words()


# A later stage of an incident (fine, arrest, charges, court, final report), in the
# languages the pipeline reads (stems; folded text).
_FOLLOW_UP = re.compile(
    r"(?<![a-z])(?:fine[ds]?|penalt|sanction|amende|bussgeld|geldbusse|boete|bot(?:en)?|"
    r"multa|ammenda|kara (?:pieniezn|finansow)|sakko|trahv|sods|pokut|arrest|detain|"
    r"festgenommen|verhaftet|gripen|anholdt|pidatettiin|interpell|detenid|arrestat|"
    r"zatrzyma|zadrzan|sentenced|convicted|court|tribunal|gericht|rechtbank|domstol|"
    r"tingsratt|oikeus|proces|charged|indicted|inculpe|angeklagt|anklage|aangeklaagd|"
    r"imputad|final report|rapport final|abschlussbericht|eindrapport|slutrapport|"
    r"loppuraportti|informe final|relazione finale)"
)
# An article about another attack on the same victim ("a new cyberattack", "again").
_NEW_ATTACK = re.compile(
    r"(?<![a-z])(?:(?:new|another|second|fresh) (?:cyber ?|ransomware |hacker |data )?"
    r"(?:attack|hack|breach|leak)|second time|"
    r"(?:nouveau|nouvelle) (?:cyber ?)?(?:attaque|piratage|fuite|intrusion)|"
    r"nouvelle cyberattaque|une nouvelle fois|"
    r"(?:neue[rnms]?|erneute[rnms]?|zweite[rnms]?) (?:cyber|hacker)?(?:angriff|datenleck|hack)|"
    r"nieuwe (?:cyber|hack)?(?:aanval|datalek|hack)|(?:ny|nytt|nyt) (?:it-|data|cyber|hacker)?"
    r"(?:angrep|angreb|attack|atak|intrang|lakk|laekage)|uusi (?:kyber)?hyokkays|"
    r"nuevo (?:ciber)?(?:ataque|hackeo)|nueva filtracion|nuovo (?:cyber ?)?attacco|"
    r"novo (?:ciber)?ataque|nowy (?:cyber)?atak|un nou atac)(?![a-z])"
)


def _lead_folded(a: Any) -> str:
    return fold(f"{a.title or ''} {(a.text or '')[:1500]}")


def follow_up(a: Any) -> bool:
    """The article reports a later stage (fine, arrest, charges, court, final report)."""
    return bool(_FOLLOW_UP.search(_lead_folded(a)))


def new_attack(a: Any) -> bool:
    """The article says the victim was attacked again."""
    return bool(_NEW_ATTACK.search(_lead_folded(a)))


def _month_ord(date: str | None) -> int | None:
    d, prec = parse_published(date)
    if d is None or prec == "year":
        return None
    return d.year * 12 + d.month - 1


@dataclass
class IncidentState:
    key: str
    centroid: np.ndarray
    n: int = 0
    names: Counter = field(default_factory=Counter)  # victim name -> weight
    countries: Counter = field(default_factory=Counter)
    months: Counter = field(default_factory=Counter)  # month ordinal -> weight
    urls: list[str] = field(default_factory=list)

    def main_month(self) -> int | None:
        return self.months.most_common(1)[0][0] if self.months else None

    def to_dict(self) -> dict:
        return {
            "key": self.key,
            "centroid": [float(x) for x in self.centroid],
            "n": self.n,
            "names": dict(self.names),
            "countries": dict(self.countries),
            "months": {str(k): v for k, v in self.months.items()},
            "urls": list(self.urls),
        }

    @classmethod
    def from_dict(cls, d: dict) -> IncidentState:
        return cls(
            key=d["key"],
            centroid=np.asarray(d["centroid"], dtype=np.float32),
            n=int(d["n"]),
            names=Counter(d.get("names", {})),
            countries=Counter(d.get("countries", {})),
            months=Counter({int(k): v for k, v in d.get("months", {}).items()}),
            urls=list(d.get("urls", [])),
        )


def article_names(a: Any) -> list[tuple[str, float]]:
    """(name, weight) evidence of an analysis: its victim, aliases and runner-up candidates."""
    e = a.entities
    out: list[tuple[str, float]] = []
    if e.victim:
        # a weakly supported victim is still a primary name, but does not by itself make
        # the incident's victim "confident" (which would keep other victims out)
        out.append((e.victim, 1.0 if e.victim_score >= CONFIDENT_VICTIM else 0.8))
        out += [(x, 0.8) for x in e.victim_aliases]
    for name, score in e.candidates[1:4]:
        if score >= 3.0:
            out.append((name, 0.4))
    if not e.victim:
        # no victim stood out: the names it mentions may still be an incident's victim
        # (they count only against a primary name, with a distinctive shared word)
        out += [(name, 0.4) for name, score in e.candidates[:3] if score >= 1.0]
    return out


class Grouper:
    """Assigns analyses to incident keys incrementally; state is persistable."""

    def __init__(self, threshold: float = MATCH_THRESHOLD) -> None:
        self.threshold = threshold
        self.incidents: dict[str, IncidentState] = {}
        self._by_token: defaultdict[str, set[str]] = defaultdict(set)
        self._by_month: defaultdict[int, set[str]] = defaultdict(set)
        self._undated: set[str] = set()
        self._seq = 0
        # unit-normalised centroids in one matrix for top-k retrieval; a vector index
        # (pgvector, FAISS) plays this role once incidents live in the database
        self._keys: list[str] = []
        self._row: dict[str, int] = {}
        self._mat: np.ndarray | None = None

    # -- candidate retrieval (blocking) ------------------------------------
    def candidates(self, a: Any) -> set[str]:
        keys: set[str] = set()
        for name, _ in article_names(a):
            for t in name_tokens(name):
                keys |= self._by_token.get(t, set())
        m = (
            _month_ord(a.incident_date)
            if a.date_from_text
            else _month_ord(a.incident_date or a.published)
        )
        if m is not None:
            for mm in range(m - MAX_MONTH_GAP, m + MAX_MONTH_GAP + 1):
                keys |= self._by_month.get(mm, set())
        else:
            keys |= self._undated
        if a.embedding is not None and self._mat is not None and self._keys:
            sims = self._mat[: len(self._keys)] @ a.embedding
            k = min(TOP_K, len(self._keys))
            for i in np.argpartition(-sims, k - 1)[:k]:
                keys.add(self._keys[int(i)])
        return keys

    def _update_row(self, key: str, centroid: np.ndarray) -> None:
        n = float(np.linalg.norm(centroid))
        if not n:
            return
        if key not in self._row:
            if self._mat is None:
                self._mat = np.zeros((64, centroid.shape[0]), dtype=np.float32)
            elif len(self._keys) >= self._mat.shape[0]:
                self._mat = np.vstack([self._mat, np.zeros_like(self._mat)])
            self._row[key] = len(self._keys)
            self._keys.append(key)
        self._mat[self._row[key]] = centroid / n

    # -- scoring -------------------------------------------------------------
    def score(self, a: Any, inc: IncidentState) -> float:
        s = 0.0
        if a.embedding is not None and inc.n:
            c = inc.centroid / (np.linalg.norm(inc.centroid) or 1.0)
            sim = float(np.dot(a.embedding, c))
            # dissimilar wording is weak evidence against (translations, follow-ups): capped
            s += max(-1.0, 6.0 * (sim - 0.84))
        best, best_primary = self.name_evidence(a, inc)
        if best >= 0.65:
            s += 2.0 * best
        elif (
            a.entities.victim
            and a.entities.victim_score >= CONFIDENT_VICTIM
            and inc.names
            and best_primary < 0.4
            and inc.names.most_common(1)[0][1] >= 1.0
        ):
            s -= 2.0  # two confident, different victims: a wave, not one incident
        if a.entities.country and inc.countries:
            top = inc.countries.most_common(1)[0][0]
            # without a victim the article's country is mostly its language/outlet prior
            s += 0.3 if a.entities.country == top else -0.5 if a.entities.victim else -0.15
        m = _month_ord(a.incident_date)
        mm = inc.main_month()
        if m is not None and mm is not None:
            gap = abs(m - mm)
            s += (
                0.3
                if gap <= 1
                else -0.15 * min(gap, 6)
                if a.date_from_text
                else -0.05 * min(gap, 6)
            )
            # months apart and the article speaks of a new attack (not of a fine, arrest or
            # report, which join their incident): the same victim was hit again. Dates
            # alone do not decide: a background sentence can date an article wrongly.
            if (
                gap > LATER_STAGE_GAP
                and new_attack(a)
                and not follow_up(a)
                or gap > OTHER_YEAR_GAP
                and self._other_year(a, inc, m)
            ):
                s -= 3.0
        return s

    @staticmethod
    def _other_year(a: Any, inc: IncidentState, m: int) -> bool:
        """A year or more from the incident by the article's text date and by its publication,
        no month of the incident near it, and no follow-up (fine, arrest, report): the same
        victim hit in another year."""
        pub = _month_ord(a.published)
        return (
            a.date_from_text
            and pub is not None
            and all(
                abs(pub - k) > OTHER_YEAR_GAP and abs(m - k) > MAX_MONTH_GAP for k in inc.months
            )
            and not follow_up(a)
        )

    def _best(self, a: Any, cands: set[str]) -> str | None:
        best_key, best = None, self.threshold
        for k in sorted(cands):  # a set: sorted so that ties go the same way in every run
            inc = self.incidents.get(k)
            if inc is None:
                continue
            s = self.score(a, inc)
            if s > best:
                best_key, best = k, s
        return best_key

    @staticmethod
    def name_evidence(a: Any, inc: IncidentState) -> tuple[float, float]:
        """(best, best between primary names) name agreement of ``a`` with ``inc``.

        Primary names are victims (weight >= 1 in the incident); runner-up candidates
        (weight < 1) count only when they equal a primary name on the other side and
        the shared word is distinctive -- an article about "Kreis Ulmenau" that names
        "Rechenwerk-Nord" as runner-up joins the Rechenwerk-Nord incident, but
        "Klinikum Systeme" and "Zentrix-Systeme" share only an everyday word.
        """
        best = best_primary = 0.0
        for name, w in article_names(a):
            for other, weight in inc.names.most_common(6):
                a_primary, i_primary = w >= 0.8, weight >= 1.0
                if not a_primary and not i_primary:
                    continue
                m = name_match(name, other)
                if a_primary and i_primary:
                    v = m * w * min(1.0, 0.5 + weight / 2)
                    best_primary = max(best_primary, v)
                elif m >= 0.95 and _distinctive_overlap(name, other, a.language):
                    v = 0.7
                else:
                    continue
                best = max(best, v)
        return best, best_primary

    def assign(
        self,
        a: Any,
        candidates: set[str] | None = None,
        embed: Callable[[Any], None] | None = None,
    ) -> str:
        """Key of the incident ``a`` joins (a new key when nothing scores above threshold).

        ``embed(a)`` sets ``a.embedding`` on demand: an article analysed without an
        embedding (see ``pipeline.select_for_embedding``) is embedded only when no incident
        takes it by name, and scored again before a new incident is opened.
        """
        best_key = self._best(a, self.candidates(a) if candidates is None else candidates)
        if best_key is None and a.embedding is None and embed is not None:
            embed(a)
            if a.embedding is not None:
                best_key = self._best(a, self.candidates(a))
        if best_key is None:
            best_key = self._new_key(a)
        self.add_to(best_key, a)
        return best_key

    def match_existing(self, a: Any, min_victim: float = 0.85) -> str | None:
        """Best existing incident whose victim the article names (no new incident is made)."""
        scored = []
        for k in sorted(self.candidates(a)):
            inc = self.incidents[k]
            if (
                not a.entities.victim
                or max((name_match(a.entities.victim, n) for n in inc.names), default=0)
                < min_victim
            ):
                continue
            s = self.score(a, inc)
            if s > self.threshold:
                scored.append((s, k))
        scored.sort(reverse=True)
        # two incidents of the same victim (hit twice) and nothing to tell them apart:
        # a borderline article joins neither
        if not scored or (len(scored) > 1 and scored[0][0] - scored[1][0] < AMBIGUOUS_MARGIN):
            return None
        return scored[0][1]

    def _new_key(self, a: Any) -> str:
        self._seq += 1
        base = fold(a.entities.victim or "incident").replace(" ", "-")[:40] or "incident"
        month = (a.incident_date or "")[:7]
        return f"{base}-{month}-{self._seq}" if month else f"{base}-{self._seq}"

    def add_to(self, key: str, a: Any) -> None:
        inc = self.incidents.get(key)
        dim = a.embedding.shape[0] if a.embedding is not None else 0
        if inc is None:
            inc = self.incidents[key] = IncidentState(key, np.zeros(dim, dtype=np.float32))
        if a.embedding is not None:
            if inc.centroid.shape[0] != a.embedding.shape[0]:
                inc.centroid = np.zeros_like(a.embedding)
            inc.centroid = inc.centroid + a.embedding
            self._update_row(key, inc.centroid)
        inc.n += 1
        for name, w in article_names(a):
            inc.names[name] += w
            for t in name_tokens(name):
                self._by_token[t].add(key)
        if a.entities.country:
            inc.countries[a.entities.country] += 1
        m = _month_ord(a.incident_date)
        if m is not None:
            inc.months[m] += 2 if a.date_from_text else 1
            self._by_month[m].add(key)
            self._undated.discard(key)
        elif not inc.months:
            self._undated.add(key)
        if a.url:
            inc.urls.append(a.url)

    # -- persistence -------------------------------------------------------
    def to_state(self) -> dict:
        return {
            "threshold": self.threshold,
            "seq": self._seq,
            "incidents": [i.to_dict() for i in self.incidents.values()],
        }

    @classmethod
    def from_state(cls, state: dict) -> Grouper:
        g = cls(threshold=state.get("threshold", MATCH_THRESHOLD))
        g._seq = int(state.get("seq", 0))
        for d in state.get("incidents", []):
            inc = IncidentState.from_dict(d)
            g.incidents[inc.key] = inc
            if inc.centroid.size:
                g._update_row(inc.key, inc.centroid)
            for name in inc.names:
                for t in name_tokens(name):
                    g._by_token[t].add(inc.key)
            for m in inc.months:
                g._by_month[m].add(inc.key)
            if not inc.months:
                g._undated.add(inc.key)
        return g


def months_apart(a: str | None, b: str | None) -> int | None:
    ma, mb = _month_ord(a), _month_ord(b)
    return None if ma is None or mb is None else abs(ma - mb)


_ = (re, dt)  # keep imports used by type checkers of callers
