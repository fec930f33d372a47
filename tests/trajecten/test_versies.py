"""No lost update (issue 13, item 2; ADR 0010): a save names the version it started from; a save
over someone else's newer version is refused with who and when, both versions are shown, and
what the user typed stays in the form."""

import re
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from reintegratie.versies import VerouderdeVersie
from trajecten import services
from trajecten.keuzes import BVStatus, Domein, Titel
from trajecten.models import Actie, Basisvoorwaarde, DRPlan, Traject


def _bv(traject: Traject, domein: str = Domein.HUISVESTING) -> Basisvoorwaarde:
    return Basisvoorwaarde.objects.get(traject=traject, domein=domein)


@pytest.mark.django_db
def test_a_save_from_an_old_version_is_refused_and_names_who_and_when(demo, traject):
    mentor, cm = demo["mentor1"], demo["casemanager1"]
    bij_mentor, bij_cm = _bv(traject), _bv(traject)  # both open version 1
    services.werk_basisvoorwaarde_bij(
        acting_user=mentor,
        basisvoorwaarde=bij_mentor,
        versie=bij_mentor.versie,
        status=BVStatus.NIET_OP_ORDE,
        hulpvraag="Geen woning na uitstroom",
    )
    with pytest.raises(VerouderdeVersie) as fout:
        services.werk_basisvoorwaarde_bij(
            acting_user=cm,
            basisvoorwaarde=bij_cm,
            versie=bij_cm.versie,
            status=BVStatus.OP_ORDE,
            hulpvraag="",
        )
    tijd = f"{timezone.localtime(fout.value.op):%H:%M}"
    assert f"Pieter Jansen heeft dit om {tijd} gewijzigd" in fout.value.melding
    assert fout.value.hunne["hulpvraag"] == "Geen woning na uitstroom"
    assert fout.value.hunne["status"] == "Niet op orde"
    opgeslagen = _bv(traject)
    assert (opgeslagen.status, opgeslagen.hulpvraag, opgeslagen.versie) == (
        BVStatus.NIET_OP_ORDE,
        "Geen woning na uitstroom",
        2,
    )
    assert opgeslagen.gewijzigd_door == mentor
    # Saving again from the version now shown is a deliberate overwrite, and allowed.
    services.werk_basisvoorwaarde_bij(
        acting_user=cm, basisvoorwaarde=bij_cm, versie=2, status=BVStatus.OP_ORDE, hulpvraag=""
    )
    assert _bv(traject).versie == 3


@pytest.mark.django_db
def test_plan_gegevens_handover_and_actions_carry_their_version(demo, traject):
    cm = demo["casemanager1"]
    plan = DRPlan.objects.get(traject=traject)
    velden = {
        "begeleidingsplan": "Plan A",
        "doelen": "Doelen A",
        "activiteiten": "",
        "regie": "pi",
        "monitoring": "",
        "gespreksfrequentie_weken": 6,
    }
    services.bewerk_plan(acting_user=cm, traject=traject, versie=plan.versie, **velden)
    with pytest.raises(VerouderdeVersie):
        services.bewerk_plan(acting_user=cm, traject=traject, versie=1, **velden)
    with pytest.raises(VerouderdeVersie):  # adopting a text the MDO did not see
        services.stel_plan_vast(
            acting_user=cm, traject=traject, versie=1, vastgesteld_datum=timezone.localdate()
        )

    traject.refresh_from_db()
    oud = traject.versie
    gegevens = {
        "verwachte_uitstroom_datum": None,
        "casemanager": cm,
        "mentor": demo["mentor1"],
        "reclassering": traject.reclassering,
        "reclassering_team": traject.reclassering_team,
        "reclasseringswerker": traject.reclasseringswerker,
        "titel": Titel.VI,
    }
    services.werk_traject_bij(acting_user=cm, traject=traject, versie=oud, **gegevens)
    with pytest.raises(VerouderdeVersie):
        services.werk_traject_bij(acting_user=cm, traject=traject, versie=oud, **gegevens)
    with pytest.raises(VerouderdeVersie):
        services.registreer_uitstroom(
            toch_versturen=True,
            reden="Toch versturen (test)",
            acting_user=cm,
            traject=traject,
            versie=oud,
            uitstroom_datum=timezone.localdate(),
            titel=Titel.GEEN,
        )
    traject.refresh_from_db()
    assert (traject.titel, traject.uitstroom_datum) == (Titel.VI, None)

    actie = services.voeg_actie_toe(
        acting_user=cm,
        basisvoorwaarde=_bv(traject),
        omschrijving="Woning zoeken",
        organisatie=traject.pi,
    )
    services.zet_actiestatus(acting_user=cm, actie=actie, versie=1, status="gedaan")
    with pytest.raises(VerouderdeVersie):
        services.zet_actiestatus(acting_user=cm, actie=actie, versie=1, status="bezig")
    assert Actie.objects.get(pk=actie.pk).status == "gedaan"


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_from_the_same_version_one_wins_one_is_refused(demo, traject):
    """Real threads on PostgreSQL, both past every check before either writes."""
    gebruikers = [demo["mentor1"], demo["casemanager1"]]
    pk = _bv(traject).pk
    start = threading.Barrier(2)
    uitkomst: dict[str, object] = {}

    def bewaar(gebruiker, hulpvraag):
        try:
            bv = Basisvoorwaarde.objects.select_related("traject").get(pk=pk)
            start.wait(timeout=10)
            services.werk_basisvoorwaarde_bij(
                acting_user=gebruiker,
                basisvoorwaarde=bv,
                versie=1,
                status=BVStatus.NIET_OP_ORDE,
                hulpvraag=hulpvraag,
            )
            uitkomst[hulpvraag] = "opgeslagen"
        except VerouderdeVersie as fout:
            uitkomst[hulpvraag] = fout
        finally:
            connection.close()

    draden = [
        threading.Thread(target=bewaar, args=(g, f"Hulpvraag van {g.username}")) for g in gebruikers
    ]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=30)
    gewonnen = [h for h, u in uitkomst.items() if u == "opgeslagen"]
    geweigerd = [u for u in uitkomst.values() if isinstance(u, VerouderdeVersie)]
    assert len(gewonnen) == 1 and len(geweigerd) == 1, uitkomst
    opgeslagen = Basisvoorwaarde.objects.get(pk=pk)
    assert opgeslagen.hulpvraag == gewonnen[0] and opgeslagen.versie == 2
    # The refusal names the winner and shows the winner's text: nothing is lost silently.
    assert geweigerd[0].hunne["hulpvraag"] == gewonnen[0]
    winnaar = next(g for g in gebruikers if g.username in gewonnen[0])
    assert winnaar.get_full_name() in geweigerd[0].melding


