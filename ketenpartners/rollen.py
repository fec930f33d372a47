"""The roles in the chain, which kind of organisation each belongs to, and the model permissions
its group carries. Object permissions (which trajectory) come from ketenpartners/access.py."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _


class Soort(models.TextChoices):
    PI = "pi", _("Penitentiaire inrichting")
    RECLASSERING = "reclassering", _("Reclassering")
    GEMEENTE = "gemeente", _("Gemeente")
    ZVH = "zvh", _("Zorg- en Veiligheidshuis")
    BEHEER = "beheer", _("Functioneel beheer")


class Rol(models.TextChoices):
    CASEMANAGER = "casemanager", _("Casemanager")
    MENTOR = "mentor", _("Mentor")
    RIC_MEDEWERKER = "ric_medewerker", _("RIC-medewerker")
    STAFFUNCTIONARIS = "staffunctionaris", _("Staffunctionaris")
    HOOFD_DR = "hoofd_dr", _("Hoofd D&R")
    RECLASSERINGSWERKER = "reclasseringswerker", _("Reclasseringswerker")
    NAZORGCOORDINATOR = "nazorgcoordinator", _("Nazorgcoördinator")
    ZVH_MEDEWERKER = "zvh_medewerker", _("Medewerker Zorg- en Veiligheidshuis")
    FUNCTIONEEL_BEHEERDER = "functioneel_beheerder", _("Functioneel beheerder")


SOORT_VAN_ROL: dict[str, str] = {
    Rol.CASEMANAGER: Soort.PI,
    Rol.MENTOR: Soort.PI,
    Rol.RIC_MEDEWERKER: Soort.PI,
    Rol.STAFFUNCTIONARIS: Soort.PI,
    Rol.HOOFD_DR: Soort.PI,
    Rol.RECLASSERINGSWERKER: Soort.RECLASSERING,
    Rol.NAZORGCOORDINATOR: Soort.GEMEENTE,
    Rol.ZVH_MEDEWERKER: Soort.ZVH,
    Rol.FUNCTIONEEL_BEHEERDER: Soort.BEHEER,
}

_DIRECTORY = {
    "ketenpartners.view_organisatie",
    "ketenpartners.view_locatie",
    "ketenpartners.view_team",
    "ketenpartners.view_contactpunt",
    "ketenpartners.view_regio",
}

# Model permissions per role ("app_label.codename"). Every role may read the contact directory;
# the functional administrator manages organisations and accounts and reads no case content.
PERMISSIES_VAN_ROL: dict[str, set[str]] = {
    Rol.CASEMANAGER: _DIRECTORY,
    Rol.MENTOR: _DIRECTORY,
    Rol.RIC_MEDEWERKER: _DIRECTORY,
    Rol.STAFFUNCTIONARIS: _DIRECTORY,
    Rol.HOOFD_DR: _DIRECTORY,
    Rol.RECLASSERINGSWERKER: _DIRECTORY,
    Rol.NAZORGCOORDINATOR: _DIRECTORY,
    Rol.ZVH_MEDEWERKER: _DIRECTORY,
    Rol.FUNCTIONEEL_BEHEERDER: _DIRECTORY
    | {
        f"ketenpartners.{actie}_{model}"
        for actie in ("add", "change")
        for model in ("organisatie", "locatie", "team", "contactpunt", "medewerker", "regio")
    }
    | {"ketenpartners.view_medewerker"}
    | {f"trajecten.{actie}_brugdag" for actie in ("add", "change", "view")}
    | {f"trajecten.{actie}_voorbereidingsoort" for actie in ("add", "change", "view")}
    | {"signalering.view_bericht", "signalering.change_bericht"}
    | {"api.add_apitoken", "api.view_apitoken", "api.change_apitoken"},
}


def groepsnaam(rol: str) -> str:
    return f"rol:{rol}"


def rol_vereist(
    *rollen: str,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """A view for these roles only. The role is checked before the view reads anything, so a
    refused request leaves no audited read of a case it was never going to show."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def alleen_voor_rol(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if getattr(request.user, "rol", None) not in rollen:
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return alleen_voor_rol

    return decorator


# The way back from a case page, per role: each role returns to its own list (issue 14), so a
# gemeente never reads "Terug naar de caseload". Templates use the context value, not role names.
TERUG_NAAR: dict[str, tuple[str, Any]] = {
    Rol.CASEMANAGER: ("trajecten:caseload", _("Terug naar de caseload")),
    Rol.MENTOR: ("trajecten:caseload", _("Terug naar de trajecten")),
    Rol.RIC_MEDEWERKER: ("trajecten:caseload", _("Terug naar de trajecten")),
    Rol.HOOFD_DR: ("trajecten:caseload", _("Terug naar de trajecten")),
    Rol.NAZORGCOORDINATOR: ("nazorg:inbox", _("Terug naar de inbox")),
    Rol.RECLASSERINGSWERKER: ("reclassering:clienten", _("Terug naar de cliënten")),
}
TERUG_STANDAARD: tuple[str, Any] = ("home", _("Terug naar de startpagina"))

# The main menu per role (url name, label), in this order; "Mijn acties" and "Adresboek" follow
# for everyone they apply to. Built by ketenpartners.context_processors.terug.
_TRAJECTEN = ("trajecten:caseload", _("Trajecten"))
_DASHBOARD = [
    ("dashboard:overzicht", _("Dashboard")),
    ("signalering:escalaties", _("Escalaties")),
    ("dashboard:zonder_bereik", _("Gemeenten zonder bereik")),
    ("dashboard:caseload_overdragen", _("Caseload overdragen")),
]
HOOFDMENU: dict[str, list[tuple[str, Any]]] = {
    Rol.CASEMANAGER: [("trajecten:caseload", _("Mijn caseload"))],
    Rol.MENTOR: [_TRAJECTEN],
    Rol.RIC_MEDEWERKER: [_TRAJECTEN],
    Rol.HOOFD_DR: [_TRAJECTEN, *_DASHBOARD],
    Rol.STAFFUNCTIONARIS: _DASHBOARD,
    Rol.NAZORGCOORDINATOR: [("nazorg:inbox", _("Inbox"))],
    Rol.RECLASSERINGSWERKER: [("reclassering:clienten", _("Cliënten"))],
    Rol.FUNCTIONEEL_BEHEERDER: [
        ("admin:index", _("Beheer")),
        ("uitnodigingen", _("Uitnodigingen")),
        ("audit:overzicht", _("Audittrail")),
    ],
}
