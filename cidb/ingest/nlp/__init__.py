"""Pure NLP core of cidb's ingestion pipeline (no Django imports here).

Public API:
    process_article(raw) -> ArticleAnalysis
    Grouper().assign(analysis, candidates=None, embed=None) -> incident key;
        Grouper.to_state()/from_state()
    build_draft(analyses) -> dict (cidb export format)
    run_pipeline(articles, embedder=None, grouper=None, ...) -> list[dict]
    select_for_embedding(analyses, grouper, seen) -> indexes worth embedding up front
"""

from .draft import build_draft
from .grouping import Grouper
from .pipeline import ArticleAnalysis, process_article, run_pipeline, select_for_embedding

__all__ = [
    "ArticleAnalysis",
    "Grouper",
    "build_draft",
    "process_article",
    "run_pipeline",
    "select_for_embedding",
]
