"""Every write to a trajectory. Keyword-only, atomic, taking the acting user, validating with
Dutch messages at the field; a refused write leaves nothing half-saved."""

from collections.abc import Iterable, Mapping
from datetime import date, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import schrijfactie
from ketenpartners.models import Locatie, Medewerker, Organisatie, Team
from ketenpartners.rollen import Rol, Soort

from . import access
from .keuzes import (
    FASE_OVERGANGEN,
    IN_DETENTIE,
    BVStatus,
    Domein,
    Fase,
    Gesprekssoort,
    PlanStatus,
    Regie,
    Titel,
)
from .models import (
    Actie,
    Basisvoorwaarde,
    Contactmoment,
    DRAdvies,
    DRPlan,
    DRPlanVersie,
    Gedetineerde,
    InformatiebladGedeeld,
    Overdracht,
    Traject,
    Trajectgesprek,
    UitstroomBasisvoorwaarde,
)
from .validators import bsn_is_geldig


def _vandaag() -> date:
    return timezone.localdate()


def _eis(voorwaarde: bool) -> None:
    if not voorwaarde:
        raise PermissionDenied


def _naar_fase(traject: Traject, naar: str) -> None:
    """Move forward along the transition table when the event implies it; otherwise stay."""
    if naar in FASE_OVERGANGEN[traject.fase]:
        traject.fase = naar
        traject.save(update_fields=["fase"])


def _audit(acting_user: Medewerker, traject: Traject, object_type: str, object_id="") -> None:
    schrijfactie(
        gebruiker=acting_user, traject_id=traject.pk, object_type=object_type, object_id=object_id
    )


def _gemeente(gemeente: Organisatie | None, veld: str) -> None:
    if gemeente is not None and (gemeente.soort != Soort.GEMEENTE or not gemeente.actief):
        raise ValidationError({veld: _("Kies een bestaande, actieve gemeente.")})


@transaction.atomic
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
) -> Traject:
    """Intake: a new trajectory in the acting user's PI with the facts at hand; the rest later.
    A person already known (same BSN, or same names and date of birth) gets a new trajectory
    beside the earlier ones (re-detention); a person still detained cannot be taken in twice."""
    _eis(access.mag_opnemen(acting_user))
    fouten: dict[str, str] = {}
    vandaag = _vandaag()
    if binnenkomst_datum > vandaag:
        fouten["binnenkomst_datum"] = _("De datum van binnenkomst kan niet in de toekomst liggen.")
    if geboortedatum >= binnenkomst_datum:
        fouten["geboortedatum"] = _("Vul een geboortedatum in die vóór de binnenkomst ligt.")
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
        _gemeente(gemelde_gemeente, "gemelde_gemeente")
    except ValidationError as fout:
        fouten.update({k: v[0] for k, v in fout.message_dict.items()})
    if fouten:
        raise ValidationError(fouten)

    persoon = _bekende_persoon(
        bsn=bsn, voornamen=voornamen, achternaam=achternaam, geboortedatum=geboortedatum
    )
    if persoon is None:
        persoon = Gedetineerde.objects.create(
            voornamen=voornamen.strip(),
            achternaam=achternaam.strip(),
            geboortedatum=geboortedatum,
            bsn=bsn,
            geslacht=geslacht,
            lvb=lvb,
            lvb_toelichting=lvb_toelichting,
            communicatiebehoeften=communicatiebehoeften,
        )
    else:
        if persoon.trajecten.filter(uitstroom_datum__isnull=True).exists():
            raise ValidationError(
                {"achternaam": _("Deze persoon heeft al een lopende detentie. Open dat traject.")}
            )
        persoon.lvb = persoon.lvb or lvb
        persoon.lvb_toelichting = lvb_toelichting or persoon.lvb_toelichting
        persoon.communicatiebehoeften = communicatiebehoeften or persoon.communicatiebehoeften
        persoon.save(update_fields=["lvb", "lvb_toelichting", "communicatiebehoeften"])

    if casemanager is None and acting_user.rol == Rol.CASEMANAGER:
        casemanager = acting_user
    traject = Traject.objects.create(
        gedetineerde=persoon,
        pi_id=acting_user.organisatie_id,
        locatie=locatie,
        casemanager=casemanager,
        binnenkomst_datum=binnenkomst_datum,
        verwachte_uitstroom_datum=verwachte_uitstroom_datum,
        gemelde_gemeente=gemelde_gemeente,
        fase=Fase.INSTROOM,
    )
    Basisvoorwaarde.objects.bulk_create(
        [Basisvoorwaarde(traject=traject, domein=d) for d in Domein.values]
    )
    DRPlan.objects.create(traject=traject)
    access.herbereken_toegang(traject=traject, acting_user=acting_user, reden=_("intake"))
    _audit(acting_user, traject, "traject")
    return traject


