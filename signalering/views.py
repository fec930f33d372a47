from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ketenpartners.rollen import Rol, rol_vereist
from ketenpartners.verzoek import Verzoek
from reintegratie.paginering import pagina_van, paginanummer
from trajecten.access import registreer_lijst

from . import selectors, services
from .forms import MeldingsvoorkeurenForm

MELDINGEN_PER_PAGINA = 50


@require_GET
def meldingen(request: Verzoek) -> HttpResponse:
    """Fifty at a time, unread first: the page costs what it shows, not how many notifications
    a person gathered in a year (issue 18). One row more than shown tells whether there are
    older ones; no count."""
    pagina = pagina_van(
        selectors.notificaties_voor(request.user),
        paginanummer(request.GET.get("pagina")),
        MELDINGEN_PER_PAGINA,
    )
    notificaties = pagina.rijen
    registreer_lijst(request.user, sorted({n.traject_id for n in notificaties}), url=request.path)
    return render(
        request,
        "signalering/meldingen.html",
        {
            "notificaties": notificaties,
            "pagina": pagina.nummer,
            "vorige": pagina.vorige,
            "volgende": pagina.volgende,
        },
    )


@require_POST
def gelezen(request: Verzoek) -> HttpResponse:
    ids = [int(i) for i in request.POST.getlist("notificatie") if i.isdecimal() and len(i) < 19]
    services.markeer_gelezen(acting_user=request.user, notificatie_ids=ids or None)
    return redirect("signalering:meldingen")


@require_http_methods(["GET", "POST"])
def instellingen(request: Verzoek) -> HttpResponse:
    """Per kind of notification: in the app only, in the daily e-mail, or at once by e-mail.
    Every logged-in person sets their own."""
    if request.method == "POST":
        form = MeldingsvoorkeurenForm(request.POST)
        if form.is_valid() and form.bewaar(
            services.bewaar_voorkeuren, acting_user=request.user, keuzes=form.cleaned_data
        ):
            messages.success(request, _("Uw keuzes voor meldingen zijn bewaard."))
            return redirect("signalering:instellingen")
    else:
        form = MeldingsvoorkeurenForm(initial=selectors.voorkeuren_van(request.user))
    return render(request, "signalering/instellingen.html", {"form": form})


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
