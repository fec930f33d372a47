"""Intake: a new detention of a known or new person."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ketenpartners.models import Locatie, Medewerker, Organisatie
from ketenpartners.rollen import Rol

from .. import access
from ..keuzes import Domein, Fase
from ..models import Basisvoorwaarde, DRPlan, Gedetineerde, Traject
from ..validators import bsn_is_geldig
from ._gedeeld import audit, controleer_gemeente, eis, huidige_datum


@transaction.atomic
def neem_op(
    *,
    acting_user: Medewerker,
    voornamen: str,
    achternaam: str,
    geboortedatum: date,
    binnenkomst_datum: date,
    bsn: str = "",
    geslacht: str = "onbekend",
    lvb: bool = False,
    lvb_toelichting: str = "",
    communicatiebehoeften: str = "",
    locatie: Locatie | None = None,
    verwachte_uitstroom_datum: date | None = None,
    gemelde_gemeente: Organisatie | None = None,
    casemanager: Medewerker | None = None,
) -> Traject:
    """Intake: a new trajectory in the acting user's PI with the facts at hand; the rest later.
    A person already known (same BSN, or same names and date of birth) gets a new trajectory
    beside the earlier ones (re-detention); a person still detained cannot be taken in twice."""
    eis(access.mag_opnemen(acting_user))
    fouten: dict[str, str] = {}
    vandaag = huidige_datum()
    if binnenkomst_datum > vandaag:
        fouten["binnenkomst_datum"] = _("De datum van binnenkomst kan niet in de toekomst liggen.")
    if geboortedatum >= binnenkomst_datum:
        fouten["geboortedatum"] = _("Vul een geboortedatum in die vóór de binnenkomst ligt.")
    if verwachte_uitstroom_datum and verwachte_uitstroom_datum < binnenkomst_datum:
        fouten["verwachte_uitstroom_datum"] = _(
            "Vul een uitstroomdatum in die na de binnenkomst ligt."
        )
    if bsn and not bsn_is_geldig(bsn):
        fouten["bsn"] = _(
            "Dit is geen geldig BSN: controleer de 9 cijfers (de elfproef klopt niet)."
        )
    if locatie is not None and locatie.organisatie_id != acting_user.organisatie_id:
        fouten["locatie"] = _("Kies een locatie van uw eigen inrichting.")
    if casemanager is not None and (
        casemanager.rol != Rol.CASEMANAGER
        or casemanager.organisatie_id != acting_user.organisatie_id
    ):
        fouten["casemanager"] = _("Kies een casemanager van uw eigen inrichting.")
    try:
        controleer_gemeente(gemelde_gemeente, "gemelde_gemeente")
    except ValidationError as fout:
        fouten.update({k: v[0] for k, v in fout.message_dict.items()})
    if fouten:
        raise ValidationError(fouten)

    persoon = _bekende_persoon(
        bsn=bsn, voornamen=voornamen, achternaam=achternaam, geboortedatum=geboortedatum
    )
    if persoon is None:
        persoon = Gedetineerde.objects.create(
            voornamen=voornamen.strip(),
            achternaam=achternaam.strip(),
            geboortedatum=geboortedatum,
            bsn=bsn,
            geslacht=geslacht,
            lvb=lvb,
            lvb_toelichting=lvb_toelichting,
            communicatiebehoeften=communicatiebehoeften,
        )
    else:
        if persoon.trajecten.filter(uitstroom_datum__isnull=True).exists():
            raise ValidationError(
                {"achternaam": _("Deze persoon heeft al een lopende detentie. Open dat traject.")}
            )
        persoon.lvb = persoon.lvb or lvb
        persoon.lvb_toelichting = lvb_toelichting or persoon.lvb_toelichting
        persoon.communicatiebehoeften = communicatiebehoeften or persoon.communicatiebehoeften
        persoon.save(update_fields=["lvb", "lvb_toelichting", "communicatiebehoeften"])

    if casemanager is None and acting_user.rol == Rol.CASEMANAGER:
        casemanager = acting_user
    assert acting_user.organisatie_id is not None  # mag_opnemen, checked above
    traject = Traject.objects.create(
        gedetineerde=persoon,
        pi_id=acting_user.organisatie_id,
        locatie=locatie,
        casemanager=casemanager,
        binnenkomst_datum=binnenkomst_datum,
        verwachte_uitstroom_datum=verwachte_uitstroom_datum,
        gemelde_gemeente=gemelde_gemeente,
        fase=Fase.INSTROOM,
    )
    Basisvoorwaarde.objects.bulk_create(
        [Basisvoorwaarde(traject=traject, domein=d) for d in Domein.values]
    )
    DRPlan.objects.create(traject=traject)
    access.herbereken_toegang(traject=traject, acting_user=acting_user, reden=_("intake"))
    audit(acting_user, traject, "traject")
    return traject


def _bekende_persoon(*, bsn: str, voornamen: str, achternaam: str, geboortedatum: date):
    if bsn:
        return Gedetineerde.objects.filter(bsn=bsn).first()
    return Gedetineerde.objects.filter(
        voornamen__iexact=voornamen.strip(),
        achternaam__iexact=achternaam.strip(),
        geboortedatum=geboortedatum,
    ).first()
