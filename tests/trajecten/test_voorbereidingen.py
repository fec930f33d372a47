"""Release preparations (issue 11): typed once on the basisvoorwaarde page, shown in the plan,
the informatieblad (HTML and PDF), the handover and the API as the sharing matrix allows."""

import threading
from datetime import date, timedelta

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
from trajecten import deadlines, services
from trajecten.keuzes import Domein, Titel, VoorbereidingStatus
from trajecten.models import Basisvoorwaarde, Voorbereiding, VoorbereidingSoort

VANDAAG = timezone.localdate


def bv(traject, domein=Domein.WERK_INKOMEN) -> Basisvoorwaarde:
    return Basisvoorwaarde.objects.select_related("traject").get(traject=traject, domein=domein)


def soort(naam) -> VoorbereidingSoort:
    return VoorbereidingSoort.objects.get(naam=naam)


UITKERING = "Uitkering aangevraagd (voorbereid in de PI)"
ENSCHEDE = "GM0153"


def uitkering(demo, traject, **extra) -> Voorbereiding:
    return services.voeg_voorbereiding_toe(
        acting_user=demo["casemanager1"],
        basisvoorwaarde=bv(traject),
        soort=soort(UITKERING),
        **extra,
    )


# --- the catalogue -------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_catalogue_is_seeded_per_domain_with_the_benefit_application_coded(demo):
    namen = dict.fromkeys(Domein.values, 0)
    for s in VoorbereidingSoort.objects.all():
        namen[s.domein] += 1
    assert namen[Domein.ID_BEWIJS] == 3 and namen[Domein.HUISVESTING] == 3
    assert VoorbereidingSoort.objects.get(code="uitkering_aanvraag").domein == Domein.WERK_INKOMEN


@pytest.mark.django_db
def test_the_functional_administrator_extends_the_catalogue_in_the_admin(client, demo):
    client.force_login(demo["beheer1"])
    url = reverse("admin:trajecten_voorbereidingsoort_add")
    assert client.get(url).status_code == 200
    antwoord = client.post(
        url,
        {"domein": "zorg", "naam": "Medicatie mee bij uitstroom", "volgorde": 50, "actief": "on"},
    )
    assert antwoord.status_code == 302
    nieuw = VoorbereidingSoort.objects.get(naam="Medicatie mee bij uitstroom")
    # The code the deadline relies on cannot be changed, nor can a kind be deleted.
    coded = VoorbereidingSoort.objects.get(code="uitkering_aanvraag")
    pagina = client.get(reverse("admin:trajecten_voorbereidingsoort_change", args=[coded.pk]))
    assert 'name="code"' not in pagina.content.decode()
    assert (
        client.get(
            reverse("admin:trajecten_voorbereidingsoort_delete", args=[nieuw.pk])
        ).status_code
        == 403
    )
    # A casemanager does not get into the admin.
    client.force_login(demo["casemanager1"])
    assert client.get(url).status_code == 302


# --- the service ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_casemanager_records_a_preparation_audited_with_history(demo, traject):
    v = uitkering(
        demo,
        traject,
        status=VoorbereidingStatus.AANGEVRAAGD,
        organisatie=traject.pi,
        verwacht_datum=VANDAAG() + timedelta(days=30),
    )
    assert v.aangevraagd_datum == VANDAAG()  # requested without a date: today
    assert v.gewijzigd_door == demo["casemanager1"] and v.versie == 1
    regel = Auditregel.objects.filter(object_type="voorbereidingen").latest("pk")
    assert regel.object_id == str(v.pk) and regel.gebruiker == demo["casemanager1"]
    assert v.events.count() == 1  # pghistory
    services.werk_voorbereiding_bij(
        acting_user=demo["mentor1"], voorbereiding=v, versie=1, status="geregeld"
    )
    regels = Auditregel.objects.filter(object_type="voorbereidingen", object_id=str(v.pk))
    assert [r.gebruiker.username for r in regels.order_by("pk")] == ["casemanager1", "mentor1"]
    assert v.events.count() == 2


