from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ketenpartners.rollen import Rol, rol_vereist
from ketenpartners.verzoek import Verzoek

from . import access, services
from .forms import InzageForm


@require_http_methods(["GET", "POST"])
@rol_vereist(Rol.FUNCTIONEEL_BEHEERDER)
def inzageverzoek(request: Verzoek) -> HttpResponse:
    """The functional administrator answers a subject-access request (AVG art. 15): a BSN in,
    by POST (no BSN in a URL or an access log), a JSON download of everything held out."""
    form = InzageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        persoon = access.persoon_voor_inzage(form.cleaned_data["bsn"])
        if persoon is None:
            form.add_error("bsn", _("Er is geen persoon met dit BSN in het systeem."))
        else:
            inhoud = services.inzageverzoek(
                persoon=persoon, acting_user=request.user, via="scherm functioneel beheer"
            )
            antwoord = HttpResponse(inhoud, content_type="application/json; charset=utf-8")
            naam = f"inzageverzoek-{timezone.localdate():%Y-%m-%d}.json"
            antwoord["Content-Disposition"] = f'attachment; filename="{naam}"'
            return antwoord
    return render(
        request,
        "bewaring/inzageverzoek.html",
        {"form": form},
        status=400 if form.errors else 200,
    )
