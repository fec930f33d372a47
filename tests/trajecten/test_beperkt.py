"""Restricted cases from the case page (issue 17 item 6): who sees what before and after, the
reason at the field, the audit trail, lifting, and two people changing it at the same moment."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from audit.models import Auditactie, Auditregel
from ketenpartners.models import Medewerker, Organisatie
from ketenpartners.rollen import Rol
from ketenpartners.services import koppel_groepen
from reintegratie.versies import VerouderdeVersie
from trajecten import services
from trajecten.access import trajecten_voor
from trajecten.models import Traject

pytestmark = pytest.mark.django_db

IEDEREEN = ("casemanager1", "casemanager2", "mentor1", "staf1", "nazorg1", "nazorg2")


def zichtbaar(user):
    return set(trajecten_voor(user).values_list("pk", flat=True))


@pytest.fixture
def collegas(demo):
    """A second nazorgcoördinator of Enschede and a second reclasseringswerker of RN."""
    mensen = {
        "nazorg_b": Medewerker.objects.create_user(
            username="nazorg_b",
            password="x",
            rol=Rol.NAZORGCOORDINATOR,
            organisatie=Organisatie.objects.get(code="GM0153"),
        ),
        "reclassering_b": Medewerker.objects.create_user(
            username="reclassering_b",
            password="x",
            rol=Rol.RECLASSERINGSWERKER,
            organisatie=Organisatie.objects.get(code="RN"),
        ),
    }
    for medewerker in mensen.values():
        koppel_groepen(medewerker=medewerker)
    return mensen


def wie_ziet(traject, mensen):
    return {naam for naam, m in mensen.items() if traject.pk in zichtbaar(m)}


def beperk(traject, door, personen, reden="Bekende zaak in de media"):
    return services.beperk_toegang(
        acting_user=door,
        traject=traject,
        versie=traject.versie,
        beperkt=True,
        reden=reden,
        personen=personen,
    )


def test_restricting_keeps_the_named_people_and_cuts_off_their_colleagues(demo, traject, collegas):
    mensen = {**demo, **collegas}
    voor = wie_ziet(traject, mensen)
    assert {"nazorg1", "nazorg_b", "reclassering1", "reclassering_b", "staf1"} <= voor
    beperk(traject, demo["casemanager1"], [demo["nazorg1"], demo["reclassering1"]])
    assert wie_ziet(traject, mensen) == {"casemanager1", "mentor1", "nazorg1", "reclassering1"}
    traject.refresh_from_db()
    assert traject.beperkt and traject.beperking_reden == "Bekende zaak in de media"

    # Audited: every grant taken and given, each with the reason.
    regels = Auditregel.objects.filter(
        traject_id=traject.pk,
        actie__in=[Auditactie.TOEGANG_VERLEEND, Auditactie.TOEGANG_INGETROKKEN],
        gebruikersnaam="casemanager1",
    )
    ingetrokken = [r.toelichting for r in regels if r.actie == Auditactie.TOEGANG_INGETROKKEN]
    assert ingetrokken and all("Bekende zaak in de media" in t for t in ingetrokken)
    assert any(t.startswith("nazorg1:") for t in regels.values_list("toelichting", flat=True))

    # Lifting restores the organisation grants; the personal list is emptied.
    traject.refresh_from_db()
    services.beperk_toegang(
        acting_user=demo["casemanager1"],
        traject=traject,
        versie=traject.versie,
        beperkt=False,
        reden="Zaak niet meer in de media",
    )
    assert wie_ziet(traject, mensen) == voor
    traject.refresh_from_db()
    assert not traject.beperkt and traject.beperking_reden == ""
    assert not traject.beperkt_tot.exists()


def test_a_colleague_cut_off_gets_404_at_the_next_request(client, demo, traject, collegas):
    client.force_login(collegas["nazorg_b"])
    assert client.get(traject.get_absolute_url()).status_code == 200
    beperk(traject, demo["casemanager1"], [demo["nazorg1"]])
    assert client.get(traject.get_absolute_url()).status_code == 404
    client.force_login(demo["nazorg1"])
    pagina = client.get(traject.get_absolute_url())
    assert pagina.status_code == 200
    tekst = pagina.content.decode()
    assert "data-beperkte-toegang" in tekst and "Bekende zaak in de media" in tekst
    assert "Beperking wijzigen" not in tekst  # the gemeente does not change the restriction


def test_a_staffunctionaris_who_restricts_stays_named_and_can_lift_it(demo, traject):
    beperk(traject, demo["staf1"], [])
    assert traject.pk in zichtbaar(demo["staf1"])
    assert traject.pk not in zichtbaar(demo["nazorg1"])
    traject.refresh_from_db()
    services.beperk_toegang(
        acting_user=demo["staf1"],
        traject=traject,
        versie=traject.versie,
        beperkt=False,
        reden="Opgeheven",
    )
    assert traject.pk in zichtbaar(demo["nazorg1"])


def test_only_the_pi_restricts_and_only_people_of_the_case_can_be_named(demo, traject):
    for wie in ("mentor1", "nazorg1", "reclassering1", "casemanager2"):
        with pytest.raises(PermissionDenied):
            beperk(traject, demo[wie], [])
    with pytest.raises(ValidationError) as fout:
        beperk(traject, demo["casemanager1"], [demo["nazorg2"]])  # Rotterdam: not this case
    assert "personen" in fout.value.message_dict
    with pytest.raises(ValidationError) as fout:
        beperk(traject, demo["casemanager1"], [], reden="   ")
    assert "reden" in fout.value.message_dict
    traject.refresh_from_db()
    assert not traject.beperkt  # nothing half-saved


def test_the_form_page_shows_the_reason_error_at_the_field_and_saves(client, demo, traject):
    client.force_login(demo["casemanager1"])
    url = reverse("trajecten:beperken", args=[traject.pk])
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert "nazorg1" in pagina.content.decode() or "Yilmaz" in pagina.content.decode()
    fout = client.post(url, {"versie": traject.versie, "beperkt": "on", "reden": ""})
    assert fout.status_code == 400
    assert "Vul de reden in" in fout.content.decode()
    traject.refresh_from_db()
    assert not traject.beperkt
    ok = client.post(
        url,
        {
            "versie": traject.versie,
            "beperkt": "on",
            "reden": "Personeelslid familie",
            "personen": [demo["nazorg1"].pk],
        },
    )
    assert ok.status_code == 302
    assert traject.pk not in zichtbaar(demo["reclassering1"])
    assert traject.pk in zichtbaar(demo["nazorg1"])
    # A stale form (old version) is refused with the version message, not saved over.
    oud = client.post(url, {"versie": traject.versie, "reden": "Weer open"})
    assert oud.status_code == 400
    assert "heeft dit om" in oud.content.decode()
    traject.refresh_from_db()
    assert traject.beperkt


@pytest.mark.django_db(transaction=True)
def test_two_people_changing_the_restriction_at_once_one_wins_the_other_is_told(demo, traject):
    geopend = Traject.objects.get(pk=traject.pk)
    start = threading.Barrier(2)
    fouten: list[BaseException] = []
    gelukt: list[str] = []

    def zet(wie, beperkt):
        start.wait()
        try:
            services.beperk_toegang(
                acting_user=demo[wie],
                traject=Traject.objects.get(pk=traject.pk),
                versie=geopend.versie,
                beperkt=beperkt,
                reden=f"door {wie}",
                personen=[demo["nazorg1"]],
            )
            gelukt.append(wie)
        except ValidationError as fout:
            fouten.append(fout)
        finally:
            connection.close()

    draden = [
        threading.Thread(target=zet, args=("casemanager1", True)),
        threading.Thread(target=zet, args=("staf1", True)),
    ]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join()
    assert len(gelukt) == 1 and len(fouten) == 1
    assert isinstance(fouten[0], VerouderdeVersie)
    traject.refresh_from_db()
    assert traject.beperking_reden == f"door {gelukt[0]}"
    assert traject.versie == geopend.versie + 1


@pytest.mark.parametrize("vorm", ["zichtbaar_per_rij", "zichtbaar_in_volgorde"])
def test_the_door_per_row_lets_through_exactly_what_the_door_does(demo, traject, collegas, vorm):
    """`zichtbaar_per_rij` (the door checked per action, issue 18) and `zichtbaar_in_volgorde`
    (the reclassering's list walked in its index's order) are the same set as `trajecten_voor`,
    before and after restricting, for people named, cut off and outside."""
    from trajecten import access

    deur = getattr(access, vorm)
    mensen = {**demo, **collegas}

    def per_rij(user):
        return set(Traject.objects.filter(deur(user)).values_list("pk", flat=True))

    for naam, m in mensen.items():
        assert per_rij(m) == zichtbaar(m), naam
    # The flag alone (grants of the organisations still there) already shuts the group door.
    Traject.objects.filter(pk=traject.pk).update(beperkt=True)
    for naam, m in mensen.items():
        assert per_rij(m) == zichtbaar(m), naam
    assert traject.pk not in per_rij(mensen["nazorg1"])
    Traject.objects.filter(pk=traject.pk).update(beperkt=False)
    beperk(traject, demo["casemanager1"], [demo["nazorg1"]])
    for naam, m in mensen.items():
        assert per_rij(m) == zichtbaar(m), naam
    assert traject.pk in per_rij(mensen["nazorg1"])
    assert traject.pk not in per_rij(mensen["nazorg_b"])


def test_mijn_acties_of_a_restricted_case_only_for_the_named(demo, traject, collegas):
    """The navigation count and the list follow the restriction: the named nazorgcoördinator
    keeps the gemeente's action, the colleague cut off no longer counts it."""
    from trajecten.selectors import aantal_lopende_acties, mijn_acties

    services.voeg_actie_toe(
        acting_user=demo["casemanager1"],
        basisvoorwaarde=traject.basisvoorwaarden.first(),
        omschrijving="Opvang regelen",
        organisatie=Organisatie.objects.get(code="GM0153"),
    )
    vandaag = traject.binnenkomst_datum
    for naam in ("nazorg1", "nazorg_b"):
        user = {**demo, **collegas}[naam]
        assert aantal_lopende_acties(user=user) == 1
        assert len(mijn_acties(user=user, vandaag=vandaag)) == 1
    beperk(traject, demo["casemanager1"], [demo["nazorg1"]])
    assert aantal_lopende_acties(user=demo["nazorg1"]) == 1
    assert len(mijn_acties(user=demo["nazorg1"], vandaag=vandaag)) == 1
    assert aantal_lopende_acties(user=collegas["nazorg_b"]) == 0
    assert mijn_acties(user=collegas["nazorg_b"], vandaag=vandaag) == []
    assert aantal_lopende_acties(user=demo["nazorg2"]) == 0


