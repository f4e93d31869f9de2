"""Language detection (lingua, limited to the languages the pipeline reads) and what the
pipeline can read in each language.

The pipeline reads every official language of the EU/EEA plus English, Norwegian
(Bokmål reported as "no", Nynorsk as "nn"), Icelandic, Catalan and, from the
publisher's hint only, Luxembourgish and Maltese (lingua has no model for them).
Detection is limited to this set: lingua loads a model per candidate language, and
the set costs about 85 MB of memory where all 75 languages would cost several times
that. Hand lexicons (attack vocabulary, roles, labels) exist for ``LEXICON_LANGS``
only; elsewhere relevance comes from the multilingual e5 model, and drafts say so
(``language_note``, review flag ``language_unreadable:xx``).
"""

from __future__ import annotations

import re
from functools import lru_cache

# ISO 639-1 code -> lingua language name
_LINGUA = {
    "bg": "BULGARIAN",
    "ca": "CATALAN",
    "cs": "CZECH",
    "da": "DANISH",
    "de": "GERMAN",
    "el": "GREEK",
    "en": "ENGLISH",
    "es": "SPANISH",
    "et": "ESTONIAN",
    "fi": "FINNISH",
    "fr": "FRENCH",
    "ga": "IRISH",
    "hr": "CROATIAN",
    "hu": "HUNGARIAN",
    "is": "ICELANDIC",
    "it": "ITALIAN",
    "lt": "LITHUANIAN",
    "lv": "LATVIAN",
    "nl": "DUTCH",
    "nn": "NYNORSK",
    "no": "BOKMAL",
    "pl": "POLISH",
    "pt": "PORTUGUESE",
    "ro": "ROMANIAN",
    "sk": "SLOVAK",
    "sl": "SLOVENE",
    "sv": "SWEDISH",
}
# Languages lingua cannot tell apart from a neighbour: taken from the publisher's hint.
HINT_ONLY = ("lb", "mt")
SUPPORTED = tuple(sorted(_LINGUA)) + HINT_ONLY
# Languages with hand lexicons (cidb/ingest/nlp/lexicon.py).
LEXICON_LANGS = frozenset({"en", "sv", "da", "no", "nn", "de", "nl", "fr", "fi"})

LANGUAGE_NAMES = {
    "bg": "Bulgarian",
    "ca": "Catalan",
    "cs": "Czech",
    "da": "Danish",
    "de": "German",
    "el": "Greek",
    "en": "English",
    "es": "Spanish",
    "et": "Estonian",
    "fi": "Finnish",
    "fr": "French",
    "ga": "Irish",
    "hr": "Croatian",
    "hu": "Hungarian",
    "is": "Icelandic",
    "it": "Italian",
    "lb": "Luxembourgish",
    "lt": "Lithuanian",
    "lv": "Latvian",
    "mt": "Maltese",
    "nl": "Dutch",
    "nn": "Norwegian Nynorsk",
    "no": "Norwegian",
    "pl": "Polish",
    "pt": "Portuguese",
    "ro": "Romanian",
    "sk": "Slovak",
    "sl": "Slovenian",
    "sv": "Swedish",
}


def normalise_code(code: str | None) -> str | None:
    """Publisher hints in other spellings ("nb", "EN", "pt-BR") -> the pipeline's codes."""
    if not code or not isinstance(code, str):
        return None
    c = code.strip().lower().replace("_", "-").split("-")[0]
    return {"nb": "no"}.get(c, c) or None


def has_lexicon(code: str | None) -> bool:
    return code in LEXICON_LANGS


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    langs = [getattr(Language, name) for name in _LINGUA.values()]
    return LanguageDetectorBuilder.from_languages(*langs).build()


def detect_language(text: str, hint: str | None = None) -> tuple[str | None, float]:
    """(ISO 639-1 code or None, confidence 0..1). ``hint`` wins when the text is too short,
    and for languages lingua has no model for (Luxembourgish, Maltese)."""
    hint = normalise_code(hint)
    sample = re.sub(r"\s+", " ", text or "")[:1500]
    letters = 0
    for ch in sample:  # stop at 20: counting every letter cost more than detection
        letters += ch.isalpha()
        if letters >= 20:
            break
    if letters < 20:
        return (hint, 0.0) if hint else (None, 0.0)
    if hint in HINT_ONLY:
        return hint, 0.5
    try:
        values = _detector().compute_language_confidence_values(sample)
    except Exception:  # noqa: BLE001 - detector problems must not stop ingestion
        return hint, 0.0
    if not values:
        return hint, 0.0
    best = values[0]
    code = normalise_code(best.language.iso_code_639_1.name)
    conf = float(best.value)
    # Bokmål/Nynorsk/Danish are close: accept the publisher's hint when it is one of them
    if hint in ("no", "nn", "da") and code in ("no", "nn", "da") and conf < 0.9:
        return hint, conf
    return code, conf


def language_note(languages: list[str | None]) -> tuple[str | None, list[str]]:
    """(note, review flags) for the source languages of one draft: languages without a
    hand lexicon were read by the multilingual model only (relevance, grouping), so
    labels and dates drawn from them may be missing."""
    missing = sorted({c or "unknown" for c in languages if not has_lexicon(c)})
    if not missing:
        return None, []
    names = ", ".join(
        f"{LANGUAGE_NAMES.get(c, c)} ({c})" if c != "unknown" else "an unrecognised language"
        for c in missing
    )
    note = (
        f"Sources in {names} were read only in part: relevance and grouping by the "
        "multilingual model, no language-specific cues for labels, dates or roles."
    )
    return note, [f"language_unreadable:{c}" for c in missing]
