"""'Mijn plan' (issue 15, ADR 0020): the person's own plan in plain Dutch with pictograms, as a
print view and a PDF, for the PI's casemanager and mentor; 404 for everyone else. Worded from the
facts of the case (never typed again), checked against the readability rule of the issue on the
rendered page for trajectories with different facts; it changes when a fact changes; every
print and download is an export in the audit trail, which the handover checklist shows."""

import io
import re
from datetime import datetime, time, timedelta
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from audit.models import Auditactie, Auditregel
from ketenpartners.models import Organisatie
from trajecten import mijn_plan, pdf, services
from trajecten.keuzes import BVStatus, Domein, VoorbereidingStatus
from trajecten.models import Traject, VoorbereidingSoort

from ..documenten.conftest import pdf_tekst

pytestmark = pytest.mark.django_db

MAG = ["casemanager1", "mentor1"]
NIET = ["casemanager2", "reclassering1", "nazorg1", "nazorg2", "staf1", "beheer1"]
# The jargon of the issue (and a few more the plan never writes itself).
JARGON = [*mijn_plan.JARGON, "d&r-plan"]
KAREN_TEL = "0546-123 401"  # casemanager1, Karin Smit
SANNE_TEL = "088-804 1001"  # reclassering1, Sanne de Boer
LOKET_TEL = "053-481 1000"  # the gemeente Enschede's contact point


def _url(naam: str, traject: Traject) -> str:
    return reverse(f"trajecten:{naam}", kwargs={"pk": traject.pk})


class _Tekst(HTMLParser):
    """The text of the document (article[data-mijn-plan]) as blocks (headings, paragraphs, list
    items), and its pictograms by domain."""

    BLOKKEN = {"h1", "h2", "h3", "p", "li"}

    def __init__(self) -> None:
        super().__init__()
        self.diepte = 0
        self.blokken: list[str] = []
        self.huidig: list[str] = []
        self.domein = ""
        self.plaatjes: dict[str, dict[str, str]] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article" and "data-mijn-plan" in a:
            self.diepte = 1
            return
        if not self.diepte:
            return
        if tag in ("article", "section", "div", "ul"):
            self.diepte += 1
        if tag == "section" and a.get("data-domein"):
            self.domein = a["data-domein"] or ""
        if tag == "img":
            self.plaatjes[self.domein] = {"alt": a.get("alt") or "", "src": a.get("src") or ""}
        if tag in self.BLOKKEN:
            self._sluit()
        if tag == "br":
            self.huidig.append(" ")

    def handle_endtag(self, tag):
        if not self.diepte:
            return
        if tag in self.BLOKKEN:
            self._sluit()
        if tag in ("article", "section", "div", "ul"):
            self.diepte -= 1

    def handle_data(self, data):
        if self.diepte:
            self.huidig.append(data)

    def _sluit(self):
        tekst = " ".join("".join(self.huidig).split())
        if tekst:
            self.blokken.append(tekst)
        self.huidig = []


def lees(html: str) -> _Tekst:
    parser = _Tekst()
    parser.feed(html)
    return parser


def zinnen(blokken: list[str]) -> list[str]:
    """Sentences: each block is one or more, split after . ! or ? followed by a space or the
    end (so '9.30' and '088-804' stay one word). A heading is a sentence of its own."""
    uit = []
    for blok in blokken:
        uit += [z for z in re.split(r"(?<=[.!?])\s+", blok) if z.strip()]
    return uit


def controleer_leesbaarheid(html: str) -> _Tekst:
    """The readability rule of issue 15: average sentence length at most 12 words, no word from
    the jargon list, a pictogram with alt text per domain."""
    doc = lees(html)
    assert doc.blokken, "geen tekst in het document"
    alle = zinnen(doc.blokken)
    gemiddeld = sum(len(z.split()) for z in alle) / len(alle)
    assert gemiddeld <= 12, (gemiddeld, alle)
    tekst = " ".join(doc.blokken).casefold()
    for woord in JARGON:
        assert not re.search(rf"(?<!\w){re.escape(woord)}", tekst), (woord, tekst)
    assert set(doc.plaatjes) == set(Domein.values)
    for domein, plaatje in doc.plaatjes.items():
        assert len(plaatje["alt"]) > 10, domein
        assert plaatje["src"].startswith("/static/pictogrammen/")
        assert plaatje["src"].endswith(".svg")
    return doc


