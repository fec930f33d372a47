"""Values every template may use, so templates never compare role names by hand."""

from django.urls import reverse

from .rollen import TERUG_NAAR, TERUG_STANDAARD


def terug(request) -> dict:
    """The way back to the user's own list ("← Terug naar de inbox" for a gemeente)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    naam, label = TERUG_NAAR.get(user.rol, TERUG_STANDAARD)
    return {"terug_url": reverse(naam), "terug_label": label}
