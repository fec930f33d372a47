"""The morning scan's part for the release preparations (issue 11): a trajectory whose benefit
application is not prepared N working days before the expected release is flagged to its
casemanager; the flag is resolved once the application is requested (or arranged, or marked not
needed) and lapses when the deadline no longer holds (a changed release date). Set-based: a
fixed number of queries whatever the number of trajectories; idempotent like the rest of the
scan (unique flag per trajectory, kind and deadline; INSERT … ON CONFLICT DO NOTHING)."""

from dataclasses import dataclass, field
from datetime import date
from types import SimpleNamespace

from django.conf import settings
from django.db.models import DateField, F, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Least
from django.utils import timezone

from trajecten.access import trajecten_voor_bewaking
from trajecten.selectors import met_uitkeringsdatum

from .invoegen import voeg_in
from .models import Notificatie, Signalering, Signaleringssoort
from .plaatsvervangers import vervang_inactieven
from .werkdagen import plus_werkdagen_sql

SOORT = Signaleringssoort.UITKERING_AANVRAAG


@dataclass
class Uitkeringsscan:
    nieuw: list[tuple[int, str, date]] = field(default_factory=list)
    opgelost: list[tuple[int, str, date]] = field(default_factory=list)
    open: int = 0


def _rijen(ids: set[int]) -> list[SimpleNamespace]:
    """The trajectories of the open and new flags only: what the scan reads follows the
    flags, not every trajectory in detention a second time."""
    qs = met_uitkeringsdatum(trajecten_voor_bewaking()).filter(
        verwachte_uitstroom_datum__isnull=False, pk__in=ids
    )
    return [
        SimpleNamespace(**r)
        # the annotation is met_uitkeringsdatum's, which the stubs cannot follow
        for r in qs.values(  # type: ignore[misc]
            "pk",
            "pi_id",
            "casemanager_id",
            "binnenkomst_datum",
            "verwachte_uitstroom_datum",
            "uitstroom_datum",
            "uitkering_aangevraagd_datum",
        )
    ]


def _voeg_in(kandidaten: list[tuple[int, date]], vandaag: date) -> list[tuple[int, int, date]]:
    nieuw = voeg_in([(t, None, str(SOORT), u) for t, u in kandidaten], vandaag=vandaag)
    return [(i, t, u) for i, t, _a, _s, u in nieuw]


def _kandidaten(vandaag: date) -> list[tuple[int, date]]:
    """The missed benefit-application deadlines, computed in SQL on the calendar table (issue
    18) with the rules of `trajecten.deadlines.uitkering_termijn`: N working days before the
    expected release but never before arrival; met by the application; lapsed when the person
    was released before it; missed once the clock (stopped at release) passed it. One query."""
    tabel = '"trajecten_traject"'
    dag = plus_werkdagen_sql(
        f"{tabel}.verwachte_uitstroom_datum", -settings.UITKERING_AANVRAAG_WERKDAGEN_VOORAF
    )
    # our own SQL from constants and settings, no values
    uiterlijk = RawSQL(  # noqa: S611
        f"GREATEST({dag}, {tabel}.binnenkomst_datum)",
        [],
        output_field=DateField(),
    )
    qs = (
        met_uitkeringsdatum(trajecten_voor_bewaking())
        .filter(verwachte_uitstroom_datum__isnull=False)
        .annotate(uitkering_uiterlijk=uiterlijk)
        .filter(
            uitkering_aangevraagd_datum__isnull=True,
            # PostgreSQL's LEAST skips NULL: without a release the clock shows today
            uitkering_uiterlijk__lt=Least(Value(vandaag), "uitstroom_datum"),
        )
        .exclude(uitstroom_datum__lt=F("uitkering_uiterlijk"))
    )
    return list(qs.values_list("pk", "uitkering_uiterlijk"))


def scan_uitkeringsaanvragen(*, vandaag: date) -> Uitkeringsscan:
    """Called by `signalering.services.scan` inside its transaction and advisory lock, after
    `trajecten.kalender.zorg_voor_kalender`."""
    kandidaten = _kandidaten(vandaag)
    nieuw = _voeg_in(kandidaten, vandaag)
    resultaat = Uitkeringsscan(nieuw=[(t, str(SOORT), u) for _i, t, u in nieuw])

    open_signaleringen = list(
        Signalering.objects.filter(
            soort=SOORT, opgelost_datum__isnull=True, traject__in=trajecten_voor_bewaking()
        )
    )
    ids = {sig.traject_id for sig in open_signaleringen} | {t for _i, t, _u in nieuw}
    per_traject = {r.pk: r for r in _rijen(ids)} if ids else {}
    nog_gemist = set(kandidaten)
    nu = timezone.now()
    opgelost = []
    for sig in open_signaleringen:
        rij = per_traject.get(sig.traject_id)
        if rij is not None and rij.uitkering_aangevraagd_datum is not None:
            sig.opgelost_datum, sig.opgelost_op = rij.uitkering_aangevraagd_datum, nu
            opgelost.append(sig)
        elif (sig.traject_id, sig.uiterlijk) not in nog_gemist:
            # The release date moved (or is no longer known): this deadline does not hold.
            sig.opgelost_datum, sig.opgelost_op, sig.vervallen = vandaag, nu, True
            opgelost.append(sig)
    if opgelost:
        Signalering.objects.bulk_update(opgelost, ["opgelost_datum", "opgelost_op", "vervallen"])
    resultaat.opgelost = [(s.traject_id, s.soort, s.uiterlijk) for s in opgelost]
    resultaat.open = len(open_signaleringen) - len(opgelost)

    # To the casemanager; an inactive one's flag goes to the PI's staffunctionarissen.
    paren = [
        (sig_id, per_traject[t].casemanager_id, per_traject[t].pi_id) for sig_id, t, _u in nieuw
    ]
    Notificatie.objects.bulk_create(
        [Notificatie(signalering_id=s, ontvanger_id=p) for s, p in vervang_inactieven(paren)],
        ignore_conflicts=True,
    )
    return resultaat