def _pagina(client, gebruiker, traject) -> str:
    client.force_login(gebruiker)
    response = client.get(_url("mijn_plan", traject))
    assert response.status_code == 200
    return response.content.decode()


def _bv(traject, domein, status, hulpvraag="", partner=None, wie=None):
    gelezen = traject.basisvoorwaarden.get(domein=domein)
    services.werk_basisvoorwaarde_bij(
        acting_user=wie or traject.casemanager,
        basisvoorwaarde=gelezen,
        versie=gelezen.versie,
        status=status,
        hulpvraag=hulpvraag,
        uitvoerende_partner=partner,
    )


def _vrij_op(traject, dag):
    traject.refresh_from_db()
    services.werk_traject_bij(
        acting_user=traject.casemanager,
        traject=traject,
        versie=traject.versie,
        verwachte_uitstroom_datum=dag,
        casemanager=traject.casemanager,
        mentor=traject.mentor,
        reclassering=traject.reclassering,
        reclassering_team=traject.reclassering_team,
        reclasseringswerker=traject.reclasseringswerker,
        titel=traject.titel,
    )
    traject.refresh_from_db()


def _afspraak(traject, dag, uur=10, plaats="Hengelosestraat 51, Enschede", **kw):
    moment = timezone.make_aware(datetime.combine(dag, time(uur, 30)))
    return services.plan_gesprek(
        acting_user=traject.casemanager,
        traject=traject,
        soort="uitstroomoverleg",
        gepland_op=moment,
        plaats=plaats,
        **kw,
    )


@pytest.fixture
def vol(demo, traject):
    """The fixture case with facts in every part: states, a partner, actions with and without a
    person, preparations, a release date in three weeks and an appointment in the first week."""
    cm = demo["casemanager1"]
    gemeente = Organisatie.objects.get(code="GM0153")
    _bv(traject, Domein.ID_BEWIJS, BVStatus.OP_ORDE)
    _bv(traject, Domein.HUISVESTING, BVStatus.NIET_OP_ORDE, "Zoekt een kamer.", partner=gemeente)
    _bv(traject, Domein.ZORG, BVStatus.IN_BEHANDELING, "Behandeling moet doorlopen.")
    zorg = traject.basisvoorwaarden.get(domein=Domein.ZORG)
    services.voeg_actie_toe(
        acting_user=cm,
        basisvoorwaarde=zorg,
        omschrijving="Intake bij de verslavingszorg plannen",
        organisatie=traject.reclassering,
        medewerker=demo["reclassering1"],
        uiterlijk_datum=timezone.localdate() + timedelta(days=10),
    )
    services.voeg_actie_toe(
        acting_user=cm,
        basisvoorwaarde=traject.basisvoorwaarden.get(domein=Domein.ID_BEWIJS),
        omschrijving="Pasfoto's laten maken voor de ID-kaart",
        organisatie=traject.pi,
        medewerker=cm,
    )
    werk = traject.basisvoorwaarden.get(domein=Domein.WERK_INKOMEN)
    services.voeg_voorbereiding_toe(
        acting_user=cm,
        basisvoorwaarde=werk,
        soort=VoorbereidingSoort.objects.get(naam="Bankrekening"),
        status=VoorbereidingStatus.GEREGELD,
        gereed_datum=timezone.localdate(),
    )
    services.voeg_voorbereiding_toe(
        acting_user=cm,
        basisvoorwaarde=werk,
        soort=VoorbereidingSoort.objects.get(naam="Uitkering aangevraagd (voorbereid in de PI)"),
        status=VoorbereidingStatus.AANGEVRAAGD,
        aangevraagd_datum=timezone.localdate(),
        verwacht_datum=timezone.localdate() + timedelta(days=25),
    )
    vrij = timezone.localdate() + timedelta(days=21)
    _vrij_op(traject, vrij)
    _afspraak(traject, vrij + timedelta(days=1), organisaties=[gemeente])
    return traject


@pytest.mark.parametrize("wie", MAG)
def test_page_and_pdf_for_the_casemanager_and_the_mentor(client, demo, vol, wie):
    html = _pagina(client, demo[wie], vol)
    assert "Mijn plan" in html
    response = client.get(_url("mijn_plan_pdf", vol))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'attachment; filename="mijn-plan-traject-{vol.pk}.pdf"'
    )
    assert "no-store" in response["Cache-Control"]
    tekst = pdf_tekst(response.content)
    for feit in ("Mijn plan", "Dit plan is van Jan.", "Je eerste week buiten", LOKET_TEL):
        assert feit in tekst, feit
    assert "Vries" not in response["Content-Disposition"]


