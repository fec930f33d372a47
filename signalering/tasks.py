"""Thin Celery tasks: keyword arguments, one service call, safe to run twice."""

import logging
from datetime import date

from celery import shared_task
from django.conf import settings
from django.utils import timezone

from trajecten.deadlines import is_werkdag
from trajecten.selectors import brugdagen

from . import services

logger = logging.getLogger(__name__)


def in_wachtrij(bericht_ids: list[int]) -> None:
    """Queue sending; when the broker is down the messages stay in the outbox and the periodic
    drain sends them later. Never raises: nothing is lost, nothing blocks the caller. After the
    first failure it stops trying: each attempt on a broker that refuses costs the client's
    connection retries (seconds), and the scan must not wait that long per message."""
    for i, bericht_id in enumerate(bericht_ids):
        try:
            verstuur_bericht.apply_async(kwargs={"bericht_id": bericht_id}, retry=False)
        except Exception:
            logger.warning(
                "Broker onbereikbaar; %s bericht(en) blijven in de outbox", len(bericht_ids) - i
            )
            return


def _scan_en_digests(vandaag: date) -> dict:
    services.begin_scanrun(vandaag=vandaag)
    resultaat = services.scan(vandaag=vandaag)
    bericht_ids = services.stel_digests_op(vandaag=vandaag)
    services.voltooi_scanrun(vandaag=vandaag)
    in_wachtrij(bericht_ids)  # after both committed
    return {
        "datum": vandaag.isoformat(),
        "nieuw": len(resultaat.nieuw),
        "opgelost": len(resultaat.opgelost),
        "open": resultaat.open,
        "berichten": len(bericht_ids),
    }


@shared_task(name="signalering.scan_termijnen", acks_late=True, reject_on_worker_lost=True)
def scan_termijnen(*, datum: str | None = None) -> dict:
    """The morning scan (beat, Mon–Fri; holidays are skipped here). Then the daily digests.
    Without a date (beat) nothing happens when today's scan already completed: a redelivered
    task (acks_late after a lost worker) does not scan twice."""
    vandaag = date.fromisoformat(datum) if datum else timezone.localdate()
    if datum is None:
        if not is_werkdag(vandaag, brugdagen=brugdagen()):
            return {"datum": vandaag.isoformat(), "overgeslagen": "geen werkdag"}
        if not services.scan_nodig(vandaag=vandaag, bezig_minuten=0):
            return {"datum": vandaag.isoformat(), "overgeslagen": "al voltooid"}
    return _scan_en_digests(vandaag)


@shared_task(name="signalering.scan_inhalen", acks_late=True, reject_on_worker_lost=True)
def scan_inhalen(*, datum: str | None = None) -> dict:
    """Beat's catch-up, every few minutes on working days after the morning scan's time: runs
    today's scan when it did not complete (the broker was down at 06:30, or the worker was
    killed mid-run: picked up within minutes, not after the broker's one-hour visibility
    timeout); a no-op when it completed or began less than SIGNALERING_SCAN_BEZIG_MINUTEN
    ago."""
    vandaag = date.fromisoformat(datum) if datum else timezone.localdate()
    if not is_werkdag(vandaag, brugdagen=brugdagen()):
        return {"datum": vandaag.isoformat(), "overgeslagen": "geen werkdag"}
    if not services.scan_nodig(
        vandaag=vandaag, bezig_minuten=settings.SIGNALERING_SCAN_BEZIG_MINUTEN
    ):
        return {"datum": vandaag.isoformat(), "overgeslagen": "voltooid of bezig"}
    logger.warning("Scan van %s niet voltooid; de inhaalrun scant nu", vandaag)
    return _scan_en_digests(vandaag)


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
