"""Known risks of violence or sexual offences (issue 11, item 5; ADR 0011): the casemanager
records them on the case page in a small form, checked against the trajectory's version, with
Dutch messages at the field, audited; nobody else writes them."""

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from audit.models import Auditactie, Auditregel
from reintegratie.versies import VerouderdeVersie
from trajecten import services
from trajecten.models import Traject
from trajecten.validators import MAX_RISICO_TOELICHTING

RISICO = "Dreigde een medewerker van de woningcorporatie; afspraken met twee mensen."


def _url(traject):
    return reverse("trajecten:risicos", args=[traject.pk])


def _post(client, traject, **velden):
    data = {"versie": traject.versie, "risico_toelichting": "", **velden}
    data = {k: v for k, v in data.items() if v is not False}
    return client.post(_url(traject), data)


@pytest.mark.django_db
def test_the_casemanager_records_a_risk_and_it_is_audited(client, demo, traject):
    client.force_login(demo["casemanager1"])
    voor = traject.versie

    response = _post(client, traject, risico_zeden="on", risico_toelichting=RISICO)

    assert response.status_code == 302
    opgeslagen = Traject.objects.get(pk=traject.pk)
    assert (opgeslagen.risico_geweld, opgeslagen.risico_zeden) == (False, True)
    assert opgeslagen.risico_toelichting == RISICO
    assert opgeslagen.risico_vastgelegd_door == demo["casemanager1"]
    assert opgeslagen.risico_vastgelegd_op is not None
    assert opgeslagen.versie == voor + 1
    regel = Auditregel.objects.filter(traject_id=traject.pk, object_type="risicos").get()
    assert regel.actie == Auditactie.SCHRIJVEN
    assert regel.gebruikersnaam == "casemanager1"
    pagina = client.get(traject.get_absolute_url()).content.decode()
    assert "Bekend risico op zedendelicten" in pagina and RISICO in pagina


@pytest.mark.django_db
@pytest.mark.parametrize(
    "velden, melding",
    [
        ({"risico_geweld": "on"}, "Beschrijf kort het risico"),
        ({"risico_toelichting": RISICO}, "Kruis aan om welk risico het gaat"),
        (
            {"risico_geweld": "on", "risico_toelichting": "x" * (MAX_RISICO_TOELICHTING + 1)},
            "2000",  # the form's own maximum ("hoogstens 2000 tekens")
        ),
    ],
    ids=["risico-zonder-toelichting", "toelichting-zonder-risico", "te-lang"],
)
def test_a_wrong_form_says_what_to_do_at_the_field_and_saves_nothing(
    client, demo, traject, velden, melding
):
    client.force_login(demo["casemanager1"])

    response = _post(client, traject, **velden)

    assert response.status_code == 400
    html = response.content.decode()
    assert melding in html.replace(".", "")
    assert 'aria-invalid="true"' in html
    opgeslagen = Traject.objects.get(pk=traject.pk)
    assert opgeslagen.risico_vastgelegd_op is None and opgeslagen.versie == traject.versie
    assert not Auditregel.objects.filter(traject_id=traject.pk, object_type="risicos").exists()


@pytest.mark.django_db
def test_the_service_holds_the_length_too(demo, traject):
    with pytest.raises(ValidationError) as fout:
        services.leg_risicos_vast(
            acting_user=demo["casemanager1"],
            traject=traject,
            versie=traject.versie,
            risico_geweld=True,
            risico_zeden=False,
            risico_toelichting="x" * (MAX_RISICO_TOELICHTING + 1),
        )
    assert "risico_toelichting" in fout.value.message_dict


@pytest.mark.django_db
def test_a_form_opened_before_another_change_is_refused_as_stale(client, demo, traject):
    client.force_login(demo["casemanager1"])
    oud = traject.versie
    services.leg_risicos_vast(
        acting_user=demo["casemanager1"],
        traject=traject,
        versie=oud,
        risico_geweld=True,
        risico_zeden=False,
        risico_toelichting=RISICO,
    )

    response = client.post(_url(traject), {"versie": oud, "risico_toelichting": ""})

    assert response.status_code == 400
    assert "heeft dit om" in response.content.decode()
    opgeslagen = Traject.objects.get(pk=traject.pk)
    assert opgeslagen.risico_geweld is True and opgeslagen.risico_toelichting == RISICO


@pytest.mark.django_db
@pytest.mark.parametrize(
    "wie, status", [("mentor1", 403), ("nazorg1", 403), ("reclassering1", 403), ("nazorg2", 404)]
)
def test_only_the_pi_staff_who_change_the_case_record_risks(client, demo, traject, wie, status):
    client.force_login(demo[wie])

    response = client.post(
        _url(traject), {"versie": traject.versie, "risico_geweld": "on", "risico_toelichting": "x"}
    )

    assert response.status_code == status
    assert Traject.objects.get(pk=traject.pk).risico_vastgelegd_op is None
    if wie != "nazorg2":
        with pytest.raises(PermissionDenied):
            services.leg_risicos_vast(
                acting_user=demo[wie],
                traject=traject,
                versie=traject.versie,
                risico_geweld=True,
                risico_zeden=False,
                risico_toelichting="x",
            )


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_saves_from_the_same_version_one_wins(demo, traject):
    """Real threads on PostgreSQL: the casemanager's risks and a colleague's gegevens save from
    the same version of the trajectory; exactly one is written."""
    cm = demo["casemanager1"]
    pk, versie = traject.pk, traject.versie
    start = threading.Barrier(2)
    uitkomst: dict[str, object] = {}

    def risicos():
        try:
            t = Traject.objects.get(pk=pk)
            start.wait(timeout=10)
            services.leg_risicos_vast(
                acting_user=cm,
                traject=t,
                versie=versie,
                risico_geweld=True,
                risico_zeden=False,
                risico_toelichting=RISICO,
            )
            uitkomst["risicos"] = "opgeslagen"
        except VerouderdeVersie as fout:
            uitkomst["risicos"] = fout
        finally:
            connection.close()

    def gegevens():
        try:
            t = Traject.objects.get(pk=pk)
            start.wait(timeout=10)
            services.werk_traject_bij(
                acting_user=cm,
                traject=t,
                versie=versie,
                verwachte_uitstroom_datum=None,
                casemanager=cm,
                mentor=None,
                reclassering=None,
                reclassering_team=None,
                reclasseringswerker=None,
                titel="geen",
            )
            uitkomst["gegevens"] = "opgeslagen"
        except VerouderdeVersie as fout:
            uitkomst["gegevens"] = fout
        finally:
            connection.close()

    draden = [threading.Thread(target=risicos), threading.Thread(target=gegevens)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=30)
    gewonnen = [k for k, u in uitkomst.items() if u == "opgeslagen"]
    geweigerd = [u for u in uitkomst.values() if isinstance(u, VerouderdeVersie)]
    assert len(gewonnen) == 1 and len(geweigerd) == 1, uitkomst
    opgeslagen = Traject.objects.get(pk=pk)
    assert opgeslagen.versie == versie + 1
    assert opgeslagen.risico_geweld is (gewonnen == ["risicos"])
