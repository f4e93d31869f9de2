"""ATT&CK technique tagging: text in, technique IDs with scores and evidence sentences out.

Pure Python (no Django imports in the core). Typical use::

    from cidb.tagging import get_tagger

    tagger = get_tagger()                       # the shipped model, loaded once
    for hit in tagger.tag("The ransomware encrypted all files ..."):
        print(hit.id, hit.score, hit.evidence)
    tagger.tag_many(["text one", "text two"])   # one list of hits per text

``min_score`` (default 0.5 = the tuned decision threshold) can be lowered to get
weaker suggestions, e.g. for an editor. See docs/tagging.md for the method.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .tagger import DEFAULT_MODEL_DIR, Tagger, TechniqueHit

__all__ = ["DEFAULT_MODEL_DIR", "Tagger", "TechniqueHit", "get_tagger", "tag", "tag_many"]


def __getattr__(name: str) -> Any:
    # Django imports this package for every command (it is an installed app); the
    # tagger pulls in numpy, scipy and scikit-learn, so it loads on first use only.
    if name in ("DEFAULT_MODEL_DIR", "Tagger", "TechniqueHit"):
        from . import tagger

        return getattr(tagger, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@lru_cache(maxsize=4)
def get_tagger(model_dir: str | None = None) -> Tagger:
    """The tagger for ``model_dir`` (default: shipped model), loaded once per process."""
    from .tagger import Tagger

    return Tagger.load(model_dir)


def tag(text: str, min_score: float = 0.5) -> list[TechniqueHit]:
    """Tag one text with the shipped model."""
    return get_tagger().tag(text, min_score=min_score)


def tag_many(texts: list[str], min_score: float = 0.5) -> list[list[TechniqueHit]]:
    """Tag several texts with the shipped model (one list of hits per text)."""
    return get_tagger().tag_many(texts, min_score=min_score)
