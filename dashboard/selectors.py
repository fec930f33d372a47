"""Reads for the staffunctionaris's regional dashboard (DOMAIN.md, "What each user must get").

Queries only: counts, dates and aggregations over `trajecten_voor_aggregaten`, the trajectories
of the PIs in the user's veiligheidsregio. No detainee leaves this module. The one read of the
user's own PI, caseload per casemanager, goes through `trajecten_voor_per_rij`, the list of
cases without reachability through `trajecten_voor`. Every function
costs a fixed number of queries, whatever the number of trajectories; `dashboard` runs them all
and hands the results to dashboard.cijfers.
"""

from collections.abc import Iterable
from contextlib import suppress
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import connections
from django.db.models import Count, DateField, ExpressionWrapper, F, Q, QuerySet
from django.db.models.functions import TruncDate
from redis.exceptions import RedisError

from ketenpartners.models import Medewerker, Organisatie
from ketenpartners.rollen import Rol, Soort
from ketenpartners.selectors import zonder_nazorg_in_app
from trajecten.access import trajecten_voor, trajecten_voor_aggregaten, trajecten_voor_per_rij
from trajecten.kalender import zorg_voor_kalender
from trajecten.keuzes import IN_DETENTIE, BVStatus, Gesprekssoort, Uitkomst
from trajecten.models import (
    KORT_VERBLIJF,
    AfsluitingUitkomst,
    Kalenderdag,
    Overdracht,
    Traject,
    Trajectgesprek,
    UitstroomBasisvoorwaarde,
)
from trajecten.querysets import GEMEENTE_ID, GEMEENTE_NAAM, LIJSTGEGEVENS
from trajecten.selectors import met_termijndata

from . import cijfers
from .periode import Periode, maandbereik, maandeinde

