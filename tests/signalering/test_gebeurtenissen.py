"""Issue 12, slice A: events that reach people. Who hears of each kind, an inactive account's
share going to the PI's staffunctionaris, each person's channel (app, digest, direct), and that
a rolled-back change tells nobody."""

from datetime import date, timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ketenpartners.models import Contactpunt, Organisatie
from signalering import selectors, services, tasks, voorkeuren
from signalering.models import (
    SIGNALERINGEN,
    Bericht,
    Berichtsoort,
    Gebeurtenis,
    Kanaal,
    Meldingsvoorkeur,
    Notificatie,
    Signaleringssoort,
)
from trajecten import services as trajectdiensten
from trajecten.keuzes import Gebeurtenissoort as G

from .test_scan import ENSCHEDE, intake

pytestmark = pytest.mark.django_db


def wie(soort: str) -> set[str]:
    """Who was notified of the (only) event of this kind: usernames and 'cp:<gemeente code>'."""
    return {
        n.ontvanger.username if n.ontvanger else f"cp:{n.contactpunt.organisatie.code}"
        for n in Notificatie.objects.filter(gebeurtenis__soort=soort).select_related(
            "ontvanger", "contactpunt__organisatie"
        )
    }


def test_a_new_detention_reaches_the_return_gemeente_at_once(demo):
    intake(demo, timezone.localdate() - timedelta(days=1))
    assert wie(G.DETENTIE_GEMELD) == {"nazorg1", f"cp:{ENSCHEDE}"}  # not the casemanager


def test_a_changed_release_date_reaches_gemeente_and_reclassering_only_when_it_changed(
    demo, traject
):
    nieuw = timezone.localdate() + timedelta(days=60)

    def bewaar(datum):
        traject.refresh_from_db()
        trajectdiensten.werk_traject_bij(
            acting_user=demo["casemanager1"],
            traject=traject,
            versie=traject.versie,
            verwachte_uitstroom_datum=datum,
            casemanager=traject.casemanager,
            mentor=traject.mentor,
            reclassering=traject.reclassering,
            reclassering_team=traject.reclassering_team,
            reclasseringswerker=traject.reclasseringswerker,
            titel=traject.titel,
        )

    bewaar(nieuw)
    assert wie(G.UITSTROOMDATUM_GEWIJZIGD) == {"nazorg1", "reclassering1", f"cp:{ENSCHEDE}"}
    g = Gebeurtenis.objects.get(soort=G.UITSTROOMDATUM_GEWIJZIGD)
    assert g.gegevens == {"datum": nieuw.isoformat()}
    assert nieuw.strftime("%d-%m-%Y") in g.omschrijving
    bewaar(nieuw)  # the same date again: nobody is told twice
    assert Gebeurtenis.objects.filter(soort=G.UITSTROOMDATUM_GEWIJZIGD).count() == 1


def test_a_planned_meeting_reaches_the_invited_people_and_gemeenten(demo, traject):
    gesprek = trajectdiensten.plan_gesprek(
        acting_user=demo["casemanager1"],
        traject=traject,
        soort="mdo",
        gepland_op=timezone.now() + timedelta(days=5),
        plaats="PI Almelo",
        organisaties=[Organisatie.objects.get(code=ENSCHEDE)],
        deelnemers=[demo["mentor1"], demo["casemanager1"]],
    )
    g = Gebeurtenis.objects.filter(soort=G.GESPREK_GEPLAND).latest("pk")
    assert g.gegevens["gesprek_id"] == str(gesprek.pk)
    assert {n.ontvanger.username for n in g.notificaties.all()} == {"mentor1", "nazorg1"}


