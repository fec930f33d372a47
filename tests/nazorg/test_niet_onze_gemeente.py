"""Issue 12 item 6: a gemeente answers "niet onze gemeente". The answer is kept with its reason,
access follows at once (the answering gemeente loses the case, a named right gemeente gets it),
the casemanager keeps the case and is asked to verify, and the events are sent."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ketenpartners.models import Organisatie
from nazorg import services
from trajecten import services as trajectdiensten
from trajecten.keuzes import Gebeurtenissoort
from trajecten.models import NietOnzeGemeente
from trajecten.signalen import gebeurtenis

MELDING = "Gemeente Enschede meldt: niet onze inwoner — controleer de terugkeergemeente"


@pytest.fixture
def gebeurtenissen():
    ontvangen = []

    def ontvanger(sender, soort, traject, door, ontvangers, gegevens, **kwargs):
        ontvangen.append((soort, traject.pk, door, ontvangers, gegevens))

    gebeurtenis.connect(ontvanger, dispatch_uid="test-niet-onze")
    yield ontvangen
    gebeurtenis.disconnect(dispatch_uid="test-niet-onze")


@pytest.mark.django_db
def test_a_reason_is_required(client, demo, traject):
    client.force_login(demo["nazorg1"])
    url = reverse("nazorg:niet_onze_gemeente", args=[traject.pk])
    response = client.post(url, {"reden": "  ", "juiste_gemeente": ""})
    assert response.status_code == 400
    assert "Vul in waarom deze persoon niet bij uw gemeente hoort" in response.content.decode()
    assert not NietOnzeGemeente.objects.exists()
    assert client.get(reverse("trajecten:detail", args=[traject.pk])).status_code == 200


@pytest.mark.django_db
def test_naming_the_right_gemeente_moves_access_at_once(client, demo, traject, gebeurtenissen):
    rotterdam = Organisatie.objects.get(code="GM0599")
    client.force_login(demo["nazorg2"])
    detail = reverse("trajecten:detail", args=[traject.pk])
    assert client.get(detail).status_code == 404

    client.force_login(demo["nazorg1"])
    response = client.post(
        reverse("nazorg:niet_onze_gemeente", args=[traject.pk]),
        {"reden": "Verhuisd naar Rotterdam in maart.", "juiste_gemeente": rotterdam.pk},
    )
    assert response.status_code == 302
    assert response.url == reverse("nazorg:inbox")
    # The old gemeente: the same 404 as a case that does not exist.
    assert client.get(detail).status_code == 404
    assert traject.pk not in [t.pk for t in client.get(reverse("nazorg:inbox")).context["pagina"]]
    # The new gemeente sees it now.
    client.force_login(demo["nazorg2"])
    assert client.get(detail).status_code == 200
    traject.refresh_from_db()
    assert traject.terugkeer_gemeente == rotterdam
    assert traject.terugkeer_geverifieerd_op is None
    # The casemanager keeps the case and is asked to verify.
    client.force_login(demo["casemanager1"])
    pagina = client.get(detail).content.decode()
    assert MELDING in pagina
    assert "Verhuisd naar Rotterdam in maart." in pagina
    assert "Rotterdam (genoemd door een andere gemeente, niet geverifieerd)" in pagina
    soorten = [g[0] for g in gebeurtenissen]
    assert soorten == [Gebeurtenissoort.NIET_ONZE_GEMEENTE, Gebeurtenissoort.GEMEENTE_GEWIJZIGD]
    assert all(g[3] == [demo["casemanager1"].pk] for g in gebeurtenissen)
    assert gebeurtenissen[1][4] == {"van": "Enschede", "naar": "Rotterdam"}


@pytest.mark.django_db
def test_without_a_right_gemeente_the_answering_gemeente_loses_access_and_the_pi_keeps_it(
    client, demo, traject, gebeurtenissen
):
    services.meld_niet_onze_gemeente(
        acting_user=demo["nazorg1"], traject=traject, reden="Onbekend in de BRP van Enschede."
    )
    detail = reverse("trajecten:detail", args=[traject.pk])
    client.force_login(demo["nazorg1"])
    assert client.get(detail).status_code == 404
    for wie in ("casemanager1", "mentor1", "reclassering1"):
        client.force_login(demo[wie])
        assert client.get(detail).status_code == 200, wie
    client.force_login(demo["casemanager1"])
    assert MELDING in client.get(detail).content.decode()
    assert [g[0] for g in gebeurtenissen] == [Gebeurtenissoort.NIET_ONZE_GEMEENTE]


@pytest.mark.django_db
def test_verifying_clears_the_message_and_gives_access_to_the_verified_gemeente(
    client, demo, traject
):
    services.meld_niet_onze_gemeente(
        acting_user=demo["nazorg1"], traject=traject, reden="Onbekend in de BRP."
    )
    enschede = Organisatie.objects.get(code="GM0153")
    # The casemanager checked with the person: Enschede after all.
    trajectdiensten.verifieer_terugkeergemeente(
        acting_user=demo["casemanager1"], traject=traject, gemeente=enschede
    )
    detail = reverse("trajecten:detail", args=[traject.pk])
    client.force_login(demo["casemanager1"])
    assert MELDING not in client.get(detail).content.decode()
    client.force_login(demo["nazorg1"])
    assert client.get(detail).status_code == 200


@pytest.mark.django_db
def test_a_double_answer_records_one(demo, traject):
    services.meld_niet_onze_gemeente(
        acting_user=demo["nazorg1"], traject=traject, reden="Onbekend in de BRP."
    )
    # The second click comes from a page loaded before the first: the door no longer lets the
    # gemeente in, and the service refuses a second open answer.
    with pytest.raises(ValidationError):
        services.meld_niet_onze_gemeente(
            acting_user=demo["nazorg1"], traject=traject, reden="Onbekend in de BRP."
        )
    assert NietOnzeGemeente.objects.count() == 1


@pytest.mark.django_db
def test_another_gemeente_cannot_answer_for_the_case(client, demo, traject):
    client.force_login(demo["nazorg2"])
    response = client.post(
        reverse("nazorg:niet_onze_gemeente", args=[traject.pk]), {"reden": "Niet van ons"}
    )
    assert response.status_code == 404
    assert not NietOnzeGemeente.objects.exists()
