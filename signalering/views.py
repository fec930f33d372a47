from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from ketenpartners.rollen import Rol, rol_vereist
from ketenpartners.verzoek import Verzoek
from trajecten.access import registreer_lijst

from . import selectors, services


@require_GET
def meldingen(request: Verzoek) -> HttpResponse:
    notificaties = list(selectors.notificaties_voor(request.user)[:200])
    registreer_lijst(
        request.user, sorted({n.signalering.traject_id for n in notificaties}), url=request.path
    )
    return render(request, "signalering/meldingen.html", {"notificaties": notificaties})


@require_POST
def gelezen(request: Verzoek) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("notificatie") if i.isdigit()]
    services.markeer_gelezen(acting_user=request.user, notificatie_ids=ids or None)
    return redirect("signalering:meldingen")


@require_POST
def email_voorkeur(request: Verzoek) -> HttpResponse:
    aan = request.POST.get("email_meldingen") == "aan"
    services.zet_email_meldingen(acting_user=request.user, aan=aan)
    messages.success(
        request,
        _("U krijgt elke werkdag één e-mail met signaleringen.")
        if aan
        else _("U krijgt geen e-mail meer; de meldingen blijven hier zichtbaar."),
    )
    return redirect("signalering:meldingen")


@require_GET
@rol_vereist(Rol.STAFFUNCTIONARIS, Rol.HOOFD_DR)
def escalaties(request: Verzoek) -> HttpResponse:
    regels = selectors.escalaties(user=request.user, vandaag=timezone.localdate())
    registreer_lijst(
        request.user, sorted({sig.traject_id for sig, _oud in regels}), url=request.path
    )
    return render(
        request,
        "signalering/escalaties.html",
        {"regels": regels, "grens": settings.SIGNALERING_ESCALATIE_WERKDAGEN},
    )
