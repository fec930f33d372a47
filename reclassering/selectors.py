from django.core.paginator import Page, Paginator
from django.db.models import Min, Q
from django.utils import timezone

from ketenpartners.models import Medewerker
from trajecten.access import trajecten_voor
from trajecten.selectors import zoek_op_naam

PER_PAGINA = 25


def clienten(*, user: Medewerker, alleen_eigen: bool, zoek: str = "", pagina=1) -> Page:
    """The trajectories where the user's reclassering organisation is assigned; 'mijn cliënten'
    are those where the user is the reclasseringswerker. Release soonest first."""
    qs = trajecten_voor(user).filter(reclassering_id=user.organisatie_id)
    if alleen_eigen:
        qs = qs.filter(reclasseringswerker=user)
    qs = zoek_op_naam(qs, zoek)
    qs = (
        qs.met_betrokkenen()
        .annotate(
            volgend_gesprek=Min(
                "gesprekken__gepland_op",
                filter=Q(
                    gesprekken__gehouden_datum__isnull=True,
                    gesprekken__gepland_op__gte=timezone.now(),
                ),
            )
        )
        .order_by("verwachte_uitstroom_datum", "pk")
    )
    return Paginator(qs, PER_PAGINA).get_page(pagina)
