"""Reads of trajectories, always through the access door. Deadlines are computed from a handful
of annotated event dates, so a list of any length costs the same few queries."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

from django.apps import apps
from django.conf import settings
from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Least, TruncDate
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import Auditactie, Auditregel
from ketenpartners.deelmatrix import GRONDSLAG_RISICOS, zicht
from ketenpartners.models import Contactpunt, Medewerker, Organisatie
from ketenpartners.rollen import Rol, Soort
from ketenpartners.selectors import Bereik, bereik_uit, bereikbaarheid, nazorg_in_app
from reintegratie.voorgecompileerd import vastgezet

from . import deadlines, statussen
from . import mijn_plan as mijnplanregels
from . import overdracht as overdrachtregels
from .access import (
    ACTIE_ROLLEN,
    heeft_regie_na_uitstroom,
    is_nazorg_van,
    is_reclassering_van,
    mag_actie_bijwerken,
    mag_contact_vastleggen,
    mag_traject_wijzigen,
    mag_voorwaarden_bijwerken,
    ontvangt_overdracht,
    trajecten_voor,
    trajecten_voor_per_rij,
    zichtbaar_per_rij,
)
from .keuzes import (
    ACTIE_AFGEROND,
    ACTIE_LOPEND,
    ACTIE_OVERGANGEN,
    IN_DETENTIE,
    UITKERING_AANVRAAG,
    ActieStatus,
    BVStatus,
    Domein,
    Fase,
    Gesprekssoort,
    Regie,
    VoorbereidingStatus,
)
from .models import (
    Actie,
    Basisvoorwaarde,
    Brugdag,
    Contactmoment,
    DRAdvies,
    DRPlan,
    DRPlanVersie,
    Gedetineerde,
    InformatiebladGedeeld,
    NietOnzeGemeente,
    OverdrachtNotitie,
    Overplaatsing,
    Traject,
    Trajectgesprek,
    UitstroomBasisvoorwaarde,
    Voorbereiding,
    VoorbereidingSoort,
)
from .querysets import TrajectQuerySet, in_volgorde

_QS = TypeVar("_QS", bound=QuerySet[Traject])


def zoek_op_naam(qs: TrajectQuerySet, zoek: str) -> TrajectQuerySet:
    """Every word (at most five) must occur in the first names or the surname."""
    for woord in zoek.split()[:5]:
        qs = qs.filter(
            Q(gedetineerde__achternaam__icontains=woord)
            | Q(gedetineerde__voornamen__icontains=woord)
        )
    return qs


def eigen_trajecten_met_bsn(*, user: Medewerker, bsn: str) -> list[Traject]:
    """For the intake's "Is dit dezelfde persoon?" step: the trajectories of this BSN the user
    may already see (their own PI's earlier detentions), nothing of anyone else's."""
    if not bsn:
        return []
    return list(
        trajecten_voor(user)
        .filter(gedetineerde__bsn=bsn)
        .select_related("gedetineerde", "pi")
        .order_by("-binnenkomst_datum")
    )


def brugdagen() -> frozenset[date]:
    return frozenset(Brugdag.objects.values_list("datum", flat=True))


def _eerste(qs: QuerySet, veld: str) -> Subquery:
    return Subquery(qs.order_by(veld).values(veld.lstrip("-"))[:1])


def _gehouden(*soorten: str) -> QuerySet:
    return Trajectgesprek.objects.filter(
        traject=OuterRef("pk"), soort__in=soorten, gehouden_datum__isnull=False
    )


def _gepland(soort: str) -> Subquery:
    """The day of the earliest meeting of this kind that is planned and not yet held."""
    return Subquery(
        Trajectgesprek.objects.filter(
            traject=OuterRef("pk"),
            soort=soort,
            gehouden_datum__isnull=True,
            geannuleerd_op__isnull=True,
        )
        .order_by("gepland_op")
        .annotate(dag=TruncDate("gepland_op"))
        .values("dag")[:1]
    )


def _contact_met(soort: str) -> Subquery:
    """The first contact moment in which an organisation of this kind took part: it was the
    organisation contacted, or someone who works there logged it (either side logs)."""
    return _eerste(
        Contactmoment.objects.filter(
            Q(organisatie__soort=soort) | Q(geregistreerd_door__organisatie__soort=soort),
            traject=OuterRef("pk"),
        ),
        "datum",
    )


def _screening_datum() -> Case:
    """The day the screening was complete: the day the last of the six domains was first given
    a status other than "onbekend". Each domain's first assessment is read from its history
    (pghistory), dated by the `gewijzigd_op` the change carried, so a later update of an
    assessed domain does not move the day. None while any domain is still "onbekend"."""
    eerste_beoordeling = (
        apps.get_model("trajecten", "BasisvoorwaardeEvent")
        .objects.filter(pgh_obj_id=OuterRef("pk"))
        .exclude(status=BVStatus.ONBEKEND)
        .annotate(dag=TruncDate(Coalesce("gewijzigd_op", "pgh_created_at")))
        .order_by("dag")
        .values("dag")[:1]
    )
    laatste = (
        Basisvoorwaarde.objects.filter(traject=OuterRef("pk"))
        # a row from before its history was kept counts by its own last change
        .annotate(beoordeeld=Coalesce(Subquery(eerste_beoordeling), TruncDate("gewijzigd_op")))
        .order_by(F("beoordeeld").desc(nulls_last=True))
        .values("beoordeeld")[:1]
    )
    onbekend = Basisvoorwaarde.objects.filter(traject=OuterRef("pk"), status=BVStatus.ONBEKEND)
    return Case(
        When(Exists(onbekend), then=Value(None)),
        default=Subquery(laatste),
        output_field=DateField(),
    )


def met_termijndata(qs: _QS) -> _QS:
    """Annotate the dates of the events that meet the deadlines (`_termijndata`), compiled to
    SQL once per process (`reintegratie.voorgecompileerd`, issue 18): the same SQL, without
    8-13 ms of compiling per list or page."""
    return qs.annotate(
        **vastgezet(
            Traject,
            _termijndata,
            "met_termijndata",
            samengesteld={"contact_gemeente_datum": _stapdatum_sql},
        )
    )


def _stapdatum_sql(delen: dict[str, tuple[str, tuple]], alias: str) -> tuple[str, tuple]:
    """`contact_gemeente_datum` as `_termijndata`'s CASE computes it, with each part's subquery
    run once per row: the ORM writes the screening, gemeente and reclassering subqueries into
    every branch that names them (47 subplans per row instead of 24). OFFSET 0 keeps
    PostgreSQL from folding the parts back into the CASE."""
    s, s_params = delen["screening_datum"]
    g, g_params = delen["gemeente_datum"]
    r, r_params = delen["reclassering_contact_datum"]
    reclassering = f'"{alias}"."reclassering_id"'
    # the ORM's own compiled SQL and a column name; values are parameters
    sql = (
        "(SELECT CASE WHEN x.s IS NULL OR x.g IS NULL THEN NULL"  # noqa: S608
        f" WHEN {reclassering} IS NOT NULL AND x.r IS NULL THEN NULL"
        f" WHEN {reclassering} IS NULL THEN GREATEST(x.s, x.g)"
        " ELSE GREATEST(x.s, x.g, x.r) END"
        f" FROM (SELECT {s} AS s, {g} AS g, {r} AS r OFFSET 0) AS x)"
    )
    return sql, (*s_params, *g_params, *r_params)


def _termijndata(qs: _QS) -> _QS:
    """Annotate the dates of the events that meet the deadlines (DOMAIN.md), in the one query
    of the list, whatever its length.

    The ten-day step ("screening en contact gemeente", issue 11) has three parts, each with
    its own date: `screening_datum` (every domain assessed), `gemeente_datum` (the first
    contact moment with the gemeente, logged by either side, or else the informatieblad shared
    with and seen by the gemeente: the later of the first sharing and the gemeente's "Gezien")
    and `reclassering_contact_datum` (the first contact moment with a reclassering, needed only
    when one is involved). `contact_gemeente_datum`, the day the step is met, is the latest of
    the parts' days, and None while a part is missing."""
    gedeeld = Subquery(
        InformatiebladGedeeld.objects.filter(traject=OuterRef("pk"))
        .annotate(dag=TruncDate("gedeeld_op"))
        .order_by("dag")
        .values("dag")[:1]
    )
    qs = qs.annotate(
        screening_datum=_screening_datum(),
        gemeente_contact_datum=_contact_met(Soort.GEMEENTE),
        informatieblad_gedeeld_datum=gedeeld,
        informatieblad_gezien_datum=Case(
            When(
                Q(gezien_door_gemeente_op__isnull=False)
                & Exists(InformatiebladGedeeld.objects.filter(traject=OuterRef("pk"))),
                then=Greatest(gedeeld, TruncDate("gezien_door_gemeente_op")),
            ),
            default=Value(None),
            output_field=DateField(),
        ),
        reclassering_contact_datum=_contact_met(Soort.RECLASSERING),
    ).annotate(
        # PostgreSQL's LEAST and GREATEST skip NULLs: either way of reaching the gemeente counts
        gemeente_datum=Least("gemeente_contact_datum", "informatieblad_gezien_datum"),
    )
    return qs.annotate(
        contact_gemeente_datum=Case(
            When(screening_datum__isnull=True, then=Value(None)),
            When(gemeente_datum__isnull=True, then=Value(None)),
            When(
                reclassering_id__isnull=False,
                reclassering_contact_datum__isnull=True,
                then=Value(None),
            ),
            When(
                reclassering_id__isnull=True,
                then=Greatest("screening_datum", "gemeente_datum"),
            ),
            default=Greatest("screening_datum", "gemeente_datum", "reclassering_contact_datum"),
            output_field=DateField(),
        ),
        plan_vastgesteld_datum=_eerste(
            DRPlanVersie.objects.filter(plan__traject=OuterRef("pk")), "vastgesteld_datum"
        ),
        startoverleg_datum=_eerste(_gehouden(Gesprekssoort.STARTOVERLEG), "gehouden_datum"),
        laatste_mdo_datum=_eerste(_gehouden(Gesprekssoort.MDO), "-gehouden_datum"),
        uitstroomoverleg_datum=_eerste(_gehouden(Gesprekssoort.UITSTROOMOVERLEG), "gehouden_datum"),
        laatste_trajectgesprek_datum=_eerste(
            _gehouden(Gesprekssoort.STARTOVERLEG, Gesprekssoort.PERIODIEK), "-gehouden_datum"
        ),
        gespreksfrequentie_weken=Subquery(
            DRPlan.objects.filter(traject=OuterRef("pk")).values("gespreksfrequentie_weken")[:1]
        ),
        startoverleg_gepland=_gepland(Gesprekssoort.STARTOVERLEG),
        mdo_gepland=_gepland(Gesprekssoort.MDO),
        trajectgesprek_gepland=_gepland(Gesprekssoort.PERIODIEK),
        uitstroomoverleg_gepland=_gepland(Gesprekssoort.UITSTROOMOVERLEG),
    )


def termijnen_van(traject, *, vandaag: date, vrije_dagen: frozenset[date]):
    """The deadlines of one trajectory annotated by `met_termijndata` (a Traject, or any object
    with the same attributes, such as a row of `.values()`). After release the clock
    stops: a deadline missed in detention stays missed by the count of its release day."""
    if traject.uitstroom_datum is not None:
        vandaag = min(vandaag, traject.uitstroom_datum)
    return deadlines.termijnen(
        binnenkomst=traject.binnenkomst_datum,
        vandaag=vandaag,
        brugdagen=vrije_dagen,
        contact_gemeente_datum=traject.contact_gemeente_datum,
        plan_vastgesteld_datum=traject.plan_vastgesteld_datum,
        startoverleg_datum=traject.startoverleg_datum,
        mdo_data=[traject.laatste_mdo_datum] if traject.laatste_mdo_datum else [],
        uitstroomoverleg_datum=traject.uitstroomoverleg_datum,
        verwachte_uitstroom=traject.verwachte_uitstroom_datum,
        uitstroom=traject.uitstroom_datum,
        uitstroomoverleg_werkdagen_vooraf=settings.UITSTROOMOVERLEG_WERKDAGEN_VOORAF,
        laatste_trajectgesprek_datum=getattr(traject, "laatste_trajectgesprek_datum", None),
        gespreksfrequentie_weken=getattr(traject, "gespreksfrequentie_weken", None),
    )


# A benefit application counts as made once requested or arranged, or when it is not needed.
UITKERING_GEDAAN = (
    VoorbereidingStatus.AANGEVRAAGD,
    VoorbereidingStatus.GEREGELD,
    VoorbereidingStatus.NIET_NODIG,
)


def met_uitkeringsdatum(qs: _QS) -> _QS:
    """Annotate `uitkering_aangevraagd_datum`: the day the benefit application was requested
    (else arranged, else the day it was marked so), None while it is not (issue 11)."""
    gedaan = Voorbereiding.objects.filter(
        basisvoorwaarde__traject=OuterRef("pk"),
        soort__code=UITKERING_AANVRAAG,
        status__in=UITKERING_GEDAAN,
    ).annotate(dag=Coalesce("aangevraagd_datum", "gereed_datum", TruncDate("gewijzigd_op")))
    return qs.annotate(uitkering_aangevraagd_datum=Subquery(gedaan.values("dag")[:1]))


def uitkering_termijn_van(traject, *, vandaag: date, vrije_dagen: frozenset[date]):
    """The benefit application's deadline of a trajectory annotated by `met_uitkeringsdatum`
    (a Traject or a row of `.values()`), or None without an expected release. After release the
    clock stops, as for the other deadlines."""
    if traject.uitstroom_datum is not None:
        vandaag = min(vandaag, traject.uitstroom_datum)
    return deadlines.uitkering_termijn(
        verwachte_uitstroom=traject.verwachte_uitstroom_datum,
        aangevraagd_datum=traject.uitkering_aangevraagd_datum,
        vandaag=vandaag,
        brugdagen=vrije_dagen,
        werkdagen_vooraf=settings.UITKERING_AANVRAAG_WERKDAGEN_VOORAF,
        binnenkomst=traject.binnenkomst_datum,
        uitstroom=traject.uitstroom_datum,
    )


def voorbereidingen_van(traject: Traject) -> list[Voorbereiding]:
    """A trajectory's release preparations in domain order, in one query."""
    rijen = Voorbereiding.objects.filter(basisvoorwaarde__traject=traject).select_related(
        "soort", "organisatie", "basisvoorwaarde"
    )
    return sorted(
        rijen,
        key=lambda v: (Domein.values.index(v.soort.domein), v.soort.volgorde, v.soort.naam),
    )


def uitkeringsdatum(voorbereidingen: list[Voorbereiding]) -> date | None:
    """`met_uitkeringsdatum` for a trajectory whose preparations are already fetched."""
    for v in voorbereidingen:
        if v.soort.code == UITKERING_AANVRAAG and v.status in UITKERING_GEDAAN:
            gewijzigd = timezone.localdate(v.gewijzigd_op) if v.gewijzigd_op else None
            return v.aangevraagd_datum or v.gereed_datum or gewijzigd
    return None


def voorbereidingen_context(
    traject: Traject, user: Medewerker, lijst: list[Voorbereiding] | None = None
) -> dict:
    """The preparations for the shared partial (templates/trajecten/_voorbereidingen.html):
    `voorbereidingen` is None for a role the sharing matrix does not show them to."""
    if "voorbereidingen" not in zicht(user.rol).basisvoorwaarde:
        return {"voorbereidingen": None, "voorbereidingen_per_domein": {}}
    if lijst is None:
        lijst = voorbereidingen_van(traject)
    per_domein: dict[str, dict[str, int]] = {}
    for v in lijst:
        telling = per_domein.setdefault(v.soort.domein, {"totaal": 0, "klaar": 0})
        telling["totaal"] += 1
        telling["klaar"] += v.status in (
            VoorbereidingStatus.GEREGELD,
            VoorbereidingStatus.NIET_NODIG,
        )
    return {"voorbereidingen": lijst, "voorbereidingen_per_domein": per_domein}


def voorbereidingen_van_basisvoorwaarde(bv: Basisvoorwaarde) -> list[Voorbereiding]:
    return list(bv.voorbereidingen.select_related("soort", "organisatie"))


def nog_te_kiezen_soorten(bv: Basisvoorwaarde) -> QuerySet[VoorbereidingSoort]:
    """The catalogue's active kinds of this domain the trajectory does not have yet."""
    return (
        VoorbereidingSoort.objects.actief()
        .filter(domein=bv.domein)
        .exclude(pk__in=bv.voorbereidingen.values("soort_id"))
    )


def voorbereiding_van(bv: Basisvoorwaarde, pk: int) -> Voorbereiding:
    """One preparation of a basisvoorwaarde that came through the door, or 404."""
    return get_object_or_404(
        Voorbereiding.objects.select_related("soort", "organisatie", "basisvoorwaarde__traject"),
        basisvoorwaarde=bv,
        pk=pk,
    )


@dataclass
class Regel:
    """One row of the caseload: the trajectory and its most urgent deadline."""

    traject: Traject
    termijnen: list
    eerstvolgende: deadlines.Termijn | None

    @property
    def termijnstatus(self) -> statussen.Status | None:
        """The words of the most urgent deadline (trajecten.statussen)."""
        if self.eerstvolgende is None:
            return None
        return statussen.termijnstatus_van(self.traject, self.eerstvolgende)

    @property
    def screening(self) -> statussen.Status:
        """The basisvoorwaarden section's words, from the prefetched rows."""
        tien = next(
            (t for t in self.termijnen if t.soort == deadlines.Termijnsoort.CONTACT_GEMEENTE),
            None,
        )
        return statussen.screening(
            (b.status for b in self.traject.basisvoorwaarden.all()),
            tien_dagen=tien,
        )

    @property
    def urgentie(self) -> tuple[int, int]:
        t = self.eerstvolgende
        if t is None:
            return (3, 0)
        # eerstvolgende picks open or missed deadlines only, and those count their working days
        assert t.werkdagen_over is not None
        if t.te_laat:
            return (0, t.werkdagen_over)
        if t.werkdagen_over <= 2:
            return (1, t.werkdagen_over)
        return (2, t.werkdagen_over)


def caseload(
    *,
    user: Medewerker,
    alleen_eigen: bool,
    zoek: str = "",
    fase: str = "",
    alleen_te_laat: bool = False,
    vandaag: date | None = None,
) -> list[Regel]:
    """The trajectories in detention, most urgent first: overdue, due within 2 working days,
    then the rest (UX.md principle 3). Three queries whatever the number of rows (and for the
    own caseload the join order set and reset around the first)."""
    vandaag = vandaag or timezone.localdate()
    if alleen_eigen:
        # Driven by the casemanager's own cases (index on casemanager, fase), the door per row:
        # the UNION would first gather every grant of the PI's ten years (16,000 at national
        # volume, 7 of the query's 10 ms) to keep 38 of them (issue 18).
        qs = trajecten_voor_per_rij(user).in_detentie().filter(casemanager=user)
    else:
        qs = trajecten_voor(user).in_detentie()
    qs = zoek_op_naam(qs, zoek)
    if fase:
        qs = qs.filter(fase=fase)
    qs = met_termijndata(qs.met_lijstgegevens()).prefetch_related(
        Prefetch("basisvoorwaarden", queryset=Basisvoorwaarde.objects.order_by("domein"))
    )
    vrij = brugdagen()
    regels = []
    # The own caseload: its rows are chosen by the casemanager's index, so the joins of what a
    # row shows are planned in the order written (3-9 ms less planning at national volume).
    for traject in in_volgorde(qs) if alleen_eigen else qs:
        ts = termijnen_van(traject, vandaag=vandaag, vrije_dagen=vrij)
        regel = Regel(traject=traject, termijnen=ts, eerstvolgende=deadlines.eerstvolgende(ts))
        if alleen_te_laat and regel.urgentie[0] != 0:
            continue
        regels.append(regel)
    regels.sort(key=lambda r: (r.urgentie, r.traject.gedetineerde.achternaam))
    markeer_naamgenoten(r.traject.gedetineerde for r in regels)
    return regels


def caseloadnorm(*, user: Medewerker) -> int:
    """The caseload norm of the user's PI (its own, else settings.CASELOAD_NORM). No query when
    the account's organisation is loaded already (the audit row of a list loads it)."""
    return (
        user.organisatie.norm
        if user.organisatie_id and user.organisatie
        else settings.CASELOAD_NORM
    )


def aantal_in_caseload(*, user: Medewerker) -> int:
    return trajecten_voor(user).in_detentie().filter(casemanager=user).count()


def contactpunten(*organisaties) -> dict[int | None, list[Contactpunt]]:
    """The functional contact points of the given organisations, in one query."""
    ids = [o.pk for o in organisaties if o is not None]
    per_org: dict[int | None, list[Contactpunt]] = {i: [] for i in ids}
    for cp in Contactpunt.objects.filter(organisatie_id__in=ids).select_related("team"):
        per_org[cp.organisatie_id].append(cp)
    return per_org


def _geordend(basisvoorwaarden) -> list[Basisvoorwaarde]:
    return sorted(basisvoorwaarden, key=lambda b: Domein.values.index(b.domein))


def informatieblad(traject: Traject) -> dict:
    """The informatieblad is a view of the trajectory, never a separate form: each fact is
    entered once (report ch. 4; UX.md principle 2)."""
    punten = contactpunten(traject.pi, traject.gemeente, traject.reclassering)
    reclassering_punten = punten.get(traject.reclassering_id, [])
    if traject.reclassering_team_id:
        reclassering_punten = [
            cp for cp in reclassering_punten if cp.team_id in (None, traject.reclassering_team_id)
        ]
    return {
        "traject": traject,
        "persoon": traject.gedetineerde,
        "basisvoorwaarden": _geordend(traject.basisvoorwaarden.all()),
        "pi_contactpunten": punten.get(traject.pi_id, []),
        "gemeente_contactpunten": punten.get(getattr(traject.gemeente, "pk", None), []),
        "reclassering_contactpunten": reclassering_punten,
        "gedeeld": list(traject.informatiebladen.all()),
    }


def open_acties(qs: QuerySet[Actie]) -> QuerySet[Actie]:
    """Actions neither done nor dropped (keuzes.ACTIE_AFGEROND)."""
    return qs.exclude(status__in=ACTIE_AFGEROND)


@dataclass
class Uitvoering:
    """Who picks up one basisvoorwaarde, and how to reach them."""

    basisvoorwaarde: Basisvoorwaarde
    partner: Organisatie | None
    contactpunten: list[Contactpunt]


def informatieblad_v2(traject: Traject, user: Medewerker) -> dict:
    """The informatieblad a gemeente can act on (issue 11): besides the hulpvragen, who picks up
    each domain, the open actions with due date and owner, the planned meetings, the judicial
    title and who directs, the plan's goals and the known risks, each only as far as the
    sharing matrix lets the reader's role see it (docs/sharing-matrix.md). From a trajectory
    fetched with `voor_document`: a fixed number of queries, however many actions or meetings.
    What the role may not read is not even fetched."""
    z = zicht(user.rol)
    context = informatieblad(traject)
    basisvoorwaarden = context["basisvoorwaarden"]
    toon_partner = "uitvoerende_partner" in z.basisvoorwaarde
    acties: list[Actie] = []
    if "acties" in z.basisvoorwaarde:
        acties = list(
            open_acties(Actie.objects.filter(basisvoorwaarde__traject=traject))
            .select_related("organisatie", "medewerker", "basisvoorwaarde")
            .order_by(F("uiterlijk_datum").asc(nulls_last=True), "pk")
        )
    partners = [b.uitvoerende_partner for b in basisvoorwaarden if toon_partner]
    organisaties = {o.pk: o for o in [*partners, *(a.organisatie for a in acties)] if o}
    punten = contactpunten(*organisaties.values()) if organisaties else {}
    gesprekken = None
    if "planning" in z.gesprek:
        gesprekken = list(
            traject.gesprekken.filter(gehouden_datum__isnull=True, geannuleerd_op__isnull=True)
            .prefetch_related("organisaties", "deelnemers")
            .order_by("gepland_op")
        )
    plan = traject.plan
    context.update(
        {
            "zicht": z,
            "uitvoering": [
                Uitvoering(b, b.uitvoerende_partner, punten.get(b.uitvoerende_partner_id or -1, []))
                for b in basisvoorwaarden
            ]
            if toon_partner
            else None,
            "open_acties": [(a, punten.get(a.organisatie_id, [])) for a in acties]
            if "acties" in z.basisvoorwaarde
            else None,
            "geplande_gesprekken": gesprekken,
            "titel": traject.get_titel_display() if "titel" in z.traject else None,
            "regie_nu": plan.get_regie_display() if "regie" in z.plan else None,
            "regie_na_uitstroom": (
                Regie(traject.regie_na_uitstroom).label if traject.regie_na_uitstroom else None
            )
            if "regie" in z.plan
            else None,
            "doelen": plan.doelen if "doelen" in z.plan else None,
            "toon_risicos": "risicos" in z.traject,
            "grondslag_risicos": GRONDSLAG_RISICOS,
        }
    )
    return context


def _sectiestatus(basisvoorwaarden, termijnen_per_soort, traject) -> dict[str, statussen.Status]:
    """Task-list states (UX.md principle 1), worded by `trajecten.statussen`."""
    uitgestroomd = traject.uitstroom_datum is not None
    gesprekken = list(traject.gesprekken.all())
    open_gesprekken = sorted(
        (g for g in gesprekken if g.gehouden_datum is None and g.geannuleerd_op is None),
        key=lambda g: g.gepland_op,
    )
    return {
        "basisvoorwaarden": statussen.screening(
            (b.status for b in basisvoorwaarden),
            tien_dagen=termijnen_per_soort.get(deadlines.Termijnsoort.CONTACT_GEMEENTE),
            uitgestroomd=uitgestroomd,
        ),
        "plan": statussen.plan(
            status=traject.plan.status,
            bewerkt=traject.plan.gewijzigd_op is not None,
            termijn=termijnen_per_soort.get(deadlines.Termijnsoort.PLAN_VASTGESTELD),
            uitgestroomd=uitgestroomd,
        ),
        "gesprekken": statussen.gesprekken(
            termijnen=termijnen_per_soort.values(),
            gepland={s: statussen.gepland_voor(traject, s) for s in termijnen_per_soort},
            eerstvolgend_gepland=timezone.localdate(open_gesprekken[0].gepland_op)
            if open_gesprekken
            else None,
            aantal_gehouden=sum(g.gehouden_datum is not None for g in gesprekken),
            uitgestroomd=uitgestroomd,
        ),
        "overdracht": statussen.overdracht(
            heeft_overdracht=hasattr(traject, "overdracht"), fase=traject.fase
        ),
    }


def sectiestatussen(traject: Traject, termijnen_per_soort) -> dict[str, statussen.Status]:
    """The section statuses of a trajectory annotated by `met_termijndata`, with its plan,
    handover, basisvoorwaarden and meetings prefetched (the API's representation)."""
    return _sectiestatus(_geordend(traject.basisvoorwaarden.all()), termijnen_per_soort, traject)


def basisvoorwaarde_van(traject: Traject, domein: str) -> Basisvoorwaarde:
    """One basisvoorwaarde of a trajectory that came through the door, or 404."""
    return get_object_or_404(
        Basisvoorwaarde.objects.select_related("uitvoerende_partner", "gewijzigd_door"),
        traject=traject,
        domein=domein,
    )


def acties_van(basisvoorwaarde: Basisvoorwaarde) -> QuerySet[Actie]:
    return basisvoorwaarde.acties.select_related("organisatie")


def gesprek_van(traject: Traject, pk: int) -> Trajectgesprek:
    """One meeting of a trajectory that came through the door, or 404: another case's meeting
    cannot be reached through this case's number."""
    return get_object_or_404(
        Trajectgesprek.objects.prefetch_related("organisaties"), traject=traject, pk=pk
    )


def voor_trajectpagina() -> QuerySet[Traject]:
    """What the trajectory page shows, fetched in a fixed number of queries. The caller passes
    it through the door: `access.traject_voor_of_404(user, pk, queryset=...)`."""
    laatste_overplaatsing = Overplaatsing.objects.filter(traject=OuterRef("pk")).order_by(
        "-datum", "-pk"
    )
    return met_termijndata(
        Traject.objects.met_betrokkenen()
        .select_related(
            "plan",
            "overdracht",
            "overdracht__ontvangen_door",
            "afsluiting",
            "afsluiting__afgesloten_door",
            "risico_vastgelegd_door",
        )
        .annotate(
            overgeplaatst_van=Subquery(laatste_overplaatsing.values("van_pi__naam")[:1]),
            overgeplaatst_datum=Subquery(laatste_overplaatsing.values("datum")[:1]),
            # Issue 12, in the page's own query: does the gemeente read it here, and did a
            # gemeente answer "niet onze inwoner" that the casemanager has not yet checked.
            gemeente_in_app=nazorg_in_app(
                Coalesce(OuterRef("terugkeer_gemeente_id"), OuterRef("gemelde_gemeente_id"))
            ),
            heeft_open_niet_onze=Exists(
                NietOnzeGemeente.objects.filter(traject=OuterRef("pk"), afgehandeld_op__isnull=True)
            ),
        )
    ).prefetch_related(
        Prefetch(
            "basisvoorwaarden",
            queryset=Basisvoorwaarde.objects.select_related(
                "uitvoerende_partner", "gewijzigd_door"
            ).prefetch_related(
                Prefetch(
                    "acties", queryset=Actie.objects.select_related("organisatie", "medewerker")
                )
            ),
        ),
        Prefetch("gesprekken", queryset=Trajectgesprek.objects.prefetch_related("organisaties")),
        Prefetch("contactmomenten", queryset=Contactmoment.objects.select_related("organisatie")),
        "informatiebladen",
        "plan__versies",
        Prefetch(
            "adviezen", queryset=DRAdvies.objects.select_related("opgesteld_door", "organisatie")
        ),
    )


def voor_document() -> QuerySet[Traject]:
    """What the informatieblad and the handover print, in a fixed number of queries; the
    caller passes it through the door."""
    return (
        Traject.objects.met_betrokkenen()
        .select_related("overdracht__opgesteld_door", "plan", "risico_vastgelegd_door")
        .prefetch_related(
            Prefetch(
                "basisvoorwaarden",
                queryset=Basisvoorwaarde.objects.select_related("uitvoerende_partner").order_by(
                    "domein"
                ),
            ),
            Prefetch(
                "overdracht__uitkomsten",
                queryset=UitstroomBasisvoorwaarde.objects.order_by("pk"),
            ),
            "informatiebladen__gemeente",
            "informatiebladen__gedeeld_door",
        )
    )


def trajectpagina(traject: Traject, user: Medewerker, vandaag: date) -> dict:
    """Everything on the one trajectory screen, from a trajectory fetched with
    `voor_trajectpagina`: a fixed number of queries."""
    vrij = brugdagen()
    termijnen = termijnen_van(traject, vandaag=vandaag, vrije_dagen=vrij)
    per_soort = {t.soort: t for t in termijnen}
    basisvoorwaarden = _geordend(traject.basisvoorwaarden.all())
    voorbereidingen = voorbereidingen_van(traject)
    traject.uitkering_aangevraagd_datum = uitkeringsdatum(voorbereidingen)  # type: ignore[attr-defined]
    if uitkering := uitkering_termijn_van(traject, vandaag=vandaag, vrije_dagen=vrij):
        termijnen = [*termijnen, uitkering]
    context = informatieblad(traject)
    context.update(voorbereidingen_context(traject, user, voorbereidingen))
    for b in basisvoorwaarden:
        setattr(b, "voorbereidingen_telling", context["voorbereidingen_per_domein"].get(b.domein))  # noqa: B010
    eigen = is_nazorg_van(user, traject) or is_reclassering_van(user, traject)
    context["voorbereidingen_eigen_organisatie"] = user.organisatie_id if eigen else None
    context.update(
        {
            "termijnen": termijnen,
            "termijnregels": [(t, statussen.termijnstatus_van(traject, t)) for t in termijnen],
            "tiendagenstap": statussen.tiendagenstap(traject),
            "basisvoorwaarden": basisvoorwaarden,
            "secties": _sectiestatus(basisvoorwaarden, per_soort, traject),
            "ontbrekend": [b for b in basisvoorwaarden if b.status != BVStatus.OP_ORDE],
            "gesprekken": list(traject.gesprekken.all()),
            "contactmomenten": list(traject.contactmomenten.all()),
            "versies": list(traject.plan.versies.all()),
            "eerdere_trajecten": list(
                trajecten_voor(user)
                .filter(gedetineerde_id=traject.gedetineerde_id)
                .exclude(pk=traject.pk)
                .select_related("pi")
                .order_by("-binnenkomst_datum")
            ),
            "zicht": zicht(user.rol),
            "grondslag_risicos": GRONDSLAG_RISICOS,
            "adviezen": list(traject.adviezen.all()),
            "mag_contact": mag_contact_vastleggen(user, traject),
            "is_nazorg": is_nazorg_van(user, traject),
            "is_reclassering": is_reclassering_van(user, traject),
            "mag_traject_wijzigen": mag_traject_wijzigen(user, traject),
            "mag_voorwaarden_bijwerken": mag_voorwaarden_bijwerken(user, traject),
            "in_detentie": traject.fase in IN_DETENTIE,
            # The sharing matrix decides (issue 17): a ZVH sees no actions.
            "acties": acties_van_traject(traject, basisvoorwaarden, user, vandaag)
            if "acties" in zicht(user.rol).basisvoorwaarde
            else [],
            # After release (issue 12): the receipt, the nazorg period, the close.
            "mag_overdracht_bevestigen": ontvangt_overdracht(user, traject),
            "mag_nazorg_afsluiten": heeft_regie_na_uitstroom(user, traject),
            "nazorg_verlopen": traject.nazorg_tot is not None and traject.nazorg_tot < vandaag,
        }
    )
    context.update(
        gemeentebereik(traject, context["contactmomenten"], context["gemeente_contactpunten"])
    )
    toon = context["mag_voorwaarden_bijwerken"] and getattr(traject, "heeft_open_niet_onze", True)
    context["niet_onze"] = list(open_niet_onze_antwoorden(traject)) if toon else []
    return context


def gemeentebereik(
    traject: Traject, contactmomenten: list[Contactmoment], punten: list[Contactpunt]
) -> dict:
    """Does anyone read what the PI shares with the return gemeente (issue 12)? `bereik` is
    the directory's answer (from the page's annotation and contact points, no query of its
    own); `bereikt` the latest contact moment with that gemeente, which the casemanager records
    when it was reached outside the app."""
    gemeente = traject.gemeente
    bereik: Bereik | None = None
    if gemeente is not None:
        in_app = getattr(traject, "gemeente_in_app", None)
        if in_app is None:
            bereik = bereikbaarheid(gemeente)
        else:
            bereik = bereik_uit(in_app=in_app, contactpunten=punten)
    bereikt = next(
        (c for c in contactmomenten if gemeente and c.organisatie_id == gemeente.pk), None
    )
    return {
        "bereik": bereik,
        "bereik_uitleg": bereik.uitleg(gemeente) if bereik and gemeente else "",
        "gemeente_bereikt": bereikt,
    }


def open_niet_onze_antwoorden(traject: Traject) -> QuerySet[NietOnzeGemeente]:
    """The gemeenten that answered "niet onze inwoner" and await the casemanager's check."""
    return NietOnzeGemeente.objects.filter(
        traject=traject, afgehandeld_op__isnull=True
    ).select_related("gemeente", "juiste_gemeente", "gemeld_door")


@dataclass
class Actieregel:
    """One row of "Wie doet wat": the action, whether this user may change its status, and
    whether it is past its due date."""

    actie: Actie
    mag_wijzigen: bool
    te_laat: bool
    # What the user chose and typed, when a refused save shows the row again.
    gekozen: str = ""
    reden: str = ""

    @property
    def vraagt_reden(self) -> bool:
        """The reason field shows where it matters: a dropped action, or the user chose
        vervallen (the save then asks for the reason). Without JavaScript too."""
        return ActieStatus.VERVALLEN in (self.actie.status, self.gekozen)

    @property
    def statuskeuzes(self) -> list[tuple[str, str, bool]]:
        """(value, label, selected): the status it has and those it may go to."""
        huidig = self.actie.status
        gekozen = self.gekozen or huidig
        return [
            (waarde, str(label), waarde == gekozen)
            for waarde, label in ActieStatus.choices
            if waarde in (huidig, gekozen) or waarde in ACTIE_OVERGANGEN[huidig]
        ]


def _actievolgorde(regel: Actieregel) -> tuple:
    a = regel.actie
    return (not a.loopt, a.uiterlijk_datum is None, a.uiterlijk_datum or date.max, a.pk)


def acties_van_traject(
    traject: Traject, basisvoorwaarden: list[Basisvoorwaarde], user: Medewerker, vandaag: date
) -> list[Actieregel]:
    """All actions of all six domains of one case, from what `voor_trajectpagina` prefetched:
    running ones first, due first."""
    regels = [
        Actieregel(
            actie=a,
            mag_wijzigen=mag_actie_bijwerken(user, traject, a),
            te_laat=a.loopt and a.uiterlijk_datum is not None and a.uiterlijk_datum < vandaag,
        )
        for bv in basisvoorwaarden
        for a in bv.acties.all()
    ]
    return sorted(regels, key=_actievolgorde)


def actie_van(traject: Traject, pk: int) -> Actie:
    """One action of a trajectory that came through the door, or 404."""
    return get_object_or_404(
        Actie.objects.select_related("organisatie", "medewerker", "basisvoorwaarde"),
        basisvoorwaarde__traject=traject,
        pk=pk,
    )


# Closed actions stay on "Mijn acties" this many days, so what one just closed is still there.
MIJN_ACTIES_AFGEROND_DAGEN = 30


def _van_mijn_organisatie(user: Medewerker) -> QuerySet[Actie]:
    if user.rol not in ACTIE_ROLLEN or user.organisatie_id is None:
        return Actie.objects.none()
    # Driven by the organisation's actions (partial index actie_lopend_per_organisatie for the
    # running ones), the door checked per action: cost follows the actions, not the history.
    return Actie.objects.filter(
        zichtbaar_per_rij(user, via="basisvoorwaarde__traject"),
        organisatie_id=user.organisatie_id,
    )


def mijn_acties(*, user: Medewerker, vandaag: date, plak: slice | None = None) -> list[Actieregel]:
    """The actions the user's organisation holds across the cases the user may see (through
    the door): open and bezig first, due first (overdue on top), then those closed in the last
    30 days; `plak` the rows of one page (reintegratie.paginering.plak). One query whatever
    the number of actions."""
    qs = (
        _van_mijn_organisatie(user)
        .filter(
            Q(status__in=ACTIE_LOPEND)
            | Q(afgerond_datum__gte=vandaag - timedelta(days=MIJN_ACTIES_AFGEROND_DAGEN))
        )
        .select_related(
            "organisatie",
            "medewerker",
            "basisvoorwaarde__traject__gedetineerde",
        )
        .annotate(
            lopend=Case(
                When(status__in=ACTIE_LOPEND, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("lopend", F("uiterlijk_datum").asc(nulls_last=True), "pk")
    )
    regels = [
        Actieregel(
            actie=a,
            mag_wijzigen=mag_actie_bijwerken(user, a.basisvoorwaarde.traject, a),
            te_laat=a.loopt and a.uiterlijk_datum is not None and a.uiterlijk_datum < vandaag,
        )
        for a in (qs if plak is None else qs[plak])
    ]
    markeer_naamgenoten(r.actie.basisvoorwaarde.traject.gedetineerde for r in regels)
    return regels


def aantal_lopende_acties(*, user: Medewerker) -> int:
    """The count in the navigation: open and bezig actions of the user's organisation in the
    cases the user may see. One query."""
    return _van_mijn_organisatie(user).filter(status__in=ACTIE_LOPEND).count()


def markeer_naamgenoten(personen: Iterable[Gedetineerde]) -> None:
    """On one list, show the birth year of everyone whose `korte_naam` is also someone
    else's, so that two 'M. Hoekstra's can be told apart without opening them. No query."""
    per_naam: dict[str, set[int]] = {}
    lijst = list(personen)
    for p in lijst:
        per_naam.setdefault(p.korte_naam.casefold(), set()).add(p.pk)
    for p in lijst:
        p.toon_geboortejaar = len(per_naam[p.korte_naam.casefold()]) > 1


@dataclass
class OverdrachtConcept:
    """The handover as it would be sent now (issue 12): per basisvoorwaarde what the facts say
    and the casemanager's note, the readiness warnings, and the notes with their versions."""

    regels: list[overdrachtregels.Domeinregel]
    waarschuwingen: list[overdrachtregels.Waarschuwing]
    notities: dict[str, OverdrachtNotitie]
    vanaf: date | None


def overdracht_concept(traject: Traject) -> OverdrachtConcept:
    """Derive the handover from the facts of a trajectory that came through the door, in a
    fixed number of queries (trajecten.overdracht does the wording)."""
    basisvoorwaarden = list(traject.basisvoorwaarden.select_related("uitvoerende_partner"))
    voorbereidingen = voorbereidingen_van(traject)
    acties = list(
        open_acties(Actie.objects.filter(basisvoorwaarde__traject=traject))
        .select_related("organisatie", "medewerker", "basisvoorwaarde")
        .order_by(F("uiterlijk_datum").asc(nulls_last=True), "pk")
    )
    notities = {n.domein: n for n in traject.overdracht_notities.select_related("gewijzigd_door")}
    return OverdrachtConcept(
        regels=overdrachtregels.afleiden(
            basisvoorwaarden,
            voorbereidingen,
            acties,
            {d: n.tekst for d, n in notities.items()},
        ),
        waarschuwingen=overdrachtregels.waarschuwingen(
            basisvoorwaarden, voorbereidingen, acties, pi_id=traject.pi_id
        ),
        notities=notities,
        vanaf=overdrachtregels.concept_vanaf(
            traject.verwachte_uitstroom_datum, settings.OVERDRACHT_CONCEPT_WEKEN_VOORAF
        ),
    )


def mijn_plan(traject: Traject, user: Medewerker) -> mijnplanregels.MijnPlan:
    """'Mijn plan' (issue 15) from the facts of a trajectory fetched with `voor_document`, as far
    as the reader's role may see them: a fixed number of queries, however many actions or
    meetings. Names and phone numbers of people only where the sharing matrix shows who is
    involved (trajecten.mijn_plan does the wording)."""
    z = zicht(user.rol)
    toon_wie = "betrokkenen" in z.traject and "acties" in z.basisvoorwaarde
    basisvoorwaarden = list(traject.basisvoorwaarden.all())
    voorbereidingen = voorbereidingen_van(traject) if "voorbereidingen" in z.basisvoorwaarde else []
    acties: list[Actie] = []
    if "acties" in z.basisvoorwaarde:
        acties = list(
            open_acties(Actie.objects.filter(basisvoorwaarde__traject=traject))
            .select_related("organisatie", "medewerker", "basisvoorwaarde")
            .order_by(F("uiterlijk_datum").asc(nulls_last=True), "pk")
        )
    gesprekken: list[Trajectgesprek] = []
    if "planning" in z.gesprek:
        gesprekken = list(
            traject.gesprekken.filter(
                gehouden_datum__isnull=True, geannuleerd_op__isnull=True
            ).prefetch_related("organisaties")
        )
    punten = contactpunten(
        traject.pi, traject.gemeente, traject.reclassering, *{a.organisatie for a in acties}
    )
    return mijnplanregels.opstellen(
        traject, basisvoorwaarden, voorbereidingen, acties, gesprekken, punten, toon_wie=toon_wie
    )


def mijn_plan_gemaakt(traject: Traject) -> Auditregel | None:
    """The last time 'Mijn plan' was printed or downloaded for this trajectory: the export row
    in the audit trail is the recorded fact the handover checklist shows (ADR 0020)."""
    return (
        Auditregel.objects.filter(
            traject_id=traject.pk,
            actie=Auditactie.EXPORT,
            object_type=mijnplanregels.EXPORT_OBJECT_TYPE,
        )
        .order_by("-op", "-pk")
        .first()
    )


@dataclass
class UitstroomControle:
    """The check before sending (issue 12): the concept, where the direction goes under the
    chosen title, why it cannot go there (if so), and who receives the handover."""

    concept: OverdrachtConcept
    regie: str | None
    regie_label: str
    weigering: str | None
    ontvangers: list[str]


def uitstroom_controle(traject: Traject, titel: str) -> UitstroomControle:
    regie = Traject(titel=titel).regie_na_uitstroom
    ontvangers = []
    if traject.gemeente is not None:
        ontvangers.append(str(traject.gemeente))
    if traject.reclassering_id:
        ontvangers.append(str(traject.reclassering_team or traject.reclassering))
    return UitstroomControle(
        concept=overdracht_concept(traject),
        regie=regie,
        regie_label=str(Regie(regie).label) if regie else "",
        weigering=overdrachtregels.regie_weigering(
            regie,
            reclassering_id=traject.reclassering_id,
            reclasseringswerker_id=traject.reclasseringswerker_id,
            gemeente_id=traject.gemeente_id,
        ),
        ontvangers=ontvangers,
    )


def casemanagers_van_pi(*, user: Medewerker) -> list[Medewerker]:
    """The casemanagers of the user's own PI for a caseload move (issue 12): every active one,
    and an inactive one who still holds open cases; each with `aantal` (cases in detention, as
    the caseload counts them against the norm) and `open` (cases not yet closed). By name. One
    query."""
    if user.organisatie_id is None:
        return []
    zichtbaar = trajecten_voor(user).values("pk")
    return list(
        Medewerker.objects.filter(organisatie_id=user.organisatie_id, rol=Rol.CASEMANAGER)
        .annotate(
            aantal=Count(
                "caseload",
                filter=Q(caseload__fase__in=IN_DETENTIE, caseload__pk__in=zichtbaar),
                distinct=True,
            ),
            open=Count(
                "caseload",
                filter=~Q(caseload__fase=Fase.AFGESLOTEN) & Q(caseload__pk__in=zichtbaar),
                distinct=True,
            ),
        )
        .filter(Q(is_active=True) | Q(open__gt=0))
        .order_by("last_name", "first_name", "username")
    )


def over_te_dragen(*, user: Medewerker, van: Medewerker) -> list[Traject]:
    """The open cases of casemanager `van` in the user's own PI that the user may see, earliest
    expected release first. One query."""
    trajecten = list(
        trajecten_voor(user)
        .filter(pi_id=user.organisatie_id, casemanager=van)
        .exclude(fase=Fase.AFGESLOTEN)
        .select_related("gedetineerde")
        .order_by(F("verwachte_uitstroom_datum").asc(nulls_last=True), "gedetineerde__achternaam")
    )
    markeer_naamgenoten(t.gedetineerde for t in trajecten)
    return trajecten


@dataclass
class Overdrachtscherm:
    """What the caseload move screen shows (issue 12): the PI's norm, its casemanagers with
    their counts (`keuzelabel` "Jansen (24 van 30)"), those inactive who still hold cases, and
    for the chosen leaving casemanager their open cases and the colleagues who can take them."""

    norm: int
    casemanagers: list[Medewerker]
    inactief_met_trajecten: list[Medewerker]
    van: Medewerker | None = None
    trajecten: list[Traject] = field(default_factory=list)
    ontvangers: list[Medewerker] = field(default_factory=list)


def overdrachtscherm(*, user: Medewerker, van_id: int | None) -> Overdrachtscherm:
    """Three queries (the PI, its casemanagers, the chosen one's cases). An unknown `van_id`
    or one of another PI gives no `van`."""
    assert user.organisatie_id is not None  # staff of a PI (rol_vereist)
    pi = Organisatie.objects.get(pk=user.organisatie_id)
    cms = casemanagers_van_pi(user=user)
    for m in cms:
        m.keuzelabel = _("%(naam)s (%(aantal)s van %(norm)s)") % {  # type: ignore[attr-defined]
            "naam": m.get_full_name() or m.username,
            "aantal": m.aantal,  # type: ignore[attr-defined]
            "norm": pi.norm,
        }
    scherm = Overdrachtscherm(
        norm=pi.norm,
        casemanagers=cms,
        inactief_met_trajecten=[m for m in cms if not m.is_active],
    )
    van = next((m for m in cms if m.pk == van_id), None)
    if van is not None:
        scherm.van = van
        scherm.trajecten = over_te_dragen(user=user, van=van)
        scherm.ontvangers = [m for m in cms if m.is_active and m.pk != van.pk]
    return scherm