# Regional figures are the same for every process: the shared (Redis) cache.
CACHE = "gedeeld"


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
    # Every count is of active cases: read those (partial index traject_in_detentie), not the
    # region's ten years of history (issue 18).
    return (
        qs.filter(actief)
        .order_by()
        .aggregate(
            actief=Count("pk", filter=actief),
            kort_verblijf=Count("pk", filter=actief & kort),
            lvb=Count("pk", filter=actief & Q(lvb=True)),
        )
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
    in_periode = Q(binnenkomst_datum__lte=periode.einde) & (
        Q(uitstroom_datum__isnull=True) | Q(uitstroom_datum__gte=periode.van)
    )
    per_maand = (
        qs.filter(in_periode)
        .order_by()
        .aggregate(
            **{
                f"m{i}": Count(
                    "pk",
                    filter=Q(binnenkomst_datum__lte=maandeinde(m))
                    & (Q(uitstroom_datum__isnull=True) | Q(uitstroom_datum__gte=m)),
                )
                for i, m in enumerate(maanden)
            }
        )
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
    # Driven by the PI's cases in detention (traject_in_detentie), the door per row: the
    # UNION form first gathered every grant of the PI's ten years (issue 18).
    return dict(
        trajecten_voor_per_rij(user)
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


KALENDER = Kalenderdag._meta.db_table


def _sql(qs: QuerySet[Any, Any]) -> tuple[str, tuple[Any, ...]]:
    """The SQL of a queryset, compiled for the connection it reads from (the replica or not);
    empty for a queryset that can hold nothing (`_rijen` then runs nothing)."""
    if qs.query.is_empty():
        return "", ()
    sql, params = qs.query.get_compiler(using=qs.db).as_sql()
    return sql, tuple(params)


def _rijen(qs: QuerySet[Any, Any], sql: str, params: tuple[Any, ...]) -> list[tuple[Any, ...]]:
    if qs.query.is_empty():  # .none(): a user who may see no region's figures
        return []
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def termijntrend(
    qs: QuerySet[Traject], *, periode: Periode, vandaag: date
) -> list[cijfers.TermijnMaand]:
    """Per month of arrival, of the trajectories that arrived in the period: for the ten-day
    contact step, the adopted plan and the startoverleg, how many deadlines were decided and how
    many of them met on time. One statement: the deadline days from the calendar table
    (`Kalenderdag`'s identities), the status rules of `trajecten.deadlines._beoordeel` as
    FILTER clauses; `cijfers.termijntrend` is the same count in Python, the reference the tests
    compare with. The caller makes sure the calendar holds `vandaag` (zorg_voor_kalender)."""
    data = (
        met_termijndata(qs.filter(binnenkomst_datum__range=periode.bereik))  # type: ignore[misc]
        .order_by()
        .values(
            "binnenkomst_datum",
            "uitstroom_datum",
            "contact_gemeente_datum",
            "plan_vastgesteld_datum",
            "startoverleg_datum",
        )
    )
    binnen, params = _sql(data)

    def teller(gebeurd: str, uiterlijk: str) -> str:
        # Met: the event on or before the day; decided: met at all, or missed: the day past,
        # counted to the release at the latest (LEAST skips NULL). A release before the day
        # (lapsed) never passes that test, so it needs no clause of its own.
        return f"""
            COUNT(*) FILTER (WHERE t.{gebeurd} <= {uiterlijk}.datum),
            COUNT(*) FILTER (WHERE t.{gebeurd} IS NOT NULL
                             OR LEAST(%s::date, t.uitstroom_datum) > {uiterlijk}.datum)"""

    sql = f"""
        WITH t AS MATERIALIZED ({binnen})
        SELECT date_trunc('month', t.binnenkomst_datum)::date,
               {teller("contact_gemeente_datum", "tien")},
               {teller("plan_vastgesteld_datum", "vier")},
               {teller("startoverleg_datum", "vier")}
          FROM t
          JOIN {KALENDER} b ON b.datum = t.binnenkomst_datum
          JOIN {KALENDER} tien ON tien.werkdag AND tien.volgnummer = b.volgnummer + 10
          JOIN {KALENDER} w4 ON w4.datum = t.binnenkomst_datum + 28
          JOIN {KALENDER} vier
            ON vier.werkdag AND vier.volgnummer = w4.volgnummer - w4.werkdag::int + 1
         GROUP BY 1
    """  # noqa: S608 - table names are the models' own, values are parameters
    per_maand = {
        maand: [cijfers.Teller(*tellers[i : i + 2]) for i in (0, 2, 4)]
        for maand, *tellers in _rijen(data, sql, (*params, vandaag, vandaag, vandaag))
    }
    leeg = [cijfers.Teller()] * 3
    return [cijfers.TermijnMaand(m, *per_maand.get(m, leeg)) for m in periode.maanden]


def gemeenterespons(
    qs: QuerySet[Traject], *, periode: Periode, vandaag: date
) -> tuple[list[cijfers.GemeenteRespons], list[cijfers.ZonderReactie]]:
    """Per return gemeente of the trajectories registered in the period: the median working
    days from registration (local date) to 'gezien' and to 'opgepakt', slowest first; and the
    gemeenten that answered none, longest waiting first (working days since their oldest
    registration). One statement; working days between two days are the difference of their
    calendar `volgnummer`. `cijfers.gemeenterespons` is the Python reference."""
    data = (
        qs.filter(aangemaakt_op__date__range=periode.bereik)
        .annotate(
            respons_gemeente=GEMEENTE_ID,
            respons_naam=GEMEENTE_NAAM,
            gemeld=TruncDate("aangemaakt_op"),
            gezien=TruncDate("gezien_door_gemeente_op"),
            opgepakt=TruncDate("opgepakt_op"),
        )
        .filter(respons_gemeente__isnull=False)
        .order_by()
        .values("respons_gemeente", "respons_naam", "gemeld", "gezien", "opgepakt")
    )
    binnen, params = _sql(data)
    sql = f"""
        WITH r AS MATERIALIZED ({binnen})
        SELECT r.respons_gemeente, MAX(r.respons_naam), COUNT(*),
               COUNT(z.volgnummer),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY z.volgnummer - g.volgnummer),
               COUNT(o.volgnummer),
               percentile_cont(0.5) WITHIN GROUP (ORDER BY o.volgnummer - g.volgnummer),
               (SELECT volgnummer FROM {KALENDER} WHERE datum = %s) - MIN(g.volgnummer)
          FROM r
          JOIN {KALENDER} g ON g.datum = r.gemeld
          LEFT JOIN {KALENDER} z ON z.datum = r.gezien
          LEFT JOIN {KALENDER} o ON o.datum = r.opgepakt
         GROUP BY r.respons_gemeente
    """  # noqa: S608 - table names are the models' own, values are parameters
    respons, zonder = [], []
    for _id, naam, gemeld, gezien, m_gezien, opgepakt, m_opgepakt, wachten in _rijen(
        data, sql, (*params, vandaag)
    ):
        if not gezien and not opgepakt:
            zonder.append(cijfers.ZonderReactie(naam, gemeld, wachten))
        else:
            respons.append(
                cijfers.GemeenteRespons(naam, gemeld, gezien, m_gezien, opgepakt, m_opgepakt)
            )
    respons.sort(key=lambda r: (-(r.mediaan_gezien or 0), -(r.mediaan_opgepakt or 0), r.naam))
    zonder.sort(key=lambda z: (-z.werkdagen_wachten, -z.trajecten, z.naam))
    return respons, zonder


# The parts of the dashboard, and which part each table (and so each CSV file) needs.
DELEN = ("groepen", "termijnen", "gesprekken", "respons", "uitstroom", "na_nazorg", "caseload")
TABEL_DEEL = {
    "termijnen": "termijnen",
    "gesprekken": "gesprekken",
    "gemeenten": "respons",
    "zonder_reactie": "respons",
    "caseload": "caseload",
    "groepen": "groepen",
    "uitstroom": "uitstroom",
    "na_nazorg": "na_nazorg",
}
CACHEVERSIE = 1
GEEN_GROEPEN = {"actief": 0, "kort_verblijf": 0, "lvb": 0}


def _regiodeel(deel: str, qs: QuerySet[Traject], *, periode: Periode, vandaag: date) -> Any:
    """One part of the regional figures as plain data (no translated text, so it can be
    cached for every language)."""
    if deel == "groepen":
        return groepen(qs)
    if deel == "termijnen":
        return termijntrend(qs, periode=periode, vandaag=vandaag)
    if deel == "gesprekken":
        return cijfers.gesprekken_per_maand(
            periode.maanden,
            gehouden_gesprekken(qs, periode=periode),
            in_detentie_per_maand(qs, periode=periode),
        )
    if deel == "respons":
        return gemeenterespons(qs, periode=periode, vandaag=vandaag)
    if deel == "uitstroom":
        return aantal_uitgestroomd(qs, periode=periode), op_orde_bij_uitstroom(qs, periode=periode)
    if deel == "na_nazorg":
        return op_orde_na_nazorg(qs, periode=periode)
    raise ValueError(deel)


def cachesleutel(
    deel: str, *, regio_id: int | None, pi_id: int | None, periode: Periode, vandaag: date
) -> str:
    return (
        f"dashboard:{CACHEVERSIE}:{deel}:{regio_id}:{pi_id or '-'}:"
        f"{periode.van:%Y-%m}:{periode.tot:%Y-%m}:{vandaag:%Y-%m-%d}"
    )


def regiocijfers(
    user: Medewerker,
    *,
    delen: Iterable[str],
    periode: Periode,
    pi_id: int | None,
    vandaag: date,
) -> dict[str, Any]:
    """The regional parts asked for, from the shared cache per region, PI filter, period and
    day (ADR 0027), computed in SQL for what is not there. Every staffunctionaris of a region
    sees the same regional figures, so one computation serves them all; a user who may see no
    region's figures gets empty ones and never a cached value."""
    qs = aggregaten(user, pi_id=pi_id)
    seconden = settings.DASHBOARD_CACHE_SECONDEN
    leeg = qs.query.is_empty()
    sleutels = {}
    gevonden: dict[str, Any] = {}
    if seconden and not leeg:
        regio_id = user.organisatie.regio_id if user.organisatie else None
        sleutels = {
            deel: cachesleutel(
                deel, regio_id=regio_id, pi_id=pi_id, periode=periode, vandaag=vandaag
            )
            for deel in delen
        }
        try:
            uit_cache = caches[CACHE].get_many(list(sleutels.values()))
        except RedisError:  # Redis down: computed, as with the cache off
            uit_cache, sleutels = {}, {}
        gevonden = {d: uit_cache[k] for d, k in sleutels.items() if k in uit_cache}
    nieuw = {}
    for deel in delen:
        if deel not in gevonden:
            if deel in ("termijnen", "respons"):
                zorg_voor_kalender(vandaag)
            nieuw[deel] = _regiodeel(deel, qs, periode=periode, vandaag=vandaag)
    if sleutels and nieuw:
        with suppress(RedisError):
            caches[CACHE].set_many({sleutels[d]: v for d, v in nieuw.items()}, timeout=seconden)
    return gevonden | nieuw


def dashboard(
    *,
    user: Medewerker,
    periode: Periode,
    pi_id: int | None,
    vandaag: date,
    delen: Iterable[str] = DELEN,
) -> cijfers.Dashboard:
    """The figures of the dashboard, or of the `delen` one table needs (a CSV file computes
    only its own table): a fixed number of queries per part, none for a part in the cache.
    Parts not asked for are empty. The caseload is of the user's own PI and read live."""
    delen = [d for d in DELEN if d in set(delen)]
    regio = regiocijfers(
        user,
        delen=[d for d in delen if d != "caseload"],
        periode=periode,
        pi_id=pi_id,
        vandaag=vandaag,
    )
    caseload: list[cijfers.Caseload] = []
    zonder_casemanager = 0
    if "caseload" in delen:
        aantallen = caseload_aantallen(user)
        zonder_casemanager = aantallen.pop(None, 0)
        caseload = cijfers.caseload(
            casemanagers(user, met_trajecten=aantallen), aantallen, norm=caseloadnorm(user)
        )
    uitgestroomd, op_orde = regio.get("uitstroom", (0, {}))
    na_nazorg = regio.get("na_nazorg", {})
    respons, zonder_reactie = regio.get("respons", ([], []))
    return cijfers.Dashboard(
        periode=periode,
        groepen=cijfers.Groepen(
            **regio.get("groepen", {"actief": 0, "kort_verblijf": 0, "lvb": 0})
        ),
        termijnen=regio.get("termijnen", []),
        gesprekken=regio.get("gesprekken", []),
        respons=respons,
        zonder_reactie=zonder_reactie,
        caseload=caseload,
        zonder_casemanager=zonder_casemanager,
        uitgestroomd=uitgestroomd,
        bij_uitstroom=cijfers.bij_uitstroom(op_orde, uitgestroomd),
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
