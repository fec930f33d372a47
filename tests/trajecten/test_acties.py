"""Actions with a life (issue 11): open → bezig → gedaan, or vervallen with a reason, changed
by the organisation that holds the action, audited and version-checked; on the case page in
place (htmx) and as a plain form; "Mijn acties" per partner with its count in the navigation."""

import re
import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import Auditregel
from ketenpartners.models import Organisatie
from reintegratie.versies import VerouderdeVersie
from trajecten import services
from trajecten.keuzes import Domein
from trajecten.models import Actie

VANDAAG = timezone.localdate


def actie(traject, demo, org: str = "pi", domein=Domein.HUISVESTING, **extra) -> Actie:
    organisatie = {
        "pi": traject.pi,
        "gemeente": Organisatie.objects.get(code="GM0153"),
        "reclassering": Organisatie.objects.get(code="RN"),
    }[org]
    return services.voeg_actie_toe(
        acting_user=demo["casemanager1"],
        basisvoorwaarde=traject.basisvoorwaarden.get(domein=domein),
        omschrijving=extra.pop("omschrijving", f"Actie van {org}"),
        organisatie=organisatie,
        **extra,
    )


def zet(user, a, status, reden="", versie=None):
    a = Actie.objects.select_related("organisatie", "basisvoorwaarde__traject").get(pk=a.pk)
    return services.zet_actiestatus(
        acting_user=user,
        actie=a,
        versie=a.versie if versie is None else versie,
        status=status,
        vervallen_reden=reden,
    )


# --- the service -------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_action_goes_open_bezig_gedaan_with_the_day_it_was_done(demo, traject):
    a = actie(traject, demo)
    zet(demo["casemanager1"], a, "bezig")
    a.refresh_from_db()
    assert (a.status, a.afgerond_datum, a.versie) == ("bezig", None, 2)
    zet(demo["mentor1"], a, "gedaan")
    a.refresh_from_db()
    assert (a.status, a.afgerond_datum, a.versie) == ("gedaan", VANDAAG(), 3)
    assert a.gewijzigd_door == demo["mentor1"]


@pytest.mark.django_db
def test_vervallen_needs_a_reason_and_keeps_it(demo, traject):
    a = actie(traject, demo)
    with pytest.raises(ValidationError) as fout:
        zet(demo["casemanager1"], a, "vervallen", reden="   ")
    assert fout.value.message_dict == {"vervallen_reden": ["Schrijf op waarom deze actie vervalt."]}
    assert Actie.objects.get(pk=a.pk).status == "open"
    zet(demo["casemanager1"], a, "vervallen", reden="Woont weer bij zijn moeder")
    a.refresh_from_db()
    assert (a.status, a.vervallen_reden, a.afgerond_datum) == (
        "vervallen",
        "Woont weer bij zijn moeder",
        VANDAAG(),
    )


@pytest.mark.django_db
def test_a_reason_longer_than_one_line_is_refused_at_the_field(demo, traject):
    a = actie(traject, demo)
    with pytest.raises(ValidationError) as fout:
        zet(demo["casemanager1"], a, "vervallen", reden="x" * 301)
    assert "vervallen_reden" in fout.value.message_dict


@pytest.mark.django_db
def test_a_done_or_dropped_action_can_be_reopened_and_loses_its_date_and_reason(demo, traject):
    a = actie(traject, demo)
    zet(demo["casemanager1"], a, "vervallen", reden="Niet meer nodig")
    zet(demo["casemanager1"], a, "open")
    a.refresh_from_db()
    assert (a.status, a.vervallen_reden, a.afgerond_datum) == ("open", "", None)
    zet(demo["casemanager1"], a, "gedaan")
    zet(demo["casemanager1"], a, "bezig")
    a.refresh_from_db()
    assert (a.status, a.afgerond_datum) == ("bezig", None)


