"""Reads for the staffunctionaris's regional dashboard (DOMAIN.md, "What each user must get").

Everything here is a count, a share or a median over `trajecten_voor_aggregaten`: the
trajectories of the PIs in the user's veiligheidsregio. No detainee leaves this module; where
Python does the counting (deadlines, working days) it reads dates only. The one read of the
user's own PI, caseload per casemanager, goes through `trajecten_voor`. Every function costs a
fixed number of queries, whatever the number of trajectories.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from statistics import median

from django.conf import settings
from django.db.models import Count, DateField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from ketenpartners.models import Medewerker, Organisatie
from ketenpartners.rollen import Rol, Soort
from trajecten.access import trajecten_voor, trajecten_voor_aggregaten
from trajecten.deadlines import Termijnsoort, Termijnstatus, werkdagen_tussen
from trajecten.keuzes import IN_DETENTIE, BVStatus, Domein, Gesprekssoort
from trajecten.models import (
    KORT_VERBLIJF,
    Overdracht,
    Traject,
    Trajectgesprek,
    UitstroomBasisvoorwaarde,
)
from trajecten.selectors import brugdagen, met_termijndata, termijnen_van

TREND_SOORTEN = (
    Termijnsoort.CONTACT_GEMEENTE,
    Termijnsoort.PLAN_VASTGESTELD,
    Termijnsoort.STARTOVERLEG,
)
# A deadline counts once it is decided: met (on time or late) or missed. Open deadlines are
# not yet due and lapsed ones ended with the detention (DOMAIN.md): neither counts.
BESLIST = {Termijnstatus.GEHAALD, Termijnstatus.TE_LAAT_GEHAALD, Termijnstatus.GEMIST}


def maand_plus(maand: date, n: int) -> date:
    index = maand.year * 12 + maand.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def maandeinde(maand: date) -> date:
    return maand_plus(maand, 1) - timedelta(days=1)


@dataclass(frozen=True)
class Periode:
    """Whole calendar months, `van` and `tot` being the first day of the first and last one."""

    van: date
    tot: date

    @property
    def maanden(self) -> list[date]:
        aantal = (self.tot.year - self.van.year) * 12 + self.tot.month - self.van.month + 1
        return [maand_plus(self.van, i) for i in range(aantal)]

    @property
    def einde(self) -> date:
        return maandeinde(self.tot)


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
    domein: str
    label: str
    op_orde: int
    uitgestroomd: int

    @property
    def procent(self) -> int | None:
        return procent(self.op_orde, self.uitgestroomd)


def inrichtingen_in_regio(user: Medewerker) -> QuerySet[Organisatie]:
    """The PIs of the user's veiligheidsregio, for the PI filter."""
    regio = Organisatie.objects.filter(pk=user.organisatie_id).values("regio_id")
    return (
        Organisatie.objects.filter(soort=Soort.PI, regio_id__in=regio)
        .select_related("regio")
        .order_by("naam")
    )


def aggregaten(user: Medewerker, *, pi_id: int | None = None) -> QuerySet[Traject]:
    """For counts only: the region's trajectories, or those of one PI of the region."""
    qs = trajecten_voor_aggregaten(user)
    return qs.filter(pi_id=pi_id) if pi_id else qs


def _binnenkomst_plus(duur: timedelta) -> ExpressionWrapper:
    return ExpressionWrapper(F("binnenkomst_datum") + duur, output_field=DateField())


def groepen(qs: QuerySet[Traject]) -> Groepen:
    """Active (in detention now), and among them short stays (expected stay under 91 days, as
    Traject.kort_verblijf) and LVB. One query."""
    actief = Q(fase__in=IN_DETENTIE)
    kort = Q(verwachte_uitstroom_datum__lt=_binnenkomst_plus(KORT_VERBLIJF))
    cijfers = qs.order_by().aggregate(
        actief=Count("pk", filter=actief),
        kort_verblijf=Count("pk", filter=actief & kort),
        lvb=Count("pk", filter=actief & Q(gedetineerde__lvb=True)),
    )
    return Groepen(**cijfers)


def termijntrend(
    qs: QuerySet[Traject], *, periode: Periode, vandaag: date, vrije_dagen: frozenset[date]
) -> list[TermijnMaand]:
    """Per month of arrival: of the deadlines already decided, how many were met on time
    (status gehaald). One query; the deadlines are computed in Python from dates only."""
    rijen = (
        met_termijndata(qs.filter(binnenkomst_datum__range=(periode.van, periode.einde)))
        .order_by()
        .values_list(
            "binnenkomst_datum",
            "verwachte_uitstroom_datum",
            "uitstroom_datum",
            "contact_gemeente_datum",
            "plan_vastgesteld_datum",
            "startoverleg_datum",
            "laatste_mdo_datum",
            "uitstroomoverleg_datum",
            named=True,
        )
    )
    tellers = {m: dict.fromkeys(TREND_SOORTEN, Teller()) for m in periode.maanden}
    for rij in rijen:
        per_soort = tellers[rij.binnenkomst_datum.replace(day=1)]
        for termijn in termijnen_van(rij, vandaag=vandaag, vrije_dagen=vrije_dagen):
            if termijn.soort in per_soort and termijn.status in BESLIST:
                gehaald = int(termijn.status == Termijnstatus.GEHAALD)
                per_soort[termijn.soort] += Teller(gehaald, 1)
    return [TermijnMaand(m, *(tellers[m][s] for s in TREND_SOORTEN)) for m in periode.maanden]


