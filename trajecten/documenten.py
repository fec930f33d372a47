"""Documents of a trajectory to print or download: the informatieblad and the handover
("overdracht") as PDF, and the handover as a print view. Each reads the trajectory through the
access door with object_type "export", so every download is in the audit trail. File names carry
the trajectory number, never the detainee's name: downloads end up in mail and download folders.
"""

from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from ketenpartners.deelmatrix import GRONDSLAG_RISICOS, zicht
from ketenpartners.verzoek import Verzoek

from . import access, selectors
from .keuzes import IN_DETENTIE, Domein, Regie
from .models import Overdracht, Traject


def _traject(request: Verzoek, pk: int) -> Traject:
    return access.traject_voor_of_404(
        request.user,
        pk,
        queryset=selectors.voor_document(),
        url=request.path,
        object_type="export",
    )


def _overdracht_van(traject: Traject) -> Overdracht | None:
    try:
        return traject.overdracht
    except Overdracht.DoesNotExist:
        return None


def _overdracht_context(traject: Traject, user) -> dict:
    """The handover: who takes case direction and how to reach them, the judicial title, and per
    basisvoorwaarde its state on the release day, what the facts said then (trajecten.overdracht,
    frozen at release) and the casemanager's note; the readiness warnings accepted with their
    reason, and the known risks as far as the sharing matrix lets the reader see them (ADR 0011).
    Contact details come from the trajectory as it is now."""
    context = selectors.informatieblad(traject)
    overdracht = _overdracht_van(traject)
    uitkomsten = []
    if overdracht is not None:
        uitkomsten = sorted(
            overdracht.uitkomsten.all(), key=lambda u: Domein.values.index(u.domein)
        )
    context.update(
        {
            "overdracht": overdracht,
            "uitkomsten": uitkomsten,
            "regie_bij_reclassering": overdracht is not None
            and overdracht.regie_naar == Regie.RECLASSERING,
            "toon_risicos": "risicos" in zicht(user.rol).traject,
            "grondslag_risicos": GRONDSLAG_RISICOS,
        }
    )
    return context


def _voettekst(request: Verzoek, traject: Traject) -> str:
    return _("Traject %(nr)s · gemaakt op %(op)s door %(wie)s · vertrouwelijk (art. 18a Pbw)") % {
        "nr": traject.pk,
        "op": date_format(timezone.localtime(), "j F Y H:i"),
        "wie": request.user.get_full_name() or request.user.username,
    }


def _pdf_antwoord(request: Verzoek, traject: Traject, html: str, soort: str) -> HttpResponse:
    # Imported here: WeasyPrint loads the system's Pango, which only PDF requests need.
    from . import pdf

    inhoud = pdf.html_naar_pdf(html, voettekst=_voettekst(request, traject))
    bestandsnaam = f"{soort}-traject-{traject.pk}.pdf"
    response = HttpResponse(inhoud, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    return response


@never_cache
@require_GET
def informatieblad_pdf(request: Verzoek, pk: int) -> HttpResponse:
    """The informatieblad as on screen (trajecten/informatieblad.html), as PDF."""
    traject = _traject(request, pk)
    context = selectors.informatieblad_v2(traject, request.user)
    context.update(selectors.voorbereidingen_context(traject, request.user))
    html = render_to_string("trajecten/informatieblad.html", context)
    return _pdf_antwoord(request, traject, html, "informatieblad")


@never_cache
@require_GET
def overdracht(request: Verzoek, pk: int) -> HttpResponse:
    """The handover as a page to print. Before release it says there is no handover yet."""
    traject = _traject(request, pk)
    context = _overdracht_context(traject, request.user)
    context.update(selectors.voorbereidingen_context(traject, request.user))
    context["mag_registreren"] = (
        access.mag_traject_wijzigen(request.user, traject) and traject.fase in IN_DETENTIE
    )
    return render(request, "documenten/overdracht.html", context)


@never_cache
@require_GET
def overdracht_pdf(request: Verzoek, pk: int) -> HttpResponse:
    """The handover as PDF; 404 with the print view's 'Nog geen overdracht' before release."""
    traject = _traject(request, pk)
    context = _overdracht_context(traject, request.user)
    if context["overdracht"] is None:
        return render(request, "documenten/overdracht.html", context, status=404)
    context.update(selectors.voorbereidingen_context(traject, request.user))
    html = render_to_string("documenten/overdracht.html", context)
    return _pdf_antwoord(request, traject, html, "overdracht")
