"""The casemanager's screens. Every view reads through the access door (trajecten.access) and
writes through one service; forms work as plain POST, and htmx swaps fragments in place."""

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from audit.selectors import regels_voor_traject
from ketenpartners.rollen import Rol

from . import access, ics, selectors, services
from .forms import (
    ActieForm,
    BasisvoorwaardeForm,
    ContactmomentForm,
    GegevensForm,
    GesprekForm,
    IntakeForm,
    PlanForm,
    TerugkeerForm,
    UitstroomForm,
    VaststellenForm,
    VerslagForm,
)
from .keuzes import IN_DETENTIE, Domein, Fase
from .models import Basisvoorwaarde, Trajectgesprek


def _traject(request, pk, *, wijzigen=False, bijwerken=False):
    traject = access.traject_voor_of_404(request.user, pk, url=request.path)
    if wijzigen and not access.mag_traject_wijzigen(request.user, traject):
        raise PermissionDenied
    if bijwerken and not access.mag_voorwaarden_bijwerken(request.user, traject):
        raise PermissionDenied
    return traject


@require_GET
def caseload(request: HttpRequest) -> HttpResponse:
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
        "norm": settings.CASELOAD_NORM,
        "fasen": [(f.value, f.label) for f in Fase if f in IN_DETENTIE],
        "mag_opnemen": access.mag_opnemen(request.user),
    }
    template = "trajecten/_caseload_tabel.html" if request.htmx else "trajecten/caseload.html"
    return render(request, template, context)


@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest) -> HttpResponse:
    if not access.mag_opnemen(request.user):
        raise PermissionDenied
    form = IntakeForm(request.POST or None, pi=request.user.organisatie)
    if request.method == "POST" and form.is_valid():
        traject = form.bewaar(services.neem_op, acting_user=request.user, **form.cleaned_data)
        if traject:
            messages.success(
                request, _("Traject aangemaakt voor %(naam)s.") % {"naam": traject.gedetineerde}
            )
            return redirect(traject)
    return render(
        request, "trajecten/intake.html", {"form": form}, status=400 if form.errors else 200
    )


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    traject = access.traject_voor_of_404(
        request.user, pk, queryset=selectors.voor_trajectpagina(), url=request.path
    )
    return render(
        request,
        "trajecten/detail.html",
        selectors.trajectpagina(traject, request.user, timezone.localdate()),
    )


def _basisvoorwaarde(request, pk, domein):
    if domein not in Domein.values:
        raise Http404
    traject = _traject(request, pk)
    bv = get_object_or_404(
        Basisvoorwaarde.objects.select_related("uitvoerende_partner", "gewijzigd_door"),
        traject=traject,
        domein=domein,
    )
    return traject, bv


@require_http_methods(["GET", "POST"])
def basisvoorwaarde(request: HttpRequest, pk: int, domein: str) -> HttpResponse:
    traject, bv = _basisvoorwaarde(request, pk, domein)
    if not access.mag_voorwaarden_bijwerken(request.user, traject):
        raise PermissionDenied
    initial = {
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
        "acties": bv.acties.select_related("organisatie"),
    }
    template = (
        "trajecten/_basisvoorwaarde_form.html" if request.htmx else "trajecten/basisvoorwaarde.html"
    )
    return render(request, template, context, status=400 if form.errors else 200)


@require_POST
def actie_toevoegen(request: HttpRequest, pk: int, domein: str) -> HttpResponse:
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
            initial={"status": bv.status, "hulpvraag": bv.hulpvraag}, traject=traject
        ),
        "acties": bv.acties.select_related("organisatie"),
    }
    return render(request, "trajecten/basisvoorwaarde.html", context, status=400)


