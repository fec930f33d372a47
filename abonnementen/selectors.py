"""Reads of the subscriptions: an organisation sees only its own, and their delivery log."""

from django.db.models import Prefetch, QuerySet

from ketenpartners.models import Medewerker

from .models import Abonnement, Aflevering, Poging


def abonnementen_van(user: Medewerker) -> QuerySet[Abonnement]:
    if user.organisatie_id is None:
        return Abonnement.objects.none()
    return Abonnement.objects.filter(
        organisatie_id=user.organisatie_id, verwijderd_op__isnull=True
    ).order_by("pk")


def afleveringen_van(abonnement: Abonnement) -> QuerySet[Aflevering]:
    """The delivery log, newest first, with every attempt (two queries per page)."""
    return (
        Aflevering.objects.filter(abonnement=abonnement)
        .order_by("-aangemaakt_op", "-pk")
        .prefetch_related(Prefetch("log", queryset=Poging.objects.order_by("op", "pk")))
    )
