from django.db.models import QuerySet

from .models import Auditregel


def regels_voor_traject(*, traject_id: int, limiet: int = 500) -> list[Auditregel]:
    return list(Auditregel.objects.filter(traject_id=traject_id).order_by("-op", "-pk")[:limiet])


def zoek(*, gebruikersnaam: str = "", traject_id: int | None = None) -> QuerySet[Auditregel]:
    qs = Auditregel.objects.all()
    if gebruikersnaam:
        qs = qs.filter(gebruikersnaam__iexact=gebruikersnaam)
    if traject_id is not None:
        qs = qs.filter(traject_id=traject_id)
    return qs.order_by("-op", "-pk")
