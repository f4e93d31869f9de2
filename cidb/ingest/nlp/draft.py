"""Incident draft (cidb export format) from the analyses of one group of articles.

Fields are votes across sources; disagreements are kept in ``conflicts`` and
the sentence behind each value in ``provenance``. The event frame (frame.py) is read
from each article's sentences about this incident; summary and description are written
from it in English (writer.py), with ``text_provenance`` tracing each written sentence
to frame slots. Conflicts (victim, country, date, people, numbers) and the timeline use
only sentences about this incident.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from .classify import article_blocked, classify_counts
from .conflicts import number_conflicts, people_mentions, person_conflicts
from .dates import format_date, parse_published
from .entities import fold
from .frame import NUMBER_SLOTS, Hit, article_hits, embed_hits, merge_frame, number_groups
from .gazetteer import LANG_COUNTRY, org_type_country
from .grouping import article_names, name_match
from .lang import language_note
from .writer import write


def _cluster_names(weighted: list[tuple[str, float, Any]]) -> list[dict]:
    """Group fuzzy-equal names; each cluster: forms (name -> weight), weight, articles."""
    clusters: list[dict] = []
    for name, w, a in weighted:
        for c in clusters:
            if any(name_match(name, f) >= 0.85 for f in c["forms"]):
                c["forms"][name] += w
                c["weight"] += w
                c["articles"].add(id(a))
                c["urls"].add(a.url)
                break
        else:
            clusters.append(
                {"forms": Counter({name: w}), "weight": w, "articles": {id(a)}, "urls": {a.url}}
            )
    return sorted(clusters, key=lambda c: (-len(c["articles"]), -c["weight"]))


def _base_forms(forms: Counter) -> Counter:
    """Inflected forms ("Vastaamon", "Tietoevrys") count for their base form ("Vastaamo")
    when the base form is among the forms too: only the last word's ending differs."""
    out: Counter = Counter()
    for f in sorted(forms, key=len):
        ff = fold(f)
        base = next(
            (
                g
                for g in out
                if len(fold(g)) >= 4
                and ff.startswith(fold(g))
                and 1 <= len(ff) - len(fold(g)) <= 2
                and len(ff.split()) == len(fold(g).split())
            ),
            None,
        )
        out[base or f] += forms[f]
    return out


def _pick_form(forms: Counter, analyses: list[Any], country: str | None) -> str:
    """Own-language name: prefer forms written in articles of the victim's country language;
    inflected forms count for their base form."""
    forms = _base_forms(forms)
    native = {
        n
        for a in analyses
        if country and LANG_COUNTRY.get(a.language or "") == country
        for n in _base_forms(Counter([a.entities.victim] if a.entities.victim else []))
    }
    native |= {
        g
        for g in forms
        for n in list(native)
        if fold(n).startswith(fold(g)) and 1 <= len(fold(n)) - len(fold(g)) <= 2
    }
    ranked = sorted(
        forms.items(),
        key=lambda kv: (
            kv[0] in native,
            kv[1] + (0.5 if org_type_country(kv[0]) else 0),
            -len(kv[0]),
        ),
        reverse=True,
    )
    return ranked[0][0]


def _vote(values: list[tuple[Any, float, str]], earliest: bool = False) -> tuple[Any, list[dict]]:
    """Weighted vote; returns (winner, conflict values) where values differ.
    ``earliest``: ties go to the smallest value (dates: the earliest credible one)."""
    weights: Counter = Counter()
    sources: defaultdict[Any, list[str]] = defaultdict(list)
    for v, w, url in values:
        if v is None:
            continue
        weights[v] += w
        sources[v].append(url)
    if not weights:
        return None, []
    if earliest:
        top = max(weights.values())
        win = min(v for v in weights if weights[v] >= top - 1e-9)
    else:
        win = max(weights, key=lambda v: (weights[v], -len(str(v))))
    conflict = [{"value": v, "sources": sources[v]} for v in weights] if len(weights) > 1 else []
    return win, conflict


def incident_date(analyses: list[Any]) -> tuple[str | None, str | None, list[dict]]:
    """(date, month, conflict values) of an incident from its articles.

    A weighted vote: a date stated in an article's this-incident sentences counts twice
    as much as an article's publication month (the first report follows the attack);
    ties go to the earliest month. Later stages never date the incident (the article
    analysis skips them), an incident is never dated after its earliest source, and day
    precision needs a source that states the day. Nothing dated: None ("date unknown"),
    never the day of ingestion.
    """
    pubs = []
    for a in analyses:
        d, prec = parse_published(a.published)
        if d is not None:
            pubs.append(format_date(d, prec or "day"))
    first_pub = min(pubs) if pubs else None
    dvals = []
    for a in analyses:
        if not a.incident_date:
            continue
        if first_pub and a.incident_date[: len(first_pub)] > first_pub:
            continue  # after the first report about it: not the attack's date
        w = 2.0 if a.date_from_text else 1.0
        if a.date_precision == "year":
            w = 0.3
        dvals.append((a.incident_date[:7], w, a.url))
    month, conflict = _vote(dvals, earliest=True)
    if month is None:
        return None, None, []
    date = month
    days = Counter(
        a.incident_date
        for a in analyses
        if a.incident_date
        and a.date_from_text
        and a.date_precision == "day"
        and a.incident_date.startswith(month)
        and len(a.incident_date) == 10
    )
    if days:
        date = days.most_common(1)[0][0]
    return date, month, conflict


