"""One person is one person (issue 13, item 1; ADR 0009): names and a birth date never link two
intakes, a known BSN links only after "Is dit dezelfde persoon?", and nothing of another PI's
record reaches the screen or the API."""

from datetime import date, timedelta
from uuid import uuid4

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from api import services as apidiensten
from audit.models import Auditactie, Auditregel
from ketenpartners.models import Organisatie
from trajecten import services
from trajecten.keuzes import Titel
from trajecten.models import Gedetineerde, Traject

from ..api.conftest import MELDING, api

pytestmark = pytest.mark.django_db

BSN = "111222333"
ALMELO_GEHEIM = ("Leest moeilijk, afspraken op papier", "Tolk Tigrinya nodig")


def vandaag() -> date:
    return timezone.localdate()


def almelo_intake(demo, **extra) -> Traject:
    """PI Almelo's Daan de Boer, with Almelo's own LVB assessment and notes."""
    velden = {
        "voornamen": "Daan",
        "achternaam": "de Boer",
        "geboortedatum": date(1988, 12, 23),
        "binnenkomst_datum": vandaag() - timedelta(days=20),
        "bsn": BSN,
        "lvb": True,
        "lvb_toelichting": ALMELO_GEHEIM[0],
        "communicatiebehoeften": ALMELO_GEHEIM[1],
        "gemelde_gemeente": Organisatie.objects.get(code="GM0153"),
    }
    velden.update(extra)
    return services.neem_op(acting_user=demo["casemanager1"], **velden)


def vrijlaten(demo, traject: Traject) -> None:
    services.registreer_uitstroom(
        toch_versturen=True,
        reden="Toch versturen (test)",
        acting_user=demo["casemanager1"],
        traject=traject,
        versie=traject.versie,
        uitstroom_datum=vandaag() - timedelta(days=2),
        titel=Titel.GEEN,
    )


def formulier(**extra) -> dict:
    velden = {
        "voornamen": "Daan",
        "achternaam": "de Boer",
        "geboortedatum": "1988-12-23",
        "binnenkomst_datum": (vandaag() - timedelta(days=1)).isoformat(),
        "geslacht": "man",
        "intake_sleutel": str(uuid4()),
    }
    velden.update(extra)
    return velden


def nieuwersluis_sleutel(demo) -> str:
    _token, sleutel = apidiensten.geef_token_uit(
        acting_user=demo["beheer1"],
        organisatie=Organisatie.objects.get(code="PI-NIEUWERSLUIS"),
        naam="TULP",
    )
    return sleutel


def geen_almelo(tekst: str) -> None:
    for geheim in (BSN, "PI Almelo", *ALMELO_GEHEIM):
        assert geheim not in tekst


def test_same_name_and_birth_date_in_another_pi_is_another_person_and_discloses_nothing(
    client, demo
):
    almelo = almelo_intake(demo)
    client.force_login(demo["casemanager2"])
    antwoord = client.post(reverse("trajecten:intake"), formulier())
    assert antwoord.status_code == 302
    nieuw = Traject.objects.exclude(pk=almelo.pk).get()
    assert Gedetineerde.objects.count() == 2
    assert nieuw.gedetineerde_id != almelo.gedetineerde_id
    assert (nieuw.pi.code, nieuw.lvb, nieuw.gedetineerde.bsn) == ("PI-NIEUWERSLUIS", False, "")
    almelo.refresh_from_db()
    assert (almelo.lvb, almelo.lvb_toelichting, almelo.communicatiebehoeften) == (
        True,
        *ALMELO_GEHEIM,
    )
    pagina = client.get(nieuw.get_absolute_url()).content.decode()
    assert "Daan de Boer" in pagina
    geen_almelo(pagina)
    assert 'rt-label">LVB' not in pagina
    assert client.get(almelo.get_absolute_url()).status_code == 404

    pi = api(nieuwersluis_sleutel(demo))
    uit = pi.get(f"/api/v1/trajecten/{nieuw.pk}/").json()
    assert (uit["bsn"], uit["lvb"]) == ("", False)
    geen_almelo(str(uit))
    melding = pi.post(
        "/api/v1/meldingen/",
        {
            **MELDING,
            "voornamen": "Daan",
            "achternaam": "de Boer",
            "geboortedatum": "1988-12-23",
            "pi": "PI-NIEUWERSLUIS",
            "binnenkomst_datum": (vandaag() - timedelta(days=1)).isoformat(),
            "verwachte_uitstroom_datum": None,
        },
        format="json",
    )
    assert melding.status_code == 201, melding.content
    assert Gedetineerde.objects.count() == 3
    geen_almelo(pi.get(f"/api/v1/trajecten/{melding.json()['traject']}/").content.decode())