def _bekende_persoon(*, bsn: str, voornamen: str, achternaam: str, geboortedatum: date):
    if bsn:
        return Gedetineerde.objects.filter(bsn=bsn).first()
    return Gedetineerde.objects.filter(
        voornamen__iexact=voornamen.strip(),
        achternaam__iexact=achternaam.strip(),
        geboortedatum=geboortedatum,
    ).first()


@transaction.atomic
def werk_traject_bij(
    *,
    acting_user: Medewerker,
    traject: Traject,
    verwachte_uitstroom_datum: date | None,
    casemanager: Medewerker | None,
    mentor: Medewerker | None,
    reclassering: Organisatie | None,
    reclassering_team: Team | None,
    reclasseringswerker: Medewerker | None,
    titel: str,
    zvh: Organisatie | None = None,
) -> Traject:
    """Who is involved. Access follows: the grants are recomputed, and a party that is no longer
    involved loses access at once (trajecten.access.herbereken_toegang)."""
    _eis(access.mag_bewerken(acting_user, traject))
    fouten = {}
    if verwachte_uitstroom_datum and verwachte_uitstroom_datum < traject.binnenkomst_datum:
        fouten["verwachte_uitstroom_datum"] = _(
            "Vul een uitstroomdatum in die na de binnenkomst ligt."
        )
    for veld, persoon, rol in (
        ("casemanager", casemanager, Rol.CASEMANAGER),
        ("mentor", mentor, Rol.MENTOR),
    ):
        if persoon is not None and (persoon.rol != rol or persoon.organisatie_id != traject.pi_id):
            fouten[veld] = _("Kies iemand met deze rol in %(pi)s.") % {"pi": traject.pi}
    if reclassering is not None and reclassering.soort != Soort.RECLASSERING:
        fouten["reclassering"] = _("Kies een reclasseringsorganisatie.")
    if reclassering_team is not None and reclassering_team.organisatie_id != getattr(
        reclassering, "pk", None
    ):
        fouten["reclassering_team"] = _("Dit team hoort niet bij de gekozen reclassering.")
    if reclasseringswerker is not None and reclasseringswerker.organisatie_id != getattr(
        reclassering, "pk", None
    ):
        fouten["reclasseringswerker"] = _("Deze medewerker werkt niet bij de gekozen reclassering.")
    if titel not in Titel.values:
        fouten["titel"] = _("Kies een justitiële titel uit de lijst.")
    if zvh is not None and zvh.soort != Soort.ZVH:
        fouten["zvh"] = _("Kies een Zorg- en Veiligheidshuis.")
    if fouten:
        raise ValidationError(fouten)
    traject.verwachte_uitstroom_datum = verwachte_uitstroom_datum
    traject.casemanager = casemanager
    traject.mentor = mentor
    traject.reclassering = reclassering
    traject.reclassering_team = reclassering_team
    traject.reclasseringswerker = reclasseringswerker
    traject.titel = titel
    traject.zvh = zvh
    traject.save()
    access.herbereken_toegang(
        traject=traject, acting_user=acting_user, reden=_("betrokkenen gewijzigd")
    )
    _audit(acting_user, traject, "traject")
    return traject


