"""A corpus of malformed import files, generated from a few valid seeds by systematic
mutation: truncation at several points, bad bytes, wrong types per field, values
outside each vocabulary, deep nesting, duplicate ids and files of another format.

Every file must be refused with clear messages (a line or JSON path each, no Python
internals), a non-zero exit (CommandError) and an unchanged database, although each
seed's ids are those of incidents already stored (a partial write would show)."""

from __future__ import annotations

import copy
import csv
import gzip
import io
import json
import subprocess
import sys
import zipfile
from collections.abc import Callable

import pytest
from django.core.management import CommandError, call_command

from cidb.exchange import importer
from cidb.incidents.models import ChangeLog, Incident, Organization, Source, ThreatActor
from tests.factories import TechniqueFactory

FIRST = "6a4c5c5e-3f0e-4a8e-9d7e-2f5b6f1c0a01"
SECOND = "6a4c5c5e-3f0e-4a8e-9d7e-2f5b6f1c0a02"
RECORD = {
    "id": FIRST,
    "status": "published",
    "confidence": "confirmed",
    "victim": "Exempelby kommun",
    "victim_aliases": ["Exempelby"],
    "victim_sector": "local_government",
    "victim_country": "SE",
    "sector": "local_government",
    "country": "SE",
    "region": "Skåne",
    "city": "Exempelby",
    "date": "2024-03",
    "discovered": "2024-03-05",
    "disclosed": "2024-03-07",
    "summary": "The municipality's systems were encrypted by ransomware.",
    "description": "Services were down for a week; backups were restored.",
    "attack_types": ["ransomware"],
    "cia": ["A"],
    "motives": ["Financial"],
    "techniques": ["T1486"],
    "actors": [{"name": "Nordgruppen", "type": "organized_crime", "country": "RU"}],
    "sources": [
        {
            "url": "https://news.example.org/exempelby",
            "title": "Exempelby hit by ransomware",
            "publisher": "Example News",
            "language": "sv",
            "published": "2024-03-08",
        }
    ],
}
SEED_RECORDS = [
    RECORD,
    dict(RECORD, id=SECOND, victim="Andra bolaget AB", sector="energy", victim_sector="energy"),
]
VERIS = {
    "incident_id": "0b5d0a5e-1111-4c3b-9a00-000000000001",
    "security_incident": "Confirmed",
    "summary": "A hospital lost patient records to an intrusion.",
    "timeline": {"incident": {"year": 2023, "month": 5, "day": 2}},
    "victim": {"victim_id": "Exempel sjukhus Malmö", "country": ["SE"], "industry": "622110"},
    "actor": {"external": {"variety": ["Organized crime"], "motive": ["Financial"]}},
    "action": {"hacking": {"variety": ["Use of stolen creds"], "vector": ["Web application"]}},
    "attribute": {"confidentiality": {"data_disclosure": "Yes"}},
    "reference": "https://news.example.org/hospital",
}

# Words that only a traceback or a Python exception message would contain.
INTERNALS = (
    "object has no attribute", "Traceback", "NoneType", "not subscriptable", "unhashable",
    "is not iterable", "KeyError", "TypeError", "AttributeError", "RecursionError",
    "ValueError", "invalid literal", "codec can't decode", "<class", "__",
)  # fmt: skip


def _seeds() -> dict[str, bytes]:
    """The valid files every mutation starts from (cidb JSON, JSON Lines, CSV, STIX,
    VERIS), exported by cidb itself where it can."""
    out = {}
    for fmt in ("csv", "stix"):
        buffer = io.StringIO()
        call_command("export", "--format", fmt, "--status", "all", stdout=buffer)
        out[fmt] = buffer.getvalue().encode()
    out["json"] = json.dumps(SEED_RECORDS, ensure_ascii=False, indent=1).encode()
    out["jsonl"] = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in SEED_RECORDS).encode()
    out["veris"] = json.dumps(VERIS, indent=1, ensure_ascii=False).encode()
    return out


NAMES = {"json": "f.json", "jsonl": "f.jsonl", "csv": "f.csv", "stix": "f.json", "veris": "f.json"}
Mutation = Callable[[dict[str, bytes]], tuple[str, bytes]]
CASES: dict[str, Mutation] = {}


