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


def to_fts5(query: ParsedQuery) -> str:
    """An FTS5 MATCH expression (terms are word characters only, so quoting is safe)."""
    parts = [_fts5_group(g) for g in query.groups] + [f'"{p}"*' for p in query.prefixes]
    parts += [f"tags : {_fts5_group(g)}" for g in query.tags]
    expression = " AND ".join(parts)
    for group in query.excluded:
        expression = f"{expression} NOT {_fts5_group(group)}"
    return expression


def to_tsquery(query: ParsedQuery) -> str:
    """A PostgreSQL to_tsquery('simple', ...) expression."""

    def group(terms: tuple[str, ...]) -> str:
        return "(" + " | ".join(f"'{t}'" for t in terms) + ")"

    parts = [group(g) for g in query.groups] + [f"'{p}':*" for p in query.prefixes]
    parts += [group(g) for g in query.tags]
    parts += ["!" + group(g) for g in query.excluded]
    return " & ".join(parts)
