"""Fixtures for the database ingestion tests: small invented multilingual articles,
a JSONL writer, a local HTTP server on 127.0.0.1 and a model-free embedder."""

from __future__ import annotations

import contextlib
import io
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

# Invented organisations; two articles about the same attack (sv, en), others apart.
ARTICLES = [
    {
        "url": "https://nyheter.example.se/2024/ostervik-attack",
        "title": "Ransomware-attack mot Östervik kommun – e-tjänster nere",
        "text": (
            "Natten mot tisdagen den 5 mars 2024 utsattes Östervik kommun för en "
            "ransomware-attack. Angriparna krypterade kommunens servrar och kräver en "
            "lösensumma. E-post, skolplattformen och lönesystemet ligger nere. Kommunen har "
            "polisanmält attacken, säger säkerhetschefen Karin Holm."
        ),
        "published": "2024-03-06",
        "language": "sv",
        "incident": "gold-label-never-used",
    },
    {
        "url": "https://news.example.com/world/ostervik-ransomware",
        "title": "Swedish municipality Östervik hit by ransomware attack",
        "text": (
            "Östervik municipality in Sweden was hit by a ransomware attack on 5 March 2024. "
            "The attackers encrypted servers and demanded a ransom, and e-mail and payroll "
            "systems are offline. The municipality has reported the attack to the police."
        ),
        "published": "2024-03-07",
        "language": "en",
    },
    {
        "url": "https://zeitung.example.de/stadtwerke-bergheide-ddos",
        "title": "DDoS-Angriff: Webseiten der Stadtwerke Bergheide nicht erreichbar",
        "text": (
            "Die Webseiten der Stadtwerke Bergheide waren am Dienstag, 14. Mai 2024, nach einem "
            "DDoS-Angriff stundenlang nicht erreichbar. Die prorussische Gruppe NoName057(16) "
            "bekannte sich auf Telegram zu dem Angriff. Kundendaten seien nicht betroffen, "
            "sagte ein Sprecher der Stadtwerke Bergheide."
        ),
        "published": "2024-05-15",
        "language": "de",
    },
    {
        "url": "urn:example:nl:gemeente-duinwijk",
        "title": "Gemeente Duinwijk getroffen door cyberaanval, gegevens gestolen",
        "text": (
            "De gemeente Duinwijk is op 2 september 2024 slachtoffer geworden van een "
            "cyberaanval. Hackers hebben persoonsgegevens van inwoners gestolen en dreigen die "
            "te publiceren. De dienstverlening van de gemeente Duinwijk ligt grotendeels plat."
        ),
        "published": "2024-09-03",
        "language": "nl",
    },
    {
        "url": "https://rad.example.no/beskytt-bedriften",
        "title": "Slik beskytter du bedriften mot løsepengevirus",
        "text": (
            "Nasjonal sikkerhetsmyndighet har publisert en ny rapport med råd og anbefalinger. "
            "Rapporten viser at antallet angrep øker, og myndigheten anbefaler tofaktor-"
            "autentisering, sikkerhetskopier og opplæring av ansatte."
        ),
        "published": "2024-02-01",
        "language": "no",
    },
]

FOLLOW_UP = {
    "url": "https://nyheter.example.se/2024/ostervik-uppfoljning",
    "title": "Östervik kommun: hackare publicerade stulna personuppgifter",
    "text": (
        "Ransomware-gruppen bakom attacken mot Östervik kommun den 5 mars 2024 har publicerat "
        "stulna personuppgifter på darknet. Östervik kommun bekräftar att data om anställda "
        "läckt och att systemen fortfarande återställs efter ransomware-attacken."
    ),
    "published": "2024-03-20",
    "language": "sv",
}


@pytest.fixture(autouse=True)
def _ingest_settings(settings, tmp_path):
    settings.INGEST_EMBEDDER = "hash"  # model-free and fast; one test uses the real one
    settings.INGEST_TIMEOUT = 2.0
    settings.INGEST_BATCH = 4
    settings.INGEST_ALLOW_PRIVATE = True  # the test HTTP server is on loopback
    settings.DATA_DIR = tmp_path


@pytest.fixture
def articles() -> list[dict]:
    return [dict(a) for a in ARTICLES]


@pytest.fixture
def write_jsonl(tmp_path):
    def write(rows: list, name: str = "articles.jsonl") -> Path:
        path = tmp_path / name
        lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return path

    return write


@pytest.fixture
def ingest(db):
    """Run `cidb ingest` in-process; returns its output, ending with "exit: MESSAGE" when
    it failed (any article failed)."""

    def run(*args: str) -> str:
        out = io.StringIO()
        try:
            call_command(
                "ingest", *map(str, args), "--no-progress", stdout=out, stderr=io.StringIO()
            )
        except CommandError as exc:
            return f"{out.getvalue()}exit: {exc}\n"
        return out.getvalue()

    return run


class _Handler(BaseHTTPRequestHandler):
    routes: dict = {}
    requests: list = []

    def log_message(self, *args) -> None:  # quiet test output
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        type(self).requests.append((self.path, dict(self.headers)))
        route = self.routes.get(self.path)
        if route is None:
            self.send_response(404)
            self.end_headers()
            return
        if callable(route):
            route = route(self)
            if route is None:
                return
        status, headers, body = route
        if route[0] == "sleep":
            time.sleep(headers)
            status, headers, body = 200, {"Content-Type": "text/html"}, b"<p>late</p>"
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        if "Content-Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)


@pytest.fixture
def http_server():
    """A local server: set ``server.routes[path] = (status, headers, body)``."""

    class Handler(_Handler):
        routes: dict = {}
        requests: list = []

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.routes = Handler.routes
    server.requests = Handler.requests
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


def html_page(article: dict) -> bytes:
    paras = "".join(f"<p>{s}.</p>" for s in article["text"].split(". "))
    return (
        f"<html><head><title>{article['title']}</title><script>var x='ad';</script></head>"
        f"<body><nav>Home | News</nav><article><h1>{article['title']}</h1>{paras}</article>"
        "<footer>© Example</footer></body></html>"
    ).encode()
