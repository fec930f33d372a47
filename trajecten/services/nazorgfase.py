"""After release (issue 12): the receiver confirms the handover, and the party with case
direction closes the nazorg phase with an outcome per basisvoorwaarde."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenpartners.models import Medewerker
from reintegratie.versies import bewaar_versie

from .. import access
from ..keuzes import Domein, Fase, Gebeurtenissoort, Uitkomst
from ..models import Afsluiting, AfsluitingUitkomst, Overdracht, Traject
from ..validators import MAX_OMSCHRIJVING, MAX_TEKST, controleer_lengtes
from ._gedeeld import audit, eis, meld_gebeurtenis, naar_fase


@transaction.atomic
def bevestig_ontvangst(*, acting_user: Medewerker, traject: Traject) -> Traject:
    """The gemeente has seen the incoming detention ('gezien', in the inbox or through the API,
    issue 16). The first acknowledgement counts: one conditional UPDATE, so of two at once
    exactly one is recorded and audited. The deadline watch chases gemeenten that do not
    acknowledge (issue 5)."""
    eis(access.is_nazorg_van(acting_user, traject))
    nu = timezone.now()
    if Traject.objects.filter(pk=traject.pk, gezien_door_gemeente_op__isnull=True).update(
        gezien_door_gemeente=acting_user, gezien_door_gemeente_op=nu
    ):
        audit(acting_user, traject, "traject", "gezien")
    traject.refresh_from_db(fields=["gezien_door_gemeente", "gezien_door_gemeente_op"])
    return traject


@transaction.atomic
def bevestig_overdracht(*, acting_user: Medewerker, traject: Traject) -> Overdracht:
    """'Ontvangen, ik pak het op': the receiver of the handover confirms it. One conditional
    UPDATE: of two clicks (or two colleagues at the same moment) exactly one confirms; the
    other finds it confirmed and changes nothing. Only the confirmation that counts is audited
    and announced (Gebeurtenissoort.OVERDRACHT_BEVESTIGD)."""
    eis(access.ontvangt_overdracht(acting_user, traject))
    overdracht = Overdracht.objects.filter(traject=traject).first()
    eis(overdracht is not None)
    assert overdracht is not None
    bevestigd = Overdracht.objects.filter(pk=overdracht.pk, ontvangen_op__isnull=True).update(
        ontvangen_door=acting_user, ontvangen_op=timezone.now()
    )
    overdracht.refresh_from_db(fields=["ontvangen_door", "ontvangen_op"])
    if bevestigd:
        audit(acting_user, traject, "overdracht", overdracht.pk, toelichting="ontvangen")
        meld_gebeurtenis(Gebeurtenissoort.OVERDRACHT_BEVESTIGD, traject=traject, door=acting_user)
    return overdracht


def _uitkomst_veld(domein: str) -> str:
    return f"uitkomst_{domein}"


def _notitie_veld(domein: str) -> str:
    return f"notitie_{domein}"


@transaction.atomic
def sluit_nazorg_af(
    *,
    acting_user: Medewerker,
    traject: Traject,
    versie: int | None,
    uitkomsten: Mapping[str, str],
    notities: Mapping[str, str] | None = None,
    toelichting: str = "",
) -> Afsluiting:
    """'Nazorg afsluiten' by the party with case direction: an outcome for each of the six
    basisvoorwaarden (op orde / niet op orde / onbekend), an optional short note each, an
    overall toelichting. The phase becomes afgesloten. Version-checked (ADR 0010): a close over
    someone else's newer change, or a second close, is refused and nothing is saved."""
    eis(access.heeft_regie_na_uitstroom(acting_user, traject))
    notities = notities or {}
    fouten = {
        _uitkomst_veld(d): _("Kies of %(domein)s bij het afsluiten op orde is.")
        % {"domein": Domein(d).label.lower()}
        for d in Domein.values
        if uitkomsten.get(d) not in Uitkomst.values
    }
    if fouten:
        raise ValidationError(fouten)
    controleer_lengtes(MAX_TEKST, toelichting=toelichting)
    controleer_lengtes(
        MAX_OMSCHRIJVING, **{_notitie_veld(d): tekst.strip() for d, tekst in notities.items()}
    )
    bewaar_versie(traject, versie=versie, acting_user=acting_user)
    try:
        with transaction.atomic():
            afsluiting = Afsluiting.objects.create(
                traject=traject, toelichting=toelichting.strip(), afgesloten_door=acting_user
            )
    except IntegrityError as fout:
        raise ValidationError(_("Deze nazorg is al afgesloten.")) from fout
    AfsluitingUitkomst.objects.bulk_create(
        [
            AfsluitingUitkomst(
                afsluiting=afsluiting,
                domein=d,
                uitkomst=uitkomsten[d],
                notitie=notities.get(d, "").strip(),
            )
            for d in Domein.values
        ]
    )
    naar_fase(traject, Fase.AFGESLOTEN)
    audit(acting_user, traject, "afsluiting", afsluiting.pk)
    meld_gebeurtenis(Gebeurtenissoort.TRAJECT_AFGESLOTEN, traject=traject, door=acting_user)
    return afsluiting
