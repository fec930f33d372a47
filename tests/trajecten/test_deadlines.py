"""Working days (Algemene termijnenwet) and the trajectory deadlines of DOMAIN.md, 2023–2028.

Every expected date below was worked out by hand from the calendar, not from the code under test.
"""

import ast
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from trajecten import deadlines
from trajecten.deadlines import (
    Termijn,
    Termijnsoort,
    Termijnstatus,
    eerstvolgende,
    feestdagen,
    is_werkdag,
    pasen,
    plus_werkdagen,
    termijnen,
    volgende_werkdag,
    werkdagen_tussen,
)

# The bridging days decreed so far, from the government's own list (DOMAIN.md).
B: dict[date, str] = {
    date(2023, 4, 28): "brugdag na Koningsdag",
    date(2023, 5, 19): "brugdag na Hemelvaartsdag",
    date(2024, 5, 10): "brugdag na Hemelvaartsdag",
    date(2024, 12, 27): "brugdag na Kerstmis",
    date(2025, 5, 30): "brugdag na Hemelvaartsdag",
    date(2026, 1, 2): "brugdag na Nieuwjaarsdag",
    date(2026, 5, 15): "brugdag na Hemelvaartsdag",
    date(2027, 5, 7): "brugdag na Hemelvaartsdag",
    date(2028, 4, 28): "brugdag na Koningsdag",
    date(2028, 5, 26): "brugdag na Hemelvaartsdag",
}
GEEN: frozenset[date] = frozenset()
S = Termijnsoort
T = Termijnstatus

# --- Atw days ---------------------------------------------------------------------------------

FEESTDAGEN = {
    2023: {
        date(2023, 1, 1): "Nieuwjaarsdag",
        date(2023, 4, 7): "Goede Vrijdag",
        date(2023, 4, 9): "Eerste Paasdag",
        date(2023, 4, 10): "Tweede Paasdag",
        date(2023, 4, 27): "Koningsdag",
        date(2023, 5, 5): "Bevrijdingsdag",
        date(2023, 5, 18): "Hemelvaartsdag",
        date(2023, 5, 28): "Eerste Pinksterdag",
        date(2023, 5, 29): "Tweede Pinksterdag",
        date(2023, 12, 25): "Eerste Kerstdag",
        date(2023, 12, 26): "Tweede Kerstdag",
    },
    2024: {
        date(2024, 1, 1): "Nieuwjaarsdag",
        date(2024, 3, 29): "Goede Vrijdag",
        date(2024, 3, 31): "Eerste Paasdag",
        date(2024, 4, 1): "Tweede Paasdag",
        date(2024, 4, 27): "Koningsdag",
        date(2024, 5, 5): "Bevrijdingsdag",
        date(2024, 5, 9): "Hemelvaartsdag",
        date(2024, 5, 19): "Eerste Pinksterdag",
        date(2024, 5, 20): "Tweede Pinksterdag",
        date(2024, 12, 25): "Eerste Kerstdag",
        date(2024, 12, 26): "Tweede Kerstdag",
    },
    2025: {
        date(2025, 1, 1): "Nieuwjaarsdag",
        date(2025, 4, 18): "Goede Vrijdag",
        date(2025, 4, 20): "Eerste Paasdag",
        date(2025, 4, 21): "Tweede Paasdag",
        date(2025, 4, 26): "Koningsdag",  # 27 April 2025 is a Sunday
        date(2025, 5, 5): "Bevrijdingsdag",
        date(2025, 5, 29): "Hemelvaartsdag",
        date(2025, 6, 8): "Eerste Pinksterdag",
        date(2025, 6, 9): "Tweede Pinksterdag",
        date(2025, 12, 25): "Eerste Kerstdag",
        date(2025, 12, 26): "Tweede Kerstdag",
    },
    2026: {
        date(2026, 1, 1): "Nieuwjaarsdag",
        date(2026, 4, 3): "Goede Vrijdag",
        date(2026, 4, 5): "Eerste Paasdag",
        date(2026, 4, 6): "Tweede Paasdag",
        date(2026, 4, 27): "Koningsdag",
        date(2026, 5, 5): "Bevrijdingsdag",
        date(2026, 5, 14): "Hemelvaartsdag",
        date(2026, 5, 24): "Eerste Pinksterdag",
        date(2026, 5, 25): "Tweede Pinksterdag",
        date(2026, 12, 25): "Eerste Kerstdag",
        date(2026, 12, 26): "Tweede Kerstdag",
    },
    2027: {
        date(2027, 1, 1): "Nieuwjaarsdag",
        date(2027, 3, 26): "Goede Vrijdag",
        date(2027, 3, 28): "Eerste Paasdag",
        date(2027, 3, 29): "Tweede Paasdag",
        date(2027, 4, 27): "Koningsdag",
        date(2027, 5, 5): "Bevrijdingsdag",
        date(2027, 5, 6): "Hemelvaartsdag",
        date(2027, 5, 16): "Eerste Pinksterdag",
        date(2027, 5, 17): "Tweede Pinksterdag",
        date(2027, 12, 25): "Eerste Kerstdag",
        date(2027, 12, 26): "Tweede Kerstdag",
    },
    2028: {
        date(2028, 1, 1): "Nieuwjaarsdag",
        date(2028, 4, 14): "Goede Vrijdag",
        date(2028, 4, 16): "Eerste Paasdag",
        date(2028, 4, 17): "Tweede Paasdag",
        date(2028, 4, 27): "Koningsdag",
        date(2028, 5, 5): "Bevrijdingsdag",
        date(2028, 5, 25): "Hemelvaartsdag",
        date(2028, 6, 4): "Eerste Pinksterdag",
        date(2028, 6, 5): "Tweede Pinksterdag",
        date(2028, 12, 25): "Eerste Kerstdag",
        date(2028, 12, 26): "Tweede Kerstdag",
    },
}
ALLE_FEESTDAGEN = [(d, naam) for jaar in FEESTDAGEN.values() for d, naam in jaar.items()]
JAREN = list(FEESTDAGEN)


