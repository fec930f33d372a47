from . import access, navigatie, selectors


def acties(request) -> dict:
    """ "Mijn acties" in the navigation with the open and bezig actions of the user's
    organisation, for the roles that hold actions: from the shared cache while the
    organisation's actions have not changed (trajecten.navigatie), else one count query."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.rol not in access.ACTIE_ROLLEN:
        return {}
    return {
        "lopende_acties": navigatie.aantal(user, lambda: selectors.aantal_lopende_acties(user=user))
    }
