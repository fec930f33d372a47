"""Release preparations (issue 11): added from the catalogue on a basisvoorwaarde and kept up to
date by the PI, or by the organisation that arranges one (its own items only)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenpartners.models import Medewerker, Organisatie
from ketenpartners.rollen import Soort
from reintegratie.versies import bewaar_versie

from .. import access
from ..keuzes import VoorbereidingStatus
from ..models import Basisvoorwaarde, Voorbereiding, VoorbereidingSoort
from ..validators import MAX_OMSCHRIJVING, controleer_lengtes, datumfout_vooruit
from ._gedeeld import audit, eis, huidige_datum

PARTNERS = (Soort.PI, Soort.GEMEENTE, Soort.RECLASSERING)


def mag_voorbereiding_bijwerken(user: Medewerker, voorbereiding: Voorbereiding) -> bool:
    """The PI's case staff, and the gemeente or reclassering of the case for an item they
    arrange themselves."""
    traject = voorbereiding.basisvoorwaarde.traject
    if access.mag_voorwaarden_bijwerken(user, traject):
        return True
    eigen = (
        voorbereiding.organisatie_id is not None
        and voorbereiding.organisatie_id == user.organisatie_id
    )
    return eigen and (
        access.is_nazorg_van(user, traject) or access.is_reclassering_van(user, traject)
    )


def _controleer(
    *,
    basisvoorwaarde: Basisvoorwaarde,
    status: str,
    organisatie: Organisatie | None,
    aangevraagd_datum: date | None,
    verwacht_datum: date | None,
    gereed_datum: date | None,
    toelichting: str,
) -> dict:
    """Dutch messages at the field; returns the values to store (a status that implies a date
    without one gets today's)."""
    vandaag = huidige_datum()
    traject = basisvoorwaarde.traject
    fouten: dict[str, str] = {}
    if status not in VoorbereidingStatus.values:
        fouten["status"] = _("Kies een stand uit de lijst.")
    if organisatie is not None and (organisatie.soort not in PARTNERS or not organisatie.actief):
        fouten["organisatie"] = _("Kies de PI, de gemeente of de reclassering.")
    if status == VoorbereidingStatus.AANGEVRAAGD and aangevraagd_datum is None:
        aangevraagd_datum = vandaag
    if status == VoorbereidingStatus.GEREGELD and gereed_datum is None:
        gereed_datum = vandaag
    if status == VoorbereidingStatus.NOG_NIET_GESTART and (aangevraagd_datum or gereed_datum):
        fouten["status"] = _(
            "Er staat al een datum van aanvraag of afronding: kies ‘Aangevraagd’ of ‘Geregeld’, "
            "of haal de datum weg."
        )
    ondergrens = traject.binnenkomst_datum
    for veld, dag in (("aangevraagd_datum", aangevraagd_datum), ("gereed_datum", gereed_datum)):
        if dag is None:
            continue
        if dag > vandaag:
            fouten[veld] = _("Deze datum ligt in de toekomst: vul de dag in waarop het gebeurde.")
        elif dag < ondergrens:
            fouten[veld] = _("Vul een datum in op of na de binnenkomst (%(datum)s).") % {
                "datum": f"{ondergrens:%d-%m-%Y}"
            }
    if aangevraagd_datum and gereed_datum and gereed_datum < aangevraagd_datum:
        fouten.setdefault(
            "gereed_datum", _("Geregeld kan niet vóór de aanvraag: controleer beide data.")
        )
    if verwacht_datum is not None:
        if fout := datumfout_vooruit(verwacht_datum, vandaag=vandaag):
            fouten["verwacht_datum"] = fout
        elif aangevraagd_datum and verwacht_datum < aangevraagd_datum:
            fouten["verwacht_datum"] = _("Verwacht kan niet vóór de aanvraag liggen.")
        elif verwacht_datum < ondergrens:
            fouten["verwacht_datum"] = _(
                "Vul een datum in op of na de binnenkomst (%(datum)s)."
            ) % {"datum": f"{ondergrens:%d-%m-%Y}"}
    if fouten:
        raise ValidationError(fouten)
    controleer_lengtes(MAX_OMSCHRIJVING, toelichting=toelichting)
    return {
        "status": status,
        "organisatie": organisatie,
        "aangevraagd_datum": aangevraagd_datum,
        "verwacht_datum": verwacht_datum,
        "gereed_datum": gereed_datum,
        "toelichting": toelichting.strip(),
    }


@transaction.atomic
def voeg_voorbereiding_toe(
    *,
    acting_user: Medewerker,
    basisvoorwaarde: Basisvoorwaarde,
    soort: VoorbereidingSoort,
    status: str = VoorbereidingStatus.NOG_NIET_GESTART,
    organisatie: Organisatie | None = None,
    aangevraagd_datum: date | None = None,
    verwacht_datum: date | None = None,
    gereed_datum: date | None = None,
    toelichting: str = "",
) -> Voorbereiding:
    """A preparation from the catalogue, once per kind per trajectory."""
    traject = basisvoorwaarde.traject
    eis(access.mag_voorwaarden_bijwerken(acting_user, traject))
    if soort.domein != basisvoorwaarde.domein or not soort.actief:
        raise ValidationError({"soort": _("Kies een voorbereiding van deze basisvoorwaarde.")})
    waarden = _controleer(
        basisvoorwaarde=basisvoorwaarde,
        status=status,
        organisatie=organisatie,
        aangevraagd_datum=aangevraagd_datum,
        verwacht_datum=verwacht_datum,
        gereed_datum=gereed_datum,
        toelichting=toelichting,
    )
    try:
        with transaction.atomic():
            voorbereiding = Voorbereiding.objects.create(
                basisvoorwaarde=basisvoorwaarde,
                soort=soort,
                gewijzigd_door=acting_user,
                gewijzigd_op=timezone.now(),
                **waarden,
            )
    except IntegrityError:
        raise ValidationError(
            {"soort": _("‘%(soort)s’ staat al bij dit traject: werk die bij.") % {"soort": soort}}
        ) from None
    audit(acting_user, traject, "voorbereidingen", voorbereiding.pk, toelichting=str(soort))
    return voorbereiding


@transaction.atomic
def werk_voorbereiding_bij(
    *,
    acting_user: Medewerker,
    voorbereiding: Voorbereiding,
    versie: int | None,
    status: str,
    organisatie: Organisatie | None = None,
    aangevraagd_datum: date | None = None,
    verwacht_datum: date | None = None,
    gereed_datum: date | None = None,
    toelichting: str = "",
) -> Voorbereiding:
    """A new stand, owner or date. Refused over someone else's newer save (ADR 0010). The
    gemeente or reclassering updates only the items it arranges, and cannot hand them on."""
    traject = voorbereiding.basisvoorwaarde.traject
    eis(mag_voorbereiding_bijwerken(acting_user, voorbereiding))
    if not access.mag_voorwaarden_bijwerken(acting_user, traject):
        organisatie = voorbereiding.organisatie
    waarden = _controleer(
        basisvoorwaarde=voorbereiding.basisvoorwaarde,
        status=status,
        organisatie=organisatie,
        aangevraagd_datum=aangevraagd_datum,
        verwacht_datum=verwacht_datum,
        gereed_datum=gereed_datum,
        toelichting=toelichting,
    )
    bewaar_versie(voorbereiding, versie=versie, acting_user=acting_user, **waarden)
    audit(
        acting_user,
        traject,
        "voorbereidingen",
        voorbereiding.pk,
        toelichting=str(voorbereiding.soort),
    )
    return voorbereiding
