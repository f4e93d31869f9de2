"""The generated benchmark databases, shared by the benchmarks in bench/.

One database per (backend, size): SQLite files `/tmp/cidb-bench/sqlite-<N>.sqlite3`
and PostgreSQL databases `cidb_bench_<N>` at 127.0.0.1, generated once with
`cidb generate --seed 7` and kept for later runs (every benchmark reads the same one).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = Path("/tmp/cidb-bench")
PG = "postgres://postgres@127.0.0.1:5432"
SEED = 7


def database_url(backend: str, size: int) -> str:
    if backend == "sqlite":
        return f"sqlite:///{WORK}/sqlite-{size}.sqlite3"
    return f"{PG}/cidb_bench_{size}"


def sqlite_path(size: int) -> Path:
    return WORK / f"sqlite-{size}.sqlite3"


def environment(backend: str, size: int) -> dict[str, str]:
    """Environment for a cidb process working on the (backend, size) database."""
    env = dict(os.environ)
    env["DATABASE_URL"] = database_url(backend, size)
    env["CIDB_DATA_DIR"] = str(WORK / f"{backend}-{size}")
    env["CIDB_CACHE_URL"] = "locmem"
    env.setdefault("DJANGO_SETTINGS_MODULE", "cidb.config.settings")
    return env


def cidb(backend: str, size: int, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "cidb", *args]
    env = environment(backend, size)
    return subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True)


COUNT = (
    "import django; django.setup(); from cidb.incidents.models import Incident; "
    "print(Incident.objects.count())"
)


def incident_count(backend: str, size: int) -> int | None:
    """Incidents in the database, or None when it does not exist yet."""
    if backend == "sqlite" and not sqlite_path(size).exists():
        return None
    if backend == "postgres":
        name = f"cidb_bench_{size}"
        listed = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc",
             f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],
            capture_output=True, text=True,
        )  # fmt: skip
        if listed.stdout.strip() != "1":
            return None
    env = environment(backend, size)
    out = subprocess.run(
        [sys.executable, "-c", COUNT], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if out.returncode:
        return 0  # exists but has no tables yet
    return int(out.stdout.strip().splitlines()[-1])


def drop(backend: str, size: int) -> None:
    if backend == "postgres":
        subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres",
                        f"cidb_bench_{size}"])  # fmt: skip
        return
    for suffix in ("", "-wal", "-shm"):
        Path(f"{sqlite_path(size)}{suffix}").unlink(missing_ok=True)


def prepare(backend: str, size: int, *, fresh: bool = False) -> float | None:
    """Make sure the (backend, size) database holds `size` generated incidents.

    Generates it (seconds returned) only when it does not exist or --fresh; a
    database with another count is an error, never overwritten. An existing one
    only gets `cidb migrate`.
    """
    WORK.mkdir(parents=True, exist_ok=True)
    if fresh:
        drop(backend, size)
    count = incident_count(backend, size)
    if count == size:
        result = cidb(backend, size, "migrate", "-v0")
        if result.returncode:
            raise SystemExit(result.stderr[-3000:])
        return None
    if count:
        raise SystemExit(
            f"{database_url(backend, size)} has {count:,} incidents, not {size:,} "
            "(still being generated?); --fresh regenerates it."
        )
    if backend == "postgres":
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", f"cidb_bench_{size}"],
                       capture_output=True)  # fmt: skip
    start = time.perf_counter()
    for args in (("migrate", "-v0"), ("load-attack",),
                 ("generate", "--incidents", str(size), "--seed", str(SEED), "-v0")):  # fmt: skip
        result = cidb(backend, size, *args)
        if result.returncode:
            raise SystemExit(result.stderr[-3000:])
    return time.perf_counter() - start
