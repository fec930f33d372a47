"""Known risks of violence or sexual offences on a trajectory (issue 11, ADR 0011)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenpartners.models import Medewerker
from reintegratie.versies import bewaar_versie

from .. import access
from ..models import Traject
from ..validators import MAX_RISICO_TOELICHTING, controleer_lengtes
from ._gedeeld import audit, eis


@transaction.atomic
def leg_risicos_vast(
    *,
    acting_user: Medewerker,
    traject: Traject,
    versie: int | None,
    risico_geweld: bool,
    risico_zeden: bool,
    risico_toelichting: str,
) -> Traject:
    """The report requires that known risks of violence or sexual offences reach the chain
    partners who need them; art. 18a Pbw is the basis (docs/sharing-matrix.md says who reads
    them). The PI staff who change the case record them; who and when is kept, so "no known
    risk" is a statement, not a blank. Version-checked on the trajectory (ADR 0010)."""
    eis(access.mag_traject_wijzigen(acting_user, traject))
    toelichting = (risico_toelichting or "").replace("\r\n", "\n").strip()
    controleer_lengtes(MAX_RISICO_TOELICHTING, risico_toelichting=toelichting)
    if (risico_geweld or risico_zeden) and not toelichting:
        raise ValidationError(
            {
                "risico_toelichting": _(
                    "Beschrijf kort het risico en waar de partners op moeten letten."
                )
            }
        )
    if toelichting and not (risico_geweld or risico_zeden):
        raise ValidationError(
            {
                "risico_toelichting": _(
                    "Kruis aan om welk risico het gaat, of maak de toelichting leeg."
                )
            }
        )
    bewaar_versie(
        traject,
        versie=versie,
        acting_user=acting_user,
        risico_geweld=risico_geweld,
        risico_zeden=risico_zeden,
        risico_toelichting=toelichting,
        risico_vastgelegd_door=acting_user,
        risico_vastgelegd_op=timezone.now(),
    )
    audit(acting_user, traject, "risicos")
    return traject