@transaction.atomic
def beperk_toegang(
    *, acting_user: Medewerker, traject: Traject, beperkt: bool, personen: Iterable[Medewerker] = ()
) -> Traject:
    """Restricted case (a high-profile detainee): only the named people and the casemanager see
    it; organisation-wide grants are withdrawn, and every read is in the audit trail."""
    if (
        acting_user.rol not in (Rol.HOOFD_DR, Rol.CASEMANAGER)
        or acting_user.organisatie_id != traject.pi_id
    ):
        raise PermissionDenied
    traject.beperkt = beperkt
    traject.save(update_fields=["beperkt"])
    traject.beperkt_tot.set(personen if beperkt else [])
    access.herbereken_toegang(
        traject=traject,
        acting_user=acting_user,
        reden=_("beperkte toegang aan") if beperkt else _("beperkte toegang uit"),
    )
    _audit(acting_user, traject, "toegang")
    return traject


@transaction.atomic
def verifieer_terugkeergemeente(
    *, acting_user: Medewerker, traject: Traject, gemeente: Organisatie
) -> Traject:
    """The notified gemeente comes from the last registered address and is often wrong (report
    ch. 4): the casemanager verifies it with the detainee, and who did so and when is kept."""
    _eis(access.mag_bewerken(acting_user, traject))
    _gemeente(gemeente, "gemeente")
    traject.terugkeer_gemeente = gemeente
    traject.terugkeer_geverifieerd_door = acting_user
    traject.terugkeer_geverifieerd_op = timezone.now()
    traject.save(
        update_fields=[
            "terugkeer_gemeente",
            "terugkeer_geverifieerd_door",
            "terugkeer_geverifieerd_op",
        ]
    )
    access.herbereken_toegang(
        traject=traject, acting_user=acting_user, reden=_("terugkeergemeente geverifieerd")
    )
    _audit(acting_user, traject, "traject")
    return traject


@transaction.atomic
def bevestig_ontvangst(*, acting_user: Medewerker, traject: Traject) -> Traject:
    """The gemeente has seen the incoming detention ('gezien'). The first acknowledgement
    counts; the deadline watch chases gemeenten that do not acknowledge (issue 5)."""
    _eis(access.is_nazorg_van(acting_user, traject))
    if traject.gezien_door_gemeente_op is None:
        traject.gezien_door_gemeente = acting_user
        traject.gezien_door_gemeente_op = timezone.now()
        traject.save(update_fields=["gezien_door_gemeente", "gezien_door_gemeente_op"])
        _audit(acting_user, traject, "traject", "gezien")
    return traject


@transaction.atomic
def pak_op(*, acting_user: Medewerker, traject: Traject, door: Medewerker | None = None) -> Traject:
    """'Ik pak dit op' (door=None) or hand it to a colleague of the same gemeente. Taking it on
    also acknowledges the detention."""
    _eis(access.is_nazorg_van(acting_user, traject))
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
    _audit(acting_user, traject, "traject", "opgepakt")
    return traject


@transaction.atomic
def schrijf_advies(*, acting_user: Medewerker, traject: Traject, tekst: str) -> DRAdvies:
    """The reclassering's D&R-advies beside the plan (DOMAIN.md: 'its own advice')."""
    _eis(access.is_reclassering_van(acting_user, traject))
    if not tekst.strip():
        raise ValidationError({"tekst": _("Schrijf uw advies.")})
    advies = DRAdvies.objects.create(
        traject=traject,
        tekst=tekst.strip(),
        organisatie_id=acting_user.organisatie_id,
        opgesteld_door=acting_user,
    )
    _audit(acting_user, traject, "advies", advies.pk)
    return advies


