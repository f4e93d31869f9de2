#!/usr/bin/env python3
"""Speed and memory of the ATT&CK tagger: one command, one table.

  python bench/tagging_speed.py [--docs 120] [--reports 8]

Measures documents per second (wall clock, and CPU time per document from
time.process_time(), which a loaded machine distorts less) for news-length texts
(~2,000 characters: English chunks of TRAM2 train reports when ../shared is present,
plus news-like texts in English and ten other languages written here) and for long
threat reports (whole TRAM2 train reports), the cost of language routing, and the peak
resident memory of a process that loads the model and tags them. The baseline (TF-IDF +
LR, trained into /tmp/tagging-cache if missing; the English model on every text) and the
shipped model run side by side, the latter with each of its non-English paths (glossary:
the default; e5: the previous path; glossary+e5: thorough), each in its own subprocess
so peak memory is its own. "vs baseline" = docs/s ratio; "CPU vs baseline" = baseline CPU
per document / this row's (above 1 = cheaper than the baseline).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BASELINE_DIR = Path("/tmp/tagging-cache/baseline-model")

# Short news-like paragraphs in several languages (written for this benchmark).
NEWS = {
    "en": [
        "The city council confirmed on Tuesday that its IT systems were hit by a ransomware attack.",
        "The attackers encrypted files on several servers and demanded a ransom in bitcoin.",
        "According to the incident report, the intruders first gained access through a phishing email with a malicious attachment.",
        "They then used stolen credentials to log in over remote desktop and moved laterally to the file servers.",
        "Police are investigating and the council says citizen data may have been copied before the encryption.",
    ],
    "sv": [
        "Kommunen bekräftade på tisdagen att dess IT-system drabbats av en ransomware-attack.",
        "Angriparna krypterade filer på flera servrar och krävde en lösensumma i bitcoin.",
        "Enligt incidentrapporten fick inkräktarna först åtkomst via ett nätfiskemejl med en skadlig bilaga.",
        "Därefter använde de stulna inloggningsuppgifter för att logga in via fjärrskrivbord.",
        "Polisen utreder händelsen och kommunen uppger att personuppgifter kan ha kopierats.",
    ],
    "de": [
        "Die Stadtverwaltung bestätigte am Dienstag einen Ransomware-Angriff auf ihre IT-Systeme.",
        "Die Angreifer verschlüsselten Dateien auf mehreren Servern und forderten ein Lösegeld in Bitcoin.",
        "Laut Bericht verschafften sich die Täter zunächst über eine Phishing-E-Mail mit einem schädlichen Anhang Zugang.",
        "Anschließend meldeten sie sich mit gestohlenen Zugangsdaten per Remote Desktop an.",
        "Die Polizei ermittelt; möglicherweise wurden personenbezogene Daten vor der Verschlüsselung kopiert.",
    ],
    "da": [
        "Kommunen bekræftede tirsdag, at dens IT-systemer er ramt af et ransomwareangreb.",
        "Angriberne krypterede filer på flere servere og krævede en løsesum i bitcoin.",
        "Ifølge rapporten fik de adgang via en phishingmail med en ondsindet vedhæftet fil.",
        "Derefter brugte de stjålne loginoplysninger til at logge på via fjernskrivebord.",
        "Politiet efterforsker sagen, og persondata kan være kopieret før krypteringen.",
    ],
    "no": [
        "Kommunen bekreftet tirsdag at IT-systemene er rammet av et løsepengevirusangrep.",
        "Angriperne krypterte filer på flere servere og krevde løsepenger i bitcoin.",
        "Ifølge rapporten fikk de tilgang via en phishing-e-post med et ondsinnet vedlegg.",
        "Deretter brukte de stjålne påloggingsopplysninger for å logge inn via fjernskrivebord.",
        "Politiet etterforsker saken, og personopplysninger kan ha blitt kopiert.",
    ],
    "fi": [
        "Kaupunki vahvisti tiistaina, että sen tietojärjestelmiin kohdistui kiristyshaittaohjelmahyökkäys.",
        "Hyökkääjät salasivat useiden palvelimien tiedostot ja vaativat lunnaita bitcoineina.",
        "Raportin mukaan he pääsivät sisään kalastelusähköpostin haitallisen liitteen kautta.",
        "Sen jälkeen he kirjautuivat etätyöpöydän kautta varastetuilla tunnuksilla.",
        "Poliisi tutkii tapausta, ja henkilötietoja on voitu kopioida ennen salausta.",
    ],
    "fr": [
        "La mairie a confirmé mardi que ses systèmes informatiques ont été touchés par un rançongiciel.",
        "Les attaquants ont chiffré les fichiers de plusieurs serveurs et exigé une rançon en bitcoin.",
        "Selon le rapport, ils ont d'abord obtenu un accès grâce à un courriel d'hameçonnage avec une pièce jointe malveillante.",
        "Ils ont ensuite utilisé des identifiants volés pour se connecter par bureau à distance.",
        "La police enquête et des données personnelles ont pu être copiées avant le chiffrement.",
    ],
    "es": [
        "El ayuntamiento confirmó el martes que sus sistemas informáticos sufrieron un ataque de ransomware.",
        "Los atacantes cifraron archivos en varios servidores y exigieron un rescate en bitcoin.",
        "Según el informe, obtuvieron acceso mediante un correo de phishing con un adjunto malicioso.",
        "Después usaron credenciales robadas para iniciar sesión por escritorio remoto.",
        "La policía investiga y es posible que se copiaran datos personales antes del cifrado.",
    ],
    "it": [
        "Il comune ha confermato martedì che i suoi sistemi informatici sono stati colpiti da un attacco ransomware.",
        "Gli aggressori hanno cifrato i file su diversi server e hanno chiesto un riscatto in bitcoin.",
        "Secondo il rapporto, hanno ottenuto l'accesso tramite una email di phishing con un allegato malevolo.",
        "Poi hanno usato credenziali rubate per accedere tramite desktop remoto.",
        "La polizia indaga e i dati personali potrebbero essere stati copiati prima della cifratura.",
    ],
    "nl": [
        "De gemeente bevestigde dinsdag dat haar IT-systemen zijn getroffen door een ransomware-aanval.",
        "De aanvallers versleutelden bestanden op meerdere servers en eisten losgeld in bitcoin.",
        "Volgens het rapport kregen zij toegang via een phishingmail met een kwaadaardige bijlage.",
        "Daarna gebruikten zij gestolen inloggegevens om via extern bureaublad in te loggen.",
        "De politie onderzoekt de zaak en persoonsgegevens zijn mogelijk gekopieerd.",
    ],
    "pl": [
        "Urząd miasta potwierdził we wtorek, że jego systemy informatyczne zostały zaatakowane przez ransomware.",
        "Napastnicy zaszyfrowali pliki na kilku serwerach i zażądali okupu w bitcoinach.",
        "Według raportu uzyskali dostęp przez wiadomość phishingową ze złośliwym załącznikiem.",
        "Następnie użyli skradzionych danych logowania, aby zalogować się przez zdalny pulpit.",
        "Policja prowadzi śledztwo, a dane osobowe mogły zostać skopiowane przed szyfrowaniem.",
    ],
}
XX = ["sv", "de", "da", "no", "fi", "fr", "es", "it", "nl", "pl"]


def news_texts(lang: str, n: int, chars: int = 2000) -> list[str]:
    """n distinct ~2,000-character news-like texts in one language."""
    paras = NEWS[lang]
    out = []
    for i in range(n):
        parts, k = [], i
        while sum(len(p) + 1 for p in parts) < chars:
            parts.append(paras[k % len(paras)] + f" ({i}-{k})")
            k += 1
        out.append("\n".join(parts)[:chars])
    return out


def tram_texts(n_chunks: int, n_reports: int) -> tuple[list[str], list[str]]:
    from cidb.tagging.data import find_data_dir, load_tram2

    data = find_data_dir()
    if data is None:
        return [], []
    reports = load_tram2(data / "tram2" / "train_split.json")
    chunks = []
    for r in reports:
        text = "\n".join(r.sentences)
        for s in range(0, len(text) - 2000, 6000):
            chunks.append(text[s : s + 2000])
    step = max(1, len(chunks) // n_chunks)
    longs = ["\n".join(r.sentences) for r in reports[:: max(1, len(reports) // n_reports)]][
        :n_reports
    ]
    return chunks[::step][:n_chunks], longs


def worker(model: str, kind: str, mode: str, n: int, n_reports: int) -> dict:
    """Runs in a subprocess: load the model, tag the texts, report time and peak RSS."""
    from cidb.tagging import Tagger

    if kind == "news-en":
        texts = tram_texts(n, n_reports)[0] or news_texts("en", n)
    elif kind == "news-en-synthetic":
        texts = news_texts("en", n)
    elif kind == "news-xx":
        # e5 on every sentence is ~50x slower than the glossary path: fewer texts.
        per = max(2, n // len(XX) // (6 if "e5" in mode else 1))
        texts = [t for lang in XX for t in news_texts(lang, per)]
    else:
        texts = tram_texts(n, n_reports)[1]
    t0 = time.perf_counter()
    tagger = Tagger.load(None if model == "chosen" else model, crosslingual=mode)
    tagger.tag(texts[0])  # warm-up: first call loads the embedder, if any
    load_s = time.perf_counter() - t0
    c0, t0 = time.process_time(), time.perf_counter()
    tagger.tag_many(texts)
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    c0 = time.process_time()
    langs = [tagger.language(t) for t in texts]
    lang_cpu = time.process_time() - c0
    return {
        "docs": len(texts),
        "chars": sum(map(len, texts)) / max(1, len(texts)),
        "docs_per_s": len(texts) / dt if dt else 0.0,
        "cpu_ms": 1000 * cpu / len(texts),
        "lang_ms": 1000 * lang_cpu / len(texts),
        "routed": sum(x is not None for x in langs),
        "load_s": load_s,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "method": tagger.method,
    }


def ensure_baseline() -> str | None:
    if (BASELINE_DIR / "tagger.json").is_file():
        return str(BASELINE_DIR)
    from cidb.tagging.train import TrainConfig
    from cidb.tagging.training_run import MissingDataError, run_training

    try:
        run_training(
            None,
            BASELINE_DIR,
            TrainConfig(method="baseline", extra_classes=False),
            log=lambda s: None,
        )
    except MissingDataError:
        return None
    return str(BASELINE_DIR)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--docs", type=int, default=120, help="news-length texts per run")
    ap.add_argument("--reports", type=int, default=8, help="long reports per run")
    ap.add_argument("--worker", nargs=3, metavar=("MODEL", "KIND", "MODE"), help=argparse.SUPPRESS)
    ap.add_argument(
        "--no-e5", action="store_true", help="skip the slow e5 rows (previous and thorough paths)"
    )
    args = ap.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(*args.worker, args.docs, args.reports)))
        return 0

    # (label, model dir, cross-lingual path, kinds): the baseline as it was (the English
    # model on every text), the shipped model with its previous e5 path, the glossary
    # path (chosen) and the thorough glossary + e5 path.
    kinds = ["news-en", "news-en-synthetic", "news-xx", "reports"]
    runs = [("chosen", "chosen", "glossary", kinds)]
    if not args.no_e5:
        runs += [
            ("chosen", "chosen", "e5", ["news-xx"]),
            ("chosen", "chosen", "glossary+e5", ["news-xx"]),
        ]
    base = ensure_baseline()
    if base:
        runs.insert(0, ("baseline", base, "none", kinds))
    else:
        print("(baseline skipped: ../shared/data not found to train it)", file=sys.stderr)
    results: dict[tuple[str, str, str], dict] = {}
    for label, model, mode, run_kinds in runs:
        for kind in run_kinds:
            cmd = [sys.executable, __file__, "--worker", model, kind, mode]
            cmd += ["--docs", str(args.docs), "--reports", str(args.reports)]
            out = subprocess.run(cmd, capture_output=True, text=True, env=os.environ.copy())
            if out.returncode:
                print(out.stderr, file=sys.stderr)
                continue
            r = results[label, mode, kind] = json.loads(out.stdout.strip().splitlines()[-1])
            print(f"  {label} {mode} {kind}: {r['docs_per_s']:.1f} docs/s", file=sys.stderr)

    print(f"cores: {os.cpu_count()}; load average: {os.getloadavg()[0]:.1f}\n")
    print(
        "| texts | avg chars | model | non-English path | docs/s | vs baseline | CPU ms/doc "
        "| CPU vs baseline | lang-ID ms/doc | peak RSS MB | load s |"
    )
    print("| --- | ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for kind in kinds:
        b = results.get(("baseline", "none", kind))
        for label, _, mode, _kinds in runs:
            r = results.get((label, mode, kind))
            if not r:
                continue
            speed = f"{r['docs_per_s'] / b['docs_per_s']:.3g}x" if b else "-"
            cpu = f"{b['cpu_ms'] / r['cpu_ms']:.3g}x" if b and r["cpu_ms"] else "-"
            print(
                f"| {kind} ({r['docs']}, {r['routed']} non-English) | {r['chars']:.0f} | {label} "
                f"({r['method']}) | {mode} | {r['docs_per_s']:.{1 if r['docs_per_s'] >= 1 else 2}f} | {speed} | {r['cpu_ms']:.1f} "
                f"| {cpu} | {r['lang_ms']:.2f} | {r['peak_mb']:.0f} | {r['load_s']:.1f} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