def _tekstvak(html: str, naam: str) -> str:
    return re.search(rf'<textarea name="{naam}"[^>]*>\s*(.*?)</textarea>', html, re.S).group(1)


@pytest.mark.django_db
@pytest.mark.parametrize("htmx", [False, True], ids=["formulier", "htmx-in-place"])
def test_a_stale_browser_save_shows_both_versions_and_keeps_what_was_typed(demo, traject, htmx):
    mentor, cm = Client(), Client()
    mentor.force_login(demo["mentor1"])
    cm.force_login(demo["casemanager1"])
    url = reverse("trajecten:basisvoorwaarde", args=[traject.pk, Domein.HUISVESTING])
    headers = {"HX-Request": "true"} if htmx else {}
    for client in (mentor, cm):  # both open the form on version 1
        assert 'name="versie" value="1"' in client.get(url, headers=headers).content.decode()
    eerst = mentor.post(
        url,
        {"versie": 1, "status": BVStatus.NIET_OP_ORDE, "hulpvraag": "Woning via corporatie"},
        headers=headers,
    )
    assert eerst.status_code in (200, 302)
    laat = cm.post(
        url,
        {"versie": 1, "status": BVStatus.IN_BEHANDELING, "hulpvraag": "Opvang aangevraagd"},
        headers=headers,
    )
    html = laat.content.decode()
    tijd = f"{timezone.localtime(_bv(traject).gewijzigd_op):%H:%M}"
    assert laat.status_code == 400
    assert f"Pieter Jansen heeft dit om {tijd} gewijzigd" in html
    assert "Twee versies" in html and "Woning via corporatie" in html  # theirs, shown
    assert _tekstvak(html, "hulpvraag") == "Opvang aangevraagd"  # mine, kept in the form
    assert 'name="versie" value="2"' in html  # saving again overwrites knowingly
    assert _bv(traject).hulpvraag == "Woning via corporatie"
    opnieuw = cm.post(
        url,
        {"versie": 2, "status": BVStatus.IN_BEHANDELING, "hulpvraag": "Opvang aangevraagd"},
        headers=headers,
    )
    assert opnieuw.status_code in (200, 302)
    assert _bv(traject).hulpvraag == "Opvang aangevraagd"


@pytest.mark.django_db
def test_a_stale_plan_form_keeps_the_typed_goals(client, demo, traject):
    client.force_login(demo["casemanager1"])
    url = reverse("trajecten:plan", args=[traject.pk])
    services.bewerk_plan(
        acting_user=demo["casemanager1"],
        traject=traject,
        versie=1,
        begeleidingsplan="Van de collega",
        doelen="Doelen van de collega",
        activiteiten="",
        regie="pi",
        monitoring="",
        gespreksfrequentie_weken=6,
    )
    response = client.post(
        url,
        {
            "versie": 1,
            "begeleidingsplan": "Mijn plan",
            "doelen": "Mijn doelen",
            "regie": "pi",
            "gespreksfrequentie_weken": 4,
        },
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "heeft dit om" in html and "Doelen van de collega" in html
    assert _tekstvak(html, "doelen") == "Mijn doelen"
    assert DRPlan.objects.get(traject=traject).doelen == "Doelen van de collega"


@pytest.mark.django_db
def test_a_stale_gegevens_form_is_refused(client, demo, traject):
    client.force_login(demo["casemanager1"])
    url = reverse("trajecten:gegevens", args=[traject.pk])
    traject.refresh_from_db()
    services.werk_traject_bij(
        acting_user=demo["casemanager1"],
        traject=traject,
        versie=traject.versie,
        verwachte_uitstroom_datum=timezone.localdate() + timedelta(days=200),
        casemanager=demo["casemanager1"],
        mentor=None,
        reclassering=None,
        reclassering_team=None,
        reclasseringswerker=None,
        titel=Titel.GEEN,
    )
    response = client.post(
        url,
        {"versie": traject.versie - 1, "casemanager": demo["casemanager1"].pk, "titel": "vi"},
    )
    assert response.status_code == 400 and "heeft dit om" in response.content.decode()
    traject.refresh_from_db()
    assert traject.titel == Titel.GEEN
