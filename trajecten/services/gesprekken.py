"""Trajectgesprekken: planned, held, and the agreements that become actions."""

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenpartners.models import Medewerker, Organisatie

from .. import access
from ..keuzes import FASE_OVERGANGEN, Fase, Gebeurtenissoort, Gesprekssoort
from ..models import Traject, Trajectgesprek
from ..validators import MAX_LANGE_TEKST, MAX_NAAM, controleer_lengtes
from ._gedeeld import audit, eis, huidige_datum, meld_gebeurtenis, naar_fase
from .acties import voeg_actie_toe


@transaction.atomic
def plan_gesprek(
    *,
    acting_user: Medewerker,
    traject: Traject,
    soort: str,
    gepland_op: datetime,
    duur_minuten: int = 60,
    plaats: str = "",
    videolink: str = "",
    organisaties: Iterable[Organisatie] = (),
    deelnemers: Iterable[Medewerker] = (),
    gedetineerde_aanwezig: bool = True,
) -> Trajectgesprek:
    eis(access.mag_traject_wijzigen(acting_user, traject))
    fouten = {}
    if soort not in Gesprekssoort.values:
        fouten["soort"] = _("Kies een soort gesprek.")
    if timezone.localdate(gepland_op) < traject.binnenkomst_datum:
        fouten["gepland_op"] = _("Vul een datum in die na de binnenkomst ligt.")
    if not plaats.strip() and not videolink.strip():
        fouten["plaats"] = _("Vul een plaats of een videolink in, zodat iedereen weet waar het is.")
    if not 10 <= duur_minuten <= 480:
        fouten["duur_minuten"] = _("Vul een duur tussen 10 en 480 minuten in.")
    if fouten:
        raise ValidationError(fouten)
    controleer_lengtes(MAX_NAAM, plaats=plaats)
    gesprek = Trajectgesprek.objects.create(
        traject=traject,
        soort=soort,
        gepland_op=gepland_op,
        duur_minuten=duur_minuten,
        plaats=plaats.strip(),
        videolink=videolink.strip(),
        gedetineerde_aanwezig=gedetineerde_aanwezig,
        gepland_door=acting_user,
    )
    gesprek.organisaties.set(organisaties)
    gesprek.deelnemers.set(deelnemers)
    if (
        soort == Gesprekssoort.UITSTROOMOVERLEG
        and Fase.VOORBEREIDING_UITSTROOM in FASE_OVERGANGEN[traject.fase]
    ):
        naar_fase(traject, Fase.VOORBEREIDING_UITSTROOM)
    audit(acting_user, traject, "gesprekken", gesprek.pk)
    # The invited people and gemeenten hear of it (issue 12).
    meld_gebeurtenis(
        Gebeurtenissoort.GESPREK_GEPLAND,
        traject=traject,
        door=acting_user,
        gesprek_id=str(gesprek.pk),
        datum=timezone.localdate(gepland_op).isoformat(),
    )
    return gesprek


@transaction.atomic
def leg_gesprek_vast(
    *,
    acting_user: Medewerker,
    gesprek: Trajectgesprek,
    gehouden_datum: date,
    verslag: str,
    afspraken: Iterable[Mapping] = (),
) -> Trajectgesprek:
    """The meeting was held: its minutes, and agreements that become Acties ('wie doet wat')."""
    traject = gesprek.traject
    eis(access.mag_traject_wijzigen(acting_user, traject))
    if gehouden_datum > huidige_datum():
        raise ValidationError(
            {"gehouden_datum": _("Een gesprek kan niet in de toekomst gehouden zijn.")}
        )
    if gehouden_datum < traject.binnenkomst_datum:
        raise ValidationError({"gehouden_datum": _("Vul een datum in die na de binnenkomst ligt.")})
    controleer_lengtes(MAX_LANGE_TEKST, verslag=verslag)
    gesprek.gehouden_datum = gehouden_datum
    gesprek.verslag = verslag.strip()
    gesprek.save(update_fields=["gehouden_datum", "verslag"])
    bv = {b.domein: b for b in traject.basisvoorwaarden.all()}
    for afspraak in afspraken:
        voeg_actie_toe(
            acting_user=acting_user,
            basisvoorwaarde=bv[afspraak["domein"]],
            omschrijving=afspraak["omschrijving"],
            organisatie=afspraak["organisatie"],
            uiterlijk_datum=afspraak.get("uiterlijk_datum"),
            uit_gesprek=gesprek,
        )
    audit(acting_user, traject, "gesprekken", gesprek.pk)
    return gesprek
