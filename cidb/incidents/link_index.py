"""One narrow row per incident with the keys of its attack types, motives, techniques
and threat actors (the SQL side of IncidentLinks).

Facet and statistics counts over tens of thousands of matches read one row per
incident here instead of probing four link tables per incident, which at a million
incidents was most of a member's browse time. Derived data: written with the search
index (services.reindex_incidents), rebuilt by `cidb reindex`, never edited by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from django.db import connection, transaction

TABLE = "incidents_incidentlinks"
# (link table, its key column), in the order of the row's columns.
LINKS = {
    "attack_types": ("incidents_incident_attack_types", "attacktype_id"),
    "motives": ("incidents_incident_motives", "motive_id"),
    "techniques": ("incidents_incident_techniques", "technique_id"),
    "actors": ("incidents_incident_actors", "threatactor_id"),
}
COLUMNS = ("incident_id", *LINKS)
CHUNK = 10_000  # ids per IN (...) list, below SQLite's variable limit


def _chunks(ids: Sequence[int], size: int = CHUNK) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _marks(n: int) -> str:
    return ",".join(["%s"] * n)


def _aggregate(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"string_agg(CAST({column} AS text), ' ' ORDER BY {column})"
    return f"group_concat({column}, ' ')"


def build(ids: Sequence[int]) -> list[tuple]:
    """The link rows of some incidents, read from the link tables."""
    rows: dict[int, dict[str, str]] = {i: {} for i in ids}
    with connection.cursor() as cursor:
        for chunk in _chunks(list(ids)):
            for name, (table, column) in LINKS.items():
                cursor.execute(
                    f"SELECT incident_id, {_aggregate(column)} FROM {table} "
                    f"WHERE incident_id IN ({_marks(len(chunk))}) GROUP BY incident_id",
                    list(chunk),
                )
                for incident_id, keys in cursor.fetchall():
                    rows[incident_id][name] = keys
    # Incidents without any link get no row.
    return [(i, *(row.get(name, "") for name in LINKS)) for i, row in rows.items() if row]


def delete(ids: Iterable[int]) -> None:
    ids = list(ids)
    with connection.cursor() as cursor:
        for chunk in _chunks(ids):
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE incident_id IN ({_marks(len(chunk))})", chunk
            )


def write(rows: Sequence[tuple], *, replace: bool = True) -> None:
    """Insert rows of (incident id, attack types, motives, techniques, actors), each a
    space-separated string of keys; ``replace=False`` for new incidents only."""
    if not rows:
        return
    with transaction.atomic():
        if replace:
            delete([row[0] for row in rows])
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} ({', '.join(COLUMNS)}) VALUES ({_marks(len(COLUMNS))})",
                [tuple(row) for row in rows],
            )


def refresh(ids: Iterable[int]) -> None:
    """Rewrite the rows of some incidents from the link tables."""
    ids = list(ids)
    for chunk in _chunks(ids, 2000):
        with transaction.atomic():
            delete(chunk)  # also the rows of incidents that lost their last link
            write(build(chunk), replace=False)


def clear() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")


def delete_orphans() -> None:
    """Forget rows whose incident is gone (deleted by raw SQL)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {TABLE} WHERE NOT EXISTS "
            f"(SELECT 1 FROM incidents_incident i WHERE i.id = {TABLE}.incident_id)"
        )


def rebuild(batch: int = 20_000, progress: Callable[[int], None] | None = None) -> int:
    """Rewrite every row (after a bulk load, an import that bypassed signals, or to
    repair); returns how many incidents were written."""
    clear()
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM incidents_incident ORDER BY id")
        ids = [row[0] for row in cursor.fetchall()]
    for start in range(0, len(ids), batch):
        refresh(ids[start : start + batch])
        if progress:
            progress(min(start + batch, len(ids)))
    return len(ids)


def read(ids: Sequence[int], names: Sequence[str]) -> list[tuple]:
    """(incident id, *space-separated keys for each of ``names``) for some incidents
    (at most CHUNK ids); incidents without links have no row."""
    columns = ", ".join(["incident_id", *(name for name in names if name in LINKS)])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":  # one array parameter
            cursor.execute(
                f"SELECT {columns} FROM {TABLE} WHERE incident_id = ANY(%s)", [list(ids)]
            )
        else:
            cursor.execute(
                f"SELECT {columns} FROM {TABLE} WHERE incident_id IN ({_marks(len(ids))})",
                list(ids),
            )
        return cursor.fetchall()
