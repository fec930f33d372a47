"""The data lifecycle carried out (issue 17 item 5, ADR 0023).

`pas_bewaartermijnen_toe` removes what has outlived its term on a given day: closed
trajectories with everything below them, people with no kept trajectory left, their copies in
every history table, old notifications, sent outbox messages, expired sessions, and whole
months of the audit trail (partitions, dropped by the owner's function). Running it twice
changes nothing the second time; `proef=True` does everything in a transaction that is rolled
back, so the counts are exact and nothing changes.

`inzageverzoek` is the subject-access export, audited as an export on the person's cases."""

import json
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.utils import timezone

from abonnementen.models import Aflevering, Afleverstatus
from audit import services as audit
from audit.models import Auditactie
from signalering.models import Bericht, Berichtstatus, Gebeurtenis, Notificatie
from trajecten.models import Gedetineerde, Traject

from . import access, selectors

# One run at a time: a second waits for the first and then finds nothing left to do.
SLOT = 0x42E7A4  # pg_advisory_xact_lock key of bewaartermijn


class Proefrun(Exception):
    """Raised inside the transaction of a dry run to roll it back."""


logger = logging.getLogger(__name__)


@dataclass
class Verslag:
    peildatum: date
    proef: bool
    verwijderd: dict[str, int] = field(default_factory=dict)
    partities_gemaakt: list[str] = field(default_factory=list)
    partities_verwijderd: list[str] = field(default_factory=list)
    # Audit rows in the DEFAULT partition (a month without its own partition): never dropped,
    # and they block creating that month's partition; reported for the administrator (ADR 0023).
    in_standaardpartitie: int = 0

    def tel(self, wat: str, aantal: int) -> None:
        if aantal:
            self.verwijderd[wat] = self.verwijderd.get(wat, 0) + aantal

    @property
    def leeg(self) -> bool:
        return not self.verwijderd and not self.partities_verwijderd


def maanden_terug(dag: date, maanden: int) -> date:
    """The same day `maanden` months earlier (the last day of a shorter month)."""
    jaar, maand = divmod(dag.year * 12 + dag.month - 1 - maanden, 12)
    maand += 1
    for d in (dag.day, 30, 29, 28):
        try:
            return date(jaar, maand, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def _begin_van(dag: date) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time.min))


def grenzen(peildatum: date) -> dict[str, date]:
    """The first day that is still kept, per kind of data (settings BEWAARTERMIJN_*)."""
    return {
        "traject": maanden_terug(peildatum, 12 * settings.BEWAARTERMIJN_TRAJECT_JAREN),
        "notificatie": maanden_terug(peildatum, settings.BEWAARTERMIJN_MELDING_MAANDEN),
        "outbox": peildatum - timedelta(days=settings.BEWAARTERMIJN_OUTBOX_DAGEN),
        "aflevering": peildatum - timedelta(days=settings.BEWAARTERMIJN_AFLEVERING_DAGEN),
        # Whole months: the first of the month `BEWAARTERMIJN_AUDIT_MAANDEN` back.
        "audit": maanden_terug(peildatum, settings.BEWAARTERMIJN_AUDIT_MAANDEN).replace(day=1),
    }


