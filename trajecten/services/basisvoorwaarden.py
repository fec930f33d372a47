"""The six basisvoorwaarden: screening and every later update."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ketenpartners.models import Medewerker, Organisatie
from reintegratie.versies import bewaar_versie

from .. import access
from ..keuzes import BVStatus, Fase
from ..models import Basisvoorwaarde
from ..validators import MAX_TEKST, controleer_lengtes
from ._gedeeld import audit, eis, vooruit_naar_fase


@transaction.atomic
def werk_basisvoorwaarde_bij(
    *,
    acting_user: Medewerker,
    basisvoorwaarde: Basisvoorwaarde,
    versie: int | None,
    status: str,
    hulpvraag: str,
    notities: str = "",
    uitvoerende_partner: Organisatie | None = None,
) -> Basisvoorwaarde:
    """Screening and every later update. The first update moves a new trajectory into screening.
    Zorg records continuity of care only; medical content stays out (DOMAIN.md, lawful sharing).
    `versie` is the version the user started from: a save over someone else's is refused
    (`VerouderdeVersie`, ADR 0010)."""
    traject = basisvoorwaarde.traject
    eis(access.mag_voorwaarden_bijwerken(acting_user, traject))
    if status not in BVStatus.values:
        raise ValidationError({"status": _("Kies een status uit de lijst.")})
    if status in (BVStatus.NIET_OP_ORDE, BVStatus.IN_BEHANDELING) and not hulpvraag.strip():
        raise ValidationError(
            {"hulpvraag": _("Beschrijf de hulpvraag: de gemeente moet weten wat er nodig is.")}
        )
    controleer_lengtes(MAX_TEKST, hulpvraag=hulpvraag, notities=notities)
    bewaar_versie(
        basisvoorwaarde,
        versie=versie,
        acting_user=acting_user,
        status=status,
        hulpvraag=hulpvraag.strip(),
        notities=notities.strip(),
        uitvoerende_partner=uitvoerende_partner,
    )
    vooruit_naar_fase(traject, Fase.SCREENING)
    audit(acting_user, traject, "basisvoorwaarden", basisvoorwaarde.domein)
    return basisvoorwaarde
