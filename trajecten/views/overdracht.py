"""The handover that arrives (issue 12, ADR 0015): the concept handover prepared before release,
and release in two steps, the form and the check before sending (GOV.UK "check your answers").
The answers of the first step wait in the session until they are sent."""

from datetime import date

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ketenpartners.verzoek import Verzoek

from .. import access, selectors, services
from ..forms import OverdrachtConceptForm, UitstroomForm, VerstuurForm
from ..keuzes import IN_DETENTIE
from ._gedeeld import traject_met_recht
from .mijn_plan import mag_mijn_plan


def _sleutel(pk: int) -> str:
    return f"uitstroom:{pk}"


@require_http_methods(["GET", "POST"])
def overdracht_concept(request: Verzoek, pk: int) -> HttpResponse:
    """Prepare the handover: per basisvoorwaarde what the facts say, and a note where it adds
    something. Only for who may change the case; to everyone else it does not exist (404)."""
    traject = access.traject_voor_of_404(request.user, pk, url=request.path)
    if not access.mag_traject_wijzigen(request.user, traject):
        raise Http404
    if traject.fase not in IN_DETENTIE:
        return redirect("trajecten:document_overdracht", pk=traject.pk)
    concept = selectors.overdracht_concept(traject)
    venster_open = concept.vanaf is not None and timezone.localdate() >= concept.vanaf
    form = OverdrachtConceptForm(
        request.POST or None, regels=concept.regels, notities=concept.notities
    )
    if request.method == "POST" and form.is_valid():
        bewaard = form.bewaar_notities(
            services.bewaar_overdracht_notities, acting_user=request.user, traject=traject
        )
        if bewaard is not None:
            messages.success(request, _("Overdracht voorbereiden: opgeslagen."))
            return redirect("trajecten:overdracht_concept", pk=traject.pk)
    return render(
        request,
        "trajecten/overdracht_concept.html",
        {
            "traject": traject,
            "concept": concept,
            "venster_open": venster_open,
            "form": form,
            "regels": [(r, form.veld(r.domein)) for r in concept.regels],
            "mijn_plan_gemaakt": selectors.mijn_plan_gemaakt(traject),
            "mag_mijn_plan": mag_mijn_plan(request.user),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def uitstroom(request: Verzoek, pk: int) -> HttpResponse:
    """Step 1 of release: the day, the title, a note. Then the check before sending."""
    traject = traject_met_recht(request, pk, wijzigen=True)
    eerder = request.session.get(_sleutel(traject.pk), {})
    form = UitstroomForm(
        request.POST or None,
        initial={
            "versie": traject.versie,
            "uitstroom_datum": date.fromisoformat(eerder["uitstroom_datum"])
            if eerder.get("uitstroom_datum")
            else timezone.localdate(),
            "titel": eerder.get("titel", traject.titel),
            "toelichting": eerder.get("toelichting", ""),
        },
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        request.session[_sleutel(traject.pk)] = {
            "uitstroom_datum": d["uitstroom_datum"].isoformat(),
            "titel": d["titel"],
            "toelichting": d["toelichting"],
        }
        return redirect("trajecten:uitstroom_controleren", pk=traject.pk)
    return render(
        request,
        "trajecten/formulier.html",
        {
            "traject": traject,
            "form": form,
            "titel": _("Uitstroom en overdracht"),
            "knop": _("Verder: controleren"),
            "uitleg": _(
                "Stap 1 van 2. Daarna ziet u de overdracht zoals die verstuurd wordt, met wat "
                "nog ontbreekt, en verstuurt u hem."
            ),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def uitstroom_controleren(request: Verzoek, pk: int) -> HttpResponse:
    """Step 2 of release: the handover as it will be sent, each row with a "wijzigen" link, the
    readiness warnings, and the send button. Warnings are accepted with a reason. The version
    sent is the one this page showed, so fixing something through a "wijzigen" link and coming
    back is no conflict, while two sends of one page give one handover."""
    traject = traject_met_recht(request, pk, wijzigen=True)
    gegevens = request.session.get(_sleutel(traject.pk))
    if traject.fase not in IN_DETENTIE:
        request.session.pop(_sleutel(traject.pk), None)
        messages.info(request, _("Dit traject is al uitgestroomd: de overdracht is verstuurd."))
        return redirect("trajecten:document_overdracht", pk=traject.pk)
    if not gegevens:
        return redirect("trajecten:uitstroom", pk=traject.pk)
    controle = selectors.uitstroom_controle(traject, gegevens["titel"])
    form = VerstuurForm(
        request.POST if request.method == "POST" else None, initial={"versie": traject.versie}
    )
    if request.method == "POST" and form.is_valid():
        overdracht = form.bewaar(
            services.registreer_uitstroom,
            acting_user=request.user,
            traject=traject,
            versie=form.cleaned_data["versie"],
            uitstroom_datum=date.fromisoformat(gegevens["uitstroom_datum"]),
            titel=gegevens["titel"],
            toelichting=gegevens["toelichting"],
            toch_versturen=form.cleaned_data["toch_versturen"],
            reden=form.cleaned_data["reden"],
        )
        if overdracht is not None:
            request.session.pop(_sleutel(traject.pk), None)
            messages.success(
                request,
                _("De overdracht is verstuurd; de regie gaat naar %(regie)s.")
                % {"regie": overdracht.get_regie_naar_display().lower()},
            )
            return redirect(traject)
    return render(
        request,
        "trajecten/uitstroom_controleren.html",
        {
            "traject": traject,
            "gegevens": gegevens,
            "uitstroom_datum": date.fromisoformat(gegevens["uitstroom_datum"]),
            "titel_label": dict(UitstroomForm.base_fields["titel"].choices).get(  # type: ignore[attr-defined]
                gegevens["titel"], gegevens["titel"]
            ),
            "controle": controle,
            "form": form,
            "gegevens_url": reverse("trajecten:gegevens", args=[traject.pk]),
            "mijn_plan_gemaakt": selectors.mijn_plan_gemaakt(traject),
            "mag_mijn_plan": mag_mijn_plan(request.user),
        },
        status=400 if form.errors else 200,
    )