@pytest.mark.parametrize(
    ("jaar", "verwacht"),
    [
        (2023, date(2023, 4, 9)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2028, date(2028, 4, 16)),
    ],
)
def test_pasen(jaar, verwacht):
    assert pasen(jaar) == verwacht
    assert verwacht.weekday() == 6


@pytest.mark.parametrize("jaar", JAREN)
def test_feestdagen_per_jaar(jaar):
    assert feestdagen(jaar) == FEESTDAGEN[jaar]


@pytest.mark.parametrize(("datum", "naam"), ALLE_FEESTDAGEN, ids=str)
def test_atw_dag_is_geen_werkdag(datum, naam):
    assert not is_werkdag(datum, brugdagen=GEEN)
    assert not is_werkdag(datum, brugdagen=B)


@pytest.mark.parametrize("jaar", JAREN)
def test_vijf_mei_elk_jaar(jaar):
    """A generic holiday library counts 5 May only every fifth year; the Atw every year."""
    assert feestdagen(jaar)[date(jaar, 5, 5)] == "Bevrijdingsdag"
    assert not is_werkdag(date(jaar, 5, 5), brugdagen=GEEN)


@pytest.mark.parametrize(
    ("jaar", "koningsdag"),
    [
        (2023, date(2023, 4, 27)),
        (2024, date(2024, 4, 27)),
        (2025, date(2025, 4, 26)),
        (2026, date(2026, 4, 27)),
        (2027, date(2027, 4, 27)),
        (2028, date(2028, 4, 27)),
    ],
)
def test_koningsdag(jaar, koningsdag):
    dagen = feestdagen(jaar)
    assert [d for d, naam in dagen.items() if naam == "Koningsdag"] == [koningsdag]


def test_koningsdag_2025_op_zaterdag_26_april():
    assert date(2025, 4, 27).weekday() == 6  # Sunday
    assert date(2025, 4, 26).weekday() == 5  # so King's Day is Saturday 26 April
    assert date(2025, 4, 27) not in feestdagen(2025)
    assert is_werkdag(date(2025, 4, 28), brugdagen=B)  # and no Monday off


def test_samenvallende_feestdagen_krijgen_beide_namen():
    # Ascension Day 2016 fell on 5 May.
    assert feestdagen(2016)[date(2016, 5, 5)] == "Bevrijdingsdag en Hemelvaartsdag"


def test_feestdagen_geeft_een_kopie():
    feestdagen(2026).pop(date(2026, 5, 5))
    assert not is_werkdag(date(2026, 5, 5), brugdagen=GEEN)


# --- bridging days ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_decreed_bridging_days_are_in_the_table_the_deadlines_read():
    from trajecten.models import Brugdag
    from trajecten.selectors import brugdagen

    assert dict(Brugdag.objects.values_list("datum", "omschrijving")) == B
    assert brugdagen() == frozenset(B)


@pytest.mark.parametrize("brugdag", sorted(B), ids=str)
def test_brugdag_is_alleen_vrij_als_hij_is_meegegeven(brugdag):
    assert brugdag.weekday() == 4  # all decreed so far are Fridays
    assert brugdag not in feestdagen(brugdag.year)
    assert not is_werkdag(brugdag, brugdagen=B)
    assert not is_werkdag(brugdag, brugdagen=[brugdag])
    assert is_werkdag(brugdag, brugdagen=GEEN)  # data, not code


# --- weekends and ordinary days ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("datum", "werkdag"),
    [
        (date(2026, 4, 18), False),  # Saturday
        (date(2026, 4, 19), False),  # Sunday
        (date(2026, 4, 20), True),  # Monday
        (date(2026, 4, 24), True),  # Friday
        (date(2024, 4, 27), False),  # King's Day on a Saturday
        (date(2024, 5, 5), False),  # 5 May on a Sunday
        (date(2027, 12, 25), False),  # Christmas on a Saturday
        (date(2028, 1, 1), False),  # New Year on a Saturday
        (date(2026, 4, 2), True),  # Maundy Thursday is a working day
        (date(2026, 5, 4), True),  # 4 May (Remembrance) is a working day
        (date(2025, 12, 24), True),  # Christmas Eve
        (date(2025, 12, 31), True),  # New Year's Eve
        (date(2024, 12, 30), True),
        (date(2028, 5, 1), True),
    ],
    ids=str,
)
def test_is_werkdag(datum, werkdag):
    assert is_werkdag(datum, brugdagen=B) is werkdag


