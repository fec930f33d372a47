"""The caseload move screen and the caseload norm per PI (issue 12, slice E), as the
staffunctionaris uses them: choose, select, confirm, done; the norm shown and validated."""

import pytest
from django.urls import reverse

from ketenpartners.models import Organisatie
from ketenpartners.rollen import Rol
from tests.factories import MedewerkerFactory, TrajectFactory
from trajecten.models import Traject

URL = "/caseload/overdragen/"
NORM = "/caseload/norm/"


@pytest.fixture
def almelo(demo):
    return Organisatie.objects.get(code="PI-ALMELO")


@pytest.fixture
def vertrekker(almelo):
    return MedewerkerFactory(
        username="vertrekker",
        rol=Rol.CASEMANAGER,
        organisatie=almelo,
        first_name="Rosa",
        last_name="Vertrek",
    )


@pytest.fixture
def collega(almelo):
    return MedewerkerFactory(
        username="collega",
        rol=Rol.CASEMANAGER,
        organisatie=almelo,
        first_name="Joop",
        last_name="Jansen",
    )


@pytest.fixture
def staf(client, demo):
    client.force_login(demo["staf1"])
    return client


def _cases(cm, n):
    return [TrajectFactory(acting_user=cm, casemanager=cm) for _ in range(n)]


def _post_gegevens(trajecten, van, naar_alle="", **extra):
    gegevens = {"van": van.pk, "naar_alle": naar_alle}
    for t in trajecten:
        gegevens[f"kies_{t.pk}"] = "on"
        gegevens[f"versie_{t.pk}"] = t.versie
        gegevens[f"naar_{t.pk}"] = ""
    return gegevens | extra


@pytest.mark.django_db
def test_move_all_cases_through_check_and_confirm(staf, vertrekker, collega, demo):
    trajecten = _cases(vertrekker, 3)
    keuze = staf.get(URL)
    assert "Rosa Vertrek (3 van 30)" in keuze.content.decode()

    lijst = staf.get(URL, {"van": vertrekker.pk})
    html = lijst.content.decode()
    assert html.count('type="checkbox"') == 3 and html.count(" checked") == 3
    assert "Joop Jansen (0 van 30)" in html
    assert trajecten[0].gedetineerde.lijstnaam in html

    gegevens = _post_gegevens(trajecten, vertrekker, naar_alle=collega.pk)
    controle = staf.post(URL, gegevens | {"stap": "controleren"})
    assert controle.status_code == 200
    assert "3 trajecten gaan naar Joop Jansen (nu 0 van 30)" in controle.content.decode()
    assert Traject.objects.filter(casemanager=vertrekker).count() == 3  # not yet

    klaar = staf.post(URL, gegevens | {"stap": "bevestigen"}, follow=True)
    assert "3 trajecten van Rosa Vertrek zijn overgedragen." in klaar.content.decode()
    assert Traject.objects.filter(casemanager=collega).count() == 3
    assert "geen lopende trajecten meer" in klaar.content.decode()

    # The same confirmation again (back button, double click): nothing moves twice.
    nogmaals = staf.post(URL, gegevens | {"stap": "bevestigen"}, follow=True)
    assert "3 trajecten zijn niet overgedragen: ze zijn intussen gewijzigd of al overgedragen." in (
        nogmaals.content.decode()
    )
    assert Traject.objects.get(pk=trajecten[0].pk).versie == trajecten[0].versie + 1


@pytest.mark.django_db
def test_select_none_without_javascript_and_a_case_without_receiver_is_named(
    staf, vertrekker, collega
):
    trajecten = _cases(vertrekker, 2)
    geen = staf.get(URL, {"van": vertrekker.pk, "selectie": "geen"}).content.decode()
    assert geen.count('type="checkbox"') == 2 and " checked" not in geen

    fout = staf.post(URL, _post_gegevens(trajecten, vertrekker) | {"stap": "controleren"})
    assert fout.status_code == 400
    assert "Kies wie " in fout.content.decode()

    niets = {"van": vertrekker.pk, "naar_alle": collega.pk, "stap": "controleren"}
    niets |= {f"versie_{t.pk}": t.versie for t in trajecten}
    antwoord = staf.post(URL, niets)
    assert antwoord.status_code == 400
    assert "Kies ten minste één traject om over te dragen." in antwoord.content.decode()


