"""Text helpers: sentence splitting, HTML to text, ATT&CK markup cleaning.

Standard library only, so the tagger core stays light.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html.parser import HTMLParser

# A sentence ends at . ! ? (optionally followed by a quote/bracket) before whitespace
# and an upper-case letter, digit or opening quote; newlines always end a sentence.
_SENT_END = re.compile(r"(?<=[.!?])[\"'”’)\]]?\s+(?=[\"'“(\[]?[A-ZÅÄÖÆØÜÉ0-9])")
_WS = re.compile(r"[ \t\r\f\v]+")
_CITATION = re.compile(r"\(Citation:[^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
# Very long "sentences" (tables, lists run together) are cut so evidence stays short.
MAX_SENTENCE_CHARS = 600


def split_sentences(text: str) -> list[str]:
    """Split text into sentences (newline-separated pieces, then punctuation)."""
    out: list[str] = []
    for line in text.splitlines():
        line = _WS.sub(" ", line).strip()
        if not line:
            continue
        for sent in _SENT_END.split(line):
            sent = sent.strip()
            while len(sent) > MAX_SENTENCE_CHARS:
                cut = sent.rfind(" ", 0, MAX_SENTENCE_CHARS)
                cut = cut if cut > MAX_SENTENCE_CHARS // 2 else MAX_SENTENCE_CHARS
                out.append(sent[:cut].strip())
                sent = sent[cut:].strip()
            if len(sent) > 1:
                out.append(sent)
    return out


def clean_attack_text(text: str) -> str:
    """Strip ATT&CK citations and Markdown links from a description."""
    text = _CITATION.sub("", text or "")
    text = _MD_LINK.sub(r"\1", text)
    text = text.replace("<code>", "").replace("</code>", "")
    return _WS.sub(" ", text).strip()


class _HTMLText(HTMLParser):
    _SKIP = {"script", "style", "noscript", "template", "svg", "head"}
    _BLOCK = {
        "p", "div", "br", "li", "ul", "ol", "tr", "td", "th", "h1", "h2", "h3", "h4",
        "h5", "h6", "section", "article", "header", "footer", "pre", "blockquote", "table",
    }  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Visible text of an HTML document, one block element per line."""
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    lines = (_WS.sub(" ", line).strip() for line in "".join(parser.parts).splitlines())
    return "\n".join(line for line in lines if line)


# Frequent function words: English vs. other languages the tagger meets in news.
# Text goes to the cross-lingual embedding stage only when other-language function
# words outnumber English ones, so IOC lists, code or tables stay on the fast path.
_EN_TEXT = (
    "the a an of to in and is are was were be been by for with on that this from as "
    "it its at or which has have had not but can will their they these used uses use "
    "into also when then than other may after before such"
)
_EN_WORDS = frozenset(_EN_TEXT.split())
_OTHER_TEXT = (
    # de
    "der die das und ist nicht mit den dem des ein eine einer auf für von zu sich auch "
    "wurde wurden werden sind hat haben bei nach oder wie aus "
    # sv / da / no
    "och att det som är för på med av till den har inte om ett ska kan var från efter "
    "också vid sig de er og af til ikke fra blev være skal som på en et har "
    "ble ikke av til og som er "
    # nl / fr / es / it / fi / pl
    "het een van niet zijn voor ook naar le la les des est une pour dans sur pas qui "
    "el los las del por con una para que il di che non sono ja on ei että oli się nie "
    "jest oraz przez został została zostały zostać że są jak jego dla przed które który "
    "ovat myös kun tai mutta joka mukaan jälkeen"
)
_OTHER_WORDS = frozenset(_OTHER_TEXT.split())
_TOKEN = re.compile(r"[^\W\d_]+", re.UNICODE)


def english_ratio(text: str) -> float:
    """Share of word tokens that are common English function words."""
    toks = _TOKEN.findall(text.lower())
    if not toks:
        return 0.0
    return sum(t in _EN_WORDS for t in toks) / len(toks)


def function_word_counts(text: str, sample: int = 3000) -> tuple[int, int, list[str]]:
    """(English function words, other-language function words, word tokens) in the
    first ``sample`` characters (enough to tell a language; keeps long reports cheap)."""
    toks = _TOKEN.findall(text[:sample].lower())
    en = sum(t in _EN_WORDS for t in toks)
    other = sum(t in _OTHER_WORDS and t not in _EN_WORDS for t in toks)
    return en, other, toks


def is_english(text: str, known: Callable[[str], bool] | None = None) -> bool:
    """True unless other-language function words outnumber English ones.

    On a tie (short sentences often have one or none of either), ``known`` decides if
    given: English when at least half of the words are known English words (e.g. the
    lexical model's vocabulary).
    """
    en, other, toks = function_word_counts(text)
    if en == other and known is not None and toks:
        return sum(map(known, toks)) >= len(toks) / 2
    return en >= other
