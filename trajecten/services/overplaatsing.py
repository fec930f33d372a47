"""Overplaatsing: a running trajectory moves to another PI as one audited step (ADR 0009)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ketenpartners.models import Locatie, Medewerker, Organisatie
from ketenpartners.rollen import Soort
from reintegratie.versies import bewaar_versie

from .. import access
from ..keuzes import IN_DETENTIE
from ..models import Overplaatsing, Traject
from ..signalen import traject_overgeplaatst
from ._gedeeld import audit, eis, huidige_datum


@transaction.atomic
def plaats_over(
    *,
    acting_user: Medewerker,
    traject: Traject,
    naar_pi: Organisatie,
    datum: date,
    reden: str,
    locatie: Locatie | None = None,
) -> Overplaatsing:
    """Move a trajectory in detention to another PI. Done by the PI staff who change the case
    (`access.mag_traject_wijzigen`) of the PI it leaves. In one transaction: the trajectory's PI
    and location change (pghistory keeps the old values), the old PI's casemanager and mentor
    are cleared (the new PI assigns its own), the grants are recomputed (the old PI loses
    access, the new PI gets it, the gemeente and reclassering keep theirs), an `Overplaatsing`
    row and an audit row with the reason are written, and `signalen.traject_overgeplaatst` is
    sent inside the transaction: signalering tells the gemeente's nazorgcoördinatoren (their
    bell and daily e-mail). A restricted case is refused: its named people would all be of the
    old PI, and nobody in the new PI would see it."""
    eis(access.mag_traject_wijzigen(acting_user, traject))
    traject = Traject.objects.select_for_update().get(pk=traject.pk)
    eis(access.mag_traject_wijzigen(acting_user, traject))
    fouten: dict[str, str] = {}
    if traject.fase not in IN_DETENTIE or traject.uitstroom_datum is not None:
        fouten["__all__"] = _("Alleen een traject in detentie kan worden overgeplaatst.")
    if traject.beperkt:
        fouten["__all__"] = _(
            "Dit traject heeft beperkte toegang. Hef de beperking eerst op; dan kan de "
            "nieuwe inrichting het traject zien."
        )
    if naar_pi.soort != Soort.PI or not naar_pi.actief:
        fouten["naar_pi"] = _("Kies een bestaande, actieve inrichting.")
    elif naar_pi.pk == traject.pi_id:
        fouten["naar_pi"] = _("Het traject loopt al in deze inrichting.")
    if locatie is not None and locatie.organisatie_id != naar_pi.pk:
        fouten["locatie"] = _("Kies een locatie van de nieuwe inrichting.")
    if datum > huidige_datum():
        fouten["datum"] = _("De datum van overplaatsing kan niet in de toekomst liggen.")
    elif datum < traject.binnenkomst_datum:
        fouten["datum"] = _("De overplaatsing kan niet vóór de binnenkomst liggen.")
    if not reden.strip():
        fouten["reden"] = _("Geef de reden van de overplaatsing.")
    if fouten:
        raise ValidationError(fouten)

    van_pi = traject.pi
    # A new version: a gegevens form of the old PI opened before the move is refused as stale
    # instead of putting its casemanager back on a case of another PI (ADR 0010).
    bewaar_versie(
        traject,
        versie=traject.versie,
        acting_user=acting_user,
        pi=naar_pi,
        locatie=locatie,
        casemanager=None,
        mentor=None,
    )
    overplaatsing = Overplaatsing.objects.create(
        traject=traject,
        van_pi=van_pi,
        naar_pi=naar_pi,
        naar_locatie=locatie,
        datum=datum,
        reden=reden.strip(),
        door=acting_user,
    )
    access.herbereken_toegang(
        traject=traject,
        acting_user=acting_user,
        reden=_("overplaatsing naar %(pi)s") % {"pi": naar_pi},
    )
    audit(
        acting_user,
        traject,
        "overplaatsing",
        overplaatsing.pk,
        toelichting=_("Overgeplaatst van %(van)s naar %(naar)s per %(datum)s. Reden: %(reden)s")
        % {
            "van": van_pi,
            "naar": naar_pi,
            "datum": datum.strftime("%d-%m-%Y"),
            "reden": reden.strip(),
        },
    )
    traject_overgeplaatst.send(
        sender=Overplaatsing, overplaatsing=overplaatsing, acting_user=acting_user
    )
    return overplaatsing
