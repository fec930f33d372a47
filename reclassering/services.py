"""The reclassering's writes: its D&R-advies beside the plan."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ketenpartners.models import Medewerker
from trajecten import access
from trajecten.models import DRAdvies, Traject
from trajecten.services import audit, eis
from trajecten.validators import MAX_LANGE_TEKST, controleer_lengtes


@transaction.atomic
def schrijf_advies(*, acting_user: Medewerker, traject: Traject, tekst: str) -> DRAdvies:
    """The reclassering's D&R-advies beside the plan (DOMAIN.md: 'its own advice')."""
    eis(access.is_reclassering_van(acting_user, traject))
    if not tekst.strip():
        raise ValidationError({"tekst": _("Schrijf uw advies.")})
    controleer_lengtes(MAX_LANGE_TEKST, tekst=tekst)
    # A role comes with an organisation (constraint medewerker_met_rol_heeft_organisatie).
    assert acting_user.organisatie_id is not None
    advies = DRAdvies.objects.create(
        traject=traject,
        tekst=tekst.strip(),
        organisatie_id=acting_user.organisatie_id,
        opgesteld_door=acting_user,
    )
    audit(acting_user, traject, "advies", advies.pk)
    return advies
