"""Turns a rendered page of the app into a PDF with WeasyPrint, offline. Import this module
where a PDF is made, not at start-up: WeasyPrint needs the system's Pango library.

The PDF is made from the same template as the page on screen, so the printed informatieblad or
handover cannot drift from what the partners see. The page is rendered without a request (no
messages are consumed, no account menu); `@media print` in static/css/thema.css hides the
header, footer and links that only make sense on screen.

Nothing is fetched from the network: the URL fetcher serves only files from the project's static
directories and refuses everything else (http, https, ftp, data, files elsewhere on disk), so a
document with case data never makes a request that leaks its existence, and a stray URL in text
cannot make the server fetch it. Text typed by users is escaped by the template engine anyway.
"""

import logging
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings

logger = logging.getLogger(__name__)
# WeasyPrint warns about every CSS feature it does not print (media queries for screens, custom
# properties of the NL Design System), dozens of lines per document, and logs progress already
# while it is imported. Unless LOGGING in settings says otherwise, keep its errors only;
# refused resources are logged below, by us.
if logging.getLogger("weasyprint").level == logging.NOTSET:
    logging.getLogger("weasyprint").setLevel(logging.ERROR)

from weasyprint import CSS, HTML  # noqa: E402 (after quieting its logger, see above)
from weasyprint.urls import URLFetcher  # noqa: E402


class BronGeweigerd(ValueError):
    """A resource that is not a local static file. WeasyPrint logs it and renders without it."""


def _statische_mappen() -> list[Path]:
    mappen = [Path(m) for m in settings.STATICFILES_DIRS]
    if settings.STATIC_ROOT:
        mappen.append(Path(settings.STATIC_ROOT))
    return [m.resolve() for m in mappen]


def basis_url() -> str:
    """Relative references in a document resolve inside the first static directory."""
    return _statische_mappen()[0].as_uri() + "/"


def statisch_bestand(url: str) -> Path | None:
    """The local static file a URL points to, or None. Accepts `file:` URLs inside the static
    directories, and static URLs as `{% static %}` writes them (`/static/css/thema.css`, which
    resolves to `file:///static/css/thema.css` against a file base URL)."""
    delen = urlsplit(url)
    if delen.scheme != "file" or delen.netloc not in ("", "localhost"):
        return None
    pad = unquote(delen.path)
    mappen = _statische_mappen()
    kandidaten = [Path(pad)]
    voorvoegsel = "/" + settings.STATIC_URL.strip("/") + "/"
    if pad.startswith(voorvoegsel):
        kandidaten += [m / pad.removeprefix(voorvoegsel) for m in mappen]
    for kandidaat in kandidaten:
        echt = kandidaat.resolve()
        if echt.is_file() and any(echt.is_relative_to(m) for m in mappen):
            return echt
    return None


class AlleenStatischeBestanden(URLFetcher):
    """WeasyPrint's fetcher, limited to local static files. Keeps what it served and refused,
    so a test can prove that nothing else was asked for."""

    def __init__(self) -> None:
        super().__init__(timeout=2, allowed_protocols={"file"}, allow_redirects=False)
        self.opgehaald: list[str] = []
        self.geweigerd: list[str] = []

    def fetch(self, url, headers=None):
        bestand = statisch_bestand(url)
        if bestand is None:
            self.geweigerd.append(url)
            logger.warning("PDF: bron geweigerd, geen lokaal statisch bestand: %.200s", url)
            raise BronGeweigerd(f"Geen lokaal statisch bestand, niet opgehaald: {url}")
        self.opgehaald.append(url)
        return super().fetch(bestand.as_uri(), headers)


def _css_tekst(tekst: str) -> str:
    return '"' + tekst.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _paginastijl(voettekst: str) -> str:
    return f"""
@page {{
  size: A4;
  margin: 16mm 15mm 18mm;
  @bottom-left {{ content: {_css_tekst(voettekst)}; font-size: 7.5pt; color: #444; }}
  @bottom-right {{
    content: "p. " counter(page) " / " counter(pages); font-size: 7.5pt; color: #444;
  }}
}}
html, body {{ font-size: 10pt; }}
.rt-main {{ padding: 0; margin: 0; max-inline-size: none; }}
table, tr, .rt-kaart {{ break-inside: avoid; }}
"""


def html_naar_pdf(
    html: str, *, voettekst: str = "", fetcher: AlleenStatischeBestanden | None = None
) -> bytes:
    """A rendered page as PDF bytes. `voettekst` goes in the bottom margin of every page."""
    fetcher = fetcher or AlleenStatischeBestanden()
    document = HTML(string=html, base_url=basis_url(), url_fetcher=fetcher)
    pagina = CSS(string=_paginastijl(voettekst), url_fetcher=fetcher)
    return document.write_pdf(stylesheets=[pagina])
