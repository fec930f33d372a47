"""The form pages of a trajectory: contact, meetings, plan, gemeente, people involved, release."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ketenpartners.verzoek import Verzoek

from .. import access, ics, selectors, services
from ..forms import (
    BeperkingForm,
    ContactmomentForm,
    CorrectieForm,
    GegevensForm,
    GemeenteBereiktForm,
    GesprekForm,
    OverplaatsingForm,
    PlanForm,
    RisicoForm,
    TerugkeerForm,
    VaststellenForm,
    VerslagForm,
)
from ._gedeeld import formulierpagina, traject_met_recht


@require_http_methods(["GET", "POST"])
def contactmoment(request: Verzoek, pk: int) -> HttpResponse:
    traject = traject_met_recht(request, pk)
    if not access.mag_contact_vastleggen(request.user, traject):
        raise PermissionDenied
    form = ContactmomentForm(
        request.POST or None,
        traject=traject,
        eigen_organisatie=request.user.organisatie_id,
        initial={"datum": timezone.localdate()},
    )
    return formulierpagina(
        request,
        traject,
        form,
        _("Contactmoment vastleggen"),
        _("Contactmoment opslaan"),
        services.registreer_contactmoment,
        traject=traject,
    )


@require_http_methods(["GET", "POST"])
def gemeente_bereikt(request: Verzoek, pk: int) -> HttpResponse:
    """Record how a gemeente that does not use the app was reached (issue 12)."""
    traject = traject_met_recht(request, pk, bijwerken=True)
    form = GemeenteBereiktForm(request.POST or None, initial={"datum": timezone.localdate()})
    naam = traject.gemeente.naam if traject.gemeente else ""
    return formulierpagina(
        request,
        traject,
        form,
        _("Vastleggen hoe gemeente %(g)s is bereikt") % {"g": naam},
        _("Opslaan"),
        services.leg_gemeente_bereikt_vast,
        traject=traject,
    )


@require_http_methods(["GET", "POST"])
def gesprek_plannen(request: Verzoek, pk: int) -> HttpResponse:
    traject = traject_met_recht(request, pk, wijzigen=True)
    morgen = (timezone.localtime() + timedelta(days=1)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    form = GesprekForm(
        request.POST or None,
        traject=traject,
        initial={"soort": request.GET.get("soort", "startoverleg"), "gepland_op": morgen},
    )
    return formulierpagina(
        request,
        traject,
        form,
        _("Gesprek plannen"),
        _("Gesprek plannen"),
        services.plan_gesprek,
        traject=traject,
    )


@require_GET
def gesprek_ics(request: Verzoek, pk: int, gesprek_pk: int) -> HttpResponse:
    traject = traject_met_recht(request, pk)
    gesprek = selectors.gesprek_van(traject, gesprek_pk)
    response = HttpResponse(
        ics.uitnodiging(gesprek, request.build_absolute_uri(traject.get_absolute_url())),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="trajectgesprek-{gesprek.pk}.ics"'
    return response


@require_http_methods(["GET", "POST"])
def gesprek_verslag(request: Verzoek, pk: int, gesprek_pk: int) -> HttpResponse:
    traject = traject_met_recht(request, pk, wijzigen=True)
    gesprek = selectors.gesprek_van(traject, gesprek_pk)
    form = VerslagForm(
        request.POST or None,
        initial={"gehouden_datum": timezone.localdate(), "verslag": gesprek.verslag},
    )
    return formulierpagina(
        request,
        traject,
        form,
        _("Verslag van %(gesprek)s") % {"gesprek": gesprek},
        _("Verslag opslaan"),
        services.leg_gesprek_vast,
        gesprek=gesprek,
    )


@require_http_methods(["GET", "POST"])
def plan(request: Verzoek, pk: int) -> HttpResponse:
    traject = traject_met_recht(request, pk, wijzigen=True)
    p = traject.plan
    initial = {veld: getattr(p, veld) for veld in PlanForm.base_fields}
    form = PlanForm(request.POST or None, initial=initial)
    return formulierpagina(
        request,
        traject,
        form,
        _("D&R-plan bewerken"),
        _("Plan opslaan"),
        services.bewerk_plan,
        traject=traject,
    )


@require_http_methods(["GET", "POST"])
def plan_vaststellen(request: Verzoek, pk: int) -> HttpResponse:
    traject = traject_met_recht(request, pk, wijzigen=True)
    form = VaststellenForm(
        request.POST or None,
        initial={"versie": traject.plan.versie, "vastgesteld_datum": timezone.localdate()},
    )
    return formulierpagina(
        request,
        traject,
        form,
        _("D&R-plan vaststellen"),
        _("Plan vaststellen"),
        services.stel_plan_vast,
        traject=traject,
    )


@require_http_methods(["GET", "POST"])
def terugkeergemeente(request: Verzoek, pk: int) -> HttpResponse:
    traject = traject_met_recht(request, pk, wijzigen=True)
    form = TerugkeerForm(
        request.POST or None, initial={"gemeente": getattr(traject.gemeente, "pk", None)}
    )
    return formulierpagina(
        request,
        traject,
        form,
        _("Terugkeergemeente verifiëren"),
        _("Gemeente bevestigen"),
        services.verifieer_terugkeergemeente,
        traject=traject,
    )


@require_http_methods(["GET", "POST"])
def gegevens(request: Verzoek, pk: int) -> HttpResponse:
    traject = traject_met_recht(request, pk, wijzigen=True)
    velden = [
        "verwachte_uitstroom_datum",
        "casemanager",
        "mentor",
        "reclassering",
        "reclassering_team",
        "reclasseringswerker",
        "titel",
    ]
    initial = {v: getattr(traject, f"{v}_id", None) or getattr(traject, v) for v in velden}
    initial["versie"] = traject.versie
    form = GegevensForm(request.POST or None, initial=initial, traject=traject)
    return formulierpagina(
        request,
        traject,
        form,
        _("Gegevens en betrokkenen"),
        _("Gegevens opslaan"),
        services.werk_traject_bij,
        traject=traject,
    )


@require_http_methods(["GET", "POST"])
def beperken(request: Verzoek, pk: int) -> HttpResponse:
    """Restrict the case to the people who need it, or lift that (issue 17 item 6)."""
    traject = traject_met_recht(request, pk)
    if not services.mag_beperken(request.user, traject):
        raise PermissionDenied
    kandidaten = services.te_noemen(traject)
    initial = {
        "versie": traject.versie,
        "beperkt": traject.beperkt,
        "personen": list(traject.beperkt_tot.values_list("pk", flat=True))
        if traject.beperkt
        else [p for p in (traject.reclasseringswerker_id,) if p],
    }
    form = BeperkingForm(request.POST or None, initial=initial, kandidaten=kandidaten)
    return formulierpagina(
        request,
        traject,
        form,
        _("Beperkte toegang"),
        _("Toegang opslaan"),
        services.beperk_toegang,
        traject=traject,
    )


@require_http_methods(["GET", "POST"])
def risicos(request: Verzoek, pk: int) -> HttpResponse:
    """Known risks of violence or sexual offences (ADR 0011): the casemanager's small form."""
    traject = traject_met_recht(request, pk, wijzigen=True)
    initial = {
        "versie": traject.versie,
        "risico_geweld": traject.risico_geweld,
        "risico_zeden": traject.risico_zeden,
        "risico_toelichting": traject.risico_toelichting,
    }
    form = RisicoForm(request.POST or None, initial=initial)
    return formulierpagina(
        request,
        traject,
        form,
        _("Bekende risico's"),
        _("Risico's opslaan"),
        services.leg_risicos_vast,
        traject=traject,
    )


