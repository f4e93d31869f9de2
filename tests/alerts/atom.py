"""Atom (RFC 4287) validation for tests: the RFC's RELAX NG schema (atom.rng, see
atom.rnc for its source) plus the two rules the schema states as Schematron."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from lxml import etree

NS = {"atom": "http://www.w3.org/2005/Atom"}


@cache
def _schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(Path(__file__).with_name("atom.rng"))))


def atom_errors(document: bytes) -> list[str]:
    """Every way `document` is not a valid Atom feed; [] when it is."""
    root = etree.fromstring(document)
    schema = _schema()
    errors = [] if schema.validate(root) else [str(e) for e in schema.error_log]
    if root.tag != "{http://www.w3.org/2005/Atom}feed":
        return [*errors, f"root element is {root.tag}, not atom:feed"]
    feed_author = bool(root.xpath("atom:author", namespaces=NS))
    for index, entry in enumerate(root.xpath("atom:entry", namespaces=NS)):
        if not (
            feed_author or entry.xpath("atom:author or atom:source/atom:author", namespaces=NS)
        ):
            errors.append(f"entry {index}: no atom:author and the feed has none")
        if not entry.xpath(
            "atom:link[@rel='alternate'] or atom:link[not(@rel)] or atom:content", namespaces=NS
        ):
            errors.append(f"entry {index}: no alternate link and no content")
    return errors
