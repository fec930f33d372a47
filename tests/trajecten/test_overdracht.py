"""The handover that arrives (issue 12, slice B, ADR 0015): the concept handover derived from
facts, its window, the check before sending with warnings accepted for a reason, the direction
that follows the title only to a party that is involved, one handover however often it is sent,
and release that cancels the meetings after it and stops detention's clock."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from ketenpartners.models import Organisatie
from reintegratie.versies import VerouderdeVersie
from trajecten import selectors, services
from trajecten.keuzes import (
    UITKERING_AANVRAAG,
    ActieStatus,
    BVStatus,
    Domein,
    Gebeurtenissoort,
    Titel,
    VoorbereidingStatus,
)
from trajecten.models import (
    Overdracht,
    OverdrachtNotitie,
    Traject,
    Trajectgesprek,
    VoorbereidingSoort,
)
from trajecten.signalen import gebeurtenis

VANDAAG = timezone.localdate


@pytest.fixture
def gebeurtenissen():
    """Every event sent while the test runs (the contract of trajecten.signalen.gebeurtenis)."""
    ontvangen: list[dict] = []

    def ontvanger(sender, **kwargs):
        ontvangen.append(kwargs)

    gebeurtenis.connect(ontvanger, weak=False, dispatch_uid="test_overdracht")
    yield ontvangen
    gebeurtenis.disconnect(dispatch_uid="test_overdracht")


def _verwacht_over(traject: Traject, dagen: int) -> Traject:
    Traject.objects.filter(pk=traject.pk).update(
        verwachte_uitstroom_datum=VANDAAG() + timedelta(days=dagen)
    )
    traject.refresh_from_db()
    return traject


def _bijwerken(cm, traject, domein, **velden):
    bv = traject.basisvoorwaarden.get(domein=domein)
    waarden = {"status": bv.status, "hulpvraag": bv.hulpvraag, **velden}
    return services.werk_basisvoorwaarde_bij(
        acting_user=cm, basisvoorwaarde=bv, versie=bv.versie, **waarden
    )


def _klaar(cm, traject):
    """Everything the check warns about in order: ID, housing, the benefit applied for."""
    _bijwerken(cm, traject, Domein.ID_BEWIJS, status=BVStatus.OP_ORDE)
    _bijwerken(cm, traject, Domein.HUISVESTING, status=BVStatus.OP_ORDE)
    services.voeg_voorbereiding_toe(
        acting_user=cm,
        basisvoorwaarde=traject.basisvoorwaarden.get(domein=Domein.WERK_INKOMEN),
        soort=VoorbereidingSoort.objects.get(code=UITKERING_AANVRAAG),
        status=VoorbereidingStatus.AANGEVRAAGD,
        aangevraagd_datum=VANDAAG(),
    )


def _regel(traject, domein):
    return next(r for r in selectors.overdracht_concept(traject).regels if r.domein == domein)


# --- derivation -------------------------------------------------------------------------------


def test_derived_text_shows_every_fact_and_follows_when_a_fact_changes(demo, traject):
    cm = demo["casemanager1"]
    assert _regel(traject, Domein.HUISVESTING).feiten == ["Nog niets over vastgelegd."]
    _bijwerken(cm, traject, Domein.HUISVESTING, hulpvraag="Zoekt kamer in Enschede")
    actie = services.voeg_actie_toe(
        acting_user=cm,
        basisvoorwaarde=traject.basisvoorwaarden.get(domein=Domein.HUISVESTING),
        omschrijving="Aanmelden bij de woningcorporatie",
        organisatie=traject.pi,
        uiterlijk_datum=VANDAAG() + timedelta(days=10),
    )
    services.voeg_voorbereiding_toe(
        acting_user=cm,
        basisvoorwaarde=traject.basisvoorwaarden.get(domein=Domein.ID_BEWIJS),
        soort=VoorbereidingSoort.objects.get(code="id_bewijs_aanvraag"),
        status=VoorbereidingStatus.AANGEVRAAGD,
        aangevraagd_datum=VANDAAG(),
    )
    huis = " | ".join(_regel(traject, Domein.HUISVESTING).feiten)
    assert "Hulpvraag: Zoekt kamer in Enschede" in huis
    assert "Aanmelden bij de woningcorporatie" in huis and "uiterlijk" in huis
    id_feiten = " | ".join(_regel(traject, Domein.ID_BEWIJS).feiten)
    assert "ID-bewijs aangevraagd" in id_feiten and "aangevraagd op" in id_feiten
    # A fact changes: the action is done, so it no longer "loopt door".
    services.zet_actiestatus(
        acting_user=cm, actie=actie, versie=actie.versie, status=ActieStatus.GEDAAN
    )
    assert "woningcorporatie" not in " | ".join(_regel(traject, Domein.HUISVESTING).feiten)


def test_the_handover_document_shows_the_facts_never_a_dash(client, demo, traject):
    cm = demo["casemanager1"]
    _bijwerken(cm, traject, Domein.ZORG, hulpvraag="Huisarts in Enschede nodig")
    services.registreer_uitstroom(
        acting_user=cm,
        traject=traject,
        versie=traject.versie,
        uitstroom_datum=VANDAAG(),
        titel=Titel.VI,
        toch_versturen=True,
        reden="Gemeente regelt ID en bed op de dag zelf",
    )
    client.force_login(demo["nazorg1"])
    html = client.get(reverse("trajecten:document_overdracht", args=[traject.pk])).content.decode()
    assert "Huisarts in Enschede nodig" in html
    assert ">—<" not in html
    assert "Verstuurd ondanks waarschuwingen" in html
    assert "Gemeente regelt ID en bed op de dag zelf" in html
    assert "Risico&#x27;s" in html or "Risico's" in html


# --- the concept page: who, and from when -------------------------------------------------------


@pytest.mark.parametrize(
    ("wie", "status"),
    [
        ("casemanager1", 200),
        ("nazorg1", 404),
        ("reclassering1", 404),
        ("casemanager2", 404),
        ("mentor1", 404),
    ],
)
def test_concept_page_is_for_the_casemanager_only(client, demo, traject, wie, status):
    client.force_login(demo[wie])
    assert client.get(reverse("trajecten:overdracht_concept", args=[traject.pk])).status_code == (
        status
    )


def test_concept_notes_are_refused_before_the_window_with_a_dutch_message(
    client, demo, traject, settings
):
    settings.OVERDRACHT_CONCEPT_WEKEN_VOORAF = 6
    _verwacht_over(traject, 10 * 7)
    client.force_login(demo["casemanager1"])
    url = reverse("trajecten:overdracht_concept", args=[traject.pk])
    pagina = client.get(url).content.decode()
    vanaf = VANDAAG() + timedelta(weeks=4)
    assert "kan worden voorbereid vanaf" in pagina and str(vanaf.year) in pagina
    antwoord = client.post(url, {"tekst_huisvesting": "Kamer geregeld", "versie_huisvesting": 0})
    assert antwoord.status_code == 400
    assert "kan worden voorbereid vanaf" in antwoord.content.decode()
    assert not OverdrachtNotitie.objects.exists()


def test_concept_notes_are_stored_within_the_window_and_versioned(client, demo, traject):
    _verwacht_over(traject, 14)
    client.force_login(demo["casemanager1"])
    url = reverse("trajecten:overdracht_concept", args=[traject.pk])
    assert 'name="tekst_huisvesting"' in client.get(url).content.decode()
    antwoord = client.post(url, {"tekst_huisvesting": "Kamer bij Leger des Heils"})
    assert antwoord.status_code == 302
    notitie = OverdrachtNotitie.objects.get(traject=traject, domein=Domein.HUISVESTING)
    assert (notitie.tekst, notitie.versie) == ("Kamer bij Leger des Heils", 1)
    # Two editors from version 1: the second is refused, the first text stays.
    services.bewaar_overdracht_notities(
        acting_user=demo["casemanager1"],
        traject=traject,
        notities={Domein.HUISVESTING: "Eerste"},
        versies={Domein.HUISVESTING: 1},
    )
    with pytest.raises(VerouderdeVersie):
        services.bewaar_overdracht_notities(
            acting_user=demo["casemanager1"],
            traject=traject,
            notities={Domein.HUISVESTING: "Tweede"},
            versies={Domein.HUISVESTING: 1},
        )
    notitie.refresh_from_db()
    assert notitie.tekst == "Eerste"
    assert _regel(traject, Domein.HUISVESTING).notitie == "Eerste"


# --- the check before sending -------------------------------------------------------------------


def _stap_1(client, traject, titel=Titel.VI):
    return client.post(
        reverse("trajecten:uitstroom", args=[traject.pk]),
        {
            "versie": traject.versie,
            "uitstroom_datum": VANDAAG().strftime("%d-%m-%Y"),
            "titel": titel,
            "toelichting": "",
        },
    )


def test_check_page_warns_and_sending_anyway_needs_a_reason(client, demo, traject, gebeurtenissen):
    client.force_login(demo["casemanager1"])
    controleren = reverse("trajecten:uitstroom_controleren", args=[traject.pk])
    assert _stap_1(client, traject)["Location"] == controleren
    pagina = client.get(controleren).content.decode()
    for code in ("geen_id", "geen_slaapplek", "geen_inkomen"):
        assert f'data-waarschuwing="{code}"' in pagina
    assert "wijzigen" in pagina and 'data-regie="reclassering"' in pagina
    # Ticked, but no reason: the field says so, nothing is saved.
    traject.refresh_from_db()
    antwoord = client.post(
        controleren, {"versie": traject.versie, "toch_versturen": "on", "reden": ""}
    )
    assert antwoord.status_code == 400
    assert "Geef de reden waarom u de overdracht toch verstuurt." in antwoord.content.decode()
    assert not Overdracht.objects.filter(traject=traject).exists()
    traject.refresh_from_db()
    assert traject.uitstroom_datum is None
    # With a reason: sent, the reason and the warnings kept, the event announced.
    antwoord = client.post(
        controleren,
        {
            "versie": traject.versie,
            "toch_versturen": "on",
            "reden": "ID wordt op de dag zelf opgehaald",
        },
    )
    assert antwoord.status_code == 302
    o = Overdracht.objects.get(traject=traject)
    assert o.reden_ondanks_waarschuwingen == "ID wordt op de dag zelf opgehaald"
    assert {w["code"] for w in o.waarschuwingen} >= {"geen_id", "geen_slaapplek"}
    assert [g["soort"] for g in gebeurtenissen].count(Gebeurtenissoort.OVERDRACHT_VERSTUURD) == 1


def test_without_warnings_no_reason_is_asked(client, demo, traject):
    cm = demo["casemanager1"]
    _klaar(cm, traject)
    client.force_login(cm)
    _stap_1(client, traject)
    controleren = reverse("trajecten:uitstroom_controleren", args=[traject.pk])
    assert "data-waarschuwing=" not in client.get(controleren).content.decode()
    traject.refresh_from_db()
    assert client.post(controleren, {"versie": traject.versie}).status_code == 302
    assert Overdracht.objects.get(traject=traject).waarschuwingen == []


def test_direction_to_a_reclassering_that_is_not_involved_is_refused(client, demo):
    cm = demo["casemanager1"]
    t = services.neem_op(
        acting_user=cm,
        voornamen="Kees",
        achternaam="Zonder Reclassering",
        geboortedatum=VANDAAG().replace(year=1980),
        binnenkomst_datum=VANDAAG() - timedelta(days=5),
        gemelde_gemeente=Organisatie.objects.get(code="GM0153"),
    )
    client.force_login(cm)
    _stap_1(client, t, Titel.VI)
    controleren = reverse("trajecten:uitstroom_controleren", args=[t.pk])
    pagina = client.get(controleren).content.decode()
    assert "Betrek eerst de reclassering" in pagina
    assert reverse("trajecten:gegevens", args=[t.pk]) in pagina
    t.refresh_from_db()
    antwoord = client.post(controleren, {"versie": t.versie, "toch_versturen": "on", "reden": "x"})
    assert antwoord.status_code == 400
    assert "Betrek eerst de reclassering" in antwoord.content.decode()
    assert not Overdracht.objects.filter(traject=t).exists()
    with pytest.raises(ValidationError) as fout:
        services.registreer_uitstroom(
            acting_user=cm, traject=t, versie=t.versie, uitstroom_datum=VANDAAG(), titel=Titel.VI
        )
    assert "Betrek eerst de reclassering" in str(fout.value)
    # The casemanager follows the link, involves the reclassering, comes back and sends: the
    # version is the one the check page showed, so their own fix is no conflict.
    services.werk_traject_bij(
        acting_user=cm,
        traject=t,
        versie=t.versie,
        verwachte_uitstroom_datum=None,
        casemanager=cm,
        mentor=None,
        reclassering=Organisatie.objects.get(code="RN"),
        reclassering_team=None,
        reclasseringswerker=demo["reclassering1"],
        titel=Titel.ONBEKEND,
    )
    assert "Betrek eerst" not in client.get(controleren).content.decode()
    t.refresh_from_db()
    antwoord = client.post(controleren, {"versie": t.versie, "toch_versturen": "on", "reden": "x"})
    assert antwoord.status_code == 302
    assert Overdracht.objects.get(traject=t).regie_naar == "reclassering"


@pytest.mark.django_db(transaction=True)
def test_sending_twice_at_the_same_moment_gives_one_handover(demo):
    cm = demo["casemanager1"]
    t = services.neem_op(
        acting_user=cm,
        voornamen="Dubbel",
        achternaam="Klik",
        geboortedatum=VANDAAG().replace(year=1980),
        binnenkomst_datum=VANDAAG() - timedelta(days=5),
        gemelde_gemeente=Organisatie.objects.get(code="GM0153"),
    )
    versie = t.versie
    klaar = threading.Barrier(5)
    resultaten, fouten = [], []

    def draad():
        try:
            traject = Traject.objects.get(pk=t.pk)
            klaar.wait()
            resultaten.append(
                services.registreer_uitstroom(
                    acting_user=cm,
                    traject=traject,
                    versie=versie,
                    uitstroom_datum=VANDAAG(),
                    titel=Titel.GEEN,
                    toch_versturen=True,
                    reden="dubbel",
                )
            )
        except ValidationError as fout:
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=draad) for _ in range(5)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=60)
    assert len(resultaten) == 1 and len(fouten) == 4
    assert Overdracht.objects.filter(traject=t).count() == 1


# --- release ends detention's clock ---------------------------------------------------------------


def test_release_cancels_meetings_after_it_and_stops_the_countdown(
    client, demo, traject, gebeurtenissen
):
    cm = demo["casemanager1"]
    gesprek = traject.gesprekken.get()  # the startoverleg, two days from now
    eerder = services.plan_gesprek(
        acting_user=cm,
        traject=traject,
        soort="mdo",
        gepland_op=timezone.now() - timedelta(days=1),
        plaats="PI Almelo",
    )
    client.force_login(cm)
    detail = reverse("trajecten:detail", args=[traject.pk])
    assert 'data-status="open"' in client.get(detail).content.decode()
    services.registreer_uitstroom(
        acting_user=cm,
        traject=traject,
        versie=traject.versie,
        uitstroom_datum=VANDAAG(),
        titel=Titel.VI,
        toch_versturen=True,
        reden="Vrijgelaten door de rechter",
    )
    gesprek.refresh_from_db()
    eerder.refresh_from_db()
    assert gesprek.geannuleerd and gesprek.geannuleerd_reden == "uitstroom"
    assert not eerder.geannuleerd  # before the release day: it stands
    geannuleerd = [g for g in gebeurtenissen if g["soort"] == Gebeurtenissoort.GESPREK_GEANNULEERD]
    assert [g["gegevens"] for g in geannuleerd] == [{"gesprek_id": str(gesprek.pk)}]
    html = client.get(detail).content.decode()
    assert "Geannuleerd: uitgestroomd" in html
    for status in ("open", "bijna", "te_laat", "gepland"):
        assert (
            f'data-status="{status}"'
            not in html.split('id="termijnen-kop"')[1].split("</table>")[0]
        )
    ics = client.get(reverse("trajecten:gesprek_ics", args=[traject.pk, gesprek.pk]))
    assert b"STATUS:CANCELLED" in ics.content
    # A cancelled meeting counts as planned nowhere.
    t = selectors.voor_trajectpagina().get(pk=traject.pk)
    assert t.startoverleg_gepland is None
    assert Trajectgesprek.objects.filter(geannuleerd_op__isnull=True, pk=gesprek.pk).count() == 0
