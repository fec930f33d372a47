"""Who sees what: grants that follow the case, the IDOR suite with two gemeenten and two PIs,
field-level rules per role, restricted cases and revocation at the next request."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import Auditactie, Auditregel
from ketenpartners import services as ketendiensten
from ketenpartners.models import Organisatie, Team
from ketenpartners.rollen import Rol
from trajecten import services
from trajecten.access import trajecten_voor
from trajecten.keuzes import BVStatus, Domein, Regie, Titel

pytestmark = pytest.mark.django_db


def org(code):
    return Organisatie.objects.get(code=code)


@pytest.fixture
def twee(demo, traject):
    """casemanager1's Enschede case (the `traject` fixture) and casemanager2's Rotterdam case."""
    ander = services.neem_op(
        acting_user=demo["casemanager2"],
        voornamen="Fleur",
        achternaam="Rotterdamse",
        geboortedatum=timezone.localdate().replace(year=1992),
        binnenkomst_datum=timezone.localdate() - timedelta(days=2),
        gemelde_gemeente=org("GM0599"),
    )
    return traject, ander


def zichtbaar(user):
    return set(trajecten_voor(user).values_list("pk", flat=True))


def test_each_role_sees_exactly_its_cases(demo, twee):
    almelo, nieuwersluis = twee
    verwacht = {
        "casemanager1": {almelo.pk},
        "mentor1": {almelo.pk},
        "staf1": {almelo.pk},
        "nazorg1": {almelo.pk},
        "reclassering1": {almelo.pk},
        "casemanager2": {nieuwersluis.pk},
        "nazorg2": {nieuwersluis.pk},
        "beheer1": set(),
    }
    assert {wie: zichtbaar(demo[wie]) for wie in verwacht} == verwacht


IDOR_URLS = [
    ("trajecten:detail", {}),
    ("trajecten:informatieblad", {}),
    ("trajecten:basisvoorwaarde", {"domein": "huisvesting"}),
    ("trajecten:gegevens", {}),
    ("trajecten:plan", {}),
    ("trajecten:contactmoment", {}),
    ("trajecten:uitstroom", {}),
    ("trajecten:uitstroom_controleren", {}),
    ("trajecten:overdracht_concept", {}),
    ("trajecten:inzage", {}),
]


@pytest.mark.parametrize(("naam", "extra"), IDOR_URLS)
@pytest.mark.parametrize("wie", ["casemanager2", "nazorg2"])
def test_idor_other_pi_or_gemeente_gets_404_on_every_page(client, demo, twee, naam, extra, wie):
    almelo, _ = twee
    client.force_login(demo[wie])
    url = reverse(naam, kwargs={"pk": almelo.pk, **extra})
    assert client.get(url).status_code == 404
    assert client.get(url, headers={"HX-Request": "true"}).status_code == 404
    if naam not in ("trajecten:detail", "trajecten:informatieblad", "trajecten:inzage"):
        assert client.post(url, {"status": "op_orde"}).status_code == 404


@pytest.mark.parametrize("wie", ["casemanager2", "nazorg2"])
def test_idor_posts_and_downloads_of_another_case_are_404(client, demo, twee, wie):
    almelo, _ = twee
    client.force_login(demo[wie])
    gesprek = almelo.gesprekken.get()
    for url in (
        reverse("trajecten:gesprek_ics", args=[almelo.pk, gesprek.pk]),
        reverse("trajecten:gesprek_verslag", args=[almelo.pk, gesprek.pk]),
    ):
        assert client.get(url).status_code == 404
    for url in (
        reverse("trajecten:actie_toevoegen", args=[almelo.pk, "huisvesting"]),
        reverse("trajecten:informatieblad_delen", args=[almelo.pk]),
    ):
        assert client.post(url).status_code == 404
    # 'Gezien' is for nazorgcoördinatoren: another gemeente's gets 404, any other role 403
    # before anything is read.
    gezien = client.post(reverse("nazorg:gezien", args=[almelo.pk]))
    assert gezien.status_code == (404 if wie == "nazorg2" else 403)
    # A meeting of one's own case cannot be reached through another case's number either.
    assert (
        client.get(reverse("trajecten:gesprek_ics", args=[twee[1].pk, gesprek.pk])).status_code
        == 404
    )


@pytest.mark.parametrize("wie", ["casemanager2", "nazorg2"])
def test_idor_lists_searches_and_counts_leak_nothing(client, demo, twee, wie):
    almelo, _ = twee
    client.force_login(demo[wie])
    naam = almelo.gedetineerde.korte_naam
    assert naam == "J.P. de Vries"
    for params in ({}, {"alle": "1"}, {"zoek": "Vries"}, {"te_laat": "1"}):
        for headers in ({}, {"HX-Request": "true"}):
            html = client.get(
                reverse("trajecten:caseload"), params, headers=headers
            ).content.decode()
            assert naam not in html
            assert almelo.get_absolute_url() not in html
    meldingen = client.get(reverse("signalering:meldingen")).content.decode()
    assert naam not in meldingen


def test_field_level_sharing_follows_the_matrix(client, demo, traject):
    cm = demo["casemanager1"]
    services.werk_basisvoorwaarde_bij(
        acting_user=cm,
        basisvoorwaarde=(gelezen := traject.basisvoorwaarden.get(domein=Domein.ZORG)),
        versie=gelezen.versie,
        status=BVStatus.IN_BEHANDELING,
        hulpvraag="Behandeling moet doorlopen na uitstroom",
        notities="Interne werkaantekening PI",
    )
    services.bewerk_plan(
        acting_user=cm,
        traject=traject,
        versie=traject.plan.versie,
        begeleidingsplan="Begeleiding met zorgbehoefte",
        doelen="Doel A",
        activiteiten="Arbeid",
        regie=Regie.PI,
        monitoring="Elke 6 weken",
        gespreksfrequentie_weken=6,
    )
    pagina = {}
    for wie in ("casemanager1", "reclassering1", "nazorg1"):
        client.force_login(demo[wie])
        pagina[wie] = client.get(traject.get_absolute_url()).content.decode()
    gedeeld = "Behandeling moet doorlopen na uitstroom"
    assert all(gedeeld in html for html in pagina.values())
    assert "Interne werkaantekening PI" in pagina["casemanager1"]
    assert "Interne werkaantekening PI" not in pagina["reclassering1"]
    assert "Interne werkaantekening PI" not in pagina["nazorg1"]
    assert "Begeleiding met zorgbehoefte" in pagina["reclassering1"]
    assert "Begeleiding met zorgbehoefte" not in pagina["nazorg1"]
    assert "Elke 6 weken" in pagina["nazorg1"]  # how progress is followed: shared
    assert "art. 20d Penitentiaire maatregel (nazorg, procesregie)" in pagina["nazorg1"]


def test_changing_the_return_gemeente_moves_access_at_the_next_request(client, demo, traject):
    client.force_login(demo["nazorg1"])
    assert client.get(traject.get_absolute_url()).status_code == 200
    services.verifieer_terugkeergemeente(
        acting_user=demo["casemanager1"], traject=traject, gemeente=org("GM0599")
    )
    assert client.get(traject.get_absolute_url()).status_code == 404
    client.force_login(demo["nazorg2"])
    assert client.get(traject.get_absolute_url()).status_code == 200
    ingetrokken = Auditregel.objects.get(
        traject_id=traject.pk, actie=Auditactie.TOEGANG_INGETROKKEN
    )
    assert ingetrokken.toelichting == "gemeente Enschede: terugkeergemeente geverifieerd"
    assert ingetrokken.gebruikersnaam == "casemanager1"


def test_a_new_colleague_at_the_gemeente_needs_no_grant(demo, traject):
    nieuw = ketendiensten.maak_medewerker(
        acting_user=None,
        username="nazorg-nieuw",
        rol=Rol.NAZORGCOORDINATOR,
        organisatie=org("GM0153"),
    )
    assert zichtbaar(nieuw) == {traject.pk}


def test_moving_to_another_organisation_takes_the_old_cases_away(demo, traject):
    m = demo["nazorg1"]
    m.organisatie = org("GM0599")
    m.save()
    ketendiensten.koppel_groepen(medewerker=m)
    assert traject.pk not in zichtbaar(m)


def test_reclassering_and_zvh_are_granted_and_revoked_with_the_assignment(demo, traject):
    cm = demo["casemanager1"]
    zvh = Organisatie.objects.create(soort="zvh", code="ZVH-TWENTE", naam="ZVH Twente")
    zvh_mw = ketendiensten.maak_medewerker(
        acting_user=None, username="zvh1", rol=Rol.ZVH_MEDEWERKER, organisatie=zvh
    )
    assert traject.pk not in zichtbaar(zvh_mw)
    services.werk_traject_bij(
        acting_user=cm,
        traject=traject,
        versie=traject.versie,
        verwachte_uitstroom_datum=None,
        casemanager=cm,
        mentor=None,
        reclassering=None,
        reclassering_team=None,
        reclasseringswerker=None,
        titel=Titel.ONBEKEND,
        zvh=zvh,
    )
    assert traject.pk in zichtbaar(zvh_mw)
    assert traject.pk not in zichtbaar(demo["reclassering1"])
    assert (
        traject.pk not in zichtbaar(demo["mentor1"])
        or traject.pi_id == demo["mentor1"].organisatie_id
    )
    rn = org("RN")
    services.werk_traject_bij(
        acting_user=cm,
        traject=traject,
        versie=traject.versie,
        verwachte_uitstroom_datum=None,
        casemanager=cm,
        mentor=None,
        reclassering=rn,
        reclassering_team=Team.objects.get(organisatie=rn, naam="Oost"),
        reclasseringswerker=None,
        titel=Titel.ONBEKEND,
    )
    assert traject.pk in zichtbaar(demo["reclassering1"])
    assert traject.pk not in zichtbaar(zvh_mw)


def test_a_restricted_case_is_seen_only_by_named_people_and_every_read_is_logged(
    client, demo, traject
):
    services.beperk_toegang(
        acting_user=demo["casemanager1"],
        traject=traject,
        versie=traject.versie,
        beperkt=True,
        reden="Bekende zaak",
        personen=[demo["staf1"]],
    )
    assert {
        wie
        for wie in ("casemanager1", "mentor1", "staf1", "nazorg1", "reclassering1")
        if traject.pk in zichtbaar(demo[wie])
    } == {
        "casemanager1",
        "mentor1",
        "staf1",
    }
    client.force_login(demo["staf1"])
    client.get(traject.get_absolute_url())
    client.get(reverse("trajecten:informatieblad", args=[traject.pk]))
    lezen = Auditregel.objects.filter(
        traject_id=traject.pk, actie=Auditactie.LEZEN, gebruikersnaam="staf1"
    )
    assert lezen.count() == 2
    traject.refresh_from_db()
    services.beperk_toegang(
        acting_user=demo["casemanager1"],
        traject=traject,
        versie=traject.versie,
        beperkt=False,
        reden="Opgeheven",
    )
    assert traject.pk in zichtbaar(demo["nazorg1"])


def test_a_deactivated_account_sees_nothing(demo, traject):
    demo["nazorg1"].is_active = False
    demo["nazorg1"].save()
    assert zichtbaar(demo["nazorg1"]) == set()


def test_the_functional_administrator_reads_no_case_even_with_a_grant(demo, traject):
    from guardian.shortcuts import assign_perm

    assign_perm("trajecten.view_traject", demo["beheer1"], traject)
    assert zichtbaar(demo["beheer1"]) == set()
