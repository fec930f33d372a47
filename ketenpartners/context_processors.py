"""Values every template may use, so templates never compare role names by hand."""

from django.urls import reverse

from .rollen import HOOFDMENU, TERUG_NAAR, TERUG_STANDAARD, Rol


def terug(request) -> dict:
    """The way back to the user's own list ("← Terug naar de inbox" for a gemeente) and the
    role's items of the main menu, the current page marked."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    naam, label = TERUG_NAAR.get(user.rol, TERUG_STANDAARD)
    match = getattr(request, "resolver_match", None)
    huidig = match.view_name if match else None
    hoofdmenu = [
        {"url": reverse(n), "label": lbl, "huidig": n == huidig}
        for n, lbl in HOOFDMENU.get(user.rol, [])
    ]
    return {
        "terug_url": reverse(naam),
        "terug_label": label,
        "hoofdmenu": hoofdmenu,
        # Only a casemanager has a caseload of his own beside his PI's trajectories.
        "heeft_eigen_caseload": user.rol == Rol.CASEMANAGER,
    }
