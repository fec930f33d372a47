import pytest
from rest_framework.test import APIClient

from api import services
from ketenpartners.models import Organisatie


@pytest.fixture
def sleutels(demo):
    """API keys of three system clients: PI Almelo (TULP), gemeente Enschede, gemeente Rotterdam."""
    uit = {}
    for naam, code in (("pi", "PI-ALMELO"), ("enschede", "GM0153"), ("rotterdam", "GM0599")):
        token, sleutel = services.geef_token_uit(
            acting_user=demo["beheer1"], organisatie=Organisatie.objects.get(code=code), naam=naam
        )
        uit[naam] = (token, sleutel)
    return uit


def api(sleutel: str | None = None) -> APIClient:
    client = APIClient()
    if sleutel:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {sleutel}")
    return client


MELDING = {
    "externe_referentie": "INJUS-2026-000123",
    "voornamen": "Mo",
    "achternaam": "Meldingman",
    "geboortedatum": "1990-05-05",
    "pi": "PI-ALMELO",
    "binnenkomst_datum": "2026-11-02",
    "verwachte_uitstroom_datum": "2027-01-15",
    "gemeente": "GM0153",
}
