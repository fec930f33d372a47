"""Events that reach people (issue 12, ADR 0014). A service announces an event with
`trajecten.services.meld_gebeurtenis`; the receiver here writes the Gebeurtenis and one
notification per person (and per e-mail contact point of a gemeente) in the same transaction, so
a rolled-back change tells nobody. Who hears of what follows the kind (WIE_HOORT_WAT), plus the
ids the sender names; never the acting person; an inactive account's share goes to the PI's
staffunctionarissen. How each person hears of it follows their preference (voorkeuren): the app
only, the daily digest (services.stel_digests_op), or an immediate e-mail written to the outbox
now and queued after commit — never lost when the broker is down (the outbox drain sends it)."""

from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenpartners.models import Contactpunt, Medewerker
from ketenpartners.rollen import Rol, Soort
from trajecten.keuzes import Gebeurtenissoort as G
from trajecten.models import Traject, Trajectgesprek
from trajecten.querysets import GEMEENTE_ID

from . import tasks, voorkeuren
from .models import Bericht, Berichtsoort, Gebeurtenis, Kanaal, Notificatie
from .plaatsvervangers import vervang_inactieven

GEMEENTE = "gemeente"  # the gemeente's active nazorgcoördinatoren and its e-mail contact points
CASEMANAGER = "casemanager"
RECLASSERINGSWERKER = "reclasseringswerker"
GESPREK = "gesprek"  # the meeting's invited people and the invited gemeenten's coördinatoren

WIE_HOORT_WAT: dict[str, tuple[str, ...]] = {
    G.DETENTIE_GEMELD: (GEMEENTE,),
    G.UITSTROOMDATUM_GEWIJZIGD: (GEMEENTE, RECLASSERINGSWERKER),
    G.GESPREK_GEPLAND: (GESPREK,),
    G.GESPREK_GEANNULEERD: (GESPREK,),
    G.OVERDRACHT_VERSTUURD: (GEMEENTE, RECLASSERINGSWERKER),
    G.OVERDRACHT_BEVESTIGD: (CASEMANAGER,),
    G.NIET_ONZE_GEMEENTE: (CASEMANAGER,),
    G.GEMEENTE_GEWIJZIGD: (GEMEENTE,),
    G.CASELOAD_OVERGEDRAGEN: (CASEMANAGER,),
    G.TRAJECT_AFGESLOTEN: (CASEMANAGER,),
}


def _gemeente(gemeente_id: int | None) -> tuple[set[int], set[int]]:
    if gemeente_id is None:
        return set(), set()
    personen = set(
        Medewerker.objects.filter(
            rol=Rol.NAZORGCOORDINATOR, organisatie_id=gemeente_id, is_active=True
        ).values_list("pk", flat=True)
    )
    punten = set(
        Contactpunt.objects.filter(organisatie_id=gemeente_id)
        .exclude(email="")
        .values_list("pk", flat=True)
    )
    return personen, punten


def _gesprek(traject_id: int, gesprek_id: Any) -> set[int]:
    if not str(gesprek_id or "").isdigit():
        return set()
    gesprek = Trajectgesprek.objects.filter(pk=int(gesprek_id), traject_id=traject_id).first()
    if gesprek is None:
        return set()
    personen = set(gesprek.deelnemers.values_list("pk", flat=True))
    personen |= set(
        Medewerker.objects.filter(
            rol=Rol.NAZORGCOORDINATOR,
            is_active=True,
            organisatie__in=gesprek.organisaties.filter(soort=Soort.GEMEENTE),
        ).values_list("pk", flat=True)
    )
    return personen


def ontvangers_van(
    soort: str, traject_id: int, gegevens: dict[str, Any]
) -> tuple[int | None, set[int], set[int]]:
    """(the case's PI, people, contact points) who hear of an event of this kind. Reads the
    trajectory fresh: a receiver sees what the sending service saved."""
    rij = (
        Traject.objects.filter(pk=traject_id)
        .annotate(gemeente_pk=GEMEENTE_ID)
        .values("pi_id", "casemanager_id", "reclasseringswerker_id", "gemeente_pk")
        .get()
    )
    personen: set[int] = set()
    punten: set[int] = set()
    for wie in WIE_HOORT_WAT.get(soort, ()):
        if wie == GEMEENTE:
            p, c = _gemeente(rij["gemeente_pk"])
            personen |= p
            punten |= c
        elif wie == CASEMANAGER and rij["casemanager_id"]:
            personen.add(rij["casemanager_id"])
        elif wie == RECLASSERINGSWERKER and rij["reclasseringswerker_id"]:
            personen.add(rij["reclasseringswerker_id"])
        elif wie == GESPREK:
            personen |= _gesprek(traject_id, gegevens.get("gesprek_id"))
    return rij["pi_id"], personen, punten


