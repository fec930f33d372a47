"""The dashboard's figures: the rows and counts that dashboard.selectors reads, turned into the
numbers its tables, charts and CSV files show.

No queries here: every function takes what a selector returned (rows of dates, counts per
month or per key) and `vandaag` where the answer depends on the day. No detainee is in these
figures; where Python does the counting (deadlines, working days) it reads dates only.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from statistics import median
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from trajecten.deadlines import Termijnsoort, Termijnstatus, werkdagen_tussen
from trajecten.keuzes import Domein
from trajecten.selectors import termijnen_van

from .periode import Periode, eerste_van_maand

if TYPE_CHECKING:
    from ketenpartners.models import Medewerker

TREND_SOORTEN = (
    Termijnsoort.CONTACT_GEMEENTE,
    Termijnsoort.PLAN_VASTGESTELD,
    Termijnsoort.STARTOVERLEG,
)
# A deadline counts once it is decided: met (on time or late) or missed. Open deadlines are
# not yet due and lapsed ones ended with the detention (DOMAIN.md): neither counts.
BESLIST = {Termijnstatus.GEHAALD, Termijnstatus.TE_LAAT_GEHAALD, Termijnstatus.GEMIST}


def procent(deel: int, geheel: int) -> int | None:
    """Whole percent, half rounded up; None when there is nothing to divide."""
    if not geheel:
        return None
    return int((Decimal(100 * deel) / geheel).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class Teller:
    op_tijd: int = 0
    beslist: int = 0

    @property
    def procent(self) -> int | None:
        return procent(self.op_tijd, self.beslist)

    def __add__(self, ander: "Teller") -> "Teller":
        return Teller(self.op_tijd + ander.op_tijd, self.beslist + ander.beslist)


@dataclass(frozen=True)
class TermijnMaand:
    maand: date
    contact: Teller
    plan: Teller
    startoverleg: Teller


@dataclass(frozen=True)
class GesprekkenMaand:
    maand: date
    gehouden: int
    in_detentie: int

    @property
    def per_traject(self) -> Decimal | None:
        if not self.in_detentie:
            return None
        return (Decimal(self.gehouden) / self.in_detentie).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )


@dataclass(frozen=True)
class GemeenteRespons:
    naam: str
    trajecten: int
    gezien: int
    mediaan_gezien: float | None
    opgepakt: int
    mediaan_opgepakt: float | None


@dataclass(frozen=True)
class ZonderReactie:
    naam: str
    trajecten: int
    werkdagen_wachten: int


@dataclass(frozen=True)
class Groepen:
    actief: int
    kort_verblijf: int
    lvb: int


@dataclass(frozen=True)
class Caseload:
    naam: str
    aantal: int
    norm: int

    @property
    def boven_norm(self) -> bool:
        return self.aantal > self.norm


@dataclass(frozen=True)
class BijUitstroom:
    domein: Domein
    label: str
    op_orde: int
    uitgestroomd: int

    @property
    def procent(self) -> int | None:
        return procent(self.op_orde, self.uitgestroomd)


@dataclass(frozen=True)
class Dashboard:
    periode: Periode
    groepen: Groepen
    termijnen: list[TermijnMaand]
    gesprekken: list[GesprekkenMaand]
    respons: list[GemeenteRespons]
    zonder_reactie: list[ZonderReactie]
    caseload: list[Caseload]
    zonder_casemanager: int
    uitgestroomd: int
    bij_uitstroom: list[BijUitstroom]
    # Issue 12: closed after the nazorg phase, and per basisvoorwaarde 'op orde' at the close.
    afgesloten: int = 0
    na_nazorg: list[BijUitstroom] = field(default_factory=list)

    @property
    def contact_totaal(self) -> Teller:
        return sum((m.contact for m in self.termijnen), Teller())

    @property
    def plan_totaal(self) -> Teller:
        return sum((m.plan for m in self.termijnen), Teller())

    @property
    def startoverleg_totaal(self) -> Teller:
        return sum((m.startoverleg for m in self.termijnen), Teller())


def termijntrend(
    rijen: Iterable[Any], *, periode: Periode, vandaag: date, vrije_dagen: frozenset[date]
) -> list[TermijnMaand]:
    """Per month of arrival: of the deadlines already decided, how many were met on time
    (status gehaald). `rijen` carry the dates of `trajecten.selectors.met_termijndata`.
    The reference for `dashboard.selectors.termijntrend`, which counts the same in SQL
    (issue 18); the tests compare the two."""
    tellers = {m: dict.fromkeys(TREND_SOORTEN, Teller()) for m in periode.maanden}
    for rij in rijen:
        per_soort = tellers[eerste_van_maand(rij.binnenkomst_datum)]
        for termijn in termijnen_van(rij, vandaag=vandaag, vrije_dagen=vrije_dagen):
            if termijn.soort in per_soort and termijn.status in BESLIST:
                gehaald = int(termijn.status == Termijnstatus.GEHAALD)
                per_soort[termijn.soort] += Teller(gehaald, 1)
    return [TermijnMaand(m, *(tellers[m][s] for s in TREND_SOORTEN)) for m in periode.maanden]


def gesprekken_per_maand(
    maanden: list[date], gehouden: list[int], in_detentie: list[int]
) -> list[GesprekkenMaand]:
    """Per month: trajectgesprekken held against the trajectories in detention that month."""
    return [GesprekkenMaand(*maand) for maand in zip(maanden, gehouden, in_detentie, strict=True)]


def gemeenterespons(
    rijen: Iterable[Any],
    *,
    vandaag: date,
    vrije_dagen: frozenset[date],
) -> tuple[list[GemeenteRespons], list[ZonderReactie]]:
    """Per gemeente, from rows (gemeente, naam, aangemaakt_op, gezien_op, opgepakt_op): the
    median working days from registration (local date) to 'gezien' and to 'opgepakt'. Slowest
    first. Second list: gemeenten that responded to none of their trajectories, longest waiting
    first (working days since their oldest registration). The reference for
    `dashboard.selectors.gemeenterespons` (SQL, issue 18); the tests compare the two."""
    per_gemeente: dict[int, dict] = defaultdict(
        lambda: {"naam": "", "gemeld": [], "gezien": [], "opgepakt": []}
    )
    for gemeente, naam, aangemaakt, gezien, opgepakt in rijen:
        g = per_gemeente[gemeente]
        g["naam"] = naam
        gemeld = timezone.localdate(aangemaakt)
        g["gemeld"].append(gemeld)
        for sleutel, moment in (("gezien", gezien), ("opgepakt", opgepakt)):
            if moment is not None:
                g[sleutel].append(
                    werkdagen_tussen(gemeld, timezone.localdate(moment), brugdagen=vrije_dagen)
                )
    respons, zonder = [], []
    for g in per_gemeente.values():
        if not g["gezien"] and not g["opgepakt"]:
            wachten = werkdagen_tussen(min(g["gemeld"]), vandaag, brugdagen=vrije_dagen)
            zonder.append(ZonderReactie(g["naam"], len(g["gemeld"]), wachten))
            continue
        respons.append(
            GemeenteRespons(
                naam=g["naam"],
                trajecten=len(g["gemeld"]),
                gezien=len(g["gezien"]),
                mediaan_gezien=median(g["gezien"]) if g["gezien"] else None,
                opgepakt=len(g["opgepakt"]),
                mediaan_opgepakt=median(g["opgepakt"]) if g["opgepakt"] else None,
            )
        )
    respons.sort(key=lambda r: (-(r.mediaan_gezien or 0), -(r.mediaan_opgepakt or 0), r.naam))
    zonder.sort(key=lambda z: (-z.werkdagen_wachten, -z.trajecten, z.naam))
    return respons, zonder


def caseload(
    casemanagers: Iterable["Medewerker"], aantallen: Mapping[int | None, int], *, norm: int
) -> list[Caseload]:
    """One line per casemanager, in the given order, with their count (none: 0)."""
    return [Caseload(str(cm), aantallen.get(cm.pk, 0), norm) for cm in casemanagers]


def bij_uitstroom(op_orde: dict[str, int], uitgestroomd: int) -> list[BijUitstroom]:
    """Per basisvoorwaarde, in its fixed order: 'op orde' at release out of those released."""
    return [BijUitstroom(d, str(d.label), op_orde.get(d.value, 0), uitgestroomd) for d in Domein]


def na_nazorg(rijen: Mapping[str, tuple[int, int]]) -> list[BijUitstroom]:
    """Per basisvoorwaarde, in its fixed order: 'op orde' at the close of the nazorg phase out
    of the cases closed (`rijen`: domein → (op orde, closed))."""
    return [BijUitstroom(d, str(d.label), *rijen.get(d.value, (0, 0))) for d in Domein]
