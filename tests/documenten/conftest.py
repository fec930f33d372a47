import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from trajecten import services
from trajecten.keuzes import BVStatus, Domein, Titel

HULPVRAAG_WONEN = "Zoekt een kamer in Enschede, staat nog niet ingeschreven bij Domijn."
HULPVRAAG_SCHULDEN = "Schulden bij het CJIB; een betalingsregeling is nodig voor uitstroom."
GEREGELD_WONEN = "Kamer bij Leger des Heils Enschede vanaf de dag van uitstroom."


def pdf_tekst(inhoud: bytes) -> str:
    """All text of a PDF, whitespace collapsed (a line break may fall anywhere)."""
    tekst = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(inhoud)).pages)
    return " ".join(tekst.split())


@pytest.fixture
def met_hulpvragen(demo, traject):
    cm = demo["casemanager1"]
    for domein, status, hulpvraag in (
        (Domein.HUISVESTING, BVStatus.NIET_OP_ORDE, HULPVRAAG_WONEN),
        (Domein.FINANCIEN_SCHULDEN, BVStatus.IN_BEHANDELING, HULPVRAAG_SCHULDEN),
        (Domein.ID_BEWIJS, BVStatus.OP_ORDE, ""),
    ):
        services.werk_basisvoorwaarde_bij(
            acting_user=cm,
            basisvoorwaarde=(gelezen := traject.basisvoorwaarden.get(domein=domein)),
            versie=gelezen.versie,
            status=status,
            hulpvraag=hulpvraag,
            notities="Interne werknotitie van de PI",
        )
    return traject


@pytest.fixture
def uitgestroomd(demo, met_hulpvragen):
    """The fixture trajectory released today with a conditional release (v.i.): case direction
    passes to the reclassering."""
    services.registreer_uitstroom(
        toch_versturen=True,
        reden="Toch versturen (test)",
        acting_user=demo["casemanager1"],
        traject=met_hulpvragen,
        versie=met_hulpvragen.versie,
        uitstroom_datum=timezone.localdate(),
        titel=Titel.VI,
        toelichting="Meldplicht bij de reclassering op de eerste werkdag.",
        geregeld={Domein.HUISVESTING: GEREGELD_WONEN},
    )
    return met_hulpvragen
