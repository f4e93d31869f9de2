"""One narrow row per incident with the keys of its attack types, motives, techniques
and threat actors (the SQL side of IncidentLinks).

Facet and statistics counts over tens of thousands of matches read one row per
incident here instead of probing four link tables per incident, which at a million
incidents was most of a member's browse time. Derived data: written with the search
index (services.reindex_incidents), rebuilt by `cidb reindex`, never edited by hand.

Each row also records what its incident adds to the whole-database statistics
(``counted``: "dimension<TAB>key" lines, see ``contribution``) and the StatsCount table
holds their sums per status. Writing a row takes the old row's contribution out and
puts the new one in, in the same transaction, so the sums stay exact on every write
path that reindexes; a rebuild recounts them.

Writers never update the summary rows themselves: a handful of them (the total, this
month) are touched by every write, and two writers updating them in different orders
deadlocked on PostgreSQL (an import beside an ingest). A write appends its change as
StatsDelta rows (inserts only: nothing to wait for), and after it commits the deltas
are folded into StatsCount by one folder at a time, in key order. Readers sum both
tables, so the figures are exact whether or not the fold has run.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from django.db import connection, transaction

from . import vocab

log = logging.getLogger(__name__)

TABLE = "incidents_incidentlinks"
COUNTS = "incidents_statscount"
DELTAS = "incidents_statsdelta"
# Serialises folds on PostgreSQL (pg_advisory_xact_lock); SQLite has one writer anyway.
FOLD_LOCK = 0x63696462  # "cidb"
# (link table, its key column), in the order of the row's columns.
LINKS = {
    "attack_types": ("incidents_incident_attack_types", "attacktype_id"),
    "motives": ("incidents_incident_motives", "motive_id"),
    "techniques": ("incidents_incident_techniques", "technique_id"),
    "actors": ("incidents_incident_actors", "threatactor_id"),
}
COLUMNS = ("incident_id", *LINKS, "status", "counted")
CHUNK = 10_000  # ids per IN (...) list, below SQLite's variable limit


def _chunks(ids: Sequence[int], size: int = CHUNK) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _marks(n: int) -> str:
    return ",".join(["%s"] * n)


def ids_condition(column: str, ids: Sequence[int]) -> tuple[str, list]:
    """``column`` is one of ``ids``, as SQL and parameters: one array parameter on
    PostgreSQL, a list of marks on SQLite. Plain SQL because the ORM spends longer
    preparing a 10,000-id IN list than the database spends answering it."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [list(ids)]
    return f"{column} IN ({_marks(len(ids))})", list(ids)


