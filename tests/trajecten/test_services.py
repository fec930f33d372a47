from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, transaction
from django.utils import timezone

from ketenpartners.models import Organisatie
from trajecten import services
from trajecten.keuzes import BVStatus, Domein, Fase, PlanStatus, Regie, Titel
from trajecten.models import Actie, DRPlanVersie, Gedetineerde, Traject
from trajecten.validators import bsn_is_geldig

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate


def gemeente(code="GM0153"):
    return Organisatie.objects.get(code=code)


def intake(user, **extra):
    velden = {
        "voornamen": "Anna",
        "achternaam": "Bakker",
        "geboortedatum": date(1985, 6, 1),
        "binnenkomst_datum": VANDAAG() - timedelta(days=5),
        "gemelde_gemeente": gemeente(),
    }
    velden.update(extra)
    return services.neem_op(acting_user=user, **velden)


@pytest.mark.parametrize(
    ("bsn", "geldig"),
    [
        ("111222333", True),
        ("123456782", True),
        ("123456789", False),
        ("12345678", False),
        ("000000000", False),
    ],
)
def test_bsn_elfproef(bsn, geldig):
    assert bsn_is_geldig(bsn) is geldig


def test_intake_creates_a_trajectory_with_six_basisvoorwaarden_and_a_concept_plan(demo):
    t = intake(demo["casemanager1"], bsn="111222333", lvb=True)
    assert t.fase == Fase.INSTROOM
    assert t.pi.code == "PI-ALMELO"
    assert t.casemanager == demo["casemanager1"]
    assert sorted(t.basisvoorwaarden.values_list("domein", flat=True)) == sorted(Domein.values)
    assert set(t.basisvoorwaarden.values_list("status", flat=True)) == {BVStatus.ONBEKEND}
    assert t.plan.status == PlanStatus.CONCEPT
    assert t.lvb  # the PI's assessment, on the trajectory (ADR 0009)


@pytest.mark.parametrize(
    ("extra", "veld", "tekst"),
    [
        (
            {"binnenkomst_datum": timezone.localdate() + timedelta(days=1)},
            "binnenkomst_datum",
            "toekomst",
        ),
        ({"bsn": "123456789"}, "bsn", "elfproef"),
        (
            {"verwachte_uitstroom_datum": timezone.localdate() - timedelta(days=30)},
            "verwachte_uitstroom_datum",
            "na de binnenkomst",
        ),
        ({"geboortedatum": timezone.localdate()}, "binnenkomst_datum", "voor de geboortedatum"),
        (
            {"geboortedatum": timezone.localdate() - timedelta(days=8 * 365)},
            "geboortedatum",
            "minimaal 12",
        ),
        ({"geboortedatum": date(1900, 1, 1)}, "geboortedatum", "jaar"),
        ({"binnenkomst_datum": date(1990, 1, 1)}, "binnenkomst_datum", "jaar terug"),
    ],
)
def test_bad_intake_gets_a_dutch_message_at_the_field_and_saves_nothing(demo, extra, veld, tekst):
    with pytest.raises(ValidationError) as fout:
        intake(demo["casemanager1"], **extra)
    assert tekst in fout.value.message_dict[veld][0]
    assert not Gedetineerde.objects.exists()
    assert not Traject.objects.exists()


def test_an_inactive_gemeente_is_refused(demo):
    opgeheven = gemeente("GM0037")
    opgeheven.actief = False
    opgeheven.save()
    with pytest.raises(ValidationError) as fout:
        intake(demo["casemanager1"], gemelde_gemeente=opgeheven)
    assert "gemelde_gemeente" in fout.value.message_dict


@pytest.mark.parametrize("wie", ["mentor1", "staf1", "nazorg1", "reclassering1", "beheer1"])
def test_only_pi_case_staff_take_in(demo, wie):
    with pytest.raises(PermissionDenied):
        intake(demo[wie])


