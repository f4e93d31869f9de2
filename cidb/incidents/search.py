"""Full-text search: normalisation in Python, indexing and ranking in the database.

Documents and queries go through the same normaliser: lower-case, fold accents
(ø→o, ß→ss, é→e), and expand each word into its Snowball stems for English,
Swedish, German and Danish. The stemmed terms are stored in SQLite FTS5 or in a
PostgreSQL tsvector ('simple' configuration), so both backends match and rank the
same terms. Pure Python apart from the SQL strings; no ORM imports.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import Stemmer

from .vocab import STATUSES

LANGUAGES = ("english", "swedish", "german", "danish")
FTS_TABLE = "incidents_fts"
MAX_DOCUMENT_CHARS = 200_000
MAX_QUERY_TERMS = 12

_STEMMERS = [Stemmer.Stemmer(language) for language in LANGUAGES]
# Letters that Unicode decomposition does not fold to ASCII.
_FOLD = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i"}
)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_QUERY_PART = re.compile(r'(-?)"([^"]*)"|(-?)([^\s"]+)')


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@lru_cache(maxsize=300_000)
def word_terms(word: str) -> tuple[str, ...]:
    """The index terms of one word: its folded form and its stems in each language."""
    lower = word.lower()
    terms = {fold(lower)}
    for stemmer in _STEMMERS:
        terms.add(fold(stemmer.stemWord(lower)))
    terms.discard("")
    return tuple(sorted(terms))


_WORD_TEXT: dict[str, str] = {}


def document(text: str) -> str:
    """The stemmed term string stored in the index for a piece of text."""
    # A plain dict of each word's joined terms: bulk generation calls this a million times.
    memo = _WORD_TEXT
    if len(memo) > 500_000:
        memo.clear()
    out = []
    for word in _WORD.findall(text[:MAX_DOCUMENT_CHARS]):
        joined = memo.get(word)
        if joined is None:
            joined = memo[word] = " ".join(word_terms(word))
        out.append(joined)
    return " ".join(out)


# Facet values are indexed as tag tokens beside the text, so a search with facet
# filters is one intersection inside the full-text index instead of a scan of
# every text match. The prefix keeps tags apart from words.
TAG_PREFIX = "zzq"
TAG_KINDS = {"status": "s", "country": "c", "sector": "k", "year": "y", "attack_type": "t"}


def tag(kind: str, value: object) -> str:
    return f"{TAG_PREFIX}{TAG_KINDS[kind]}{fold(str(value)).replace('_', '')}"


def tags_text(*, status: str, country: str, sector: str, year: int | None, attack_types) -> str:
    """The tag tokens of one incident."""
    tokens = [tag("status", status)]
    if country:
        tokens.append(tag("country", country))
    if sector:
        tokens.append(tag("sector", sector))
    if year:
        tokens.append(tag("year", year))
    tokens += [tag("attack_type", t) for t in attack_types]
    return " ".join(tokens)


@dataclass
class ParsedQuery:
    """A user query: every group must match (AND); a group matches if any term does.

    `tags` are groups of tag tokens (facet filters) that must match too.
    """

    groups: list[tuple[str, ...]] = field(default_factory=list)
    prefixes: list[str] = field(default_factory=list)
    excluded: list[tuple[str, ...]] = field(default_factory=list)
    tags: list[tuple[str, ...]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.groups or self.prefixes or self.tags)


def parse_query(text: str) -> ParsedQuery:
    """Words are stemmed; "quoted words" match exactly; -word excludes; word* is a prefix."""
    parsed = ParsedQuery()
    count = 0
    for m in _QUERY_PART.finditer(text or ""):
        if count >= MAX_QUERY_TERMS:
            break
        negated = bool(m.group(1) or m.group(3))
        if m.group(2) is not None:  # quoted: exact words, no stemming
            for word in _WORD.findall(m.group(2)):
                target = parsed.excluded if negated else parsed.groups
                target.append((fold(word),))
                count += 1
            continue
        raw = m.group(4)
        prefix = raw.endswith("*")
        words = _WORD.findall(raw)
        for i, word in enumerate(words):
            count += 1
            if prefix and i == len(words) - 1 and not negated:
                parsed.prefixes.append(fold(word))
            elif negated:
                parsed.excluded.append(word_terms(word))
            else:
                parsed.groups.append(word_terms(word))
    return parsed


def _fts5_group(terms: tuple[str, ...]) -> str:
    inner = " OR ".join(f'"{t}"' for t in terms)
    return f"({inner})"


def _status_as_exclusion(query: ParsedQuery) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """(tag groups, excluded tag groups): a status group that includes "published"
    becomes the exclusion of the other statuses. Nearly every incident is published, so
    that tag's posting list is as long as the table; intersecting with it costs more
    than ruling out the few others. Kept as is when nothing else would select rows."""
    statuses = {tag("status", s) for s in STATUSES}
    tags, excluded = list(query.tags), []
    for group in query.tags:
        if not set(group) <= statuses or tag("status", "published") not in group:
            continue
        others = [g for g in tags if g is not group]
        if not (query.groups or query.prefixes or others):
            break
        tags = others
        rest = tuple(sorted(statuses - set(group)))
        if rest:
            excluded.append(rest)
    return tags, excluded


def to_fts5(query: ParsedQuery) -> str:
    """An FTS5 MATCH expression (terms are word characters only, so quoting is safe)."""
    tags, excluded_tags = _status_as_exclusion(query)
    parts = [_fts5_group(g) for g in query.groups] + [f'"{p}"*' for p in query.prefixes]
    parts += [f"tags : {_fts5_group(g)}" for g in tags]
    expression = " AND ".join(parts)
    for group in query.excluded:
        expression = f"{expression} NOT {_fts5_group(group)}"
    for group in excluded_tags:
        expression = f"{expression} NOT tags : {_fts5_group(group)}"
    return expression


# BM25 constants (the usual defaults) and field weights: a victim-name match counts
# four times a body match, as in the index's own bm25() call.
BM25_K1 = 1.2
BM25_B = 0.75
FIELD_WEIGHTS = (4.0, 1.0)


def _term_patterns(query: ParsedQuery) -> list[re.Pattern]:
    """One pattern a query group (or prefix), matching its terms as whole index tokens."""
    patterns = [
        re.compile(r"(?<!\S)(?:" + "|".join(re.escape(t) for t in group) + r")(?!\S)")
        for group in query.groups
    ]
    patterns += [re.compile(r"(?<!\S)" + re.escape(p) + r"\S*") for p in query.prefixes]
    return patterns


def rank(query: ParsedQuery, documents: list[tuple[int, str, str]]) -> list[int]:
    """Ids of (id, victim terms, body terms) documents, best match first.

    BM25 over the two fields with the field weights above. Every candidate already
    matches every query group, so an inverse document frequency would only weigh the
    groups against one another; it is left out because computing it means reading the
    whole posting list of each term, which costs more than ranking itself. Ties keep
    the order the documents were given in (callers pass them newest first).
    """
    patterns = _term_patterns(query)
    if not patterns or not documents:
        return [doc[0] for doc in documents]
    lengths = [
        (v.count(" ") + 1 if v else 0, b.count(" ") + 1 if b else 0) for _, v, b in documents
    ]
    averages = [max(1.0, sum(lens[f] for lens in lengths) / len(lengths)) for f in (0, 1)]
    scored = []
    for position, ((incident_id, victim, body), lens) in enumerate(
        zip(documents, lengths, strict=True)
    ):
        score = 0.0
        for pattern in patterns:
            for column, text in enumerate((victim, body)):
                tf = len(pattern.findall(text)) if text else 0
                if tf:
                    norm = BM25_K1 * (1 - BM25_B + BM25_B * lens[column] / averages[column])
                    score += FIELD_WEIGHTS[column] * tf * (BM25_K1 + 1) / (tf + norm)
        scored.append((-score, position, incident_id))
    scored.sort()
    return [incident_id for _, _, incident_id in scored]


def to_tsquery(query: ParsedQuery) -> str:
    """A PostgreSQL to_tsquery('simple', ...) expression."""

    def group(terms: tuple[str, ...]) -> str:
        return "(" + " | ".join(f"'{t}'" for t in terms) + ")"

    tags, excluded_tags = _status_as_exclusion(query)
    parts = [group(g) for g in query.groups] + [f"'{p}':*" for p in query.prefixes]
    parts += [group(g) for g in tags]
    parts += ["!" + group(g) for g in query.excluded + excluded_tags]
    return " & ".join(parts)
