"""The staffunctionaris's regional dashboard and its CSV exports. Only the staffunctionaris and
the hoofd D&R get in; every figure comes from dashboard.selectors (counts only), shaped by
dashboard.cijfers."""

from dataclasses import replace
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from ketenpartners.rollen import Rol, rol_vereist
from ketenpartners.selectors import bereikbaarheid_van
from ketenpartners.verzoek import Verzoek
from reintegratie.csvbestand import VeiligeSchrijver
from reintegratie.routers import lees_van_replica
from trajecten import access, services
from trajecten import selectors as trajectselectors
from trajecten.access import registreer_lijst

from . import cijfers, grafieken, selectors, tabellen
from .forms import CaseloadnormForm, CaseloadOverdrachtForm, FilterForm

ROLLEN = (Rol.STAFFUNCTIONARIS, Rol.HOOFD_DR)


def _filters(request: Verzoek) -> tuple[FilterForm, list]:
    inrichtingen = list(selectors.inrichtingen_in_regio(request.user))
    form = FilterForm(request.GET, inrichtingen=inrichtingen, vandaag=timezone.localdate())
    return form, inrichtingen


def _dashboard(
    request: Verzoek, form: FilterForm, delen: tuple[str, ...] = selectors.DELEN
) -> cijfers.Dashboard:
    """The figures, read from the replica when there is one (ADR 0027): counts only, and
    nothing here writes. The own PI's caseload is read through the door (`trajecten_voor_per_rij`),
    so it stays on the primary: a lagging copy must not count a case just restricted or moved."""
    kwargs = {
        "user": request.user,
        "periode": form.cleaned_data["periode"],
        "pi_id": form.cleaned_data["pi_id"],
        "vandaag": timezone.localdate(),
    }
    with lees_van_replica():
        figuren = selectors.dashboard(**kwargs, delen=tuple(d for d in delen if d != "caseload"))
    if "caseload" not in delen:
        return figuren
    eigen = selectors.dashboard(**kwargs, delen=("caseload",))
    return replace(figuren, caseload=eigen.caseload, zonder_casemanager=eigen.zonder_casemanager)


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
    """One table of the dashboard, with the page's filters, as the page shows it; only that
    table's figures are computed."""
    form, inrichtingen = _filters(request)
    if tabel not in tabellen.MAKERS:
        raise Http404
    if not form.is_valid():
        return _pagina(request, form, inrichtingen, status=400)
    dashboard = _dashboard(request, form, (selectors.TABEL_DEEL[tabel],))
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


ZONDER_BEREIK_PER_PAGINA = 50


@require_GET
@rol_vereist(*ROLLEN)
def zonder_bereik(request: Verzoek) -> HttpResponse:
    """'Gemeenten zonder bereik': the own PI's active cases whose gemeente nobody reads here,
    with how to reach it (issue 12). A fixed number of queries per page."""
    pagina = Paginator(selectors.zonder_bereik(request.user), ZONDER_BEREIK_PER_PAGINA).get_page(
        request.GET.get("pagina")
    )
    bereik = bereikbaarheid_van(t.gemeente_id for t in pagina if t.gemeente_id)
    for traject in pagina:
        traject.bereik = bereik.get(traject.gemeente_id or 0)  # type: ignore[attr-defined]
    registreer_lijst(request.user, [t.pk for t in pagina], url=request.path)
    return render(request, "dashboard/zonder_bereik.html", {"pagina": pagina})


def _van_id(waarde: str | None) -> int | None:
    try:
        return int(waarde) if waarde else None
    except ValueError:
        return None


def _meld_overgeslagen(request: Verzoek, aantal: int, namen: list[str]) -> None:
    melding = ngettext(
        "%(n)s traject is niet overgedragen: het is intussen gewijzigd of al overgedragen.",
        "%(n)s trajecten zijn niet overgedragen: ze zijn intussen gewijzigd of al overgedragen.",
        aantal,
    ) % {"n": aantal}
    if namen:
        melding += " " + _("Bekijk opnieuw: %(namen)s.") % {"namen": ", ".join(namen)}
    messages.warning(request, melding)


