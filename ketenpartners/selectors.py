from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from .models import Contactpunt, Locatie, Organisatie, Team


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
