"""'Mijn plan' (issue 15, ADR 0020): the person's own plan as a page to print and as PDF, for
the PI roles that may give it (casemanager, mentor). Everyone else gets the door's 404,
including partners who see the case: the plan is handed over by the PI. Each print view and
download is an export in the audit trail; the handover checklist shows the last one."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from audit.models import Auditactie
from audit.services import vastleggen
from ketenpartners.rollen import Rol
from ketenpartners.verzoek import Verzoek

from .. import access, selectors
from ..mijn_plan import EXPORT_OBJECT_TYPE
from ..models import Traject

# The roles of the issue: who works with the person inside and may hand them their plan.
MAG_MIJN_PLAN = frozenset({Rol.CASEMANAGER, Rol.MENTOR})


def mag_mijn_plan(user) -> bool:
    return user.rol in MAG_MIJN_PLAN


def _traject(request: Verzoek, pk: int, vorm: str) -> Traject:
    if not mag_mijn_plan(request.user):
        raise Http404
    traject = access.traject_voor_of_404(
        request.user,
        pk,
        queryset=selectors.voor_document(),
        url=request.path,
        object_type=EXPORT_OBJECT_TYPE,
    )
    return traject


def _export_vastleggen(request: Verzoek, traject: Traject, vorm: str) -> None:
    """Recorded once the page or PDF exists: a failed render is not a print (checklist)."""
    vastleggen(
        gebruiker=request.user,
        actie=Auditactie.EXPORT,
        traject_ids=[traject.pk],
        object_type=EXPORT_OBJECT_TYPE,
        url=request.path,
        toelichting=vorm,
    )


def _context(traject: Traject, user) -> dict:
    return {
        "traject": traject,
        "plan": selectors.mijn_plan(traject, user),
        "gemaakt_op": timezone.localdate(),
    }


@never_cache
@require_GET
def mijn_plan(request: Verzoek, pk: int) -> HttpResponse:
    """The plan as a page: large type, one idea per line, A4 in black and white when printed."""
    traject = _traject(request, pk, "afdrukweergave")
    response = render(request, "trajecten/mijn_plan.html", _context(traject, request.user))
    _export_vastleggen(request, traject, "afdrukweergave")
    return response


@never_cache
@require_GET
def mijn_plan_pdf(request: Verzoek, pk: int) -> HttpResponse:
    """The same page as PDF. The footer holds the date only: the paper is the person's."""
    # Imported here: WeasyPrint loads the system's Pango, which only PDF requests need.
    from .. import pdf

    traject = _traject(request, pk, "pdf")
    context = _context(traject, request.user)
    context["als_pdf"] = True
    html = render_to_string("trajecten/mijn_plan.html", context)
    voettekst = _("Mijn plan · gemaakt op %(op)s") % {
        "op": date_format(context["gemaakt_op"], "j F Y")
    }
    inhoud = pdf.html_naar_pdf(html, voettekst=voettekst)
    _export_vastleggen(request, traject, "pdf")
    response = HttpResponse(inhoud, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="mijn-plan-traject-{traject.pk}.pdf"'
    return response