@pytest.mark.parametrize("wie", NIET)
@pytest.mark.parametrize("naam", ["mijn_plan", "mijn_plan_pdf"])
def test_404_for_partners_staff_and_another_pi(client, demo, traject, wie, naam):
    client.force_login(demo[wie])
    assert client.get(_url(naam, traject)).status_code == 404
    assert not Auditregel.objects.filter(actie=Auditactie.EXPORT, traject_id=traject.pk).exists()


def test_unknown_case_and_post_give_4xx(client, demo, traject):
    client.force_login(demo["casemanager1"])
    onbekend = reverse("trajecten:mijn_plan", kwargs={"pk": 999999})
    assert client.get(onbekend).status_code == 404
    assert client.post(_url("mijn_plan", traject)).status_code == 405
    assert client.post(_url("mijn_plan_pdf", traject)).status_code == 405


def test_every_print_and_download_is_an_audited_export(client, demo, traject):
    client.force_login(demo["mentor1"])
    client.get(_url("mijn_plan", traject))
    client.get(_url("mijn_plan_pdf", traject))
    rijen = Auditregel.objects.filter(
        traject_id=traject.pk, actie=Auditactie.EXPORT, object_type="mijn_plan"
    ).order_by("pk")
    assert [(r.gebruikersnaam, r.toelichting) for r in rijen] == [
        ("mentor1", "afdrukweergave"),
        ("mentor1", "pdf"),
    ]


def test_readable_for_an_empty_case(client, demo, traject):
    doc = controleer_leesbaarheid(_pagina(client, demo["casemanager1"], traject))
    assert "We weten nog niet wanneer je vrijkomt." in doc.blokken
    assert "Er staan nog geen afspraken." in doc.blokken


def test_readable_with_every_kind_of_fact(client, demo, vol):
    doc = controleer_leesbaarheid(_pagina(client, demo["casemanager1"], vol))
    tekst = " ".join(doc.blokken)
    # What someone else does, with first name and phone; what is arranged; what you do.
    assert "Sanne helpt je: Intake bij de verslavingszorg plannen." in tekst
    assert f"Bel {SANNE_TEL}." in tekst
    assert "Karin helpt je: Pasfoto's laten maken voor de ID-kaart." in tekst
    assert "Gemeente Enschede helpt je hierbij." in tekst  # the partner of wonen, no action yet
    assert "Je bankrekening: dat is klaar." in tekst
    assert "Je uitkering: dat is aangevraagd." in tekst
    assert "Bewaar je ID-bewijs goed." in tekst
    assert "Ga op je eerste dag naar het loket van de gemeente." in tekst
    # The first week: date, time, address, with whom, what to bring.
    dag = vol.verwachte_uitstroom_datum + timedelta(days=1)
    assert f"{date_format(dag, 'l j F')} om 10:30 uur." in doc.blokken, doc.blokken
    assert "Waar: Hengelosestraat 51, Enschede." in doc.blokken
    assert "Je hebt een afspraak met gemeente Enschede." in doc.blokken
    assert "Neem mee: dit plan, je ID-bewijs, je bankpas." in doc.blokken
    # Who to call: the gemeente's counter, the reclassering officer, the casemanager.
    assert f"Bel {LOKET_TEL}." in tekst
    assert "Je reclassering: Sanne." in tekst
    assert f"Je casemanager in de gevangenis: Karin. Bel {KAREN_TEL}." in tekst


def test_readable_after_release_and_for_an_lvb_case(client, demo, vol):
    """A released case (the handover sent) and an LVB case: the same rule holds; LVB makes the
    pictures larger and the domains shorter."""
    services.registreer_uitstroom(
        toch_versturen=True,
        reden="Toch versturen (test)",
        acting_user=demo["casemanager1"],
        traject=vol,
        versie=Traject.objects.get(pk=vol.pk).versie,
        uitstroom_datum=timezone.localdate(),
        titel="vi",
        toelichting="",
    )
    html = _pagina(client, demo["casemanager1"], vol)
    controleer_leesbaarheid(html)
    assert "rt-mijnplan--eenvoudig" not in html

    lvb = services.neem_op(
        acting_user=demo["casemanager1"],
        voornamen="Kees",
        achternaam="Bos",
        geboortedatum=timezone.localdate().replace(year=1995),
        binnenkomst_datum=timezone.localdate() - timedelta(days=2),
        gemelde_gemeente=Organisatie.objects.get(code="GM0153"),
        lvb=True,
        lvb_toelichting="Leest moeilijk; korte zinnen en afspraken op papier.",
    )
    html = _pagina(client, demo["casemanager1"], lvb)
    controleer_leesbaarheid(html)
    assert "rt-mijnplan--eenvoudig" in html


