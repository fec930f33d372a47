"""Server-rendered SVG charts: no JavaScript, no style attributes (the CSP allows no inline
styles), only presentation attributes and the classes of thema.css. Each chart is an image with
a title and a description; the table beside it holds the same numbers for everyone."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from math import floor, log10

from django.utils.formats import date_format, number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

Getal = int | float | Decimal
TEKST = "#1a1a1a"
AS = "#595959"
RASTER = "#d0d0d0"
ROOD = "#a4001d"
# Colours with at least 3:1 contrast on white; series also differ in dash and marker shape.
KLEUREN = ("#154273", "#1f6b33", "#8a5a00")
STREEPJES = ("", "8 4", "3 3")
BREEDTE = 520


@dataclass(frozen=True)
class Reeks:
    naam: str
    waarden: Sequence[Getal | None]
    # Per value, what a pointer shows over its marker: '1 van 1 = 100 %' (the n beside the %).
    labels: Sequence[str] | None = None


def _f(x: float) -> str:
    return f"{x:.1f}"


def _kort(waarde: Getal) -> str:
    if float(waarde) == int(waarde):
        return str(int(waarde))
    return number_format(waarde, decimal_pos=1, use_l10n=True)


def mooi_maximum(waarde: float) -> tuple[float, int]:
    """A round upper bound for an axis and the number of steps to it: 34 → (50, 5)."""
    if waarde <= 0:
        return 1.0, 5
    macht = 10 ** floor(log10(waarde))
    for factor, stappen in ((1, 5), (2, 4), (2.5, 5), (5, 5), (10, 5)):
        if waarde <= factor * macht + 1e-9:
            return factor * macht, stappen
    return 10 * macht, 5


def _samen(delen) -> SafeString:
    return mark_safe("".join(delen))  # noqa: S308 - every part comes from format_html


def _svg(sleutel: str, titel: str, beschrijving: str, hoogte: int, delen) -> SafeString:
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="rt-dash-grafiek" role="img" '
        'viewBox="0 0 {} {}" aria-labelledby="{}-titel {}-beschrijving" focusable="false">'
        '<title id="{}-titel">{}</title><desc id="{}-beschrijving">{}</desc>{}</svg>',
        BREEDTE,
        hoogte,
        sleutel,
        sleutel,
        sleutel,
        titel,
        sleutel,
        beschrijving,
        _samen(delen),
    )


def _tekst(x: float, y: float, inhoud: str, anker: str = "middle", klasse: str = "") -> str:
    return format_html(
        '<text x="{}" y="{}" text-anchor="{}" font-size="13" fill="{}"{}>{}</text>',
        _f(x),
        _f(y),
        anker,
        TEKST,
        format_html(' class="{}"', klasse) if klasse else "",
        inhoud,
    )


def _lijn(x1, y1, x2, y2, kleur=RASTER, streep="", dikte=1) -> str:
    return format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"{}/>',
        _f(x1),
        _f(y1),
        _f(x2),
        _f(y2),
        kleur,
        dikte,
        format_html(' stroke-dasharray="{}"', streep) if streep else "",
    )


def _maandlabels(maanden: Sequence[date], xs: Sequence[float], y: float) -> list[str]:
    delen = []
    elke = 1 if len(maanden) <= 12 else 2  # room for about twelve labels
    for i, (maand, x) in enumerate(zip(maanden, xs, strict=True)):
        if i % elke:
            continue
        delen.append(_tekst(x, y, date_format(maand, "M")))
        if i < elke or maand.month <= elke:
            delen.append(_tekst(x, y + 16, str(maand.year)))
    return delen


def _y_as(links, rechts, boven, onder, maximum, stappen, eenheid) -> list[str]:
    delen = []
    for i in range(stappen + 1):
        waarde = maximum * i / stappen
        y = onder - (onder - boven) * i / stappen
        delen.append(_lijn(links, y, rechts, y, kleur=AS if i == 0 else RASTER))
        delen.append(_tekst(links - 6, y + 4, f"{_kort(waarde)}{eenheid}", anker="end"))
    return delen


def _marker(soort: int, x: float, y: float, kleur: str) -> str:
    if soort == 0:
        return format_html('<circle cx="{}" cy="{}" r="4.5" fill="{}"/>', _f(x), _f(y), kleur)
    if soort == 1:
        return format_html(
            '<rect x="{}" y="{}" width="9" height="9" fill="{}"/>', _f(x - 4.5), _f(y - 4.5), kleur
        )
    punten = f"{_f(x)},{_f(y - 5.5)} {_f(x + 5.5)},{_f(y + 4.5)} {_f(x - 5.5)},{_f(y + 4.5)}"
    return format_html('<polygon points="{}" fill="{}"/>', punten, kleur)


def _legenda(reeksen: Sequence[Reeks], y: float, lijn: bool) -> list[str]:
    delen = []
    for i, reeks in enumerate(reeksen):
        x = 48 + i * 160
        kleur = KLEUREN[i % len(KLEUREN)]
        if lijn:
            delen.append(_lijn(x, y, x + 28, y, kleur, STREEPJES[i % 3], 2.5))
            delen.append(_marker(i % 3, x + 14, y, kleur))
        else:
            delen.append(
                format_html(
                    '<rect x="{}" y="{}" width="14" height="14" fill="{}"/>', x, _f(y - 7), kleur
                )
            )
        delen.append(_tekst(x + 34, y + 4, reeks.naam, anker="start"))
    return delen


def lijndiagram(
    sleutel: str,
    titel: str,
    beschrijving: str,
    maanden: Sequence[date],
    reeksen: Sequence[Reeks],
) -> SafeString:
    """Percentages (0–100) per month, one line per series; a month without a value breaks
    the line."""
    hoogte, links, rechts, boven, onder = 300, 52, BREEDTE - 16, 44, 250
    stap = (rechts - links) / max(len(maanden), 1)
    xs = [links + stap * (i + 0.5) for i in range(len(maanden))]
    delen = _legenda(reeksen, 16, lijn=True)
    delen += _y_as(links, rechts, boven, onder, 100, 4, "%")
    delen += _maandlabels(maanden, xs, onder + 18)
    for i, reeks in enumerate(reeksen):
        kleur = KLEUREN[i % len(KLEUREN)]
        labels = reeks.labels or [""] * len(reeks.waarden)
        punten = [
            (x, onder - (onder - boven) * float(w) / 100, label)
            for x, w, label in zip(xs, reeks.waarden, labels, strict=True)
            if w is not None
        ]
        stuk: list[tuple[float, float]] = []
        stukken = [stuk]
        for x, w in zip(xs, reeks.waarden, strict=True):
            if w is None:
                stuk = []
                stukken.append(stuk)
            else:
                stuk.append((x, onder - (onder - boven) * float(w) / 100))
        for s in stukken:
            if len(s) > 1:
                delen.append(
                    format_html(
                        '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"{}/>',
                        " ".join(f"{_f(x)},{_f(y)}" for x, y in s),
                        kleur,
                        format_html(' stroke-dasharray="{}"', STREEPJES[i % 3])
                        if STREEPJES[i % 3]
                        else "",
                    )
                )
        delen += [
            format_html("<g><title>{}</title>{}</g>", label, _marker(i % 3, x, y, kleur))
            if label
            else _marker(i % 3, x, y, kleur)
            for x, y, label in punten
        ]
    return _svg(sleutel, titel, beschrijving, hoogte, delen)


def kolomdiagram(
    sleutel: str,
    titel: str,
    beschrijving: str,
    maanden: Sequence[date],
    waarden: Sequence[Getal | None],
    opmaak: Callable[[Getal], str],
) -> SafeString:
    """One column per month with its value above it."""
    hoogte, links, rechts, boven, onder = 300, 52, BREEDTE - 16, 24, 250
    maximum, stappen = mooi_maximum(max((float(w) for w in waarden if w is not None), default=0))
    stap = (rechts - links) / max(len(maanden), 1)
    xs = [links + stap * (i + 0.5) for i in range(len(maanden))]
    delen = _y_as(links, rechts, boven, onder, maximum, stappen, "")
    delen += _maandlabels(maanden, xs, onder + 18)
    for x, w in zip(xs, waarden, strict=True):
        if w is None:
            continue
        y = onder - (onder - boven) * float(w) / maximum
        delen.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                _f(x - stap * 0.3),
                _f(y),
                _f(stap * 0.6),
                _f(onder - y),
                KLEUREN[0],
            )
        )
        if stap >= 30:  # with many months the table holds the values
            delen.append(_tekst(x, y - 5, opmaak(w)))
    return _svg(sleutel, titel, beschrijving, hoogte, delen)


def balkdiagram(
    sleutel: str,
    titel: str,
    beschrijving: str,
    labels: Sequence[str],
    reeksen: Sequence[Reeks],
    opmaak: Callable[[Getal], str],
    *,
    maximum: float | None = None,
    norm: int | None = None,
    normlabel: str = "",
) -> SafeString:
    """Horizontal bars, one group per label; with a norm, a dashed line marks it and bars
    above it are red (their value is printed beside every bar as well)."""
    links, rechts, boven = 170, BREEDTE - 48, 40 if len(reeksen) > 1 or norm else 12
    balk = 18
    rij = balk * len(reeksen) + 12
    onder = boven + rij * len(labels)
    hoogte = onder + 28
    grootste = max((float(w) for r in reeksen for w in r.waarden if w is not None), default=0)
    if maximum is None:
        maximum, stappen = mooi_maximum(max(grootste, norm or 0))
    else:
        stappen = 4
    delen = _legenda(reeksen, 16, lijn=False) if len(reeksen) > 1 else []
    for i in range(stappen + 1):
        x = links + (rechts - links) * i / stappen
        delen.append(_lijn(x, boven, x, onder, kleur=AS if i == 0 else RASTER))
        delen.append(_tekst(x, onder + 18, _kort(maximum * i / stappen)))
    for r, label in enumerate(labels):
        y0 = boven + r * rij + 6
        delen.append(_tekst(links - 8, y0 + rij / 2, label, anker="end"))
        for s, reeks in enumerate(reeksen):
            w = reeks.waarden[r]
            if w is None:
                continue
            y = y0 + s * balk
            breedte = (rechts - links) * float(w) / maximum
            kleur = ROOD if norm is not None and w > norm else KLEUREN[s % len(KLEUREN)]
            delen.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                    links,
                    _f(y),
                    _f(breedte),
                    balk - 3,
                    kleur,
                )
            )
            delen.append(_tekst(links + breedte + 4, y + balk - 6, opmaak(w), anker="start"))
    if norm is not None:
        x = links + (rechts - links) * norm / maximum
        delen.append(_lijn(x, boven - 6, x, onder, kleur=TEKST, streep="6 4", dikte=2))
        delen.append(_tekst(x, boven - 12, normlabel))
    return _svg(sleutel, titel, beschrijving, hoogte, delen)
