"""Restricted cases (issue 17 item 6): the PI restricts a case to the people who need it, with
a reason, from the case page. Who keeps access is decided in `access.herbereken_toegang`."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from ketenpartners.models import Medewerker
from ketenpartners.rollen import Rol
from reintegratie.versies import bewaar_versie

from .. import access
from ..models import Traject
from ._gedeeld import audit, eis

MAX_REDEN = 500
# Who restricts a case or lifts it, besides the case's own casemanager: the PI's staff functions.
STAF = {Rol.STAFFUNCTIONARIS, Rol.HOOFD_DR}


def mag_beperken(user: Medewerker, traject: Traject) -> bool:
    """The case's casemanager, or the staffunctionaris or hoofd D&R of its PI."""
    if user.organisatie_id != traject.pi_id:
        return False
    return user.rol in STAF or (user.rol == Rol.CASEMANAGER and traject.casemanager_id == user.pk)


def te_noemen(traject: Traject):
    """The people who can be named on a restricted case: the nazorgcoördinatoren of the case's
    gemeente, the reclasseringswerkers of its reclassering and the PI's staff functions. The
    casemanager and the mentor keep access without being named."""
    waar = Q(organisatie_id=traject.pi_id, rol__in=[Rol.STAFFUNCTIONARIS, Rol.HOOFD_DR])
    if traject.gemeente_id:
        waar |= Q(organisatie_id=traject.gemeente_id, rol=Rol.NAZORGCOORDINATOR)
    if traject.reclassering_id:
        waar |= Q(organisatie_id=traject.reclassering_id, rol=Rol.RECLASSERINGSWERKER)
    return (
        Medewerker.objects.filter(waar, is_active=True)
        .select_related("organisatie")
        .order_by("organisatie__naam", "last_name", "first_name", "username")
    )


@transaction.atomic
def beperk_toegang(
    *,
    acting_user: Medewerker,
    traject: Traject,
    versie: int | None,
    beperkt: bool,
    reden: str,
    personen: Iterable[Medewerker] = (),
) -> Traject:
    """Restrict the case to its casemanager, its mentor and the named people, or lift the
    restriction so the organisations see it again. Version-checked on the trajectory (ADR 0010):
    of two people who change it at once, one wins and the other is told. Every grant given or
    taken is in the audit trail with the reason. A staff member who restricts stays named, so
    they can lift it again."""
    eis(mag_beperken(acting_user, traject))
    reden = (reden or "").replace("\r\n", "\n").strip()
    fouten: dict[str, str] = {}
    if not reden:
        fouten["reden"] = (
            _("Vul de reden in waarom de toegang wordt beperkt.")
            if beperkt
            else _("Vul de reden in waarom de beperking wordt opgeheven.")
        )
    elif len(reden) > MAX_REDEN:
        fouten["reden"] = _("Houd de reden korter dan %(n)s tekens.") % {"n": MAX_REDEN}
    gekozen = {p.pk for p in personen} if beperkt else set()
    if beperkt and acting_user.rol != Rol.CASEMANAGER:
        gekozen.add(acting_user.pk)
    if gekozen - set(te_noemen(traject).filter(pk__in=gekozen).values_list("pk", flat=True)):
        fouten["personen"] = _(
            "Kies alleen medewerkers van de gemeente, de reclassering of de staf van dit traject."
        )
    if not beperkt and not traject.beperkt:
        fouten["beperkt"] = _("Dit traject heeft geen beperkte toegang.")
    if fouten:
        raise ValidationError(fouten)
    bewaar_versie(
        traject,
        versie=versie,
        acting_user=acting_user,
        beperkt=beperkt,
        beperking_reden=reden if beperkt else "",
    )
    traject.beperkt_tot.set(gekozen)
    samenvatting = (
        _("beperkte toegang: %(reden)s") if beperkt else _("beperking opgeheven: %(reden)s")
    ) % {"reden": reden}
    access.herbereken_toegang(traject=traject, acting_user=acting_user, reden=samenvatting)
    audit(acting_user, traject, "toegang", toelichting=samenvatting)
    return traject