def case(name: str, seed: str, make: Callable[[bytes], bytes], filename: str = "") -> None:
    assert name not in CASES, name
    CASES[name] = lambda seeds: (filename or NAMES[seed], make(seeds[seed]))


# --- truncation --------------------------------------------------------------------------
for seed in ("json", "stix", "veris"):
    for percent in (1, 10, 25, 40, 50, 60, 75, 90, 99):
        case(f"truncated-{seed}-{percent}", seed,
             lambda b, p=percent: b.rstrip()[: max(1, len(b.rstrip()) * p // 100)])  # fmt: skip
for percent in (30, 60, 80, 97):
    # cut inside the last line (JSON Lines: each line a record)
    case(f"truncated-jsonl-{percent}", "jsonl",
         lambda b, p=percent: b[: b.rstrip().rfind(b"\n") + 1 + (len(b.rstrip()) - b.rstrip().rfind(b"\n")) * p // 100])  # fmt: skip


def _csv_cut(data: bytes, column: int) -> bytes:
    """The CSV cut in the middle of the last row's cell ``column`` (not its last one:
    a cut inside an unquoted last cell leaves a row that looks complete)."""
    text = data.decode()
    start = text.rstrip("\r\n").rfind("\n") + 1
    row = next(csv.reader(io.StringIO(text[start:])))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(row[:column] + [row[column][: max(1, len(row[column]) // 2)]])  # fmt: skip
    return (text[:start] + buffer.getvalue().rstrip("\r\n")).encode()


for column in (0, 3, 8, 13, 16, 20, 26, 31):
    case(f"truncated-csv-cell-{column}", "csv", lambda b, c=column: _csv_cut(b, c))
case("truncated-csv-open-quote", "csv",
     lambda b: b.rstrip() + b'\r\n"x,2024-01,"unfinished')  # fmt: skip

# --- bad bytes -----------------------------------------------------------------------------
BAD_BYTES = {"ff": b"\xff", "lone-lead": b"\xc3", "continuation": b"\x80",
             "surrogate": b"\xed\xa0\x80", "overlong": b"\xc0\xaf", "nul": b"\x00"}  # fmt: skip
for seed in ("json", "jsonl", "csv", "stix", "veris"):
    for label, bad in BAD_BYTES.items():
        case(f"bytes-{seed}-{label}", seed,
             lambda b, bad=bad: b[: len(b) * 2 // 3] + bad + b[len(b) * 2 // 3 :])  # fmt: skip

# --- wrong types per field (cidb JSON) --------------------------------------------------------
WRONG = {"list": ["x"], "object": {"a": 1}, "number": 7, "bool": True}
FIELDS = [
    "id", "status", "confidence", "victim", "victim_label", "victim_aliases", "victim_sector",
    "victim_country", "sector", "country", "region", "city", "date", "discovered",
    "disclosed", "summary", "description", "attack_types", "cia", "motives", "techniques",
    "actors", "sources", "conflicts",
]  # fmt: skip
LISTS = {"victim_aliases", "attack_types", "motives", "techniques", "actors", "sources",
         "conflicts", "cia"}  # fmt: skip


def _json_with(change: Callable[[list[dict]], None]) -> bytes:
    records = copy.deepcopy(SEED_RECORDS)
    change(records)
    return json.dumps(records).encode()


def _set(path: str, value) -> Callable[[list[dict]], None]:
    def change(records: list[dict]) -> None:
        target = records[1]
        keys = path.split(".")
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        last = keys[-1]
        target[int(last) if last.isdigit() else last] = value

    return change


for field in FIELDS:
    for label, value in WRONG.items():
        if field in LISTS and label == "list":
            continue
        if field == "cia" and label == "object":
            continue  # an object is cia's other form; {"a": 1} is tested as a bad field below
        case(f"type-{field}-{label}", "json", lambda b, f=field, v=value: _json_with(_set(f, v)))
for path in ("actors.0", "actors.0.name", "actors.0.type", "actors.0.aliases", "sources.0",
             "sources.0.url", "sources.0.title", "sources.0.published", "victim_aliases.0",
             "attack_types.0", "motives.0", "techniques.0"):  # fmt: skip
    for label, value in (("number", 5), ("list", [1])):
        case(f"type-{path}-{label}", "json", lambda b, p=path, v=value: _json_with(_set(p, v)))
case("type-top-level-string", "json", lambda b: b'"incidents"')
case("type-top-level-number", "json", lambda b: b"42")
case("type-top-level-null", "json", lambda b: b"null")
case("type-array-of-numbers", "json", lambda b: b"[1, 2, 3]")
case("type-array-of-arrays", "json", lambda b: b"[[1], [2]]")
case("type-jsonl-line-array", "jsonl", lambda b: b + b"[1, 2]\n")
case("type-nan", "json", lambda b: _json_with(_set("summary", "x")).replace(b'"x"', b"NaN"))

# --- values outside a vocabulary (cidb JSON, CSV, STIX, VERIS) ---------------------------------
BAD_VALUES = {
    "country": ["XX", "se", "Sweden", "S"], "victim_country": ["ZZ"],
    "sector": ["hospital", "Healthcare"], "victim_sector": ["banks"],
    "status": ["live"], "confidence": ["certain"],
    "date": ["2024-13", "2024-02-30", "24-01-01", "2024-01-01T00:00:00Z", "1800", "soon"],
    "discovered": ["2024-03", "2024-99-01"], "disclosed": ["yesterday"],
    "attack_types": [["meteor"], ["Ransomware"]], "motives": [["Greed"]],
    "techniques": [["T99999"], ["X1486"], ["T9999"]],
    "cia": [["Q"], {"confidentiality": "maybe"}, {"availability": "yes"}, {"a": "affected"}],
    "summary": ["", "   ", "x" * 25_000, "nul\x00byte"],
    "victim": ["v" * 301], "city": ["c" * 121], "region": ["r" * 121],
    "id": ["not-a-uuid", "1234"],
    "actors": [[{"name": "A", "type": "alien"}], [{"name": ""}], [{"name": "A", "country": "XX"}],
               [{"name": "A", "attack_id": "APT28"}]],
    "sources": [[{"url": "javascript:alert(1)"}], [{"url": "data:text/html,x"}], [{"url": ""}],
                [{"url": "https://x.org/a", "published": "2024-13-01"}],
                [{"url": "https://x.org/a", "language": "swedish"}], ["ftp://x.org/file"]],
}  # fmt: skip
for field, values in BAD_VALUES.items():
    for i, value in enumerate(values):
        case(f"vocab-json-{field}-{i}", "json", lambda b, f=field, v=value: _json_with(_set(f, v)))


def _csv_with(column: str, value: str) -> Callable[[bytes], bytes]:
    def make(data: bytes) -> bytes:
        rows = list(csv.reader(io.StringIO(data.decode())))
        rows[-1][rows[0].index(column)] = value
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(rows)
        return buffer.getvalue().encode()

    return make


for column, value in [
    ("country", "XX"), ("country", "Sweden"), ("sector", "hospital"), ("date", "2024-13"),
    ("date", "2024-02-30"), ("discovered", "2024"), ("status", "live"), ("confidence", "sure"),
    ("attack_types", "ransomware; meteor"), ("motives", "Greed"), ("techniques", "T99999"),
    ("confidentiality", "maybe"), ("integrity", "yes"), ("actor_types", "alien"),
    ("actor_countries", "XX"), ("sources", "javascript:alert(1)"), ("summary", ""),
    ("victim", "v" * 400), ("id", "not-a-uuid"), ("cia", "Q"),
]:  # fmt: skip
    case(f"vocab-csv-{column}-{value[:12]}", "csv", _csv_with(column, value))


def _stix_with(change: Callable[[dict], None]) -> Callable[[bytes], bytes]:
    def make(data: bytes) -> bytes:
        bundle = json.loads(data)
        change(bundle)
        return json.dumps(bundle).encode()

    return make


def _stix_incident(key: str, value) -> Callable[[dict], None]:
    def change(bundle: dict) -> None:
        incident = next(o for o in bundle["objects"] if o["type"] == "incident")
        incident[key] = value

    return change


for key, value in [
    ("x_cidb_country", "XX"), ("x_cidb_country", 5), ("x_cidb_sector", "hospital"),
    ("x_cidb_status", "live"), ("x_cidb_date", "2024-13"), ("x_cidb_attack_types", ["meteor"]),
    ("x_cidb_attack_types", "ransomware"), ("x_cidb_motives", ["Greed"]), ("x_cidb_cia", ["Q"]),
    ("x_cidb_confidence", "sure"), ("x_cidb_summary", ["x"]), ("created", "2024-13-45T99:99:99Z"),
    ("modified", "yesterday"), ("first_seen", "2024-02-30T00:00:00Z"), ("labels", "ransomware"),
    ("external_references", [{"url": "javascript:alert(1)", "source_name": "x"}]),
    ("external_references", ["https://x.org"]), ("confidence", 500), ("name", ["n"]),
    ("x_cidb_discovered", "2024"), ("spec_version", "2.0"),
]:  # fmt: skip
    case(f"vocab-stix-{key}-{str(value)[:12]}", "stix", _stix_with(_stix_incident(key, value)))


def _stix_location_country(bundle: dict) -> None:
    for obj in bundle["objects"]:
        if obj["type"] == "location":
            obj["country"] = "Atlantis"


case("vocab-stix-location-country", "stix", _stix_with(_stix_location_country))
case("vocab-stix-not-a-bundle", "stix", _stix_with(lambda b: b.update(type="report")))
case("vocab-stix-objects-not-list", "stix", _stix_with(lambda b: b.update(objects={"a": 1})))
case("vocab-stix-object-not-object", "stix", _stix_with(lambda b: b["objects"].append("x")))


def _veris_with(change: Callable[[dict], None]) -> Callable[[bytes], bytes]:
    def make(data: bytes) -> bytes:
        record = json.loads(data)
        change(record)
        return json.dumps(record).encode()

    return make


for label, change in {
    "year-text": lambda r: r["timeline"]["incident"].update(year="2023"),
    "year-bool": lambda r: r["timeline"]["incident"].update(year=True),
    "month-13": lambda r: r["timeline"]["incident"].update(month=13),
    "day-list": lambda r: r["timeline"]["incident"].update(day=[1]),
    "timeline-list": lambda r: r.update(timeline=[]),
    "victim-list": lambda r: r.update(victim=["x"]),
    "victim-country-number": lambda r: r["victim"].update(country=5),
    "victim-country-xx": lambda r: r["victim"].update(country=["XX"]),
    "actor-list": lambda r: r.update(actor=["x"]),
    "actor-motive-number": lambda r: r["actor"]["external"].update(motive=5),
    "actor-name-object": lambda r: r["actor"]["external"].update(name={"a": 1}),
    "action-string": lambda r: r.update(action="hacking"),
    "action-hacking-list": lambda r: r["action"].update(hacking=["x"]),
    "summary-list": lambda r: r.update(summary=["x"]),
    "notes-number": lambda r: r.update(notes=5),
    "reference-list": lambda r: r.update(reference=["https://x.org"]),
    "security-incident-list": lambda r: r.update(security_incident=["Confirmed"]),
    "attribute-list": lambda r: r.update(attribute=["x"]),
    "reference-javascript": lambda r: r.update(reference="https://x.org/a javascript:alert(1)")
    and None,
}.items():  # fmt: skip
    if label == "reference-javascript":
        continue  # only http(s) addresses are taken from a reference at all
    case(f"vocab-veris-{label}", "veris", _veris_with(change))

# --- deep nesting ----------------------------------------------------------------------------
for depth in (70, 1_000, 100_000):
    nested = b"[" * depth + b"]" * depth
    case(f"deep-json-{depth}", "json", lambda b, n=nested: b"[" + n + b"]")
    case(f"deep-field-{depth}", "json",
         lambda b, n=nested: _json_with(_set("conflicts", [])).replace(b'"conflicts": []', b'"conflicts": ' + n))  # fmt: skip
    case(f"deep-jsonl-{depth}", "jsonl", lambda b, n=nested: b + n + b"\n")
    case(f"deep-stix-{depth}", "stix",
         lambda b, n=nested: b.replace(b'"objects": [', b'"x_deep": ' + n + b', "objects": [', 1))  # fmt: skip
    case(f"deep-veris-{depth}", "veris",
         lambda b, n=nested: b.replace(b'"summary"', b'"x_deep": ' + n + b', "summary"', 1))  # fmt: skip

# --- duplicates -------------------------------------------------------------------------------
case("dup-json", "json", lambda b: _json_with(lambda r: r[1].update(id=FIRST)))
case("dup-json-case", "json", lambda b: _json_with(lambda r: r[1].update(id=FIRST.upper())))
case("dup-jsonl", "jsonl", lambda b: b + b.split(b"\n")[0] + b"\n")
case("dup-csv", "csv", lambda b: b + b.split(b"\r\n")[1] + b"\r\n")
case("dup-stix", "stix",
     lambda b: _stix_with(lambda s: s["objects"].append(copy.deepcopy(next(o for o in s["objects"] if o["type"] == "incident"))))(b))  # fmt: skip
case("dup-veris", "veris", lambda b: b"[" + b + b"," + b + b"]")

# --- another format ---------------------------------------------------------------------------
for seed in ("json", "jsonl", "csv", "stix", "veris"):
    case(f"format-gzip-{seed}", seed, gzip.compress)
    case(f"format-utf16-{seed}", seed, lambda b: b.decode().encode("utf-16"))
    case(f"format-utf16le-nobom-{seed}", seed, lambda b: b.decode().encode("utf-16-le"))
    case(f"format-utf16be-nobom-{seed}", seed, lambda b: b.decode().encode("utf-16-be"))
    case(f"format-utf32-{seed}", seed, lambda b: b.decode().encode("utf-32"))
    case(f"format-latin1-{seed}", seed, lambda b: b.decode().encode("latin-1"))


def _zip(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("incidents.json", data)
    return buffer.getvalue()


case("format-zip", "json", _zip)
case("format-png", "json", lambda b: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "f.png")
case("format-pdf", "json", lambda b: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
case("format-binary", "json", lambda b: bytes((i * 37) % 256 for i in range(5000)))
case("format-html", "json",
     lambda b: b"<!DOCTYPE html><html><head><title>Log in</title></head><body>x</body></html>")  # fmt: skip
case("format-html-csv-name", "csv", lambda b: b"<html><body>Not found</body></html>")
case("format-xml", "json", lambda b: b'<?xml version="1.0"?><incidents/>')
case("format-empty", "json", lambda b: b"")
case("format-whitespace", "json", lambda b: b"  \n\t\n")
case("format-csv-empty", "csv", lambda b: b"")
case("format-csv-header-only-wrong", "csv", lambda b: b"name,when\nx,2024\n")
case("format-csv-header-dup", "csv", lambda b: b"date,summary,date\n2024,x,2024\n")
case("format-csv-extra-cells", "csv", lambda b: b.replace(b"\r\n", b",extra\r\n", 2)[: -0 or None])
case("format-empty-array", "json", lambda b: b"[]")
case("format-empty-object", "json", lambda b: b"{}")
case("format-tsv", "csv", lambda b: b.replace(b",", b"\t"))
case("format-control-chars", "json", lambda b: b"\x01\x02\x03" + b)


@pytest.fixture
def stored(db):
    """The seeds' incidents, already in the database: a partial write would change them."""
    TechniqueFactory(attack_id="T1486", name="Data Encrypted for Impact")
    report = importer.run(json.dumps(SEED_RECORDS).encode(), "json")
    assert report.ok, report.problems
    return report


SEEDS: dict[str, bytes] = {}


def seeds() -> dict[str, bytes]:
    if not SEEDS:
        SEEDS.update(_seeds())
    return SEEDS


def state() -> list:
    """Everything an import could change, in a comparable form."""
    return [
        list(Incident.objects.order_by("pk").values()),
        list(Organization.objects.order_by("pk").values()),
        list(Source.objects.order_by("pk").values()),
        list(ThreatActor.objects.order_by("pk").values()),
        ChangeLog.objects.count(),
        sorted(Incident.objects.values_list("pk", "sources", "actors", "techniques", "motives")),
    ]


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 200


@pytest.mark.parametrize("seed", ["json", "jsonl", "csv", "stix", "veris"])
def test_seeds_are_valid(stored, tmp_path, seed):
    path = tmp_path / NAMES[seed]
    path.write_bytes(seeds()[seed])
    out = io.StringIO()
    call_command("import_", str(path), "--dry-run", stdout=out)
    assert "nothing was written" in out.getvalue()


def _refusal_problems(name: str, directory) -> list[str]:
    """What is wrong with how the import refused case ``name`` (nothing if all is well)."""
    filename, data = CASES[name](seeds())
    path = directory / filename
    path.write_bytes(data)
    before = state()
    err = io.StringIO()
    try:
        call_command("import_", str(path), stderr=err, stdout=io.StringIO())
    except CommandError as exc:
        if "nothing was written" not in str(exc):
            return [f"{name}: unexpected error {exc}"]
    else:
        return [f"{name}: accepted"]
    lines = err.getvalue().strip().splitlines()
    wrong = [] if lines else [f"{name}: no problem reported"]
    for line in lines:
        where = line[len(filename) + 2 :] if line.startswith(f"{filename}: ") else ""
        if not where.startswith(("$", "line ")):  # a JSON path or a line number
            wrong.append(f"{name}: no line or path in {line!r}")
        if any(word in line for word in INTERNALS) or len(line) > 400:
            wrong.append(f"{name}: unclear message {line[:300]!r}")
    if state() != before:
        wrong.append(f"{name}: the database changed")
    return wrong


GROUPS = sorted({name.split("-")[0] for name in CASES})


@pytest.mark.parametrize("group", GROUPS)
def test_malformed_files_are_refused(stored, tmp_path, group):
    """Each case of a group in turn (one database set-up per group keeps the corpus
    fast; a refused file changes nothing, so every case starts from the same state)."""
    names = sorted(name for name in CASES if name.split("-")[0] == group)
    wrong = [problem for name in names for problem in _refusal_problems(name, tmp_path)]
    assert wrong == []


@pytest.mark.parametrize(
    "name",
    ["format-gzip-json", "bytes-csv-ff", "deep-json-100000", "truncated-csv-cell-8",
     "dup-json", "vocab-stix-x_cidb_country-XX", "vocab-json-sources-0", "type-actors-number"],
)  # fmt: skip
def test_the_form_refuses_them_too(stored, client_for, name):
    filename, data = CASES[name](seeds())
    upload = io.BytesIO(data)
    upload.name = filename
    before = state()
    response = client_for("editor").post(
        "/exchange/import/", {"file": upload, "format": "auto", "status": "draft"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "nothing was written" in page and '<ul class="problems">' in page
    assert not any(word in page for word in ("Traceback", "object has no attribute"))
    assert state() == before


@pytest.mark.parametrize("size", [2_000, 40_000])
def test_the_form_refuses_an_oversized_upload_unread(stored, client_for, settings, size):
    # 2,000 bytes: the declared length looks acceptable, the upload handler stops
    # reading at the limit; 40,000: refused from the declared length alone.
    settings.IMPORT_MAX_BYTES = 1000
    upload = io.BytesIO(b"[" + b" " * size + b"]")
    upload.name = "big.json"
    before = state()
    response = client_for("editor").post("/exchange/import/", {"file": upload, "format": "auto"})
    assert response.status_code == 413
    assert "more than the limit of 1,000" in response.content.decode()
    assert state() == before


def test_the_cli_refuses_an_oversized_file(stored, tmp_path, settings):
    settings.IMPORT_MAX_BYTES = 1000
    path = tmp_path / "big.json"
    path.write_bytes(json.dumps(SEED_RECORDS * 10).encode())
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_", str(path), stderr=err)
    assert "CIDB_IMPORT_MAX_BYTES" in err.getvalue()


@pytest.mark.parametrize("name", ["format-gzip-csv"])
def test_the_command_exits_non_zero(tmp_path, name, db):
    # The file is refused before the database is used: a fresh data dir is enough.
    filename, data = CASES[name]({k: v for k, v in _static_seeds().items()})
    path = tmp_path / filename
    path.write_bytes(data)
    env = {"CIDB_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "cidb.cli", "import", str(path)],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{filename}: " in result.stderr and "nothing was written" in result.stderr


def _static_seeds() -> dict[str, bytes]:
    return {"csv": b"date,summary\r\n2024-01,x\r\n", "json": json.dumps(SEED_RECORDS).encode()}
