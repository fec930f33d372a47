"""Who is involved in a trajectory, and so who may see it."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenpartners.models import Medewerker, Organisatie, Team
from ketenpartners.rollen import Rol, Soort
from reintegratie.versies import bewaar_versie

from .. import access
from ..keuzes import Gebeurtenissoort, Titel
from ..models import NietOnzeGemeente, Traject
from ..validators import datumfout_vooruit
from ._gedeeld import audit, controleer_gemeente, eis, huidige_datum, meld_gebeurtenis


@transaction.atomic
def werk_traject_bij(
    *,
    acting_user: Medewerker,
    traject: Traject,
    versie: int | None,
    verwachte_uitstroom_datum: date | None,
    casemanager: Medewerker | None,
    mentor: Medewerker | None,
    reclassering: Organisatie | None,
    reclassering_team: Team | None,
    reclasseringswerker: Medewerker | None,
    titel: str,
    zvh: Organisatie | None = None,
) -> Traject:
    """Who is involved. Access follows: the grants are recomputed, and a party that is no longer
    involved loses access at once (trajecten.access.herbereken_toegang). A save over someone
    else's newer version is refused (ADR 0010)."""
    eis(access.mag_traject_wijzigen(acting_user, traject))
    fouten = {}
    if verwachte_uitstroom_datum and verwachte_uitstroom_datum < traject.binnenkomst_datum:
        fouten["verwachte_uitstroom_datum"] = _(
            "Vul een uitstroomdatum in die na de binnenkomst ligt."
        )
    elif fout := datumfout_vooruit(verwachte_uitstroom_datum, vandaag=huidige_datum()):
        fouten["verwachte_uitstroom_datum"] = fout
    for veld, persoon, rol in (
        ("casemanager", casemanager, Rol.CASEMANAGER),
        ("mentor", mentor, Rol.MENTOR),
    ):
        if persoon is not None and (persoon.rol != rol or persoon.organisatie_id != traject.pi_id):
            fouten[veld] = _("Kies iemand met deze rol in %(pi)s.") % {"pi": traject.pi}
    if reclassering is not None and reclassering.soort != Soort.RECLASSERING:
        fouten["reclassering"] = _("Kies een reclasseringsorganisatie.")
    if reclassering_team is not None and reclassering_team.organisatie_id != getattr(
        reclassering, "pk", None
    ):
        fouten["reclassering_team"] = _("Dit team hoort niet bij de gekozen reclassering.")
    if reclasseringswerker is not None and reclasseringswerker.organisatie_id != getattr(
        reclassering, "pk", None
    ):
        fouten["reclasseringswerker"] = _("Deze medewerker werkt niet bij de gekozen reclassering.")
    if titel not in Titel.values:
        fouten["titel"] = _("Kies een justitiële titel uit de lijst.")
    if zvh is not None and zvh.soort != Soort.ZVH:
        fouten["zvh"] = _("Kies een Zorg- en Veiligheidshuis.")
    if fouten:
        raise ValidationError(fouten)
    oude_uitstroom = traject.verwachte_uitstroom_datum
    bewaar_versie(
        traject,
        versie=versie,
        acting_user=acting_user,
        verwachte_uitstroom_datum=verwachte_uitstroom_datum,
        casemanager=casemanager,
        mentor=mentor,
        reclassering=reclassering,
        reclassering_team=reclassering_team,
        reclasseringswerker=reclasseringswerker,
        titel=titel,
        zvh=zvh,
    )
    access.herbereken_toegang(
        traject=traject, acting_user=acting_user, reden=_("betrokkenen gewijzigd")
    )
    audit(acting_user, traject, "traject")
    if verwachte_uitstroom_datum != oude_uitstroom:
        # Those who prepare the release hear of the new date (issue 12).
        meld_gebeurtenis(
            Gebeurtenissoort.UITSTROOMDATUM_GEWIJZIGD,
            traject=traject,
            door=acting_user,
            datum=verwachte_uitstroom_datum.isoformat() if verwachte_uitstroom_datum else "",
        )
    return traject


@transaction.atomic
def verifieer_terugkeergemeente(
    *, acting_user: Medewerker, traject: Traject, gemeente: Organisatie
) -> Traject:
    """The notified gemeente comes from the last registered address and is often wrong (report
    ch. 4): the casemanager verifies it with the detainee, and who did so and when is kept."""
    eis(access.mag_traject_wijzigen(acting_user, traject))
    controleer_gemeente(gemeente, "gemeente")
    traject.terugkeer_gemeente = gemeente
    traject.terugkeer_geverifieerd_door = acting_user
    traject.terugkeer_geverifieerd_op = timezone.now()
    traject.save(
        update_fields=[
            "terugkeer_gemeente",
            "terugkeer_geverifieerd_door",
            "terugkeer_geverifieerd_op",
        ]
    )
    # The casemanager checked: open "niet onze inwoner" answers are done (issue 12). If the
    # answering gemeente is verified after all, it gets access back below.
    NietOnzeGemeente.objects.filter(traject=traject, afgehandeld_op__isnull=True).update(
        afgehandeld_op=traject.terugkeer_geverifieerd_op
    )
    access.herbereken_toegang(
        traject=traject, acting_user=acting_user, reden=_("terugkeergemeente geverifieerd")
    )
    audit(acting_user, traject, "traject")
    return traject
