"""Corrections (issue 13, item 4; ADR 0009): the PI corrects what was typed at intake, with a
reason in the audit trail; deadlines move by themselves and the scan lets flags that no longer
hold lapse."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from audit.models import Auditactie, Auditregel
from ketenpartners.models import Organisatie
from reintegratie.versies import VerouderdeVersie
from signalering import services as signaleringsdiensten
from signalering.models import Signalering
from trajecten import selectors, services
from trajecten.deadlines import Termijnsoort, plus_werkdagen
from trajecten.keuzes import Titel
from trajecten.models import Traject

pytestmark = pytest.mark.django_db


def vandaag() -> date:
    return timezone.localdate()


def intake(user, **extra) -> Traject:
    velden = {
        "voornamen": "Kees",
        "achternaam": "Verkeerd",
        "geboortedatum": date(1980, 1, 1),
        "binnenkomst_datum": vandaag() - timedelta(days=60),
        "gemelde_gemeente": Organisatie.objects.get(code="GM0153"),
    }
    velden.update(extra)
    return services.neem_op(acting_user=user, **velden)


def huidig(traject: Traject, **wijziging) -> dict:
    """The correction service's arguments: everything as it is, plus the change."""
    persoon = traject.gedetineerde
    velden = {
        "binnenkomst_datum": traject.binnenkomst_datum,
        "voornamen": persoon.voornamen,
        "achternaam": persoon.achternaam,
        "geboortedatum": persoon.geboortedatum,
        "bsn": persoon.bsn,
        "lvb": traject.lvb,
        "lvb_toelichting": traject.lvb_toelichting,
        "communicatiebehoeften": traject.communicatiebehoeften,
        "reden": "Typefout bij intake",
    }
    velden.update(wijziging)
    return velden


def termijnen(traject: Traject) -> dict[str, date]:
    t = selectors.met_termijndata(Traject.objects.filter(pk=traject.pk)).get()
    return {
        x.soort: x.uiterlijk
        for x in selectors.termijnen_van(t, vandaag=vandaag(), vrije_dagen=selectors.brugdagen())
    }


def open_flags(traject: Traject) -> set[str]:
    return set(
        Signalering.objects.filter(traject=traject, opgelost_datum__isnull=True).values_list(
            "soort", flat=True
        )
    )


def test_a_corrected_binnenkomst_moves_every_deadline_and_the_scan_lets_old_flags_lapse(demo):
    cm = demo["casemanager1"]
    t = intake(cm)
    signaleringsdiensten.scan(vandaag=vandaag())
    assert {"contact_gemeente", "plan_vastgesteld", "startoverleg"} <= open_flags(t)
    voor = termijnen(t)

    nieuw = vandaag() - timedelta(days=1)
    services.corrigeer_gegevens(
        acting_user=cm, traject=t, **huidig(t, binnenkomst_datum=nieuw, reden="Was gisteren")
    )
    na = termijnen(t)
    assert na[Termijnsoort.CONTACT_GEMEENTE] == plus_werkdagen(
        nieuw, 10, brugdagen=selectors.brugdagen()
    )
    assert all(na[soort] > voor[soort] for soort in voor)  # every deadline moved

    uitslag = signaleringsdiensten.scan(vandaag=vandaag())
    assert open_flags(t) - {"ontvangst", "ontvangst_escalatie"} == set()
    vervallen = Signalering.objects.filter(traject=t, vervallen=True)
    assert {s.soort for s in vervallen} >= {"contact_gemeente", "plan_vastgesteld", "startoverleg"}
    assert uitslag.nieuw == []
    regel = Auditregel.objects.get(
        actie=Auditactie.SCHRIJVEN, object_type="correctie", traject_id=t.pk
    )
    assert "binnenkomst_datum" in regel.toelichting and "Was gisteren" in regel.toelichting


def test_a_flag_that_still_holds_stays_open(demo):
    cm = demo["casemanager1"]
    t = intake(cm)
    signaleringsdiensten.scan(vandaag=vandaag())
    services.corrigeer_gegevens(acting_user=cm, traject=t, **huidig(t, lvb=True))
    signaleringsdiensten.scan(vandaag=vandaag())
    assert {"contact_gemeente", "plan_vastgesteld", "startoverleg"} <= open_flags(t)


def test_names_birth_date_and_bsn_are_corrected_with_a_reason(demo):
    cm = demo["casemanager1"]
    t = intake(cm)
    with pytest.raises(ValidationError) as fout:
        services.corrigeer_gegevens(
            acting_user=cm, traject=t, **huidig(t, achternaam="Goed", reden=" ")
        )
    assert "reden" in fout.value.message_dict
    services.corrigeer_gegevens(
        acting_user=cm,
        traject=t,
        **huidig(t, achternaam="Goed", geboortedatum=date(1981, 2, 2), bsn="123456782"),
    )
    t.refresh_from_db()
    persoon = t.gedetineerde
    assert (persoon.achternaam, persoon.geboortedatum, persoon.bsn) == (
        "Goed",
        date(1981, 2, 2),
        "123456782",
    )
    with pytest.raises(ValidationError, match="niets gewijzigd"):
        services.corrigeer_gegevens(acting_user=cm, traject=t, **huidig(t))


