"""Every figure of the dashboard against a hand computation on the small region of conftest.py
(see the `regio` fixture's docstring for what each trajectory does)."""

import re

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from dashboard import selectors, tabellen
from dashboard.periode import Periode, maand_plus
from ketenpartners.models import Organisatie
from trajecten.deadlines import werkdagen_tussen
from trajecten.selectors import brugdagen

pytestmark = pytest.mark.django_db


def _dashboard(demo, regio, pi_id=None):
    deze = regio.vandaag.replace(day=1)
    return selectors.dashboard(
        user=demo["staf1"],
        periode=Periode(maand_plus(deze, -5), deze),
        pi_id=pi_id,
        vandaag=regio.vandaag,
    )


def _rij(tabel, kop: str) -> list[str]:
    return next(r for r in tabel.rijen if r[0] == kop)[1:]


def _maand(m) -> str:
    return date_format(m, "F Y")


def test_the_four_figures_on_top(client, demo, regio):
    client.force_login(demo["staf1"])
    html = client.get(reverse("dashboard:overzicht")).content.decode()
    cijfers = dict(re.findall(r'data-cijfer="([a-z-]+)">([^<]*)<', html))
    # active: A B C E G F (D and H released; Nieuwersluis is another region)
    # contact on time: A G of A B C E G (D lapsed, F open); plan: A E G; gemeenten: Hengelo
    assert cijfers == {"actief": "6", "contact": "40%", "plan": "60%", "zonder-reactie": "1"}


def test_deadline_trend_per_month_of_arrival(demo, regio):
    d = _dashboard(demo, regio)
    tabel = tabellen.termijnen(d)
    # contact: op tijd, beoordeeld, %; plan: ...; startoverleg: ...
    assert _rij(tabel, _maand(regio.maand)) == ["2", "5", "40", "3", "5", "60", "1", "5", "20"]
    leeg = ["0", "0", ""]  # nothing decided: no percentage
    assert _rij(tabel, _maand(maand_plus(regio.maand, -1))) == leeg * 3
    assert _rij(tabel, "Hele periode") == ["2", "5", "40", "3", "5", "60", "1", "5", "20"]
    assert len(tabel.rijen) == 7  # six months and the whole period


def test_trajectgesprekken_per_trajectory_leave_out_the_mdo(demo, regio):
    tabel = tabellen.gesprekken(_dashboard(demo, regio))
    # M: A's startoverleg (not its MDO) among A B C D E G H in detention → 1/7
    assert _rij(tabel, _maand(regio.maand)) == ["1", "7", "0,14"]
    # M+1: E's late startoverleg among A B C E G (D and H released in M) → 1/5
    assert _rij(tabel, _maand(maand_plus(regio.maand, 1))) == ["1", "5", "0,20"]
    # M-1: only H, who arrived before the period, was in detention
    assert _rij(tabel, _maand(maand_plus(regio.maand, -1))) == ["0", "1", "0,00"]


def test_gemeente_response_slowest_first_and_who_never_answered(demo, regio):
    d = _dashboard(demo, regio)
    namen = {o.code: o.naam for o in Organisatie.objects.filter(code__in=["GM0164"])}
    # Enschede: A B C F registered; seen after 2 and 4 working days, B taken on after 6.
    # Almelo: D seen after 1. H was registered before the period.
    assert tabellen.gemeenten(d).rijen == [
        ["Enschede", "4", "2", "3,0", "1", "6,0"],
        ["Almelo", "1", "1", "1,0", "0", ""],
    ]
    wachten = werkdagen_tussen(regio.binnen, regio.vandaag, brugdagen=brugdagen())
    assert tabellen.zonder_reactie(d).rijen == [[namen["GM0164"], "2", str(wachten)]]


def test_short_stays_and_lvb_among_active(demo, regio):
    tabel = tabellen.groepen(_dashboard(demo, regio))
    assert tabel.rijen == [
        ["Actieve trajecten", "6", "100"],
        ["Kort verblijf (< 3 maanden)", "2", "33"],  # C (90 days) and F (30 days)
        ["LVB", "2", "33"],  # A and F; the LVB detainee in Nieuwersluis is not counted
    ]


def test_basisvoorwaarden_in_order_at_release_in_fixed_order(demo, regio):
    tabel = tabellen.uitstroom(_dashboard(demo, regio))
    assert tabel.rijen == [
        ["ID-bewijs", "2", "2", "100"],  # D and H
        ["Huisvesting", "1", "2", "50"],  # D
        ["Werk en inkomen", "1", "2", "50"],  # H
        ["Financiën en schulden", "0", "2", "0"],
        ["Zorg", "0", "2", "0"],
        ["Sociaal netwerk", "0", "2", "0"],
    ]


def test_caseload_per_casemanager_of_own_pi_against_the_norm(demo, regio):
    tabel = tabellen.caseload(_dashboard(demo, regio))
    # casemanager2's trajectory in Nieuwersluis is not there, nor is casemanager2
    assert tabel.rijen == [["Karin Smit", "6", "30"]]


def test_a_period_before_any_arrival_shows_no_percentages(demo, regio):
    vroeg = maand_plus(regio.maand, -12)
    d = selectors.dashboard(
        user=demo["staf1"], periode=Periode(vroeg, vroeg), pi_id=None, vandaag=regio.vandaag
    )
    assert d.contact_totaal.procent is None
    assert d.respons == [] and d.zonder_reactie == [] and d.uitgestroomd == 0
    assert d.groepen.actief == 6  # a snapshot of today, whatever the period
