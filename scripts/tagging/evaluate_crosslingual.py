#!/usr/bin/env python3
"""Compare the tagger's paths for non-English text (one table per data set).

  python scripts/tagging/evaluate_crosslingual.py [--modes glossary e5 ...] [--no-news]

1. Hand-written sentence pairs (tests/tagging/data/crosslingual_sentences.jsonl: a
   sentence in sv/de/da/no/nl/fr/es/it/fi/pl, its English reference, the techniques an
   analyst would tag): technique recall, false positives, and agreement with what the
   English path finds on the English reference.
2. Real news (../shared/data/news/dev_articles.jsonl, nine languages): each article's
   gold techniques are those of its incident (dev_incidents.jsonl; none for articles
   that report no incident); document-level micro P/R/F1 per path, plus the English
   path on the English articles as a reference. The dev articles are evaluation data
   only: nothing in the glossary is taken from them. The incident labels use parent
   techniques (T1566), so both sides are compared at parent level (T1566.001 -> T1566).

CPU time per document is ``time.process_time()`` (less sensitive to machine load).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from cidb.tagging.data import find_data_dir  # noqa: E402
from cidb.tagging.glossary import guess_language  # noqa: E402
from cidb.tagging.tagger import Tagger  # noqa: E402
from cidb.tagging.text import split_sentences  # noqa: E402

FIXTURE = ROOT / "tests" / "tagging" / "data" / "crosslingual_sentences.jsonl"
MODES = {
    "none": "English model on the raw text (baseline behaviour)",
    "e5": "e5 LR on every sentence (previous cross-lingual path)",
    "glossary": "glossary -> English lexical model (chosen)",
    "glossary+e5": "glossary, + e5 on sentences with a domain term (thorough)",
}


def predict(tagger: Tagger, text: str, mode: str | None, lang: str | None = None) -> set[str]:
    """Technique ids at the decision threshold; ``mode`` None = the English path."""
    sents = split_sentences(text)
    if not sents:
        return set()
    if mode is None:
        scores, th = tagger.sentence_scores(sents), tagger.thresholds
    else:
        lang = lang or guess_language(text) or "xx"
        scores, th = tagger.foreign_scores(sents, lang, mode)
    return {h.id for h in tagger._hits(sents, scores, th, 0.5, 1)}


def prf(pairs: list[tuple[set[str], set[str]]]) -> dict:
    tp = sum(len(g & p) for g, p in pairs)
    fp = sum(len(p - g) for g, p in pairs)
    fn = sum(len(g - p) for g, p in pairs)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"p": prec, "r": rec, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def parents(ids: set[str]) -> set[str]:
    return {t.split(".")[0] for t in ids}


def run(tagger: Tagger, docs: list[tuple[str, set[str]]], mode: str | None) -> tuple[dict, float]:
    t0 = time.process_time()
    pairs = [(parents(gold), parents(predict(tagger, text, mode))) for text, gold in docs]
    cpu = (time.process_time() - t0) / max(1, len(docs))
    return prf(pairs) | {"pairs": pairs}, cpu


def fixture_table(tagger: Tagger, modes: list[str]) -> str:
    rows = [json.loads(line) for line in FIXTURE.read_text(encoding="utf-8").splitlines() if line]
    gold = [set(r["techniques"]) for r in rows]
    english = [predict(tagger, r["english"], None) for r in rows]
    ref = prf(list(zip(gold, english, strict=True)))
    lines = [
        f"Hand-written pairs: {len(rows)} sentences ({dict(Counter(r['lang'] for r in rows))})\n",
        "| path | recall | precision | F1 | false pos. | agrees with English on gold ids |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
        f"| English path on the English references | {ref['r']:.3f} | {ref['p']:.3f} | "
        f"{ref['f1']:.3f} | {ref['fp']} | - |",
    ]
    found_en = sum(len(g & e) for g, e in zip(gold, english, strict=True))
    for mode in modes:
        preds = [predict(tagger, r["text"], mode, r["lang"]) for r in rows]
        m = prf(list(zip(gold, preds, strict=True)))
        agree = sum(len(g & e & p) for g, e, p in zip(gold, english, preds, strict=True))
        lines.append(
            f"| {mode}: {MODES[mode]} | {m['r']:.3f} | {m['p']:.3f} | {m['f1']:.3f} | "
            f"{m['fp']} | {agree}/{found_en} |"
        )
    return "\n".join(lines)


def news_table(tagger: Tagger, modes: list[str], data: Path) -> str:
    news = data / "news"
    incidents = {}
    for line in (news / "dev_incidents.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            incidents[row["incident"]] = set(row["techniques"])
    arts = [json.loads(x) for x in (news / "dev_articles.jsonl").read_text().splitlines() if x]
    docs = {"en": [], "xx": []}
    langs = Counter()
    for a in arts:
        text = a["text"]  # the excerpt starts with the headline when there is one
        gold = incidents.get(a["incident"], set()) if a["incident"] else set()
        key = "en" if a["language"] == "en" else "xx"
        docs[key].append((text, gold))
        if key == "xx":
            langs[a["language"]] += 1
    lines = [
        f"Dev news: {len(docs['xx'])} non-English articles {dict(langs)}, "
        f"{len(docs['en'])} English; gold = the incident's techniques "
        f"({sum(len(g) for _, g in docs['xx'])} labels on the non-English ones)\n",
        "| articles | path | micro P | micro R | micro F1 | TP | FP | FN | CPU ms/doc |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    m, cpu = run(tagger, docs["en"], None)
    lines.append(
        f"| en ({len(docs['en'])}) | English path (reference) | {m['p']:.3f} | {m['r']:.3f} | "
        f"{m['f1']:.3f} | {m['tp']} | {m['fp']} | {m['fn']} | {cpu * 1000:.1f} |"
    )
    per_lang = {}
    for mode in modes:
        m, cpu = run(tagger, docs["xx"], mode)
        per_lang[mode] = m["pairs"]
        lines.append(
            f"| non-English ({len(docs['xx'])}) | {mode} | {m['p']:.3f} | {m['r']:.3f} | "
            f"{m['f1']:.3f} | {m['tp']} | {m['fp']} | {m['fn']} | {cpu * 1000:.1f} |"
        )
        print(f"  {mode}: F1 {m['f1']:.3f}", file=sys.stderr)
    fps = Counter(t for mode in modes[-1:] for g, p in per_lang[mode] for t in p - g).most_common(8)
    lines.append(f"\nMost frequent false positives ({modes[-1]}): {fps}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--modes", nargs="+", default=list(MODES), choices=list(MODES))
    ap.add_argument("--model", help="model directory (default: the shipped one)")
    ap.add_argument("--data", help="shared data dir (with news/)")
    ap.add_argument("--no-news", action="store_true", help="only the hand-written pairs")
    args = ap.parse_args(argv)
    tagger = Tagger.load(args.model)
    print(fixture_table(tagger, args.modes) + "\n")
    data = find_data_dir(args.data)
    if not args.no_news:
        if data is None or not (data / "news" / "dev_articles.jsonl").is_file():
            print("(dev news skipped: ../shared/data/news not found)", file=sys.stderr)
        else:
            print(news_table(tagger, args.modes, data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
