from datetime import date

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task(name="bewaring.bewaartermijnen")
def bewaartermijnen(datum: str | None = None) -> dict:
    """Nightly (beat): what has outlived its term goes, and next year's audit partitions are
    made before rows arrive. Safe to run twice or at once (one advisory lock, idempotent)."""
    peildatum = date.fromisoformat(datum) if datum else timezone.localdate()
    verslag = services.pas_bewaartermijnen_toe(peildatum=peildatum)
    return {
        "verwijderd": verslag.verwijderd,
        "partities_verwijderd": verslag.partities_verwijderd,
        "partities_gemaakt": verslag.partities_gemaakt,
        "in_standaardpartitie": verslag.in_standaardpartitie,
    }