def test_lvb_means_fewer_lines_per_domain(client, demo, vol):
    gewoon = lees(_pagina(client, demo["casemanager1"], vol)).blokken
    Traject.objects.filter(pk=vol.pk).update(communicatiebehoeften="Kan moeilijk lezen.")
    eenvoudig = lees(_pagina(client, demo["casemanager1"], vol)).blokken
    assert len(eenvoudig) < len(gewoon)
    assert "Je bankrekening: dat is klaar." in gewoon
    assert "Je bankrekening: dat is klaar." not in eenvoudig
    assert "Dit is geregeld." in eenvoudig  # the state and what you do stay


def test_the_text_changes_when_a_fact_changes(client, demo, traject):
    cm = demo["casemanager1"]
    voor = lees(_pagina(client, cm, traject)).blokken
    assert "Neem mee" not in " ".join(voor)

    _bv(traject, Domein.ID_BEWIJS, BVStatus.OP_ORDE)
    na_id = lees(_pagina(client, cm, traject)).blokken
    assert "Bewaar je ID-bewijs goed." in na_id
    assert "Bewaar je ID-bewijs goed." not in voor
    assert "Vraag bij de gemeente een ID-kaart aan." in voor

    vrij = timezone.localdate() + timedelta(days=14)
    _vrij_op(traject, vrij)
    _afspraak(traject, vrij + timedelta(days=2), uur=14, plaats="Stadhuis, Langestraat 24")
    _afspraak(traject, vrij + timedelta(days=9), plaats="Te laat voor de eerste week")
    na_afspraak = lees(_pagina(client, cm, traject)).blokken
    assert "Waar: Stadhuis, Langestraat 24." in na_afspraak
    assert "Neem mee: dit plan, je ID-bewijs." in na_afspraak
    assert not any("Te laat" in b for b in na_afspraak)
    assert "Er staan nog geen afspraken." not in na_afspraak


def test_pdf_embeds_the_vendored_pictograms_and_fetches_nothing_else(client, demo, vol):
    from django.template.loader import render_to_string

    from trajecten import selectors

    traject = selectors.voor_document().get(pk=vol.pk)
    html = render_to_string(
        "trajecten/mijn_plan.html",
        {
            "traject": traject,
            "plan": selectors.mijn_plan(traject, demo["casemanager1"]),
            "gemaakt_op": timezone.localdate(),
            "als_pdf": True,
        },
    )
    fetcher = pdf.AlleenStatischeBestanden()
    inhoud = pdf.html_naar_pdf(html, fetcher=fetcher)
    assert inhoud.startswith(b"%PDF")
    opgehaald = {u.rsplit("/", 1)[-1] for u in fetcher.opgehaald}
    assert {t.pictogram for t in mijn_plan.DOMEINEN.values()} <= opgehaald
    assert "mijn-plan.css" in opgehaald
    assert fetcher.geweigerd == []
    # The screen's explanation for the professional is not printed.
    assert "Mijn plan downloaden" not in pdf_tekst(inhoud)


def test_handover_checklist_shows_whether_the_plan_was_printed(client, demo, traject):
    client.force_login(demo["casemanager1"])
    concept = _url("overdracht_concept", traject)
    assert 'data-mijn-plan-meegegeven="nee"' in client.get(concept).content.decode()
    client.get(_url("mijn_plan_pdf", traject))
    html = client.get(concept).content.decode()
    assert 'data-mijn-plan-meegegeven="ja"' in html
    assert "door casemanager1" in html
    # The check before sending (step 2 of release) shows the same.
    client.post(
        _url("uitstroom", traject),
        {
            "versie": Traject.objects.get(pk=traject.pk).versie,
            "uitstroom_datum": timezone.localdate().isoformat(),
            "titel": "geen",
            "toelichting": "",
        },
    )
    html = client.get(_url("uitstroom_controleren", traject)).content.decode()
    assert 'data-mijn-plan-meegegeven="ja"' in html