@pytest.mark.django_db
def test_one_preparation_per_kind_per_trajectory_and_only_of_its_domain(demo, traject):
    uitkering(demo, traject)
    with pytest.raises(ValidationError) as fout:
        uitkering(demo, traject)
    assert "staat al bij dit traject" in fout.value.message_dict["soort"][0]
    with pytest.raises(ValidationError) as fout:
        services.voeg_voorbereiding_toe(
            acting_user=demo["casemanager1"],
            basisvoorwaarde=bv(traject),
            soort=soort("ID-bewijs aangevraagd"),
        )
    assert "van deze basisvoorwaarde" in fout.value.message_dict["soort"][0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("velden", "veld", "melding"),
    [
        ({"aangevraagd_datum": "morgen"}, "aangevraagd_datum", "in de toekomst"),
        ({"gereed_datum": "voor_binnenkomst"}, "gereed_datum", "na de binnenkomst"),
        (
            {"aangevraagd_datum": "vandaag", "gereed_datum": "gisteren"},
            "gereed_datum",
            "niet vóór de aanvraag",
        ),
        (
            {"aangevraagd_datum": "vandaag", "verwacht_datum": "gisteren"},
            "verwacht_datum",
            "niet vóór de aanvraag",
        ),
        ({"verwacht_datum": "ver"}, "verwacht_datum", "jaar vooruit"),
        ({"status": "klaar"}, "status", "Kies een stand"),
        ({"status": "nog_niet_gestart", "gereed_datum": "vandaag"}, "status", "al een datum"),
    ],
)
def test_implausible_dates_and_statuses_are_refused_at_the_field(
    demo, traject, velden, veld, melding
):
    dagen = {
        "vandaag": VANDAAG(),
        "gisteren": VANDAAG() - timedelta(days=1),
        "morgen": VANDAAG() + timedelta(days=1),
        "voor_binnenkomst": traject.binnenkomst_datum - timedelta(days=1),
        "ver": VANDAAG() + timedelta(days=366 * 31),
    }
    kwargs = {k: dagen.get(v, v) for k, v in velden.items()}
    kwargs.setdefault("status", VoorbereidingStatus.GEREGELD)
    with pytest.raises(ValidationError) as fout:
        uitkering(demo, traject, **kwargs)
    assert melding in fout.value.message_dict[veld][0]
    assert not Voorbereiding.objects.exists()


@pytest.mark.django_db
def test_the_gemeente_updates_only_the_items_it_arranges_and_cannot_hand_them_on(demo, traject):
    enschede = Organisatie.objects.get(code=ENSCHEDE)
    van_gemeente = uitkering(demo, traject, organisatie=enschede)
    van_pi = services.voeg_voorbereiding_toe(
        acting_user=demo["casemanager1"],
        basisvoorwaarde=bv(traject),
        soort=soort("Bankrekening"),
        organisatie=traject.pi,
    )
    services.werk_voorbereiding_bij(
        acting_user=demo["nazorg1"],
        voorbereiding=van_gemeente,
        versie=1,
        status=VoorbereidingStatus.AANGEVRAAGD,
        organisatie=traject.pi,  # ignored: a partner cannot hand its item on
    )
    van_gemeente.refresh_from_db()
    assert (van_gemeente.status, van_gemeente.organisatie) == ("aangevraagd", enschede)
    for wie, item in (("nazorg1", van_pi), ("nazorg2", van_gemeente), ("staf1", van_pi)):
        with pytest.raises(PermissionDenied):
            services.werk_voorbereiding_bij(
                acting_user=demo[wie], voorbereiding=item, versie=item.versie, status="geregeld"
            )
    for wie in ("nazorg1", "reclassering1", "staf1"):
        with pytest.raises(PermissionDenied):
            services.voeg_voorbereiding_toe(
                acting_user=demo[wie],
                basisvoorwaarde=bv(traject),
                soort=soort("Lopende uitkering tijdig stopgezet"),
            )