def _aggregate(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"string_agg(CAST({column} AS text), ' ' ORDER BY {column})"
    return f"group_concat({column}, ' ')"


def contribution(
    *,
    date: str,
    country: str,
    sector: str,
    cia: Sequence[str],
    links: dict[str, list[str]],
    parents: dict[int, int],
    kinds: dict[int, str],
) -> list[tuple[str, str]]:
    """(dimension, key) pairs one incident adds to the statistics: the same rules as
    cidb.stats.data.compute_small (an incident counts once per attack type, motive,
    actor, parent technique and actor type)."""
    month = date[:7]
    types = links["attack_types"]
    actors = [int(a) for a in links["actors"]]
    pairs = [("total", ""), ("month", month), ("country", country), ("sector", sector)]
    pairs += [("attack_type", t) for t in types] + [("month_type", f"{month}|{t}") for t in types]
    pairs += [("motive", m) for m in links["motives"]]
    pairs += [("cia", f"{name}|{value}") for name, value in zip(vocab.CIA_FIELDS, cia, strict=True)]
    techniques = {parents.get(int(t), int(t)) for t in links["techniques"]}
    pairs += [("technique", str(t)) for t in sorted(techniques)]
    pairs += [("actor", str(a)) for a in actors]
    pairs += [("actor_type", k) for k in sorted({kinds.get(a) or "" for a in actors})]
    return pairs


def encode(pairs: Iterable[tuple[str, str]]) -> str:
    """The ``counted`` text of a contribution."""
    return "\n".join(f"{dimension}\t{key}" for dimension, key in pairs)


def catalogs() -> tuple[dict[int, int], dict[int, str]]:
    """Technique parents and actor types: small tables, read whole."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, parent_id FROM incidents_technique WHERE parent_id IS NOT NULL")
        parents = dict(cursor.fetchall())
        cursor.execute("SELECT id, actor_type FROM incidents_threatactor")
        kinds = dict(cursor.fetchall())
    return parents, kinds


def build(ids: Sequence[int]) -> list[tuple]:
    """The rows of some incidents, read from the incidents and their link tables."""
    parents, kinds = catalogs()
    rows = []
    with connection.cursor() as cursor:
        for chunk in _chunks(list(ids)):
            cursor.execute(
                "SELECT id, status, date, country, sector, "
                f"{', '.join(vocab.CIA_FIELDS)} FROM incidents_incident "
                f"WHERE id IN ({_marks(len(chunk))})",
                list(chunk),
            )
            incidents = {row[0]: row[1:] for row in cursor.fetchall()}
            keys: dict[int, dict[str, str]] = {i: {} for i in incidents}
            for name, (table, column) in LINKS.items():
                cursor.execute(
                    f"SELECT incident_id, {_aggregate(column)} FROM {table} "
                    f"WHERE incident_id IN ({_marks(len(chunk))}) GROUP BY incident_id",
                    list(chunk),
                )
                for incident_id, values in cursor.fetchall():
                    if incident_id in keys:
                        keys[incident_id][name] = values
            for incident_id, (status, date, country, sector, *cia) in incidents.items():
                links = {name: keys[incident_id].get(name, "") for name in LINKS}
                pairs = contribution(
                    date=date if isinstance(date, str) else date.isoformat(),
                    country=country,
                    sector=sector,
                    cia=cia,
                    links={name: value.split() for name, value in links.items()},
                    parents=parents,
                    kinds=kinds,
                )
                rows.append((incident_id, *links.values(), status, encode(pairs)))
    return rows


def contributions(rows: Iterable[tuple[str, str]], sign: int = 1) -> Counter:
    """{(status, dimension, key): n} of rows of (status, counted); sign=-1 to take out."""
    delta: Counter = Counter()
    for status, counted in rows:
        for line in counted.split("\n") if counted else ():
            dimension, key = line.split("\t", 1)
            delta[status, dimension, key] += sign
    return delta


def _changes(delta: Counter) -> list[tuple[str, str, str, int]]:
    # Sorted: every writer of the summary rows takes their locks in one order.
    return sorted((s, d, k, n) for (s, d, k), n in delta.items() if n)


def add_counts(delta: Counter) -> None:
    """Apply a contributions() delta straight to the summary counts, in key order. For
    bulk work that owns the database (rebuild, generation); ordinary writes use
    note_counts()."""
    changes = _changes(delta)
    if not changes:
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {COUNTS} (status, dimension, key, n) VALUES (%s, %s, %s, %s) "
            f"ON CONFLICT (status, dimension, key) DO UPDATE SET n = {COUNTS}.n + excluded.n",
            changes,
        )
        gone = [(s, d, k) for s, d, k, n in changes if n < 0]
        if gone:
            cursor.executemany(
                f"DELETE FROM {COUNTS} WHERE status = %s AND dimension = %s AND key = %s AND n = 0",
                gone,
            )


def note_counts(delta: Counter) -> None:
    """Record a write's change of the summary counts as delta rows (inserts only, so
    concurrent writers never wait for each other here), folded once committed."""
    changes = _changes(delta)
    if not changes:
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {DELTAS} (status, dimension, key, n) VALUES (%s, %s, %s, %s)", changes
        )
    # One fold per transaction, however many writes it made.
    if not any(entry[1] is _fold_quietly for entry in getattr(connection, "run_on_commit", [])):
        transaction.on_commit(_fold_quietly)


def fold() -> int:
    """Move the committed delta rows into the summary counts (one transaction, one
    folder at a time); returns how many delta rows were folded."""
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FOLD_LOCK])
        cursor.execute(f"DELETE FROM {DELTAS} RETURNING status, dimension, key, n")
        rows = cursor.fetchall()
        delta: Counter = Counter()
        for status, dimension, key, n in rows:
            delta[status, dimension, key] += n
        add_counts(delta)
    return len(rows)


def _fold_quietly() -> None:
    # After a commit: a failed fold (a lock timeout) loses nothing, the deltas wait
    # for the next one, and readers count them meanwhile.
    try:
        fold()
    except Exception:  # noqa: BLE001
        log.warning("folding the statistics deltas failed; the next write retries", exc_info=True)


def counts(statuses: Sequence[str]) -> list[tuple[str, str, int]]:
    """(dimension, key, incidents) summed over the given statuses."""
    if not statuses:
        return []
    with connection.cursor() as cursor:
        marks = _marks(len(statuses))
        cursor.execute(
            f"SELECT dimension, key, SUM(n) FROM (SELECT dimension, key, n FROM {COUNTS} "
            f"WHERE status IN ({marks}) UNION ALL SELECT dimension, key, n FROM {DELTAS} "
            f"WHERE status IN ({marks})) AS c GROUP BY dimension, key HAVING SUM(n) <> 0",
            [*statuses, *statuses],
        )
        return [(d, k, int(n)) for d, k, n in cursor.fetchall()]


def delete(ids: Iterable[int]) -> None:
    """Forget the rows of some incidents and take their contributions out."""
    ids = list(ids)
    with transaction.atomic(), connection.cursor() as cursor:
        for chunk in _chunks(ids):
            cursor.execute(
                f"SELECT status, counted FROM {TABLE} WHERE incident_id IN ({_marks(len(chunk))})",
                chunk,
            )
            note_counts(contributions(cursor.fetchall(), -1))
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE incident_id IN ({_marks(len(chunk))})", chunk
            )


def write(rows: Sequence[tuple], *, replace: bool = True, count: bool = True) -> None:
    """Insert rows of (incident id, attack types, motives, techniques, actors, status,
    counted) as build() makes them, and add their contributions; ``replace=False`` for
    new incidents only; ``count=False`` when the caller adds the contributions itself
    (bulk loads: one summary update at the end instead of one per batch)."""
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
        if count:
            note_counts(contributions((row[5], row[6]) for row in rows))


def refresh(ids: Iterable[int]) -> None:
    """Rewrite the rows of some incidents from the link tables."""
    ids = list(ids)
    for chunk in _chunks(ids, 2000):
        with transaction.atomic():
            delete(chunk)
            write(build(chunk), replace=False)


def clear() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
        cursor.execute(f"DELETE FROM {COUNTS}")
        cursor.execute(f"DELETE FROM {DELTAS}")


def delete_orphans() -> None:
    """Forget rows whose incident is gone (deleted by raw SQL, or a test flush)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT incident_id FROM {TABLE} WHERE NOT EXISTS "
            f"(SELECT 1 FROM incidents_incident i WHERE i.id = {TABLE}.incident_id)"
        )
        orphans = [row[0] for row in cursor.fetchall()]
    delete(orphans)


def rebuild(batch: int = 20_000, progress: Callable[[int], None] | None = None) -> int:
    """Rewrite every row (after a bulk load, an import that bypassed signals, or to
    repair); returns how many incidents were written."""
    clear()
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM incidents_incident ORDER BY id")
        ids = [row[0] for row in cursor.fetchall()]
    total: Counter = Counter()
    for start in range(0, len(ids), batch):
        for chunk in _chunks(ids[start : start + batch], 2000):
            rows = build(chunk)
            write(rows, replace=False, count=False)
            total.update(contributions((row[5], row[6]) for row in rows))
        if progress:
            progress(min(start + batch, len(ids)))
    add_counts(total)
    return len(ids)


def read(ids: Sequence[int], names: Sequence[str]) -> list[tuple]:
    """(incident id, *space-separated keys for each of ``names``) for some incidents
    (at most CHUNK ids)."""
    columns = ", ".join(["incident_id", *(name for name in names if name in LINKS)])
    condition, params = ids_condition("incident_id", ids)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {TABLE} WHERE {condition}", params)
        return cursor.fetchall()
