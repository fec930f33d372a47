"""The pure figures of the dashboard (dashboard.cijfers), without the database."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from dashboard.cijfers import (
    Teller,
    bij_uitstroom,
    caseload,
    gemeenterespons,
    gesprekken_per_maand,
    procent,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def test_procent_rounds_half_up_and_has_nothing_to_divide_by_zero():
    assert procent(1, 8) == 13  # 12.5
    assert procent(1, 3) == 33
    assert procent(2, 3) == 67
    assert procent(0, 0) is None


def test_tellers_add_up():
    totaal = Teller(1, 2) + Teller(2, 3)
    assert (totaal.op_tijd, totaal.beslist, totaal.procent) == (3, 5, 60)
    assert Teller().procent is None


def test_gesprekken_per_traject_per_month():
    maanden = [date(2026, 1, 1), date(2026, 2, 1)]
    jan, feb = gesprekken_per_maand(maanden, [1, 3], [8, 0])
    assert (jan.maand, str(jan.per_traject)) == (date(2026, 1, 1), "0.13")  # 0.125 rounds up
    assert feb.per_traject is None  # nobody in detention


def test_caseload_counts_zero_for_a_casemanager_without_cases():
    class Cm:
        def __init__(self, pk, naam):
            self.pk, self.naam = pk, naam

        def __str__(self):
            return self.naam

    regels = caseload([Cm(1, "Anna"), Cm(2, "Bram")], {1: 31}, norm=30)
    assert [(r.naam, r.aantal, r.boven_norm) for r in regels] == [
        ("Anna", 31, True),
        ("Bram", 0, False),
    ]


def test_bij_uitstroom_lists_every_basisvoorwaarde_in_its_fixed_order():
    regels = bij_uitstroom({"huisvesting": 1}, 2)
    assert [r.label for r in regels][:2] == ["ID-bewijs", "Huisvesting"]
    assert [(r.op_orde, r.procent) for r in regels][:2] == [(0, 0), (1, 50)]
    assert len(regels) == 6


def _om(dag: date, uur: int = 10) -> datetime:
    return datetime(dag.year, dag.month, dag.day, uur, tzinfo=AMSTERDAM)


def test_gemeenterespons_slowest_first_and_who_never_answered():
    maandag = date(2026, 3, 2)
    rijen = [
        (1, "Snelstad", _om(maandag), _om(date(2026, 3, 3)), None),  # seen after 1 working day
        (2, "Traagdorp", _om(maandag), _om(date(2026, 3, 9)), _om(date(2026, 3, 10))),  # 5, 6
        (2, "Traagdorp", _om(maandag), None, None),
        (3, "Stilwijk", _om(date(2026, 3, 4)), None, None),
    ]
    respons, zonder = gemeenterespons(rijen, vandaag=date(2026, 3, 11), vrije_dagen=frozenset())
    assert [(r.naam, r.trajecten, r.gezien, r.mediaan_gezien) for r in respons] == [
        ("Traagdorp", 2, 1, 5),
        ("Snelstad", 1, 1, 1),
    ]
    assert respons[0].mediaan_opgepakt == 6 and respons[1].mediaan_opgepakt is None
    assert [(z.naam, z.trajecten, z.werkdagen_wachten) for z in zonder] == [("Stilwijk", 1, 5)]
