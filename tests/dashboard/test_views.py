import csv
import io
import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dashboard.periode import maand_plus
from ketenpartners.models import Organisatie
from ketenpartners.rollen import Rol, Soort
from ketenpartners.services import maak_medewerker
from trajecten.kalender import zorg_voor_kalender

from .conftest import contact, gezien_na, neem_op

pytestmark = pytest.mark.django_db
URL = reverse("dashboard:overzicht")


class Tabellen(HTMLParser):
    """The cells of every <table id="tabel-…"> on a page, as the eye reads them: a dash (with
    its hidden 'geen gegevens') counts as empty, as in the CSV."""

    def __init__(self):
        super().__init__()
        self.tabellen: dict[str, list[list[str]]] = {}
        self._tabel = self._cel = None
        self._verborgen = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id", "").startswith("tabel-"):
            self._tabel = self.tabellen.setdefault(attrs["id"].removeprefix("tabel-"), [])
        elif self._tabel is not None and tag == "tr":
            self._tabel.append([])
        elif self._tabel is not None and tag in ("th", "td"):
            self._cel = []
        elif self._cel is not None and tag == "span" and self._verborgen_span(attrs):
            self._verborgen += 1

    @staticmethod
    def _verborgen_span(attrs) -> bool:
        return attrs.get("aria-hidden") == "true" or "rt-sr" in attrs.get("class", "")

    def handle_endtag(self, tag):
        if tag == "table":
            self._tabel = None
        elif tag in ("th", "td") and self._cel is not None:
            self._tabel[-1].append("".join(self._cel).strip())
            self._cel = None
        elif tag == "span" and self._verborgen:
            self._verborgen -= 1

    def handle_data(self, data):
        if self._cel is not None and not self._verborgen:
            self._cel.append(data)


MET_N = re.compile(r"^(\d+) van (\d+) = (\d+) %$")


def _zonder_n(cel: str) -> str:
    gevonden = MET_N.match(cel)
    return gevonden.group(3) if gevonden else cel


def tabellen_op(html: str) -> dict[str, list[list[str]]]:
    parser = Tabellen()
    parser.feed(html)
    return parser.tabellen


def lees_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("wie", ["casemanager1", "mentor1", "reclassering1", "nazorg1", "beheer1"])
def test_other_roles_get_403_on_page_and_csv(client, demo, wie):
    client.force_login(demo[wie])
    assert client.get(URL).status_code == 403
    assert client.get(reverse("dashboard:csv", args=["termijnen"])).status_code == 403


def test_anonymous_visitors_go_to_the_login(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_hoofd_dr_gets_the_dashboard(client, demo):
    hoofd = maak_medewerker(
        acting_user=None,
        username="hoofd1",
        rol=Rol.HOOFD_DR,
        organisatie=Organisatie.objects.get(code="PI-ALMELO"),
    )
    client.force_login(hoofd)
    response = client.get(URL)
    assert response.status_code == 200
    assert "veiligheidsregio Twente" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "veld", "melding"),
    [
        ("van=2026-13", "van", "Vul een maand in als jjjj-mm, bijvoorbeeld 2026-05."),
        ("tot=mei", "tot", "Vul een maand in als jjjj-mm, bijvoorbeeld 2026-05."),
        ("van=1999-12&tot=2000-01", "van", "Vul een maand in als jjjj-mm"),
        ("tot=2999-01", "tot", "Kies een maand die niet na deze maand ligt."),
        ("van=2026-03&tot=2026-01", "van", "Kies een beginmaand die niet na de eindmaand ligt."),
        ("van=2020-01&tot=2026-01", "van", "Kies een periode van hoogstens 24 maanden."),
        ("pi=999999", "pi", "Kies een inrichting uit uw regio."),
        ("pi=x%27%3B--", "pi", "Kies een inrichting uit uw regio."),
    ],
)
def test_bad_filters_answer_400_with_a_dutch_message_at_the_field(
    client, demo, query, veld, melding
):
    client.force_login(demo["staf1"])
    for url in (URL, reverse("dashboard:csv", args=["gemeenten"])):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 400
        html = response.content.decode()
        fout = html.split(f'id="id_{veld}_fout">', 1)[1].split("</div>", 1)[0]
        assert melding in fout
        assert 'aria-invalid="true"' in html
        assert "Kerncijfers" not in html


