"""Contact moments with the partners, and the informatieblad shared with the gemeente."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ketenpartners.models import Medewerker, Organisatie
from ketenpartners.selectors import bereikbaarheid

from .. import access
from ..models import Contactmoment, InformatiebladGedeeld, Traject
from ..validators import MAX_NAAM, MAX_TEKST, controleer_lengtes
from ._gedeeld import audit, eis, huidige_datum


@transaction.atomic
def registreer_contactmoment(
    *,
    acting_user: Medewerker,
    traject: Traject,
    organisatie: Organisatie,
    kanaal: str,
    datum: date,
    samenvatting: str,
    contactpersoon: str = "",
) -> Contactmoment:
    """Contact with the gemeente is the event that meets the ten-working-day deadline. The
    gemeente and the reclassering record their contact moments too."""
    eis(access.mag_contact_vastleggen(acting_user, traject))
    fouten = {}
    if datum > huidige_datum():
        fouten["datum"] = _("Een contactmoment kan niet in de toekomst liggen.")
    elif datum < traject.binnenkomst_datum:
        fouten["datum"] = _("Vul een datum in die na de binnenkomst ligt.")
    if not samenvatting.strip():
        fouten["samenvatting"] = _("Vat in een paar zinnen samen wat er is besproken.")
    if fouten:
        raise ValidationError(fouten)
    controleer_lengtes(MAX_TEKST, samenvatting=samenvatting)
    controleer_lengtes(MAX_NAAM, contactpersoon=contactpersoon)
    audit(acting_user, traject, "contacten")
    return Contactmoment.objects.create(
        traject=traject,
        organisatie=organisatie,
        contactpersoon=contactpersoon.strip(),
        kanaal=kanaal,
        datum=datum,
        samenvatting=samenvatting.strip(),
        geregistreerd_door=acting_user,
    )


@transaction.atomic
def deel_informatieblad(*, acting_user: Medewerker, traject: Traject) -> InformatiebladGedeeld:
    eis(access.mag_voorwaarden_bijwerken(acting_user, traject))
    if traject.gemeente is None:
        raise ValidationError(
            {"gemeente": _("Vul eerst de gemeente in waar deze persoon naartoe gaat.")}
        )
    audit(acting_user, traject, "informatieblad")
    gedeeld = InformatiebladGedeeld.objects.create(
        traject=traject, gemeente=traject.gemeente, gedeeld_door=acting_user
    )
    # Whether anyone reads it here (issue 12): the confirmation says so in words.
    gedeeld.bereik = bereikbaarheid(traject.gemeente)  # type: ignore[attr-defined]
    return gedeeld


@transaction.atomic
def leg_gemeente_bereikt_vast(
    *,
    acting_user: Medewerker,
    traject: Traject,
    kanaal: str,
    contactpersoon: str,
    datum: date,
    toelichting: str = "",
) -> Contactmoment:
    """How a gemeente that does not use the app was reached (issue 12): a contact moment with
    the gemeente as organisation, so it also counts for the ten-day step."""
    eis(access.mag_voorwaarden_bijwerken(acting_user, traject))
    if traject.gemeente is None:
        raise ValidationError(
            {"kanaal": _("Vul eerst de gemeente in waar deze persoon naartoe gaat.")}
        )
    if not contactpersoon.strip():
        raise ValidationError({"contactpersoon": _("Vul in met wie u contact had")})
    samenvatting = _("Gemeente bereikt buiten het systeem om over deze detentie.")
    if toelichting.strip():
        samenvatting = f"{samenvatting} {toelichting.strip()}"
    return registreer_contactmoment(
        acting_user=acting_user,
        traject=traject,
        organisatie=traject.gemeente,
        kanaal=kanaal,
        datum=datum,
        samenvatting=samenvatting,
        contactpersoon=contactpersoon,
    )
