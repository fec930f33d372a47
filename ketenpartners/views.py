import redis
from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import selectors
from .rollen import Rol, Soort
from .verzoek import Verzoek

# Roles whose start page is the list of trajectories (trajecten.views.caseload).
# Each role starts where its day's work is; the others land on a home page of their own.
STARTPAGINA: dict[str, str] = {
    Rol.CASEMANAGER: "trajecten:caseload",
    Rol.MENTOR: "trajecten:caseload",
    Rol.RIC_MEDEWERKER: "trajecten:caseload",
    Rol.HOOFD_DR: "trajecten:caseload",
    Rol.NAZORGCOORDINATOR: "nazorg:inbox",
    Rol.RECLASSERINGSWERKER: "reclassering:clienten",
}
HOME_TEMPLATES = {
    rol: f"ketenpartners/home/{rol}.html" for rol in Rol.values if rol not in STARTPAGINA
}
ADRESBOEK_PER_PAGINA = 50


@require_GET
def home(request: Verzoek) -> HttpResponse:
    """Each role lands on its own start page."""
    if request.user.rol in STARTPAGINA:
        return redirect(STARTPAGINA[request.user.rol])
    template = HOME_TEMPLATES.get(request.user.rol, "ketenpartners/home/geen_rol.html")
    context = {
        "eigen_contactpunten": selectors.contactpunten_van(organisatie=request.user.organisatie)
    }
    return render(request, template, context)


@require_GET
def adresboek(request: Verzoek) -> HttpResponse:
    """The contact directory for every role: whom to call at a PI, gemeente or reclassering."""
    zoek = request.GET.get("q", "").strip()[:100]
    soort = request.GET.get("soort", "")
    soort = soort if soort in Soort.values else ""
    organisaties = selectors.adresboek(zoek=zoek, soort=soort)
    pagina = Paginator(organisaties, ADRESBOEK_PER_PAGINA).get_page(request.GET.get("pagina"))
    context = {
        "pagina": pagina,
        "zoek": zoek,
        "soort": soort,
        "soorten": Soort.choices,
        "gezocht": bool(zoek or soort),
    }
    return render(request, "ketenpartners/adresboek.html", context)


def _database_antwoordt() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False


def broker_antwoordt() -> bool:
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
    status = {"database": _database_antwoordt(), "broker": broker_antwoordt()}
    return JsonResponse(
        {naam: "ok" if ok else "onbereikbaar" for naam, ok in status.items()},
        status=200 if all(status.values()) else 503,
    )
