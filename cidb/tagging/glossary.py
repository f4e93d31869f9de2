"""Cross-lingual glossary: gloss non-English sentences into English domain words.

The English lexical model keys on a few hundred domain words ("ransomware", "encrypted",
"ransom", "phishing email attachment", "stolen credentials", "remote desktop"...). A
news sentence in Swedish, German or Danish is rewritten as the English words of the
glossary terms it contains (in their order), plus any word the model already knows
that is not a function word of the language (loanwords, tool and malware names), and
then scored by the same English model. Pure Python and regex: ~0.1 ms per sentence.

The glossary (``glossary.tsv`` beside this module) is documented in its header: per
language, folded stems that match inside compounds, each mapped to an English phrase.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Container
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

SHORT_TEXT = 400
GLOSSARY_PATH = Path(__file__).resolve().parent / "glossary.tsv"
LANGUAGES = ("sv", "da", "no", "de", "nl", "fr", "es", "it", "fi", "pl")

# Frequent function words per language (folded). They identify the language and are
# never carried over into the gloss. English is handled by ``text.is_english`` first.
_FUNCTION_WORDS = {
    "sv": "en i med ur och att det som ar for pa med av till den har inte om ett ska kan var fran efter "
    "ocksa vid sig de men eller nar hade sa blev vara mot hur nagra alla under sina sitt "
    "enligt redan ocksa dessa deras vilket finns uppger",
    "da": "en i med ind og at det som er for pa med af til den har ikke om et skal kan var fra efter "
    "ogsa ved sig de men eller nar havde sa blev vaere mod hvordan nogle alle under sine "
    "sit ifolge allerede disse deres hvilket hvad blevet vaeret",
    "no": "en i med inn og at det som er for pa med av til den har ikke om et skal kan var fra etter "
    "ogsa ved seg de men eller nar hadde sa ble vaere mot hvordan noen alle under sine "
    "sitt ifolge allerede disse deres hva blitt vaert ikkje eit fra dei kva vart vere",
    "de": "der die das und ist nicht mit den dem des ein eine einer auf fur von zu sich "
    "auch wurde wurden werden sind hat haben bei nach oder wie aus im am zum zur noch "
    "uber dass einen einem seit sowie",
    "nl": "de het een van en is niet met op voor zijn ook naar dat die wordt werd worden "
    "bij door om te aan er heeft hebben nog maar uit al deze",
    "fr": "un de et le la les des est une un pour dans sur pas qui du et au aux par avec ont ete "
    "sont ce cette ses leur plus selon mais",
    "es": "un de y con el los las del por con una para que es en se ha al lo como fue sus han este "
    "esta pero mas segun",
    "it": "un i gli hanno sui il di che non sono la le del della per con una gli dei nel alla ha stato "
    "sono anche questo degli delle",
    "fi": "ja on ei etta oli se ovat myos kun tai mutta han joka sen ne olla ollut mukaan nyt jo",
    "pl": "sie nie jest oraz ze na w z do i to przez od jak sa zostal zostala byl tak po "
    "ale tym jego",
}
FUNCTION_WORDS = {lang: frozenset(words.split()) for lang, words in _FUNCTION_WORDS.items()}
_WORD = re.compile(r"[^\W_][\w.\-]*[^\W_]|[^\W_]", re.UNICODE)
_LETTERS = re.compile(r"[^\W\d_]+", re.UNICODE)
_SPECIAL = {"ø": "o", "æ": "ae", "ß": "ss", "ł": "l", "œ": "oe", "đ": "d"}


def _fold_char(ch: str) -> str:
    ch = _SPECIAL.get(ch, ch)
    return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))


# Latin-1 and Latin Extended-A folded through one C-level str.translate (fast); other
# characters (rarely accented in these languages) pass through NFKD in ``fold``.
_FOLD = {i: _fold_char(chr(i)) for i in range(0xC0, 0x250) if _fold_char(chr(i)) != chr(i)}


def fold(text: str) -> str:
    """Lower case without accents: 'Lösegeldforderung' -> 'losegeldforderung'."""
    text = text.lower().translate(_FOLD)
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def _weights(table: dict[str, set[str]]) -> dict[str, dict[str, float]]:
    """item -> {language: 1/k} for an item shared by k languages (rarer = stronger)."""
    out: dict[str, dict[str, float]] = {}
    for lang, items in table.items():
        for item in items:
            out.setdefault(item, {})[lang] = 1.0
    return {item: {lang: 1 / len(ls) for lang in ls} for item, ls in out.items()}


_WORD_WEIGHTS = _weights(FUNCTION_WORDS)
# Letters that only some of the languages use (counted on the unfolded text).
_LETTER_WEIGHTS = _weights(
    {
        "sv": set("åäö"),
        "da": set("æøå"),
        "no": set("æøå"),
        "de": set("äöüß"),
        "fi": set("äö"),
        "fr": set("çèêàùâîôëœ"),
        "es": set("ñáíóú¿¡"),
        "it": set("àìòù"),
        "pl": set("łąęśżźćńó"),
    }
)


def guess_language(text: str, sample: int = 3000) -> str | None:
    """The non-English language of ``text`` (from ``LANGUAGES``), or None.

    Cheap: function words and language-specific letters in the first ``sample``
    characters, each weighted 1/k when k languages share it. Call it only for text that
    ``text.is_english`` rejected. A text without any of them goes to the language whose
    own glossary terms it matches most; None when nothing matches at all. Texts shorter
    than ``SHORT_TEXT`` characters count those terms too.
    """
    head = text[:sample].lower()
    folded = fold(head)
    counts = dict.fromkeys(LANGUAGES, 0.0)
    for tok in _LETTERS.findall(folded):
        for lang, w in _WORD_WEIGHTS.get(tok, {}).items():
            counts[lang] += w
    for ch, weights in _LETTER_WEIGHTS.items():
        n = head.count(ch)
        if n:
            for lang, w in weights.items():
                counts[lang] += n * w
    if len(folded) < SHORT_TEXT or not any(counts.values()):
        # Short texts have few function words: the language's own glossary terms help.
        shared = len(_table("*").pattern.findall(folded))
        for lang in LANGUAGES:
            counts[lang] += len(_table(lang).pattern.findall(folded)) - shared
    best = max(LANGUAGES, key=lambda lang: counts[lang])  # ties: first in LANGUAGES
    return best if counts[best] > 0 else None


@dataclass(frozen=True)
class _Table:
    pattern: re.Pattern
    english: dict[str, str]
    stop: frozenset[str]


_START = r"(?<![^\W_])"  # at a word start: no letter or digit before
_END = r"(?![^\W_])"  # at a word end: no letter or digit after


def _trie_regex(terms: list[tuple[str, bool]]) -> str:
    """One regex for literal terms ``(core, must_end_word)``, as a prefix tree.

    Far faster than an alternation of hundreds of terms (each position follows one
    path), and at each position it takes the longest term: children are tried before
    a term may end. Spaces in terms match any run of whitespace.
    """
    root: dict = {}
    for core, end in terms:
        node = root
        for ch in core:
            node = node.setdefault(ch, {})
        # A term that need not end a word wins over one that must.
        node[""] = node.get("", True) and end

    def build(node: dict) -> str:
        alts = [
            (r"\s+" if ch == " " else re.escape(ch)) + build(child)
            for ch, child in sorted(node.items())
            if ch != ""
        ]
        if "" in node:
            alts.append(_END if node[""] else "")
        if len(alts) == 1 and "" not in node:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    return build(root) if root else "(?!)"


def _compile(terms: set[str]) -> re.Pattern:
    """Word-start terms match only after a non-letter; the others anywhere (compounds)."""
    parsed = [(t.strip("<>"), t.startswith("<"), t.endswith(">")) for t in terms]
    anywhere = [(core, end) for core, start, end in parsed if not start]
    every = [(core, end) for core, _, end in parsed]
    return re.compile(f"{_START}{_trie_regex(every)}|{_trie_regex(anywhere)}")


def load_glossary(path: Path = GLOSSARY_PATH) -> dict[str, list[tuple[str, str]]]:
    """Entries per language (``"*"`` = every language): [(term, english)]."""
    out: dict[str, list[tuple[str, str]]] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 3 or not all(p.strip() for p in parts):
            raise ValueError(f"{path}:{n}: expected 'languages<TAB>term<TAB>english'")
        langs, term, english = (p.strip() for p in parts)
        if fold(term) != term:
            raise ValueError(f"{path}:{n}: term {term!r} is not folded ({fold(term)!r})")
        for lang in langs.split(","):
            out.setdefault(lang.strip(), []).append((term, english))
    return out


@cache
def _table(lang: str) -> _Table:
    entries = load_glossary()
    # Danish and Norwegian spelling are close and easily confused: each uses both.
    group = {"da": ["no", "da"], "no": ["da", "no"]}.get(lang, [lang])
    rows = entries.get("*", []) + [r for g in group for r in entries.get(g, [])]
    english = {t.strip("<>"): e for t, e in rows}
    pattern = _compile({t for t, _ in rows})
    return _Table(pattern, english, FUNCTION_WORDS.get(lang, frozenset()))


class Gloss(NamedTuple):
    """An English gloss: its text, the glossary terms found, the other content words."""

    text: str
    terms: int
    other: int


def gloss(
    sentence: str, lang: str | None, keep: Container[str] | Callable[[str], bool] = ()
) -> Gloss:
    """English gloss of ``sentence``.

    ``keep``: words to carry over unchanged when no term covers them (the English
    model's vocabulary: loanwords, tool names, file names), minus function words.
    ``other`` counts the words left out (neither terms, kept nor function words): an
    English sentence would have had as many ordinary words diluting its domain words.
    """
    table = _table(lang if lang in LANGUAGES else "*")
    text = fold(sentence)
    matches = [
        (m.start(), m.end(), table.english[re.sub(r"\s+", " ", m.group())])
        for m in table.pattern.finditer(text)
    ]
    pieces = [(s, eng) for s, _, eng in matches]
    in_keep = keep if callable(keep) else keep.__contains__
    other = 0
    k = 0  # matches ending before the current word are passed (both lists are sorted)
    for m in _WORD.finditer(text):
        while k < len(matches) and matches[k][1] <= m.start():
            k += 1
        w = m.group()
        if (k < len(matches) and matches[k][0] < m.end()) or w in table.stop or len(w) < 3:
            continue  # covered by a term, a function word, or too short to matter
        if in_keep(w):
            pieces.append((m.start(), w))
        else:
            other += 1
    pieces.sort(key=lambda p: p[0])
    return Gloss(" ".join(p for _, p in pieces), len(matches), other)