@pytest.mark.django_db
def test_a_receiver_outside_the_pi_or_inactive_is_refused_at_the_field(
    staf, vertrekker, collega, demo
):
    trajecten = _cases(vertrekker, 1)
    buiten = _post_gegevens(trajecten, vertrekker, naar_alle=demo["casemanager2"].pk)
    antwoord = staf.post(URL, buiten | {"stap": "bevestigen"})
    assert antwoord.status_code == 400
    assert "Kies een actieve casemanager van uw eigen inrichting." in antwoord.content.decode()
    collega.is_active = False
    collega.save(update_fields=["is_active"])
    inactief = _post_gegevens(trajecten, vertrekker, naar_alle=collega.pk)
    assert staf.post(URL, inactief | {"stap": "bevestigen"}).status_code == 400
    assert Traject.objects.get(pk=trajecten[0].pk).casemanager_id == vertrekker.pk


@pytest.mark.django_db
def test_a_casemanager_of_another_pi_is_not_found(staf, demo):
    assert staf.get(URL, {"van": demo["casemanager2"].pk}).status_code == 404
    assert staf.get(URL, {"van": "abc"}).status_code == 404  # not a 500
    assert staf.get(URL, {"van": ""}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("wie", ["casemanager1", "nazorg1", "reclassering1", "mentor1"])
def test_others_cannot_post_a_move(client, demo, vertrekker, collega, wie):
    trajecten = _cases(vertrekker, 1)
    client.force_login(demo[wie])
    gegevens = _post_gegevens(trajecten, vertrekker, naar_alle=collega.pk)
    assert client.post(URL, gegevens | {"stap": "bevestigen"}).status_code == 403
    assert client.post(NORM, {"caseload_norm": "5"}).status_code == 403
    assert Traject.objects.get(pk=trajecten[0].pk).casemanager_id == vertrekker.pk


@pytest.mark.django_db
def test_an_inactive_account_with_cases_is_pointed_out(staf, vertrekker):
    _cases(vertrekker, 3)
    vertrekker.is_active = False
    vertrekker.save(update_fields=["is_active"])
    html = staf.get(URL).content.decode()
    assert "Let op:" in html and "3 trajecten staan nog op een inactief account" in html


@pytest.mark.django_db
def test_the_list_costs_the_same_queries_for_few_and_more_cases(
    staf, vertrekker, collega, django_assert_max_num_queries
):
    _cases(vertrekker, 2)
    with django_assert_max_num_queries(14):
        staf.get(URL, {"van": vertrekker.pk})
    _cases(vertrekker, 4)
    with django_assert_max_num_queries(14):
        antwoord = staf.get(URL, {"van": vertrekker.pk})
    assert antwoord.content.decode().count('type="checkbox"') == 6


@pytest.mark.django_db
def test_the_norm_per_pi_is_validated_and_shown_everywhere(client, staf, demo, almelo):
    for fout in ("0", "101", "abc", "-3"):
        antwoord = staf.post(NORM, {"caseload_norm": fout})
        assert antwoord.status_code == 400, fout
        assert "Vul een norm van 1 tot en met 100 trajecten in." in antwoord.content.decode()
    assert Organisatie.objects.get(pk=almelo.pk).caseload_norm is None

    assert staf.post(NORM, {"caseload_norm": "28"}).status_code == 302
    assert Organisatie.objects.get(pk=almelo.pk).caseload_norm == 28
    assert "Nu geldt 28 trajecten" in staf.get(NORM).content.decode()
    dashboard = staf.get(reverse("dashboard:overzicht")).content.decode()
    assert '<td class="utrecht-table__cell rt-getal">28</td>' in dashboard
    assert "(0 van 28)" in staf.get(URL).content.decode()

    client.force_login(demo["casemanager1"])
    eigen = client.get(reverse("trajecten:caseload"))
    assert eigen.context["norm"] == 28 and "van norm 28" in eigen.content.decode()
    # Another PI keeps the national norm.
    client.force_login(demo["casemanager2"])
    assert client.get(reverse("trajecten:caseload")).context["norm"] == 30

    client.force_login(demo["staf1"])
    assert staf.post(NORM, {"caseload_norm": ""}).status_code == 302
    assert Organisatie.objects.get(pk=almelo.pk).norm == 30


@pytest.mark.django_db
def test_the_functional_administrator_edits_the_norm_in_the_admin(client, demo, almelo):
    from django.core.exceptions import ValidationError

    client.force_login(demo["beheer1"])
    pagina = client.get(reverse("admin:ketenpartners_organisatie_change", args=[almelo.pk]))
    assert pagina.status_code == 200 and 'name="caseload_norm"' in pagina.content.decode()
    almelo.caseload_norm = 101
    with pytest.raises(ValidationError) as fout:
        almelo.full_clean()
    assert fout.value.message_dict["caseload_norm"] == [
        "Vul een norm van 1 tot en met 100 trajecten in."
    ]
