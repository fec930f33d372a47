"""Every CSV this system writes goes through here (issue 17): a text cell that a spreadsheet
program would read as a formula - starting with =, +, -, @, a tab or a carriage return - gets a
leading apostrophe, so a name like `=HYPERLINK(...)` is shown as text and never runs (OWASP
"CSV injection"). Numbers stay numbers."""

import csv
from collections.abc import Iterable
from typing import Any

FORMULETEKENS = ("=", "+", "-", "@", "\t", "\r")


def veilige_cel(waarde: Any) -> Any:
    if isinstance(waarde, str) and waarde.startswith(FORMULETEKENS):
        return "'" + waarde
    return waarde


class VeiligeSchrijver:
    """csv.writer with every cell passed through veilige_cel. Dutch spreadsheet defaults:
    semicolon-separated, CRLF line ends."""

    def __init__(self, uit, **opties) -> None:
        opties.setdefault("delimiter", ";")
        opties.setdefault("lineterminator", "\r\n")
        self._schrijver = csv.writer(uit, **opties)

    def writerow(self, rij: Iterable[Any]) -> Any:
        return self._schrijver.writerow([veilige_cel(cel) for cel in rij])

    def writerows(self, rijen: Iterable[Iterable[Any]]) -> None:
        for rij in rijen:
            self.writerow(rij)
