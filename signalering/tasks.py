"""Thin Celery tasks: keyword arguments, one service call, safe to run twice."""

import logging
from datetime import date

from celery import shared_task
from django.utils import timezone

from trajecten.deadlines import is_werkdag
from trajecten.selectors import brugdagen

from . import services

logger = logging.getLogger(__name__)


def in_wachtrij(bericht_ids: list[int]) -> None:
    """Queue sending; when the broker is down the message stays in the outbox and the periodic
    drain sends it later. Never raises: nothing is lost, nothing blocks the caller."""
    for bericht_id in bericht_ids:
        try:
            verstuur_bericht.apply_async(kwargs={"bericht_id": bericht_id}, retry=False)
        except Exception:
            logger.warning("Broker onbereikbaar; bericht %s blijft in de outbox", bericht_id)


@shared_task(name="signalering.scan_termijnen", acks_late=True, reject_on_worker_lost=True)
def scan_termijnen(*, datum: str | None = None) -> dict:
    """The morning scan (beat, Mon–Fri; holidays are skipped here). Then the daily digests."""
    vandaag = date.fromisoformat(datum) if datum else timezone.localdate()
    if datum is None and not is_werkdag(vandaag, brugdagen=brugdagen()):
        return {"datum": vandaag.isoformat(), "overgeslagen": "geen werkdag"}
    resultaat = services.scan(vandaag=vandaag)
    bericht_ids = services.stel_digests_op(vandaag=vandaag)
    in_wachtrij(bericht_ids)
    return {
        "datum": vandaag.isoformat(),
        "nieuw": len(resultaat.nieuw),
        "opgelost": len(resultaat.opgelost),
        "open": resultaat.open,
        "berichten": len(bericht_ids),
    }


@shared_task(
    name="signalering.verstuur_bericht",
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=services.MAX_POGINGEN,
)
def verstuur_bericht(self, *, bericht_id: int) -> bool:
    if services.verstuur(bericht_id=bericht_id):
        return True
    raise self.retry(countdown=min(60 * 2**self.request.retries, 3600))


@shared_task(name="signalering.leeg_outbox", acks_late=True, reject_on_worker_lost=True)
def leeg_outbox() -> int:
    """Every few minutes: send what could not be queued or is waiting for a retry."""
    verzonden = 0
    for bericht_id in services.wachtende_berichten():
        verzonden += services.verstuur(bericht_id=bericht_id)
    return verzonden