def test_a_failed_pdf_is_not_recorded_as_printed(client, demo, traject, monkeypatch):
    """The export row is written after the PDF exists: when WeasyPrint fails, the request
    fails, no export is recorded and the handover checklist still says not printed."""

    def kapot(*args, **kwargs):
        raise RuntimeError("WeasyPrint kapot")

    monkeypatch.setattr(pdf, "html_naar_pdf", kapot)
    client.force_login(demo["casemanager1"])
    with pytest.raises(RuntimeError):
        client.get(_url("mijn_plan_pdf", traject))
    assert not Auditregel.objects.filter(actie=Auditactie.EXPORT, traject_id=traject.pk).exists()
    html = client.get(_url("overdracht_concept", traject)).content.decode()
    assert 'data-mijn-plan-meegegeven="nee"' in html


def test_case_page_offers_it_to_the_casemanager_only(client, demo, traject):
    client.force_login(demo["casemanager1"])
    assert "data-mijn-plan-link" in client.get(_url("detail", traject)).content.decode()
    client.force_login(demo["nazorg1"])
    assert "data-mijn-plan-link" not in client.get(_url("detail", traject)).content.decode()


def _vul(traject, cm, aantal):
    gemeente = Organisatie.objects.get(code="GM0153")
    vrij = timezone.localdate() + timedelta(days=30)
    _vrij_op(traject, vrij)
    for i in range(aantal):
        bv = traject.basisvoorwaarden.get(domein=Domein.values[i % len(Domein.values)])
        services.voeg_actie_toe(
            acting_user=cm,
            basisvoorwaarde=bv,
            omschrijving=f"Actie {i}",
            organisatie=gemeente if i % 2 else traject.reclassering,
        )
        _afspraak(traject, vrij + timedelta(days=i % 6), organisaties=[gemeente])


def test_queries_do_not_grow_with_the_case(client, demo, traject):
    cm = demo["casemanager1"]
    client.force_login(cm)
    _vul(traject, cm, 2)
    with CaptureQueriesContext(connection) as weinig:
        assert client.get(_url("mijn_plan", traject)).status_code == 200
    _vul(traject, cm, 12)
    with CaptureQueriesContext(connection) as veel:
        html = client.get(_url("mijn_plan", traject)).content.decode()
    assert "Actie 11" in html
    assert len(veel) == len(weinig), [q["sql"][:120] for q in veel.captured_queries]
    assert len(veel) <= 25


def test_every_demo_case_of_casemanager1_renders_readable(client, db):
    """The demo trajectories (seed_demo): page and PDF for the casemanager, the readability
    rule on each page."""
    call_command("seed_demo", "--force", stdout=io.StringIO())
    from ketenpartners.models import Medewerker

    cm = Medewerker.objects.get(username="casemanager1")
    client.force_login(cm)
    trajecten = list(Traject.objects.filter(casemanager=cm).order_by("pk"))
    assert len(trajecten) >= 5
    for t in trajecten:
        response = client.get(_url("mijn_plan", t))
        assert response.status_code == 200, t.pk
        controleer_leesbaarheid(response.content.decode())
    for t in trajecten[:2]:
        response = client.get(_url("mijn_plan_pdf", t))
        assert response.status_code == 200
        assert "Mijn plan" in pdf_tekst(response.content)
    client.force_login(Medewerker.objects.get(username="nazorg1"))
    assert client.get(_url("mijn_plan", trajecten[0])).status_code == 404


def test_the_readability_rule_itself_rejects_long_sentences_jargon_and_missing_pictures():
    """The checker can fail: a long sentence, a jargon word, a domain without alt text."""
    plaatjes = "".join(
        f'<section data-domein="{d}"><img src="/static/pictogrammen/{d}.svg" '
        f'alt="Plaatje bij {d} voor de lezer"></section>'
        for d in Domein.values
    )
    goed = f"<article data-mijn-plan><h1>Mijn plan</h1>{plaatjes}<p>Dit is kort.</p></article>"
    controleer_leesbaarheid(goed)
    lang = goed.replace(
        "Dit is kort.",
        "Dit is een hele lange zin met veel te veel woorden voor iemand die moeilijk leest "
        "en die ook nog eens nergens een punt zet zodat het maar doorgaat.",
    )
    with pytest.raises(AssertionError):
        controleer_leesbaarheid(lang)
    with pytest.raises(AssertionError):
        controleer_leesbaarheid(goed.replace("Dit is kort.", "Je MDO is morgen."))
    with pytest.raises(AssertionError):
        controleer_leesbaarheid(goed.replace('alt="Plaatje bij zorg voor de lezer"', 'alt=""'))
