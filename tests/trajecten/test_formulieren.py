"""The casemanager's form pages as plain POSTs: what is saved, and the Dutch message at the
field when it is not."""

import pytest
from django.urls import reverse
from django.utils import timezone

from ketenpartners.models import Organisatie
from trajecten.models import DRPlanVersie

pytestmark = pytest.mark.django_db


@pytest.fixture
def cm(client, demo):
    client.force_login(demo["casemanager1"])
    return client


def test_verifying_the_return_gemeente_in_the_form(cm, traject):
    rotterdam = Organisatie.objects.get(code="GM0599")
    response = cm.post(
        reverse("trajecten:terugkeergemeente", args=[traject.pk]),
        {"gemeente": rotterdam.pk},
        follow=True,
    )
    assert "terugkeer: Rotterdam (geverifieerd)" in " ".join(response.content.decode().split())


def test_plan_edit_then_adoption_by_the_mdo(cm, traject):
    vandaag = timezone.localdate().isoformat()
    leeg = cm.post(
        reverse("trajecten:plan_vaststellen", args=[traject.pk]),
        {"versie": 1, "vastgesteld_datum": vandaag},
    )
    assert leeg.status_code == 400 and "Vul het begeleidingsplan in" in leeg.content.decode()
    cm.post(
        reverse("trajecten:plan", args=[traject.pk]),
        {
            "versie": 1,
            "begeleidingsplan": "Begeleiding",
            "doelen": "Doelen",
            "regie": "pi",
            "gespreksfrequentie_weken": 6,
        },
    )
    response = cm.post(
        reverse("trajecten:plan_vaststellen", args=[traject.pk]),
        {"versie": 2, "vastgesteld_datum": vandaag},
        follow=True,
    )
    assert DRPlanVersie.objects.filter(plan__traject=traject).count() == 1
    assert "Versie 1 vastgesteld in het MDO van" in response.content.decode()


def test_minutes_of_a_meeting(cm, traject):
    gesprek = traject.gesprekken.get()
    response = cm.post(
        reverse("trajecten:gesprek_verslag", args=[traject.pk, gesprek.pk]),
        {"gehouden_datum": timezone.localdate().isoformat(), "verslag": "Afspraken over wonen"},
        follow=True,
    )
    assert "Afspraken over wonen" in response.content.decode()
    gesprek.refresh_from_db()
    assert gesprek.gehouden_datum == timezone.localdate()


def test_release_needs_a_title_and_then_hands_over(cm, traject):
    url = reverse("trajecten:uitstroom", args=[traject.pk])
    vandaag = timezone.localdate().isoformat()
    traject.refresh_from_db()
    versie = traject.versie
    fout = cm.post(url, {"versie": versie, "uitstroom_datum": vandaag, "titel": "onbekend"})
    assert (
        fout.status_code == 400
        and "bepaalt wie na uitstroom de regie heeft" in fout.content.decode()
    )
    # Release is two steps (issue 12): the form, then the check before sending.
    controleren = cm.post(url, {"versie": versie, "uitstroom_datum": vandaag, "titel": "vi"})
    assert controleren["Location"] == reverse("trajecten:uitstroom_controleren", args=[traject.pk])
    traject.refresh_from_db()
    assert traject.fase != "na_detentie"  # nothing sent yet
    response = cm.post(
        controleren["Location"],
        {"versie": versie, "toch_versturen": "on", "reden": "Gemeente regelt het ID"},
        follow=True,
    )
    assert "de regie ligt bij: Reclassering" in response.content.decode()
    traject.refresh_from_db()
    assert traject.fase == "na_detentie"


def test_assigning_people_in_the_form_refuses_someone_of_another_pi(cm, demo, traject):
    url = reverse("trajecten:gegevens", args=[traject.pk])
    fout = cm.post(
        url, {"versie": traject.versie, "casemanager": demo["casemanager2"].pk, "titel": "onbekend"}
    )
    assert fout.status_code == 400
    traject.refresh_from_db()
    assert traject.casemanager == demo["casemanager1"]