def test_a_pi_of_another_region_is_not_a_choice(client, demo):
    client.force_login(demo["staf1"])
    nieuwersluis = Organisatie.objects.get(code="PI-NIEUWERSLUIS")
    assert client.get(f"{URL}?pi={nieuwersluis.pk}").status_code == 400


def test_unknown_csv_table_is_404(client, demo):
    client.force_login(demo["staf1"])
    assert client.get(reverse("dashboard:csv", args=["personen"])).status_code == 404


def test_every_csv_holds_exactly_the_table_on_the_page(client, demo, regio):
    client.force_login(demo["staf1"])
    deze = regio.vandaag.replace(day=1)
    filters = f"van={maand_plus(deze, -5):%Y-%m}&tot={deze:%Y-%m}"
    html = client.get(f"{URL}?{filters}").content.decode()
    op_pagina = tabellen_op(html)
    assert set(op_pagina) == {
        "termijnen",
        "gesprekken",
        "gemeenten",
        "zonder_reactie",
        "caseload",
        "groepen",
        "uitstroom",
        "na_nazorg",  # issue 12: basisvoorwaarden op orde na nazorg
    }
    for sleutel, rijen in op_pagina.items():
        link = f"{reverse('dashboard:csv', args=[sleutel])}?{filters}"
        assert link.replace("&", "&amp;") in html
        response = client.get(link)
        assert response.status_code == 200
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"] == (
            f'attachment; filename="{sleutel}_{maand_plus(deze, -5):%Y-%m}_{deze:%Y-%m}.csv"'
        )
        # The page shows a percentage with its n ('1 van 1 = 100 %'); the CSV keeps the bare
        # number for a spreadsheet. Otherwise the cells are the same.
        assert lees_csv(response) == [[_zonder_n(cel) for cel in rij] for rij in rijen], sleutel
    assert op_pagina["caseload"][0] == ["Casemanager", "Trajecten in detentie", "Norm"]


def test_charts_are_accessible_images_without_inline_styles_or_scripts(client, demo, regio):
    client.force_login(demo["staf1"])
    html = client.get(URL).content.decode()
    for grafiek in ("termijnen", "gesprekken", "gemeenten", "caseload", "uitstroom"):
        assert (
            'role="img" viewBox="0 0 ' in html
            and f'aria-labelledby="grafiek-{grafiek}-titel grafiek-{grafiek}-beschrijving"' in html
        )
        assert f'<title id="grafiek-{grafiek}-titel">' in html
    assert "style=" not in html
    assert "<script>" not in html and "<script " not in html.split("</head>", 1)[1]


def _tweede_pi_in_twente(demo):
    """PI Twente-Test in the same veiligheidsregio as PI Almelo, with its own casemanager."""
    almelo = Organisatie.objects.get(code="PI-ALMELO")
    pi = Organisatie.objects.create(
        soort=Soort.PI, code="PI-TWENTE-TEST", naam="PI Twente-Test", regio_id=almelo.regio_id
    )
    cm = maak_medewerker(
        acting_user=None,
        username="cm_twente",
        rol=Rol.CASEMANAGER,
        organisatie=pi,
        first_name="Bram",
        last_name="Twente",
    )
    return pi, cm