def test_re_detention_opens_a_new_trajectory_for_the_same_person(demo):
    cm = demo["casemanager1"]
    eerste = intake(cm, bsn="111222333", binnenkomst_datum=VANDAAG() - timedelta(days=100))
    with pytest.raises(ValidationError, match="lopend traject in uw inrichting"):
        intake(cm, bsn="111222333", bevestig_bestaande_persoon=True)
    services.registreer_uitstroom(
        toch_versturen=True,
        reden="Toch versturen (test)",
        acting_user=cm,
        traject=eerste,
        versie=eerste.versie,
        uitstroom_datum=VANDAAG() - timedelta(days=20),
        titel=Titel.GEEN,
    )
    with pytest.raises(services.BestaandePersoon):
        intake(cm, bsn="111222333", voornamen="A.")
    tweede = intake(cm, bsn="111222333", voornamen="A.", bevestig_bestaande_persoon=True)
    assert tweede.gedetineerde_id == eerste.gedetineerde_id
    assert tweede.pk != eerste.pk
    assert Gedetineerde.objects.count() == 1


def test_screening_moves_the_phase_and_demands_a_hulpvraag_when_not_in_order(demo):
    t = intake(demo["casemanager1"])
    bv = t.basisvoorwaarden.get(domein=Domein.HUISVESTING)
    with pytest.raises(ValidationError) as fout:
        services.werk_basisvoorwaarde_bij(
            acting_user=demo["mentor1"],
            basisvoorwaarde=bv,
            versie=bv.versie,
            status=BVStatus.NIET_OP_ORDE,
            hulpvraag=" ",
        )
    assert "hulpvraag" in fout.value.message_dict
    services.werk_basisvoorwaarde_bij(
        acting_user=demo["mentor1"],
        basisvoorwaarde=bv,
        versie=bv.versie,
        status=BVStatus.NIET_OP_ORDE,
        hulpvraag="Geen woning",
    )
    bv.refresh_from_db()
    t.refresh_from_db()
    assert (bv.status, bv.hulpvraag, bv.gewijzigd_door) == (
        "niet_op_orde",
        "Geen woning",
        demo["mentor1"],
    )
    assert t.fase == Fase.SCREENING


def test_staff_of_another_pi_or_role_cannot_update(demo):
    t = intake(demo["casemanager1"])
    bv = t.basisvoorwaarden.first()
    for wie in ("casemanager2", "staf1", "nazorg1"):
        with pytest.raises(PermissionDenied):
            services.werk_basisvoorwaarde_bij(
                acting_user=demo[wie],
                basisvoorwaarde=bv,
                versie=bv.versie,
                status=BVStatus.OP_ORDE,
                hulpvraag="",
            )


def test_contact_moment_cannot_be_in_the_future_or_before_arrival(demo):
    t = intake(demo["casemanager1"])
    for datum in (VANDAAG() + timedelta(days=1), t.binnenkomst_datum - timedelta(days=1)):
        with pytest.raises(ValidationError) as fout:
            services.registreer_contactmoment(
                acting_user=demo["casemanager1"],
                traject=t,
                organisatie=gemeente(),
                kanaal="telefoon",
                datum=datum,
                samenvatting="x",
            )
        assert "datum" in fout.value.message_dict


