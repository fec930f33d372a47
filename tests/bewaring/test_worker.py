"""The nightly task runs on a real Celery worker (Redis broker, test database) and removes a
trajectory closed six years ago; run again, it changes nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from bewaring import tasks
from tests.signalering.conftest import celery_worker_proces, wacht_tot  # noqa: F401 - fixture
from trajecten.models import Afsluiting, Gedetineerde, Traject

from .conftest import tellingen

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_the_nightly_task_removes_what_expired_on_a_real_worker(
    twee_personen,
    celery_worker_proces,  # noqa: F811
):
    weg, blijft = twee_personen
    Afsluiting.objects.filter(traject=weg).update(
        afgesloten_op=timezone.now() - timedelta(days=6 * 366)
    )
    # registered then too (a person registered today is an intake in progress, never removed)
    Gedetineerde.objects.filter(pk=weg.gedetineerde_id).update(
        aangemaakt_op=timezone.now() - timedelta(days=7 * 366)
    )
    tasks.bewaartermijnen.delay()
    assert wacht_tot(
        lambda: not Gedetineerde.objects.filter(pk=weg.gedetineerde_id).exists(),
        seconden=120,
        proces=celery_worker_proces,
    )
    assert Traject.objects.filter(pk=blijft.pk).exists()
    eerst = tellingen()
    tasks.bewaartermijnen.delay()
    import time

    time.sleep(3)
    assert tellingen() == eerst
