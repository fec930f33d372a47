"""Informatieblad and handover as PDF and print view: the same content as on screen, contact
details next to each partner, through the access door, in the audit trail, no name in the file."""

import pytest
from django.urls import reverse

from audit.models import Auditregel
from trajecten import pdf

from .conftest import GEREGELD_WONEN, HULPVRAAG_SCHULDEN, HULPVRAAG_WONEN, pdf_tekst

pytestmark = pytest.mark.django_db

CASEMANAGER_TEL = "0546-123 401"
GEMEENTE_TEL = "053-481 1000"
RECLASSERING_TEL = "088-804 1000"
RECLASSERINGSWERKER_TEL = "088-804 1001"
MAG_ZIEN = ["casemanager1", "mentor1", "reclassering1", "nazorg1", "staf1"]
ANDEREN = ["casemanager2", "nazorg2", "beheer1"]


def _url(naam, traject):
    return reverse(f"trajecten:{naam}", kwargs={"pk": traject.pk})


def _haal(client, gebruiker, url):
    client.force_login(gebruiker)
    return client.get(url)


@pytest.mark.parametrize("wie", MAG_ZIEN)
def test_informatieblad_pdf_holds_contacts_and_hulpvragen(client, demo, met_hulpvragen, wie):
    response = _haal(client, demo[wie], _url("document_informatieblad_pdf", met_hulpvragen))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="informatieblad-traject-{met_hulpvragen.pk}.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF")
    tekst = pdf_tekst(response.content)
    assert "Informatieblad" in tekst
    assert CASEMANAGER_TEL in tekst
    assert HULPVRAAG_WONEN in tekst
    assert HULPVRAAG_SCHULDEN in tekst
    assert "Interne werknotitie" not in tekst  # notes stay inside the PI, as on screen


def test_informatieblad_pdf_says_what_the_screen_says(client, demo, met_hulpvragen):
    client.force_login(demo["nazorg1"])
    scherm = client.get(_url("informatieblad", met_hulpvragen)).content.decode()
    tekst = pdf_tekst(client.get(_url("document_informatieblad_pdf", met_hulpvragen)).content)
    for feit in [
        "Jan Pieter de Vries",
        "Enschede",
        "Karin Smit",
        CASEMANAGER_TEL,
        "casemanagement.almelo@dji.example",
        RECLASSERING_TEL,
        "Huisvesting",
        "Niet op orde",
        "Financiën en schulden",
        "In behandeling",
        HULPVRAAG_WONEN,
        "art. 18a Penitentiaire beginselenwet",
    ]:
        assert feit in scherm
        assert feit in tekst, feit
    assert f"Traject {met_hulpvragen.pk}" in tekst  # footer on every page
    assert "Ahmed Yilmaz" in tekst  # who made it


def test_file_names_never_carry_the_name(client, demo, uitgestroomd):
    client.force_login(demo["casemanager1"])
    for naam in ("document_informatieblad_pdf", "document_overdracht_pdf"):
        response = client.get(_url(naam, uitgestroomd))
        assert response.status_code == 200
        kop = response["Content-Disposition"].lower()
        assert "vries" not in kop
        assert "jan" not in kop
        assert f"-traject-{uitgestroomd.pk}.pdf" in kop


@pytest.mark.parametrize("wie", ANDEREN)
@pytest.mark.parametrize(
    "naam", ["document_informatieblad_pdf", "document_overdracht", "document_overdracht_pdf"]
)
def test_other_pis_and_gemeenten_get_404(client, demo, uitgestroomd, wie, naam):
    response = _haal(client, demo[wie], _url(naam, uitgestroomd))

    assert response.status_code == 404
    assert b"%PDF" not in response.content
    assert b"Vries" not in response.content
    assert not Auditregel.objects.filter(gebruikersnaam=wie, traject_id=uitgestroomd.pk).exists()