@transaction.atomic
def werk_basisvoorwaarde_bij(
    *,
    acting_user: Medewerker,
    basisvoorwaarde: Basisvoorwaarde,
    status: str,
    hulpvraag: str,
    notities: str = "",
    uitvoerende_partner: Organisatie | None = None,
) -> Basisvoorwaarde:
    """Screening and every later update. The first update moves a new trajectory into screening.
    Zorg records continuity of care only; medical content stays out (DOMAIN.md, lawful sharing)."""
    traject = basisvoorwaarde.traject
    _eis(access.mag_bijwerken(acting_user, traject))
    if status not in BVStatus.values:
        raise ValidationError({"status": _("Kies een status uit de lijst.")})
    if status in (BVStatus.NIET_OP_ORDE, BVStatus.IN_BEHANDELING) and not hulpvraag.strip():
        raise ValidationError(
            {"hulpvraag": _("Beschrijf de hulpvraag: de gemeente moet weten wat er nodig is.")}
        )
    basisvoorwaarde.status = status
    basisvoorwaarde.hulpvraag = hulpvraag.strip()
    basisvoorwaarde.notities = notities.strip()
    basisvoorwaarde.uitvoerende_partner = uitvoerende_partner
    basisvoorwaarde.gewijzigd_door = acting_user
    basisvoorwaarde.gewijzigd_op = timezone.now()
    basisvoorwaarde.save()
    _naar_fase(traject, Fase.SCREENING)
    _audit(acting_user, traject, "basisvoorwaarden", basisvoorwaarde.domein)
    return basisvoorwaarde


@transaction.atomic
def voeg_actie_toe(
    *,
    acting_user: Medewerker,
    basisvoorwaarde: Basisvoorwaarde,
    omschrijving: str,
    organisatie: Organisatie,
    medewerker: Medewerker | None = None,
    uiterlijk_datum: date | None = None,
    uit_gesprek: Trajectgesprek | None = None,
) -> Actie:
    traject = basisvoorwaarde.traject
    gemeente_eigen = (
        access.is_nazorg_van(acting_user, traject) and organisatie.pk == acting_user.organisatie_id
    )
    _eis(access.mag_bijwerken(acting_user, traject) or gemeente_eigen)
    if not omschrijving.strip():
        raise ValidationError({"omschrijving": _("Beschrijf wat er moet gebeuren.")})
    if medewerker is not None and medewerker.organisatie_id != organisatie.pk:
        raise ValidationError(
            {"medewerker": _("Deze persoon werkt niet bij %(org)s.") % {"org": organisatie}}
        )
    if uiterlijk_datum and uiterlijk_datum < basisvoorwaarde.traject.binnenkomst_datum:
        raise ValidationError(
            {"uiterlijk_datum": _("Vul een datum in die na de binnenkomst ligt.")}
        )
    _audit(acting_user, basisvoorwaarde.traject, "acties", basisvoorwaarde.domein)
    return Actie.objects.create(
        basisvoorwaarde=basisvoorwaarde,
        omschrijving=omschrijving.strip(),
        organisatie=organisatie,
        medewerker=medewerker,
        uiterlijk_datum=uiterlijk_datum,
        uit_gesprek=uit_gesprek,
        aangemaakt_door=acting_user,
    )


