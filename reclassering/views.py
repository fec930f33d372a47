"""The reclassering's client list and its D&R-advies beside the plan."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ketenpartners.rollen import Rol, rol_vereist
from ketenpartners.verzoek import Verzoek
from reintegratie.paginering import paginanummer
from trajecten import access

from . import selectors, services
from .forms import AdviesForm


@require_GET
@rol_vereist(Rol.RECLASSERINGSWERKER)
def clienten(request: Verzoek) -> HttpResponse:
    alleen_eigen = request.GET.get("alle") != "1"
    ook_oud = request.GET.get("oud") == "1"
    zoek = request.GET.get("zoek", "").strip()[:100]
    pagina = selectors.clienten(
        user=request.user,
        alleen_eigen=alleen_eigen,
        zoek=zoek,
        pagina=paginanummer(request.GET.get("pagina")),
        ook_lang_uitgestroomd=ook_oud,
    )
    access.registreer_lijst(request.user, [t.pk for t in pagina.rijen], url=request.path)
    return render(
        request,
        "reclassering/clienten.html",
        {
            "pagina": pagina,
            # The organisation's whole list is paged without a count (issue 18).
            "aantal": selectors.aantal_eigen(
                user=request.user, zoek=zoek, ook_lang_uitgestroomd=ook_oud
            )
            if alleen_eigen
            else None,
            "alleen_eigen": alleen_eigen,
            "ook_oud": ook_oud,
            "recent_dagen": selectors.RECENT_UITGESTROOMD.days,
        },
    )


@require_http_methods(["GET", "POST"])
@rol_vereist(Rol.RECLASSERINGSWERKER)
def advies(request: Verzoek, pk: int) -> HttpResponse:
    traject = access.traject_voor_of_404(request.user, pk, url=request.path)
    form = AdviesForm(request.POST or None)
    bewaard = (
        request.method == "POST"
        and form.is_valid()
        and form.bewaar(
            services.schrijf_advies,
            acting_user=request.user,
            traject=traject,
            **form.cleaned_data,
        )
    )
    if bewaard:
        messages.success(request, _("Uw D&R-advies staat nu naast het plan."))
        return redirect(f"{traject.get_absolute_url()}#plan")
    return render(
        request,
        "reclassering/advies.html",
        {"traject": traject, "form": form},
        status=400 if form.errors else 200,
    )
