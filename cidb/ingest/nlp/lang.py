"""Language detection (lingua, limited to the languages the pipeline serves)."""

from __future__ import annotations

import re
from functools import lru_cache

# ISO 639-1 codes we detect; Norwegian Bokmål is reported as "no", Nynorsk as "nn".
SUPPORTED = ("sv", "da", "no", "nn", "de", "nl", "fr", "fi", "en", "ar", "es", "it", "pl")
_LINGUA = {
    "sv": "SWEDISH",
    "da": "DANISH",
    "no": "BOKMAL",
    "nn": "NYNORSK",
    "de": "GERMAN",
    "nl": "DUTCH",
    "fr": "FRENCH",
    "fi": "FINNISH",
    "en": "ENGLISH",
    "ar": "ARABIC",
    "es": "SPANISH",
    "it": "ITALIAN",
    "pl": "POLISH",
}


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    langs = [getattr(Language, name) for name in _LINGUA.values()]
    # lazy loading: only the models actually needed are read (~30 MB each)
    return LanguageDetectorBuilder.from_languages(*langs).build()


def detect_language(text: str, hint: str | None = None) -> tuple[str | None, float]:
    """(ISO 639-1 code or None, confidence 0..1). ``hint`` wins when the text is too short."""
    sample = re.sub(r"\s+", " ", text or "")[:1500]
    letters = 0
    for ch in sample:  # stop at 20: counting every letter cost more than detection
        letters += ch.isalpha()
        if letters >= 20:
            break
    if letters < 20:
        return (hint, 0.0) if hint else (None, 0.0)
    try:
        values = _detector().compute_language_confidence_values(sample)
    except Exception:  # noqa: BLE001 - detector problems must not stop ingestion
        return hint, 0.0
    if not values:
        return hint, 0.0
    best = values[0]
    code = best.language.iso_code_639_1.name.lower()
    code = {"nb": "no"}.get(code, code)
    conf = float(best.value)
    # Bokmål/Nynorsk/Danish are close: accept the publisher's hint when it is one of them
    if hint in ("no", "nn", "nb", "da") and code in ("no", "nn", "da") and conf < 0.9:
        return ("no" if hint == "nb" else hint), conf
    return code, conf
