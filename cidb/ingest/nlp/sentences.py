"""One sentence splitter for every language the pipeline reads.

Rule-based and cheap (a regex pass, no model): a sentence ends at ``.``, ``!``, ``?``
or ``…`` followed by white space and a sentence start, and at every line break
(cleaned article text keeps paragraphs on their own lines). A period does not end a
sentence after

- a one- or two-digit number: ordinal dates and numbers in German, the Nordic and
  Slavic languages, Finnish, Estonian, Hungarian... ("am 12. März", "2. listopadu");
- a single letter (initials, "J. Smith") or a known abbreviation ("Dr.", "z. B.",
  "bzw.", "t.ex.", "f.eks.", "Inc.", "St.", "Nr.");
- when the next word starts in lower case (mid-sentence abbreviation we do not know).
"""

from __future__ import annotations

import re

# Abbreviations that end in a period and rarely end a sentence (lower-cased, without the
# final period), from the usual style guides of the languages.
_ABBREVIATIONS = """
    mr mrs ms dr prof st jr sr inc ltd co corp no nr vs etc approx dept est fig gen gov
    jan feb mar apr jun jul aug sep sept oct okt nov dec dez
    e.g i.e a.m p.m u.s u.k
    z.b bzw ca evtl ggf inkl usw vgl u.a d.h s.o sog zzgl abs str hr fr
    t.ex bl.a m.m m.fl dvs osv resp jfr ang enl kl f.d
    f.eks bl.a m.v mv ca kr jf pga iht tlf
    bijv d.w.z o.a m.b.t ong mevr dhr
    env mme mlle cf av apr j.-c
    esim ks mm jne ns ym n
    sr sra srta ud uds pág núm dña
    sig dott ing avv
    ok tj np itp itd tzw ul godz
    tzn tj atď napr resp
"""
ABBREVIATIONS = frozenset(_ABBREVIATIONS.split())

_CANDIDATE = re.compile(r"[.!?…]+[\"'»”’)\]]*(?=\s)|\n+")
_NEXT_START = re.compile(r"\s*[\"'«»“„(\[¿¡–—-]*\s*(\S)")


def _ends_sentence(text: str, m: re.Match[str]) -> bool:
    if m.group(0).startswith("\n"):
        return True
    nxt = _NEXT_START.match(text, m.end())
    if not nxt:
        return True
    first = nxt.group(1)
    if first.islower():
        return False
    if not m.group(0).startswith("."):
        return True  # ! ? …
    # the word before the period
    i = m.start()
    j = i
    while j > 0 and not text[j - 1].isspace() and text[j - 1] not in "(\"'«“„":
        j -= 1
    word = text[j:i]
    if not word:
        return True
    if word.isdigit():
        # "12. März" / "2. listopadu": an ordinal, unless a year or a long number
        return len(word) >= 3
    if len(word) == 1 and word.isalpha():
        return False  # an initial
    return word.lower().rstrip(".") not in ABBREVIATIONS


def split_sentences(text: str, lang: str | None = None) -> list[tuple[int, int]]:
    """Character spans (start, end) of the sentences of ``text``, white space trimmed.

    ``lang`` is accepted for the contract (future per-language rules); the rules above
    hold across the pipeline's languages.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _CANDIDATE.finditer(text):
        if not _ends_sentence(text, m):
            continue
        end = m.end() if not m.group(0).startswith("\n") else m.start()
        _add(text, start, end, spans)
        start = m.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, a: int, b: int, spans: list[tuple[int, int]]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        spans.append((a, b))


def sentence_span_at(spans: list[tuple[int, int]], pos: int) -> tuple[int, int] | None:
    """The span containing character ``pos`` (binary search over sorted spans)."""
    lo, hi = 0, len(spans)
    while lo < hi:
        mid = (lo + hi) // 2
        if spans[mid][1] <= pos:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(spans) and spans[lo][0] <= pos < spans[lo][1]:
        return spans[lo]
    return None


def sentence_at(text: str, pos: int, spans: list[tuple[int, int]] | None = None) -> str:
    """The sentence of ``text`` around character ``pos`` (empty when pos is white space)."""
    spans = split_sentences(text) if spans is None else spans
    span = sentence_span_at(spans, pos)
    return text[span[0] : span[1]] if span else ""
