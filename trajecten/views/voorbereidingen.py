"""Release preparations on the basisvoorwaarde page (issue 11): added from the catalogue with a
plain form, updated in place with htmx or, without JavaScript, on a form page of their own."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ketenpartners.verzoek import Verzoek

from .. import access, selectors, services
from ..forms import ActieForm, BasisvoorwaardeForm, VoorbereidingForm, VoorbereidingToevoegenForm
from ..keuzes import Domein
from ..models import Basisvoorwaarde, Traject
from ._gedeeld import traject_met_recht


def toevoegformulier(
    traject: Traject, bv: Basisvoorwaarde, data=None
) -> VoorbereidingToevoegenForm:
    return VoorbereidingToevoegenForm(
        data, prefix="vb", traject=traject, soorten=selectors.nog_te_kiezen_soorten(bv)
    )


def paginacontext(traject: Traject, bv: Basisvoorwaarde, toevoegen=None) -> dict:
    """What the basisvoorwaarde page shows of the preparations."""
    return {
        "voorbereidingen": selectors.voorbereidingen_van_basisvoorwaarde(bv),
        "voorbereidingform": toevoegen or toevoegformulier(traject, bv),
    }


@require_POST
def voorbereiding_toevoegen(request: Verzoek, pk: int, domein: str) -> HttpResponse:
    if domein not in Domein.values:
        raise Http404
    traject = traject_met_recht(request, pk, bijwerken=True)
    bv = selectors.basisvoorwaarde_van(traject, domein)
    form = toevoegformulier(traject, bv, request.POST)
    if form.is_valid() and (
        voorbereiding := form.bewaar(
            services.voeg_voorbereiding_toe,
            acting_user=request.user,
            basisvoorwaarde=bv,
            **form.cleaned_data,
        )
    ):
        messages.success(request, _("%(soort)s toegevoegd.") % {"soort": voorbereiding.soort})
        return redirect(f"{bv_url(traject, domein)}#voorbereidingen")
    context = {
        "traject": traject,
        "bv": bv,
        "form": BasisvoorwaardeForm(
            initial={"versie": bv.versie, "status": bv.status, "hulpvraag": bv.hulpvraag},
            traject=traject,
        ),
        "actieform": ActieForm(traject=traject),
        "acties": selectors.acties_van(bv),
        **paginacontext(traject, bv, form),
    }
    return render(request, "trajecten/basisvoorwaarde.html", context, status=400)


def bv_url(traject: Traject, domein: str) -> str:
    return reverse("trajecten:basisvoorwaarde", args=[traject.pk, domein])


@require_http_methods(["GET", "POST"])
def voorbereiding(request: Verzoek, pk: int, domein: str, vpk: int) -> HttpResponse:
    """One preparation: the PI updates any, the gemeente or reclassering the ones it arranges."""
    if domein not in Domein.values:
        raise Http404
    traject = traject_met_recht(request, pk)
    bv = selectors.basisvoorwaarde_van(traject, domein)
    v = selectors.voorbereiding_van(bv, vpk)
    if not services.mag_voorbereiding_bijwerken(request.user, v):
        raise PermissionDenied
    pi = access.mag_voorwaarden_bijwerken(request.user, traject)
    form = VoorbereidingForm(
        request.POST or None,
        prefix=f"vb{v.pk}",
        traject=traject,
        eigenaar_kiezen=pi,
        initial={
            "versie": v.versie,
            "status": v.status,
            "organisatie": v.organisatie_id,
            "aangevraagd_datum": v.aangevraagd_datum,
            "verwacht_datum": v.verwacht_datum,
            "gereed_datum": v.gereed_datum,
            "toelichting": v.toelichting,
        },
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and form.bewaar(
            services.werk_voorbereiding_bij,
            acting_user=request.user,
            voorbereiding=v,
            **form.cleaned_data,
        )
    ):
        if request.htmx:
            return render(
                request,
                "trajecten/_voorbereiding.html",
                {"v": v, "traject": traject, "bv": bv, "bewerkbaar": True, "opgeslagen": True},
            )
        messages.success(request, _("%(soort)s opgeslagen.") % {"soort": v.soort})
        terug = bv_url(traject, domein) if pi else traject.get_absolute_url()
        return redirect(f"{terug}#voorbereidingen")
    context = {"traject": traject, "bv": bv, "v": v, "form": form}
    if request.htmx:
        template = "trajecten/_voorbereiding_form.html"
    else:
        template = "trajecten/formulier.html"
        context.update(
            {
                "titel": _("%(soort)s bijwerken") % {"soort": v.soort},
                "knop": _("Opslaan"),
            }
        )
    return render(request, template, context, status=400 if form.errors else 200)