def test_only_the_pis_case_staff_correct(demo):
    t = intake(demo["casemanager1"])
    for wie in ("mentor1", "casemanager2", "nazorg1"):
        with pytest.raises(PermissionDenied):
            services.corrigeer_gegevens(acting_user=demo[wie], traject=t, **huidig(t, lvb=True))


def test_a_bsn_of_another_person_is_refused_and_the_question_audited(demo):
    cm = demo["casemanager1"]
    ander = intake(cm, achternaam="Ander", bsn="111222333")
    t = intake(cm)
    with pytest.raises(ValidationError) as fout:
        services.corrigeer_gegevens(acting_user=cm, traject=t, **huidig(t, bsn="111222333"))
    assert "andere persoon" in fout.value.message_dict["bsn"][0]
    assert Auditregel.objects.filter(actie=Auditactie.BSN_GEZOCHT, traject_id=ander.pk).exists()
    t.refresh_from_db()
    assert t.gedetineerde.bsn == ""


def test_person_fields_of_a_person_known_in_another_pi_are_not_this_pis_to_correct(demo):
    cm1, cm2 = demo["casemanager1"], demo["casemanager2"]
    eerste = intake(cm1, bsn="111222333", binnenkomst_datum=vandaag() - timedelta(days=90))
    services.registreer_uitstroom(
        toch_versturen=True,
        reden="Toch versturen (test)",
        acting_user=cm1,
        traject=eerste,
        versie=eerste.versie,
        uitstroom_datum=vandaag() - timedelta(days=10),
        titel=Titel.GEEN,
    )
    tweede = intake(cm2, bsn="111222333", bevestig_bestaande_persoon=True)
    with pytest.raises(ValidationError) as fout:
        services.corrigeer_gegevens(
            acting_user=cm2, traject=tweede, **huidig(tweede, achternaam="Anders")
        )
    bericht = fout.value.message_dict["achternaam"][0]
    assert "andere organisatie" in bericht and "Almelo" not in bericht
    # This PI's own facts it does correct, and Almelo's record stays as it was.
    services.corrigeer_gegevens(
        acting_user=cm2, traject=tweede, **huidig(tweede, lvb=True, lvb_toelichting="Nieuw")
    )
    eerste.refresh_from_db()
    assert (eerste.lvb, eerste.lvb_toelichting, eerste.gedetineerde.achternaam) == (
        False,
        "",
        "Verkeerd",
    )


def test_the_correction_screen(client, demo, traject):
    client.force_login(demo["casemanager1"])
    detail = client.get(traject.get_absolute_url()).content.decode()
    url = reverse("trajecten:corrigeren", args=[traject.pk])
    assert url in detail
    scherm = client.get(url).content.decode()
    assert "Reden van de correctie" in scherm
    gegevens = {
        "binnenkomst_datum": (traject.binnenkomst_datum - timedelta(days=1)).isoformat(),
        "voornamen": "Jan Pieter",
        "achternaam": "de Vries",
        "geboortedatum": traject.gedetineerde.geboortedatum.isoformat(),
        "bsn": "",
        "communicatiebehoeften": "Eenvoudige taal",
    }
    zonder_reden = client.post(url, gegevens)
    assert zonder_reden.status_code == 400
    assert client.post(url, {**gegevens, "reden": "Datum uit TULP"}).status_code == 302
    traject.refresh_from_db()
    assert traject.communicatiebehoeften == "Eenvoudige taal"
    assert "Eenvoudige taal" in client.get(traject.get_absolute_url()).content.decode()


def test_a_release_form_opened_before_a_correction_is_refused_as_stale(demo):
    """The release form was checked against the old binnenkomst date; after the correction it
    is refused with who changed the case and when, instead of being saved (or failing on the
    database's date constraint)."""
    cm = demo["casemanager1"]
    t = intake(cm)
    geopend = Traject.objects.get(pk=t.pk)
    services.corrigeer_gegevens(
        acting_user=cm,
        traject=t,
        **huidig(t, binnenkomst_datum=vandaag(), reden="Binnenkomst was vandaag"),
    )
    with pytest.raises(VerouderdeVersie, match="heeft dit om"):
        services.registreer_uitstroom(
            toch_versturen=True,
            reden="Toch versturen (test)",
            acting_user=cm,
            traject=geopend,
            versie=geopend.versie,
            uitstroom_datum=vandaag(),
            titel=Titel.GEEN,
        )
    t.refresh_from_db()
    assert (t.binnenkomst_datum, t.uitstroom_datum) == (vandaag(), None)
