"""How trajectories are usually asked for, in one place: the return gemeente rule ("verified,
else as notified") and the related rows every list or page shows."""

from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Q
from django.db.models.functions import Coalesce

from .keuzes import IN_DETENTIE

if TYPE_CHECKING:
    from .models import Traject  # noqa: F401 - named as a string in the base class below

# The return gemeente as far as known: verified by the casemanager, else as notified at intake
# (report ch. 4: the notified one comes from the last registered address and is often wrong).
GEMEENTE_ID = Coalesce("terugkeer_gemeente_id", "gemelde_gemeente_id")
GEMEENTE_NAAM = Coalesce("terugkeer_gemeente__naam", "gemelde_gemeente__naam")

# What a row of any case list shows: the person, the PI and its location, the casemanager, the
# gemeente.
LIJSTGEGEVENS = (
    "gedetineerde",
    "pi",
    "locatie",
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

    def met_lijstgegevens(self) -> "TrajectQuerySet":
        return self.select_related(*LIJSTGEGEVENS)

    def met_betrokkenen(self) -> "TrajectQuerySet":
        return self.select_related(*BETROKKENEN)