@pytest.mark.django_db
def test_gedaan_to_vervallen_goes_through_reopening(demo, traject):
    a = actie(traject, demo)
    zet(demo["casemanager1"], a, "gedaan")
    with pytest.raises(ValidationError) as fout:
        zet(demo["casemanager1"], a, "vervallen", reden="Toch niet")
    assert fout.value.message_dict["status"] == [
        "Van gedaan naar vervallen kan niet: zet de actie eerst op open."
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("status", ["gereed", "klaar", "", "GEDAAN"])
def test_a_status_outside_the_four_is_refused(demo, traject, status):
    a = actie(traject, demo)
    with pytest.raises(ValidationError) as fout:
        zet(demo["casemanager1"], a, status)
    assert fout.value.message_dict == {"status": ["Kies open, bezig, gedaan of vervallen."]}


@pytest.mark.django_db
def test_the_same_status_again_writes_nothing(demo, traject):
    a = actie(traject, demo)
    zet(demo["casemanager1"], a, "gedaan")
    zet(demo["casemanager1"], a, "gedaan", versie=1)  # a double click from the old page
    a.refresh_from_db()
    assert a.versie == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("org", "mogen", "niet"),
    [
        ("pi", ["casemanager1", "mentor1"], ["nazorg1", "reclassering1", "staf1", "nazorg2"]),
        ("gemeente", ["nazorg1"], ["casemanager1", "mentor1", "reclassering1", "staf1", "nazorg2"]),
        ("reclassering", ["reclassering1"], ["casemanager1", "mentor1", "nazorg1", "staf1"]),
    ],
)
def test_only_the_organisation_holding_the_action_changes_it(demo, traject, org, mogen, niet):
    a = actie(traject, demo, org)
    for wie in niet:
        with pytest.raises(PermissionDenied):
            zet(demo[wie], a, "bezig")
    assert Actie.objects.get(pk=a.pk).status == "open"
    for wie in mogen:
        zet(demo[wie], a, "bezig")
        zet(demo[wie], a, "open")


@pytest.mark.django_db
def test_every_change_is_in_the_audit_trail(demo, traject):
    a = actie(traject, demo, "gemeente")
    zet(demo["nazorg1"], a, "vervallen", reden="Al geregeld via de wijkteams")
    regel = Auditregel.objects.filter(object_type="acties", object_id=str(a.pk)).latest("pk")
    assert regel.gebruiker == demo["nazorg1"]
    assert regel.traject_id == traject.pk
    assert regel.toelichting == "open → vervallen: Al geregeld via de wijkteams"


@pytest.mark.django_db
def test_a_stale_version_is_refused_and_names_who_changed_it(demo, traject):
    a = actie(traject, demo)
    zet(demo["mentor1"], a, "gedaan")
    with pytest.raises(VerouderdeVersie) as fout:
        zet(demo["casemanager1"], a, "vervallen", reden="Niet nodig", versie=1)
    assert demo["mentor1"].get_full_name() in fout.value.melding
    assert fout.value.hunne["status"] == "Gedaan"
    assert Actie.objects.get(pk=a.pk).status == "gedaan"


@pytest.mark.django_db(transaction=True)
def test_two_people_racing_on_one_action_one_wins_the_other_is_told(demo, traject):
    """Real threads on PostgreSQL, both past every check before either writes."""
    a = actie(traject, demo)
    start = threading.Barrier(2)
    uitkomst: dict[str, object] = {}

    def bewaar(wie, status, reden):
        try:
            geladen = Actie.objects.select_related("organisatie", "basisvoorwaarde__traject").get(
                pk=a.pk
            )
            start.wait(timeout=10)
            services.zet_actiestatus(
                acting_user=demo[wie],
                actie=geladen,
                versie=1,
                status=status,
                vervallen_reden=reden,
            )
            uitkomst[wie] = "opgeslagen"
        except VerouderdeVersie as fout:
            uitkomst[wie] = fout
        finally:
            connection.close()

    draden = [
        threading.Thread(target=bewaar, args=("casemanager1", "gedaan", "")),
        threading.Thread(target=bewaar, args=("mentor1", "vervallen", "Dubbel")),
    ]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=30)
    gewonnen = [w for w, u in uitkomst.items() if u == "opgeslagen"]
    geweigerd = [u for u in uitkomst.values() if isinstance(u, VerouderdeVersie)]
    assert len(gewonnen) == 1 and len(geweigerd) == 1, uitkomst
    opgeslagen = Actie.objects.get(pk=a.pk)
    assert opgeslagen.versie == 2
    assert opgeslagen.status == {"casemanager1": "gedaan", "mentor1": "vervallen"}[gewonnen[0]]
    assert demo[gewonnen[0]].get_full_name() in geweigerd[0].melding
    # One audit row: the refused save left nothing.
    assert Auditregel.objects.filter(object_type="acties", object_id=str(a.pk)).count() == 1


# --- the case page and the in-place change ------------------------------------------------


def _client(demo, wie):
    c = Client()
    c.force_login(demo[wie])
    return c