@pytest.mark.parametrize(
    ("soort", "door", "verwacht"),
    [
        (G.OVERDRACHT_VERSTUURD, "casemanager1", {"nazorg1", "reclassering1", f"cp:{ENSCHEDE}"}),
        (G.OVERDRACHT_BEVESTIGD, "nazorg1", {"casemanager1"}),
        (G.NIET_ONZE_GEMEENTE, "nazorg1", {"casemanager1"}),
        (G.TRAJECT_AFGESLOTEN, "nazorg1", {"casemanager1"}),
        (G.CASELOAD_OVERGEDRAGEN, "staf1", {"casemanager1", "mentor1"}),
    ],
)
def test_who_hears_of_each_kind(demo, traject, soort, door, verwacht):
    with transaction.atomic():
        trajectdiensten.meld_gebeurtenis(
            soort,
            traject=traject,
            door=demo[door],
            ontvangers=[demo["mentor1"].pk] if soort == G.CASELOAD_OVERGEDRAGEN else [],
        )
    assert wie(soort) == verwacht


def test_a_moved_case_reaches_the_new_gemeente(demo, traject):
    from trajecten.models import Traject

    Traject.objects.filter(pk=traject.pk).update(
        gemelde_gemeente=Organisatie.objects.get(code="GM0599")
    )
    trajectdiensten.meld_gebeurtenis(G.GEMEENTE_GEWIJZIGD, traject=traject, door=demo["nazorg1"])
    ontvangers = wie(G.GEMEENTE_GEWIJZIGD)
    assert "nazorg2" in ontvangers and "nazorg1" not in ontvangers


def test_an_event_for_an_inactive_account_goes_to_the_staffunctionaris(demo, traject):
    demo["casemanager1"].is_active = False
    demo["casemanager1"].save()
    trajectdiensten.meld_gebeurtenis(G.OVERDRACHT_BEVESTIGD, traject=traject, door=demo["nazorg1"])
    assert wie(G.OVERDRACHT_BEVESTIGD) == {"staf1"}


def test_a_flag_for_an_inactive_casemanager_goes_to_the_staffunctionaris(demo):
    intake(demo, date(2026, 3, 2))
    demo["casemanager1"].is_active = False
    demo["casemanager1"].save()
    services.scan(vandaag=date(2026, 6, 1))
    ontvangers = set(
        Notificatie.objects.filter(
            signalering__soort=Signaleringssoort.CONTACT_GEMEENTE
        ).values_list("ontvanger__username", flat=True)
    )
    assert ontvangers == {"staf1"}


def test_defaults_per_role(demo):
    nazorg = voorkeuren.voorkeuren_van(demo["nazorg1"])
    assert nazorg[G.DETENTIE_GEMELD] == nazorg[G.OVERDRACHT_VERSTUURD] == Kanaal.DIRECT
    assert nazorg[G.GESPREK_GEPLAND] == nazorg[SIGNALERINGEN] == Kanaal.DIGEST
    cm = voorkeuren.voorkeuren_van(demo["casemanager1"])
    assert cm[G.OVERDRACHT_BEVESTIGD] == cm[G.NIET_ONZE_GEMEENTE] == Kanaal.DIRECT
    assert cm[SIGNALERINGEN] == Kanaal.DIGEST


def test_direct_writes_one_outbox_message_and_queues_it_after_commit(
    demo, monkeypatch, django_capture_on_commit_callbacks
):
    gequeued: list[int] = []
    monkeypatch.setattr(tasks, "in_wachtrij", lambda ids: gequeued.extend(ids))
    with django_capture_on_commit_callbacks(execute=False) as na_commit:
        intake(demo, timezone.localdate(), achternaam="Geheimnaam")
        bericht = Bericht.objects.get(aan="nazorg1@demo.example")
        assert gequeued == []  # nothing leaves before the commit
    assert bericht.soort == Berichtsoort.DIRECT
    assert "Nieuwe detentie" in bericht.onderwerp
    assert "Geheimnaam" not in bericht.tekst and "traject" in bericht.tekst
    for callback in na_commit:
        callback()
    assert gequeued == [bericht.pk]
    assert Notificatie.objects.get(ontvanger=demo["nazorg1"]).bericht == bericht


