"""How trajectories are usually asked for, in one place: the return gemeente rule ("verified,
else as notified") and the related rows every list or page shows."""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar, overload

from django.db import DatabaseError, connections, models, router
from django.db.models import Q
from django.db.models.functions import Coalesce

from .keuzes import IN_DETENTIE

if TYPE_CHECKING:
    from .models import Traject

# The return gemeente as far as known: verified by the casemanager, else as notified at intake
# (report ch. 4: the notified one comes from the last registered address and is often wrong).
GEMEENTE_ID = Coalesce("terugkeer_gemeente_id", "gemelde_gemeente_id")
# The reclassering's client list (issue 18): in detention first by expected release (soonest
# first, unknown last), then the released by release, most recent first. The same expressions
# order the list and the index `traject_reclassering_volgorde`, so that PostgreSQL reads a
# page of clients in the index's order instead of sorting every client of the organisation.
IN_DETENTIE_EERST = models.Case(
    models.When(fase__in=IN_DETENTIE, then=models.Value(0)), default=models.Value(1)
)
IN_DETENTIE_TOT = models.Case(
    models.When(fase__in=IN_DETENTIE, then=models.F("verwachte_uitstroom_datum")),
    output_field=models.DateField(),
)
CLIENTVOLGORDE = (
    IN_DETENTIE_EERST.asc(),
    IN_DETENTIE_TOT.asc(nulls_last=True),
    models.F("uitstroom_datum").desc(nulls_last=True),
    models.F("id").asc(),
)
GEMEENTE_NAAM = Coalesce("terugkeer_gemeente__naam", "gemelde_gemeente__naam")

# What a row of any case list shows: the person, the PI and its location, the casemanager, the
# gemeente.
LIJSTGEGEVENS = (
    "gedetineerde",
    "pi",
    "locatie__organisatie",  # a location is named after its PI (Locatie.__str__)
    "casemanager",
    "gemelde_gemeente",
    "terugkeer_gemeente",
)
# Everyone involved, for a page or a document about one case or a list that names them all.
BETROKKENEN = (
    *LIJSTGEGEVENS,
    "mentor",
    "reclassering",
    "reclassering_team",
    "reclasseringswerker",
    "terugkeer_geverifieerd_door",
    "gezien_door_gemeente",
    "opgepakt_door",
)


_T = TypeVar("_T")


@contextmanager
def joins_in_volgorde(alias: str = "default") -> Iterator[None]:
    """Plan the joins of the queries inside in the order written (`join_collapse_limit = 1`).
    For a query that fetches rows already chosen (one case, one page of ids) with everything
    they show: fifteen to twenty LEFT JOINs to lookup rows by primary key, whose order does not
    matter, but which PostgreSQL otherwise spends 30-40 ms planning for a 2-7 ms execution at
    national volume (issue 18). Never around the door's own list queries (count, ids of a page):
    their join order does matter; around one case by its key, door included, it is harmless,
    and so around a list whose first table is chosen by its own index with the door as
    per-row subplans (a casemanager's own caseload).
    Reset afterwards; if the query broke the transaction, the rollback undoes the setting with
    it."""
    verbinding = connections[alias]
    with verbinding.cursor() as cursor:
        cursor.execute("SET join_collapse_limit = 1")
    try:
        yield
    finally:
        try:
            with verbinding.cursor() as cursor:
                cursor.execute("RESET join_collapse_limit")
        except DatabaseError:  # an aborted transaction: its rollback resets it
            pass


def in_volgorde(rijen: Iterable[_T], *, model: type[models.Model] | None = None) -> list[_T]:
    """Evaluate a queryset (or any iterable of rows) inside `joins_in_volgorde`, on the
    database the queryset reads from."""
    alias = getattr(rijen, "db", None) or (router.db_for_read(model) if model else "default")
    with joins_in_volgorde(alias):
        return list(rijen)


class TrajectQuerySet(models.QuerySet["Traject"]):
    def in_detentie(self) -> "TrajectQuerySet":
        return self.filter(fase__in=IN_DETENTIE)

    def van_gemeente(self, **lookup: object) -> "TrajectQuerySet":
        """The cases returning to one gemeente (verified, else as notified), named by one field:
        `van_gemeente(pk=5)` or `van_gemeente(code="GM0153")`."""
        ((veld, waarde),) = lookup.items()
        return self.filter(
            Q(**{f"terugkeer_gemeente__{veld}": waarde})
            | Q(terugkeer_gemeente__isnull=True, **{f"gemelde_gemeente__{veld}": waarde})
        )

    def naar_gemeente(self, gemeente_id: int | None) -> "TrajectQuerySet":
        """The cases returning to one gemeente by its id, on the expression of GEMEENTE_ID, so
        the partial index `traject_lopend_per_gemeente` serves the running ones (issue 18)."""
        return self.alias(terugkeer_gemeente_effectief=GEMEENTE_ID).filter(
            terugkeer_gemeente_effectief=gemeente_id
        )

    def met_lijstgegevens(self) -> "TrajectQuerySet":
        return self.select_related(*LIJSTGEGEVENS)

    def met_betrokkenen(self) -> "TrajectQuerySet":
        return self.select_related(*BETROKKENEN)


class PaginaEerst:
    """A list in two steps (issue 18), for Django's Paginator or, without a count, for
    `reintegratie.paginering.pagina_van`: the count and the ids of one page from the light
    query through the door (the case table, the grants, the filters and the
    order; no joins for display), then the rows of that page with everything they show, by
    those ids. PostgreSQL plans a query of fifteen joins in the order written (beyond
    join_collapse_limit), so in one query it would join every visible case before it
    narrowed them to a page. `verrijk` gets a queryset of the page's ids only; the ids came
    through the door in this request, so it is not applied again."""

    ordered = True  # the light query is ordered; Paginator asks

    def __init__(
        self, sleutels: TrajectQuerySet, verrijk: Callable[[TrajectQuerySet], TrajectQuerySet]
    ) -> None:
        self.sleutels = sleutels
        self.verrijk = verrijk

    def count(self) -> int:
        return self.sleutels.count()

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator["Traject"]:
        return iter(self[:])

    @overload
    def __getitem__(self, k: int) -> "Traject": ...
    @overload
    def __getitem__(self, k: slice) -> list["Traject"]: ...
    def __getitem__(self, k: int | slice) -> "Traject | list[Traject]":
        if isinstance(k, int):
            return self[k : k + 1][0]
        ids = list(self.sleutels.values_list("pk", flat=True)[k])
        if not ids:
            return []
        basis = self.sleutels.model._default_manager.filter(pk__in=ids)
        rijen = {t.pk: t for t in in_volgorde(self.verrijk(basis))}
        return [rijen[i] for i in ids if i in rijen]