def test_plan_adoption_needs_the_parts_and_keeps_an_immutable_version(demo):
    cm = demo["casemanager1"]
    t = intake(cm)
    with pytest.raises(ValidationError) as fout:
        services.stel_plan_vast(
            acting_user=cm, traject=t, versie=t.plan.versie, vastgesteld_datum=VANDAAG()
        )
    assert {"begeleidingsplan", "doelen"} <= fout.value.message_dict.keys()
    services.werk_basisvoorwaarde_bij(
        acting_user=cm,
        basisvoorwaarde=(gelezen := t.basisvoorwaarden.get(domein=Domein.HUISVESTING)),
        versie=gelezen.versie,
        status=BVStatus.NIET_OP_ORDE,
        hulpvraag="Geen woning",
    )
    services.bewerk_plan(
        acting_user=cm,
        traject=t,
        versie=t.plan.versie,
        begeleidingsplan="Begeleiding",
        doelen="Doelen",
        activiteiten="Werk",
        regie=Regie.PI,
        monitoring="",
        gespreksfrequentie_weken=6,
    )
    t.refresh_from_db()
    assert t.fase == Fase.DR_PLAN
    versie = services.stel_plan_vast(
        acting_user=cm, traject=t, versie=t.plan.versie, vastgesteld_datum=VANDAAG()
    )
    t.refresh_from_db()
    assert (t.fase, t.plan.status, versie.versie) == (Fase.DETENTIE, PlanStatus.VASTGESTELD, 1)
    ontbrekend = {o["domein"]: o["hulpvraag"] for o in versie.inhoud["ontbrekende_voorwaarden"]}
    assert ontbrekend[Domein.HUISVESTING] == "Geen woning"
    assert Domein.ID_BEWIJS in ontbrekend  # still unknown, so still missing

    services.bewerk_plan(
        acting_user=cm,
        traject=t,
        versie=t.plan.versie,
        begeleidingsplan="Nieuw",
        doelen="Doelen",
        activiteiten="",
        regie=Regie.PI,
        monitoring="",
        gespreksfrequentie_weken=4,
    )
    t.plan.refresh_from_db()
    assert t.plan.status == PlanStatus.HERZIEN
    assert DRPlanVersie.objects.get(pk=versie.pk).inhoud["begeleidingsplan"] == "Begeleiding"
    with pytest.raises(DatabaseError, match="Cannot update or delete"), transaction.atomic():
        DRPlanVersie.objects.filter(pk=versie.pk).update(inhoud={})
    with pytest.raises(DatabaseError, match="Cannot update or delete"), transaction.atomic():
        DRPlanVersie.objects.filter(pk=versie.pk).delete()


def test_the_phase_table_refuses_a_jump(demo):
    t = intake(demo["casemanager1"])
    with pytest.raises(ValidationError, match="kan niet"):
        services.wijzig_fase(
            acting_user=demo["casemanager1"], traject=t, naar=Fase.VOORBEREIDING_UITSTROOM
        )
    with pytest.raises(ValidationError):
        services.wijzig_fase(acting_user=demo["casemanager1"], traject=t, naar=Fase.NA_DETENTIE)
    services.wijzig_fase(acting_user=demo["casemanager1"], traject=t, naar=Fase.SCREENING)
    t.refresh_from_db()
    assert t.fase == Fase.SCREENING


@pytest.mark.parametrize(
    ("titel", "regie"), [(Titel.GEEN, Regie.GEMEENTE), (Titel.VI, Regie.RECLASSERING)]
)
def test_release_hands_case_direction_over_by_judicial_title(demo, titel, regie):
    cm = demo["casemanager1"]
    t = intake(cm)
    # The direction only goes to a reclassering that is involved (issue 12).
    rn = Organisatie.objects.get(code="RN")
    services.werk_traject_bij(
        acting_user=cm,
        traject=t,
        versie=t.versie,
        verwachte_uitstroom_datum=None,
        casemanager=cm,
        mentor=None,
        reclassering=rn,
        reclassering_team=None,
        reclasseringswerker=demo["reclassering1"],
        titel=Titel.ONBEKEND,
    )
    services.werk_basisvoorwaarde_bij(
        acting_user=cm,
        basisvoorwaarde=(gelezen := t.basisvoorwaarden.get(domein=Domein.ID_BEWIJS)),
        versie=gelezen.versie,
        status=BVStatus.OP_ORDE,
        hulpvraag="",
    )
    overdracht = services.registreer_uitstroom(
        toch_versturen=True,
        reden="Toch versturen (test)",
        acting_user=cm,
        traject=t,
        versie=t.versie,
        uitstroom_datum=VANDAAG(),
        titel=titel,
        geregeld={Domein.ID_BEWIJS: "ID-kaart ligt klaar"},
    )
    t.refresh_from_db()
    assert (t.fase, t.uitstroom_datum, overdracht.regie_naar) == (
        Fase.NA_DETENTIE,
        VANDAAG(),
        regie,
    )
    uitkomsten = {u.domein: (u.status, u.geregeld) for u in overdracht.uitkomsten.all()}
    assert uitkomsten[Domein.ID_BEWIJS] == (BVStatus.OP_ORDE, "ID-kaart ligt klaar")
    assert uitkomsten[Domein.HUISVESTING] == (BVStatus.ONBEKEND, "")
    with pytest.raises(ValidationError, match="al uitgestroomd"):
        services.registreer_uitstroom(
            toch_versturen=True,
            reden="Toch versturen (test)",
            acting_user=cm,
            traject=t,
            versie=t.versie,
            uitstroom_datum=VANDAAG(),
            titel=titel,
        )