def gesprekken_per_maand(qs: QuerySet[Traject], *, periode: Periode) -> list[GesprekkenMaand]:
    """Per month: trajectgesprekken held (startoverleg, periodiek, uitstroomoverleg; the MDO is
    internal to the PI) and the trajectories in detention on at least one day of that month.
    Two queries."""
    maanden = periode.maanden
    gehouden = (
        Trajectgesprek.objects.filter(
            traject__in=qs, gehouden_datum__range=(periode.van, periode.einde)
        )
        .exclude(soort=Gesprekssoort.MDO)
        .aggregate(
            **{
                f"m{i}": Count("pk", filter=Q(gehouden_datum__range=(m, maandeinde(m))))
                for i, m in enumerate(maanden)
            }
        )
    )
    in_detentie = qs.order_by().aggregate(
        **{
            f"m{i}": Count(
                "pk",
                filter=Q(binnenkomst_datum__lte=maandeinde(m))
                & (Q(uitstroom_datum__isnull=True) | Q(uitstroom_datum__gte=m)),
            )
            for i, m in enumerate(maanden)
        }
    )
    return [
        GesprekkenMaand(m, gehouden[f"m{i}"], in_detentie[f"m{i}"]) for i, m in enumerate(maanden)
    ]


def gemeenterespons(
    qs: QuerySet[Traject], *, periode: Periode, vandaag: date, vrije_dagen: frozenset[date]
) -> tuple[list[GemeenteRespons], list[ZonderReactie]]:
    """Per return gemeente (verified, else as notified), for the trajectories registered in the
    period: the median working days from registration (aangemaakt_op, local date) to 'gezien'
    and to 'opgepakt'. Slowest first. Second list: gemeenten that responded to none of them,
    longest waiting first (working days since their oldest registration). One query."""
    rijen = (
        qs.filter(aangemaakt_op__date__range=(periode.van, periode.einde))
        .annotate(
            respons_gemeente=Coalesce("terugkeer_gemeente_id", "gemelde_gemeente_id"),
            respons_naam=Coalesce("terugkeer_gemeente__naam", "gemelde_gemeente__naam"),
        )
        .filter(respons_gemeente__isnull=False)
        .order_by()
        .values_list(
            "respons_gemeente",
            "respons_naam",
            "aangemaakt_op",
            "gezien_door_gemeente_op",
            "opgepakt_op",
        )
    )
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


def caseload_per_casemanager(user: Medewerker) -> tuple[list[Caseload], int]:
    """Trajectories in detention per casemanager of the user's own PI (the cases they may see)
    against the national norm: every active casemanager, also those with none, and anyone else
    who still holds cases there. Second: the active trajectories without a casemanager. Two
    queries."""
    norm = settings.CASELOAD_NORM
    aantallen = dict(
        trajecten_voor(user)
        .filter(pi_id=user.organisatie_id, fase__in=IN_DETENTIE)
        .order_by()
        .values_list("casemanager_id")
        .annotate(n=Count("pk"))
    )
    zonder_casemanager = aantallen.pop(None, 0)
    casemanagers = Medewerker.objects.filter(
        Q(organisatie_id=user.organisatie_id, rol=Rol.CASEMANAGER, is_active=True)
        | Q(pk__in=aantallen)
    ).order_by("last_name", "first_name", "username")
    regels = [Caseload(str(cm), aantallen.get(cm.pk, 0), norm) for cm in casemanagers]
    return regels, zonder_casemanager


def basisvoorwaarden_bij_uitstroom(
    qs: QuerySet[Traject], *, periode: Periode
) -> tuple[int, list[BijUitstroom]]:
    """Of the trajectories released in the period with a handover (Overdracht), per
    basisvoorwaarde in its fixed order: how many were 'op orde' on the release day. Two
    queries."""
    uitgestroomd = qs.filter(
        uitstroom_datum__range=(periode.van, periode.einde), overdracht__isnull=False
    )
    aantal = Overdracht.objects.filter(traject__in=uitgestroomd).count()
    op_orde = dict(
        UitstroomBasisvoorwaarde.objects.filter(
            overdracht__traject__in=uitgestroomd, status=BVStatus.OP_ORDE
        )
        .order_by()
        .values_list("domein")
        .annotate(n=Count("pk"))
    )
    return aantal, [
        BijUitstroom(d.value, str(d.label), op_orde.get(d.value, 0), aantal) for d in Domein
    ]


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

    @property
    def contact_totaal(self) -> Teller:
        return sum((m.contact for m in self.termijnen), Teller())

    @property
    def plan_totaal(self) -> Teller:
        return sum((m.plan for m in self.termijnen), Teller())

    @property
    def startoverleg_totaal(self) -> Teller:
        return sum((m.startoverleg for m in self.termijnen), Teller())


def dashboard(*, user: Medewerker, periode: Periode, pi_id: int | None, vandaag: date) -> Dashboard:
    """All figures of the dashboard: a fixed number of queries (about ten)."""
    qs = aggregaten(user, pi_id=pi_id)
    vrij = brugdagen()
    respons, zonder_reactie = gemeenterespons(
        qs, periode=periode, vandaag=vandaag, vrije_dagen=vrij
    )
    caseload, zonder_casemanager = caseload_per_casemanager(user)
    uitgestroomd, bij_uitstroom = basisvoorwaarden_bij_uitstroom(qs, periode=periode)
    return Dashboard(
        periode=periode,
        groepen=groepen(qs),
        termijnen=termijntrend(qs, periode=periode, vandaag=vandaag, vrije_dagen=vrij),
        gesprekken=gesprekken_per_maand(qs, periode=periode),
        respons=respons,
        zonder_reactie=zonder_reactie,
        caseload=caseload,
        zonder_casemanager=zonder_casemanager,
        uitgestroomd=uitgestroomd,
        bij_uitstroom=bij_uitstroom,
    )
