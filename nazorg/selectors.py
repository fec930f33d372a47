"""The gemeente's inbox of incoming detentions. Reads through the access door only."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from ketenpartners.models import Contactpunt, Medewerker
from trajecten import deadlines, statussen
from trajecten.access import trajecten_voor
from trajecten.keuzes import IN_DETENTIE, BVStatus, Fase
from trajecten.models import Basisvoorwaarde
from trajecten.querysets import PaginaEerst, TrajectQuerySet
from trajecten.selectors import brugdagen, met_termijndata, termijnen_van, zoek_op_naam

PER_PAGINA = 25
STATUSSEN = ("nieuw", "gezien", "opgepakt")
SORTERINGEN = {
    # Expected release soonest first (unknown after known), new before seen (UX.md principle 3).
    "urgentie": (
        F("verwachte_uitstroom_datum").asc(nulls_last=True),
        F("gezien_door_gemeente_op").asc(nulls_first=True),
        "-binnenkomst_datum",
        "pk",
    ),
    "binnen": ("-binnenkomst_datum", "pk"),
    "uitstroom": (F("verwachte_uitstroom_datum").asc(nulls_last=True), "pk"),
    "naam": ("gedetineerde__achternaam", "pk"),
}


def _status_filter(status: str) -> Q:
    return {
        "nieuw": Q(gezien_door_gemeente_op__isnull=True),
        "gezien": Q(gezien_door_gemeente_op__isnull=False, opgepakt_op__isnull=True),
        "opgepakt": Q(opgepakt_op__isnull=False),
    }[status]


# After release (issue 12): handovers to confirm, cases in the nazorg phase, and those past
# their period, to close.
NAZORG_SECTIES = ("te_bevestigen", "nazorgfase", "af_te_sluiten")


def _nazorg_filter(sectie: str, vandaag: date | None = None) -> Q:
    vandaag = vandaag or timezone.localdate()
    in_nazorg = Q(fase=Fase.NA_DETENTIE)
    return {
        "te_bevestigen": in_nazorg
        & Q(overdracht__isnull=False, overdracht__ontvangen_op__isnull=True),
        "nazorgfase": in_nazorg,
        "af_te_sluiten": in_nazorg
        & Q(uitstroom_datum__lt=vandaag - timedelta(weeks=settings.NAZORGFASE_WEKEN)),
    }[sectie]


def _van_de_gemeente(user: Medewerker) -> TrajectQuerySet:
    """The door, narrowed to the cases returning to the user's gemeente: what the gemeente's
    group grant gives anyway, said so that PostgreSQL starts from the gemeente's running cases
    (index `traject_lopend_per_gemeente`) instead of every grant of ten years (issue 18)."""
    return trajecten_voor(user).naar_gemeente(user.organisatie_id)


def tellingen(*, user: Medewerker) -> dict[str, int]:
    """Nieuw · Gezien · Opgepakt, and the nazorg sections, in one query, over the running cases
    only: a closed case is in none of them (it was counted as 'nieuw' for ever)."""
    lopend = [*IN_DETENTIE, Fase.NA_DETENTIE]
    return (
        _van_de_gemeente(user)
        .filter(fase__in=lopend)
        .aggregate(
            # The tabs open the list in detention filtered by status: counted the same way.
            **{
                s: Count("pk", filter=_status_filter(s) & Q(fase__in=IN_DETENTIE))
                for s in STATUSSEN
            },
            uitstroom_binnenkort=Count("pk", filter=Q(fase__in=IN_DETENTIE) & _binnenkort()),
            **{s: Count("pk", filter=_nazorg_filter(s)) for s in NAZORG_SECTIES},
        )
    )


def _binnenkort(vandaag: date | None = None) -> Q:
    from django.utils import timezone

    vandaag = vandaag or timezone.localdate()
    return Q(
        verwachte_uitstroom_datum__gte=vandaag,
        verwachte_uitstroom_datum__lte=vandaag + timedelta(weeks=6),
    )


@dataclass
class Filters:
    status: str = ""
    zoek: str = ""
    binnenkort: bool = False
    na_detentie: bool = False
    sorteer: str = "urgentie"
    nazorg: str = ""  # one of NAZORG_SECTIES


def _aantal_basisvoorwaarden(**filter: object) -> Coalesce:
    return Coalesce(
        Subquery(
            Basisvoorwaarde.objects.filter(traject=OuterRef("pk"), **filter)
            .order_by()
            .values("traject")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def inbox(*, user: Medewerker, filters: Filters, pagina: int | str = 1) -> Page:
    qs: TrajectQuerySet = _van_de_gemeente(user)
    if filters.nazorg in NAZORG_SECTIES:
        qs = qs.filter(_nazorg_filter(filters.nazorg))
    elif filters.na_detentie:
        qs = qs.filter(~Q(fase__in=IN_DETENTIE))
    else:
        qs = qs.filter(fase__in=IN_DETENTIE)
    if filters.status in STATUSSEN:
        qs = qs.filter(_status_filter(filters.status))
    qs = zoek_op_naam(qs, filters.zoek)
    if filters.binnenkort:
        qs = qs.filter(_binnenkort())
    qs = qs.order_by(*SORTERINGEN.get(filters.sorteer, SORTERINGEN["urgentie"]))
    return Paginator(PaginaEerst(qs, _inboxregels), PER_PAGINA).get_page(pagina)


def _inboxregels(qs: TrajectQuerySet) -> TrajectQuerySet:
    """What a row of the inbox shows, for the rows of one page."""
    return (
        met_termijndata(
            qs.met_betrokkenen().select_related("overdracht", "overdracht__ontvangen_door")
        )
        .annotate(
            bv_aantal=_aantal_basisvoorwaarden(),
            bv_beoordeeld=_aantal_basisvoorwaarden(
                status__in=[s for s in BVStatus.values if s != BVStatus.ONBEKEND]
            ),
            bv_op_orde=_aantal_basisvoorwaarden(status=BVStatus.OP_ORDE),
        )
        .prefetch_related(
            Prefetch(
                "basisvoorwaarden",
                queryset=Basisvoorwaarde.objects.exclude(
                    status__in=[BVStatus.OP_ORDE, BVStatus.ONBEKEND]
                ),
                to_attr="hulpvragen",
            )
        )
    )


def met_statussen(trajecten, *, vandaag: date | None = None) -> None:
    """Give each row of the inbox the words of `trajecten.statussen`: its screening
    (`t.screening`) and its most urgent deadline (`t.termijn`, `t.termijnstatus`). One query
    (the bridging days) for the page."""
    vandaag = vandaag or timezone.localdate()
    vrij = brugdagen()
    for t in trajecten:
        ts = termijnen_van(t, vandaag=vandaag, vrije_dagen=vrij)
        tien = next((x for x in ts if x.soort == deadlines.Termijnsoort.CONTACT_GEMEENTE), None)
        t.screening = statussen.basisvoorwaarden(
            aantal=t.bv_aantal,
            beoordeeld=t.bv_beoordeeld,
            op_orde=t.bv_op_orde,
            tien_dagen=tien,
            uitgestroomd=t.uitstroom_datum is not None,
        )
        t.termijn = deadlines.eerstvolgende(ts)
        t.termijnstatus = statussen.termijnstatus_van(t, t.termijn) if t.termijn else None


def pi_contactpunten(trajecten) -> dict[int, list[Contactpunt]]:
    """The PI's contact point beside each casemanager, one query for the page."""
    ids = {t.pi_id for t in trajecten}
    per_pi: dict[int, list[Contactpunt]] = {i: [] for i in ids}
    for cp in Contactpunt.objects.filter(organisatie_id__in=ids):
        per_pi[cp.organisatie_id].append(cp)
    return per_pi


def pi_s_met_contactpunten(trajecten, per_pi: dict[int, list[Contactpunt]]) -> list[tuple]:
    """Each PI on the page once, with its contact points, for the block above the inbox
    (instead of the same lines in every row). No query: the PIs came with the rows."""
    gezien: dict[int, tuple] = {}
    for t in trajecten:
        if t.pi_id not in gezien:
            gezien[t.pi_id] = (t.pi, per_pi.get(t.pi_id, []))
    return sorted(gezien.values(), key=lambda paar: paar[0].naam)


def collega_s(*, user: Medewerker) -> QuerySet[Medewerker]:
    # A role comes with an organisation (constraint medewerker_met_rol_heeft_organisatie).
    assert user.organisatie_id is not None
    return Medewerker.objects.filter(
        organisatie_id=user.organisatie_id, rol=user.rol, is_active=True
    ).order_by("last_name", "first_name")
