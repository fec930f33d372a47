"""After release (issue 12): the receiver's 'Ontvangen, ik pak het op' (from the trajectory
page or the nazorg inbox) and 'Nazorg afsluiten' by the party with case direction. Shared by
the gemeente and the reclassering; the services decide who may."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ketenpartners.verzoek import Verzoek
from reintegratie.versies import naam_van

from .. import access, services
from ..forms import AfsluitingForm


def _terug(request, traject) -> str:
    """Back to the page the button was pressed on (the inbox or the case); only this site."""
    terug = request.POST.get("terug", "")
    if url_has_allowed_host_and_scheme(
        terug, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return terug
    return traject.get_absolute_url()


@require_POST
def overdracht_ontvangen(request: Verzoek, pk: int) -> HttpResponse:
    """Not seeing the case: the door's 404; seeing it but not a receiver: 403 (the service)."""
    traject = access.traject_voor_of_404(request.user, pk, url=request.path)
    overdracht = services.bevestig_overdracht(acting_user=request.user, traject=traject)
    if overdracht.ontvangen_door_id == request.user.pk:
        messages.success(request, _("Vastgelegd: u hebt de overdracht ontvangen en pakt die op."))
    else:
        messages.info(
            request,
            _("%(naam)s had de overdracht al bevestigd.")
            % {"naam": naam_van(overdracht.ontvangen_door)},
        )
    return redirect(_terug(request, traject))


@require_http_methods(["GET", "POST"])
def nazorg_afsluiten(request: Verzoek, pk: int) -> HttpResponse:
    traject = access.traject_voor_of_404(request.user, pk, url=request.path)
    if not access.heeft_regie_na_uitstroom(request.user, traject):
        raise PermissionDenied
    form = AfsluitingForm(request.POST or None, initial={"versie": traject.versie})
    if request.method == "POST" and form.is_valid():
        afsluiting = form.bewaar(
            services.sluit_nazorg_af,
            acting_user=request.user,
            traject=traject,
            versie=form.cleaned_data["versie"],
            uitkomsten=form.uitkomsten(),
            notities=form.notities(),
            toelichting=form.cleaned_data["toelichting"],
        )
        if afsluiting is not None:
            messages.success(request, _("Nazorg afgesloten."))
            return redirect(traject)
    return render(
        request,
        "trajecten/formulier.html",
        {
            "traject": traject,
            "form": form,
            "titel": _("Nazorg afsluiten"),
            "knop": _("Nazorg afsluiten"),
            "uitleg": _(
                "Geef per basisvoorwaarde aan of die aan het eind van de nazorg op orde is. "
                "Daarna is het traject afgesloten."
            ),
        },
        status=400 if form.errors else 200,
    )
