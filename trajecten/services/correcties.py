"""Corrections after intake (ADR 0009): the PI corrects what was typed wrong, with a reason that
goes into the audit trail. Deadlines are derived on every read, so they move by themselves; the
morning scan resolves flags that no longer hold (signalering.services.scan)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ketenpartners.models import Medewerker
from reintegratie.versies import bewaar_versie

from .. import access
from ..models import Gedetineerde, Traject
from ..validators import bsn_is_geldig
from ._gedeeld import audit, eis, huidige_datum
from .intake import _Gevonden, constraint_van, leg_bsn_vraag_vast

PERSOONSVELDEN = ("voornamen", "achternaam", "geboortedatum", "bsn")
TRAJECTVELDEN = ("binnenkomst_datum", "lvb", "lvb_toelichting", "communicatiebehoeften")


def persoon_elders_bekend(traject: Traject) -> bool:
    """The person has a trajectory in another PI: then their names, birth date and BSN are not
    this PI's alone to correct (ADR 0009)."""
    return (
        Traject.objects.filter(gedetineerde_id=traject.gedetineerde_id)
        .exclude(pi_id=traject.pi_id)
        .exists()
    )


def corrigeer_gegevens(
    *,
    acting_user: Medewerker,
    traject: Traject,
    reden: str,
    binnenkomst_datum: date,
    voornamen: str,
    achternaam: str,
    geboortedatum: date,
    bsn: str,
    lvb: bool,
    lvb_toelichting: str,
    communicatiebehoeften: str,
) -> Traject:
    """Correct the binnenkomst date, the person's names, birth date and BSN, and this PI's LVB
    assessment, with a mandatory reason (in the audit row). Who: the PI staff who change the case
    (`access.mag_traject_wijzigen`). The person's fields only while the person has no trajectory
    in another PI; otherwise refused, naming no other PI. A BSN that belongs to another person is
    refused (merging is not a correction) and the question is recorded in the audit trail."""
    try:
        return _corrigeer(
            acting_user=acting_user,
            traject=traject,
            reden=reden,
            nieuw={
                "binnenkomst_datum": binnenkomst_datum,
                "voornamen": voornamen.strip(),
                "achternaam": achternaam.strip(),
                "geboortedatum": geboortedatum,
                "bsn": bsn.strip(),
                "lvb": lvb,
                "lvb_toelichting": lvb_toelichting.strip(),
                "communicatiebehoeften": communicatiebehoeften.strip(),
            },
        )
    except _Gevonden as gevonden:
        leg_bsn_vraag_vast(
            acting_user=acting_user,
            persoon_id=gevonden.persoon_id,
            traject_ids=gevonden.traject_ids,
            uitleg=gevonden.uitleg,
        )
        raise gevonden.fout from None


def _bsn_van_een_ander(bsn: str, persoon: Gedetineerde) -> _Gevonden:
    ander = Gedetineerde.objects.get(bsn=bsn)
    return _Gevonden(
        ValidationError(
            {
                "bsn": _(
                    "Dit BSN hoort bij een andere persoon. Controleer het BSN; gaat het om "
                    "dezelfde persoon, neem dan contact op met de functioneel beheerder."
                )
            }
        ),
        ander.pk,
        list(ander.trajecten.values_list("pk", flat=True)),
        _("Correctie: BSN van een andere bekende persoon."),
    )


@transaction.atomic
def _corrigeer(
    *, acting_user: Medewerker, traject: Traject, reden: str, nieuw: dict[str, object]
) -> Traject:
    eis(access.mag_traject_wijzigen(acting_user, traject))
    traject = Traject.objects.select_for_update().select_related("gedetineerde").get(pk=traject.pk)
    persoon = traject.gedetineerde
    oud = {v: getattr(persoon, v) for v in PERSOONSVELDEN} | {
        v: getattr(traject, v) for v in TRAJECTVELDEN
    }
    gewijzigd = [v for v in (*TRAJECTVELDEN, *PERSOONSVELDEN) if nieuw[v] != oud[v]]
    fouten: dict[str, str] = {}
    if not reden.strip():
        fouten["reden"] = _("Geef de reden van de correctie.")
    if not gewijzigd:
        fouten["__all__"] = _("U heeft niets gewijzigd.")
    binnen = nieuw["binnenkomst_datum"]
    geboren = nieuw["geboortedatum"]
    assert isinstance(binnen, date) and isinstance(geboren, date)
    if binnen > huidige_datum():
        fouten["binnenkomst_datum"] = _("De datum van binnenkomst kan niet in de toekomst liggen.")
    elif (
        traject.verwachte_uitstroom_datum is not None and traject.verwachte_uitstroom_datum < binnen
    ):
        fouten["binnenkomst_datum"] = _(
            "De binnenkomst ligt dan na de verwachte uitstroomdatum; pas die eerst aan."
        )
    elif traject.uitstroom_datum is not None and traject.uitstroom_datum < binnen:
        fouten["binnenkomst_datum"] = _("De binnenkomst ligt dan na de uitstroom.")
    if geboren >= binnen:
        fouten["geboortedatum"] = _("Vul een geboortedatum in die vóór de binnenkomst ligt.")
    if nieuw["bsn"] and not bsn_is_geldig(str(nieuw["bsn"])):
        fouten["bsn"] = _(
            "Dit is geen geldig BSN: controleer de 9 cijfers (de elfproef klopt niet)."
        )
    persoonlijk = [v for v in gewijzigd if v in PERSOONSVELDEN]
    if persoonlijk and persoon_elders_bekend(traject):
        fouten[persoonlijk[0]] = _(
            "Deze persoon heeft ook een traject bij een andere organisatie. Naam, "
            "geboortedatum en BSN corrigeert de functioneel beheerder; de andere gegevens "
            "kunt u hier wel corrigeren."
        )
    if fouten:
        raise ValidationError(fouten)
    if (
        "bsn" in gewijzigd
        and nieuw["bsn"]
        and Gedetineerde.objects.filter(bsn=nieuw["bsn"]).exclude(pk=persoon.pk).exists()
    ):
        raise _bsn_van_een_ander(str(nieuw["bsn"]), persoon)
    if persoonlijk:
        for veld in persoonlijk:
            setattr(persoon, veld, nieuw[veld])
        try:
            with transaction.atomic():
                persoon.save(update_fields=persoonlijk)
        except IntegrityError as fout:
            if constraint_van(fout) == "bsn_uniek":
                raise _bsn_van_een_ander(str(nieuw["bsn"]), persoon) from None
            raise
    # Always a new version of the case (the row is locked, so it is ours to raise): a gegevens or
    # release form opened before the correction is refused as stale, not checked against the
    # old binnenkomst date (ADR 0010).
    bewaar_versie(
        traject,
        versie=traject.versie,
        acting_user=acting_user,
        **{veld: nieuw[veld] for veld in gewijzigd if veld in TRAJECTVELDEN},
    )
    audit(
        acting_user,
        traject,
        "correctie",
        toelichting=_("Gecorrigeerd: %(velden)s. Reden: %(reden)s")
        % {"velden": ", ".join(gewijzigd), "reden": reden.strip()},
    )
    return traject
