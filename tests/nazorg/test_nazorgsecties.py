"""Issue 12 in the nazorg inbox: 'Overdrachten te bevestigen' with the button, confirmed ones
shown as such, the cases in the nazorg phase and those past their period ('af te sluiten'); a
section's queries do not grow with its cases. And the dashboard's 'Basisvoorwaarden op orde na
nazorg' counts what was closed."""

import csv
import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ketenpartners.models import Organisatie
from trajecten import services
from trajecten.keuzes import Domein, Titel, Uitkomst
from trajecten.models import Traject

from ..factories import TrajectFactory

pytestmark = pytest.mark.django_db


def vrijgelaten(demo, n=1, *, naam="Nazorg"):
    enschede = Organisatie.objects.get(code="GM0153")
    trajecten = []
    for i in range(n):
        t = TrajectFactory(
            acting_user=demo["casemanager1"],
            achternaam=f"{naam} {i}",
            gemelde_gemeente=enschede,
        )
        services.registreer_uitstroom(
            acting_user=demo["casemanager1"],
            traject=t,
            versie=t.versie,
            uitstroom_datum=timezone.localdate(),
            titel=Titel.GEEN,
            toch_versturen=True,
            reden="Test: uitstroom zonder voorbereiding.",
        )
        trajecten.append(t)
    return trajecten


def verlopen(traject, weken=14):
    vandaag = timezone.localdate()
    Traject.objects.filter(pk=traject.pk).update(
        binnenkomst_datum=vandaag - timedelta(weeks=weken + 4),
        uitstroom_datum=vandaag - timedelta(weeks=weken),
    )


def test_the_sections_show_what_to_confirm_what_is_confirmed_and_what_to_close(client, demo):
    te_bevestigen, bevestigd, oud = vrijgelaten(demo, 3)
    services.bevestig_overdracht(acting_user=demo["nazorg1"], traject=bevestigd)
    services.bevestig_overdracht(acting_user=demo["nazorg1"], traject=oud)
    verlopen(oud)
    client.force_login(demo["nazorg1"])
    inbox = reverse("nazorg:inbox")

    html = client.get(inbox).content.decode()
    assert "Overdrachten te bevestigen 1" in html
    assert "In nazorg 3" in html and "Af te sluiten 1" in html

    html = client.get(inbox, {"nazorg": "te_bevestigen"}).content.decode()
    assert te_bevestigen.gedetineerde.achternaam in html
    assert bevestigd.gedetineerde.achternaam not in html
    assert "Ontvangen, ik pak het op" in html

    html = client.get(inbox, {"nazorg": "nazorgfase"}).content.decode()
    assert all(t.gedetineerde.achternaam in html for t in (te_bevestigen, bevestigd, oud))
    assert 'data-status="bevestigd"' in html and "Overdracht ontvangen door" in html

    html = client.get(inbox, {"nazorg": "af_te_sluiten"}).content.decode()
    assert oud.gedetineerde.achternaam in html and bevestigd.gedetineerde.achternaam not in html
    assert 'data-status="af-te-sluiten"' in html

    # The button in the inbox confirms and comes back to the inbox.
    antwoord = client.post(
        reverse("trajecten:overdracht_ontvangen", args=[te_bevestigen.pk]),
        {"terug": f"{inbox}?nazorg=te_bevestigen"},
    )
    assert antwoord.status_code == 302 and antwoord.url == f"{inbox}?nazorg=te_bevestigen"
    assert "Overdrachten te bevestigen 0" in client.get(inbox).content.decode()


def test_the_section_takes_the_same_queries_for_more_cases(client, demo):
    client.force_login(demo["nazorg1"])
    url = reverse("nazorg:inbox") + "?nazorg=nazorgfase"

    def tel():
        with CaptureQueriesContext(connection) as q:
            assert client.get(url).status_code == 200
        return len(q)

    vrijgelaten(demo, 1, naam="Eerst")
    een = tel()
    services.bevestig_overdracht(
        acting_user=demo["nazorg1"], traject=vrijgelaten(demo, 1, naam="Dan")[0]
    )
    vrijgelaten(demo, 3, naam="Meer")
    assert tel() == een


def test_the_dashboard_counts_op_orde_after_nazorg(client, demo):
    a, b = vrijgelaten(demo, 2)
    for t, huisvesting in ((a, Uitkomst.OP_ORDE), (b, Uitkomst.NIET_OP_ORDE)):
        t.refresh_from_db()
        services.sluit_nazorg_af(
            acting_user=demo["nazorg1"],
            traject=t,
            versie=t.versie,
            uitkomsten={
                **{d: Uitkomst.OP_ORDE for d in Domein.values},
                Domein.HUISVESTING: huisvesting,
                Domein.ZORG: Uitkomst.ONBEKEND,
            },
        )
    client.force_login(demo["staf1"])
    html = client.get(reverse("dashboard:overzicht")).content.decode()
    assert "Basisvoorwaarden op orde na nazorg" in html
    antwoord = client.get(reverse("dashboard:csv", args=["na_nazorg"]))
    rijen = list(csv.reader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0] == ["Basisvoorwaarde", "Op orde bij afsluiting", "Afgesloten", "% op orde"]
    per_domein = {r[0]: r[1:] for r in rijen[1:]}
    assert per_domein["ID-bewijs"] == ["2", "2", "100"]
    assert per_domein["Huisvesting"] == ["1", "2", "50"]
    assert per_domein["Zorg"] == ["0", "2", "0"]
    assert len(per_domein) == 6


def test_the_demo_gives_nazorg1_a_handover_to_confirm_and_a_case_to_close(demo):
    from django.core.management import call_command

    from nazorg.selectors import tellingen

    call_command("seed_demo", "--force", stdout=io.StringIO())
    call_command("seed_demo", "--force", stdout=io.StringIO())  # idempotent
    telling = tellingen(user=demo["nazorg1"])
    assert telling["te_bevestigen"] >= 1 and telling["af_te_sluiten"] >= 1
    assert Traject.objects.filter(gedetineerde__achternaam="Bakker", fase="na_detentie").exists()
