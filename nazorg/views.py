"""The nazorgcoördinator's day: the inbox of incoming detentions, taking a case on, the
gemeente's own actions and its contact point."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketenpartners import services as ketendiensten
from ketenpartners.rollen import Rol, rol_vereist
from ketenpartners.selectors import contactpunten_van
from ketenpartners.verzoek import Verzoek
from trajecten import access
from trajecten import services as trajectdiensten
from trajecten.selectors import markeer_naamgenoten

from . import selectors, services
from .forms import (
    SUGGESTIES,
    ContactpuntForm,
    GemeenteActieForm,
    NietOnzeGemeenteForm,
    OppakkenForm,
)


def _terug(request) -> str:
    """Back to the inbox page the user came from; only a path of this site."""
    terug = request.POST.get("terug", "")
    if url_has_allowed_host_and_scheme(
        terug, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return terug
    return reverse("nazorg:inbox")


@require_GET
@rol_vereist(Rol.NAZORGCOORDINATOR)
def inbox(request: Verzoek) -> HttpResponse:
    filters = selectors.Filters(
        status=request.GET.get("status", ""),
        zoek=request.GET.get("zoek", "").strip()[:100],
        binnenkort=request.GET.get("binnenkort") == "1",
        na_detentie=request.GET.get("na_detentie") == "1",
        sorteer=request.GET.get("sorteer", "urgentie"),
        nazorg=request.GET.get("nazorg", ""),
    )
    pagina = selectors.inbox(
        user=request.user, filters=filters, pagina=request.GET.get("pagina", 1)
    )
    access.registreer_lijst(request.user, [t.pk for t in pagina], url=request.path)
    punten = selectors.pi_contactpunten(pagina)
    for traject in pagina:
        traject.pi_punten = punten[traject.pi_id]
    selectors.met_statussen(pagina)
    markeer_naamgenoten(t.gedetineerde for t in pagina)
    context: dict[str, Any] = {
        "pagina": pagina,
        "inrichtingen": selectors.pi_s_met_contactpunten(pagina, punten),
        "filters": filters,
        "tellingen": selectors.tellingen(user=request.user),
        "querystring": request.GET.copy(),
        "vandaag": timezone.localdate(),
    }
    context["querystring"].pop("pagina", None)
    template = "nazorg/_inbox_tabel.html" if request.htmx else "nazorg/inbox.html"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
@rol_vereist(Rol.NAZORGCOORDINATOR)
def oppakken(request: Verzoek, pk: int) -> HttpResponse:
    traject = access.traject_voor_of_404(request.user, pk, url=request.path)
    form = OppakkenForm(request.POST or None, collega_s=selectors.collega_s(user=request.user))
    if request.method == "POST" and form.is_valid():
        door = form.cleaned_data["door"]
        if form.bewaar(services.pak_op, acting_user=request.user, traject=traject, door=door):
            wie = door or request.user
            messages.success(request, _("Opgepakt door %(wie)s.") % {"wie": wie})
            return redirect(_terug(request))
    return render(
        request,
        "nazorg/oppakken.html",
        {"traject": traject, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@rol_vereist(Rol.NAZORGCOORDINATOR)
def gemeente_actie(request: Verzoek, pk: int) -> HttpResponse:
    traject = access.traject_voor_of_404(request.user, pk, url=request.path)
    form = GemeenteActieForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        bv = traject.basisvoorwaarden.get(domein=form.cleaned_data["domein"])
        actie = form.bewaar(
            trajectdiensten.voeg_actie_toe,
            acting_user=request.user,
            basisvoorwaarde=bv,
            omschrijving=form.cleaned_data["omschrijving"],
            organisatie=request.user.organisatie,
            uiterlijk_datum=form.cleaned_data["uiterlijk_datum"],
        )
        if actie:
            messages.success(request, _("Actie van de gemeente vastgelegd."))
            return redirect(traject)
    return render(
        request,
        "nazorg/actie.html",
        {"traject": traject, "form": form, "suggesties": SUGGESTIES},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@rol_vereist(Rol.NAZORGCOORDINATOR)
def contactpunt(request: Verzoek) -> HttpResponse:
    """Keep the gemeente's own contact point up to date: the report found nobody knows whom
    to call at a gemeente."""
    huidig = (
        contactpunten_van(organisatie=request.user.organisatie).filter(team__isnull=True).first()
    )
    initial = (
        {}
        if huidig is None
        else {
            v: getattr(huidig, v)
            for v in ("naam", "telefoon", "email", "bereikbaarheid", "notities")
        }
    )
    form = ContactpuntForm(
        request.POST or None, initial=initial or {"naam": _("Nazorg gedetineerden")}
    )
    if request.method == "POST" and form.is_valid():
        try:
            if huidig is None:
                # A role comes with an organisation (medewerker_met_rol_heeft_organisatie).
                assert request.user.organisatie is not None
                ketendiensten.zet_contactpunt(
                    acting_user=request.user,
                    organisatie=request.user.organisatie,
                    **form.cleaned_data,
                )
            else:
                ketendiensten.werk_contactpunt_bij(
                    acting_user=request.user, contactpunt=huidig, **form.cleaned_data
                )
        except ValidationError as fout:
            for veld, teksten in fout.message_dict.items():
                form.add_error(veld if veld in form.fields else None, teksten)
        else:
            messages.success(request, _("Contactpunt bijgewerkt: ketenpartners zien het meteen."))
            return redirect("nazorg:inbox")
    return render(
        request, "nazorg/contactpunt.html", {"form": form}, status=400 if form.errors else 200
    )


@require_POST
@rol_vereist(Rol.NAZORGCOORDINATOR)
def gezien(request: Verzoek, pk: int) -> HttpResponse:
    """The gemeente acknowledges the incoming detention ('Gezien'), from the inbox or from the
    trajectory page; back to where it was pressed."""
    traject = access.traject_voor_of_404(request.user, pk, url=request.path)
    services.bevestig_ontvangst(acting_user=request.user, traject=traject)
    messages.success(request, _("Vastgelegd dat uw gemeente deze detentie heeft gezien."))
    return redirect(_terug(request))


@require_http_methods(["GET", "POST"])
@rol_vereist(Rol.NAZORGCOORDINATOR)
def niet_onze_gemeente(request: Verzoek, pk: int) -> HttpResponse:
    """'Niet onze gemeente': a reason and, if known, the right gemeente. Afterwards this gemeente
    no longer sees the case, so the user goes back to the inbox."""
    traject = access.traject_voor_of_404(request.user, pk, url=request.path)
    form = NietOnzeGemeenteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        antwoord = form.bewaar(
            services.meld_niet_onze_gemeente,
            acting_user=request.user,
            traject=traject,
            **form.cleaned_data,
        )
        if antwoord:
            if antwoord.juiste_gemeente:
                tekst = _(
                    "Gemeld: niet uw inwoner. Gemeente %(g)s ziet het traject nu; de "
                    "casemanager controleert de terugkeergemeente."
                ) % {"g": antwoord.juiste_gemeente.naam}
            else:
                tekst = _(
                    "Gemeld: niet uw inwoner. De casemanager zoekt de juiste gemeente; uw "
                    "gemeente ziet het traject niet meer."
                )
            messages.success(request, tekst)
            return redirect("nazorg:inbox")
    return render(
        request,
        "nazorg/niet_onze_gemeente.html",
        {"traject": traject, "form": form},
        status=400 if form.errors else 200,
    )
