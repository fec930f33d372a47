"""A basisvoorwaarde saved in place (htmx) or as a plain form, and its actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ketenpartners.deelmatrix import zicht
from ketenpartners.verzoek import Verzoek

from .. import access, selectors, services
from ..forms import (
    ActieForm,
    BasisvoorwaardeForm,
)
from ..keuzes import Domein
from ._gedeeld import traject_met_recht
from .voorbereidingen import paginacontext


def _basisvoorwaarde(request, pk, domein):
    if domein not in Domein.values:
        raise Http404
    traject = traject_met_recht(request, pk)
    bv = selectors.basisvoorwaarde_van(traject, domein)
    return traject, bv


@require_http_methods(["GET", "POST"])
def basisvoorwaarde(request: Verzoek, pk: int, domein: str) -> HttpResponse:
    traject, bv = _basisvoorwaarde(request, pk, domein)
    if not access.mag_voorwaarden_bijwerken(request.user, traject):
        raise PermissionDenied
    initial = {
        "versie": bv.versie,
        "status": bv.status,
        "hulpvraag": bv.hulpvraag,
        "notities": bv.notities,
        "uitvoerende_partner": bv.uitvoerende_partner_id,
    }
    form = BasisvoorwaardeForm(
        request.POST or None, initial=initial, traject=traject, zorg=domein == Domein.ZORG
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and form.bewaar(
            services.werk_basisvoorwaarde_bij,
            acting_user=request.user,
            basisvoorwaarde=bv,
            **form.cleaned_data,
        )
    ):
        if request.htmx:
            return render(
                request,
                "trajecten/_basisvoorwaarde.html",
                {
                    "zicht": zicht(request.user.rol),
                    "bv": bv,
                    "traject": traject,
                    "mag_voorwaarden_bijwerken": True,
                    "opgeslagen": True,
                },
            )
        messages.success(request, _("%(bv)s opgeslagen.") % {"bv": bv.get_domein_display()})
        return redirect(f"{traject.get_absolute_url()}#bv-{domein}")
    context = {
        "traject": traject,
        "bv": bv,
        "form": form,
        "actieform": ActieForm(traject=traject),
        "acties": selectors.acties_van(bv),
        **paginacontext(traject, bv),
    }
    template = (
        "trajecten/_basisvoorwaarde_form.html" if request.htmx else "trajecten/basisvoorwaarde.html"
    )
    return render(request, template, context, status=400 if form.errors else 200)


@require_POST
def actie_toevoegen(request: Verzoek, pk: int, domein: str) -> HttpResponse:
    traject, bv = _basisvoorwaarde(request, pk, domein)
    if not access.mag_voorwaarden_bijwerken(request.user, traject):
        raise PermissionDenied
    form = ActieForm(request.POST, traject=traject)
    if form.is_valid() and form.bewaar(
        services.voeg_actie_toe, acting_user=request.user, basisvoorwaarde=bv, **form.cleaned_data
    ):
        messages.success(request, _("Actie toegevoegd."))
        return redirect(f"{traject.get_absolute_url()}#bv-{domein}")
    context = {
        "traject": traject,
        "bv": bv,
        "actieform": form,
        "form": BasisvoorwaardeForm(
            initial={"versie": bv.versie, "status": bv.status, "hulpvraag": bv.hulpvraag},
            traject=traject,
        ),
        "acties": selectors.acties_van(bv),
        **paginacontext(traject, bv),
    }
    return render(request, "trajecten/basisvoorwaarde.html", context, status=400)