def _formulierpagina(request, traject, form, titel, knop, service, /, **kwargs):
    if request.method == "POST" and form.is_valid():
        resultaat = form.bewaar(service, acting_user=request.user, **kwargs, **form.cleaned_data)
        if resultaat is not None:
            messages.success(request, _("%(titel)s: opgeslagen.") % {"titel": titel})
            return redirect(traject)
    return render(
        request,
        "trajecten/formulier.html",
        {"traject": traject, "form": form, "titel": titel, "knop": knop},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def contactmoment(request: HttpRequest, pk: int) -> HttpResponse:
    traject = _traject(request, pk)
    if not access.mag_contact_vastleggen(request.user, traject):
        raise PermissionDenied
    form = ContactmomentForm(
        request.POST or None,
        traject=traject,
        eigen_organisatie=request.user.organisatie_id,
        initial={"datum": timezone.localdate()},
    )
    return _formulierpagina(
        request,
        traject,
        form,
        _("Contactmoment vastleggen"),
        _("Contactmoment opslaan"),
        services.registreer_contactmoment,
        traject=traject,
    )


@require_http_methods(["GET", "POST"])
def gesprek_plannen(request: HttpRequest, pk: int) -> HttpResponse:
    traject = _traject(request, pk, wijzigen=True)
    morgen = (timezone.localtime() + timedelta(days=1)).replace(
        hour=10, minute=0, second=0, microsecond=0
    )
    form = GesprekForm(
        request.POST or None,
        traject=traject,
        initial={"soort": request.GET.get("soort", "startoverleg"), "gepland_op": morgen},
    )
    return _formulierpagina(
        request,
        traject,
        form,
        _("Gesprek plannen"),
        _("Gesprek plannen"),
        services.plan_gesprek,
        traject=traject,
    )


@require_GET
def gesprek_ics(request: HttpRequest, pk: int, gesprek_pk: int) -> HttpResponse:
    traject = _traject(request, pk)
    gesprek = get_object_or_404(
        Trajectgesprek.objects.prefetch_related("organisaties"), traject=traject, pk=gesprek_pk
    )
    response = HttpResponse(
        ics.uitnodiging(gesprek, request.build_absolute_uri(traject.get_absolute_url())),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="trajectgesprek-{gesprek.pk}.ics"'
    return response


@require_http_methods(["GET", "POST"])
def gesprek_verslag(request: HttpRequest, pk: int, gesprek_pk: int) -> HttpResponse:
    traject = _traject(request, pk, wijzigen=True)
    gesprek = get_object_or_404(Trajectgesprek, traject=traject, pk=gesprek_pk)
    form = VerslagForm(
        request.POST or None,
        initial={"gehouden_datum": timezone.localdate(), "verslag": gesprek.verslag},
    )
    return _formulierpagina(
        request,
        traject,
        form,
        _("Verslag van %(gesprek)s") % {"gesprek": gesprek},
        _("Verslag opslaan"),
        services.leg_gesprek_vast,
        gesprek=gesprek,
    )


@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    traject = _traject(request, pk, wijzigen=True)
    p = traject.plan
    initial = {veld: getattr(p, veld) for veld in PlanForm.base_fields}
    form = PlanForm(request.POST or None, initial=initial)
    return _formulierpagina(
        request,
        traject,
        form,
        _("D&R-plan bewerken"),
        _("Plan opslaan"),
        services.bewerk_plan,
        traject=traject,
    )


@require_http_methods(["GET", "POST"])
def plan_vaststellen(request: HttpRequest, pk: int) -> HttpResponse:
    traject = _traject(request, pk, wijzigen=True)
    form = VaststellenForm(
        request.POST or None, initial={"vastgesteld_datum": timezone.localdate()}
    )
    return _formulierpagina(
        request,
        traject,
        form,
        _("D&R-plan vaststellen"),
        _("Plan vaststellen"),
        services.stel_plan_vast,
        traject=traject,
    )


@require_http_methods(["GET", "POST"])
def terugkeergemeente(request: HttpRequest, pk: int) -> HttpResponse:
    traject = _traject(request, pk, wijzigen=True)
    form = TerugkeerForm(
        request.POST or None, initial={"gemeente": getattr(traject.gemeente, "pk", None)}
    )
    return _formulierpagina(
        request,
        traject,
        form,
        _("Terugkeergemeente verifiëren"),
        _("Gemeente bevestigen"),
        services.verifieer_terugkeergemeente,
        traject=traject,
    )


@require_http_methods(["GET", "POST"])
def gegevens(request: HttpRequest, pk: int) -> HttpResponse:
    traject = _traject(request, pk, wijzigen=True)
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
    form = GegevensForm(request.POST or None, initial=initial, traject=traject)
    return _formulierpagina(
        request,
        traject,
        form,
        _("Gegevens en betrokkenen"),
        _("Gegevens opslaan"),
        services.werk_traject_bij,
        traject=traject,
    )


@require_http_methods(["GET", "POST"])
def uitstroom(request: HttpRequest, pk: int) -> HttpResponse:
    traject = _traject(request, pk, wijzigen=True)
    form = UitstroomForm(
        request.POST or None,
        initial={"uitstroom_datum": timezone.localdate(), "titel": traject.titel},
    )
    return _formulierpagina(
        request,
        traject,
        form,
        _("Uitstroom en overdracht"),
        _("Uitstroom registreren"),
        services.registreer_uitstroom,
        traject=traject,
    )


@require_GET
def informatieblad(request: HttpRequest, pk: int) -> HttpResponse:
    traject = _traject(request, pk)
    return render(request, "trajecten/informatieblad.html", selectors.informatieblad(traject))


@require_POST
def informatieblad_delen(request: HttpRequest, pk: int) -> HttpResponse:
    traject = _traject(request, pk, bijwerken=True)
    try:
        gedeeld = services.deel_informatieblad(acting_user=request.user, traject=traject)
        messages.success(
            request,
            _("Informatieblad beschikbaar gesteld aan %(gemeente)s.")
            % {"gemeente": gedeeld.gemeente},
        )
    except ValidationError as fout:
        messages.error(request, " ".join(fout.messages))
    return redirect(traject)


@require_GET
def inzage(request: HttpRequest, pk: int) -> HttpResponse:
    """'Wie heeft dit dossier ingezien': for the PI staff who may change the case."""
    traject = _traject(request, pk, wijzigen=True)
    return render(
        request,
        "audit/inzage.html",
        {"traject": traject, "regels": regels_voor_traject(traject_id=traject.pk)},
    )
