"""'Wie doet wat': an action's status changed in place (htmx) or as a plain form, and the
partner's "Mijn acties" across its cases."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ketenpartners.rollen import rol_vereist
from ketenpartners.verzoek import Verzoek
from reintegratie.paginering import pagina_uit, paginanummer, plak

from .. import access, selectors, services
from ..forms import ActieStatusForm
from ._gedeeld import traject_met_recht

MIJN = "mijn"
ACTIES_PER_PAGINA = 50


@require_POST
def actie_status(request: Verzoek, pk: int, actie_pk: int) -> HttpResponse:
    """Seen the case but not holding the action: 403; not seeing the case: the door's 404."""
    traject = traject_met_recht(request, pk)
    actie = selectors.actie_van(traject, actie_pk)
    if not access.mag_actie_bijwerken(request.user, traject, actie):
        raise PermissionDenied
    form = ActieStatusForm(request.POST)
    vorige = actie.status
    opgeslagen = form.is_valid() and form.bewaar(
        services.zet_actiestatus, acting_user=request.user, actie=actie, **form.cleaned_data
    )
    if form.conflict is not None:
        actie = selectors.actie_van(traject, actie.pk)
    uit_mijn = request.POST.get("lijst") == MIJN
    if opgeslagen and not request.htmx:
        messages.success(
            request,
            _("Actie “%(wat)s”: %(status)s.")
            % {"wat": actie.omschrijving, "status": actie.get_status_display().lower()},
        )
        if uit_mijn:  # back to the page of Mijn acties the change was made on
            pagina = paginanummer(request.POST.get("pagina"))
            achter = f"?pagina={pagina}" if pagina > 1 else ""
            return redirect(reverse("trajecten:mijn_acties") + achter)
        return redirect(f"{traject.get_absolute_url()}#acties")
    vandaag = timezone.localdate()
    context = {
        "traject": traject,
        "regel": selectors.Actieregel(
            actie=actie,
            mag_wijzigen=True,
            te_laat=actie.loopt and bool(actie.uiterlijk_datum and actie.uiterlijk_datum < vandaag),
            gekozen="" if opgeslagen else request.POST.get("status", "")[:20],
            reden="" if opgeslagen else request.POST.get("vervallen_reden", "")[:300],
        ),
        "form": None if opgeslagen else form,
        "opgeslagen": bool(opgeslagen) and actie.status != vorige,
        "met_traject": uit_mijn,
        "pagina": paginanummer(request.POST.get("pagina")) if uit_mijn else None,
    }
    context["regels"] = [context["regel"]]
    template = "trajecten/_actie_rij.html" if request.htmx else "trajecten/actie_status.html"
    return render(request, template, context, status=200 if opgeslagen else 400)


@require_GET
@rol_vereist(*access.ACTIE_ROLLEN)
def mijn_acties(request: Verzoek) -> HttpResponse:
    """Fifty at a time, overdue first (issue 18): a PI holds hundreds of running actions at
    national volume, and the page costs what it shows. The number open is the navigation's
    (`lopende_acties`, trajecten.navigatie), not counted twice."""
    nummer = paginanummer(request.GET.get("pagina"))
    pagina = pagina_uit(
        selectors.mijn_acties(
            user=request.user,
            vandaag=timezone.localdate(),
            plak=plak(nummer, ACTIES_PER_PAGINA),
        ),
        nummer,
        ACTIES_PER_PAGINA,
    )
    regels = pagina.rijen
    access.registreer_lijst(
        request.user,
        sorted({r.actie.basisvoorwaarde.traject_id for r in regels}),
        url=request.path,
    )
    return render(
        request,
        "trajecten/mijn_acties.html",
        {
            "regels": regels,
            "met_traject": True,
            "pagina": pagina.nummer,
            "vorige": pagina.vorige,
            "volgende": pagina.volgende,
        },
    )