@pytest.mark.django_db
def test_the_case_page_lists_all_actions_of_all_domains_running_first(demo, traject):
    gisteren = VANDAAG() - timedelta(days=1)
    actie(traject, demo, "pi", Domein.ID_BEWIJS, omschrijving="ID-kaart aanvragen")
    te_laat = actie(traject, demo, "gemeente", Domein.HUISVESTING, omschrijving="Opvang regelen")
    Actie.objects.filter(pk=te_laat.pk).update(uiterlijk_datum=gisteren)
    klaar = actie(traject, demo, "reclassering", Domein.ZORG, omschrijving="Intake verslavingszorg")
    zet(demo["reclassering1"], klaar, "gedaan")
    html = _client(demo, "mentor1").get(traject.get_absolute_url()).content.decode()
    sectie = html[html.index('id="acties"') :]
    posities = [
        sectie.index(t) for t in ("Opvang regelen", "ID-kaart aanvragen", "Intake verslavingszorg")
    ]
    assert posities == sorted(posities)
    assert "te laat" in sectie[: posities[1]]
    for code in ("GM0153", "RN", "PI-ALMELO"):
        assert str(Organisatie.objects.get(code=code)) in sectie
    # The mentor changes the PI's action, not the gemeente's or the reclassering's.
    assert sectie.count('name="status"') == 1


@pytest.mark.django_db
def test_the_case_page_query_count_does_not_grow_with_actions(demo, traject):
    c = _client(demo, "casemanager1")

    def tel():
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(traject.get_absolute_url()).status_code == 200
        return len(ctx)

    actie(traject, demo)
    een = tel()
    for org in ("pi", "gemeente", "reclassering") * 3:
        actie(traject, demo, org, Domein.WERK_INKOMEN)
    assert tel() == een