@transaction.atomic
def zet_actiestatus(*, acting_user: Medewerker, actie: Actie, status: str) -> Actie:
    _eis(access.mag_bijwerken(acting_user, actie.basisvoorwaarde.traject))
    if status not in ("open", "gereed", "vervallen"):
        raise ValidationError({"status": _("Kies een status uit de lijst.")})
    actie.status = status
    actie.save(update_fields=["status"])
    _audit(acting_user, actie.basisvoorwaarde.traject, "acties", actie.pk)
    return actie


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
    _eis(access.mag_contact_vastleggen(acting_user, traject))
    fouten = {}
    if datum > _vandaag():
        fouten["datum"] = _("Een contactmoment kan niet in de toekomst liggen.")
    elif datum < traject.binnenkomst_datum:
        fouten["datum"] = _("Vul een datum in die na de binnenkomst ligt.")
    if not samenvatting.strip():
        fouten["samenvatting"] = _("Vat in een paar zinnen samen wat er is besproken.")
    if fouten:
        raise ValidationError(fouten)
    _audit(acting_user, traject, "contacten")
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
def plan_gesprek(
    *,
    acting_user: Medewerker,
    traject: Traject,
    soort: str,
    gepland_op: datetime,
    duur_minuten: int = 60,
    plaats: str = "",
    videolink: str = "",
    organisaties: Iterable[Organisatie] = (),
    deelnemers: Iterable[Medewerker] = (),
    gedetineerde_aanwezig: bool = True,
) -> Trajectgesprek:
    _eis(access.mag_bewerken(acting_user, traject))
    fouten = {}
    if soort not in Gesprekssoort.values:
        fouten["soort"] = _("Kies een soort gesprek.")
    if timezone.localdate(gepland_op) < traject.binnenkomst_datum:
        fouten["gepland_op"] = _("Vul een datum in die na de binnenkomst ligt.")
    if not plaats.strip() and not videolink.strip():
        fouten["plaats"] = _("Vul een plaats of een videolink in, zodat iedereen weet waar het is.")
    if not 10 <= duur_minuten <= 480:
        fouten["duur_minuten"] = _("Vul een duur tussen 10 en 480 minuten in.")
    if fouten:
        raise ValidationError(fouten)
    gesprek = Trajectgesprek.objects.create(
        traject=traject,
        soort=soort,
        gepland_op=gepland_op,
        duur_minuten=duur_minuten,
        plaats=plaats.strip(),
        videolink=videolink.strip(),
        gedetineerde_aanwezig=gedetineerde_aanwezig,
        gepland_door=acting_user,
    )
    gesprek.organisaties.set(organisaties)
    gesprek.deelnemers.set(deelnemers)
    if soort == Gesprekssoort.UITSTROOMOVERLEG:
        _naar_fase(traject, Fase.VOORBEREIDING_UITSTROOM)
    _audit(acting_user, traject, "gesprekken", gesprek.pk)
    return gesprek


@transaction.atomic
def leg_gesprek_vast(
    *,
    acting_user: Medewerker,
    gesprek: Trajectgesprek,
    gehouden_datum: date,
    verslag: str,
    afspraken: Iterable[Mapping] = (),
) -> Trajectgesprek:
    """The meeting was held: its minutes, and agreements that become Acties ('wie doet wat')."""
    traject = gesprek.traject
    _eis(access.mag_bewerken(acting_user, traject))
    if gehouden_datum > _vandaag():
        raise ValidationError(
            {"gehouden_datum": _("Een gesprek kan niet in de toekomst gehouden zijn.")}
        )
    if gehouden_datum < traject.binnenkomst_datum:
        raise ValidationError({"gehouden_datum": _("Vul een datum in die na de binnenkomst ligt.")})
    gesprek.gehouden_datum = gehouden_datum
    gesprek.verslag = verslag.strip()
    gesprek.save(update_fields=["gehouden_datum", "verslag"])
    bv = {b.domein: b for b in traject.basisvoorwaarden.all()}
    for afspraak in afspraken:
        voeg_actie_toe(
            acting_user=acting_user,
            basisvoorwaarde=bv[afspraak["domein"]],
            omschrijving=afspraak["omschrijving"],
            organisatie=afspraak["organisatie"],
            uiterlijk_datum=afspraak.get("uiterlijk_datum"),
            uit_gesprek=gesprek,
        )
    _audit(acting_user, traject, "gesprekken", gesprek.pk)
    return gesprek


