from datetime import date, timedelta

from django.core.paginator import Page, Paginator
from django.db.models import Case, DateField, F, OuterRef, Q, Subquery, When
from django.utils import timezone

from ketenpartners.models import Medewerker
from trajecten.access import trajecten_voor_per_rij
from trajecten.keuzes import IN_DETENTIE
from trajecten.models import Trajectgesprek
from trajecten.querysets import PaginaEerst, TrajectQuerySet
from trajecten.selectors import markeer_naamgenoten, zoek_op_naam

PER_PAGINA = 25
# Released longer ago than this is no longer current: hidden unless asked for.
RECENT_UITGESTROOMD = timedelta(days=90)


def clienten(
    *,
    user: Medewerker,
    alleen_eigen: bool,
    zoek: str = "",
    pagina=1,
    ook_lang_uitgestroomd: bool = False,
    vandaag: date | None = None,
) -> Page:
    """The trajectories where the user's reclassering organisation is assigned; 'mijn cliënten'
    are those where the user is the reclasseringswerker. What is current first: in detention
    by expected release (soonest first, unknown last), then the released, most recent first.
    Released more than RECENT_UITGESTROOMD ago only with `ook_lang_uitgestroomd`."""
    vandaag = vandaag or timezone.localdate()
    # Driven by the organisation's (and the worker's) own current clients, the door per row.
    qs = trajecten_voor_per_rij(user).filter(reclassering_id=user.organisatie_id)
    if alleen_eigen:
        qs = qs.filter(reclasseringswerker=user)
    if not ook_lang_uitgestroomd:
        qs = qs.filter(
            Q(uitstroom_datum__isnull=True) | Q(uitstroom_datum__gte=vandaag - RECENT_UITGESTROOMD)
        )
    qs = zoek_op_naam(qs, zoek)
    qs = qs.annotate(
        in_detentie_tot=Case(
            When(fase__in=IN_DETENTIE, then=F("verwachte_uitstroom_datum")),
            output_field=DateField(),
        ),
        in_detentie=Case(When(fase__in=IN_DETENTIE, then=0), default=1),
    ).order_by(
        "in_detentie",
        F("in_detentie_tot").asc(nulls_last=True),
        F("uitstroom_datum").desc(nulls_last=True),
        "pk",
    )
    gevonden = Paginator(PaginaEerst(qs, _clientregels), PER_PAGINA).get_page(pagina)
    markeer_naamgenoten(t.gedetineerde for t in gevonden)
    return gevonden


def _clientregels(qs: TrajectQuerySet) -> TrajectQuerySet:
    """What a row of the list shows, for the rows of one page (issue 18): the next meeting as
    a subquery per row, not a join with GROUP BY over every meeting of every client."""
    return qs.met_betrokkenen().annotate(
        volgend_gesprek=Subquery(
            Trajectgesprek.objects.filter(
                traject=OuterRef("pk"),
                gehouden_datum__isnull=True,
                geannuleerd_op__isnull=True,
                gepland_op__gte=timezone.now(),
            )
            .order_by("gepland_op")
            .values("gepland_op")[:1]
        )
    )