@pytest.mark.parametrize(
    ("jaar", "met_brugdagen", "zonder_brugdagen"),
    [
        (2023, 250, 252),
        (2024, 253, 255),
        (2025, 252, 253),
        (2026, 251, 253),
        (2027, 253, 254),
        (2028, 250, 252),
    ],
)
def test_werkdagen_per_jaar(jaar, met_brugdagen, zonder_brugdagen):
    """Weekdays of the year minus the Atw days on weekdays minus the decreed days."""
    oudjaar, eind = date(jaar - 1, 12, 31), date(jaar, 12, 31)
    assert werkdagen_tussen(oudjaar, eind, brugdagen=B) == met_brugdagen
    assert werkdagen_tussen(oudjaar, eind, brugdagen=GEEN) == zonder_brugdagen
    dagen = [oudjaar + timedelta(days=n) for n in range(1, (eind - oudjaar).days + 1)]
    assert sum(is_werkdag(d, brugdagen=B) for d in dagen) == met_brugdagen


# --- counting ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("datum", "verwacht"),
    [
        (date(2026, 4, 20), date(2026, 4, 20)),  # a working day itself
        (date(2026, 4, 25), date(2026, 4, 28)),  # Sat -> Sun -> King's Day Mon -> Tue
        (date(2026, 5, 14), date(2026, 5, 18)),  # Ascension, bridging day, weekend
        (date(2025, 4, 18), date(2025, 4, 22)),  # Good Friday to after Easter Monday
        (date(2025, 12, 25), date(2025, 12, 29)),
        (date(2026, 1, 1), date(2026, 1, 5)),  # New Year, bridging day 2 Jan, weekend
        (date(2027, 5, 5), date(2027, 5, 10)),  # 5 May, Ascension, bridging day, weekend
        (date(2028, 4, 27), date(2028, 5, 1)),  # King's Day, bridging day, weekend
    ],
    ids=str,
)
def test_volgende_werkdag(datum, verwacht):
    assert volgende_werkdag(datum, brugdagen=B) == verwacht


@pytest.mark.parametrize(
    ("datum", "aantal", "brugdagen", "verwacht"),
    [
        # DOMAIN.md worked example: 27 April and 5 May skipped
        (date(2026, 4, 20), 10, B, date(2026, 5, 6)),
        # across Christmas and New Year
        (date(2023, 12, 22), 10, B, date(2024, 1, 10)),
        (date(2024, 12, 20), 10, B, date(2025, 1, 9)),  # 27 Dec 2024 bridging day
        (date(2024, 12, 20), 10, GEEN, date(2025, 1, 8)),
        (date(2025, 12, 15), 10, B, date(2025, 12, 31)),
        (date(2025, 12, 19), 10, B, date(2026, 1, 8)),  # 2 Jan 2026 bridging day
        (date(2025, 12, 19), 10, GEEN, date(2026, 1, 7)),
        (date(2026, 12, 21), 10, B, date(2027, 1, 6)),
        (date(2027, 12, 20), 10, B, date(2028, 1, 3)),  # Christmas and New Year on weekends
        (date(2028, 12, 22), 10, B, date(2029, 1, 10)),
        # single steps over holidays
        (date(2026, 4, 24), 1, B, date(2026, 4, 28)),
        (date(2026, 5, 13), 1, B, date(2026, 5, 18)),
        (date(2025, 4, 17), 1, B, date(2025, 4, 22)),
        (date(2023, 5, 17), 1, B, date(2023, 5, 22)),
        (date(2024, 5, 17), 1, B, date(2024, 5, 21)),  # Whit Monday
        # zero: the day itself, even when it is not a working day
        (date(2026, 4, 25), 0, B, date(2026, 4, 25)),
        # backwards
        (date(2026, 5, 6), -10, B, date(2026, 4, 20)),
        (date(2027, 1, 4), -10, B, date(2026, 12, 17)),
        (date(2026, 5, 18), -1, B, date(2026, 5, 13)),
        (date(2026, 1, 5), -1, B, date(2025, 12, 31)),
        (date(2026, 1, 5), -1, GEEN, date(2026, 1, 2)),
        (date(2026, 4, 25), -1, B, date(2026, 4, 24)),
    ],
    ids=str,
)
def test_plus_werkdagen(datum, aantal, brugdagen, verwacht):
    assert plus_werkdagen(datum, aantal, brugdagen=brugdagen) == verwacht


@pytest.mark.parametrize(
    ("van", "tot", "verwacht"),
    [
        (date(2026, 4, 20), date(2026, 5, 6), 10),
        (date(2026, 5, 6), date(2026, 4, 20), -10),
        (date(2026, 5, 6), date(2026, 5, 6), 0),
        (date(2026, 5, 5), date(2026, 5, 5), 0),
        (date(2026, 4, 24), date(2026, 4, 28), 1),
        (date(2026, 4, 28), date(2026, 4, 24), -1),
        (date(2026, 10, 16), date(2026, 10, 17), 0),  # Friday to Saturday
        (date(2026, 10, 17), date(2026, 10, 16), 0),
        (date(2026, 10, 17), date(2026, 10, 19), 1),
        (date(2025, 12, 24), date(2026, 1, 2), 3),
        (date(2025, 12, 31), date(2026, 1, 5), 1),
    ],
    ids=str,
)
def test_werkdagen_tussen(van, tot, verwacht):
    assert werkdagen_tussen(van, tot, brugdagen=B) == verwacht


def test_werkdagen_tussen_brugdag_telt_alleen_als_meegegeven():
    assert werkdagen_tussen(date(2025, 12, 24), date(2026, 1, 2), brugdagen=GEEN) == 4


