import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reintegratie.settings.local")

app = Celery("reintegratie")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.task(name="reintegratie.ping")
def ping() -> str:
    """Answers 'pong': the health of a worker, used by tests and operators."""
    return "pong"