def _andere(soort, behalve):
    return Organisatie.objects.filter(soort=soort).exclude(code=behalve).order_by("pk").first()


def test_a_named_coordinator_loses_the_case_when_the_gemeente_changes(demo, traject, collegas):
    """Named people are checked against the case as it is now: the old gemeente's named
    coordinator loses the restricted case at the next request once another gemeente is
    verified."""
    beperk(traject, demo["casemanager1"], [demo["nazorg1"], demo["reclassering1"]])
    assert traject.pk in zichtbaar(demo["nazorg1"])
    andere = _andere(Organisatie.objects.get(code="GM0153").soort, "GM0153")
    traject.refresh_from_db()
    services.verifieer_terugkeergemeente(
        acting_user=demo["casemanager1"], traject=traject, gemeente=andere
    )
    assert traject.pk not in zichtbaar(demo["nazorg1"])
    assert traject.pk in zichtbaar(demo["reclassering1"])
    assert traject.pk in zichtbaar(demo["casemanager1"])


def test_a_named_reclasseringswerker_loses_the_case_when_the_reclassering_changes(
    demo, traject, collegas
):
    beperk(traject, demo["casemanager1"], [demo["nazorg1"], demo["reclassering1"]])
    assert traject.pk in zichtbaar(demo["reclassering1"])
    rn = Organisatie.objects.get(code="RN")
    traject.refresh_from_db()
    services.werk_traject_bij(
        acting_user=demo["casemanager1"],
        traject=traject,
        versie=traject.versie,
        verwachte_uitstroom_datum=traject.verwachte_uitstroom_datum,
        casemanager=traject.casemanager,
        mentor=traject.mentor,
        reclassering=_andere(rn.soort, "RN"),
        reclassering_team=None,
        reclasseringswerker=None,
        titel=traject.titel,
    )
    assert traject.pk not in zichtbaar(demo["reclassering1"])
    assert traject.pk in zichtbaar(demo["nazorg1"])


def test_a_named_coordinator_whose_gemeente_says_niet_onze_loses_the_case(demo, traject):
    from nazorg.services import meld_niet_onze_gemeente

    beperk(traject, demo["casemanager1"], [demo["nazorg1"]])
    assert traject.pk in zichtbaar(demo["nazorg1"])
    traject.refresh_from_db()
    meld_niet_onze_gemeente(
        acting_user=demo["nazorg1"], traject=traject, reden="Onbekend in de BRP."
    )
    assert traject.pk not in zichtbaar(demo["nazorg1"])
    assert traject.pk in zichtbaar(demo["casemanager1"])