@pytest.mark.parametrize("aantal", [1, 10, 20])
def test_plus_werkdagen_en_werkdagen_tussen_kloppen_elke_dag(aantal):
    """Every day of 2023–2028: the result is a working day, exactly `aantal` working days on."""
    dag = date(2023, 1, 1)
    while dag.year <= 2028:
        uit = plus_werkdagen(dag, aantal, brugdagen=B)
        assert is_werkdag(uit, brugdagen=B)
        assert werkdagen_tussen(dag, uit, brugdagen=B) == aantal
        assert werkdagen_tussen(dag, uit - timedelta(days=1), brugdagen=B) == aantal - 1
        dag += timedelta(days=1)


# --- deadlines --------------------------------------------------------------------------------

ARRIVAL = date(2026, 4, 20)  # contact deadline Wed 6 May 2026, 4-week deadline Mon 18 May 2026


def _termijn(soort: Termijnsoort, **kwargs) -> Termijn:
    kwargs.setdefault("binnenkomst", ARRIVAL)
    kwargs.setdefault("brugdagen", B)
    (gevonden,) = [t for t in termijnen(**kwargs) if t.soort == soort]
    return gevonden


@pytest.mark.parametrize(
    ("binnenkomst", "brugdagen", "uiterlijk"),
    [
        (date(2026, 4, 20), B, date(2026, 5, 18)),  # +28 is a working day
        (date(2026, 3, 30), B, date(2026, 4, 28)),  # King's Day Mon 27 Apr 2026
        (date(2026, 4, 7), B, date(2026, 5, 6)),  # 5 May 2026
        (date(2026, 4, 16), B, date(2026, 5, 18)),  # Ascension + bridging day
        (date(2026, 4, 16), GEEN, date(2026, 5, 15)),
        (date(2026, 11, 27), B, date(2026, 12, 28)),  # Christmas on a Friday
        (date(2025, 11, 27), B, date(2025, 12, 29)),  # both Christmas days
        (date(2025, 12, 4), B, date(2026, 1, 5)),  # New Year + bridging day
        (date(2025, 3, 21), B, date(2025, 4, 22)),  # Good Friday .. Easter Monday
        (date(2025, 3, 29), B, date(2025, 4, 28)),  # King's Day Saturday 26 April 2025
        (date(2026, 1, 3), B, date(2026, 2, 2)),  # Saturday
        (date(2026, 1, 4), B, date(2026, 2, 2)),  # Sunday
        (date(2027, 4, 7), B, date(2027, 5, 10)),  # 5 May, Ascension, bridging day
        (date(2027, 4, 8), B, date(2027, 5, 10)),
        (date(2028, 3, 30), B, date(2028, 5, 1)),  # King's Day + bridging day
        (date(2028, 4, 27), B, date(2028, 5, 29)),  # Ascension + bridging day
        (date(2024, 4, 22), B, date(2024, 5, 21)),  # Whit Monday
        (date(2024, 3, 1), B, date(2024, 4, 2)),  # Good Friday .. Easter Monday
        (date(2024, 11, 29), B, date(2024, 12, 30)),  # bridging day 27 Dec 2024
        (date(2023, 11, 28), B, date(2023, 12, 27)),  # Boxing Day
        (date(2023, 3, 30), B, date(2023, 5, 1)),  # King's Day + bridging day
        (date(2023, 4, 20), B, date(2023, 5, 22)),  # Ascension + bridging day
    ],
    ids=str,
)
def test_vier_weken_naar_volgende_werkdag(binnenkomst, brugdagen, uiterlijk):
    ts = termijnen(binnenkomst=binnenkomst, vandaag=binnenkomst, brugdagen=brugdagen)
    plan, start = ts[1], ts[2]
    assert (plan.soort, plan.uiterlijk) == (S.PLAN_VASTGESTELD, uiterlijk)
    assert (start.soort, start.uiterlijk) == (S.STARTOVERLEG, uiterlijk)


