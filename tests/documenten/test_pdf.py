"""The PDF renderer fetches local static files only: a remote URL in a document is never
requested, and neither is a file outside the static directories."""

import socket
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from trajecten import pdf

from .conftest import pdf_tekst

STATIC = Path(settings.STATICFILES_DIRS[0]).resolve()


@pytest.mark.parametrize(
    "url",
    [
        "/static/css/thema.css",  # as {% static %} writes it, resolved against the base URL
        (STATIC / "css" / "thema.css").as_uri(),
        "file://localhost" + str(STATIC / "css" / "thema.css"),
    ],
)
def test_static_files_are_served(url):
    if url.startswith("/"):
        url = "file://" + url
    assert pdf.statisch_bestand(url) == STATIC / "css" / "thema.css"


@pytest.mark.parametrize(
    "url",
    [
        "https://example.org/logo.png",
        "http://127.0.0.1:9/stijl.css",
        "ftp://example.org/x.css",
        "data:text/css,body{color:red}",
        "file:///etc/passwd",
        "file:///static/../etc/passwd",
        "file:///static/css/../../../../etc/passwd",
        (STATIC / "css" / ".." / ".." / "manage.py").as_uri(),
        "file://example.org" + str(STATIC / "css" / "thema.css"),
        "file:///static/css/bestaat-niet.css",
    ],
)
def test_everything_else_is_refused(url):
    assert pdf.statisch_bestand(url) is None
    with pytest.raises(pdf.BronGeweigerd):
        pdf.AlleenStatischeBestanden().fetch(url)


REMOTE_HTML = """<!DOCTYPE html><html lang="nl"><head>
<link rel="stylesheet" href="/static/css/thema.css">
<link rel="stylesheet" href="https://cdn.example.org/stijl.css">
<style>@import url("http://tracker.example.org/import.css");
body { background: url("https://tracker.example.org/pixel.png"); }</style>
</head><body class="reintegratie-theme">
<p>Informatieblad met een verwijzing naar buiten</p>
<p class="rt-niet-printen">Alleen op het scherm</p>
<img src="https://tracker.example.org/foto.png" alt="">
<img src="file:///etc/passwd" alt="">
<iframe src="https://example.org/"></iframe>
</body></html>"""


def test_a_remote_url_in_the_html_is_never_fetched(monkeypatch):
    verbindingen, geopend = [], []

    def geen_netwerk(*args, **kwargs):
        verbindingen.append(args)
        raise OSError("netwerk niet toegestaan in deze test")

    echte_open = urllib.request.OpenerDirector.open

    def open_en_noteer(self, url, *args, **kwargs):
        geopend.append(getattr(url, "full_url", url))
        return echte_open(self, url, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", geen_netwerk)
    monkeypatch.setattr(socket.socket, "connect", geen_netwerk)
    monkeypatch.setattr(urllib.request.OpenerDirector, "open", open_en_noteer)
    fetcher = pdf.AlleenStatischeBestanden()

    inhoud = pdf.html_naar_pdf(REMOTE_HTML, voettekst="test", fetcher=fetcher)

    assert inhoud.startswith(b"%PDF")
    # The project's own stylesheet was fetched and applied: its `@media print` hides screen-only
    # parts, so they are not in the PDF while the rest of the page is.
    tekst = pdf_tekst(inhoud)
    assert "Informatieblad met een verwijzing naar buiten" in tekst
    assert "Alleen op het scherm" not in tekst
    assert verbindingen == []
    assert geopend == [(STATIC / "css" / "thema.css").as_uri()]
    assert fetcher.opgehaald == ["file:///static/css/thema.css"]
    geweigerd = " ".join(fetcher.geweigerd)
    for url in (
        "https://cdn.example.org/stijl.css",
        "http://tracker.example.org/import.css",
        "https://tracker.example.org/pixel.png",
        "https://tracker.example.org/foto.png",
        "file:///etc/passwd",
    ):
        assert url in geweigerd


@pytest.mark.parametrize(
    "voettekst",
    [
        'Traject 1 "} @import url(https://example.org/x.css); {',
        'Traject 1 "; } body { background: url(https://example.org/p.png) } @page { x: "',
        'Traject 1 \\" content: counter(page)',
    ],
)
def test_the_footer_text_is_a_safe_css_string(voettekst):
    """The footer carries a user's name into the page CSS: it stays one CSS string, printed as
    typed, and cannot close the string to add rules or fetch anything."""
    fetcher = pdf.AlleenStatischeBestanden()

    inhoud = pdf.html_naar_pdf("<p>x</p>", voettekst=voettekst, fetcher=fetcher)

    assert voettekst in pdf_tekst(inhoud)
    assert (fetcher.opgehaald, fetcher.geweigerd) == ([], [])


def test_the_app_starts_without_loading_weasyprint():
    """WeasyPrint needs the system's Pango; a server without it still serves everything but PDFs."""
    import subprocess
    import sys

    code = (
        "import django, sys; django.setup(); from django.urls import get_resolver; "
        "get_resolver().url_patterns; print('weasyprint' in sys.modules)"
    )
    uitvoer = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
        timeout=60,
    )
    assert uitvoer.stdout.strip() == "False"
