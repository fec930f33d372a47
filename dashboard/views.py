"""The staffunctionaris's regional dashboard and its CSV exports. Only the staffunctionaris and
the hoofd D&R get in; every figure comes from dashboard.selectors (counts only), shaped by
dashboard.cijfers."""

from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from ketenpartners.rollen import Rol, rol_vereist
from ketenpartners.verzoek import Verzoek
from reintegratie.csvbestand import VeiligeSchrijver

from . import cijfers, grafieken, selectors, tabellen
from .forms import FilterForm

ROLLEN = (Rol.STAFFUNCTIONARIS, Rol.HOOFD_DR)


def _filters(request: Verzoek) -> tuple[FilterForm, list]:
    inrichtingen = list(selectors.inrichtingen_in_regio(request.user))
    form = FilterForm(request.GET, inrichtingen=inrichtingen, vandaag=timezone.localdate())
    return form, inrichtingen


def _dashboard(request: Verzoek, form: FilterForm) -> cijfers.Dashboard:
    return selectors.dashboard(
        user=request.user,
        periode=form.cleaned_data["periode"],
        pi_id=form.cleaned_data["pi_id"],
        vandaag=timezone.localdate(),
    )


def _pagina(request, form, inrichtingen, status=200, **context) -> HttpResponse:
    context |= {"form": form, "regio": inrichtingen[0].regio if inrichtingen else None}
    return render(request, "dashboard/overzicht.html", context, status=status)


@require_GET
@rol_vereist(*ROLLEN)
def overzicht(request: Verzoek) -> HttpResponse:
    form, inrichtingen = _filters(request)
    if not form.is_valid():
        return _pagina(request, form, inrichtingen, status=400)
    dashboard = _dashboard(request, form)
    return _pagina(
        request,
        form,
        inrichtingen,
        dashboard=dashboard,
        tabellen=tabellen.alle(dashboard),
        grafieken=grafieken.alle(dashboard),
        filters=urlencode(form.querystring()),
        pi=next((pi for pi in inrichtingen if pi.pk == form.cleaned_data["pi_id"]), None),
    )


@require_GET
@rol_vereist(*ROLLEN)
def csv_export(request: Verzoek, tabel: str) -> HttpResponse:
    """One table of the dashboard, with the page's filters, as the page shows it."""
    form, inrichtingen = _filters(request)
    if tabel not in tabellen.MAKERS:
        raise Http404
    if not form.is_valid():
        return _pagina(request, form, inrichtingen, status=400)
    dashboard = _dashboard(request, form)
    inhoud = tabellen.MAKERS[tabel](dashboard)
    periode = dashboard.periode
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="{inhoud.bestandsnaam(periode.van, periode.tot)}"'
    )
    response.write("\ufeff")  # so spreadsheet programs read UTF-8 (ë, ö in names)
    schrijver = VeiligeSchrijver(response)
    schrijver.writerow(inhoud.kolommen)
    schrijver.writerows(inhoud.rijen)
    return response
