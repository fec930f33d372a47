"""Reads of trajectories, always through the access door. Deadlines are computed from a handful
of annotated event dates, so a list of any length costs the same few queries."""

from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from django.conf import settings
from django.db.models import OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, TruncDate
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenpartners.deelmatrix import zicht
from ketenpartners.models import Contactpunt, Medewerker
from ketenpartners.rollen import Soort

from . import deadlines
from .access import (
    is_nazorg_van,
    is_reclassering_van,
    mag_contact_vastleggen,
    mag_traject_wijzigen,
    mag_voorwaarden_bijwerken,
    trajecten_voor,
)
from .keuzes import (
    IN_DETENTIE,
    UITKERING_AANVRAAG,
    BVStatus,
    Domein,
    Fase,
    Gesprekssoort,
    PlanStatus,
    VoorbereidingStatus,
)
from .models import (
    Actie,
    Basisvoorwaarde,
    Brugdag,
    Contactmoment,
    DRAdvies,
    DRPlanVersie,
    Overplaatsing,
    Traject,
    Trajectgesprek,
    UitstroomBasisvoorwaarde,
    Voorbereiding,
    VoorbereidingSoort,
)
from .querysets import TrajectQuerySet

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


def _gehouden(soort: str) -> QuerySet:
    return Trajectgesprek.objects.filter(
        traject=OuterRef("pk"), soort=soort, gehouden_datum__isnull=False
    )


def met_termijndata(qs: _QS) -> _QS:
    """Annotate the dates of the events that meet the deadlines (DOMAIN.md)."""
    return qs.annotate(
        contact_gemeente_datum=_eerste(
            Contactmoment.objects.filter(traject=OuterRef("pk"), organisatie__soort=Soort.GEMEENTE),
            "datum",
        ),
        plan_vastgesteld_datum=_eerste(
            DRPlanVersie.objects.filter(plan__traject=OuterRef("pk")), "vastgesteld_datum"
        ),
        startoverleg_datum=_eerste(_gehouden(Gesprekssoort.STARTOVERLEG), "gehouden_datum"),
        laatste_mdo_datum=_eerste(_gehouden(Gesprekssoort.MDO), "-gehouden_datum"),
        uitstroomoverleg_datum=_eerste(_gehouden(Gesprekssoort.UITSTROOMOVERLEG), "gehouden_datum"),
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
    then the rest (UX.md principle 3). Three queries whatever the number of rows."""
    vandaag = vandaag or timezone.localdate()
    qs = trajecten_voor(user).in_detentie()
    if alleen_eigen:
        qs = qs.filter(casemanager=user)
    qs = zoek_op_naam(qs, zoek)
    if fase:
        qs = qs.filter(fase=fase)
    qs = met_termijndata(qs.met_lijstgegevens()).prefetch_related(
        Prefetch("basisvoorwaarden", queryset=Basisvoorwaarde.objects.order_by("domein"))
    )
    vrij = brugdagen()
    regels = []
    for traject in qs:
        ts = termijnen_van(traject, vandaag=vandaag, vrije_dagen=vrij)
        regel = Regel(traject=traject, termijnen=ts, eerstvolgende=deadlines.eerstvolgende(ts))
        if alleen_te_laat and regel.urgentie[0] != 0:
            continue
        regels.append(regel)
    regels.sort(key=lambda r: (r.urgentie, r.traject.gedetineerde.achternaam))
    return regels


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


def _sectiestatus(basisvoorwaarden, termijnen_per_soort, traject) -> dict[str, tuple[str, str]]:
    """Task-list states (UX.md principle 1): (css modifier, Dutch label)."""
    niet_gestart, bezig, klaar, te_laat = (
        ("niet-gestart", _("Niet gestart")),
        ("bezig", _("Bezig")),
        ("klaar", _("Klaar")),
        ("te-laat", _("Te laat")),
    )

    def gemist(*soorten):
        return any(
            termijnen_per_soort.get(s)
            and termijnen_per_soort[s].status == deadlines.Termijnstatus.GEMIST
            for s in soorten
        )

    onbekend = sum(b.status == BVStatus.ONBEKEND for b in basisvoorwaarden)
    if gemist(deadlines.Termijnsoort.CONTACT_GEMEENTE) and onbekend:
        bv = te_laat
    elif onbekend == len(basisvoorwaarden):
        bv = niet_gestart
    elif onbekend:
        bv = bezig
    else:
        bv = klaar
    plan = traject.plan
    if plan.status == PlanStatus.VASTGESTELD:
        plan_status = ("klaar", _("Vastgesteld"))
    elif gemist(deadlines.Termijnsoort.PLAN_VASTGESTELD):
        plan_status = te_laat
    elif plan.status == PlanStatus.HERZIEN:
        plan_status = ("bezig", _("In herziening"))
    else:
        plan_status = ("bezig", _("Concept")) if plan.gewijzigd_op else niet_gestart
    gesprekken = list(traject.gesprekken.all())
    if gemist(deadlines.Termijnsoort.STARTOVERLEG, deadlines.Termijnsoort.MDO):
        gesprek_status = te_laat
    elif gesprekken:
        gesprek_status = bezig
    else:
        gesprek_status = niet_gestart
    if hasattr(traject, "overdracht"):
        overdracht = klaar
    elif traject.fase == Fase.VOORBEREIDING_UITSTROOM:
        overdracht = bezig
    else:
        overdracht = niet_gestart
    return {
        "basisvoorwaarden": bv,
        "plan": plan_status,
        "gesprekken": gesprek_status,
        "overdracht": overdracht,
    }


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
        .select_related("plan", "overdracht")
        .annotate(
            overgeplaatst_van=Subquery(laatste_overplaatsing.values("van_pi__naam")[:1]),
            overgeplaatst_datum=Subquery(laatste_overplaatsing.values("datum")[:1]),
        )
    ).prefetch_related(
        Prefetch(
            "basisvoorwaarden",
            queryset=Basisvoorwaarde.objects.select_related(
                "uitvoerende_partner", "gewijzigd_door"
            ).prefetch_related(
                Prefetch("acties", queryset=Actie.objects.select_related("organisatie"))
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
        .select_related("overdracht__opgesteld_door")
        .prefetch_related(
            Prefetch("basisvoorwaarden", queryset=Basisvoorwaarde.objects.order_by("domein")),
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
            "adviezen": list(traject.adviezen.all()),
            "mag_contact": mag_contact_vastleggen(user, traject),
            "is_nazorg": is_nazorg_van(user, traject),
            "is_reclassering": is_reclassering_van(user, traject),
            "mag_traject_wijzigen": mag_traject_wijzigen(user, traject),
            "mag_voorwaarden_bijwerken": mag_voorwaarden_bijwerken(user, traject),
            "in_detentie": traject.fase in IN_DETENTIE,
        }
    )
    return context