def _directe_tekst(gebeurtenis: Gebeurtenis) -> str:
    basis = settings.SITE_URL.rstrip("/")
    return "\n".join(
        [
            _("Goedendag,"),
            "",
            _("- %(omschrijving)s: traject %(id)s. %(url)s")
            % {
                "omschrijving": gebeurtenis.omschrijving,
                "id": gebeurtenis.traject_id,
                "url": basis + reverse("trajecten:detail", args=[gebeurtenis.traject_id]),
            },
            "",
            _("Namen staan niet in deze e-mail; log in om het traject te openen."),
            _("U krijgt dit bericht direct omdat u dat zo hebt ingesteld: %(url)s")
            % {"url": basis + reverse("signalering:instellingen")},
        ]
    )


@transaction.atomic
def verwerk(
    *,
    soort: str,
    traject_id: int,
    door: Medewerker | None,
    ontvangers: list[int],
    gegevens: dict[str, Any],
) -> Gebeurtenis:
    """Write the event and its notifications; write an immediate e-mail for those who want
    one and queue it after commit. A fixed number of queries whatever the number of people."""
    gebeurtenis = Gebeurtenis.objects.create(
        soort=soort, traject_id=traject_id, door=door, gegevens=gegevens
    )
    pi_id, personen, punten = ontvangers_van(soort, traject_id, gegevens)
    personen |= {int(p) for p in ontvangers}
    bereikt = {p for _k, p in vervang_inactieven((None, p, pi_id) for p in personen)}
    if door is not None:
        bereikt.discard(door.pk)
    Notificatie.objects.bulk_create(
        [Notificatie(gebeurtenis=gebeurtenis, ontvanger_id=p) for p in sorted(bereikt)]
        + [Notificatie(gebeurtenis=gebeurtenis, contactpunt_id=c) for c in sorted(punten)],
        ignore_conflicts=True,
    )
    mensen = list(
        Medewerker.objects.filter(pk__in=bereikt, is_active=True)
        .exclude(email="")
        .only("pk", "rol", "email")
    )
    kanaal = voorkeuren.kanalen(mensen)
    direct = [m for m in mensen if kanaal[(m.pk, soort)] == Kanaal.DIRECT]
    if not direct:
        return gebeurtenis
    vandaag = timezone.localdate()
    onderwerp = _("Melding: %(soort)s — traject %(id)s") % {
        "soort": G(soort).label,
        "id": traject_id,
    }
    tekst = _directe_tekst(gebeurtenis)
    berichten = Bericht.objects.bulk_create(
        [
            Bericht(
                aan=m.email.lower(),
                soort=Berichtsoort.DIRECT,
                datum=vandaag,
                onderwerp=onderwerp,
                tekst=tekst,
            )
            for m in direct
        ]
    )
    per_persoon = {b.aan: b for b in berichten}
    notificaties = list(
        Notificatie.objects.filter(
            gebeurtenis=gebeurtenis, ontvanger_id__in=[m.pk for m in direct]
        ).select_related("ontvanger")
    )
    for n in notificaties:
        assert n.ontvanger is not None
        n.bericht = per_persoon[n.ontvanger.email.lower()]
    Notificatie.objects.bulk_update(notificaties, ["bericht"])
    ids = [b.pk for b in berichten]
    transaction.on_commit(lambda: tasks.in_wachtrij(ids))
    return gebeurtenis


def bij_gebeurtenis(
    sender: Any,
    *,
    soort: str,
    traject: Any,
    door: Medewerker | None = None,
    ontvangers: list[int] | None = None,
    gegevens: dict[str, Any] | None = None,
    **kwargs: Any,
) -> None:
    """Receiver of trajecten.signalen.gebeurtenis (connected in ontvangers.verbind)."""
    verwerk(
        soort=soort,
        traject_id=traject.pk,
        door=door,
        ontvangers=list(ontvangers or ()),
        gegevens=dict(gegevens or {}),
    )