@pytest.mark.parametrize(
    ("soort", "kwargs", "uiterlijk", "status", "gehaald_datum", "over", "tekst"),
    [
        # contact with the gemeente: 10 working days, Wed 6 May 2026
        (S.CONTACT_GEMEENTE,
         {"contact_gemeente_datum": date(2026, 5, 6), "vandaag": date(2026, 6, 1)},
         date(2026, 5, 6), T.GEHAALD, date(2026, 5, 6), None, "gehaald op 06-05-2026"),
        (S.CONTACT_GEMEENTE,
         {"contact_gemeente_datum": date(2026, 4, 21), "vandaag": date(2026, 6, 1)},
         date(2026, 5, 6), T.GEHAALD, date(2026, 4, 21), None, "gehaald op 21-04-2026"),
        (S.CONTACT_GEMEENTE,
         {"contact_gemeente_datum": date(2026, 5, 8), "vandaag": date(2026, 6, 1)},
         date(2026, 5, 6), T.TE_LAAT_GEHAALD, date(2026, 5, 8), None,
         "te laat gehaald op 08-05-2026"),
        (S.CONTACT_GEMEENTE, {"vandaag": date(2026, 4, 20)},
         date(2026, 5, 6), T.OPEN, None, 10, "nog 10 werkdagen"),
        (S.CONTACT_GEMEENTE, {"vandaag": date(2026, 5, 1)},
         date(2026, 5, 6), T.OPEN, None, 2, "nog 2 werkdagen"),
        (S.CONTACT_GEMEENTE, {"vandaag": date(2026, 5, 4)},
         date(2026, 5, 6), T.OPEN, None, 1, "nog 1 werkdag"),
        (S.CONTACT_GEMEENTE, {"vandaag": date(2026, 5, 5)},
         date(2026, 5, 6), T.OPEN, None, 1, "nog 1 werkdag"),
        (S.CONTACT_GEMEENTE, {"vandaag": date(2026, 5, 6)},
         date(2026, 5, 6), T.OPEN, None, 0, "vandaag"),
        (S.CONTACT_GEMEENTE, {"vandaag": date(2026, 5, 7)},
         date(2026, 5, 6), T.GEMIST, None, -1, "1 werkdag te laat"),
        (S.CONTACT_GEMEENTE, {"vandaag": date(2026, 5, 8)},
         date(2026, 5, 6), T.GEMIST, None, -2, "2 werkdagen te laat"),
        (S.CONTACT_GEMEENTE, {"vandaag": date(2026, 5, 10)},
         date(2026, 5, 6), T.GEMIST, None, -2, "2 werkdagen te laat"),
        (S.CONTACT_GEMEENTE, {"vandaag": date(2026, 5, 18)},
         date(2026, 5, 6), T.GEMIST, None, -6, "6 werkdagen te laat"),
        (S.CONTACT_GEMEENTE, {"uitstroom": date(2026, 5, 4), "vandaag": date(2026, 6, 1)},
         date(2026, 5, 6), T.VERVALLEN, None, None, "vervallen"),
        (S.CONTACT_GEMEENTE, {"uitstroom": date(2026, 5, 5), "vandaag": date(2026, 6, 1)},
         date(2026, 5, 6), T.VERVALLEN, None, None, "vervallen"),
        # released on the deadline day itself: it did not lapse, it was missed
        (S.CONTACT_GEMEENTE, {"uitstroom": date(2026, 5, 6), "vandaag": date(2026, 5, 7)},
         date(2026, 5, 6), T.GEMIST, None, -1, "1 werkdag te laat"),
        # the event counts even when the detention ended early
        (S.CONTACT_GEMEENTE,
         {"contact_gemeente_datum": date(2026, 4, 30), "uitstroom": date(2026, 5, 4),
          "vandaag": date(2026, 6, 1)},
         date(2026, 5, 6), T.GEHAALD, date(2026, 4, 30), None, "gehaald op 30-04-2026"),
        # missed on Friday 16 Oct 2026, Saturday after: no working day late yet
        (S.CONTACT_GEMEENTE, {"binnenkomst": date(2026, 10, 2), "vandaag": date(2026, 10, 17)},
         date(2026, 10, 16), T.GEMIST, None, 0, "te laat"),
        (S.CONTACT_GEMEENTE, {"binnenkomst": date(2026, 10, 2), "vandaag": date(2026, 10, 19)},
         date(2026, 10, 16), T.GEMIST, None, -1, "1 werkdag te laat"),
        # plan adopted: 4 weeks, Mon 18 May 2026
        (S.PLAN_VASTGESTELD,
         {"plan_vastgesteld_datum": date(2026, 5, 18), "vandaag": date(2026, 6, 1)},
         date(2026, 5, 18), T.GEHAALD, date(2026, 5, 18), None, "gehaald op 18-05-2026"),
        (S.PLAN_VASTGESTELD,
         {"plan_vastgesteld_datum": date(2026, 5, 19), "vandaag": date(2026, 6, 1)},
         date(2026, 5, 18), T.TE_LAAT_GEHAALD, date(2026, 5, 19), None,
         "te laat gehaald op 19-05-2026"),
        (S.PLAN_VASTGESTELD, {"vandaag": date(2026, 5, 11)},
         date(2026, 5, 18), T.OPEN, None, 3, "nog 3 werkdagen"),
        (S.PLAN_VASTGESTELD, {"vandaag": date(2026, 5, 14)},
         date(2026, 5, 18), T.OPEN, None, 1, "nog 1 werkdag"),
        (S.PLAN_VASTGESTELD, {"vandaag": date(2026, 5, 18)},
         date(2026, 5, 18), T.OPEN, None, 0, "vandaag"),
        (S.PLAN_VASTGESTELD, {"vandaag": date(2026, 5, 19)},
         date(2026, 5, 18), T.GEMIST, None, -1, "1 werkdag te laat"),
        (S.PLAN_VASTGESTELD, {"uitstroom": date(2026, 5, 15), "vandaag": date(2026, 6, 1)},
         date(2026, 5, 18), T.VERVALLEN, None, None, "vervallen"),
        # startoverleg: 4 weeks, Mon 18 May 2026
        (S.STARTOVERLEG, {"startoverleg_datum": date(2026, 4, 30), "vandaag": date(2026, 6, 1)},
         date(2026, 5, 18), T.GEHAALD, date(2026, 4, 30), None, "gehaald op 30-04-2026"),
        (S.STARTOVERLEG, {"startoverleg_datum": date(2026, 5, 26), "vandaag": date(2026, 6, 1)},
         date(2026, 5, 18), T.TE_LAAT_GEHAALD, date(2026, 5, 26), None,
         "te laat gehaald op 26-05-2026"),
        (S.STARTOVERLEG, {"vandaag": date(2026, 5, 26)},
         date(2026, 5, 18), T.GEMIST, None, -5, "5 werkdagen te laat"),
        (S.STARTOVERLEG, {"uitstroom": date(2026, 5, 1), "vandaag": date(2026, 5, 26)},
         date(2026, 5, 18), T.VERVALLEN, None, None, "vervallen"),
        # MDO: 6 weeks after adoption or after the latest MDO since
        (S.MDO, {"plan_vastgesteld_datum": date(2026, 5, 18), "vandaag": date(2026, 6, 19)},
         date(2026, 6, 29), T.OPEN, None, 6, "nog 6 werkdagen"),
        (S.MDO, {"plan_vastgesteld_datum": date(2026, 5, 18), "vandaag": date(2026, 7, 1)},
         date(2026, 6, 29), T.GEMIST, None, -2, "2 werkdagen te laat"),
        (S.MDO,
         {"plan_vastgesteld_datum": date(2026, 5, 18), "mdo_data": [date(2026, 6, 26)],
          "vandaag": date(2026, 7, 1)},
         date(2026, 8, 7), T.OPEN, None, 27, "nog 27 werkdagen"),
        (S.MDO,
         {"plan_vastgesteld_datum": date(2026, 5, 18), "vandaag": date(2026, 7, 1),
          "mdo_data": [date(2026, 5, 1), date(2026, 6, 26), date(2026, 6, 12)]},
         date(2026, 8, 7), T.OPEN, None, 27, "nog 27 werkdagen"),
        (S.MDO,  # an MDO before adoption does not count
         {"plan_vastgesteld_datum": date(2026, 5, 18), "mdo_data": [date(2026, 5, 1)],
          "vandaag": date(2026, 6, 29)},
         date(2026, 6, 29), T.OPEN, None, 0, "vandaag"),
        (S.MDO,  # the MDO that adopted the plan
         {"plan_vastgesteld_datum": date(2026, 5, 18), "mdo_data": [date(2026, 5, 18)],
          "vandaag": date(2026, 6, 29)},
         date(2026, 6, 29), T.OPEN, None, 0, "vandaag"),
        (S.MDO,
         {"plan_vastgesteld_datum": date(2026, 5, 18), "uitstroom": date(2026, 6, 26),
          "vandaag": date(2026, 7, 1)},
         date(2026, 6, 29), T.VERVALLEN, None, None, "vervallen"),
        (S.MDO,  # +42 is Christmas Friday 25 Dec 2026
         {"binnenkomst": date(2026, 10, 1), "plan_vastgesteld_datum": date(2026, 11, 13),
          "vandaag": date(2026, 12, 28)},
         date(2026, 12, 28), T.OPEN, None, 0, "vandaag"),
        (S.MDO,  # +42 is 5 May 2027, then Ascension and a bridging day
         {"binnenkomst": date(2027, 2, 1), "plan_vastgesteld_datum": date(2027, 3, 24),
          "vandaag": date(2027, 5, 4)},
         date(2027, 5, 10), T.OPEN, None, 1, "nog 1 werkdag"),
        # uitstroomoverleg: 10 working days before the expected release
        (S.UITSTROOMOVERLEG,
         {"verwachte_uitstroom": date(2026, 10, 2), "vandaag": date(2026, 9, 14)},
         date(2026, 9, 18), T.OPEN, None, 4, "nog 4 werkdagen"),
        (S.UITSTROOMOVERLEG,
         {"verwachte_uitstroom": date(2026, 10, 2), "uitstroomoverleg_datum": date(2026, 9, 18),
          "vandaag": date(2026, 10, 1)},
         date(2026, 9, 18), T.GEHAALD, date(2026, 9, 18), None, "gehaald op 18-09-2026"),
        (S.UITSTROOMOVERLEG,
         {"verwachte_uitstroom": date(2026, 10, 2), "uitstroomoverleg_datum": date(2026, 9, 21),
          "vandaag": date(2026, 10, 1)},
         date(2026, 9, 18), T.TE_LAAT_GEHAALD, date(2026, 9, 21), None,
         "te laat gehaald op 21-09-2026"),
        (S.UITSTROOMOVERLEG,
         {"verwachte_uitstroom": date(2026, 10, 2), "uitstroomoverleg_werkdagen_vooraf": 5,
          "vandaag": date(2026, 9, 14)},
         date(2026, 9, 25), T.OPEN, None, 9, "nog 9 werkdagen"),
        (S.UITSTROOMOVERLEG,  # counted back across New Year and Christmas
         {"binnenkomst": date(2026, 10, 1), "verwachte_uitstroom": date(2027, 1, 4),
          "vandaag": date(2026, 12, 18)},
         date(2026, 12, 17), T.GEMIST, None, -1, "1 werkdag te laat"),
        (S.UITSTROOMOVERLEG,  # released early: does not lapse, still open
         {"verwachte_uitstroom": date(2026, 10, 2), "uitstroom": date(2026, 9, 10),
          "vandaag": date(2026, 9, 10)},
         date(2026, 9, 18), T.OPEN, None, 6, "nog 6 werkdagen"),
        (S.UITSTROOMOVERLEG,  # short stay: 10 working days back is 16 Apr, before arrival
         {"verwachte_uitstroom": date(2026, 5, 1), "vandaag": date(2026, 4, 20)},
         date(2026, 4, 20), T.OPEN, None, 0, "vandaag"),
        (S.UITSTROOMOVERLEG,
         {"verwachte_uitstroom": date(2026, 5, 1), "uitstroom": date(2026, 4, 30),
          "vandaag": date(2026, 4, 30)},
         date(2026, 4, 20), T.GEMIST, None, -7, "7 werkdagen te laat"),
        (S.UITSTROOMOVERLEG,  # never before arrival, even when that is a Saturday
         {"binnenkomst": date(2026, 4, 25), "verwachte_uitstroom": date(2026, 4, 29),
          "vandaag": date(2026, 4, 25)},
         date(2026, 4, 25), T.OPEN, None, 0, "vandaag"),
    ],
)  # fmt: skip
def test_termijn(soort, kwargs, uiterlijk, status, gehaald_datum, over, tekst):
    t = _termijn(soort, **kwargs)
    assert t == Termijn(soort, uiterlijk, status, gehaald_datum, over)
    assert t.omschrijving == tekst
    assert t.te_laat is (status == T.GEMIST)


