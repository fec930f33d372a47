"""Deadlines of a re-integration trajectory, counted in working days (DOMAIN.md).

Working days follow the Algemene termijnenwet (Atw): Monday to Friday, minus the days of art. 3
and the bridging days a royal decree equates with them. Pure functions, standard library only:
the holidays are computed here (a generic holiday library counts 5 May only every fifth year)
and `vandaag` is always passed in, never read from the clock. The decreed bridging days are
data (the `Brugdag` table, seeded by a migration, extended in the admin): every function takes
them as `brugdagen`.
"""

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import cache, partial

EEN_DAG = timedelta(days=1)


def pasen(jaar: int) -> date:
    """Easter Sunday of `jaar`: Gregorian computus, anonymous (Meeus/Jones/Butcher) algorithm."""
    a, b, c = jaar % 19, jaar // 100, jaar % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 19 * l) // 433
    maand = (h + l - 7 * m + 90) // 25
    return date(jaar, maand, (h + l - 7 * m + 33 * maand + 19) % 32)


def feestdagen(jaar: int) -> dict[date, str]:
    """The Atw days of `jaar` with their Dutch names.

    Atw art. 3(1): New Year's Day, Easter Monday and Whit Monday, Ascension Day, both Christmas
    days, King's Day (27 April, or 26 April when 27 April is a Sunday; since 2014) and 5 May in
    every year; art. 3(2) treats Good Friday the same. Easter Sunday and Whit Sunday are Sundays
    anyway and are included for completeness. Days that coincide get both names.
    """
    p = pasen(jaar)
    koningsdag = date(jaar, 4, 26 if date(jaar, 4, 27).weekday() == 6 else 27)
    dagen: dict[date, str] = {}
    for datum, naam in [
        (date(jaar, 1, 1), "Nieuwjaarsdag"),
        (p - 2 * EEN_DAG, "Goede Vrijdag"),
        (p, "Eerste Paasdag"),
        (p + EEN_DAG, "Tweede Paasdag"),
        (koningsdag, "Koningsdag"),
        (date(jaar, 5, 5), "Bevrijdingsdag"),
        (p + 39 * EEN_DAG, "Hemelvaartsdag"),
        (p + 49 * EEN_DAG, "Eerste Pinksterdag"),
        (p + 50 * EEN_DAG, "Tweede Pinksterdag"),
        (date(jaar, 12, 25), "Eerste Kerstdag"),
        (date(jaar, 12, 26), "Tweede Kerstdag"),
    ]:
        dagen[datum] = f"{dagen[datum]} en {naam}" if datum in dagen else naam
    return dict(sorted(dagen.items()))


@cache
def _atw_dagen(jaar: int) -> frozenset[date]:
    return frozenset(feestdagen(jaar))


def is_werkdag(datum: date, *, brugdagen: Collection[date]) -> bool:
    """Monday to Friday, not an Atw art. 3 day and not a decreed bridging day (DOMAIN.md)."""
    return datum.weekday() < 5 and datum not in _atw_dagen(datum.year) and datum not in brugdagen


def volgende_werkdag(datum: date, *, brugdagen: Collection[date]) -> date:
    """`datum` if it is a working day, else the next one: a deadline ending on a Saturday, Sunday
    or Atw day moves to the next working day (Atw art. 1)."""
    while not is_werkdag(datum, brugdagen=brugdagen):
        datum += EEN_DAG
    return datum


def plus_werkdagen(datum: date, aantal: int, *, brugdagen: Collection[date]) -> date:
    """The `aantal`-th working day after `datum`, `datum` itself not counted (DOMAIN.md: arrival
    Monday 20 April 2026 + 10 gives Wednesday 6 May 2026). 0 gives `datum`; a negative `aantal`
    gives the |aantal|-th working day before `datum`."""
    stap = EEN_DAG if aantal >= 0 else -EEN_DAG
    resterend = abs(aantal)
    while resterend:
        datum += stap
        if is_werkdag(datum, brugdagen=brugdagen):
            resterend -= 1
    return datum


def _weekdagen_voor(datum: date) -> int:
    """Mondays to Fridays from 1 January of year 1 (a Monday) up to, not including, `datum`."""
    weken, rest = divmod((datum - date.min).days, 7)
    return weken * 5 + min(rest, 5)


def werkdagen_tussen(van: date, tot: date, *, brugdagen: Collection[date]) -> int:
    """The number of working days in (van, tot]; when `tot` lies before `van`, minus the number
    in (tot, van]. So werkdagen_tussen(vandaag, uiterlijk) is "nog N werkdagen" and a negative
    result is "N werkdagen te laat". Counted by arithmetic, not day by day: the morning scan
    calls this for every active trajectory."""
    if tot < van:
        return -werkdagen_tussen(tot, van, brugdagen=brugdagen)
    weekdagen = _weekdagen_voor(tot + EEN_DAG) - _weekdagen_voor(van + EEN_DAG)
    vrij = set(brugdagen).union(*(_atw_dagen(jaar) for jaar in range(van.year, tot.year + 1)))
    return weekdagen - sum(1 for d in vrij if van < d <= tot and d.weekday() < 5)


