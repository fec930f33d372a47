from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import Contactpunt, Locatie, Medewerker, Organisatie, Team, Uitnodiging
from .rollen import Rol


def contactpunten_van(*, organisatie: Organisatie | None) -> QuerySet[Contactpunt]:
    if organisatie is None:
        return Contactpunt.objects.none()
    return Contactpunt.objects.filter(organisatie=organisatie).select_related("organisatie", "team")


def _zoekterm(zoek: str) -> str:
    """People type 'gemeente Enschede' while the name is 'Enschede'."""
    zoek = " ".join(zoek.split())
    if zoek.lower().startswith("gemeente "):
        zoek = zoek[len("gemeente ") :]
    return zoek


def adresboek(*, zoek: str = "", soort: str = "") -> QuerySet[Organisatie]:
    """The contact directory: active organisations with their functional contact points, for
    every role ("whom do I call there", DOMAIN.md). `zoek` finds an organisation by its name or
    code, a PI by one of its sites or the gemeente it stands in, an organisation by one of its
    teams or by its veiligheidsregio. No case data. Rows are fetched with two prefetches, so a
    page costs the same number of queries however many contact points it shows."""
    qs = Organisatie.objects.actief().select_related("regio")
    if soort:
        qs = qs.filter(soort=soort)
    zoek = _zoekterm(zoek)
    if zoek:
        locaties = Locatie.objects.filter(organisatie=OuterRef("pk"), actief=True).filter(
            Q(naam__icontains=zoek) | Q(gemeente__naam__icontains=zoek)
        )
        teams = Team.objects.filter(organisatie=OuterRef("pk"), actief=True, naam__icontains=zoek)
        qs = qs.filter(
            Q(naam__icontains=zoek)
            | Q(code__iexact=zoek)
            | Q(regio__naam__icontains=zoek)
            | Exists(locaties)
            | Exists(teams)
        )
    return qs.order_by("soort", "naam", "pk").prefetch_related(
        Prefetch(
            "contactpunten",
            queryset=Contactpunt.objects.filter(Q(team__isnull=True) | Q(team__actief=True))
            .select_related("team")
            .order_by("team__naam", "naam", "pk"),
            to_attr="functionele_contactpunten",
        ),
        Prefetch(
            "locaties",
            queryset=Locatie.objects.filter(actief=True)
            .select_related("gemeente")
            .order_by("naam"),
            to_attr="actieve_locaties",
        ),
    )


# Reachability of a gemeente (issue 12): in the app (an active nazorgcoördinator reads it here),
# by its contact point only (someone answers the phone or e-mail, nobody reads it here), or not.
IN_APP = "in_app"
CONTACTPUNT = "contactpunt"
ONBEREIKBAAR = "onbereikbaar"


@dataclass
class Bereik:
    stand: str
    contactpunten: list[Contactpunt] = field(default_factory=list)

    @property
    def in_app(self) -> bool:
        return self.stand == IN_APP

    @property
    def onbereikbaar(self) -> bool:
        return self.stand == ONBEREIKBAAR

    def uitleg(self, gemeente: Organisatie) -> str:
        """In words, for the casemanager who shares with or hands over to this gemeente."""
        if self.stand == IN_APP:
            return str(_("Gemeente %(g)s gebruikt dit systeem en leest dit hier.")) % {
                "g": gemeente.naam
            }
        if self.stand == CONTACTPUNT:
            return str(
                _(
                    "Gemeente %(g)s gebruikt dit systeem nog niet: niemand leest dit hier. "
                    "Neem contact op met het contactpunt."
                )
            ) % {"g": gemeente.naam}
        return str(
            _(
                "Gemeente %(g)s gebruikt dit systeem nog niet en heeft geen contactpunt: "
                "niemand leest dit hier."
            )
        ) % {"g": gemeente.naam}

    @property
    def hoe_bereiken(self) -> str:
        """How to reach the gemeente as far as the directory knows."""
        for punt in self.contactpunten:
            delen = [d for d in (punt.telefoon, punt.email) if d]
            return f"{punt.naam}: {' · '.join(delen)}"
        return str(_("Bel het algemene nummer van de gemeente (14 + netnummer)."))

    @property
    def tekst(self) -> str:
        return str(
            {
                IN_APP: _("gebruikt dit systeem"),
                CONTACTPUNT: _("alleen bereikbaar via het contactpunt"),
                ONBEREIKBAAR: _("niet bereikbaar"),
            }[self.stand]
        )


def _actieve_nazorg() -> QuerySet[Medewerker]:
    return Medewerker.objects.filter(rol=Rol.NAZORGCOORDINATOR, is_active=True)


def nazorg_in_app(gemeente_id: Any) -> Exists:
    """For an annotation: has the gemeente (an expression for its id) an active
    nazorgcoördinator? Lets a page know reachability within its own query."""
    return Exists(_actieve_nazorg().filter(organisatie_id=gemeente_id))


def bereik_uit(*, in_app: bool, contactpunten: Iterable[Contactpunt]) -> Bereik:
    """Reachability from what a page already fetched: the annotation and the contact points."""
    eigen = [p for p in contactpunten if p.team_id is None]
    return Bereik(
        stand=IN_APP if in_app else CONTACTPUNT if eigen else ONBEREIKBAAR, contactpunten=eigen
    )


def bereikbaarheid_van(gemeente_ids: Iterable[int]) -> dict[int, Bereik]:
    """Reachability of many gemeenten in two queries, whatever their number."""
    ids = {i for i in gemeente_ids if i is not None}
    if not ids:
        return {}
    in_app = set(
        _actieve_nazorg()
        .filter(organisatie_id__in=ids)
        .values_list("organisatie_id", flat=True)
        .distinct()
    )
    punten: dict[int, list[Contactpunt]] = {}
    for punt in Contactpunt.objects.filter(organisatie_id__in=ids, team__isnull=True).order_by(
        "naam", "pk"
    ):
        punten.setdefault(punt.organisatie_id, []).append(punt)
    return {
        i: Bereik(
            stand=IN_APP if i in in_app else CONTACTPUNT if i in punten else ONBEREIKBAAR,
            contactpunten=punten.get(i, []),
        )
        for i in ids
    }


def bereikbaarheid(gemeente: Organisatie) -> Bereik:
    """Is anyone reading what the PI shares with this gemeente? See `bereikbaarheid_van`."""
    return bereikbaarheid_van([gemeente.pk])[gemeente.pk]


def zonder_nazorg_in_app() -> QuerySet[Organisatie]:
    """Gemeenten without an active nazorgcoördinator, as a subquery for case lists."""
    return Organisatie.objects.gemeenten().exclude(
        Exists(_actieve_nazorg().filter(organisatie_id=OuterRef("pk")))
    )


def uitnodigingen() -> QuerySet[Uitnodiging]:
    return Uitnodiging.objects.select_related("gemeente", "uitgenodigd_door", "medewerker")