def test_in_the_app_only_sends_no_mail(demo):
    for soort in voorkeuren.SOORTEN:
        Meldingsvoorkeur.objects.create(medewerker=demo["nazorg1"], soort=soort, kanaal=Kanaal.APP)
    intake(demo, timezone.localdate())
    assert Notificatie.objects.filter(ontvanger=demo["nazorg1"]).count() == 1  # in the bell
    assert not Bericht.objects.filter(aan="nazorg1@demo.example").exists()
    services.stel_digests_op(vandaag=timezone.localdate())
    assert not Bericht.objects.filter(aan="nazorg1@demo.example").exists()


def test_a_rolled_back_change_notifies_nobody(demo):
    with pytest.raises(RuntimeError), transaction.atomic():
        intake(demo, timezone.localdate())
        assert Gebeurtenis.objects.exists()
        raise RuntimeError("iets anders ging mis")
    assert not Gebeurtenis.objects.exists()
    assert not Notificatie.objects.exists()
    assert not Bericht.objects.exists()


def test_the_digest_has_the_events_once_and_never_twice(demo, traject):
    vandaag = timezone.localdate()
    trajectdiensten.plan_gesprek(
        acting_user=demo["casemanager1"],
        traject=traject,
        soort="mdo",
        gepland_op=timezone.now() + timedelta(days=5),
        plaats="PI Almelo",
        organisaties=[Organisatie.objects.get(code=ENSCHEDE)],
    )
    ids = services.stel_digests_op(vandaag=vandaag)
    berichten = {b.aan: b for b in Bericht.objects.filter(pk__in=ids)}
    nazorg = berichten["nazorg1@demo.example"]
    assert nazorg.soort == Berichtsoort.DIGEST
    assert nazorg.onderwerp.startswith("Meldingen en termijnen")
    assert nazorg.tekst.count("U bent uitgenodigd voor een overleg") == 1
    assert "de Vries" not in nazorg.tekst
    # The contact point gets the new detention in its digest (never a direct mail).
    cp = Contactpunt.objects.get(organisatie__code=ENSCHEDE).email.lower()
    assert "Nieuwe detentie" in berichten[cp].tekst
    assert services.stel_digests_op(vandaag=vandaag) == []  # a rerun adds nothing
    assert services.stel_digests_op(vandaag=vandaag + timedelta(days=1)) == []  # nor tomorrow
    assert Bericht.objects.filter(aan="nazorg1@demo.example", soort="digest").count() == 1


def test_the_bell_shows_events_beside_flags_unread_first(client, demo, traject):
    services.scan(vandaag=timezone.localdate() + timedelta(days=60))
    oud = Notificatie.objects.filter(ontvanger=demo["nazorg1"], gebeurtenis__isnull=False).get()
    oud.gelezen_op = timezone.now()
    oud.save()
    trajectdiensten.meld_gebeurtenis(
        G.OVERDRACHT_VERSTUURD, traject=traject, door=demo["casemanager1"]
    )
    client.force_login(demo["nazorg1"])
    html = client.get(reverse("signalering:meldingen")).content.decode()
    assert html.index("Overdracht ontvangen") < html.index("Nieuwe detentie")
    assert "Gemeente heeft de detentie niet gezien" in html  # a flag, beside the events
    assert "J.P. de Vries" in html or "de Vries" in html
    assert reverse("signalering:instellingen") in html


def test_the_notification_list_costs_the_same_queries_for_few_or_many(client, demo):
    client.force_login(demo["nazorg1"])
    intake(demo, timezone.localdate(), achternaam="Een")
    with CaptureQueriesContext(connection) as weinig:
        assert client.get(reverse("signalering:meldingen")).status_code == 200
    for i in range(8):
        intake(demo, timezone.localdate(), achternaam=f"Meer {i}")
    assert len(selectors.notificaties_voor(demo["nazorg1"])) == 9
    with CaptureQueriesContext(connection) as veel:
        client.get(reverse("signalering:meldingen"))
    assert len(veel.captured_queries) == len(weinig.captured_queries) <= 10