def test_a_running_detention_elsewhere_is_a_neutral_message_and_the_probe_is_audited(client, demo):
    almelo = almelo_intake(demo)
    client.force_login(demo["casemanager2"])
    antwoord = client.post(reverse("trajecten:intake"), formulier(achternaam="Anders", bsn=BSN))
    html = antwoord.content.decode()
    assert antwoord.status_code == 400
    assert "Voor deze persoon loopt al een detentie" in html
    assert 'href="#id_bsn"' in html
    geen_almelo(html.replace(BSN, ""))  # the typed BSN is echoed in its own field
    assert Traject.objects.count() == 1
    vraag = Auditregel.objects.get(actie=Auditactie.BSN_GEZOCHT)
    assert (vraag.traject_id, vraag.gebruikersnaam) == (almelo.pk, "casemanager2")

    # The same through the API: 409 without the other PI's data, and audited.
    pi = api(nieuwersluis_sleutel(demo))
    body = {
        **MELDING,
        "bsn": BSN,
        "pi": "PI-NIEUWERSLUIS",
        "bevestig_bestaande_persoon": True,
    }
    melding = pi.post("/api/v1/meldingen/", body, format="json")
    assert melding.status_code == 409
    assert melding["Content-Type"] == "application/problem+json"
    assert "loopt al een detentie" in melding.json()["detail"]
    geen_almelo(melding.content.decode().replace(BSN, ""))
    assert Auditregel.objects.filter(actie=Auditactie.BSN_GEZOCHT).count() == 2


def test_a_known_bsn_asks_is_this_the_same_person_and_never_attaches_silently(client, demo):
    almelo = almelo_intake(demo)
    vrijlaten(demo, almelo)
    client.force_login(demo["casemanager2"])
    gegevens = formulier(voornamen="Piet", achternaam="Puk", bsn=BSN)
    vraag = client.post(reverse("trajecten:intake"), gegevens)
    html = vraag.content.decode()
    assert vraag.status_code == 200
    assert "Is dit dezelfde persoon?" in html
    assert "Piet Puk" in html  # what the user typed
    assert "Daan" not in html and "Boer" not in html and "1988" in html  # typed birth date only
    geen_almelo(html.replace(BSN, ""))
    assert Traject.objects.count() == 1
    assert Auditregel.objects.filter(actie=Auditactie.BSN_GEZOCHT, traject_id=almelo.pk).exists()

    # "Nee, gegevens aanpassen" keeps what was typed and does not count as a confirmation.
    terug = client.post(
        reverse("trajecten:intake"), {**gegevens, "bevestigd_bsn": BSN, "aanpassen": "1"}
    )
    assert terug.status_code == 200 and 'value="Puk"' in terug.content.decode()
    assert 'name="bevestigd_bsn" value="' + BSN not in terug.content.decode()
    assert Traject.objects.count() == 1

    # A confirmation for another BSN does not count either.
    anders = client.post(reverse("trajecten:intake"), {**gegevens, "bevestigd_bsn": "123456782"})
    assert "Is dit dezelfde persoon?" in anders.content.decode()
    assert Traject.objects.count() == 1

    ja = client.post(reverse("trajecten:intake"), {**gegevens, "bevestigd_bsn": BSN})
    assert ja.status_code == 302
    nieuw = Traject.objects.exclude(pk=almelo.pk).get()
    assert nieuw.gedetineerde_id == almelo.gedetineerde_id
    assert (nieuw.lvb, nieuw.lvb_toelichting, nieuw.communicatiebehoeften) == (False, "", "")
    almelo.refresh_from_db()
    assert almelo.lvb_toelichting == ALMELO_GEHEIM[0]
    pagina = client.get(nieuw.get_absolute_url()).content.decode()
    for geheim in ALMELO_GEHEIM:
        assert geheim not in pagina


def test_the_api_needs_an_explicit_confirmation_for_a_known_bsn(demo):
    almelo = almelo_intake(demo)
    vrijlaten(demo, almelo)
    pi = api(nieuwersluis_sleutel(demo))
    body = {
        **MELDING,
        "voornamen": "Piet",
        "achternaam": "Puk",
        "bsn": BSN,
        "pi": "PI-NIEUWERSLUIS",
        "binnenkomst_datum": (vandaag() - timedelta(days=1)).isoformat(),
        "verwachte_uitstroom_datum": None,
    }
    eerst = pi.post("/api/v1/meldingen/", body, format="json")
    assert eerst.status_code == 409
    assert eerst["Content-Type"] == "application/problem+json"
    assert "bevestig_bestaande_persoon" in eerst.json()["detail"]
    assert "Daan" not in eerst.content.decode()
    geen_almelo(eerst.content.decode().replace(BSN, ""))
    assert Traject.objects.count() == 1

    bevestigd = pi.post(
        "/api/v1/meldingen/", {**body, "bevestig_bestaande_persoon": True}, format="json"
    )
    assert bevestigd.status_code == 201
    nieuw = Traject.objects.get(pk=bevestigd.json()["traject"])
    assert nieuw.gedetineerde_id == almelo.gedetineerde_id
    assert nieuw.lvb is False
    # A repeat of the same melding without the flag is the same melding, not a conflict.
    herhaald = pi.post("/api/v1/meldingen/", body, format="json")
    assert (herhaald.status_code, herhaald.json()["traject"]) == (200, nieuw.pk)


def test_without_a_bsn_the_same_pi_also_gets_a_new_person(demo):
    eerste = almelo_intake(demo, bsn="")
    vrijlaten(demo, eerste)
    tweede = almelo_intake(demo, bsn="", binnenkomst_datum=vandaag())
    assert tweede.gedetineerde_id != eerste.gedetineerde_id


def test_an_own_running_detention_says_so_without_the_neutral_wording(demo):
    almelo_intake(demo)
    with pytest.raises(ValidationError) as fout:
        almelo_intake(demo, voornamen="D.")
    assert "in uw inrichting" in fout.value.message_dict["bsn"][0]