@pytest.mark.django_db
def test_a_save_over_a_newer_version_is_refused(demo, traject):
    v = uitkering(demo, traject)
    services.werk_voorbereiding_bij(
        acting_user=demo["mentor1"], voorbereiding=v, versie=1, status="aangevraagd"
    )
    oud = Voorbereiding.objects.get(pk=v.pk)
    oud.versie = 1
    with pytest.raises(VerouderdeVersie) as fout:
        services.werk_voorbereiding_bij(
            acting_user=demo["casemanager1"], voorbereiding=oud, versie=1, status="niet_nodig"
        )
    assert "heeft dit om" in fout.value.melding
    assert Voorbereiding.objects.get(pk=v.pk).status == "aangevraagd"


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_updates_from_one_version_one_wins(demo, traject):
    """Real threads on PostgreSQL, both past every check before either writes."""
    pk = uitkering(demo, traject).pk
    start = threading.Barrier(2)
    uitkomst: dict[str, object] = {}

    def bewaar(gebruiker, status):
        try:
            v = Voorbereiding.objects.select_related("basisvoorwaarde__traject").get(pk=pk)
            start.wait(timeout=10)
            services.werk_voorbereiding_bij(
                acting_user=gebruiker, voorbereiding=v, versie=1, status=status
            )
            uitkomst[status] = "opgeslagen"
        except VerouderdeVersie as fout:
            uitkomst[status] = fout
        finally:
            connection.close()

    draden = [
        threading.Thread(target=bewaar, args=(demo["casemanager1"], "aangevraagd")),
        threading.Thread(target=bewaar, args=(demo["mentor1"], "niet_nodig")),
    ]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=30)
    gewonnen = [s for s, u in uitkomst.items() if u == "opgeslagen"]
    assert len(gewonnen) == 1 and len(uitkomst) == 2
    v = Voorbereiding.objects.get(pk=pk)
    assert (v.status, v.versie) == (gewonnen[0], 2)


# --- the benefit application's deadline (pure) ---------------------------------------------


def test_the_benefit_deadline_is_twenty_working_days_before_the_expected_release():
    # Release Wednesday 3 June 2026: 20 working days back skips Whit Monday and Ascension Day.
    release = date(2026, 6, 3)
    t = deadlines.uitkering_termijn(
        verwachte_uitstroom=release,
        aangevraagd_datum=None,
        vandaag=date(2026, 5, 1),
        brugdagen=(),
        werkdagen_vooraf=20,
        binnenkomst=date(2026, 1, 5),
    )
    assert t is not None
    assert deadlines.werkdagen_tussen(t.uiterlijk, release, brugdagen=()) == 20
    assert t.status == deadlines.Termijnstatus.OPEN
    gehaald = deadlines.uitkering_termijn(
        verwachte_uitstroom=release,
        aangevraagd_datum=t.uiterlijk,
        vandaag=date(2026, 6, 1),
        brugdagen=(),
        werkdagen_vooraf=20,
        binnenkomst=date(2026, 1, 5),
    )
    assert gehaald is not None and gehaald.status == deadlines.Termijnstatus.GEHAALD
    assert (
        deadlines.uitkering_termijn(
            verwachte_uitstroom=None,
            aangevraagd_datum=None,
            vandaag=date(2026, 6, 1),
            brugdagen=(),
            werkdagen_vooraf=20,
            binnenkomst=date(2026, 1, 5),
        )
        is None
    )


# --- screens -------------------------------------------------------------------------------


def _post(client, url, data, htmx=False):
    extra = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(url, data, **extra)