@pytest.mark.django_db
def test_the_status_changes_in_place_with_htmx(demo, traject):
    a = actie(traject, demo, "gemeente")
    url = reverse("trajecten:actie_status", args=[traject.pk, a.pk])
    r = _client(demo, "nazorg1").post(
        url, {"versie": 1, "status": "bezig"}, headers={"HX-Request": "true"}
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert html.strip().startswith("<tr") and f'id="actie-{a.pk}"' in html
    assert "Opgeslagen." in html and 'name="versie" value="2"' in html
    assert Actie.objects.get(pk=a.pk).status == "bezig"


@pytest.mark.django_db
def test_without_javascript_the_form_posts_and_returns_to_the_case(demo, traject):
    a = actie(traject, demo, "reclassering")
    url = reverse("trajecten:actie_status", args=[traject.pk, a.pk])
    r = _client(demo, "reclassering1").post(url, {"versie": 1, "status": "gedaan"})
    assert r.status_code == 302 and r.url == f"{traject.get_absolute_url()}#acties"
    assert Actie.objects.get(pk=a.pk).status == "gedaan"
    r = _client(demo, "reclassering1").post(url, {"versie": 2, "status": "open", "lijst": "mijn"})
    assert r.url == reverse("trajecten:mijn_acties")
    # From page 3 of Mijn acties, back to page 3 (issue 18: the list is paged).
    data = {"versie": 3, "status": "bezig", "lijst": "mijn", "pagina": "3"}
    r = _client(demo, "reclassering1").post(url, data)
    assert r.url == reverse("trajecten:mijn_acties") + "?pagina=3"


@pytest.mark.django_db
def test_the_rows_of_a_later_page_of_mijn_acties_carry_their_page(demo, traject):
    _veel_acties(demo, traject, 55)
    html = _client(demo, "nazorg1").get(reverse("trajecten:mijn_acties"), {"pagina": 2})
    assert '<input type="hidden" name="pagina" value="2">' in html.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("htmx", [False, True], ids=["formulier", "htmx"])
def test_vervallen_without_a_reason_asks_for_it_at_the_field(demo, traject, htmx):
    a = actie(traject, demo)
    url = reverse("trajecten:actie_status", args=[traject.pk, a.pk])
    headers = {"HX-Request": "true"} if htmx else {}
    r = _client(demo, "casemanager1").post(
        url, {"versie": 1, "status": "vervallen"}, headers=headers
    )
    assert r.status_code == 400
    html = r.content.decode()
    assert "Schrijf op waarom deze actie vervalt." in html
    assert f'id="actie-{a.pk}-reden" maxlength="300" value="" aria-invalid="true"' in html
    assert '<option value="vervallen" selected>' in html  # the choice is kept
    assert Actie.objects.get(pk=a.pk).status == "open"


@pytest.mark.django_db
def test_a_stale_browser_save_shows_the_stored_status_and_keeps_the_choice(demo, traject):
    a = actie(traject, demo)
    zet(demo["mentor1"], a, "gedaan")
    url = reverse("trajecten:actie_status", args=[traject.pk, a.pk])
    r = _client(demo, "casemanager1").post(
        url,
        {"versie": 1, "status": "vervallen", "vervallen_reden": "Dubbel"},
        headers={"HX-Request": "true"},
    )
    assert r.status_code == 400
    html = r.content.decode()
    assert "Pieter Jansen heeft dit om" in html
    assert "Opgeslagen status: Gedaan" in html
    assert 'name="versie" value="2"' in html and 'value="Dubbel"' in html
    assert Actie.objects.get(pk=a.pk).status == "gedaan"


@pytest.mark.django_db
def test_a_partner_who_sees_the_case_but_not_the_action_gets_403_others_404(demo, traject):
    a = actie(traject, demo, "gemeente")
    url = reverse("trajecten:actie_status", args=[traject.pk, a.pk])
    for wie, status in [
        ("casemanager1", 403),
        ("reclassering1", 403),
        ("staf1", 403),
        ("nazorg2", 404),
        ("casemanager2", 404),
    ]:
        assert _client(demo, wie).post(url, {"versie": 1, "status": "gedaan"}).status_code == status
    # Another case's number with this action: 404, the action is not of that case.
    ander = reverse("trajecten:actie_status", args=[traject.pk, a.pk + 999])
    assert (
        _client(demo, "nazorg1").post(ander, {"versie": 1, "status": "gedaan"}).status_code == 404
    )
    assert Actie.objects.get(pk=a.pk).status == "open"


@pytest.mark.django_db
@pytest.mark.parametrize("versie", ["", "abc", "-1", "9" * 30])
def test_bad_input_gives_no_500(demo, traject, versie):
    a = actie(traject, demo)
    url = reverse("trajecten:actie_status", args=[traject.pk, a.pk])
    r = _client(demo, "casemanager1").post(url, {"versie": versie, "status": "\x00"})
    assert r.status_code == 400


# --- Mijn acties ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_mijn_acties_shows_what_my_organisation_holds_overdue_first(demo, traject):
    later = actie(
        traject,
        demo,
        "gemeente",
        omschrijving="Later",
        uiterlijk_datum=VANDAAG() + timedelta(days=20),
    )
    zonder = actie(traject, demo, "gemeente", omschrijving="Zonder datum")
    te_laat = actie(traject, demo, "gemeente", omschrijving="Te laat")
    Actie.objects.filter(pk=te_laat.pk).update(uiterlijk_datum=VANDAAG() - timedelta(days=2))
    gedaan = actie(traject, demo, "gemeente", omschrijving="Al gedaan")
    zet(demo["nazorg1"], gedaan, "gedaan")
    actie(traject, demo, "pi", omschrijving="Van de PI")
    r = _client(demo, "nazorg1").get(reverse("trajecten:mijn_acties"))
    html = r.content.decode()
    assert "Van de PI" not in html
    volgorde = [html.index(t) for t in ("Te laat", "Later", "Zonder datum", "Al gedaan")]
    assert volgorde == sorted(volgorde)
    assert traject.get_absolute_url() in html
    assert "Mijn acties (3 open)" in html  # the page title
    assert later.pk and zonder.pk


@pytest.mark.django_db
def test_mijn_acties_only_through_the_door(demo, traject):
    actie(traject, demo, "gemeente", omschrijving="Opvang regelen")
    # nazorg2 is of Rotterdam: the case is not theirs; their list is empty and counts 0.
    html = _client(demo, "nazorg2").get(reverse("trajecten:mijn_acties")).content.decode()
    assert "Opvang regelen" not in html


@pytest.mark.django_db
def test_the_navigation_counts_open_and_bezig_of_my_organisation(demo, traject):
    for _ in range(2):
        actie(traject, demo, "reclassering")
    derde = actie(traject, demo, "reclassering")
    zet(demo["reclassering1"], derde, "gedaan")
    actie(traject, demo, "pi")
    html = _client(demo, "reclassering1").get(reverse("adresboek")).content.decode()
    assert 'Mijn acties <span class="rt-nav__aantal">2</span>' in html
    html = _client(demo, "casemanager1").get(reverse("adresboek")).content.decode()
    assert 'Mijn acties <span class="rt-nav__aantal">1</span>' in html
    html = _client(demo, "staf1").get(reverse("adresboek")).content.decode()
    assert "Mijn acties" not in html


@pytest.mark.django_db
def test_mijn_acties_and_the_count_cost_the_same_queries_for_1_or_12_actions(demo, traject):
    c = _client(demo, "casemanager1")

    def tel():
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(reverse("trajecten:mijn_acties")).status_code == 200
        return len(ctx)

    actie(traject, demo)
    een = tel()
    for domein in Domein.values * 2:
        actie(traject, demo, "pi", domein)
    assert tel() == een


@pytest.mark.django_db
def test_mijn_acties_shows_the_birth_year_beside_namesakes(demo, traject):
    """The same action on two 'J.P. de Vries': the birth year tells them apart."""
    from trajecten import services

    p = traject.gedetineerde
    tweede = services.neem_op(
        acting_user=demo["casemanager1"],
        voornamen=p.voornamen,
        achternaam=p.achternaam,
        geboortedatum=p.geboortedatum.replace(year=p.geboortedatum.year - 10),
        binnenkomst_datum=traject.binnenkomst_datum,
        gemelde_gemeente=traject.gemeente,
    )
    actie(traject, demo, "gemeente", omschrijving="Opvang regelen")
    actie(tweede, demo, "gemeente", omschrijving="Opvang regelen")
    html = _client(demo, "nazorg1").get(reverse("trajecten:mijn_acties")).content.decode()
    assert f"{p.korte_naam} ({p.geboortedatum:%Y})" in html
    assert f"{p.korte_naam} ({p.geboortedatum.year - 10})" in html


def _getoond(html: str) -> list[str]:
    """The actions on the page, in order (a row names its action more than once)."""
    return list(dict.fromkeys(re.findall(r"Actie \d{3}", html)))


def _veel_acties(demo, traject, aantal: int, *, vanaf: int = 0) -> None:
    bv = traject.basisvoorwaarden.get(domein=Domein.HUISVESTING)
    gemeente = Organisatie.objects.get(code="GM0153")
    Actie.objects.bulk_create(
        [
            Actie(
                basisvoorwaarde=bv,
                omschrijving=f"Actie {vanaf + i:03d}",
                organisatie=gemeente,
                uiterlijk_datum=VANDAAG() + timedelta(days=vanaf + i + 1),
                aangemaakt_door=demo["casemanager1"],
            )
            for i in range(aantal)
        ]
    )


@pytest.mark.django_db
def test_mijn_acties_shows_fifty_at_a_time_overdue_first_whatever_the_number(demo, traject):
    """Issue 18: a PI holds hundreds of running actions at national volume; the page shows fifty,
    overdue on top, in the same queries for 60 actions as for 121."""
    url = reverse("trajecten:mijn_acties")
    nazorg = _client(demo, "nazorg1")
    _veel_acties(demo, traject, 60)
    nazorg.get(url)
    with CaptureQueriesContext(connection) as klein:
        nazorg.get(url)
    _veel_acties(demo, traject, 60, vanaf=60)
    te_laat = actie(traject, demo, "gemeente", omschrijving="Te laat")
    Actie.objects.filter(pk=te_laat.pk).update(uiterlijk_datum=VANDAAG() - timedelta(days=3))
    with CaptureQueriesContext(connection) as groot:
        html = nazorg.get(url).content.decode()
    assert len(groot.captured_queries) == len(klein.captured_queries)
    assert "Mijn acties (121 open)" in html
    assert html.index("Te laat") < html.index("Actie 000")
    assert len(_getoond(html)) == 49
    assert "Volgende acties" in html and "Vorige acties" not in html

    html = nazorg.get(url, {"pagina": 3}).content.decode()
    assert _getoond(html)[0] == "Actie 099"
    assert len(_getoond(html)) == 21
    assert "Vorige acties" in html and "Volgende acties" not in html


@pytest.mark.django_db
def test_mijn_acties_past_the_last_page_or_a_bad_number(demo, traject):
    url = reverse("trajecten:mijn_acties")
    nazorg = _client(demo, "nazorg1")
    _veel_acties(demo, traject, 3)
    html = nazorg.get(url, {"pagina": 7}).content.decode()
    assert "Op deze pagina staan geen acties meer." in html
    assert "pagina=1" in html
    for fout in ("abc", "-1", "²", "999999999999"):
        r = nazorg.get(url, {"pagina": fout})
        assert r.status_code == 200
        assert "Actie 000" in r.content.decode()
