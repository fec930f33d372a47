"""Forms that speak Dutch (issue 14): every required field left empty says which field in
words ("Vul de voornamen in", "Kies de terugkeergemeente"), a known date in day, month and year
boxes, other dates typed as dd-mm-jjjj, and one way to read a date on every screen."""

import datetime
import inspect
import uuid

import pytest
from django.urls import reverse

import dashboard.forms
import ketenpartners.forms
import nazorg.forms
import reclassering.forms
import trajecten.forms
from reintegratie.datums import datum, datum_dag, datum_tijd
from reintegratie.formulieren import NLForm
from trajecten.models import Traject

pytestmark = pytest.mark.django_db

GENERIEK = "Dit veld is verplicht."
MODULES = (trajecten.forms, nazorg.forms, reclassering.forms, dashboard.forms, ketenpartners.forms)


def alle_formulieren() -> list[type[NLForm]]:
    gevonden = []
    for module in MODULES:
        for _naam, klasse in inspect.getmembers(module, inspect.isclass):
            if issubclass(klasse, NLForm) and klasse.__module__ == module.__name__:
                gevonden.append(klasse)
    return gevonden


def leeg_formulier(klasse, traject, cm):
    """The form posted empty, built with what its view gives it."""
    parameters: dict = {}
    for basis in reversed(klasse.__mro__):
        if basis is not object and "__init__" in vars(basis):
            parameters.update(inspect.signature(basis.__init__).parameters)
    extra = {
        "traject": traject,
        "pi": cm.organisatie,
        "eigen_organisatie": cm.organisatie,
        "inrichtingen": [],
        "vandaag": datetime.date(2026, 5, 5),
    }
    kwargs = {k: v for k, v in extra.items() if k in parameters}
    return klasse({}, **kwargs)


def test_every_required_field_of_every_form_names_itself(traject, demo):
    formulieren = alle_formulieren()
    assert len(formulieren) >= 15
    gezien = 0
    for klasse in formulieren:
        form = leeg_formulier(klasse, traject, demo["casemanager1"])
        form.is_valid()
        for naam, fouten in form.errors.items():
            veld = form.fields.get(naam)
            if veld is None or not veld.required:
                continue
            gezien += 1
            assert GENERIEK not in fouten, f"{klasse.__name__}.{naam}: {fouten}"
            assert fouten[0].startswith(("Vul ", "Kies", "Vink ")), f"{klasse.__name__}.{naam}"
            afgeleid = naam not in klasse.verplicht_meldingen
            if afgeleid and fouten[0].startswith(("Vul de", "Vul het", "Kies de", "Kies het")):
                assert str(veld.label)[1:].lower() in fouten[0].lower(), fouten
    assert gezien >= 25


def test_the_intake_posted_empty_says_what_is_missing_and_saves_nothing(client, demo):
    client.force_login(demo["casemanager1"])
    response = client.post(reverse("trajecten:intake"), {})
    tekst = response.content.decode()
    for melding in (
        "Vul de voornamen in",
        "Vul de achternaam in",
        "Vul de geboortedatum in",
        "Vul de datum binnenkomst in de PI in",
    ):
        assert melding in tekst, melding
    assert GENERIEK not in tekst
    assert not Traject.objects.exists()


def test_a_field_keeps_its_own_message_and_a_form_can_override(demo):
    form = trajecten.forms.IntakeForm({}, pi=demo["casemanager1"].organisatie)
    form.is_valid()
    assert form.errors["bsn"] if form.fields["bsn"].required else "bsn" not in form.errors

    class Eigen(NLForm):
        verplicht_meldingen = {"naam": "Geef de naam van het contactpunt"}
        naam = trajecten.forms.forms.CharField(label="Naam")
        bsn = trajecten.forms.forms.CharField(label="BSN")
        wie = trajecten.forms.forms.ChoiceField(label="Wie pakt het op", choices=[("a", "A")])

    eigen = Eigen({})
    eigen.is_valid()
    assert eigen.errors["naam"] == ["Geef de naam van het contactpunt"]
    assert eigen.errors["bsn"] == ["Vul het BSN in"]
    assert eigen.errors["wie"] == ["Kies: wie pakt het op"]


def intake_gegevens(**overrides):
    from ketenpartners.models import Organisatie

    gegevens = {
        "voornamen": "Mo",
        "achternaam": "Hoekstra",
        "geboortedatum_dag": "20",
        "geboortedatum_maand": "4",
        "geboortedatum_jaar": "1990",
        "binnenkomst_datum": "03-05-2026",
        "gemelde_gemeente": Organisatie.objects.get(code="GM0153").pk,
        "geslacht": "onbekend",
        "intake_sleutel": str(uuid.uuid4()),
    }
    gegevens.update(overrides)
    return gegevens