@pytest.mark.django_db
def test_the_casemanager_adds_and_updates_a_preparation_without_javascript(client, demo, traject):
    client.force_login(demo["casemanager1"])
    pagina = reverse("trajecten:basisvoorwaarde", args=[traject.pk, "werk_inkomen"])
    assert "Voorbereidingen op de uitstroom" in client.get(pagina).content.decode()
    antwoord = _post(
        client,
        reverse("trajecten:voorbereiding_toevoegen", args=[traject.pk, "werk_inkomen"]),
        {"vb-soort": soort(UITKERING).pk, "vb-status": "nog_niet_gestart"},
    )
    assert antwoord.status_code == 302 and antwoord["Location"].endswith("#voorbereidingen")
    v = Voorbereiding.objects.get()
    url = reverse("trajecten:voorbereiding", args=[traject.pk, "werk_inkomen", v.pk])
    formulier = client.get(url)
    assert formulier.status_code == 200 and "bijwerken" in formulier.content.decode()
    p = f"vb{v.pk}-"
    antwoord = _post(
        client,
        url,
        {p + "versie": 1, p + "status": "aangevraagd", p + "aangevraagd_datum": VANDAAG()},
    )
    assert antwoord.status_code == 302
    v.refresh_from_db()
    assert (v.status, v.aangevraagd_datum, v.versie) == ("aangevraagd", VANDAAG(), 2)


@pytest.mark.django_db
def test_a_preparation_is_saved_in_place_and_a_bad_date_comes_back_at_its_field(
    client, demo, traject
):
    client.force_login(demo["mentor1"])
    v = uitkering(demo, traject)
    url = reverse("trajecten:voorbereiding", args=[traject.pk, "werk_inkomen", v.pk])
    fragment = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert fragment.lstrip().startswith('<li class="rt-voorbereiding rt-voorbereiding--bewerken"')
    p = f"vb{v.pk}-"
    fout = _post(
        client,
        url,
        {p + "versie": 1, p + "status": "aangevraagd", p + "aangevraagd_datum": "31-02-2026"},
        htmx=True,
    )
    assert fout.status_code == 400 and "Vul een geldige datum in" in fout.content.decode()
    goed = _post(client, url, {p + "versie": 1, p + "status": "geregeld"}, htmx=True)
    assert goed.status_code == 200
    tekst = goed.content.decode()
    assert "Opgeslagen." in tekst and "Geregeld" in tekst and "<form" not in tekst
    # The old version again: refused, both versions shown.
    weer = _post(client, url, {p + "versie": 1, p + "status": "niet_nodig"}, htmx=True)
    assert weer.status_code == 400 and "Twee versies" in weer.content.decode()


@pytest.mark.django_db
def test_a_double_add_of_one_kind_answers_400_not_500(client, demo, traject):
    client.force_login(demo["casemanager1"])
    uitkering(demo, traject)
    antwoord = _post(
        client,
        reverse("trajecten:voorbereiding_toevoegen", args=[traject.pk, "werk_inkomen"]),
        {"vb-soort": soort(UITKERING).pk, "vb-status": "aangevraagd"},
    )
    assert antwoord.status_code == 400


