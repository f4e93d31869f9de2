"""The tagger's user-facing choices, in a module that imports nothing heavy: the
`cidb tag` and `cidb train-tagger` parsers read them for `--help`, which must not
load numpy, scipy and scikit-learn."""

from __future__ import annotations

# How non-English text is tagged (see Tagger.load and docs/tagging.md).
CROSSLINGUAL_MODES = ("glossary", "glossary+e5", "e5", "none")

# Training recipes of cidb.tagging.train; the shipped model uses DEFAULT_METHOD.
METHODS = ("baseline", "lexical", "e5-knn", "e5-lr", "lexical+e5")
DEFAULT_METHOD = "lexical"
