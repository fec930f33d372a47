"""Reads for the staffunctionaris's regional dashboard (DOMAIN.md, "What each user must get").

Queries only: counts, dates and aggregations over `trajecten_voor_aggregaten`, the trajectories
of the PIs in the user's veiligheidsregio. No detainee leaves this module. The one read of the
user's own PI, caseload per casemanager, goes through `trajecten_voor`. Every function costs a
fixed number of queries, whatever the number of trajectories; `dashboard` runs them all and
hands the results to dashboard.cijfers.
"""

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db.models import Count, DateField, ExpressionWrapper, F, Q, QuerySet

from ketenpartners.models import Medewerker, Organisatie
from ketenpartners.rollen import Rol, Soort
from ketenpartners.selectors import zonder_nazorg_in_app
from trajecten.access import trajecten_voor, trajecten_voor_aggregaten
from trajecten.keuzes import IN_DETENTIE, BVStatus, Gesprekssoort, Uitkomst
from trajecten.models import (
    KORT_VERBLIJF,
    AfsluitingUitkomst,
    Overdracht,
    Traject,
    Trajectgesprek,
    UitstroomBasisvoorwaarde,
)
from trajecten.querysets import GEMEENTE_ID, GEMEENTE_NAAM, LIJSTGEGEVENS
from trajecten.selectors import brugdagen, met_termijndata

from . import cijfers
from .periode import Periode, maandbereik, maandeinde


def inrichtingen_in_regio(user: Medewerker) -> QuerySet[Organisatie]:
    """The PIs of the user's veiligheidsregio, for the PI filter."""
    if user.organisatie_id is None:
        return Organisatie.objects.none()
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


def groepen(qs: QuerySet[Traject]) -> dict[str, int]:
    """Active (in detention now), and among them short stays (expected stay under 91 days, as
    Traject.kort_verblijf) and LVB. One query."""
    actief = Q(fase__in=IN_DETENTIE)
    kort = Q(verwachte_uitstroom_datum__lt=_binnenkomst_plus(KORT_VERBLIJF))
    return qs.order_by().aggregate(
        actief=Count("pk", filter=actief),
        kort_verblijf=Count("pk", filter=actief & kort),
        lvb=Count("pk", filter=actief & Q(lvb=True)),
    )


