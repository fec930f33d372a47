"""Writes of the API: issuing and revoking tokens, and receiving detention notifications."""

import datetime
import hashlib
import json
import secrets
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenpartners import services as ketendiensten
from ketenpartners.models import Medewerker, Organisatie
from ketenpartners.rollen import Rol, Soort
from trajecten import services as trajectdiensten

from .models import ApiToken, Detentiemelding, Scope

# The role of a system client's service account, per kind of organisation.
SYSTEEMROL: dict[str, Rol] = {
    Soort.PI: Rol.RIC_MEDEWERKER,
    Soort.GEMEENTE: Rol.NAZORGCOORDINATOR,
    Soort.RECLASSERING: Rol.RECLASSERINGSWERKER,
    Soort.ZVH: Rol.ZVH_MEDEWERKER,
}


# A key is valid for a year unless the administrator says otherwise, and for two at most.
STANDAARD_GELDIGHEID = datetime.timedelta(days=365)
LANGSTE_GELDIGHEID = datetime.timedelta(days=2 * 365)


def hash_sleutel(sleutel: str) -> str:
    return hashlib.sha256(sleutel.encode()).hexdigest()


def mogelijke_scopes(organisatie: Organisatie) -> list[str]:
    """What a key of this organisation can use at all: only a PI sends detention notifications."""
    if organisatie.soort == Soort.PI:
        return list(Scope.values)
    return [Scope.TRAJECTEN_LEZEN, Scope.TRAJECTEN_SCHRIJVEN, Scope.ABONNEMENTEN_BEHEREN]


def standaard_scopes(organisatie: Organisatie) -> list[str]:
    """A key's scopes when none are named: all it can use except managing subscriptions
    (issue 16), which is asked for explicitly."""
    return [s for s in mogelijke_scopes(organisatie) if s != Scope.ABONNEMENTEN_BEHEREN]


def standaard_geldig_tot() -> datetime.date:
    return timezone.localdate() + STANDAARD_GELDIGHEID


def controleer_keuze(
    *,
    organisatie: Organisatie,
    scopes: Iterable[str] | None = None,
    geldig_tot: datetime.date | None = None,
) -> tuple[list[str], datetime.date]:
    """The scopes and expiry date of a new key, checked (Dutch messages at the field):
    without scopes all its organisation can use, without a date one year from today."""
    if organisatie.soort not in SYSTEEMROL:
        raise ValidationError(
            {
                "organisatie": _(
                    "Alleen PI's, gemeenten, reclassering en ZVH's krijgen een API-sleutel."
                )
            }
        )
    mogelijk = mogelijke_scopes(organisatie)
    gewenst = set(standaard_scopes(organisatie) if scopes is None else scopes)
    if not gewenst:
        raise ValidationError({"scopes": _("Kies ten minste één scope.")})
    if onbekend := sorted(gewenst - set(Scope.values)):
        raise ValidationError(
            {
                "scopes": _("Onbekende scope: %(scope)s. Kies uit %(keuze)s.")
                % {"scope": ", ".join(onbekend), "keuze": ", ".join(Scope.values)}
            }
        )
    gekozen = sorted(gewenst, key=list(Scope.values).index)
    if niet := [sc for sc in gekozen if sc not in mogelijk]:
        raise ValidationError(
            {
                "scopes": _("Een sleutel van %(org)s kan %(scope)s niet gebruiken.")
                % {"org": organisatie, "scope": ", ".join(niet)}
            }
        )
    vandaag = timezone.localdate()
    geldig_tot = geldig_tot or vandaag + STANDAARD_GELDIGHEID
    if geldig_tot < vandaag:
        raise ValidationError({"geldig_tot": _("De einddatum ligt in het verleden.")})
    if geldig_tot > vandaag + LANGSTE_GELDIGHEID:
        raise ValidationError(
            {"geldig_tot": _("Een sleutel is hooguit twee jaar geldig; kies een eerdere datum.")}
        )
    return gekozen, geldig_tot


@transaction.atomic
def geef_token_uit(
    *,
    acting_user: Medewerker | None,
    organisatie: Organisatie,
    naam: str,
    scopes: Iterable[str] | None = None,
    geldig_tot: datetime.date | None = None,
) -> tuple[ApiToken, str]:
    """Issued by the functional administrator; the key is shown once and stored hashed.
    Without scopes it gets all its organisation can use; without a date it expires in a year."""
    if acting_user is not None and acting_user.rol != Rol.FUNCTIONEEL_BEHEERDER:
        raise PermissionDenied
    gekozen, geldig_tot = controleer_keuze(
        organisatie=organisatie, scopes=scopes, geldig_tot=geldig_tot
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
        scopes=gekozen,
        geldig_tot=geldig_tot,
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
