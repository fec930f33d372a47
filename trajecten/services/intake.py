"""Intake: a new detention of a new person, or of a person known by BSN after the user confirmed
it is the same person (ADR 0009). Exactly once: a database constraint, not a check, decides the
race between two identical submits."""

from collections.abc import Callable
from datetime import date
from uuid import UUID

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from audit.models import Auditactie
from audit.services import vastleggen
from ketenpartners.models import Locatie, Medewerker, Organisatie
from ketenpartners.rollen import Rol

from .. import access
from ..keuzes import Domein, Fase, Gebeurtenissoort
from ..models import Basisvoorwaarde, DRPlan, Gedetineerde, Traject
from ..validators import bsn_is_geldig, datumfouten_binnenkomst
from ._gedeeld import audit, controleer_gemeente, eis, huidige_datum, meld_gebeurtenis


class BestaandePersoon(Exception):
    """A person with this BSN is known and the user has not confirmed that it is the same
    person. Carries nothing of that person: the browser shows the "Is dit dezelfde persoon?"
    step with what the user typed, the API answers 409."""

    def __init__(self) -> None:
        super().__init__(
            _(
                "Er is al een persoon met dit BSN bekend. Controleer het BSN; is het dezelfde "
                "persoon, bevestig dat dan."
            )
        )


class LopendeDetentie(ValidationError):
    """The person already has a running detention. Neutral: it names no prison."""

    def __init__(self, *, eigen: bool) -> None:
        self.eigen = eigen
        if eigen:
            tekst = _(
                "Deze persoon heeft al een lopend traject in uw inrichting. Open dat traject."
            )
        else:
            tekst = _(
                "Voor deze persoon loopt al een detentie. Neem contact op met de functioneel "
                "beheerder of vraag een overplaatsing aan."
            )
        super().__init__({"bsn": tekst}, code="lopende_detentie")


class _Gevonden(Exception):
    """Internal: the BSN matched a person; the answer goes out after the probe is recorded."""

    def __init__(self, fout: Exception, persoon_id: int, traject_ids: list[int], uitleg: str):
        self.fout, self.persoon_id, self.traject_ids, self.uitleg = (
            fout,
            persoon_id,
            traject_ids,
            uitleg,
        )


def leg_bsn_vraag_vast(
    *, acting_user: Medewerker, persoon_id: int, traject_ids: list[int], uitleg: str
) -> None:
    """A typed BSN matched a known person: the answer ("known", "detained") is information, so
    the question is recorded on that person's trajectories (their PI sees it under "Wie heeft dit
    dossier ingezien"). Called outside the refused write's transaction, so it stays."""
    vastleggen(
        gebruiker=acting_user,
        actie=Auditactie.BSN_GEZOCHT,
        traject_ids=traject_ids,
        object_type="gedetineerde",
        object_id=str(persoon_id),
        categorieen=["persoonsgegevens"],
        toelichting=uitleg,
    )


def constraint_van(fout: IntegrityError) -> str:
    """The name of the PostgreSQL constraint an IntegrityError broke ('' when unknown)."""
    diag = getattr(fout.__cause__, "diag", None)
    return getattr(diag, "constraint_name", None) or ""


def controleer_bekende_persoon(
    *, acting_user: Medewerker, persoon: Gedetineerde, bevestigd: bool
) -> None:
    """Raise `_Gevonden` when a known person cannot get a new trajectory now: still detained
    (neutral message), or not yet confirmed as the same person."""
    trajecten = list(persoon.trajecten.values_list("pk", "uitstroom_datum", "pi_id"))
    lopend = [(pk, pi) for pk, uit, pi in trajecten if uit is None]
    if lopend:
        pk, pi = lopend[0]
        raise _Gevonden(
            LopendeDetentie(eigen=pi == acting_user.organisatie_id),
            persoon.pk,
            [pk],
            _("Intake: BSN van een persoon met een lopende detentie."),
        )
    if not bevestigd:
        raise _Gevonden(
            BestaandePersoon(),
            persoon.pk,
            [pk for pk, _uit, _pi in trajecten],
            _("Intake: BSN van een bekende persoon; gevraagd of het dezelfde persoon is."),
        )


