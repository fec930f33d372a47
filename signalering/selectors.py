from datetime import date

from django.conf import settings
from django.db.models import F, QuerySet

from ketenpartners.models import Medewerker
from trajecten.access import trajecten_voor, zichtbaar_per_rij
from trajecten.deadlines import werkdagen_tussen
from trajecten.keuzes import IN_DETENTIE
from trajecten.selectors import brugdagen, contactpunten

from . import voorkeuren
from .models import Notificatie, Signalering


def notificaties_voor(user: Medewerker) -> QuerySet[Notificatie]:
    """A person's own notifications of flags and of events, only for trajectories they may
    still see; unread first, newest first."""
    # Driven by the person's own notifications in page order (index
    # notificatie_ontvanger_volgorde), the door checked per notification as a semi-join
    # (`zichtbaar_per_rij`): the page stops after its rows instead of first collecting every
    # case the person may see (issue 18, ADR 0025).
    return (
        Notificatie.objects.filter(ontvanger=user)
        .filter(
            zichtbaar_per_rij(user, via="signalering__traject")
            | zichtbaar_per_rij(user, via="gebeurtenis__traject")
        )
        .select_related("signalering__traject__gedetineerde", "gebeurtenis__traject__gedetineerde")
        .order_by(F("gelezen_op").desc(nulls_first=True), "-aangemaakt_op", "-pk")
    )


def voorkeuren_van(user: Medewerker) -> dict[str, str]:
    """How the person hears of each kind: their choice, else their role's default."""
    return voorkeuren.voorkeuren_van(user)


def ongelezen_aantal(user: Medewerker) -> int:
    if not user.is_authenticated:
        return 0
    return Notificatie.objects.filter(ontvanger=user, gelezen_op__isnull=True).count()


def escalaties(*, user: Medewerker, vandaag: date) -> list[tuple[Signalering, int]]:
    """Open flags older than SIGNALERING_ESCALATIE_WERKDAGEN working days, for the
    staffunctionaris's own PI, oldest first, each with its age in working days. Each flag
    knows who to call at the gemeente: `sig.gemeente_punten` (its contact points) beside
    `traject.gemeente` and `traject.opgepakt_door`. Two queries whatever the number of rows."""
    vrij = brugdagen()
    open_ = (
        Signalering.objects.filter(
            opgelost_datum__isnull=True,
            traject__in=trajecten_voor(user).filter(fase__in=IN_DETENTIE),
        )
        .select_related(
            "traject__gedetineerde",
            "traject__casemanager",
            "traject__gemelde_gemeente",
            "traject__terugkeer_gemeente",
            "traject__opgepakt_door",
        )
        .order_by("gesignaleerd_datum", "uiterlijk")
    )
    grens = settings.SIGNALERING_ESCALATIE_WERKDAGEN
    regels = []
    for sig in open_:
        oud = werkdagen_tussen(sig.uiterlijk, vandaag, brugdagen=vrij)
        if oud > grens:
            regels.append((sig, oud))
    punten = contactpunten(*{sig.traject.gemeente for sig, _oud in regels})
    for sig, _oud in regels:
        sig.gemeente_punten = punten.get(sig.traject.gemeente_id, [])  # type: ignore[attr-defined]
    return regels