class Termijnsoort(StrEnum):
    """The deadlines of the process (DOMAIN.md, "The process and its deadlines")."""

    CONTACT_GEMEENTE = "contact_gemeente"  # screening + contact: 10 working days after arrival
    PLAN_VASTGESTELD = "plan_vastgesteld"  # D&R-plan adopted: 4 weeks after arrival
    STARTOVERLEG = "startoverleg"  # startoverleg held: 4 weeks after arrival
    MDO = "mdo"  # every 6 weeks after the plan was adopted
    UITSTROOMOVERLEG = "uitstroomoverleg"  # N working days before the expected release
    # The periodic trajectgesprek at the frequency the plan agreed: every N weeks after the
    # latest held startoverleg or trajectgesprek (issue 11).
    TRAJECTGESPREK = "trajectgesprek"
    UITKERING_AANVRAAG = "uitkering_aanvraag"  # benefit application prepared: N wd before release

    @property
    def label(self) -> str:
        return _SOORT_LABELS[self]


_SOORT_LABELS = {
    Termijnsoort.CONTACT_GEMEENTE: "Screening en contact gemeente",
    Termijnsoort.PLAN_VASTGESTELD: "Plan vastgesteld",
    Termijnsoort.STARTOVERLEG: "Startoverleg",
    Termijnsoort.MDO: "MDO",
    Termijnsoort.UITSTROOMOVERLEG: "Uitstroomoverleg",
    Termijnsoort.TRAJECTGESPREK: "Trajectgesprek",
    Termijnsoort.UITKERING_AANVRAAG: "Uitkering aangevraagd",
}


class Termijnstatus(StrEnum):
    OPEN = "open"
    GEHAALD = "gehaald"
    TE_LAAT_GEHAALD = "te_laat_gehaald"
    GEMIST = "gemist"
    VERVALLEN = "vervallen"  # the detention ended before the deadline (DOMAIN.md)

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


def _werkdagen(n: int) -> str:
    return f"{n} werkdag" if n == 1 else f"{n} werkdagen"


@dataclass(frozen=True)
class Termijn:
    soort: Termijnsoort
    uiterlijk: date
    status: Termijnstatus
    gehaald_datum: date | None
    werkdagen_over: int | None  # only for OPEN and GEMIST: werkdagen_tussen(vandaag, uiterlijk)

    @property
    def te_laat(self) -> bool:
        """Overdue now: missed, or open with the deadline day already past."""
        return self.status == Termijnstatus.GEMIST or (
            self.status == Termijnstatus.OPEN and (self.werkdagen_over or 0) < 0
        )

    @property
    def omschrijving(self) -> str:
        """Short Dutch text for screens, e.g. "nog 3 werkdagen" or "gehaald op 06-05-2026"."""
        if self.status == Termijnstatus.GEHAALD:
            return f"gehaald op {self.gehaald_datum:%d-%m-%Y}"
        if self.status == Termijnstatus.TE_LAAT_GEHAALD:
            return f"te laat gehaald op {self.gehaald_datum:%d-%m-%Y}"
        if self.status == Termijnstatus.VERVALLEN:
            return "vervallen"
        over = self.werkdagen_over or 0
        if over < 0:
            return f"{_werkdagen(-over)} te laat"
        if self.te_laat:  # missed, but no working day has passed since (e.g. on the weekend after)
            return "te laat"
        return "vandaag" if over == 0 else f"nog {_werkdagen(over)}"


def _beoordeel(
    soort: Termijnsoort,
    uiterlijk: date,
    gebeurd_datum: date | None,
    *,
    vandaag: date,
    brugdagen: Collection[date],
    vervalt_datum: date | None,
) -> Termijn:
    """Met by the event on or before the deadline day; lapsed when the detention ended before
    it; else missed once `vandaag` is past it, open until then (DOMAIN.md)."""
    if gebeurd_datum is not None:
        status = (
            Termijnstatus.GEHAALD if gebeurd_datum <= uiterlijk else Termijnstatus.TE_LAAT_GEHAALD
        )
        return Termijn(soort, uiterlijk, status, gebeurd_datum, None)
    if vervalt_datum is not None and vervalt_datum < uiterlijk:
        return Termijn(soort, uiterlijk, Termijnstatus.VERVALLEN, None, None)
    status = Termijnstatus.GEMIST if vandaag > uiterlijk else Termijnstatus.OPEN
    return Termijn(
        soort, uiterlijk, status, None, werkdagen_tussen(vandaag, uiterlijk, brugdagen=brugdagen)
    )


