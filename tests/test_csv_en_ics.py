"""Issue 17, item 8: a CSV cell never runs as a formula; an .ics text never breaks its line."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reintegratie.csvbestand import VeiligeSchrijver, veilige_cel
from trajecten.ics import uitnodiging
from trajecten.keuzes import Gesprekssoort
from trajecten.models import Trajectgesprek


@pytest.mark.parametrize("begin", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_would_be_a_formula_is_written_as_text(begin):
    assert veilige_cel(f'{begin}HYPERLINK("https://kwaad.example")').startswith(f"'{begin}")


def test_ordinary_cells_and_numbers_stay_as_they_are():
    assert [veilige_cel(c) for c in ("Jan de Vries", "12", "", 3, -3, "a=b")] == [
        "Jan de Vries",
        "12",
        "",
        3,
        -3,
        "a=b",
    ]
    uit = io.StringIO()
    VeiligeSchrijver(uit).writerows([["=1+2", "x"], ["@SUM(A1)", 4]])
    assert list(csv.reader(io.StringIO(uit.getvalue()), delimiter=";")) == [
        ["'=1+2", "x"],
        ["'@SUM(A1)", "4"],
    ]


@pytest.mark.django_db
def test_a_formula_in_a_name_is_neutralised_in_the_dashboard_csv(client, demo, traject):
    cm = demo["casemanager1"]
    cm.first_name, cm.last_name = '=HYPERLINK("https://kwaad.example"', ")"
    cm.save(update_fields=["first_name", "last_name"])
    client.force_login(demo["staf1"])
    response = client.get(reverse("dashboard:csv", args=["caseload"]))
    assert response.status_code == 200
    rijen = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    namen = [rij[0] for rij in rijen[1:]]
    assert any(naam.startswith("'=HYPERLINK") for naam in namen), namen
    assert not any(naam.startswith("=") for naam in namen)


@pytest.mark.django_db
def test_every_line_break_in_ics_text_is_escaped(traject):
    gesprek = Trajectgesprek(
        traject=traject,
        soort=Gesprekssoort.STARTOVERLEG,
        gepland_op=timezone.now() + timedelta(days=3),
        duur_minuten=60,
        plaats="Zaal 1\r\nATTENDEE:mailto:a@kwaad.example\rX-KWAAD:1\nX-OOK:2",
    )
    ics = uitnodiging(gesprek, "https://reintegratie.example/trajecten/1/")
    assert "\r" not in ics.replace("\r\n", "") and "\n" not in ics.replace("\r\n", "")
    ontvouwen = ics.replace("\r\n ", "")
    eigenschappen = [re.split(r"[:;]", regel, maxsplit=1)[0] for regel in ontvouwen.split("\r\n")]
    assert "ATTENDEE" not in eigenschappen and "X-KWAAD" not in eigenschappen
    assert "X-OOK" not in eigenschappen
    assert "LOCATION:Zaal 1\\nATTENDEE:mailto:a@kwaad.example\\nX-KWAAD:1\\nX-OOK:2" in ontvouwen
