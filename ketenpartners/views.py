import redis
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import selectors
from .rollen import Rol

# Roles whose start page is the list of trajectories (trajecten.views.caseload).
CASELOAD_ROLLEN = {Rol.CASEMANAGER, Rol.MENTOR, Rol.RIC_MEDEWERKER, Rol.HOOFD_DR}
HOME_TEMPLATES = {rol: f"ketenpartners/home/{rol}.html" for rol in Rol.values}


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Each role lands on its own start page."""
    if request.user.rol in CASELOAD_ROLLEN:
        return redirect("trajecten:caseload")
    template = HOME_TEMPLATES.get(request.user.rol, "ketenpartners/home/geen_rol.html")
    context = {
        "eigen_contactpunten": selectors.contactpunten_van(organisatie=request.user.organisatie)
    }
    return render(request, template, context)


def _database_antwoordt() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False


def _broker_antwoordt() -> bool:
    try:
        client = redis.Redis.from_url(
            settings.CELERY_BROKER_URL, socket_connect_timeout=1, socket_timeout=1
        )
        return bool(client.ping())
    except redis.RedisError:
        return False


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers and operators: does the database answer, does the broker answer."""
    status = {"database": _database_antwoordt(), "broker": _broker_antwoordt()}
    return JsonResponse(
        {naam: "ok" if ok else "onbereikbaar" for naam, ok in status.items()},
        status=200 if all(status.values()) else 503,
    )
