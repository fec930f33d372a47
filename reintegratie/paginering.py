"""Pages of a long list without a count (issue 18): `?pagina=N`, one row more than shown says
whether there is a next page. For lists whose length follows what an organisation gathered
(notifications, an organisation's actions), so that a page costs what it shows."""

from dataclasses import dataclass
from typing import Any, Protocol


def paginanummer(waarde: str | None) -> int:
    """?pagina=N, 1 for anything that is not a page number (never a 500)."""
    if not waarde or not waarde.isdecimal() or len(waarde) > 5:  # "²" is a digit, not decimal
        return 1
    return max(1, int(waarde))


@dataclass
class Pagina:
    rijen: list[Any]
    nummer: int
    vorige: int | None
    volgende: int | None


def plak(nummer: int, per_pagina: int) -> slice:
    """The rows to fetch for page `nummer`: its own and one more."""
    begin = (nummer - 1) * per_pagina
    return slice(begin, begin + per_pagina + 1)


def pagina_uit(gevonden: list[Any], nummer: int, per_pagina: int) -> Pagina:
    """The page from the rows fetched with `plak`. Past the end (an old link, rows gone since)
    the way back is to the first page."""
    getoond = gevonden[:per_pagina]
    vorige = (nummer - 1 if getoond else 1) if nummer > 1 else None
    volgende = nummer + 1 if len(gevonden) > per_pagina else None
    return Pagina(rijen=getoond, nummer=nummer, vorige=vorige, volgende=volgende)


class Snijdbaar(Protocol):
    """Rows that can be sliced: a list, a queryset, `trajecten.querysets.PaginaEerst`."""

    def __getitem__(self, k: slice, /) -> Any: ...


def pagina_van(rijen: Snijdbaar, nummer: int, per_pagina: int) -> Pagina:
    """Page `nummer` of `rijen` (a queryset is sliced in SQL: LIMIT per_pagina + 1)."""
    return pagina_uit(list(rijen[plak(nummer, per_pagina)]), nummer, per_pagina)
