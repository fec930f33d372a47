import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]


def database_url() -> str:
    """The test database, for processes started by a test (worker, command)."""
    d = connection.settings_dict
    return f"postgres://{d['USER']}@{d['HOST'] or '127.0.0.1'}:{d['PORT'] or 5432}/{d['NAME']}"


def proces_env(**extra) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "reintegratie.settings.test",
        "DATABASE_URL": database_url(),
        "REDIS_URL": settings.CELERY_BROKER_URL,
        **extra,
    }


@pytest.fixture
def celery_worker_proces(transactional_db):
    """A real Celery worker on the real Redis broker, against the test database."""
    import redis

    redis.Redis.from_url(settings.CELERY_BROKER_URL).flushdb()  # no stale tasks from other runs
    proces = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "reintegratie",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "WARNING",
            "--hostname",
            f"signalering-{os.getpid()}@%h",
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=proces_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    yield proces
    proces.terminate()
    try:
        proces.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proces.kill()


def wacht_tot(voorwaarde, *, seconden: float = 30, proces=None):
    eind = time.monotonic() + seconden
    while time.monotonic() < eind:
        if voorwaarde():
            return True
        if proces is not None and proces.poll() is not None:
            raise AssertionError(proces.stderr.read())
        time.sleep(0.2)
    return False
