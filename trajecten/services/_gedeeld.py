"""What every write of the trajectory aggregate shares: the clock, the permission check, the audit
row, the gemeente check, and the one way a phase changes (`naar_fase`)."""

from collections import deque
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import schrijfactie
from ketenpartners.models import Medewerker, Organisatie
from ketenpartners.rollen import Soort

from ..keuzes import FASE_OVERGANGEN, Fase
from ..models import Traject
from ..signalen import gebeurtenis, gebeurtenissen


class OngeldigeFaseovergang(ValidationError):
    """A phase change the transition table (keuzes.FASE_OVERGANGEN) does not allow."""

    def __init__(self, van: str, naar: str) -> None:
        self.van, self.naar = van, naar
        super().__init__(
            {
                "fase": _("Van %(van)s naar %(naar)s kan niet.")
                % {
                    "van": Fase(van).label,
                    "naar": Fase(naar).label if naar in Fase.values else naar,
                }
            }
        )


def huidige_datum() -> date:
    return timezone.localdate()


def eis(voorwaarde: bool) -> None:
    if not voorwaarde:
        raise PermissionDenied


def audit(
    acting_user: Medewerker,
    traject: Traject,
    object_type: str,
    object_id: object = "",
    *,
    toelichting: str = "",
) -> None:
    schrijfactie(
        gebruiker=acting_user,
        traject_id=traject.pk,
        object_type=object_type,
        object_id=object_id,
        toelichting=toelichting,
    )


def meld_gebeurtenis(
    soort: str,
    *,
    traject: Traject,
    door: Medewerker | None,
    ontvangers: Iterable[int] = (),
    **gegevens: str,
) -> None:
    """Announce an event (keuzes.Gebeurtenissoort) inside the service's transaction: signalering
    decides who hears of it (by kind, plus `ontvangers`) and how (each person's preference), so
    a rolled-back change tells nobody. `gegevens` are short strings without personal data."""
    gebeurtenis.send(
        sender=Traject,
        soort=soort,
        traject=traject,
        door=door,
        ontvangers=sorted(set(ontvangers)),
        gegevens=gegevens,
    )


def meld_gebeurtenissen(
    soort: str,
    *,
    trajecten: Iterable[Traject],
    door: Medewerker | None,
    ontvangers: Iterable[int] = (),
    **gegevens: str,
) -> None:
    """`meld_gebeurtenis` for many trajectories at once (one event each), in a fixed number of
    queries whatever their number: a caseload move of 29 cases costs what a move of 3 costs."""
    lijst = list(trajecten)
    if not lijst:
        return
    gebeurtenissen.send(
        sender=Traject,
        soort=soort,
        trajecten=lijst,
        door=door,
        ontvangers=sorted(set(ontvangers)),
        gegevens=gegevens,
    )


def controleer_gemeente(gemeente: Organisatie | None, veld: str) -> None:
    if gemeente is not None and (gemeente.soort != Soort.GEMEENTE or not gemeente.actief):
        raise ValidationError({veld: _("Kies een bestaande, actieve gemeente.")})


def naar_fase(traject: Traject, naar: str, *, ook_opslaan: tuple[str, ...] = ()) -> None:
    """The only place a trajectory's phase changes: one step that keuzes.FASE_OVERGANGEN allows,
    or `OngeldigeFaseovergang`. `ook_opslaan` names fields set by the caller that must be saved
    in the same UPDATE (release sets its date with the phase, which a check constraint needs)."""
    if naar not in FASE_OVERGANGEN.get(traject.fase, set()):
        raise OngeldigeFaseovergang(traject.fase, naar)
    traject.fase = naar
    traject.save(update_fields=["fase", *ook_opslaan])


def _volgorde(fase: str) -> int:
    return list(Fase.values).index(fase)


def vooruit_naar_fase(traject: Traject, doel: str) -> None:
    """An event that implies a later phase (the first screening, a plan written, a plan adopted)
    moves the trajectory forward to it along the table, one allowed step at a time. A trajectory
    already at or past that phase stays where it is."""
    if _volgorde(traject.fase) >= _volgorde(doel):
        return
    vorige: dict[str, str | None] = {traject.fase: None}
    rij = deque([traject.fase])
    while rij and doel not in vorige:
        fase = rij.popleft()
        for volgende in sorted(FASE_OVERGANGEN[fase], key=_volgorde):
            if volgende not in vorige and _volgorde(volgende) <= _volgorde(doel):
                vorige[volgende] = fase
                rij.append(volgende)
    if doel not in vorige:
        raise OngeldigeFaseovergang(traject.fase, doel)
    pad: list[str] = []
    stap: str | None = doel
    while stap is not None and stap != traject.fase:
        pad.append(stap)
        stap = vorige[stap]
    for fase in reversed(pad):
        naar_fase(traject, fase)
