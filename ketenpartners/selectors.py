from django.db.models import QuerySet

from .models import Contactpunt, Organisatie


def contactpunten_van(*, organisatie: Organisatie | None) -> QuerySet[Contactpunt]:
    if organisatie is None:
        return Contactpunt.objects.none()
    return Contactpunt.objects.filter(organisatie=organisatie).select_related("organisatie", "team")
