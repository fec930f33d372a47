"""A real Celery worker on the real Redis broker, not eager mode."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

from reintegratie.celery import app

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def worker():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "reintegratie.settings.test",
        "REDIS_URL": settings.CELERY_BROKER_URL,
    }
    naam = f"test-{os.getpid()}@%h"
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
            naam,
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    yield proces
    proces.terminate()
    proces.wait(timeout=20)


@pytest.mark.worker
def test_a_worker_on_redis_answers(worker):
    app.conf.broker_url = settings.CELERY_BROKER_URL
    antwoorden = []
    for _ in range(60):
        antwoorden = app.control.ping(timeout=1.0)
        if antwoorden:
            break
        assert worker.poll() is None, worker.stderr.read()
        time.sleep(0.5)
    assert any(
        name.startswith(f"celery@test-{os.getpid()}") or f"test-{os.getpid()}@" in name
        for reply in antwoorden
        for name in reply
    ), antwoorden