def neem_op(
    *,
    acting_user: Medewerker,
    voornamen: str,
    achternaam: str,
    geboortedatum: date,
    binnenkomst_datum: date,
    bsn: str = "",
    geslacht: str = "onbekend",
    lvb: bool = False,
    lvb_toelichting: str = "",
    communicatiebehoeften: str = "",
    locatie: Locatie | None = None,
    verwachte_uitstroom_datum: date | None = None,
    gemelde_gemeente: Organisatie | None = None,
    casemanager: Medewerker | None = None,
    bevestig_bestaande_persoon: bool = False,
    intake_sleutel: UUID | None = None,
    daarna: Callable[[Traject], object] | None = None,
) -> Traject:
    """Intake: a new trajectory in the acting user's PI with the facts at hand; the rest later.

    - Without a BSN the person is always a new person: names and birth date never link to
      anyone (two Daan de Boers of 1988 are two people until someone proves otherwise).
    - With a BSN (elfproef) of a known person, that person gets the new trajectory only when
      the user confirmed it is the same person (`bevestig_bestaande_persoon`); else
      `BestaandePersoon`, with nothing of the person. A person still detained anywhere gets the
      neutral `LopendeDetentie`; both questions are recorded in the audit trail.
    - LVB and communication needs are this PI's assessment: they go on the trajectory.
    - Exactly once: the same `intake_sleutel` (the browser form's one-time token) returns the
      first result; two concurrent submits are decided by unique constraints.
    - `daarna` runs inside the same transaction (the API stores its Detentiemelding there).
    """
    try:
        return _neem_op(
            acting_user=acting_user,
            voornamen=voornamen,
            achternaam=achternaam,
            geboortedatum=geboortedatum,
            binnenkomst_datum=binnenkomst_datum,
            bsn=bsn,
            geslacht=geslacht,
            lvb=lvb,
            lvb_toelichting=lvb_toelichting,
            communicatiebehoeften=communicatiebehoeften,
            locatie=locatie,
            verwachte_uitstroom_datum=verwachte_uitstroom_datum,
            gemelde_gemeente=gemelde_gemeente,
            casemanager=casemanager,
            bevestig_bestaande_persoon=bevestig_bestaande_persoon,
            intake_sleutel=intake_sleutel,
            daarna=daarna,
        )
    except _Gevonden as gevonden:
        leg_bsn_vraag_vast(
            acting_user=acting_user,
            persoon_id=gevonden.persoon_id,
            traject_ids=gevonden.traject_ids,
            uitleg=gevonden.uitleg,
        )
        raise gevonden.fout from None


def _eerder_met_sleutel(acting_user: Medewerker, intake_sleutel: UUID | None) -> Traject | None:
    if intake_sleutel is None:
        return None
    return Traject.objects.filter(
        intake_sleutel=intake_sleutel, pi_id=acting_user.organisatie_id
    ).first()


