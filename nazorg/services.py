"""The gemeente's writes on an incoming detention: seen ('gezien'), taken on ('oppakken'), or
answered 'niet onze gemeente'. 'Gezien' itself lives in trajecten.services (the API gives it too,
issue 16); it is re-exported here."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenpartners.models import Medewerker, Organisatie
from ketenpartners.rollen import Rol
from trajecten import access
from trajecten.keuzes import Gebeurtenissoort
from trajecten.models import NietOnzeGemeente, Traject
from trajecten.services import (
    audit,
    bevestig_ontvangst,
    controleer_gemeente,
    eis,
    meld_gebeurtenis,
)
from trajecten.validators import MAX_TEKST, controleer_lengtes


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


@transaction.atomic
def meld_niet_onze_gemeente(
    *,
    acting_user: Medewerker,
    traject: Traject,
    reden: str,
    juiste_gemeente: Organisatie | None = None,
) -> NietOnzeGemeente:
    """'Niet onze inwoner' (issue 12, ADR 0017). The answer is kept with its reason; when the
    right gemeente is named the case moves there at once as an unverified return gemeente. The
    answering gemeente loses its grant at once either way (access._gewenst), the casemanager
    keeps the case and is asked to verify the return gemeente again."""
    eis(access.is_nazorg_van(acting_user, traject))
    eigen = acting_user.organisatie
    assert eigen is not None  # a role comes with an organisation
    fouten = {}
    if not reden.strip():
        fouten["reden"] = _("Vul in waarom deze persoon niet bij uw gemeente hoort")
    if juiste_gemeente is not None and juiste_gemeente.pk == eigen.pk:
        fouten["juiste_gemeente"] = _("Kies een andere gemeente dan uw eigen gemeente.")
    if fouten:
        raise ValidationError(fouten)
    controleer_gemeente(juiste_gemeente, "juiste_gemeente")
    controleer_lengtes(MAX_TEKST, reden=reden)
    # Locks the trajectory: a double submit waits here and then finds the open answer.
    Traject.objects.select_for_update().filter(pk=traject.pk).first()
    if NietOnzeGemeente.objects.filter(
        traject=traject, gemeente=eigen, afgehandeld_op__isnull=True
    ).exists():
        raise ValidationError(
            {"reden": _("Uw gemeente heeft dit al gemeld; de casemanager controleert het.")}
        )
    antwoord = NietOnzeGemeente.objects.create(
        traject=traject,
        gemeente=eigen,
        reden=reden.strip(),
        juiste_gemeente=juiste_gemeente,
        gemeld_door=acting_user,
    )
    velden = []
    if juiste_gemeente is not None:
        traject.terugkeer_gemeente = juiste_gemeente
        traject.terugkeer_geverifieerd_door = None
        traject.terugkeer_geverifieerd_op = None
        velden = ["terugkeer_gemeente", "terugkeer_geverifieerd_door", "terugkeer_geverifieerd_op"]
    # What this gemeente acknowledged or took on is not the new gemeente's.
    if traject.gezien_door_gemeente_op is not None or traject.opgepakt_op is not None:
        traject.gezien_door_gemeente = None
        traject.gezien_door_gemeente_op = None
        traject.opgepakt_door = None
        traject.opgepakt_op = None
        velden += [
            "gezien_door_gemeente",
            "gezien_door_gemeente_op",
            "opgepakt_door",
            "opgepakt_op",
        ]
    if velden:
        traject.save(update_fields=velden)
    access.herbereken_toegang(
        traject=traject, acting_user=acting_user, reden=_("niet onze gemeente gemeld")
    )
    audit(acting_user, traject, "traject", antwoord.pk, toelichting="niet onze gemeente")
    casemanager = [traject.casemanager_id] if traject.casemanager_id else []
    meld_gebeurtenis(
        Gebeurtenissoort.NIET_ONZE_GEMEENTE,
        traject=traject,
        door=acting_user,
        ontvangers=casemanager,
        gemeente=eigen.naam,
    )
    if juiste_gemeente is not None:
        meld_gebeurtenis(
            Gebeurtenissoort.GEMEENTE_GEWIJZIGD,
            traject=traject,
            door=acting_user,
            ontvangers=casemanager,
            van=eigen.naam,
            naar=juiste_gemeente.naam,
        )
    return antwoord


__all__ = ["bevestig_ontvangst", "meld_niet_onze_gemeente", "pak_op"]
