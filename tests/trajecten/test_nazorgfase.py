"""Issue 12, receipt and nazorg phase: the receiver confirms the handover (once, also in a
race), the gemeente and the reclassering keep working on the case after release while the PI
no longer adds actions, and the party with case direction closes the nazorg phase with an
outcome per basisvoorwaarde."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from audit.models import Auditregel
from reintegratie.datums import datum
from trajecten import services
from trajecten.keuzes import Domein, Fase, Gebeurtenissoort, Titel, Uitkomst
from trajecten.models import (
    Actie,
    Afsluiting,
    AfsluitingUitkomst,
    Basisvoorwaarde,
    Overdracht,
    Traject,
)
from trajecten.signalen import gebeurtenis


def uitstroom(demo, traject, titel=Titel.GEEN):
    traject.refresh_from_db()
    return services.registreer_uitstroom(
        acting_user=demo["casemanager1"],
        traject=traject,
        versie=traject.versie,
        uitstroom_datum=timezone.localdate(),
        titel=titel,
        toch_versturen=True,
        reden="Test: uitstroom zonder voorbereiding.",
    )


@pytest.fixture
def gebeurtenissen():
    gehoord = []

    def ontvanger(sender, *, soort, traject, door, **kwargs):
        gehoord.append((soort, traject.pk, door.username if door else None))

    gebeurtenis.connect(ontvanger, dispatch_uid="test_nazorgfase")
    yield gehoord
    gebeurtenis.disconnect(dispatch_uid="test_nazorgfase")


def alle_uitkomsten(uitkomst=Uitkomst.OP_ORDE, **anders):
    data = {f"uitkomst_{d}": anders.get(d, uitkomst) for d in Domein.values}
    data.update({f"notitie_{d}": "" for d in Domein.values})
    return data


# --- Receipt -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_gemeente_confirms_the_handover_on_the_case_page(client, demo, traject, gebeurtenissen):
    uitstroom(demo, traject)
    client.force_login(demo["casemanager1"])
    pagina = client.get(traject.get_absolute_url()).content.decode()
    assert "Nog niet bevestigd" in pagina
    assert "Ontvangen, ik pak het op" not in pagina  # the casemanager is not the receiver

    client.force_login(demo["nazorg1"])
    assert "Ontvangen, ik pak het op" in client.get(traject.get_absolute_url()).content.decode()
    antwoord = client.post(reverse("trajecten:overdracht_ontvangen", args=[traject.pk]))
    assert antwoord.status_code == 302

    o = Overdracht.objects.get(traject=traject)
    assert o.ontvangen_door == demo["nazorg1"] and o.ontvangen_op is not None
    assert (Gebeurtenissoort.OVERDRACHT_BEVESTIGD, traject.pk, "nazorg1") in gebeurtenissen
    assert Auditregel.objects.filter(
        traject_id=traject.pk, object_type="overdracht", toelichting="ontvangen"
    ).exists()
    client.force_login(demo["casemanager1"])
    pagina = client.get(traject.get_absolute_url()).content.decode()
    naam = demo["nazorg1"].get_full_name()
    assert f"Ontvangen door {naam} op {datum(timezone.localdate())}" in pagina
    assert "Nog niet bevestigd" not in pagina


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("wie", "status"),
    [("casemanager1", 403), ("mentor1", 403), ("staf1", 403), ("nazorg2", 404), ("beheer1", 404)],
)
def test_only_the_receivers_may_confirm(client, demo, traject, wie, status):
    uitstroom(demo, traject)
    client.force_login(demo[wie])
    antwoord = client.post(reverse("trajecten:overdracht_ontvangen", args=[traject.pk]))
    assert antwoord.status_code == status
    assert Overdracht.objects.get(traject=traject).ontvangen_op is None


@pytest.mark.django_db
def test_the_reclassering_with_regie_confirms_and_nobody_confirms_before_release(
    demo, traject, gebeurtenissen
):
    with pytest.raises(PermissionDenied):  # in detention there is no handover to confirm
        services.bevestig_overdracht(acting_user=demo["reclassering1"], traject=traject)
    uitstroom(demo, traject, titel=Titel.VI)
    services.bevestig_overdracht(acting_user=demo["reclassering1"], traject=traject)
    services.bevestig_overdracht(acting_user=demo["nazorg1"], traject=traject)  # second: no-op
    o = Overdracht.objects.get(traject=traject)
    assert o.regie_naar == "reclassering" and o.ontvangen_door == demo["reclassering1"]
    assert [g for g in gebeurtenissen if g[0] == Gebeurtenissoort.OVERDRACHT_BEVESTIGD] == [
        (Gebeurtenissoort.OVERDRACHT_BEVESTIGD, traject.pk, "reclassering1")
    ]


@pytest.mark.django_db(transaction=True)
def test_two_confirmations_at_the_same_moment_confirm_once(demo, traject, gebeurtenissen):
    uitstroom(demo, traject, titel=Titel.VI)
    wie = [demo["nazorg1"], demo["reclassering1"]] * 2
    start = threading.Barrier(len(wie))
    fouten = []

    def bevestig(user):
        try:
            t = Traject.objects.get(pk=traject.pk)
            start.wait()
            services.bevestig_overdracht(acting_user=user, traject=t)
        except Exception as fout:
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=bevestig, args=(u,)) for u in wie]
    for d in draden:
        d.start()
    for d in draden:
        d.join()
    assert fouten == []
    bevestigd = [g for g in gebeurtenissen if g[0] == Gebeurtenissoort.OVERDRACHT_BEVESTIGD]
    assert len(bevestigd) == 1
    o = Overdracht.objects.get(traject=traject)
    assert o.ontvangen_door.username == bevestigd[0][2]
    assert (
        Auditregel.objects.filter(
            traject_id=traject.pk, object_type="overdracht", toelichting="ontvangen"
        ).count()
        == 1
    )


# --- The nazorg phase ------------------------------------------------------------------------


@pytest.mark.django_db
def test_after_release_the_gemeente_adds_and_closes_actions_and_the_pi_adds_none(
    client, demo, traject
):
    uitstroom(demo, traject)
    client.force_login(demo["nazorg1"])
    pagina = client.get(traject.get_absolute_url()).content.decode()
    nazorg_tot = timezone.localdate() + timedelta(weeks=13)
    assert f"Nazorg tot {datum(nazorg_tot)}" in pagina
    antwoord = client.post(
        reverse("nazorg:actie", args=[traject.pk]),
        {"domein": Domein.HUISVESTING, "omschrijving": "Urgentieaanvraag woning ingediend"},
    )
    assert antwoord.status_code == 302
    actie = Actie.objects.get(omschrijving="Urgentieaanvraag woning ingediend")
    assert actie.organisatie == demo["nazorg1"].organisatie
    services.zet_actiestatus(
        acting_user=demo["nazorg1"], actie=actie, versie=actie.versie, status="gedaan"
    )
    assert Actie.objects.get(pk=actie.pk).status == "gedaan"

    bv = Basisvoorwaarde.objects.select_related("traject").get(traject=traject, domein=Domein.ZORG)
    with pytest.raises(PermissionDenied):
        services.voeg_actie_toe(
            acting_user=demo["casemanager1"],
            basisvoorwaarde=bv,
            omschrijving="Na uitstroom niet meer door de PI",
            organisatie=demo["casemanager1"].organisatie,
        )
    # The reclassering adds its own actions in the nazorg phase too.
    services.voeg_actie_toe(
        acting_user=demo["reclassering1"],
        basisvoorwaarde=bv,
        omschrijving="Toezichtgesprek",
        organisatie=demo["reclassering1"].organisatie,
    )
    assert Actie.objects.filter(omschrijving="Toezichtgesprek").exists()


@pytest.mark.django_db
def test_in_detention_the_reclassering_adds_no_actions(demo, traject):
    bv = Basisvoorwaarde.objects.select_related("traject").get(traject=traject, domein=Domein.ZORG)
    with pytest.raises(PermissionDenied):
        services.voeg_actie_toe(
            acting_user=demo["reclassering1"],
            basisvoorwaarde=bv,
            omschrijving="Nog niet",
            organisatie=demo["reclassering1"].organisatie,
        )


# --- Closure -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_missing_outcome_is_named_at_its_field_and_nothing_is_saved(client, demo, traject):
    uitstroom(demo, traject)
    client.force_login(demo["nazorg1"])
    url = reverse("trajecten:nazorg_afsluiten", args=[traject.pk])
    traject.refresh_from_db()
    data = {**alle_uitkomsten(**{Domein.ZORG: ""}), "versie": traject.versie}
    antwoord = client.post(url, data)
    assert antwoord.status_code == 400
    html = antwoord.content.decode()
    assert "Kies of zorg bij het afsluiten op orde is." in html
    assert 'id="id_uitkomst_zorg_fout"' in html
    assert not Afsluiting.objects.exists() and not AfsluitingUitkomst.objects.exists()
    traject.refresh_from_db()
    assert traject.fase == Fase.NA_DETENTIE


@pytest.mark.django_db
def test_the_party_with_regie_closes_the_nazorg_phase_with_outcomes(
    client, demo, traject, gebeurtenissen
):
    uitstroom(demo, traject)
    url = reverse("trajecten:nazorg_afsluiten", args=[traject.pk])
    for wie, status in (("reclassering1", 403), ("casemanager1", 403), ("nazorg2", 404)):
        client.force_login(demo[wie])
        assert client.get(url).status_code == status, wie
    client.force_login(demo["nazorg1"])
    assert client.get(url).status_code == 200
    traject.refresh_from_db()
    versie = traject.versie
    data = {
        **alle_uitkomsten(**{Domein.HUISVESTING: Uitkomst.NIET_OP_ORDE}),
        "notitie_huisvesting": "Nog in de opvang",
        "toelichting": "Zelfstandig verder met wijkteam.",
        "versie": versie,
    }
    assert client.post(url, data).status_code == 302
    traject.refresh_from_db()
    assert traject.fase == Fase.AFGESLOTEN
    afsluiting = Afsluiting.objects.get(traject=traject)
    assert afsluiting.afgesloten_door == demo["nazorg1"]
    assert dict(afsluiting.uitkomsten.values_list("domein", "uitkomst")) == {
        **{d: Uitkomst.OP_ORDE for d in Domein.values},
        Domein.HUISVESTING: Uitkomst.NIET_OP_ORDE,
    }
    assert (Gebeurtenissoort.TRAJECT_AFGESLOTEN, traject.pk, "nazorg1") in gebeurtenissen
    # The same form again (a double submit): refused, nothing twice.
    assert client.post(url, data).status_code == 403
    assert Afsluiting.objects.filter(traject=traject).count() == 1
    pagina = client.get(traject.get_absolute_url()).content.decode()
    assert "Nazorg afgesloten door" in pagina and "Nog in de opvang" in pagina


@pytest.mark.django_db
def test_a_close_over_an_older_version_is_refused(demo, traject):
    from reintegratie.versies import VerouderdeVersie

    uitstroom(demo, traject)
    traject.refresh_from_db()
    with pytest.raises(VerouderdeVersie):
        services.sluit_nazorg_af(
            acting_user=demo["nazorg1"],
            traject=traject,
            versie=traject.versie - 1,
            uitkomsten={d: Uitkomst.OP_ORDE for d in Domein.values},
        )
    assert not Afsluiting.objects.exists()


@pytest.mark.django_db
def test_with_regie_at_the_reclassering_it_closes_and_the_gemeente_does_not(demo, traject):
    uitstroom(demo, traject, titel=Titel.VI)
    traject.refresh_from_db()
    uitkomsten = {d: Uitkomst.ONBEKEND for d in Domein.values}
    with pytest.raises(PermissionDenied):
        services.sluit_nazorg_af(
            acting_user=demo["nazorg1"],
            traject=traject,
            versie=traject.versie,
            uitkomsten=uitkomsten,
        )
    services.sluit_nazorg_af(
        acting_user=demo["reclassering1"],
        traject=traject,
        versie=traject.versie,
        uitkomsten=uitkomsten,
    )
    traject.refresh_from_db()
    assert traject.fase == Fase.AFGESLOTEN
    bv = Basisvoorwaarde.objects.select_related("traject").get(traject=traject, domein=Domein.ZORG)
    with pytest.raises(PermissionDenied):  # a closed case takes no new actions
        services.voeg_actie_toe(
            acting_user=demo["nazorg1"],
            basisvoorwaarde=bv,
            omschrijving="Te laat",
            organisatie=demo["nazorg1"].organisatie,
        )
