"""Ingestion writes, by concern:

- ``intake``: the ``Ingestor`` (read → analyse in batches → store → rescue → drafts);
- ``drafts``: incident fields from a draft (``apply_draft``) and draft rebuilds;
- ``feeds``: feed polling as ingest items;
- ``review``: the review queue's actions (publish, merge, split, suggestions, a
  field accepted or corrected);
- ``fields``: the reviewable fields (read, parse an editor's text, write).

The public names are re-exported here: ``from cidb.ingest import services``.
"""

from . import fields
from .drafts import (
    EDITABLE,
    SUGGESTED_FIELDS,
    apply_draft,
    current_values,
    load_analysis,
    members_of,
    proposed_values,
    rebuild,
)
from .feeds import all_feed_items, feed_items
from .intake import Ingestor, Prepared, Summary
from .review import (
    FIELD_WRITERS,
    accept_suggestions,
    dismiss_suggestions,
    merge,
    publish,
    review_field,
    split,
)

__all__ = [
    "EDITABLE",
    "FIELD_WRITERS",
    "SUGGESTED_FIELDS",
    "Ingestor",
    "Prepared",
    "Summary",
    "accept_suggestions",
    "all_feed_items",
    "apply_draft",
    "current_values",
    "dismiss_suggestions",
    "feed_items",
    "fields",
    "load_analysis",
    "members_of",
    "merge",
    "proposed_values",
    "publish",
    "rebuild",
    "review_field",
    "split",
]
