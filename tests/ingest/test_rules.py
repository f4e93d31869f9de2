"""Unit checks of the grouping, date and classification rules (invented names, no model)."""

import re
from types import SimpleNamespace

from cidb.ingest.nlp import run_pipeline
from cidb.ingest.nlp.classify import classify_counts, cue_counts
from cidb.ingest.nlp.draft import _vote
from cidb.ingest.nlp.embed import HashEmbedder
from cidb.ingest.nlp.entities import _has_word
from cidb.ingest.nlp.grouping import Grouper, IncidentState, name_match
from cidb.ingest.nlp.lexicon import literal_alternation
from cidb.ingest.nlp.pipeline import estimate_incident_date, later_event


def test_trie_alternation_matches_like_a_sorted_flat_alternation():
    words = ["Nord", "Nordland", "Nordlandia", "Norrby", "Öst", "Östra Ösby"]
    trie = re.compile(rf"(?<!\w)({literal_alternation(words)})(?!\w)", re.IGNORECASE)
    flat = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    flat_rx = re.compile(rf"(?<!\w)({flat})(?!\w)", re.IGNORECASE)
    text = "nordlandia och Nordland, NORD; Nordlandiax Norrby östra ösby Öst"
    assert [m.group(1) for m in trie.finditer(text)] == [m.group(1) for m in flat_rx.finditer(text)]


def test_has_word_respects_word_boundaries():
    assert _has_word("kalix kommun", "kalix")
    assert not _has_word("kalixbo kommun", "kalix")
    assert _has_word("x (kalix)", "kalix")


def test_acronyms_match_their_long_form():
    assert name_match("NHA", "National Housing Agency") >= 0.85
    assert name_match("BVDC", "Bramley and Vale District Council") >= 0.85
    assert name_match("NHA", "Irish National Housing Agency") >= 0.85
    assert name_match("ABC", "National Housing Agency") < 0.65
    assert name_match("NH", "National Housing") < 0.65  # two letters match too much


def _analysis(victim, score=6.0, candidates=(), lang="de", date=None, country="DE"):
    ents = SimpleNamespace(
        victim=victim,
        victim_aliases=[],
        victim_score=score,
        candidates=[(victim, score), *candidates] if victim else list(candidates),
        country=country,
    )
    return SimpleNamespace(
        entities=ents,
        language=lang,
        embedding=None,
        incident_date=date,
        date_from_text=bool(date),
        published=date,
        url="",
    )


def test_runner_up_names_need_a_distinctive_shared_word():
    inc = IncidentState("k", centroid=None)  # centroid unused without embeddings
    inc.names.update({"Klinikum Falkenried": 2.0, "Klinikum Systeme": 0.4})
    a = _analysis("Zentrix-Systeme", 6.5)
    best, primary = Grouper.name_evidence(a, inc)
    assert best < 0.65 and primary < 0.4  # "Systeme" is an everyday word

    inc2 = IncidentState("k2", centroid=None)
    inc2.names.update({"Kreis Ulmenau": 0.8, "Rechenwerk-Nord": 0.4})
    b = _analysis("Rechenwerk-Nord", 5.5)
    assert Grouper.name_evidence(b, inc2)[0] >= 0.65  # runner-up equals this victim


def test_date_in_a_sentence_about_another_organisation_is_ignored():
    text = (
        "Ashcombe Vale Council was hit by a cyber attack. "
        "In February last year, another local authority - Borrowdale Council - was hit by "
        "a ransomware attack."
    )
    date, _, _, from_text = estimate_incident_date(
        text, "2021-01-07", None, ["Ashcombe Vale Council"], ["Borrowdale Council"]
    )
    assert date == "2021-01-07" and not from_text


def test_month_vote_prefers_attack_dates_and_breaks_ties_early():
    assert later_event("Yesterday the hackers published the stolen data on the dark web.")
    assert not later_event("The attack was discovered on Saturday.")
    win, conflict = _vote([("2023-11", 2.0, "a"), ("2023-10", 2.0, "b")], earliest=True)
    assert win == "2023-10" and len(conflict) == 2


def test_encryption_without_the_word_ransomware_is_ransomware():
    counts = cue_counts("Angriperne har kryptert alle datasystemer og slettet sikkerhetskopier.")
    assert "ransomware" in classify_counts(counts, []).attack_types
    ddos = cue_counts("Die Webseiten waren nach einem DDoS-Angriff nicht erreichbar.")
    assert classify_counts(ddos, []).attack_types == ["ddos"]


def test_pipeline_embeds_repeated_victims_only_when_needed():
    raws = [
        {
            "url": f"https://example.no/{i}",
            "title": f"Dataangrep mot Fjordvik kommune ({i})",
            "text": f"Fjordvik kommune ble rammet av et dataangrep med løsepengevirus. Del {i}.",
            "published": f"2023-02-0{i + 1}",
            "language": "no",
        }
        for i in range(3)
    ]
    stats: dict = {}
    drafts, analyses = run_pipeline(
        raws, embedder=HashEmbedder(), return_analyses=True, stats=stats
    )
    assert len(drafts) == 1 and len(drafts[0]["sources"]) == 3
    assert stats["articles"] == 3 and 1 <= stats["embedded"] < 3
    assert analyses[0].embedding is not None  # the article that opened the incident
