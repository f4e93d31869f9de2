"""Writing the full-text index (the SQL side of search.py).

SQLite: a contentless FTS5 table (no second copy of the text) plus a side table of
the exact indexed documents, zlib-compressed, because a contentless table can only
forget a row when given the very tokens it indexed. PostgreSQL: a tsvector per
incident with a GIN index. Rows are (incident id, victim text, body text, tags), the
tags being search.tags_text() of the incident's facet values.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Sequence

from django.db import connection, transaction

from . import search

DOC_TABLE = "incidents_fts_doc"
CHUNK = 500

SQLITE_CREATE = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {search.FTS_TABLE} USING fts5("
    "victim, body, tags, content='', tokenize = 'unicode61 remove_diacritics 2')",
    f"CREATE TABLE IF NOT EXISTS {DOC_TABLE} "
    "(rowid INTEGER PRIMARY KEY, victim BLOB NOT NULL, body BLOB NOT NULL, tags TEXT NOT NULL)",
]
# No foreign key: Django's test flush truncates model tables only, and a key would
# block it. Rows follow incidents through the delete signal; ids are never reused.
POSTGRES_CREATE = [
    f"CREATE TABLE IF NOT EXISTS {search.FTS_TABLE} "
    "(rowid bigint PRIMARY KEY, document tsvector NOT NULL)",
    f"CREATE INDEX IF NOT EXISTS {search.FTS_TABLE}_document "
    f"ON {search.FTS_TABLE} USING gin(document)",
]
DROP = [f"DROP TABLE IF EXISTS {search.FTS_TABLE}", f"DROP TABLE IF EXISTS {DOC_TABLE}"]


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def delete(ids: Iterable[int]) -> None:
    ids = list(ids)
    if not ids:
        return
    with connection.cursor() as cursor:
        for chunk in _chunks(ids):
            marks = ",".join(["%s"] * len(chunk))
            if _postgres():
                cursor.execute(f"DELETE FROM {search.FTS_TABLE} WHERE rowid IN ({marks})", chunk)
                continue
            cursor.execute(
                f"SELECT rowid, victim, body, tags FROM {DOC_TABLE} WHERE rowid IN ({marks})",
                chunk,
            )
            old = [
                ("delete", rowid, zlib.decompress(v).decode(), zlib.decompress(b).decode(), t)
                for rowid, v, b, t in cursor.fetchall()
            ]
            cursor.executemany(
                f"INSERT INTO {search.FTS_TABLE} ({search.FTS_TABLE}, rowid, victim, body, tags) "
                "VALUES (%s, %s, %s, %s, %s)",
                old,
            )
            cursor.execute(f"DELETE FROM {DOC_TABLE} WHERE rowid IN ({marks})", chunk)


def write(rows: Sequence[tuple[int, str, str, str]], *, replace: bool = True) -> None:
    """Index rows of (id, victim text, body text, tags); replace=False for new ids only."""
    if not rows:
        return
    if replace:
        delete([row[0] for row in rows])
    docs = [(i, search.document(v), search.document(b), t) for i, v, b, t in rows]
    with connection.cursor() as cursor:
        if _postgres():
            _write_postgres(cursor, docs)
            return
        cursor.executemany(
            f"INSERT INTO {search.FTS_TABLE} (rowid, victim, body, tags) VALUES (%s, %s, %s, %s)",
            docs,
        )
        cursor.executemany(
            f"INSERT INTO {DOC_TABLE} (rowid, victim, body, tags) VALUES (%s, %s, %s, %s)",
            [(i, zlib.compress(v.encode()), zlib.compress(b.encode()), t) for i, v, b, t in docs],
        )


def _write_postgres(cursor, docs: list[tuple[int, str, str, str]]) -> None:
    # COPY into a temporary table, then one INSERT ... SELECT builds the tsvectors.
    # One transaction: in autocommit (a save outside atomic()) the COPY's own commit
    # would empty the ON COMMIT DELETE ROWS stage before the INSERT read it.
    with transaction.atomic():
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS cidb_fts_stage "
            "(rowid bigint, victim text, body text, tags text) ON COMMIT DELETE ROWS"
        )
        copy_sql = "COPY cidb_fts_stage (rowid, victim, body, tags) FROM STDIN"
        with cursor.cursor.copy(copy_sql) as copy:
            for row in docs:
                copy.write_row(row)
        cursor.execute(
            f"INSERT INTO {search.FTS_TABLE} (rowid, document) SELECT rowid, "
            "setweight(to_tsvector('simple', victim), 'A') || "
            "setweight(to_tsvector('simple', body), 'D') || "
            "setweight(to_tsvector('simple', tags), 'C') FROM cidb_fts_stage"
        )
        cursor.execute("DELETE FROM cidb_fts_stage")


def rank_ids(text: str, ids: Sequence[int]) -> list[int]:
    """``ids`` ordered by relevance to a text query, best first; ties keep the given order.

    Meant for a few hundred candidates that are known to match. On SQLite the ranking
    is done in Python from the stored documents (search.rank): FTS5's bm25() reads the
    whole posting list of every phrase for its statistics, tags included, which at a
    million incidents costs more than the rest of the page. PostgreSQL's ts_rank_cd
    works on the stored tsvectors of the candidates alone.
    """
    parsed = search.parse_query(text)
    ids = list(ids)
    if not parsed or not ids:
        return ids
    position = {incident_id: i for i, incident_id in enumerate(ids)}
    with connection.cursor() as cursor:
        if _postgres():
            scores: dict[int, float] = {}
            expression = search.to_tsquery(parsed)
            for chunk in _chunks(ids):
                marks = ",".join(["%s"] * len(chunk))
                cursor.execute(
                    f"SELECT rowid, ts_rank_cd(document, to_tsquery('simple', %s)) "
                    f"FROM {search.FTS_TABLE} WHERE rowid IN ({marks})",
                    [expression, *chunk],
                )
                scores.update(cursor.fetchall())
            return sorted(ids, key=lambda i: (-scores.get(i, 0.0), position[i]))
        documents = []
        for chunk in _chunks(ids):
            marks = ",".join(["%s"] * len(chunk))
            cursor.execute(
                f"SELECT rowid, victim, body FROM {DOC_TABLE} WHERE rowid IN ({marks})", chunk
            )
            documents += [
                (rowid, zlib.decompress(v).decode(), zlib.decompress(b).decode())
                for rowid, v, b in cursor.fetchall()
            ]
    documents.sort(key=lambda doc: position[doc[0]])
    ranked = search.rank(parsed, documents)
    found = set(ranked)
    return ranked + [i for i in ids if i not in found]  # no index row: last


def clear() -> None:
    with connection.cursor() as cursor:
        if _postgres():
            cursor.execute(f"DELETE FROM {search.FTS_TABLE}")
        else:
            cursor.execute(
                f"INSERT INTO {search.FTS_TABLE} ({search.FTS_TABLE}) VALUES ('delete-all')"
            )
            cursor.execute(f"DELETE FROM {DOC_TABLE}")


def delete_orphans() -> int:
    """Forget index rows whose incident is gone (deleted by raw SQL, or by a test
    database flush, which empties model tables only)."""
    table = search.FTS_TABLE if _postgres() else DOC_TABLE
    with connection.cursor() as cursor:
        # NOT EXISTS, not NOT IN: PostgreSQL runs NOT IN over a subquery too large for
        # its hash as a nested loop (20 minutes at a million incidents).
        cursor.execute(
            f"SELECT rowid FROM {table} t WHERE NOT EXISTS "
            "(SELECT 1 FROM incidents_incident i WHERE i.id = t.rowid)"
        )
        orphans = [row[0] for row in cursor.fetchall()]
    delete(orphans)
    return len(orphans)
