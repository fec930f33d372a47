"""The gemeente's writes on an incoming detention: seen ('gezien'), taken on ('oppakken')."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenpartners.models import Medewerker
from ketenpartners.rollen import Rol
from trajecten import access
from trajecten.models import Traject
from trajecten.services import audit, eis


@transaction.atomic
def bevestig_ontvangst(*, acting_user: Medewerker, traject: Traject) -> Traject:
    """The gemeente has seen the incoming detention ('gezien'). The first acknowledgement
    counts; the deadline watch chases gemeenten that do not acknowledge (issue 5)."""
    eis(access.is_nazorg_van(acting_user, traject))
    if traject.gezien_door_gemeente_op is None:
        traject.gezien_door_gemeente = acting_user
        traject.gezien_door_gemeente_op = timezone.now()
        traject.save(update_fields=["gezien_door_gemeente", "gezien_door_gemeente_op"])
        audit(acting_user, traject, "traject", "gezien")
    return traject


@transaction.atomic
def pak_op(*, acting_user: Medewerker, traject: Traject, door: Medewerker | None = None) -> Traject:
    """'Ik pak dit op' (door=None) or hand it to a colleague of the same gemeente. Taking it on
    also acknowledges the detention."""
    eis(access.is_nazorg_van(acting_user, traject))
    door = door or acting_user
    if (
        door.organisatie_id != acting_user.organisatie_id
        or door.rol != Rol.NAZORGCOORDINATOR
        or not door.is_active
    ):
        raise ValidationError({"door": _("Kies een nazorgcoördinator van uw eigen gemeente.")})
    bevestig_ontvangst(acting_user=acting_user, traject=traject)
    traject.refresh_from_db(fields=["gezien_door_gemeente", "gezien_door_gemeente_op"])
    traject.opgepakt_door = door
    traject.opgepakt_op = timezone.now()
    traject.save(update_fields=["opgepakt_door", "opgepakt_op"])
    audit(acting_user, traject, "traject", "opgepakt")
    return traject
