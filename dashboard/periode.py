"""Calendar-month arithmetic for the dashboard: months, periods of whole months, their labels.

Pure functions on dates; nothing here reads the clock (callers pass `vandaag`) or the database.
A month is represented by its first day.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.formats import date_format

MAANDCODE = re.compile(r"^(\d{4})-(\d{2})$")
EERSTE_JAAR = 2000


def eerste_van_maand(dag: date) -> date:
    """The month `dag` falls in: 17 May 2026 → 1 May 2026."""
    return dag.replace(day=1)


def maand_plus(maand: date, n: int) -> date:
    """The month `n` months after (or, for negative `n`, before) `maand`, across year ends."""
    index = maand.year * 12 + maand.month - 1 + n
    return date(index // 12, index % 12 + 1, 1)


def maandeinde(maand: date) -> date:
    """The last day of `maand`."""
    return maand_plus(maand, 1) - timedelta(days=1)


def maandbereik(maand: date) -> tuple[date, date]:
    """First and last day of `maand`, for a `__range` lookup."""
    return maand, maandeinde(maand)


def maandcode(maand: date) -> str:
    """'2026-05': the form fields' and the CSV file names' way of writing a month."""
    return f"{maand:%Y-%m}"


def lees_maand(waarde: str) -> date | None:
    """'2026-05' → 1 May 2026; None for anything else (months from the year 2000)."""
    gevonden = MAANDCODE.match(waarde.strip())
    if not gevonden:
        return None
    jaar, maand = int(gevonden[1]), int(gevonden[2])
    if jaar < EERSTE_JAAR or not 1 <= maand <= 12:
        return None
    return date(jaar, maand, 1)


def maandnaam(maand: date) -> str:
    """'mei 2026' in the active language: the label of a month in tables and CSV files."""
    return date_format(maand, "F Y")


@dataclass(frozen=True)
class Periode:
    """Whole calendar months, `van` and `tot` being the first day of the first and last one."""

    van: date
    tot: date

    @property
    def aantal_maanden(self) -> int:
        return (self.tot.year - self.van.year) * 12 + self.tot.month - self.van.month + 1

    @property
    def maanden(self) -> list[date]:
        return [maand_plus(self.van, i) for i in range(self.aantal_maanden)]

    @property
    def einde(self) -> date:
        return maandeinde(self.tot)

    @property
    def bereik(self) -> tuple[date, date]:
        """First and last day of the period, for a `__range` lookup."""
        return self.van, self.einde
