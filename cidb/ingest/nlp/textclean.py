"""Main-text extraction, encoding repair and input sanity checks.

Every function here returns flags instead of raising on bad input, so one
broken article never stops a batch.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

MAX_INPUT_BYTES = 5_000_000  # larger HTML is truncated before parsing (flag "truncated_input")
MAX_TEXT_CHARS = 50_000  # cleaned text is cut here (flag "truncated_text")

# Typical UTF-8-read-as-Latin-1/CP1252 sequences: "Ã¤", "Ã¶", "â€™", "Ã©".
_MOJIBAKE = re.compile(r"Ã[\x80-\xbf¡-ÿ]|â€[\x80-\xbf™œ˜”“–—¦]|Â[\xa0-\xbf]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HTML_HINT = re.compile(r"<\s*(?:html|body|div|p|article|head|script|span|br)\b", re.IGNORECASE)


@dataclass
class CleanText:
    text: str
    title: str | None
    flags: list[str] = field(default_factory=list)


def decode_bytes(data: bytes) -> tuple[str, list[str]]:
    """Bytes -> str: UTF-8 first, then a detected charset; flags say what happened."""
    flags: list[str] = []
    if looks_binary(data):
        return "", ["binary"]
    try:
        return data.decode("utf-8"), flags
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is not None:
            return str(best), ["encoding_guessed"]
    except Exception:  # noqa: BLE001 - fall through to a lossless decode
        pass
    return data.decode("cp1252", errors="replace"), ["encoding_guessed"]


def looks_binary(data: bytes | str) -> bool:
    """NUL bytes or many control characters: not text (PDF, image, zip...)."""
    sample = data[:4096]
    if isinstance(sample, bytes):
        if b"\x00" in sample or sample.startswith(
            (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")
        ):
            return True
        sample = sample.decode("latin-1")
    if not sample:
        return False
    if "\x00" in sample:
        return True
    return len(_CONTROL.findall(sample)) / len(sample) > 0.05


def repair_mojibake(text: str) -> tuple[str, bool]:
    """Undo UTF-8 text that was decoded as CP1252/Latin-1 (only if it clearly helps)."""
    bad = len(_MOJIBAKE.findall(text))
    if bad < 2:
        return text, False
    for enc in ("cp1252", "latin-1"):
        try:
            fixed = text.encode(enc, errors="strict").decode("utf-8", errors="strict")
        except (UnicodeEncodeError, UnicodeDecodeError):
            # mixed text: repair run by run
            fixed = _MOJIBAKE_RUN.sub(lambda m, e=enc: _fix_run(m.group(0), e), text)
        if len(_MOJIBAKE.findall(fixed)) < bad:
            return fixed, True
    return text, False


_MOJIBAKE_RUN = re.compile(r"(?:[ÃÂâ][\x80-\xbf\xa0-\xff€™œ˜”“–—¦‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’•šž›Ÿ]{1,2})+")


def _fix_run(run: str, enc: str) -> str:
    try:
        return run.encode(enc).decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return run


def normalise_whitespace(text: str) -> str:
    """NFC, no control characters, single spaces, at most one blank line."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub(" ", text).replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00ad", "").replace("\u200b", "")
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def extract_main_text(html: str) -> tuple[str, str | None, list[str]]:
    """HTML -> (main text, title, flags) with trafilatura; scripts/nav/ads dropped."""
    flags: list[str] = []
    title: str | None = None
    text: str | None = None
    try:
        import trafilatura

        text = trafilatura.extract(
            html, include_comments=False, include_tables=False, favor_precision=True
        )
        meta = trafilatura.extract_metadata(html)
        title = meta.title if meta is not None else None
    except Exception:  # noqa: BLE001 - malformed HTML must not stop the batch
        flags.append("extract_failed")
    if not text:
        text = _strip_tags(html)
        flags.append("fallback_extraction")
    return text, title, flags


def _strip_tags(html: str) -> str:
    html = re.sub(
        r"(?is)<(script|style|noscript|nav|footer|header|aside|form)\b.*?</\1\s*>", " ", html
    )
    html = re.sub(r"(?is)<!--.*?-->", " ", html)
    html = re.sub(r"(?i)<br\s*/?>|</p\s*>|</div\s*>|</h\d\s*>", "\n", html)
    text = re.sub(r"(?s)<[^>]*>", " ", html)
    import html as _html

    return _html.unescape(text)


def clean_article(raw: dict) -> CleanText:
    """Raw article dict ({"html"} or {"text"}, optional "title") -> clean main text."""
    flags: list[str] = []
    title = raw.get("title")
    body = raw.get("html")
    is_html = body is not None
    if body is None:
        body = raw.get("text")
    if body is None:
        body = ""
    if isinstance(body, (bytes, bytearray)):
        if len(body) > MAX_INPUT_BYTES:
            body = bytes(body[:MAX_INPUT_BYTES])
            flags.append("truncated_input")
        body, f = decode_bytes(bytes(body))
        flags += f
    elif not isinstance(body, str):
        return CleanText("", None, ["invalid_type"])
    if looks_binary(body):
        return CleanText("", title if isinstance(title, str) else None, flags + ["binary"])
    if len(body) > MAX_INPUT_BYTES:
        body = body[:MAX_INPUT_BYTES]
        flags.append("truncated_input")
    if not is_html and _HTML_HINT.search(body[:2000]):
        is_html = True
    if is_html:
        body, html_title, f = extract_main_text(body)
        flags += f
        title = title or html_title
    body, fixed = repair_mojibake(body)
    if fixed:
        flags.append("mojibake_repaired")
    text = normalise_whitespace(body)
    if isinstance(title, str):
        title, tfixed = repair_mojibake(title)
        title = normalise_whitespace(title) or None
    else:
        title = None
    if len(text) > MAX_TEXT_CHARS:
        text = text[:MAX_TEXT_CHARS].rsplit(" ", 1)[0]
        flags.append("truncated_text")
    if not text:
        flags.append("empty")
    elif len(text) < 80:
        flags.append("short")
    return CleanText(text, title, flags)


def split_sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) pairs; a simple splitter good enough for cue windows."""
    out: list[tuple[int, str]] = []
    for m in re.finditer(r"[^\n.!?]+(?:[.!?]+(?=\s|$)|(?=\n)|$)", text):
        s = m.group(0).strip()
        if len(s) > 1:
            out.append((m.start(), s))
    return out