def test_korte_detentie_laat_de_vroege_termijnen_vervallen():
    ts = termijnen(
        binnenkomst=ARRIVAL,
        vandaag=date(2026, 4, 30),
        brugdagen=B,
        verwachte_uitstroom=date(2026, 5, 1),
        uitstroom=date(2026, 4, 30),
    )
    assert [(t.soort, t.status) for t in ts] == [
        (S.CONTACT_GEMEENTE, T.VERVALLEN),
        (S.PLAN_VASTGESTELD, T.VERVALLEN),
        (S.STARTOVERLEG, T.VERVALLEN),
        (S.UITSTROOMOVERLEG, T.GEMIST),
    ]


@pytest.mark.parametrize(
    ("kwargs", "soorten"),
    [
        ({}, [S.CONTACT_GEMEENTE, S.PLAN_VASTGESTELD, S.STARTOVERLEG]),
        ({"mdo_data": [date(2026, 6, 1)]},
         [S.CONTACT_GEMEENTE, S.PLAN_VASTGESTELD, S.STARTOVERLEG]),
        ({"plan_vastgesteld_datum": date(2026, 5, 18)},
         [S.CONTACT_GEMEENTE, S.PLAN_VASTGESTELD, S.STARTOVERLEG, S.MDO]),
        ({"verwachte_uitstroom": date(2026, 10, 2)},
         [S.CONTACT_GEMEENTE, S.PLAN_VASTGESTELD, S.STARTOVERLEG, S.UITSTROOMOVERLEG]),
        ({"plan_vastgesteld_datum": date(2026, 5, 18), "verwachte_uitstroom": date(2026, 10, 2)},
         [S.CONTACT_GEMEENTE, S.PLAN_VASTGESTELD, S.STARTOVERLEG, S.MDO, S.UITSTROOMOVERLEG]),
    ],
)  # fmt: skip
def test_volgorde_en_aanwezigheid(kwargs, soorten):
    ts = termijnen(binnenkomst=ARRIVAL, vandaag=date(2026, 6, 1), brugdagen=B, **kwargs)
    assert [t.soort for t in ts] == soorten