@transaction.atomic
def _neem_op(
    *,
    acting_user: Medewerker,
    voornamen: str,
    achternaam: str,
    geboortedatum: date,
    binnenkomst_datum: date,
    bsn: str,
    geslacht: str,
    lvb: bool,
    lvb_toelichting: str,
    communicatiebehoeften: str,
    locatie: Locatie | None,
    verwachte_uitstroom_datum: date | None,
    gemelde_gemeente: Organisatie | None,
    casemanager: Medewerker | None,
    bevestig_bestaande_persoon: bool,
    intake_sleutel: UUID | None,
    daarna: Callable[[Traject], object] | None,
) -> Traject:
    eis(access.mag_opnemen(acting_user))
    eerder = _eerder_met_sleutel(acting_user, intake_sleutel)
    if eerder is not None:
        return eerder
    # Plausible dates (age 12-100 at arrival, arrival not in the future nor years back: ADR 0010).
    fouten: dict[str, str] = datumfouten_binnenkomst(
        geboortedatum=geboortedatum, binnenkomst_datum=binnenkomst_datum, vandaag=huidige_datum()
    )
    if verwachte_uitstroom_datum and verwachte_uitstroom_datum < binnenkomst_datum:
        fouten["verwachte_uitstroom_datum"] = _(
            "Vul een uitstroomdatum in die na de binnenkomst ligt."
        )
    if bsn and not bsn_is_geldig(bsn):
        fouten["bsn"] = _(
            "Dit is geen geldig BSN: controleer de 9 cijfers (de elfproef klopt niet)."
        )
    if locatie is not None and locatie.organisatie_id != acting_user.organisatie_id:
        fouten["locatie"] = _("Kies een locatie van uw eigen inrichting.")
    if casemanager is not None and (
        casemanager.rol != Rol.CASEMANAGER
        or casemanager.organisatie_id != acting_user.organisatie_id
    ):
        fouten["casemanager"] = _("Kies een casemanager van uw eigen inrichting.")
    try:
        controleer_gemeente(gemelde_gemeente, "gemelde_gemeente")
    except ValidationError as fout:
        fouten.update({k: v[0] for k, v in fout.message_dict.items()})
    if fouten:
        raise ValidationError(fouten)

    persoon = Gedetineerde.objects.filter(bsn=bsn).first() if bsn else None
    if persoon is not None:
        controleer_bekende_persoon(
            acting_user=acting_user, persoon=persoon, bevestigd=bevestig_bestaande_persoon
        )
    if casemanager is None and acting_user.rol == Rol.CASEMANAGER:
        casemanager = acting_user
    assert acting_user.organisatie_id is not None  # mag_opnemen, checked above
    try:
        with transaction.atomic():
            if persoon is None:
                persoon = Gedetineerde.objects.create(
                    voornamen=voornamen.strip(),
                    achternaam=achternaam.strip(),
                    geboortedatum=geboortedatum,
                    bsn=bsn,
                    geslacht=geslacht,
                )
            traject = Traject.objects.create(
                gedetineerde=persoon,
                pi_id=acting_user.organisatie_id,
                locatie=locatie,
                casemanager=casemanager,
                binnenkomst_datum=binnenkomst_datum,
                verwachte_uitstroom_datum=verwachte_uitstroom_datum,
                gemelde_gemeente=gemelde_gemeente,
                lvb=lvb,
                lvb_toelichting=lvb_toelichting.strip(),
                communicatiebehoeften=communicatiebehoeften.strip(),
                intake_sleutel=intake_sleutel,
                fase=Fase.INSTROOM,
            )
    except IntegrityError as fout:
        # A concurrent submit won. The same form: its result. Else what the winner made known.
        eerder = _eerder_met_sleutel(acting_user, intake_sleutel)
        if eerder is not None:
            return eerder
        if (
            intake_sleutel is not None
            and Traject.objects.filter(intake_sleutel=intake_sleutel).exists()
        ):
            raise ValidationError(
                _("Dit formulier is al gebruikt. Open de caseload of begin een nieuwe intake.")
            ) from None
        if constraint_van(fout) in ("bsn_uniek", "een_lopende_detentie_per_persoon"):
            bekend = Gedetineerde.objects.get(bsn=bsn)
            controleer_bekende_persoon(
                acting_user=acting_user, persoon=bekend, bevestigd=bevestig_bestaande_persoon
            )
        raise
    Basisvoorwaarde.objects.bulk_create(
        [Basisvoorwaarde(traject=traject, domein=d) for d in Domein.values]
    )
    DRPlan.objects.create(traject=traject)
    access.herbereken_toegang(traject=traject, acting_user=acting_user, reden=_("intake"))
    audit(acting_user, traject, "traject")
    # The return gemeente hears of the new detention at once (issue 12).
    meld_gebeurtenis(Gebeurtenissoort.DETENTIE_GEMELD, traject=traject, door=acting_user)
    if daarna is not None:
        daarna(traject)
    return traject
