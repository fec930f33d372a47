"""Writes of the API: issuing and revoking tokens, and receiving detention notifications."""

import hashlib
import json
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenpartners import services as ketendiensten
from ketenpartners.models import Medewerker, Organisatie
from ketenpartners.rollen import Rol, Soort
from trajecten import services as trajectdiensten

from .models import ApiToken, Detentiemelding

# The role of a system client's service account, per kind of organisation.
SYSTEEMROL: dict[str, Rol] = {
    Soort.PI: Rol.RIC_MEDEWERKER,
    Soort.GEMEENTE: Rol.NAZORGCOORDINATOR,
    Soort.RECLASSERING: Rol.RECLASSERINGSWERKER,
    Soort.ZVH: Rol.ZVH_MEDEWERKER,
}


def hash_sleutel(sleutel: str) -> str:
    return hashlib.sha256(sleutel.encode()).hexdigest()


@transaction.atomic
def geef_token_uit(
    *, acting_user: Medewerker | None, organisatie: Organisatie, naam: str
) -> tuple[ApiToken, str]:
    """Issued by the functional administrator; the key is shown once and stored hashed."""
    if acting_user is not None and acting_user.rol != Rol.FUNCTIONEEL_BEHEERDER:
        raise PermissionDenied
    if organisatie.soort not in SYSTEEMROL:
        raise ValidationError(
            {
                "organisatie": _(
                    "Alleen PI's, gemeenten, reclassering en ZVH's krijgen een API-sleutel."
                )
            }
        )
    prefix = secrets.token_hex(4)
    sleutel = f"rt_{prefix}_{secrets.token_urlsafe(32)}"
    account = ketendiensten.maak_medewerker(
        acting_user=acting_user,
        username=f"systeem-{organisatie.code.lower()}-{prefix}",
        rol=SYSTEEMROL[organisatie.soort],
        organisatie=organisatie,
        first_name=_("Systeem"),
        last_name=naam,
    )
    token = ApiToken.objects.create(
        organisatie=organisatie,
        naam=naam,
        prefix=prefix,
        sleutel_hash=hash_sleutel(sleutel),
        account=account,
        aangemaakt_door=acting_user,
    )
    return token, sleutel


@transaction.atomic
def trek_token_in(*, acting_user: Medewerker | None, token: ApiToken) -> ApiToken:
    """Revocation takes effect on the very next request."""
    token.ingetrokken_op = timezone.now()
    token.save(update_fields=["ingetrokken_op"])
    token.account.is_active = False
    token.account.save(update_fields=["is_active"])
    return token


class Conflict(Exception):
    """The same external reference with different content."""


def _inhoud_hash(gegevens: dict) -> str:
    return hashlib.sha256(json.dumps(gegevens, sort_keys=True, default=str).encode()).hexdigest()


def ontvang_melding(
    *, acting_user: Medewerker, externe_referentie: str, gegevens: dict
) -> tuple[Detentiemelding, bool]:
    """A detention notification (Injus/TULP). Idempotent on the sender's external reference:
    the same notification again returns the same trajectory; the same reference with other
    content is a conflict. A reference belongs to the organisation that sent it: ownership is
    checked before anything is looked up, and only the sender's own notifications are looked up,
    so another organisation's equal reference is simply a different one and nothing of it shows
    (ADR 0007). Creates the trajectory in phase instroom, in the gemeente's inbox.

    Exactly once under concurrent posts: the trajectory and the melding are one transaction
    (the melding is written by neem_op's `daarna`), and a loser of the race - refused by a
    unique constraint, or told the person is now known or detained - answers with the winner's
    melding. A BSN of a known person needs `bevestig_bestaande_persoon` (ADR 0007, 0009)."""
    gegevens = dict(gegevens)
    bevestigd = bool(gegevens.pop("bevestig_bestaande_persoon", False))
    pi = gegevens["pi"]
    if pi.pk != acting_user.organisatie_id:
        raise ValidationError(
            {
                "pi": _("Deze sleutel mag alleen meldingen van %(pi)s doen.")
                % {"pi": acting_user.organisatie}
            }
        )
    inhoud = _inhoud_hash(gegevens)
    bestaand = _herhaling(pi.pk, externe_referentie, inhoud)
    if bestaand is not None:
        return bestaand, False
    gemaakt: list[Detentiemelding] = []

    def leg_melding_vast(traject) -> None:
        gemaakt.append(
            Detentiemelding.objects.create(
                organisatie_id=pi.pk,
                externe_referentie=externe_referentie,
                inhoud_hash=inhoud,
                traject=traject,
                ontvangen_van=getattr(acting_user, "api_token", None),
            )
        )

    try:
        trajectdiensten.neem_op(
            acting_user=acting_user,
            voornamen=gegevens["voornamen"],
            achternaam=gegevens["achternaam"],
            geboortedatum=gegevens["geboortedatum"],
            bsn=gegevens.get("bsn", ""),
            binnenkomst_datum=gegevens["binnenkomst_datum"],
            verwachte_uitstroom_datum=gegevens.get("verwachte_uitstroom_datum"),
            gemelde_gemeente=gegevens.get("gemeente"),
            bevestig_bestaande_persoon=bevestigd,
            daarna=leg_melding_vast,
        )
    except (IntegrityError, ValidationError, trajectdiensten.BestaandePersoon):
        # A concurrent post of the same reference may have won the race: answer as a repeat.
        bestaand = _herhaling(pi.pk, externe_referentie, inhoud)
        if bestaand is not None:
            return bestaand, False
        raise
    return gemaakt[0], True


def _herhaling(organisatie_id: int, externe_referentie: str, inhoud: str) -> Detentiemelding | None:
    """The sender's own melding under this reference, if any: the same content answers as the
    first time, other content is a conflict that names nothing but the reference sent."""
    bestaand = (
        Detentiemelding.objects.select_related("traject")
        .filter(organisatie_id=organisatie_id, externe_referentie=externe_referentie)
        .first()
    )
    if bestaand is not None and bestaand.inhoud_hash != inhoud:
        raise Conflict(externe_referentie)
    return bestaand
