"""Regenerate cidb/ingest/nlp/data/first_names.txt from Faker's person providers (dev only)."""

from pathlib import Path

from faker import Faker

LOCALES = [
    "sv_SE",
    "de_DE",
    "da_DK",
    "no_NO",
    "fi_FI",
    "fr_FR",
    "nl_NL",
    "en_GB",
    "en_US",
    "en_IE",
    "de_CH",
    "fr_CH",
    "nl_BE",
    "fr_BE",
    "de_AT",
    "it_IT",
    "es_ES",
    "pl_PL",
]
OUT = Path(__file__).resolve().parents[2] / "cidb" / "ingest" / "nlp" / "data" / "first_names.txt"


def main() -> None:
    names: set[str] = set()
    for loc in LOCALES:
        prov = Faker(loc).provider("faker.providers.person")
        for attr in ("first_names", "first_names_male", "first_names_female"):
            v = getattr(prov, attr, None)
            if v:
                names.update(v.keys() if isinstance(v, dict) else v)
    names = {n for n in names if n.isalpha() and len(n) >= 3}
    header = (
        "# Given names (from the Faker person providers of the pipeline's locales; MIT licence).\n"
        "# Used only to tell people from organisations. Regenerate: scripts/ingest/build_first_names.py\n"
    )
    OUT.write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
    print(f"{len(names)} names -> {OUT}")


if __name__ == "__main__":
    main()
