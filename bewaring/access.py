"""The system's own doors for the data lifecycle (ADR 0023). Neither shows a case to a user:

- `trajecten_met_verlopen_termijn`: what retention removes (closed before a date);
- `persoon_voor_inzage`: the person of a subject-access request (AVG art. 15), asked by the
  functional administrator or an operator on behalf of that person, and audited as an export.
"""

from datetime import datetime

from django.db.models import Exists, OuterRef, QuerySet

from trajecten.models import Gedetineerde, Traject


def trajecten_met_verlopen_termijn(grens: datetime) -> QuerySet[Traject]:
    """Trajectories closed before `grens`: open ones never expire."""
    return Traject.objects.filter(afsluiting__afgesloten_op__lt=grens)


def personen_zonder_lopend_traject(grens: datetime) -> QuerySet[Gedetineerde]:
    """People none of whose trajectories is kept any longer (and who were registered before
    `grens`, so an intake in progress is never removed)."""
    bewaard = Traject.objects.filter(gedetineerde=OuterRef("pk")).exclude(
        afsluiting__afgesloten_op__lt=grens
    )
    return Gedetineerde.objects.filter(aangemaakt_op__lt=grens).exclude(Exists(bewaard))


def persoon_voor_inzage(bsn: str) -> Gedetineerde | None:
    return Gedetineerde.objects.filter(bsn=bsn).first()


def trajecten_van(persoon: Gedetineerde) -> QuerySet[Traject]:
    return Traject.objects.filter(gedetineerde=persoon).order_by("pk")
