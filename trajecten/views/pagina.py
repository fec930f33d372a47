"""The caseload, intake, the trajectory page, the informatieblad and who read the file."""

from uuid import uuid4

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.selectors import regels_voor_traject
from ketenpartners.rollen import Rol
from ketenpartners.verzoek import Verzoek

from .. import access, selectors, services
from ..forms import (
    IntakeForm,
)
from ..keuzes import IN_DETENTIE, Fase
from ._gedeeld import traject_met_recht
from .mijn_plan import mag_mijn_plan


@require_GET
def caseload(request: Verzoek) -> HttpResponse:
    alleen_eigen = request.user.rol == Rol.CASEMANAGER and request.GET.get("alle") != "1"
    fase = request.GET.get("fase", "")
    regels = selectors.caseload(
        user=request.user,
        alleen_eigen=alleen_eigen,
        zoek=request.GET.get("zoek", "").strip()[:100],
        fase=fase if fase in Fase.values else "",
        alleen_te_laat=request.GET.get("te_laat") == "1",
    )
    access.registreer_lijst(request.user, [r.traject.pk for r in regels], url=request.path)
    context = {
        "regels": regels,
        "alleen_eigen": alleen_eigen,
        "aantal_eigen": selectors.aantal_in_caseload(user=request.user),
        "norm": selectors.caseloadnorm(user=request.user),
        "fasen": [(f.value, f.label) for f in Fase if f in IN_DETENTIE],
        "mag_opnemen": access.mag_opnemen(request.user),
    }
    template = "trajecten/_caseload_tabel.html" if request.htmx else "trajecten/caseload.html"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def intake(request: Verzoek) -> HttpResponse:
    """Step 1: the form. Step 2, only when the BSN is of a known person: "Is dit dezelfde
    persoon?", showing what the user typed and the user's own earlier cases of that person,
    nothing else (ADR 0009). "Aanpassen" goes back to step 1 with everything kept."""
    if not access.mag_opnemen(request.user):
        raise PermissionDenied
    gegevens = request.POST.copy() if request.method == "POST" else None
    aanpassen = gegevens is not None and "aanpassen" in gegevens
    if gegevens is not None and aanpassen:
        gegevens["bevestigd_bsn"] = ""
    form = IntakeForm(gegevens, pi=request.user.organisatie, initial={"intake_sleutel": uuid4()})
    if gegevens is not None and not aanpassen and form.is_valid():
        try:
            traject = form.bewaar(
                services.neem_op, acting_user=request.user, **form.service_kwargs()
            )
        except services.BestaandePersoon as vraag:
            eigen = selectors.eigen_trajecten_met_bsn(
                user=request.user, bsn=form.cleaned_data["bsn"]
            )
            access.registreer_lijst(request.user, [t.pk for t in eigen], url=request.path)
            return render(
                request,
                "trajecten/intake_bevestigen.html",
                {"form": form, "vraag": str(vraag), "eigen": eigen},
            )
        if traject:
            messages.success(
                request, _("Traject aangemaakt voor %(naam)s.") % {"naam": traject.gedetineerde}
            )
            return redirect(traject)
    return render(
        request, "trajecten/intake.html", {"form": form}, status=400 if form.errors else 200
    )


@require_GET
def detail(request: Verzoek, pk: int) -> HttpResponse:
    traject = access.traject_voor_of_404(
        request.user, pk, queryset=selectors.voor_trajectpagina(), url=request.path
    )
    context = selectors.trajectpagina(traject, request.user, timezone.localdate())
    context["mag_beperken"] = services.mag_beperken(request.user, traject)
    context["mag_mijn_plan"] = mag_mijn_plan(request.user)
    return render(request, "trajecten/detail.html", context)


@require_GET
def informatieblad(request: Verzoek, pk: int) -> HttpResponse:
    traject = access.traject_voor_of_404(
        request.user, pk, queryset=selectors.voor_document(), url=request.path
    )
    context = selectors.informatieblad_v2(traject, request.user)
    context.update(selectors.voorbereidingen_context(traject, request.user))
    return render(request, "trajecten/informatieblad.html", context)


@require_POST
def informatieblad_delen(request: Verzoek, pk: int) -> HttpResponse:
    traject = traject_met_recht(request, pk, bijwerken=True)
    try:
        gedeeld = services.deel_informatieblad(acting_user=request.user, traject=traject)
        bereik = gedeeld.bereik  # type: ignore[attr-defined]
        if bereik.in_app:
            messages.success(
                request,
                _("Informatieblad beschikbaar gesteld aan %(gemeente)s.")
                % {"gemeente": gedeeld.gemeente},
            )
        else:
            messages.warning(
                request,
                _("Klaargezet voor %(g)s — nog niemand bereikt. %(uitleg)s %(hoe)s")
                % {
                    "g": gedeeld.gemeente.naam,
                    "uitleg": bereik.uitleg(gedeeld.gemeente),
                    "hoe": bereik.hoe_bereiken,
                },
            )
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    return redirect(traject)


@require_GET
def inzage(request: Verzoek, pk: int) -> HttpResponse:
    """'Wie heeft dit dossier ingezien': for the PI staff who may change the case."""
    traject = traject_met_recht(request, pk, wijzigen=True)
    return render(
        request,
        "audit/inzage.html",
        {"traject": traject, "regels": regels_voor_traject(traject_id=traject.pk)},
    )
