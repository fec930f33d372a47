from celery import shared_task
from django.utils import timezone

from . import services


@shared_task(name="bewaring.bewaartermijnen")
def bewaartermijnen() -> dict:
    """Nightly (beat): what has outlived its term goes, and next year's audit partitions are
    made before rows arrive. Safe to run twice or at once (one advisory lock, idempotent)."""
    verslag = services.pas_bewaartermijnen_toe(peildatum=timezone.localdate())
    return {
        "verwijderd": verslag.verwijderd,
        "partities_verwijderd": verslag.partities_verwijderd,
        "partities_gemaakt": verslag.partities_gemaakt,
    }