def denied_labels(analyses: list[Any]) -> set[str]:
    """Labels the sources deny (negative facts) and no later or equally many sources
    state: "no data was stolen" on day one does not outlive "stolen data published"
    a week later."""
    denied: defaultdict[str, list[str]] = defaultdict(list)
    stated: defaultdict[str, list[str]] = defaultdict(list)
    for a in analyses:
        c = a.classification
        pub = str(a.published or "")
        for lab in {*c.attack_types, *(f"cia_{k}" for k in c.cia), *c.techniques}:
            stated[lab].append(pub)
        for lab in article_blocked(a.negative_facts, a.cue_counts):
            denied[lab].append(pub)
    out = set()
    for lab, pubs in denied.items():
        later = [p for p in stated.get(lab, []) if p and p >= max(pubs)]
        if not later and len(pubs) >= len(stated.get(lab, [])):
            out.add(lab)
    return out


def article_sentences(a: Any) -> list[Any]:
    """The article's sentences with their roles (title first; roles.py)."""
    return list(getattr(a, "sentences", None) or [])


def _usable(s: Any) -> bool:
    return s.about == "incident" and s.modality == "asserted"


def _precision(date: str) -> str:
    return {10: "day", 7: "month", 4: "year"}.get(len(date or ""), "day")


def _confidence(sources: int, agree: bool = True) -> str:
    if not agree:
        return "low"
    return "high" if sources >= 2 else "medium" if sources == 1 else "low"


