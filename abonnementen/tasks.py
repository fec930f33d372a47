"""Thin Celery tasks of the subscriptions: ids in, one service call, safe to run twice (a
delivery is claimed by a conditional UPDATE). Nothing depends on a queued task surviving: the
beat task every minute picks up whatever is due."""

import logging

from celery import shared_task

from . import services

logger = logging.getLogger(__name__)


def in_wachtrij(aflevering_ids: list[int]) -> None:
    """Queue the new deliveries after commit; a broker that is down loses nothing (the minute
    task delivers them). Never raises."""
    for aflevering_id in aflevering_ids:
        try:
            bezorg.apply_async(kwargs={"aflevering_id": aflevering_id}, retry=False)
        except Exception:
            logger.warning(
                "Broker onbereikbaar; aflevering %s wacht op de minuuttaak", aflevering_id
            )


@shared_task(name="abonnementen.bezorg", acks_late=True, reject_on_worker_lost=True)
def bezorg(*, aflevering_id: int) -> bool | None:
    return services.bezorg(aflevering_id=aflevering_id)


@shared_task(name="abonnementen.bezorg_verschuldigde", acks_late=True, reject_on_worker_lost=True)
def bezorg_verschuldigde() -> int:
    """Every minute (beat): deliver what is due - retries after their backoff, and what could
    not be queued or whose worker died."""
    return sum(bool(services.bezorg(aflevering_id=pk)) for pk in services.verschuldigd())