@pytest.mark.parametrize(
    ("kwargs", "verwacht"),
    [
        ({"vandaag": date(2026, 5, 1)}, (S.CONTACT_GEMEENTE, 2)),
        ({"vandaag": date(2026, 5, 8)}, (S.CONTACT_GEMEENTE, -2)),
        # tie between plan and startoverleg: list order
        ({"vandaag": date(2026, 5, 1), "contact_gemeente_datum": date(2026, 4, 22)},
         (S.PLAN_VASTGESTELD, 8)),
        ({"vandaag": date(2026, 5, 1), "contact_gemeente_datum": date(2026, 4, 22),
          "plan_vastgesteld_datum": date(2026, 4, 30)},
         (S.STARTOVERLEG, 8)),
        # missed longest ago comes first
        ({"vandaag": date(2026, 7, 1), "contact_gemeente_datum": date(2026, 4, 22),
          "plan_vastgesteld_datum": date(2026, 5, 18)},
         (S.STARTOVERLEG, -31)),
        ({"vandaag": date(2026, 7, 1), "contact_gemeente_datum": date(2026, 4, 22),
          "plan_vastgesteld_datum": date(2026, 5, 18), "startoverleg_datum": date(2026, 5, 18),
          "verwachte_uitstroom": date(2026, 10, 2)},
         (S.MDO, -2)),
        ({"vandaag": date(2026, 6, 1), "contact_gemeente_datum": date(2026, 4, 22),
          "plan_vastgesteld_datum": date(2026, 5, 18), "startoverleg_datum": date(2026, 5, 18),
          "verwachte_uitstroom": date(2026, 6, 12)},
         (S.UITSTROOMOVERLEG, -1)),
    ],
)  # fmt: skip
def test_eerstvolgende(kwargs, verwacht):
    t = eerstvolgende(termijnen(binnenkomst=ARRIVAL, brugdagen=B, **kwargs))
    assert t is not None
    assert (t.soort, t.werkdagen_over) == verwacht


@pytest.mark.parametrize(
    "kwargs",
    [
        {"contact_gemeente_datum": date(2026, 4, 22), "plan_vastgesteld_datum": date(2026, 5, 18),
         "startoverleg_datum": date(2026, 5, 20), "uitstroom": date(2026, 5, 29)},
        {"uitstroom": date(2026, 4, 24)},
    ],
)  # fmt: skip
def test_eerstvolgende_zonder_lopende_termijn(kwargs):
    ts = termijnen(binnenkomst=ARRIVAL, vandaag=date(2026, 7, 1), brugdagen=B, **kwargs)
    assert eerstvolgende(ts) is None


def test_eerstvolgende_lege_lijst():
    assert eerstvolgende([]) is None


