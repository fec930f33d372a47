from . import access, selectors


def acties(request) -> dict:
    """ "Mijn acties" in the navigation with the open and bezig actions of the user's
    organisation (one count query), for the roles that hold actions."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.rol not in access.ACTIE_ROLLEN:
        return {}
    return {"lopende_acties": selectors.aantal_lopende_acties(user=user)}
