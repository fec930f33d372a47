"""'Wie doet wat': actions under a basisvoorwaarde."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ketenpartners.models import Medewerker, Organisatie
from reintegratie.versies import VerouderdeVersie, bewaar_versie

from .. import access, navigatie
from ..keuzes import ACTIE_AFGEROND, ACTIE_OVERGANGEN, ActieStatus
from ..models import Actie, Basisvoorwaarde, Trajectgesprek
from ..signalen import actie_afgerond
from ..validators import MAX_OMSCHRIJVING, controleer_lengtes, datumfout_vooruit
from ._gedeeld import audit, eis, huidige_datum


@transaction.atomic
def voeg_actie_toe(
    *,
    acting_user: Medewerker,
    basisvoorwaarde: Basisvoorwaarde,
    omschrijving: str,
    organisatie: Organisatie,
    medewerker: Medewerker | None = None,
    uiterlijk_datum: date | None = None,
    uit_gesprek: Trajectgesprek | None = None,
) -> Actie:
    traject = basisvoorwaarde.traject
    eis(access.mag_actie_toevoegen(acting_user, traject, organisatie.pk))
    if not omschrijving.strip():
        raise ValidationError({"omschrijving": _("Beschrijf wat er moet gebeuren.")})
    controleer_lengtes(MAX_OMSCHRIJVING, omschrijving=omschrijving)
    if fout := datumfout_vooruit(uiterlijk_datum, vandaag=huidige_datum()):
        raise ValidationError({"uiterlijk_datum": fout})
    if medewerker is not None and medewerker.organisatie_id != organisatie.pk:
        raise ValidationError(
            {"medewerker": _("Deze persoon werkt niet bij %(org)s.") % {"org": organisatie}}
        )
    if uiterlijk_datum and uiterlijk_datum < basisvoorwaarde.traject.binnenkomst_datum:
        raise ValidationError(
            {"uiterlijk_datum": _("Vul een datum in die na de binnenkomst ligt.")}
        )
    audit(acting_user, basisvoorwaarde.traject, "acties", basisvoorwaarde.domein)
    navigatie.acties_gewijzigd(organisatie.pk, bij_commit=True)
    return Actie.objects.create(
        basisvoorwaarde=basisvoorwaarde,
        omschrijving=omschrijving.strip(),
        organisatie=organisatie,
        medewerker=medewerker,
        uiterlijk_datum=uiterlijk_datum,
        uit_gesprek=uit_gesprek,
        aangemaakt_door=acting_user,
    )


@transaction.atomic
def zet_actiestatus(
    *,
    acting_user: Medewerker,
    actie: Actie,
    versie: int | None,
    status: str,
    vervallen_reden: str = "",
) -> Actie:
    """An action moves open → bezig → gedaan, or is dropped (vervallen) with a reason, by the
    organisation that holds it (access.mag_actie_bijwerken); a done or dropped action may be
    reopened (keuzes.ACTIE_OVERGANGEN). Refused over someone else's newer change (ADR 0010).
    Setting the status it already has changes nothing. Done or dropped sends
    `signalen.actie_afgerond` inside the transaction (its overdue flag resolves)."""
    traject = actie.basisvoorwaarde.traject
    eis(access.mag_actie_bijwerken(acting_user, traject, actie))
    if status not in ActieStatus.values:
        raise ValidationError({"status": _("Kies open, bezig, gedaan of vervallen.")})
    reden = vervallen_reden.strip() if status == ActieStatus.VERVALLEN else ""
    if status == ActieStatus.VERVALLEN:
        if not reden:
            raise ValidationError({"vervallen_reden": _("Schrijf op waarom deze actie vervalt.")})
        controleer_lengtes(MAX_OMSCHRIJVING, vervallen_reden=reden)
    if status == actie.status and reden == actie.vervallen_reden:
        return actie
    if versie != actie.versie:
        # Started from an older version: say who changed it before judging the step, which
        # was chosen from a status that is no longer there.
        actueel = Actie.objects.select_related("gewijzigd_door").get(pk=actie.pk)
        raise VerouderdeVersie(actueel, {"status": status, "vervallen_reden": reden})
    if status != actie.status and status not in ACTIE_OVERGANGEN[actie.status]:
        raise ValidationError(
            {
                "status": _("Van %(van)s naar %(naar)s kan niet: zet de actie eerst op open.")
                % {
                    "van": ActieStatus(actie.status).label.lower(),
                    "naar": ActieStatus(status).label.lower(),
                }
            }
        )
    van = actie.status
    afgerond = None
    if status in ACTIE_AFGEROND:
        afgerond = actie.afgerond_datum if van == status else huidige_datum()
    bewaar_versie(
        actie,
        versie=versie,
        acting_user=acting_user,
        status=status,
        vervallen_reden=reden,
        afgerond_datum=afgerond,
    )
    navigatie.acties_gewijzigd(actie.organisatie_id, bij_commit=True)
    if status in ACTIE_AFGEROND and van not in ACTIE_AFGEROND:
        # signalering resolves the action's overdue flag (same transaction).
        actie_afgerond.send(sender=Actie, actie=actie, acting_user=acting_user)
    audit(
        acting_user,
        traject,
        "acties",
        actie.pk,
        toelichting=f"{van} → {status}" + (f": {reden}" if reden else ""),
    )
    return actie