# --- Termijn on its own -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("status", "gehaald_datum", "over", "te_laat", "tekst"),
    [
        (T.OPEN, None, 3, False, "nog 3 werkdagen"),
        (T.OPEN, None, 1, False, "nog 1 werkdag"),
        (T.OPEN, None, 0, False, "vandaag"),
        (T.OPEN, None, -1, True, "1 werkdag te laat"),
        (T.GEMIST, None, 0, True, "te laat"),
        (T.GEMIST, None, -1, True, "1 werkdag te laat"),
        (T.GEMIST, None, -2, True, "2 werkdagen te laat"),
        (T.GEHAALD, date(2026, 5, 6), None, False, "gehaald op 06-05-2026"),
        (T.TE_LAAT_GEHAALD, date(2026, 5, 8), None, False, "te laat gehaald op 08-05-2026"),
        (T.VERVALLEN, None, None, False, "vervallen"),
    ],
)
def test_termijn_te_laat_en_omschrijving(status, gehaald_datum, over, te_laat, tekst):
    t = Termijn(S.CONTACT_GEMEENTE, date(2026, 5, 6), status, gehaald_datum, over)
    assert t.te_laat is te_laat
    assert t.omschrijving == tekst


@pytest.mark.parametrize(
    ("lid", "waarde", "label"),
    [
        (S.CONTACT_GEMEENTE, "contact_gemeente", "Screening en contact gemeente"),
        (S.PLAN_VASTGESTELD, "plan_vastgesteld", "Plan vastgesteld"),
        (S.STARTOVERLEG, "startoverleg", "Startoverleg"),
        (S.MDO, "mdo", "MDO"),
        (S.UITSTROOMOVERLEG, "uitstroomoverleg", "Uitstroomoverleg"),
        (T.OPEN, "open", "Open"),
        (T.GEHAALD, "gehaald", "Gehaald"),
        (T.TE_LAAT_GEHAALD, "te_laat_gehaald", "Te laat gehaald"),
        (T.GEMIST, "gemist", "Gemist"),
        (T.VERVALLEN, "vervallen", "Vervallen"),
    ],
)
def test_labels(lid, waarde, label):
    assert lid == waarde
    assert lid.label == label


def test_termijn_is_onveranderlijk():
    t = Termijn(S.MDO, date(2026, 6, 29), T.OPEN, None, 6)
    with pytest.raises(AttributeError):
        t.status = T.GEHAALD  # type: ignore[misc]


# --- no holiday library, no clock -------------------------------------------------------------

BRON = ast.parse(Path(deadlines.__file__).read_text(encoding="utf-8"))


def _geimporteerd() -> set[str]:
    namen: set[str] = set()
    for node in ast.walk(BRON):
        if isinstance(node, ast.Import):
            namen |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0 and node.module
            namen.add(node.module.split(".")[0])
    return namen


def test_alleen_standaardbibliotheek_geen_feestdagenbibliotheek():
    namen = _geimporteerd()
    assert namen, "the module imports nothing? the parse is broken"
    assert namen <= sys.stdlib_module_names, namen - sys.stdlib_module_names
    verboden = {"holidays", "workalendar", "dateutil", "django", "pandas", "numpy", "business"}
    assert not namen & verboden


def test_leest_de_klok_niet():
    aangeroepen = {n.attr for n in ast.walk(BRON) if isinstance(n, ast.Attribute)}
    assert not aangeroepen & {"today", "now", "utcnow", "time", "localtime"}
    assert not _geimporteerd() & {"time", "calendar", "zoneinfo"}


def test_werkdagen_tussen_counts_like_walking_day_by_day():
    """The arithmetic count equals a day-by-day walk over 2,000 random ranges, 2022–2029."""
    import random

    rnd = random.Random(18)
    for _ in range(2000):
        van = date(2022, 6, 1) + timedelta(days=rnd.randint(0, 2500))
        tot = van + timedelta(days=rnd.randint(-400, 400))
        laag, hoog = sorted((van, tot))
        gelopen = sum(
            is_werkdag(laag + timedelta(days=k), brugdagen=B)
            for k in range(1, (hoog - laag).days + 1)
        )
        verwacht = gelopen if tot >= van else -gelopen
        assert werkdagen_tussen(van, tot, brugdagen=B) == verwacht, (van, tot)


def test_trajectgesprek_at_the_plans_frequency_only_once_one_was_held():
    from trajecten.deadlines import Termijnsoort, Termijnstatus, termijnen

    basis = {"binnenkomst": date(2026, 3, 2), "vandaag": date(2026, 4, 23), "brugdagen": ()}
    assert Termijnsoort.TRAJECTGESPREK not in {t.soort for t in termijnen(**basis)}
    assert Termijnsoort.TRAJECTGESPREK not in {
        t.soort for t in termijnen(**basis, laatste_trajectgesprek_datum=date(2026, 3, 25))
    }
    (t,) = [
        t
        for t in termijnen(
            **basis, laatste_trajectgesprek_datum=date(2026, 3, 25), gespreksfrequentie_weken=4
        )
        if t.soort == Termijnsoort.TRAJECTGESPREK
    ]
    assert (t.uiterlijk, t.status) == (date(2026, 4, 22), Termijnstatus.GEMIST)
    # four weeks from Tuesday 7 April 2026 is 5 May, Bevrijdingsdag: the next working day
    (t,) = [
        t
        for t in termijnen(
            **basis, laatste_trajectgesprek_datum=date(2026, 4, 7), gespreksfrequentie_weken=4
        )
        if t.soort == Termijnsoort.TRAJECTGESPREK
    ]
    assert (t.uiterlijk, t.status) == (date(2026, 5, 6), Termijnstatus.OPEN)
