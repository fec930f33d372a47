from . import selectors


def meldingen(request) -> dict:
    """The bell in the header: the number of unread notifications (one count query)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"ongelezen_meldingen": selectors.ongelezen_aantal(user)}