def termijnrijen(qs: QuerySet[Traject], *, periode: Periode) -> QuerySet[Any, Any]:
    """The dates that decide the deadlines of the trajectories that arrived in the period, one
    named row each (no names, no ids). One query."""
    # The stubs do not see the annotations met_termijndata adds (it keeps the queryset's type).
    return (
        met_termijndata(qs.filter(binnenkomst_datum__range=periode.bereik))  # type: ignore[misc]
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


def gehouden_gesprekken(qs: QuerySet[Traject], *, periode: Periode) -> list[int]:
    """Per month: trajectgesprekken held (startoverleg, periodiek, uitstroomoverleg; the MDO is
    internal to the PI). One query."""
    maanden = periode.maanden
    per_maand = (
        Trajectgesprek.objects.filter(traject__in=qs, gehouden_datum__range=periode.bereik)
        .exclude(soort=Gesprekssoort.MDO)
        .aggregate(
            **{
                f"m{i}": Count("pk", filter=Q(gehouden_datum__range=maandbereik(m)))
                for i, m in enumerate(maanden)
            }
        )
    )
    return [per_maand[f"m{i}"] for i in range(len(maanden))]


def in_detentie_per_maand(qs: QuerySet[Traject], *, periode: Periode) -> list[int]:
    """Per month: the trajectories in detention on at least one day of it. One query."""
    maanden = periode.maanden
    per_maand = qs.order_by().aggregate(
        **{
            f"m{i}": Count(
                "pk",
                filter=Q(binnenkomst_datum__lte=maandeinde(m))
                & (Q(uitstroom_datum__isnull=True) | Q(uitstroom_datum__gte=m)),
            )
            for i, m in enumerate(maanden)
        }
    )
    return [per_maand[f"m{i}"] for i in range(len(maanden))]


def responsrijen(qs: QuerySet[Traject], *, periode: Periode) -> QuerySet[Any, Any]:
    """For the trajectories registered in the period (aangemaakt_op, local date): the return
    gemeente (verified, else as notified), its name, and the moments of registration, 'gezien'
    and 'opgepakt'. One query."""
    return (
        qs.filter(aangemaakt_op__date__range=periode.bereik)
        .annotate(
            respons_gemeente=GEMEENTE_ID,
            respons_naam=GEMEENTE_NAAM,
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


def caseload_aantallen(user: Medewerker) -> dict[int | None, int]:
    """Trajectories in detention per casemanager id of the user's own PI (the cases they may
    see); the key None counts those without a casemanager. One query."""
    return dict(
        trajecten_voor(user)
        .filter(pi_id=user.organisatie_id, fase__in=IN_DETENTIE)
        .order_by()
        .values_list("casemanager_id")
        .annotate(n=Count("pk"))
    )


def caseloadnorm(user: Medewerker) -> int:
    """The norm of the user's own PI (`Organisatie.caseload_norm`, else the national one)."""
    pi = user.organisatie if user.organisatie_id else None
    return pi.norm if pi else settings.CASELOAD_NORM


def casemanagers(user: Medewerker, *, met_trajecten) -> QuerySet[Medewerker]:
    """Every active casemanager of the user's own PI, also those with no cases, and anyone else
    among `met_trajecten` (ids) who still holds cases there; by name."""
    return Medewerker.objects.filter(
        Q(organisatie_id=user.organisatie_id, rol=Rol.CASEMANAGER, is_active=True)
        | Q(pk__in=met_trajecten)
    ).order_by("last_name", "first_name", "username")


def _uitgestroomd(qs: QuerySet[Traject], periode: Periode) -> QuerySet[Traject]:
    return qs.filter(uitstroom_datum__range=periode.bereik, overdracht__isnull=False)


def aantal_uitgestroomd(qs: QuerySet[Traject], *, periode: Periode) -> int:
    """The trajectories released in the period with a handover (Overdracht). One query."""
    return Overdracht.objects.filter(traject__in=_uitgestroomd(qs, periode)).count()


def op_orde_bij_uitstroom(qs: QuerySet[Traject], *, periode: Periode) -> dict[str, int]:
    """Of those, per basisvoorwaarde (domein): how many were 'op orde' on the release day. One
    query."""
    return dict(
        UitstroomBasisvoorwaarde.objects.filter(
            overdracht__traject__in=_uitgestroomd(qs, periode), status=BVStatus.OP_ORDE
        )
        .order_by()
        .values_list("domein")
        .annotate(n=Count("pk"))
    )


def op_orde_na_nazorg(qs: QuerySet[Traject], *, periode: Periode) -> dict[str, tuple[int, int]]:
    """Of the trajectories whose nazorg phase was closed in the period (issue 12), per
    basisvoorwaarde: (how many were 'op orde' at the close, how many were closed). One SQL
    aggregate."""
    return {
        r["domein"]: (r["op_orde"], r["afgesloten"])
        for r in AfsluitingUitkomst.objects.filter(
            afsluiting__traject__in=qs, afsluiting__afgesloten_op__date__range=periode.bereik
        )
        .order_by()
        .values("domein")
        .annotate(
            op_orde=Count("pk", filter=Q(uitkomst=Uitkomst.OP_ORDE)),
            afgesloten=Count("afsluiting", distinct=True),
        )
    }


def dashboard(
    *, user: Medewerker, periode: Periode, pi_id: int | None, vandaag: date
) -> cijfers.Dashboard:
    """All figures of the dashboard: a fixed number of queries (about ten)."""
    qs = aggregaten(user, pi_id=pi_id)
    vrij = brugdagen()
    respons, zonder_reactie = cijfers.gemeenterespons(
        responsrijen(qs, periode=periode), vandaag=vandaag, vrije_dagen=vrij
    )
    aantallen = caseload_aantallen(user)
    zonder_casemanager = aantallen.pop(None, 0)
    caseload = cijfers.caseload(
        casemanagers(user, met_trajecten=aantallen), aantallen, norm=caseloadnorm(user)
    )
    uitgestroomd = aantal_uitgestroomd(qs, periode=periode)
    bij_uitstroom = cijfers.bij_uitstroom(op_orde_bij_uitstroom(qs, periode=periode), uitgestroomd)
    na_nazorg = op_orde_na_nazorg(qs, periode=periode)
    termijnen = cijfers.termijntrend(
        termijnrijen(qs, periode=periode), periode=periode, vandaag=vandaag, vrije_dagen=vrij
    )
    gesprekken = cijfers.gesprekken_per_maand(
        periode.maanden,
        gehouden_gesprekken(qs, periode=periode),
        in_detentie_per_maand(qs, periode=periode),
    )
    return cijfers.Dashboard(
        periode=periode,
        groepen=cijfers.Groepen(**groepen(qs)),
        termijnen=termijnen,
        gesprekken=gesprekken,
        respons=respons,
        zonder_reactie=zonder_reactie,
        caseload=caseload,
        zonder_casemanager=zonder_casemanager,
        uitgestroomd=uitgestroomd,
        bij_uitstroom=bij_uitstroom,
        afgesloten=max((n for _o, n in na_nazorg.values()), default=0),
        na_nazorg=cijfers.na_nazorg(na_nazorg),
    )


def zonder_bereik(user: Medewerker) -> QuerySet[Traject]:
    """The own PI's cases in detention whose return gemeente has no active nazorgcoördinator
    (or is unknown): nobody at the gemeente reads them here (issue 12). Rows of the own PI
    only, through the door; one query per page whatever the number of cases."""
    return (
        trajecten_voor(user)
        .filter(pi_id=user.organisatie_id, fase__in=IN_DETENTIE)
        .alias(terug_gemeente=GEMEENTE_ID)
        .filter(
            Q(terug_gemeente__isnull=True)
            | Q(terug_gemeente__in=zonder_nazorg_in_app().values("pk"))
        )
        .select_related(*LIJSTGEGEVENS)
        .order_by("verwachte_uitstroom_datum", "pk")
    )
