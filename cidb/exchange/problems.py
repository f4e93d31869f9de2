"""Import bookkeeping shared by every format: where a record came from, what is wrong."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file: `where` is a JSON path or "line N"."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


@dataclass
class Record:
    """One incident converted to cidb JSON, with where it came from in the file."""

    where: str
    data: Any


@dataclass
class ImportReport:
    format: str
    records: int = 0
    created: int = 0
    updated: int = 0
    problems: list[Problem] = field(default_factory=list)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if self.problems and (self.created or self.updated):
            return (
                f"{len(self.problems)} problem(s); {self.created + self.updated} of "
                f"{self.records} record(s) were written before the import stopped."
            )
        if self.problems:
            return (
                f"{len(self.problems)} problem(s) in {self.records} record(s); nothing was written."
            )
        verb = "would create" if self.dry_run else "created"
        verb2 = "would update" if self.dry_run else "updated"
        return (
            f"{self.records} record(s) ({self.format}): {verb} {self.created}, "
            f"{verb2} {self.updated}"
            + (" (dry run: nothing was written)." if self.dry_run else ".")
        )