def build_draft(analyses: list[Any], embedder: Any = None) -> dict:
    """One incident draft from the analyses assigned to it. ``embedder`` reads frame
    slots from sentences in languages without cue tables (None: the e5 embedder, made
    when first needed; False: none)."""
    analyses = list(analyses)
    sentences = {id(a): article_sentences(a) for a in analyses}
    # --- victim ---
    weighted = []
    for a in analyses:
        for name, w in article_names(a):
            weighted.append((name, w * (1.0 + min(a.entities.victim_score, 15) / 15), a))
    clusters = _cluster_names(weighted)
    top = clusters[0] if clusters else None

    # --- country: organisation type of the victim, then article votes ---
    cvals = []
    for a in analyses:
        for cc, s in a.entities.country_scores.items():
            cvals.append((cc, s / (sum(a.entities.country_scores.values()) or 1), a.url))
    if top:
        for form, w in top["forms"].items():
            cc = org_type_country(form)
            if cc:
                cvals.append((cc, 0.5 * w, "victim-name"))
    country, _ = _vote(cvals)
    art_countries = [(a.entities.country, 1.0, a.url) for a in analyses if a.entities.country]
    _, country_conflict = _vote(art_countries)

    victim = _pick_form(top["forms"], analyses, country) if top else None
    aliases = sorted({f for f in (top["forms"] if top else {}) if f != victim})

    # --- date ---
    date, month, date_conflict = incident_date(analyses)
    review_flags = [] if date else ["date_unknown"]
    # --- classification over all sources ---
    counts: Counter = Counter()
    actors: dict[str, dict] = {}
    for a in analyses:
        counts.update(a.cue_counts)
        for act in a.entities.actors:
            actors.setdefault(act["name"], {k: act[k] for k in ("name", "type", "country")})
    blocked = denied_labels(analyses)
    cls = classify_counts(
        dict(counts), list(actors.values()), n_articles=len(analyses), blocked=blocked
    )

    # --- technique evidence and negative facts (with their sources) ---
    technique_evidence: dict[str, list[dict]] = {}
    for tid in cls.techniques:
        rows = [
            {"sentence": sent, "source": a.url, "language": a.language}
            for a in analyses
            for sent in a.classification.evidence.get(f"tech:{tid}", [])
        ]
        if rows:
            technique_evidence[tid] = rows[:3]
    facts, seen_facts = [], set()
    for a in analyses:
        for f in getattr(a, "negative_facts", []):
            if (f["fact"], f["sentence"]) not in seen_facts:
                seen_facts.add((f["fact"], f["sentence"]))
                facts.append({**f, "source": a.url})

    # --- sources, provenance, conflicts, timeline ---
    sources = [
        {
            "url": a.url,
            "title": a.title or a.text[:90],
            "language": a.language,
            "published": a.published,
        }
        for a in analyses
    ]
    provenance: dict[str, list[dict]] = defaultdict(list)
    for a in analyses:
        e = a.entities
        if victim and e.victim and name_match(e.victim, victim) >= 0.85 and e.victim_sentence:
            provenance["victim"].append({"source": a.url, "sentence": e.victim_sentence[:300]})
        if a.date_sentence and month and (a.incident_date or "").startswith(month):
            provenance["date"].append({"source": a.url, "sentence": a.date_sentence[:300]})
        if e.country_sentence and e.country == country:
            provenance["country"].append({"source": a.url, "sentence": e.country_sentence[:300]})
        for t, snips in a.classification.evidence.items():
            if t in cls.attack_types and snips:
                provenance[f"attack_types:{t}"].append(
                    {"source": a.url, "sentence": ", ".join(snips)}
                )
    conflicts = []
    victim_forms = [
        c for c in clusters[:3] if c is not top and len(c["articles"]) >= 1 and c["weight"] >= 1.0
    ]
    if top and victim_forms:
        conflicts.append(
            {
                "field": "victim",
                "values": [{"value": victim, "sources": sorted(top["urls"])}]
                + [
                    {"value": max(c["forms"], key=c["forms"].get), "sources": sorted(c["urls"])}
                    for c in victim_forms
                ],
            }
        )
    if country_conflict:
        conflicts.append({"field": "country", "values": country_conflict})
    if date_conflict:
        conflicts.append({"field": "date", "values": date_conflict})
    # --- event frame from the sentences about this incident ---
    actor_names = [n for n in actors]
    hits: list[Hit] = []
    for a in analyses:
        hits += article_hits(sentences[id(a)], a.language, a.url, actor_names)
        hits += embed_hits(sentences[id(a)], a.language, a.url, embedder)
    frame = merge_frame(hits, cls.attack_types)
    if cls.attack_types:
        frame["attack_types"]["sentences"] = [
            {"text": p["sentence"], "source": p["source"], "language": None}
            for t in cls.attack_types
            for p in provenance.get(f"attack_types:{t}", [])[:2]
        ]
        frame["attack_types"]["sources"] = len(
            {p["source"] for t in cls.attack_types for p in provenance.get(f"attack_types:{t}", [])}
        )

    # --- conflicts of numbers and people: usable sentences only ---
    groups = {
        slot: number_groups([h for h in hits if h.slot == slot])
        for slot in NUMBER_SLOTS
        if any(h.slot == slot for h in hits)
    }
    conflicts += number_conflicts(groups)
    usable_text = {
        id(a): " ".join(s.text for s in sentences[id(a)] if _usable(s)) for a in analyses
    }
    conflicts += person_conflicts(people_mentions(analyses, usable_text))

    # --- timeline: events dated in usable sentences, with precision and source ---
    seen = set()
    timeline = []
    for a in analyses:
        usable = usable_text[id(a)]
        for ev in a.timeline:
            sent = ev.get("sentence") or ""
            if sent and sent[:120] not in usable:
                continue
            k = (ev["date"], ev["event"])
            if k not in seen:
                seen.add(k)
                timeline.append(
                    {
                        "date": ev["date"],
                        "precision": _precision(ev["date"]),
                        "event": ev["event"],
                        "source": ev["source"],
                        "sentence": sent,
                    }
                )
    timeline.sort(key=lambda e: e["date"])
    people = {
        p["name"]: p for a in analyses for p in a.entities.people if p["name"] in usable_text[id(a)]
    }

    # --- per-field confidence from source agreement ---
    n_victim = len(top["articles"]) if top else 0
    field_confidence = {
        "victim": _confidence(n_victim, not victim_forms) if victim else "low",
        "country": _confidence(len(art_countries), not country_conflict) if country else "low",
        "date": _confidence(
            sum(
                1
                for a in analyses
                if a.date_from_text and (a.incident_date or "").startswith(month or "-")
            ),
            not date_conflict,
        )
        if date
        else "low",
        "attack_types": _confidence(frame.get("attack_types", {}).get("sources", 0)),
        "actors": _confidence(frame.get("claimed_by", {}).get("sources", 0)) if actors else "low",
    }
    for slot, v in frame.items():
        if slot != "attack_types":
            field_confidence[slot] = _confidence(v.get("sources", 0), v.get("agree", True))

    draft = {
        "victim": victim,
        "victim_aliases": aliases,
        "country": country,
        "date": date,
        "review_flags": review_flags,
        "attack_types": cls.attack_types,
        "cia": cls.cia,
        "motives": cls.motives,
        "techniques": cls.techniques,
        "technique_evidence": technique_evidence,
        "negative_facts": facts,
        "actors": list(actors.values()),
        "people": list(people.values()),
        "sources": sources,
        "conflicts": conflicts,
        "provenance": dict(provenance),
        "timeline": timeline,
        "frame": frame,
        "field_confidence": field_confidence,
    }
    draft["language_note"], lang_flags = language_note([a.language for a in analyses])
    if any(f.startswith("language_unreadable:") for a in analyses for f in a.flags):
        lang_flags.append("relevance_uncertain")  # kept for review, not dropped (relevance.py)
    draft.setdefault("review_flags", []).extend(lang_flags)
    draft["summary"], draft["description"], draft["text_provenance"] = write(draft)
    return draft
