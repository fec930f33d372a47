"""Faults: a real worker on Redis, a worker killed mid-run, and Redis down."""

import signal
import subprocess
import sys
import time
from datetime import date

import pytest
from django.core import mail
from django.db import connection

from ketenpartners.models import Organisatie
from signalering import services, tasks
from signalering.models import Bericht, Berichtstatus, Signalering

from .conftest import ROOT, proces_env, wacht_tot
from .test_scan import intake

pytestmark = pytest.mark.worker


@pytest.mark.django_db(transaction=True)
def test_the_scan_and_the_sending_run_on_a_real_worker(demo, celery_worker_proces):
    t = intake(demo, date(2026, 3, 2))
    tasks.scan_termijnen.delay(datum="2026-06-01")
    assert wacht_tot(
        lambda: Signalering.objects.filter(traject=t).count() == 5, proces=celery_worker_proces
    )
    # The worker queued the digests after the scan committed and sent them (locmem backend).
    assert wacht_tot(
        lambda: (
            Bericht.objects.exists()
            and not Bericht.objects.exclude(status=Berichtstatus.VERZONDEN).exists()
        ),
        proces=celery_worker_proces,
    )
    # Run twice: nothing doubles.
    tasks.scan_termijnen.delay(datum="2026-06-01")
    time.sleep(2)
    assert Signalering.objects.count() == 5
    # casemanager1, nazorg1, staf1 and the gemeente (besides nazorg1's immediate mail of the
    # new detention, issue 12)
    assert Bericht.objects.filter(soort="digest").count() == 4


@pytest.mark.django_db(transaction=True)
def test_a_scan_killed_mid_run_leaves_nothing_half_done_and_a_rerun_completes(demo):
    for i in range(3):
        intake(demo, date(2026, 3, 2), achternaam=f"Kill {i}")
    proces = subprocess.Popen(
        [sys.executable, "manage.py", "flag_deadlines", "--date", "2026-06-01", "--zonder-mail"],
        cwd=ROOT,
        env=proces_env(SIGNALERING_PAUZE_NA_INVOEGEN="60"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )

    def gepauzeerd():
        with connection.cursor() as c:
            c.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND state = 'idle in transaction' AND pid <> pg_backend_pid()"
            )
            return c.fetchone()[0] > 0

    assert wacht_tot(gepauzeerd, proces=proces)
    proces.send_signal(signal.SIGKILL)
    proces.wait(timeout=10)
    assert wacht_tot(lambda: not gepauzeerd(), seconden=10)
    assert Signalering.objects.count() == 0  # the killed transaction rolled back
    resultaat = services.scan(vandaag=date(2026, 6, 1))
    assert len(resultaat.nieuw) == 15
    assert Signalering.objects.count() == 15


@pytest.mark.django_db(transaction=True)
def test_redis_down_saving_works_and_the_outbox_sends_later(demo, client, settings):
    dood = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    settings.CELERY_BROKER_URL = dood
    client.force_login(demo["casemanager1"])
    response = client.post(
        "/trajecten/nieuw/",
        {
            "voornamen": "Redis",
            "achternaam": "Plat",
            "geboortedatum": "1980-01-01",
            "binnenkomst_datum": "2026-03-02",
            "gemelde_gemeente": Organisatie.objects.get(code="GM0153").pk,
            "geslacht": "man",
            "intake_sleutel": "0b7c9d2e-5f41-4a8e-9d3c-2a1b0c9d8e7f",
        },
    )
    assert response.status_code == 302
    # The morning scan runs while the broker is down: it flags, writes the outbox, and exits 0.
    scan = subprocess.run(
        [sys.executable, "manage.py", "flag_deadlines", "--date", "2026-06-01"],
        cwd=ROOT,
        env=proces_env(REDIS_URL=dood),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert scan.returncode == 0, scan.stderr
    assert "Dagelijkse e-mails in de outbox: 3" in scan.stdout
    assert set(Bericht.objects.values_list("status", flat=True)) == {Berichtstatus.WACHTEND}
    # When the worker is back, the periodic drain sends what could not be queued: the digests
    # and nazorg1's immediate mail of the new detention (issue 12), written at the intake.
    assert tasks.leeg_outbox() == 4
    assert sorted(m.to[0] for m in mail.outbox) == [
        "casemanager1@demo.example",
        "nazorg1@demo.example",
        "nazorg1@demo.example",
        "nazorg@enschede.example",
    ]
    assert set(Bericht.objects.values_list("status", flat=True)) == {Berichtstatus.VERZONDEN}


@pytest.mark.django_db(transaction=True)
def test_a_worker_on_redis_answers_a_ping(celery_worker_proces):
    from reintegratie.celery import app

    def antwoordt():
        namen = [naam for antwoord in app.control.ping(timeout=1.0) for naam in antwoord]
        return any(naam.startswith("signalering-") for naam in namen)

    assert wacht_tot(antwoordt, proces=celery_worker_proces)