def maak_auditpartities(*, vanaf: date, maanden: int = 12) -> list[str]:
    """Monthly audit partitions from `vanaf` for `maanden` months ahead (those not there)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT audit_maak_partities(%s, %s)", [vanaf, maanden_terug(vanaf, -maanden)]
        )
        return [rij[0] for rij in cursor.fetchall()]


def _verwijder_met_historie(verzameld_volgorde: list, verzameld: dict, verslag: Verslag) -> None:
    for model, ids in verzameld_volgorde:
        # Children first; what is left of SET_NULL relations Django's delete handles.
        _, per_model = model._base_manager.filter(pk__in=ids).delete()
        for label, aantal in per_model.items():
            verslag.tel(label, aantal)
    met_historie = selectors.historie_bij(verzameld)
    for event in selectors.historiemodellen():
        ids = met_historie.get(event.pgh_tracked_model)
        if ids:
            aantal, _ = event.objects.filter(pgh_obj_id__in=ids).delete()
            verslag.tel(f"{event._meta.label} (historie)", aantal)


def _verwijder_trajecten_en_personen(grens: date, verslag: Verslag) -> list[int]:
    moment = _begin_van(grens)
    traject_ids = list(access.trajecten_met_verlopen_termijn(moment).values_list("pk", flat=True))
    persoon_ids = list(access.personen_zonder_lopend_traject(moment).values_list("pk", flat=True))
    volgorde: list = []
    verzameld = selectors.verzamel(Traject, traject_ids, volgorde)
    if persoon_ids:
        # The people's own rows (their trajectories are in the set above already).
        for model, ids in selectors.verzamel(Gedetineerde, persoon_ids).items():
            verzameld[model] |= ids
        volgorde.append((Gedetineerde, set(persoon_ids)))
    if traject_ids or persoon_ids:
        _verwijder_met_historie(volgorde, verzameld, verslag)
    return traject_ids


def pas_bewaartermijnen_toe(*, peildatum: date, proef: bool = False) -> Verslag:
    verslag = Verslag(peildatum=peildatum, proef=proef)
    g = grenzen(peildatum)
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SLOT])
            traject_ids = _verwijder_trajecten_en_personen(g["traject"], verslag)
            aantal, _ = Notificatie.objects.filter(
                aangemaakt_op__lt=_begin_van(g["notificatie"])
            ).delete()
            verslag.tel("signalering.Notificatie", aantal)
            aantal, _ = Gebeurtenis.objects.filter(
                aangemaakt_op__lt=_begin_van(g["notificatie"])
            ).delete()
            verslag.tel("signalering.Gebeurtenis", aantal)
            aantal, _ = (
                Bericht.objects.filter(aangemaakt_op__lt=_begin_van(g["outbox"]))
                .exclude(status=Berichtstatus.WACHTEND)
                .delete()
            )
            verslag.tel("signalering.Bericht", aantal)
            # Event deliveries and their log (issue 16): delivered or given up; never waiting.
            _aantal, per_soort = (
                Aflevering.objects.filter(aangemaakt_op__lt=_begin_van(g["aflevering"]))
                .exclude(status=Afleverstatus.WACHTEND)
                .delete()
            )
            verslag.tel("abonnementen.Aflevering", per_soort.get("abonnementen.Aflevering", 0))
            verslag.tel("abonnementen.Poging", per_soort.get("abonnementen.Poging", 0))
            aantal, _ = Session.objects.filter(expire_date__lt=_begin_van(peildatum)).delete()
            verslag.tel("sessions.Session", aantal)
            with connection.cursor() as cursor:
                cursor.execute("SELECT audit_verwijder_partities(%s)", [g["audit"]])
                verslag.partities_verwijderd = [rij[0] for rij in cursor.fetchall()]
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM audit_auditregel "
                    "WHERE tableoid = 'audit_auditregel_standaard'::regclass"
                )
                verslag.in_standaardpartitie = cursor.fetchone()[0]
            if verslag.in_standaardpartitie:
                logger.warning(
                    "%s auditregels in de standaardpartitie: maand zonder partitie (ADR 0023)",
                    verslag.in_standaardpartitie,
                )
            if peildatum <= timezone.localdate():
                # The coming year's months exist before their rows arrive. (A run with a
                # future --date makes none: those months are not here yet.)
                verslag.partities_gemaakt = maak_auditpartities(vanaf=peildatum)
            if traject_ids:
                # What was removed, without naming anyone: the trajectory numbers only.
                audit.vastleggen(
                    gebruiker=None,
                    actie=Auditactie.SCHRIJVEN,
                    traject_ids=traject_ids,
                    toelichting=f"Bewaartermijn verstreken (peildatum {peildatum:%d-%m-%Y}): "
                    "traject met alle gegevens en historie verwijderd",
                )
            if proef:
                raise Proefrun
    except Proefrun:
        pass
    return verslag


def inzageverzoek(*, persoon: Gedetineerde, acting_user, via: str) -> str:
    """The JSON of everything held on this person; the export is in the audit trail on each of
    their trajectories (or on the person when there is none)."""
    with transaction.atomic():
        gegevens = selectors.inzage(persoon)
        traject_ids = [t["id"] for t in gegevens["trajecten"]]
        audit.vastleggen(
            gebruiker=acting_user,
            actie=Auditactie.EXPORT,
            traject_ids=traject_ids or [None],
            object_type="gedetineerde",
            object_id=str(persoon.pk),
            categorieen=[],
            toelichting=f"Inzageverzoek (AVG art. 15): alle gegevens van de persoon "
            f"geëxporteerd ({via})",
        )
    return json.dumps(gegevens, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