@transaction.atomic
def bewerk_plan(
    *,
    acting_user: Medewerker,
    traject: Traject,
    begeleidingsplan: str,
    doelen: str,
    activiteiten: str,
    regie: str,
    monitoring: str,
    gespreksfrequentie_weken: int,
) -> DRPlan:
    """Edit the concept. Editing an adopted plan starts a revision ('herzien'); the adopted
    version stays as it was."""
    _eis(access.mag_bewerken(acting_user, traject))
    if regie not in Regie.values:
        raise ValidationError({"regie": _("Kies wie de regie heeft.")})
    if not 1 <= gespreksfrequentie_weken <= 26:
        raise ValidationError(
            {"gespreksfrequentie_weken": _("Kies een frequentie tussen 1 en 26 weken.")}
        )
    plan = traject.plan
    plan.begeleidingsplan = begeleidingsplan.strip()
    plan.doelen = doelen.strip()
    plan.activiteiten = activiteiten.strip()
    plan.regie = regie
    plan.monitoring = monitoring.strip()
    plan.gespreksfrequentie_weken = gespreksfrequentie_weken
    if plan.status == PlanStatus.VASTGESTELD:
        plan.status = PlanStatus.HERZIEN
    plan.gewijzigd_door = acting_user
    plan.gewijzigd_op = timezone.now()
    plan.save()
    if traject.fase in (Fase.INSTROOM, Fase.SCREENING):
        traject.fase = Fase.DR_PLAN
        traject.save(update_fields=["fase"])
    _audit(acting_user, traject, "plan")
    return plan


def ontbrekende_voorwaarden(basisvoorwaarden: Iterable[Basisvoorwaarde]) -> list[dict[str, str]]:
    """Art. 18a Pbw part 4, derived: every basisvoorwaarde not in order, with its hulpvraag."""
    return [
        {
            "domein": b.domein,
            "label": b.get_domein_display(),
            "status": b.get_status_display(),
            "hulpvraag": b.hulpvraag,
        }
        for b in sorted(basisvoorwaarden, key=lambda b: Domein.values.index(b.domein))
        if b.status != BVStatus.OP_ORDE
    ]


@transaction.atomic
def stel_plan_vast(
    *, acting_user: Medewerker, traject: Traject, vastgesteld_datum: date
) -> DRPlanVersie:
    """The MDO adopts the plan (deadline: 4 weeks after arrival). The adopted text, including the
    derived missing conditions of that day, is kept as an immutable version."""
    _eis(access.mag_bewerken(acting_user, traject))
    plan = DRPlan.objects.select_for_update().get(pk=traject.plan.pk)
    fouten = {}
    if not plan.begeleidingsplan:
        fouten["begeleidingsplan"] = _("Vul het begeleidingsplan in voordat het MDO het vaststelt.")
    if not plan.doelen:
        fouten["doelen"] = _(
            "Vul de gedrags- en re-integratiedoelen in voordat het MDO het plan vaststelt."
        )
    if vastgesteld_datum > _vandaag():
        fouten["vastgesteld_datum"] = _("Het MDO kan niet in de toekomst hebben vastgesteld.")
    elif vastgesteld_datum < traject.binnenkomst_datum:
        fouten["vastgesteld_datum"] = _("Vul een datum in die na de binnenkomst ligt.")
    if plan.status == PlanStatus.VASTGESTELD:
        fouten["vastgesteld_datum"] = _(
            "Deze versie is al vastgesteld. Wijzig het plan om het te herzien."
        )
    if fouten:
        raise ValidationError(fouten)
    versie = DRPlanVersie.objects.create(
        plan=plan,
        versie=plan.versies.count() + 1,
        vastgesteld_datum=vastgesteld_datum,
        vastgesteld_door=acting_user,
        inhoud={
            "begeleidingsplan": plan.begeleidingsplan,
            "doelen": plan.doelen,
            "activiteiten": plan.activiteiten,
            "ontbrekende_voorwaarden": ontbrekende_voorwaarden(traject.basisvoorwaarden.all()),
            "regie": plan.regie,
            "monitoring": plan.monitoring,
            "gespreksfrequentie_weken": plan.gespreksfrequentie_weken,
        },
    )
    plan.status = PlanStatus.VASTGESTELD
    plan.save(update_fields=["status"])
    if traject.fase in (Fase.INSTROOM, Fase.SCREENING, Fase.DR_PLAN):
        traject.fase = Fase.DETENTIE
        traject.save(update_fields=["fase"])
    _audit(acting_user, traject, "plan", f"versie {versie.versie}")
    return versie