def test_region_counts_both_pis_the_filter_narrows_and_caseload_stays_own(client, demo):
    pi, cm = _tweede_pi_in_twente(demo)
    binnen = timezone.localdate() - timedelta(days=2)
    neem_op(cm, "Twee", binnen)
    neem_op(cm, "Drie", binnen)
    neem_op(demo["casemanager1"], "Een", binnen)
    neem_op(demo["casemanager2"], "Elders", binnen)  # PI Nieuwersluis, region Utrecht
    client.force_login(demo["staf1"])

    def actief(query=""):
        response = client.get(f"{URL}?{query}")
        assert response.status_code == 200
        html = response.content.decode()
        return html.split('data-cijfer="actief">', 1)[1].split("<", 1)[0], tabellen_op(html)

    alle, t = actief()
    assert alle == "3"
    assert [r[0] for r in t["caseload"][1:]] == ["Karin Smit"]
    almelo = Organisatie.objects.get(code="PI-ALMELO")
    assert actief(f"pi={almelo.pk}")[0] == "1"
    alleen_twente, t = actief(f"pi={pi.pk}")
    assert alleen_twente == "2"
    assert t["caseload"][1:] == [["Karin Smit", "1", "30"]]  # own PI, whatever the filter
    select = client.get(URL).content.decode().split('id="id_pi"', 1)[1].split("</select>")[0]
    assert "PI Twente-Test" in select and "PI Almelo" in select
    assert "Nieuwersluis" not in select


def test_gemeente_of_another_region_trajectory_does_not_appear(client, demo):
    binnen = timezone.localdate() - timedelta(days=2)
    t = neem_op(demo["casemanager2"], "Elders", binnen, gemeente_code="GM0599")
    gezien_na(t, 1)
    neem_op(demo["casemanager2"], "Nergens", binnen, gemeente_code="GM0518")
    client.force_login(demo["staf1"])
    html = client.get(URL).content.decode()
    tabellen = tabellen_op(html)
    assert tabellen["gemeenten"][1:] == [["Geen gegevens in deze periode."]]
    assert tabellen["zonder_reactie"][1:] == [["Geen gegevens in deze periode."]]


def _maak(cm, n, start=0):
    vandaag = timezone.localdate()
    for i in range(start, start + n):
        binnen = vandaag - timedelta(days=5 + 7 * i % 150)
        t = neem_op(cm, f"Persoon {i}", binnen, lvb=i % 2 == 0)
        contact(cm, t, binnen + timedelta(days=1))
        if i % 3 == 0:
            gezien_na(t, 1, opgepakt_na=2)


def test_the_dashboard_costs_the_same_queries_for_3_or_20_trajectories(client, demo):
    zorg_voor_kalender(timezone.localdate())  # a transactional test may have emptied it
    client.force_login(demo["staf1"])
    _maak(demo["casemanager1"], 3)
    weinig = queries(client, URL)
    _maak(demo["casemanager1"], 17, start=3)
    veel = queries(client, URL)
    assert veel == weinig <= 20


def test_a_csv_costs_the_same_queries_for_3_or_20_trajectories(client, demo):
    zorg_voor_kalender(timezone.localdate())  # a transactional test may have emptied it
    client.force_login(demo["staf1"])
    url = reverse("dashboard:csv", args=["gemeenten"])
    _maak(demo["casemanager1"], 3)
    weinig = queries(client, url)
    _maak(demo["casemanager1"], 17, start=3)
    assert queries(client, url) == weinig <= 20


def test_every_percentage_on_the_dashboard_shows_its_n(client, demo, regio):
    """Not '100 %' from a single case, but '1 van 1 = 100 %': in the tables and over the
    points of the deadline chart."""
    client.force_login(demo["staf1"])
    deze = regio.vandaag.replace(day=1)
    html = client.get(f"{URL}?van={maand_plus(deze, -5):%Y-%m}&tot={deze:%Y-%m}").content.decode()
    tabellen = tabellen_op(html)
    for sleutel, kolom in (("termijnen", 3), ("groepen", 2), ("uitstroom", 3)):
        cellen = [rij[kolom] for rij in tabellen[sleutel][1:] if rij[kolom]]
        assert cellen, sleutel
        for cel in cellen:
            deel, geheel, procent = map(int, MET_N.match(cel).groups())
            assert procent == round(100 * deel / geheel + 1e-9), cel
    assert re.search(r"<title>\d+ van \d+ = \d+ %</title>", html)
    assert re.search(r"\(\d+ van \d+\)</text>", html)  # beside each bar of the release chart