def test_the_birth_date_in_three_boxes_is_saved_as_one_date(client, demo):
    client.force_login(demo["casemanager1"])
    pagina = client.get(reverse("trajecten:intake")).content.decode()
    for naam in ("geboortedatum_dag", "geboortedatum_maand", "geboortedatum_jaar"):
        assert f'name="{naam}"' in pagina
    assert "<legend" in pagina and 'type="date"' not in pagina
    response = client.post(reverse("trajecten:intake"), intake_gegevens(), follow=True)
    assert response.status_code == 200, response.context["form"].errors
    traject = Traject.objects.get()
    assert traject.gedetineerde.geboortedatum == datetime.date(1990, 4, 20)
    assert traject.binnenkomst_datum == datetime.date(2026, 5, 3)


@pytest.mark.parametrize(
    ("delen", "melding"),
    [
        ({"geboortedatum_dag": "31", "geboortedatum_maand": "2"}, "Vul een bestaande datum in"),
        ({"geboortedatum_jaar": ""}, "Vul de dag, de maand en het jaar in."),
        ({"geboortedatum_maand": "mei"}, "Vul een bestaande datum in"),
    ],
)
def test_an_impossible_birth_date_is_refused_at_the_field(client, demo, delen, melding):
    client.force_login(demo["casemanager1"])
    response = client.post(reverse("trajecten:intake"), intake_gegevens(**delen))
    tekst = response.content.decode()
    assert melding in tekst
    assert 'id="id_geboortedatum_fout"' in tekst
    assert tekst.count(melding) == 2  # once in the summary, once at the field
    assert not Traject.objects.exists()


def test_other_dates_are_typed_as_dd_mm_jjjj(demo):
    form = trajecten.forms.IntakeForm(
        intake_gegevens(binnenkomst_datum="31-02-2026"), pi=demo["casemanager1"].organisatie
    )
    assert not form.is_valid()
    assert form.errors["binnenkomst_datum"] == [
        "Vul een geldige datum in, bijvoorbeeld 20-04-2026."
    ]
    html = str(form["binnenkomst_datum"])
    assert 'type="text"' in html and 'inputmode="numeric"' in html


def test_one_reading_format_for_dates():
    dinsdag = datetime.date(2026, 5, 5)
    assert datum(dinsdag) == "5 mei 2026"
    assert datum_dag(dinsdag) == "di 5 mei 2026"
    moment = datetime.datetime(2026, 5, 5, 12, 30, tzinfo=datetime.UTC)
    assert datum_tijd(moment) == "di 5 mei 2026 14:30"  # Amsterdam summer time
    assert datum(None) == ""


def test_the_case_page_reads_dates_one_way(client, traject, demo):
    client.force_login(demo["casemanager1"])
    tekst = client.get(traject.get_absolute_url()).content.decode()
    geboren = traject.gedetineerde.geboortedatum
    assert f"Geboren {datum(geboren)}" in " ".join(tekst.split())
    assert geboren.strftime("%d-%m-%Y") not in tekst


def test_the_admin_speaks_dutch(client, demo):
    client.force_login(demo["beheer1"])
    tekst = client.get("/beheer/").content.decode()
    for engels in ("Model name", "Add link", "Change or view list link"):
        assert engels not in tekst
    assert "Onderdeel" in tekst and "Toevoegen" in tekst
    lijst = client.get("/beheer/ketenpartners/medewerker/").content.decode()
    assert "Get full name" not in lijst and ">Naam<" in lijst.replace("\n", "")
    nieuw = client.get("/beheer/ketenpartners/medewerker/add/").content.decode()
    assert "After you" not in nieuw


@pytest.mark.parametrize(
    ("formulier", "veld", "melding"),
    [
        ("IntakeForm", "geslacht", "Kies het geslacht"),
        ("AdviesForm", "tekst", "Vul het D&R-advies van de reclassering in"),
        ("PlanForm", "regie", "Kies wie de regie heeft"),
        ("VerslagForm", "gehouden_datum", "Vul de datum in waarop het gesprek is gehouden"),
        ("TerugkeerForm", "gemeente", "Kies de terugkeergemeente"),
        ("ContactpuntForm", "naam", "Vul de naam van het contactpunt in"),
    ],
)
def test_the_message_reads_as_a_sentence(traject, demo, formulier, veld, melding):
    klasse = next(k for k in alle_formulieren() if k.__name__ == formulier)
    form = leeg_formulier(klasse, traject, demo["casemanager1"])
    form.is_valid()
    assert form.errors[veld] == [melding]


def test_a_disabled_birth_date_keeps_its_stored_value():
    form = trajecten.forms.CorrectieForm(
        {"binnenkomst_datum": "01-05-2026", "reden": "typo"},
        initial={"voornamen": "A", "achternaam": "B", "geboortedatum": datetime.date(1990, 4, 20)},
        persoon_elders=True,
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["geboortedatum"] == datetime.date(1990, 4, 20)
    assert 'value="20"' in str(form["geboortedatum"]) and "disabled" in str(form["geboortedatum"])
