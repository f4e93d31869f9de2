"""Small hand-written fixtures in several languages (invented organisations)."""

from __future__ import annotations

import pytest

from cidb.ingest.nlp.embed import E5Embedder

ARTICLES = {
    "sv": {
        "url": "https://example.se/nyheter/1",
        "title": "Ransomware-attack mot Bergsala kommun – systemen nere",
        "text": (
            "Natten mot lördag den 4 mars utsattes Bergsala kommun för en ransomware-attack. "
            "Angriparna krypterade servrar och kräver en lösensumma. Kommunens e-post och "
            "lönesystem ligger nere och personalen arbetar med papper och penna. "
            "– Vi har polisanmält händelsen, säger kommundirektör Anna Lindqvist."
        ),
        "published": "2023-03-06",
        "language": "sv",
    },
    "en": {
        "url": "https://example.co.uk/news/2",
        "title": "Swedish municipality Bergsala hit by ransomware",
        "text": (
            "Bergsala municipality in Sweden was hit by a ransomware attack last Saturday. "
            "The attackers encrypted servers and demanded a ransom; e-mail and payroll systems "
            "are offline. The municipality has reported the attack to the police."
        ),
        "published": "2023-03-07",
        "language": "en",
    },
    "de": {
        "url": "https://example.de/artikel/3",
        "title": "DDoS-Angriff: Webseiten der Stadtwerke Lindenau nicht erreichbar",
        "text": (
            "Die Webseiten der Stadtwerke Lindenau waren am Dienstag nach einem DDoS-Angriff "
            "stundenlang nicht erreichbar. Die prorussische Gruppe NoName057(16) bekannte sich "
            "auf Telegram zu dem Angriff. Kundendaten seien nicht betroffen, sagte ein Sprecher."
        ),
        "published": "2023-05-10",
        "language": "de",
    },
    "nl": {
        "url": "https://example.nl/nieuws/4",
        "title": "Gemeente Veldhoven-aan-Zee getroffen door cyberaanval",
        "text": (
            "De gemeente Veldhoven-aan-Zee is slachtoffer geworden van een cyberaanval. "
            "Hackers hebben gegevens gestolen en dreigen die te publiceren. De dienstverlening "
            "ligt grotendeels plat, meldt de gemeente."
        ),
        "published": "2022-11-02",
        "language": "nl",
    },
    "advice": {
        "url": "https://example.no/rad/5",
        "title": "Slik beskytter du bedriften mot løsepengevirus",
        "text": (
            "Nasjonal sikkerhetsmyndighet har publisert en ny rapport med råd og anbefalinger. "
            "Rapporten viser at antallet angrep øker, og myndigheten anbefaler tofaktor-"
            "autentisering, sikkerhetskopier og opplæring av ansatte."
        ),
        "published": "2023-02-01",
        "language": "no",
    },
}


@pytest.fixture
def articles() -> dict[str, dict]:
    return {k: dict(v) for k, v in ARTICLES.items()}


@pytest.fixture
def embedder() -> E5Embedder:
    # the real bundled model (no download); no disk cache so tests leave nothing behind
    return E5Embedder(cache_dir=None)