@require_http_methods(["GET", "POST"])
@rol_vereist(*ROLLEN)
def caseload_overdragen(request: Verzoek) -> HttpResponse:
    """Issue 12: choose the leaving casemanager (GET ?van=), their open cases all selected
    ("selectie=geen" clears them, without JavaScript), a receiver per case or for all, a
    confirmation step, then one call of `draag_caseload_over`."""
    bron = request.POST if request.method == "POST" else request.GET
    scherm = trajectselectors.overdrachtscherm(user=request.user, van_id=_van_id(bron.get("van")))
    context: dict = {"scherm": scherm}
    if scherm.van is None:
        if bron.get("van"):
            raise Http404
        return render(request, "dashboard/caseload_overdragen.html", context)
    access.registreer_lijst(request.user, [t.pk for t in scherm.trajecten], url=request.path)
    stap = request.POST.get("stap", "")
    form = CaseloadOverdrachtForm(
        request.POST if stap in ("controleren", "bevestigen") else None,
        van=scherm.van,
        trajecten=scherm.trajecten,
        ontvangers=scherm.ontvangers,
        alles_aan=request.GET.get("selectie") != "geen",
    )
    if request.method == "POST" and stap == "aanpassen":
        form = CaseloadOverdrachtForm(
            request.POST, van=scherm.van, trajecten=scherm.trajecten, ontvangers=scherm.ontvangers
        )
        form.errors.clear()  # back to the choices as they were typed, without complaints
        return render(request, "dashboard/caseload_overdragen.html", context | {"form": form})
    context["form"] = form
    getoond = {t.pk for t in scherm.trajecten}
    # Chosen on the screen but no longer this casemanager's open cases: moved or changed
    # meanwhile (a second click on "Overdragen", a colleague at the same moment).
    verdwenen = [
        k
        for k in request.POST
        if k.startswith("kies_") and k[5:].isdigit() and int(k[5:]) not in getoond
    ]
    if (
        stap == "bevestigen"
        and verdwenen
        and not any(f"kies_{pk}" in request.POST for pk in getoond)
    ):
        _meld_overgeslagen(request, len(verdwenen), [])
        return redirect(f"{reverse('dashboard:caseload_overdragen')}?van={scherm.van.pk}")
    if request.method == "GET" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(request, "dashboard/caseload_overdragen.html", context, status=status)
    if stap == "controleren":
        return render(request, "dashboard/caseload_bevestigen.html", context)
    try:
        resultaat = services.draag_caseload_over(
            acting_user=request.user,
            van=scherm.van,
            toewijzingen=form.cleaned_data["toewijzingen"],
            versies=form.cleaned_data["versies"],
        )
    except ValidationError as fout:
        for boodschappen in fout.message_dict.values():
            for boodschap in boodschappen:
                form.add_error(None, boodschap)
        return render(request, "dashboard/caseload_overdragen.html", context, status=400)
    if resultaat.verplaatst:
        messages.success(
            request,
            ngettext(
                "%(n)s traject van %(van)s is overgedragen.",
                "%(n)s trajecten van %(van)s zijn overgedragen.",
                len(resultaat.verplaatst),
            )
            % {"n": len(resultaat.verplaatst), "van": scherm.van.get_full_name()},
        )
    if resultaat.overgeslagen or verdwenen:
        _meld_overgeslagen(
            request,
            len(resultaat.overgeslagen) + len(verdwenen),
            [t.gedetineerde.korte_naam for t in resultaat.overgeslagen],
        )
    return redirect(f"{reverse('dashboard:caseload_overdragen')}?van={scherm.van.pk}")


@require_http_methods(["GET", "POST"])
@rol_vereist(*ROLLEN)
def caseloadnorm(request: Verzoek) -> HttpResponse:
    """The own PI's caseload norm (issue 12)."""
    pi = request.user.organisatie
    form = CaseloadnormForm(
        request.POST if request.method == "POST" else None,
        initial={"caseload_norm": pi.caseload_norm if pi else None},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.stel_caseloadnorm_in(
                acting_user=request.user, caseload_norm=form.cleaned_data["caseload_norm"]
            )
        except ValidationError as fout:
            form.add_error(None, fout)
        else:
            messages.success(request, _("De caseloadnorm is opgeslagen."))
            return redirect("dashboard:caseloadnorm")
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "dashboard/caseloadnorm.html",
        {"form": form, "pi": pi, "landelijk": settings.CASELOAD_NORM},
        status=status,
    )
