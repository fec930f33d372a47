"""Month arithmetic of the dashboard (dashboard.periode): pure functions, no database."""

from datetime import date

import pytest
from django.utils import translation

from dashboard.periode import (
    Periode,
    eerste_van_maand,
    lees_maand,
    maand_plus,
    maandbereik,
    maandcode,
    maandeinde,
    maandnaam,
)


@pytest.mark.parametrize(
    ("maand", "n", "verwacht"),
    [
        (date(2026, 5, 1), 0, date(2026, 5, 1)),
        (date(2026, 5, 1), 1, date(2026, 6, 1)),
        (date(2026, 12, 1), 1, date(2027, 1, 1)),  # into the next year
        (date(2026, 1, 1), -1, date(2025, 12, 1)),  # back into the previous year
        (date(2026, 3, 1), -5, date(2025, 10, 1)),  # the default six months, across new year
        (date(2026, 1, 1), -13, date(2024, 12, 1)),
        (date(2026, 11, 1), 14, date(2028, 1, 1)),
    ],
)
def test_maand_plus_counts_whole_months_across_year_ends(maand, n, verwacht):
    assert maand_plus(maand, n) == verwacht


@pytest.mark.parametrize(
    ("maand", "laatste"),
    [
        (date(2026, 1, 1), date(2026, 1, 31)),
        (date(2026, 2, 1), date(2026, 2, 28)),
        (date(2028, 2, 1), date(2028, 2, 29)),  # leap year
        (date(2026, 4, 1), date(2026, 4, 30)),
        (date(2026, 12, 1), date(2026, 12, 31)),  # December ends in the same year
    ],
)
def test_maandeinde_is_the_last_day_of_the_month(maand, laatste):
    assert maandeinde(maand) == laatste
    assert maandbereik(maand) == (maand, laatste)


def test_eerste_van_maand():
    assert eerste_van_maand(date(2026, 5, 17)) == date(2026, 5, 1)
    assert eerste_van_maand(date(2026, 12, 31)) == date(2026, 12, 1)


def test_a_period_across_new_year_lists_every_month_once_in_order():
    periode = Periode(date(2025, 11, 1), date(2026, 2, 1))
    assert periode.maanden == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]
    assert periode.aantal_maanden == 4
    assert periode.einde == date(2026, 2, 28)
    assert periode.bereik == (date(2025, 11, 1), date(2026, 2, 28))


def test_a_period_of_one_month():
    periode = Periode(date(2026, 5, 1), date(2026, 5, 1))
    assert periode.maanden == [date(2026, 5, 1)]
    assert periode.bereik == (date(2026, 5, 1), date(2026, 5, 31))


def test_a_period_of_two_whole_years_has_24_months():
    assert Periode(date(2024, 1, 1), date(2025, 12, 1)).aantal_maanden == 24
    assert Periode(date(2024, 1, 1), date(2026, 1, 1)).aantal_maanden == 25


@pytest.mark.parametrize(
    ("tekst", "maand"),
    [
        ("2026-05", date(2026, 5, 1)),
        (" 2026-12 ", date(2026, 12, 1)),
        ("2000-01", date(2000, 1, 1)),
        ("2026-13", None),
        ("2026-00", None),
        ("1999-12", None),  # before the year 2000
        ("2026-5", None),
        ("mei 2026", None),
        ("", None),
    ],
)
def test_lees_maand_reads_only_jjjj_mm(tekst, maand):
    assert lees_maand(tekst) == maand


def test_maandcode_and_lees_maand_are_each_others_inverse():
    assert maandcode(date(2026, 1, 1)) == "2026-01"
    for n in range(-14, 14):
        maand = maand_plus(date(2026, 1, 1), n)
        assert lees_maand(maandcode(maand)) == maand


def test_maandnaam_in_dutch():
    with translation.override("nl"):
        assert maandnaam(date(2026, 5, 1)) == "mei 2026"
        assert maandnaam(date(2025, 12, 1)) == "december 2025"