def _gevuld(demo, traject):
    uitkering(
        demo,
        traject,
        status=VoorbereidingStatus.AANGEVRAAGD,
        organisatie=Organisatie.objects.get(code=ENSCHEDE),
        toelichting="Formulieren klaar in de PI",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("wie", ["casemanager1", "mentor1", "staf1", "reclassering1", "nazorg1"])
def test_the_partial_shows_in_plan_informatieblad_and_handover_per_the_matrix(
    client, demo, traject, wie
):
    """Every role that sees the case sees them, the ZVH excepted (next test)."""
    ziet = True
    _gevuld(demo, traject)
    client.force_login(demo[wie])
    for naam in ("trajecten:detail", "trajecten:informatieblad", "trajecten:document_overdracht"):
        tekst = client.get(reverse(naam, args=[traject.pk])).content.decode()
        assert ("Formulieren klaar in de PI" in tekst) is ziet, naam
        assert ("Voorbereidingen op de uitstroom" in tekst) is ziet, naam


@pytest.mark.django_db
def test_the_zvh_does_not_see_the_preparations(demo, traject):
    from ketenpartners.models import Medewerker
    from ketenpartners.rollen import Rol
    from trajecten.selectors import voorbereidingen_context

    _gevuld(demo, traject)
    zvh = Medewerker(rol=Rol.ZVH_MEDEWERKER)
    assert voorbereidingen_context(traject, zvh)["voorbereidingen"] is None
    assert len(voorbereidingen_context(traject, demo["nazorg1"])["voorbereidingen"]) == 1


@pytest.mark.django_db
def test_the_handover_after_release_and_its_pdf_carry_the_preparations(client, demo, traject):
    _gevuld(demo, traject)
    cm = demo["casemanager1"]
    traject.refresh_from_db()
    services.registreer_uitstroom(
        toch_versturen=True,
        reden="Toch versturen (test)",
        acting_user=cm,
        traject=traject,
        versie=traject.versie,
        uitstroom_datum=VANDAAG(),
        titel=Titel.GEEN,
    )
    client.force_login(demo["nazorg1"])
    tekst = client.get(reverse("trajecten:document_overdracht", args=[traject.pk])).content
    assert "Formulieren klaar in de PI" in tekst.decode()
    pdf = client.get(reverse("trajecten:document_overdracht_pdf", args=[traject.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    pdf = client.get(reverse("trajecten:document_informatieblad_pdf", args=[traject.pk]))
    assert pdf.status_code == 200


@pytest.mark.django_db
def test_the_case_page_counts_per_domain_and_lists_the_benefit_deadline(client, demo, traject):
    from trajecten.models import Traject

    Traject.objects.filter(pk=traject.pk).update(
        verwachte_uitstroom_datum=VANDAAG() + timedelta(days=60)
    )
    _gevuld(demo, traject)
    client.force_login(demo["casemanager1"])
    tekst = client.get(reverse("trajecten:detail", args=[traject.pk])).content.decode()
    assert "Voorbereidingen: 0 van 1 geregeld" in tekst
    assert "Uitkering aangevraagd</th>" in tekst  # among the deadlines
    assert f"gehaald op {VANDAAG():%d-%m-%Y}" in tekst  # requested today, well before it


@pytest.mark.django_db
def test_the_case_page_costs_the_same_queries_with_more_preparations(client, demo, traject):
    client.force_login(demo["casemanager1"])
    url = reverse("trajecten:detail", args=[traject.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as een:
        client.get(url)
    for naam in (UITKERING, "Bankrekening", "Lopende uitkering tijdig stopgezet"):
        services.voeg_voorbereiding_toe(
            acting_user=demo["casemanager1"], basisvoorwaarde=bv(traject), soort=soort(naam)
        )
    with CaptureQueriesContext(connection) as drie:
        client.get(url)
    assert len(drie) == len(een)


@pytest.mark.django_db
def test_the_api_detail_carries_the_preparations_per_the_matrix(demo, traject):
    _gevuld(demo, traject)
    client = Client()
    client.force_login(demo["nazorg1"])
    data = client.get(reverse("api:traject-detail", args=[traject.pk])).json()
    assert data["voorbereidingen"] == [
        {
            "domein": "werk_inkomen",
            "soort": UITKERING,
            "code": "uitkering_aanvraag",
            "status": "aangevraagd",
            "organisatie": {"code": ENSCHEDE, "naam": "Enschede"},
            "aangevraagd_datum": VANDAAG().isoformat(),
            "verwacht_datum": None,
            "gereed_datum": None,
            "toelichting": "Formulieren klaar in de PI",
        }
    ]
    lijst = client.get(reverse("api:traject-list")).json()
    assert "voorbereidingen" not in lijst["results"][0]