@require_http_methods(["GET", "POST"])
def corrigeren(request: Verzoek, pk: int) -> HttpResponse:
    """Correct what was typed at intake, with a reason (ADR 0009)."""
    traject = traject_met_recht(request, pk, wijzigen=True)
    persoon = traject.gedetineerde
    initial = {
        "binnenkomst_datum": traject.binnenkomst_datum,
        "voornamen": persoon.voornamen,
        "achternaam": persoon.achternaam,
        "geboortedatum": persoon.geboortedatum,
        "bsn": persoon.bsn,
        "lvb": traject.lvb,
        "lvb_toelichting": traject.lvb_toelichting,
        "communicatiebehoeften": traject.communicatiebehoeften,
    }
    form = CorrectieForm(
        request.POST or None,
        initial=initial,
        persoon_elders=services.persoon_elders_bekend(traject),
    )
    return formulierpagina(
        request,
        traject,
        form,
        _("Gegevens corrigeren"),
        _("Correctie opslaan"),
        services.corrigeer_gegevens,
        traject=traject,
    )


@require_http_methods(["GET", "POST"])
def overplaatsen(request: Verzoek, pk: int) -> HttpResponse:
    """Move the case to another PI. Afterwards this PI no longer sees it: back to the caseload."""
    traject = traject_met_recht(request, pk, wijzigen=True)
    form = OverplaatsingForm(
        request.POST or None, traject=traject, initial={"datum": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        overplaatsing = form.bewaar(
            services.plaats_over, acting_user=request.user, traject=traject, **form.cleaned_data
        )
        if overplaatsing is not None:
            messages.success(
                request,
                _("%(naam)s is overgeplaatst naar %(pi)s. Dit traject ziet u niet meer.")
                % {"naam": traject.gedetineerde.korte_naam, "pi": overplaatsing.naar_pi},
            )
            return redirect("trajecten:caseload")
    return render(
        request,
        "trajecten/formulier.html",
        {
            "traject": traject,
            "form": form,
            "titel": _("Overplaatsen naar een andere inrichting"),
            "knop": _("Overplaatsen"),
            "uitleg": _(
                "Na de overplaatsing ziet uw inrichting dit traject niet meer. De gemeente en de "
                "reclassering houden toegang en de gemeente krijgt een melding. Casemanager en "
                "mentor wijst de nieuwe inrichting toe."
            ),
        },
        status=400 if form.errors else 200,
    )
