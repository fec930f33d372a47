from datetime import date, timedelta

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from ketenpartners.models import Medewerker
from reintegratie.paginering import Pagina, pagina_van
from trajecten.access import zichtbaar_in_volgorde
from trajecten.models import Traject, Trajectgesprek
from trajecten.querysets import CLIENTVOLGORDE, PaginaEerst, TrajectQuerySet
from trajecten.selectors import markeer_naamgenoten, zoek_op_naam

PER_PAGINA = 25
# Released longer ago than this is no longer current: hidden unless asked for.
RECENT_UITGESTROOMD = timedelta(days=90)


def clienten(
    *,
    user: Medewerker,
    alleen_eigen: bool,
    zoek: str = "",
    pagina: int = 1,
    ook_lang_uitgestroomd: bool = False,
    vandaag: date | None = None,
) -> Pagina:
    """A page of the trajectories where the user's reclassering organisation is assigned;
    'mijn cliënten' are those where the user is the reclasseringswerker. What is current first:
    in detention by expected release (soonest first, unknown last), then the released, most
    recent first. Released more than RECENT_UITGESTROOMD ago only with `ook_lang_uitgestroomd`.
    Without a count (issue 18): the organisation's list is read in the order of the index
    `traject_reclassering_volgorde`, the door checked only on the rows that walk reaches, so
    the first page costs its 26 rows whether the organisation has 300 clients or 3,000. Page N
    walks the rows of the pages before it, and a name search walks the organisation's list
    until it has a page (a rare name: all of it, as the sorted list did before)."""
    qs = _lijst(
        user,
        alleen_eigen=alleen_eigen,
        zoek=zoek,
        ook_lang_uitgestroomd=ook_lang_uitgestroomd,
        vandaag=vandaag,
    ).order_by(*CLIENTVOLGORDE)
    gevonden = pagina_van(PaginaEerst(qs, _clientregels), pagina, PER_PAGINA)
    markeer_naamgenoten(t.gedetineerde for t in gevonden.rijen)
    return gevonden


def aantal_eigen(*, user: Medewerker, zoek: str = "", ook_lang_uitgestroomd: bool = False) -> int:
    """How many of 'mijn cliënten' the list holds (one worker's caseload: counting is cheap)."""
    return _lijst(
        user, alleen_eigen=True, zoek=zoek, ook_lang_uitgestroomd=ook_lang_uitgestroomd
    ).count()


def _lijst(
    user: Medewerker,
    *,
    alleen_eigen: bool,
    zoek: str,
    ook_lang_uitgestroomd: bool,
    vandaag: date | None = None,
) -> TrajectQuerySet:
    vandaag = vandaag or timezone.localdate()
    # Driven by the organisation's (or the worker's) clients, the door per row.
    qs = Traject.objects.filter(zichtbaar_in_volgorde(user), reclassering_id=user.organisatie_id)
    if alleen_eigen:
        qs = qs.filter(reclasseringswerker=user)
    if not ook_lang_uitgestroomd:
        qs = qs.filter(
            Q(uitstroom_datum__isnull=True) | Q(uitstroom_datum__gte=vandaag - RECENT_UITGESTROOMD)
        )
    return zoek_op_naam(qs, zoek)


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