def termijnen(
    *,
    binnenkomst: date,
    vandaag: date,
    brugdagen: Collection[date],
    contact_gemeente_datum: date | None = None,
    plan_vastgesteld_datum: date | None = None,
    startoverleg_datum: date | None = None,
    mdo_data: Sequence[date] = (),
    uitstroomoverleg_datum: date | None = None,
    verwachte_uitstroom: date | None = None,
    uitstroom: date | None = None,
    uitstroomoverleg_werkdagen_vooraf: int = 10,
    laatste_trajectgesprek_datum: date | None = None,
    gespreksfrequentie_weken: int | None = None,
) -> list[Termijn]:
    """The deadlines of one trajectory on `vandaag` (DOMAIN.md, "The process and its deadlines").

    Contact with the gemeente: the 10th working day after arrival. Plan adopted and startoverleg:
    arrival + 28 days, moved to the next working day (Atw art. 1). MDO, once the plan is adopted:
    6 weeks after the latest MDO on or after adoption (else adoption), moved likewise. These lapse
    when the detention ends before them. Uitstroomoverleg, when the release date is expected:
    `uitstroomoverleg_werkdagen_vooraf` working days before it but never before arrival; it never
    lapses, since the release is its end. Trajectgesprek, once a startoverleg or periodic
    trajectgesprek was held and the plan agreed a frequency: `gespreksfrequentie_weken` weeks after
    the latest one, moved likewise; it lapses like the MDO.
    """
    beoordeel = partial(_beoordeel, vandaag=vandaag, brugdagen=brugdagen, vervalt_datum=uitstroom)
    vier_weken = volgende_werkdag(binnenkomst + timedelta(weeks=4), brugdagen=brugdagen)
    tien_werkdagen = plus_werkdagen(binnenkomst, 10, brugdagen=brugdagen)
    resultaat = [
        beoordeel(Termijnsoort.CONTACT_GEMEENTE, tien_werkdagen, contact_gemeente_datum),
        beoordeel(Termijnsoort.PLAN_VASTGESTELD, vier_weken, plan_vastgesteld_datum),
        beoordeel(Termijnsoort.STARTOVERLEG, vier_weken, startoverleg_datum),
    ]
    if plan_vastgesteld_datum is not None:
        anker = max(
            (d for d in mdo_data if d >= plan_vastgesteld_datum), default=plan_vastgesteld_datum
        )
        uiterlijk = volgende_werkdag(anker + timedelta(weeks=6), brugdagen=brugdagen)
        resultaat.append(beoordeel(Termijnsoort.MDO, uiterlijk, None))
    if laatste_trajectgesprek_datum is not None and gespreksfrequentie_weken:
        uiterlijk = volgende_werkdag(
            laatste_trajectgesprek_datum + timedelta(weeks=gespreksfrequentie_weken),
            brugdagen=brugdagen,
        )
        resultaat.append(beoordeel(Termijnsoort.TRAJECTGESPREK, uiterlijk, None))
    if verwachte_uitstroom is not None:
        n = -uitstroomoverleg_werkdagen_vooraf
        uiterlijk = max(plus_werkdagen(verwachte_uitstroom, n, brugdagen=brugdagen), binnenkomst)
        resultaat.append(
            beoordeel(
                Termijnsoort.UITSTROOMOVERLEG, uiterlijk, uitstroomoverleg_datum, vervalt_datum=None
            )
        )
    return resultaat


def eerstvolgende(termijnen: Sequence[Termijn]) -> Termijn | None:
    """The most urgent open or missed deadline: fewest working days left (most negative first),
    ties by list order; None when there is none."""
    lopend = [t for t in termijnen if t.status in (Termijnstatus.OPEN, Termijnstatus.GEMIST)]
    return min(lopend, key=lambda t: t.werkdagen_over or 0, default=None)


def uitkering_termijn(
    *,
    verwachte_uitstroom: date | None,
    aangevraagd_datum: date | None,
    vandaag: date,
    brugdagen: Collection[date],
    werkdagen_vooraf: int,
    binnenkomst: date,
    uitstroom: date | None = None,
) -> Termijn | None:
    """The benefit application (issue 11): prepared in the PI `werkdagen_vooraf` working days
    before the expected release (never before arrival), so the money can come within a week of
    release. Met by the preparation's date once it is requested, arranged or not needed; lapses
    when the person is released before it; None without an expected release date."""
    if verwachte_uitstroom is None:
        return None
    uiterlijk = max(
        plus_werkdagen(verwachte_uitstroom, -werkdagen_vooraf, brugdagen=brugdagen), binnenkomst
    )
    return _beoordeel(
        Termijnsoort.UITKERING_AANVRAAG,
        uiterlijk,
        aangevraagd_datum,
        vandaag=vandaag,
        brugdagen=brugdagen,
        vervalt_datum=uitstroom,
    )