def test_an_unknown_trajectory_is_404(client, demo):
    client.force_login(demo["casemanager1"])
    for naam in ("document_informatieblad_pdf", "document_overdracht", "document_overdracht_pdf"):
        assert client.get(reverse(f"trajecten:{naam}", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    "naam", ["document_informatieblad_pdf", "document_overdracht", "document_overdracht_pdf"]
)
def test_every_download_is_in_the_audit_trail_as_an_export_read(client, demo, uitgestroomd, naam):
    url = _url(naam, uitgestroomd)
    voor = Auditregel.objects.count()

    assert _haal(client, demo["nazorg1"], url).status_code == 200

    regel = Auditregel.objects.order_by("-pk").first()
    assert Auditregel.objects.count() == voor + 1
    assert regel.gebruikersnaam == "nazorg1"
    assert regel.actie == "lezen"
    assert regel.object_type == "export"
    assert regel.traject_id == uitgestroomd.pk
    assert regel.url == url
    assert "nazorg" in regel.grondslag  # the legal basis of the role that read it


def test_before_release_the_print_view_says_no_handover_and_the_pdf_is_404(client, demo, traject):
    client.force_login(demo["casemanager1"])

    pagina = client.get(_url("document_overdracht", traject))
    download = client.get(_url("document_overdracht_pdf", traject))

    assert pagina.status_code == 200
    assert "Nog geen overdracht" in pagina.content.decode()
    assert reverse("trajecten:uitstroom", args=[traject.pk]) in pagina.content.decode()
    assert reverse("trajecten:document_overdracht_pdf", args=[traject.pk]) not in (
        pagina.content.decode()
    )
    assert download.status_code == 404
    assert download["Content-Type"].startswith("text/html")
    assert "Nog geen overdracht" in download.content.decode()


def test_the_gemeente_is_not_offered_to_register_the_release(client, demo, traject):
    pagina = _haal(client, demo["nazorg1"], _url("document_overdracht", traject))
    assert "Nog geen overdracht" in pagina.content.decode()
    assert reverse("trajecten:uitstroom", args=[traject.pk]) not in pagina.content.decode()


def _overdracht_feiten():
    return [
        "Overdracht bij uitstroom",
        "Jan Pieter de Vries",
        "Voorwaardelijke invrijheidstelling (v.i.)",  # judicial title
        "Reclassering",  # who takes case direction
        "Meldplicht bij de reclassering op de eerste werkdag.",
        "Huisvesting",
        "Niet op orde",  # status on the release day
        GEREGELD_WONEN,  # what is arranged
        "ID-bewijs",
        "Op orde",
        "Karin Smit",
        CASEMANAGER_TEL,
        GEMEENTE_TEL,
        "nazorg@enschede.example",
        RECLASSERING_TEL,
        RECLASSERINGSWERKER_TEL,
        "Sanne de Boer",
    ]


def test_handover_print_view_shows_direction_title_outcomes_and_contacts(
    client, demo, uitgestroomd
):
    response = _haal(client, demo["reclassering1"], _url("document_overdracht", uitgestroomd))

    assert response.status_code == 200
    html = response.content.decode()
    for feit in _overdracht_feiten():
        assert feit in html, feit
    assert f'href="tel:{CASEMANAGER_TEL.replace(" ", "")}"' in html
    assert 'href="mailto:nazorg@enschede.example"' in html
    assert reverse("trajecten:document_overdracht_pdf", args=[uitgestroomd.pk]) in html
    assert '<th class="utrecht-table__header-cell" scope="col">' in html
    assert "<caption" in html


def test_handover_pdf_holds_the_same_as_the_print_view(client, demo, uitgestroomd):
    response = _haal(client, demo["nazorg1"], _url("document_overdracht_pdf", uitgestroomd))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="overdracht-traject-{uitgestroomd.pk}.pdf"'
    )
    assert response.content.startswith(b"%PDF")
    tekst = pdf_tekst(response.content)
    for feit in _overdracht_feiten():
        assert feit in tekst, feit
    assert "Overdracht downloaden als pdf" not in tekst  # screen-only link is not printed


def test_user_text_with_a_url_does_not_make_the_server_fetch_it(
    client, demo, met_hulpvragen, monkeypatch
):
    from trajecten import services

    services.werk_basisvoorwaarde_bij(
        acting_user=demo["casemanager1"],
        basisvoorwaarde=(gelezen := met_hulpvragen.basisvoorwaarden.get(domein="zorg")),
        versie=gelezen.versie,
        status="niet_op_orde",
        hulpvraag='<img src="https://tracker.example.org/p.png"> zie https://example.org/x',
    )
    gevraagd = []
    echte_fetch = pdf.AlleenStatischeBestanden.fetch

    def noteer(self, url, headers=None):
        gevraagd.append(url)
        return echte_fetch(self, url, headers)

    monkeypatch.setattr(pdf.AlleenStatischeBestanden, "fetch", noteer)

    response = _haal(
        client, demo["casemanager1"], _url("document_informatieblad_pdf", met_hulpvragen)
    )

    assert response.status_code == 200
    assert gevraagd  # the theme's stylesheets
    assert all(pdf.statisch_bestand(u) for u in gevraagd), gevraagd
    assert '<img src="https://tracker.example.org/p.png">' in pdf_tekst(response.content)