@transaction.atomic
def deel_informatieblad(*, acting_user: Medewerker, traject: Traject) -> InformatiebladGedeeld:
    _eis(access.mag_bijwerken(acting_user, traject))
    if traject.gemeente is None:
        raise ValidationError(
            {"gemeente": _("Vul eerst de gemeente in waar deze persoon naartoe gaat.")}
        )
    _audit(acting_user, traject, "informatieblad")
    return InformatiebladGedeeld.objects.create(
        traject=traject, gemeente=traject.gemeente, gedeeld_door=acting_user
    )


@transaction.atomic
def wijzig_fase(*, acting_user: Medewerker, traject: Traject, naar: str) -> Traject:
    """The transition table in keuzes.FASE_OVERGANGEN is the only way phases change. Release
    goes through `registreer_uitstroom`, which records the handover."""
    _eis(access.mag_bewerken(acting_user, traject))
    if naar not in FASE_OVERGANGEN[traject.fase] or naar == Fase.NA_DETENTIE:
        raise ValidationError(
            {
                "fase": _("Van %(van)s naar %(naar)s kan niet.")
                % {
                    "van": Fase(traject.fase).label,
                    "naar": Fase(naar).label if naar in Fase.values else naar,
                }
            }
        )
    traject.fase = naar
    traject.save(update_fields=["fase"])
    _audit(acting_user, traject, "traject", "fase")
    return traject


@transaction.atomic
def registreer_uitstroom(
    *,
    acting_user: Medewerker,
    traject: Traject,
    uitstroom_datum: date,
    titel: str,
    toelichting: str = "",
    geregeld: Mapping[str, str] | None = None,
) -> Overdracht:
    """Release and handover. Case direction passes to the reclassering when a judicial title
    remains, to the gemeente when none does (DOMAIN.md, process table). The state of every
    basisvoorwaarde on the release day is kept: 'basisvoorwaarden op orde bij uitstroom'."""
    _eis(access.mag_bewerken(acting_user, traject))
    fouten = {}
    if traject.fase not in IN_DETENTIE:
        fouten["uitstroom_datum"] = _("Dit traject is al uitgestroomd.")
    elif uitstroom_datum < traject.binnenkomst_datum:
        fouten["uitstroom_datum"] = _("Vul een uitstroomdatum in die na de binnenkomst ligt.")
    elif uitstroom_datum > _vandaag():
        fouten["uitstroom_datum"] = _("Registreer de uitstroom op of na de dag zelf.")
    if titel not in Titel.values or titel == Titel.ONBEKEND:
        fouten["titel"] = _(
            "Kies de justitiële titel: die bepaalt wie na uitstroom de regie heeft."
        )
    if fouten:
        raise ValidationError(fouten)
    geregeld = geregeld or {}
    traject.uitstroom_datum = uitstroom_datum
    traject.titel = titel
    traject.fase = Fase.NA_DETENTIE
    traject.save(update_fields=["uitstroom_datum", "titel", "fase"])
    overdracht = Overdracht.objects.create(
        traject=traject,
        regie_naar=traject.regie_na_uitstroom,
        toelichting=toelichting.strip(),
        opgesteld_door=acting_user,
    )
    UitstroomBasisvoorwaarde.objects.bulk_create(
        [
            UitstroomBasisvoorwaarde(
                overdracht=overdracht,
                domein=b.domein,
                status=b.status,
                geregeld=geregeld.get(b.domein, "").strip(),
            )
            for b in traject.basisvoorwaarden.all()
        ]
    )
    _audit(acting_user, traject, "overdracht")
    return overdracht
