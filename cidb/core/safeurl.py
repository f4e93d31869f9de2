"""Which addresses may be a source's url: one rule for the model, imports, ingestion
and exports. No Django here (ingestion's input readers use it)."""

from __future__ import annotations

from urllib.parse import urlsplit

# Source addresses: web links, plus the two identifiers ingestion gives articles that
# have no web address (a local file's file: URI, a urn: from a JSONL line). Never a
# scheme a browser or reader would run or inline (javascript:, data:, vbscript:...).
LINK_SCHEMES = ("http", "https")
IDENTIFIER_SCHEMES = ("urn", "file")
MAX_URL_LENGTH = 2048


def source_url_problem(url: str, *, links_only: bool = False) -> str:
    """Why ``url`` cannot be a source address ("" if it can). ``links_only`` (imports)
    accepts http(s) addresses only."""
    if not isinstance(url, str) or not url.strip():
        return "a source needs a url"
    url = url.strip()
    if len(url) > MAX_URL_LENGTH:
        return f"the url is longer than {MAX_URL_LENGTH} characters"
    if any(ord(c) < 32 or c in " \x7f" for c in url):
        return "the url contains spaces or control characters"
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        return f"not a valid url ({exc})"
    scheme = parts.scheme.lower()
    allowed = LINK_SCHEMES if links_only else LINK_SCHEMES + IDENTIFIER_SCHEMES
    if scheme not in allowed:
        shown = f"{scheme}:" if scheme else "no scheme"
        names = [f"{s}:" for s in allowed]
        listed = f"{', '.join(names[:-1])} and {names[-1]}"
        return f"only {listed} urls are accepted, not {shown}"
    if scheme in LINK_SCHEMES and not parts.hostname:
        return "the url has no host"
    return ""


def safe_source_url(url: str) -> str:
    """``url`` if it is an acceptable source address, else "" (for exports of records
    stored before the rule: a javascript: or data: address is never passed on)."""
    return url if not source_url_problem(url) else ""
