"""Phase changes by hand, and release with its handover."""

from collections.abc import Mapping
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ketenpartners.models import Medewerker
from reintegratie.versies import bewaar_versie

from .. import access
from ..keuzes import IN_DETENTIE, Fase, Titel
from ..models import Overdracht, Traject, UitstroomBasisvoorwaarde
from ..validators import MAX_TEKST, controleer_lengtes
from ._gedeeld import OngeldigeFaseovergang, audit, eis, huidige_datum, naar_fase


@transaction.atomic
def wijzig_fase(*, acting_user: Medewerker, traject: Traject, naar: str) -> Traject:
    """The transition table in keuzes.FASE_OVERGANGEN is the only way phases change. Release
    goes through `registreer_uitstroom`, which records the handover."""
    eis(access.mag_traject_wijzigen(acting_user, traject))
    if naar == Fase.NA_DETENTIE:
        raise OngeldigeFaseovergang(traject.fase, naar)
    naar_fase(traject, naar)
    audit(acting_user, traject, "traject", "fase")
    return traject


@transaction.atomic
def registreer_uitstroom(
    *,
    acting_user: Medewerker,
    traject: Traject,
    versie: int | None,
    uitstroom_datum: date,
    titel: str,
    toelichting: str = "",
    geregeld: Mapping[str, str] | None = None,
) -> Overdracht:
    """Release and handover. Case direction passes to the reclassering when a judicial title
    remains, to the gemeente when none does (DOMAIN.md, process table). The state of every
    basisvoorwaarde on the release day is kept: 'basisvoorwaarden op orde bij uitstroom'.
    `versie` is the trajectory the user saw (title, people involved): a release over someone
    else's newer change, or a second release at the same moment, is refused (ADR 0010)."""
    eis(access.mag_traject_wijzigen(acting_user, traject))
    fouten = {}
    if traject.fase not in IN_DETENTIE:
        fouten["uitstroom_datum"] = _("Dit traject is al uitgestroomd.")
    elif uitstroom_datum < traject.binnenkomst_datum:
        fouten["uitstroom_datum"] = _("Vul een uitstroomdatum in die na de binnenkomst ligt.")
    elif uitstroom_datum > huidige_datum():
        fouten["uitstroom_datum"] = _("Registreer de uitstroom op of na de dag zelf.")
    if titel not in Titel.values or titel == Titel.ONBEKEND:
        fouten["titel"] = _(
            "Kies de justitiële titel: die bepaalt wie na uitstroom de regie heeft."
        )
    if fouten:
        raise ValidationError(fouten)
    geregeld = geregeld or {}
    controleer_lengtes(MAX_TEKST, toelichting=toelichting, **geregeld)
    bewaar_versie(
        traject,
        versie=versie,
        acting_user=acting_user,
        uitstroom_datum=uitstroom_datum,
        titel=titel,
    )
    naar_fase(traject, Fase.NA_DETENTIE)
    regie_naar = traject.regie_na_uitstroom
    assert regie_naar is not None  # the title was checked above: known
    overdracht = Overdracht.objects.create(
        traject=traject,
        regie_naar=regie_naar,
        toelichting=toelichting.strip(),
        opgesteld_door=acting_user,
    )
    UitstroomBasisvoorwaarde.objects.bulk_create(
        [
            UitstroomBasisvoorwaarde(
                overdracht=overdracht,
                domein=b.domein,
                status=b.status,
                geregeld=geregeld.get(b.domein, "").strip(),
            )
            for b in traject.basisvoorwaarden.all()
        ]
    )
    audit(acting_user, traject, "overdracht")
    return overdracht
