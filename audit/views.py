from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ketenpartners.rollen import Rol, rol_vereist
from ketenpartners.verzoek import Verzoek

from . import services


@require_GET
@rol_vereist(Rol.FUNCTIONEEL_BEHEERDER)
def overzicht(request: Verzoek) -> HttpResponse:
    """The functional administrator's view of the audit trail: who, when, which trajectory
    number, on what basis. It shows no case content."""
    gebruikersnaam = request.GET.get("gebruiker", "").strip()[:150]
    traject = request.GET.get("traject", "").strip()
    traject_id = (
        int(traject) if traject.isascii() and traject.isdigit() and len(traject) <= 9 else None
    )
    regels = services.bekijk(
        gebruiker=request.user,
        gebruikersnaam=gebruikersnaam,
        traject_id=traject_id,
        url=request.path,
    )
    return render(
        request,
        "audit/overzicht.html",
        {"regels": regels, "gebruiker": gebruikersnaam, "traject": traject},
    )
