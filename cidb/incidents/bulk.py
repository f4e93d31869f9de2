"""Bulk loading of synthetic incidents: raw multi-row inserts (SQLite) or COPY
(PostgreSQL) in batches, ids allocated up front, search rows written alongside.

Signals are bypassed on purpose (they would cost a query per row); this module
does their work itself: it writes the search index and bumps the generation.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from . import link_index, search, search_index, services
from .models import Incident, Organization, Source, Technique, ThreatActor
from .synth import SyntheticCorpus

INCIDENT_COLUMNS = (
    "id", "uuid", "victim_id", "victim_label", "sector", "date", "date_precision",
    "discovered", "disclosed", "country", "region", "city", "summary", "description",
    "image", "image_caption", "confidentiality", "integrity", "availability", "status",
    "confidence", "conflicts", "created", "updated", "published_at",
)  # fmt: skip
SOURCE_COLUMNS = (
    "id", "url", "url_hash", "title", "publisher", "language", "published", "text",
    "content_hash", "created", "updated",
)  # fmt: skip
PUBLISHERS = [
    ("Reuters", "en"), ("BBC News", "en"), ("The Record", "en"), ("BleepingComputer", "en"),
    ("SVT Nyheter", "sv"), ("Dagens Nyheter", "sv"), ("heise online", "de"),
    ("Der Spiegel", "de"), ("DR Nyheder", "da"), ("NRK", "no"), ("Le Monde", "fr"),
    ("NOS", "nl"), ("Yle", "fi"), ("El País", "es"), ("Corriere della Sera", "it"),
]  # fmt: skip


def _is_postgres() -> bool:
    return connection.vendor == "postgresql"


def _uuid_value(value: uuid.UUID) -> str:
    # Django stores UUIDs as 32 hex characters on SQLite and as native uuid on PostgreSQL.
    return str(value) if _is_postgres() else value.hex


def _timestamp(value: dt.datetime) -> str:
    if _is_postgres():
        return value.isoformat()
    return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")


def _insert(table: str, columns: Sequence[str], rows: list[tuple]) -> None:
    if not rows:
        return
    with connection.cursor() as cursor:
        if _is_postgres():
            raw = cursor.cursor  # the psycopg cursor: COPY is much faster than INSERT
            with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def _reset_sequences(models: Iterable) -> None:
    if not _is_postgres():
        return
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 1))"
            )


def generate(
    n: int,
    *,
    seed: int = 0,
    batch_size: int = 5000,
    progress: Callable[[int], None] | None = None,
) -> dict[str, int]:
    """Create n synthetic incidents (and their organisations, actors and sources)."""
    technique_ids = dict(
        Technique.objects.filter(revoked=False, deprecated=False).values_list("attack_id", "id")
    )
    if not technique_ids:
        raise ValueError("No ATT&CK techniques loaded: run `cidb load-attack` first.")
    corpus = SyntheticCorpus(seed=seed, technique_ids=sorted(technique_ids))
    if not _is_postgres():
        with connection.cursor() as cursor:
            # Random keys (UUIDs, URL hashes) land all over their indexes; a 1 GB page
            # cache keeps those inserts in memory for the length of this connection.
            cursor.execute("PRAGMA cache_size=-1048576")
    rng = random.Random(seed + 1)
    run_tag = f"{seed}-{rng.getrandbits(32):08x}"
    now = timezone.now()
    stamp = _timestamp(now)

    # Organisations: about one per eight incidents, so victims repeat as they do in life.
    n_orgs = max(20, n // 8)
    org_start = (Organization.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    org_rows = []
    for offset, org in enumerate(corpus.organizations(n_orgs)):
        org_rows.append(
            (org_start + offset, f"{org['name']}", json.dumps(org.get("aliases") or []),
             org["country"], org["sector"], "", stamp, stamp)
        )  # fmt: skip
    with transaction.atomic():
        for start in range(0, len(org_rows), batch_size):
            _insert(
                "incidents_organization",
                ("id", "name", "aliases", "country", "sector", "website", "created", "updated"),
                org_rows[start : start + batch_size],
            )
    org_info = {row[0]: (row[1], json.loads(row[2]), row[4]) for row in org_rows}

    actor_ids = []
    for actor in corpus.actors():
        obj, _ = ThreatActor.objects.get_or_create(
            name=actor["name"],
            defaults={
                "aliases": actor.get("aliases") or [],
                "actor_type": actor.get("type") or "unknown",
                "country": actor.get("country") or "",
                "attack_id": actor.get("attack_id") or "",
            },
        )
        actor_ids.append(obj.id)

    parents, kinds = link_index.catalogs()
    counted: Counter = Counter()  # summary counts, added once at the end
    incident_start = (Incident.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    source_start = (Source.objects.aggregate(m=Max("id"))["m"] or 0) + 1
    next_incident, next_source = incident_start, source_start
    done = 0
    counts = {"incidents": 0, "organizations": len(org_rows), "sources": 0, "links": 0}
    stream = corpus.incidents(n, n_organizations=n_orgs, n_actors=len(actor_ids))
    while done < n:
        batch = [item for _, item in zip(range(min(batch_size, n - done)), stream, strict=False)]
        if not batch:
            break
        incidents, sources, fts, link_rows = [], [], [], []
        links: dict[str, list[tuple]] = {
            "attack_types": [], "motives": [], "techniques": [], "actors": [], "sources": []
        }  # fmt: skip
        for item in batch:
            iid = next_incident
            next_incident += 1
            org_id = org_start + item["org"]
            name, aliases, sector = org_info[org_id]
            date: dt.date = item["date"]
            precision = item["precision"]
            if precision == "month":
                date = date.replace(day=1)
            elif precision == "year":
                date = date.replace(month=1, day=1)
            c, i, a = item["cia"]
            published = stamp if item["status"] == "published" else None
            incidents.append(
                (iid, _uuid_value(uuid.UUID(int=rng.getrandbits(128), version=4)), org_id, "",
                 sector, date.isoformat(), precision, None, None, item["country"], "", "",
                 item["summary"], item["description"], "", "", c, i, a, item["status"],
                 item["confidence"], "[]", stamp, stamp, published)
            )  # fmt: skip
            tags = search.tags_text(
                status=item["status"],
                country=item["country"],
                sector=sector,
                year=date.year,
                attack_types=item["attack_types"],
            )
            fts.append(
                (iid, " ".join([name, *aliases]), f"{item['summary']}\n{item['description']}", tags)
            )
            keys = {
                "attack_types": list(item["attack_types"]),
                "motives": list(item["motives"]),
                "techniques": [technique_ids[t] for t in item["techniques"] if t in technique_ids],
                "actors": [actor_ids[k] for k in item["actors"] if k < len(actor_ids)],
            }
            for name, values in keys.items():
                links[name] += [(iid, value) for value in values]
            joined = [" ".join(map(str, values)) for values in keys.values()]
            pairs = link_index.contribution(
                date=date.isoformat(),
                country=item["country"],
                sector=sector,
                cia=(c, i, a),
                links={name: [str(v) for v in values] for name, values in keys.items()},
                parents=parents,
                kinds=kinds,
            )
            link_rows.append((iid, *joined, item["status"], link_index.encode(pairs)))
            for k in range(item["n_sources"]):
                sid = next_source
                next_source += 1
                publisher, language = PUBLISHERS[(iid + k) % len(PUBLISHERS)]
                url = f"https://news.example/{run_tag}/{iid}/{k}"
                pub_date = min(date + dt.timedelta(days=1 + 3 * k), dt.date.today())
                sources.append(
                    (sid, url, Source.hash_url(url), f"{name}: {item['summary'][:80]}",
                     publisher, language, pub_date.isoformat(), "", "", stamp, stamp)
                )  # fmt: skip
                links["sources"].append((iid, sid))
        with transaction.atomic():
            _insert("incidents_incident", INCIDENT_COLUMNS, incidents)
            _insert("incidents_source", SOURCE_COLUMNS, sources)
            _insert("incidents_incident_attack_types", ("incident_id", "attacktype_id"),
                    links["attack_types"])  # fmt: skip
            _insert("incidents_incident_motives", ("incident_id", "motive_id"), links["motives"])
            _insert("incidents_incident_techniques", ("incident_id", "technique_id"),
                    links["techniques"])  # fmt: skip
            _insert("incidents_incident_actors", ("incident_id", "threatactor_id"),
                    links["actors"])  # fmt: skip
            _insert("incidents_incident_sources", ("incident_id", "source_id"), links["sources"])
            search_index.write(fts, replace=False)
            link_index.write(link_rows, replace=False, count=False)
            counted.update(link_index.contributions((row[5], row[6]) for row in link_rows))
        done += len(batch)
        counts["incidents"] += len(incidents)
        counts["sources"] += len(sources)
        counts["links"] += sum(len(v) for v in links.values())
        if progress:
            progress(len(batch))
    link_index.add_counts(counted)
    _reset_sequences([Organization, Incident, Source])
    with connection.cursor() as cursor:
        if not _is_postgres():
            cursor.execute("PRAGMA analysis_limit=2000")  # sampled: minutes faster at 1M rows
        cursor.execute("ANALYZE")  # fresh statistics so the planner picks the right indexes
    services.bump_generation()
    return counts