def test_release_needs_a_known_title_and_a_date_after_arrival(demo):
    cm = demo["casemanager1"]
    t = intake(cm)
    with pytest.raises(ValidationError) as fout:
        services.registreer_uitstroom(
            toch_versturen=True,
            reden="Toch versturen (test)",
            acting_user=cm,
            traject=t,
            versie=t.versie,
            uitstroom_datum=t.binnenkomst_datum - timedelta(days=1),
            titel=Titel.ONBEKEND,
        )
    assert {"uitstroom_datum", "titel"} == fout.value.message_dict.keys()
    t.refresh_from_db()
    assert t.fase == Fase.INSTROOM and t.uitstroom_datum is None


def test_a_meeting_needs_a_place_or_link_and_its_agreements_become_actions(demo, traject):
    cm = demo["casemanager1"]
    with pytest.raises(ValidationError) as fout:
        services.plan_gesprek(
            acting_user=cm, traject=traject, soort="periodiek", gepland_op=timezone.now()
        )
    assert "plaats" in fout.value.message_dict
    gesprek = traject.gesprekken.get()
    services.leg_gesprek_vast(
        acting_user=cm,
        gesprek=gesprek,
        gehouden_datum=VANDAAG(),
        verslag="Afspraken gemaakt",
        afspraken=[
            {"domein": Domein.ID_BEWIJS, "omschrijving": "ID aanvragen", "organisatie": gemeente()},
        ],
    )
    actie = Actie.objects.get()
    assert (actie.omschrijving, actie.organisatie, actie.uit_gesprek) == (
        "ID aanvragen",
        gemeente(),
        gesprek,
    )
    assert actie.basisvoorwaarde.domein == Domein.ID_BEWIJS


def test_verifying_the_return_gemeente_records_who_and_when(demo, traject):
    services.verifieer_terugkeergemeente(
        acting_user=demo["casemanager1"], traject=traject, gemeente=gemeente("GM0599")
    )
    traject.refresh_from_db()
    assert traject.terugkeer_gemeente.naam == "Rotterdam"
    assert traject.gemelde_gemeente.naam == "Enschede"
    assert traject.terugkeer_geverifieerd_door == demo["casemanager1"]
    assert traject.gemeente.naam == "Rotterdam"


def test_every_change_keeps_its_history_with_the_user_who_made_it(client, demo, traject):
    """'Who changed what, when' is answerable for every record (pghistory, per request)."""
    from trajecten.models import BasisvoorwaardeEvent

    client.force_login(demo["mentor1"])
    bv = traject.basisvoorwaarden.get(domein=Domein.ZORG)
    client.post(
        f"/trajecten/{traject.pk}/basisvoorwaarden/zorg/",
        {
            "versie": bv.versie,
            "status": BVStatus.IN_BEHANDELING,
            "hulpvraag": "Afspraak GGZ na uitstroom",
        },
    )
    event = BasisvoorwaardeEvent.objects.filter(pgh_obj=bv).order_by("pgh_id").last()
    assert event.hulpvraag == "Afspraak GGZ na uitstroom"
    assert event.pgh_context.metadata["user"] == demo["mentor1"].pk
    assert event.pgh_context.metadata["url"].endswith("/basisvoorwaarden/zorg/")