@transaction.atomic
def verwerk_meerdere(
    *,
    soort: str,
    traject_ids: list[int],
    door: Medewerker | None,
    ontvangers: list[int],
    gegevens: dict[str, Any],
) -> list[Gebeurtenis]:
    """`verwerk` for one kind of event on many trajectories (a caseload move): one event per
    trajectory, with the same routing, in a fixed number of queries whatever their number. A
    meeting's invitees are per meeting, so those kinds go one by one."""
    if GESPREK in WIE_HOORT_WAT.get(soort, ()):
        return [
            verwerk(soort=soort, traject_id=t, door=door, ontvangers=ontvangers, gegevens=gegevens)
            for t in traject_ids
        ]
    rijen = list(
        Traject.objects.filter(pk__in=traject_ids)
        .annotate(gemeente_pk=GEMEENTE_ID)
        .values("pk", "pi_id", "casemanager_id", "reclasseringswerker_id", "gemeente_pk")
    )
    routing = WIE_HOORT_WAT.get(soort, ())
    nazorg: dict[int, set[int]] = {}
    punten: dict[int, set[int]] = {}
    gemeenten = (
        {r["gemeente_pk"] for r in rijen if r["gemeente_pk"]} if GEMEENTE in routing else set()
    )
    if gemeenten:
        for pk, org in Medewerker.objects.filter(
            rol=Rol.NAZORGCOORDINATOR, organisatie_id__in=gemeenten, is_active=True
        ).values_list("pk", "organisatie_id"):
            nazorg.setdefault(org, set()).add(pk)
        for pk, org in (
            Contactpunt.objects.filter(organisatie_id__in=gemeenten)
            .exclude(email="")
            .values_list("pk", "organisatie_id")
        ):
            punten.setdefault(org, set()).add(pk)
    gebeurtenissen = Gebeurtenis.objects.bulk_create(
        [Gebeurtenis(soort=soort, traject_id=r["pk"], door=door, gegevens=gegevens) for r in rijen]
    )
    per_traject = {g.traject_id: g for g in gebeurtenissen}
    paren: list[tuple[int, int | None, int | None]] = []
    contactpunten: list[tuple[int, int]] = []
    for r in rijen:
        personen: set[int] = {int(p) for p in ontvangers}
        if CASEMANAGER in routing and r["casemanager_id"]:
            personen.add(r["casemanager_id"])
        if RECLASSERINGSWERKER in routing and r["reclasseringswerker_id"]:
            personen.add(r["reclasseringswerker_id"])
        if GEMEENTE in routing and r["gemeente_pk"]:
            personen |= nazorg.get(r["gemeente_pk"], set())
            contactpunten += [(r["pk"], c) for c in punten.get(r["gemeente_pk"], set())]
        paren += [(r["pk"], p, r["pi_id"]) for p in personen]
    bereikt = [(t, p) for t, p in vervang_inactieven(paren) if door is None or p != door.pk]
    Notificatie.objects.bulk_create(
        [Notificatie(gebeurtenis=per_traject[t], ontvanger_id=p) for t, p in bereikt]
        + [Notificatie(gebeurtenis=per_traject[t], contactpunt_id=c) for t, c in contactpunten],
        ignore_conflicts=True,
    )
    mensen = list(
        Medewerker.objects.filter(pk__in={p for _t, p in bereikt}, is_active=True)
        .exclude(email="")
        .only("pk", "rol", "email")
    )
    kanaal = voorkeuren.kanalen(mensen)
    direct = {m.pk: m for m in mensen if kanaal[(m.pk, soort)] == Kanaal.DIRECT}
    if not direct:
        return gebeurtenissen
    vandaag = timezone.localdate()
    te_sturen = [(t, direct[p]) for t, p in bereikt if p in direct]
    berichten = Bericht.objects.bulk_create(
        [
            Bericht(
                aan=m.email.lower(),
                soort=Berichtsoort.DIRECT,
                datum=vandaag,
                onderwerp=_("Melding: %(soort)s — traject %(id)s")
                % {"soort": G(soort).label, "id": t},
                tekst=_directe_tekst(per_traject[t]),
            )
            for t, m in te_sturen
        ]
    )
    bericht_van = {
        (per_traject[t].pk, m.pk): b for (t, m), b in zip(te_sturen, berichten, strict=True)
    }
    notificaties = list(
        Notificatie.objects.filter(
            gebeurtenis__in=gebeurtenissen, ontvanger_id__in=list(direct)
        ).only("pk", "gebeurtenis_id", "ontvanger_id")
    )
    for n in notificaties:
        n.bericht = bericht_van.get((n.gebeurtenis_id or 0, n.ontvanger_id or 0))
    Notificatie.objects.bulk_update(notificaties, ["bericht"])
    ids = [b.pk for b in berichten]
    transaction.on_commit(lambda: tasks.in_wachtrij(ids))
    return gebeurtenissen


def bij_gebeurtenissen(
    sender: Any,
    *,
    soort: str,
    trajecten: list[Any],
    door: Medewerker | None = None,
    ontvangers: list[int] | None = None,
    gegevens: dict[str, Any] | None = None,
    **kwargs: Any,
) -> None:
    """Receiver of trajecten.signalen.gebeurtenissen (connected in ontvangers.verbind)."""
    verwerk_meerdere(
        soort=soort,
        traject_ids=[t.pk for t in trajecten],
        door=door,
        ontvangers=list(ontvangers or ()),
        gegevens=dict(gegevens or {}),
    )
