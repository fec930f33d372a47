"""Signals of the accounts part. ketenpartners sits below audit and signalering (the layers of
pyproject.toml), so it cannot write an audit row itself: it announces what happened and the audit
app, which may import ketenpartners, writes the row (audit/ontvangers.py). Sent synchronously,
inside the caller's transaction: the row is written with the change or not at all."""

from django.dispatch import Signal

# kwargs: actie (audit.models.Auditactie value), medewerker (the account concerned or None),
# door (who did it or None), gebruikersnaam (the name typed, for failed logins), toelichting.
accountgebeurtenis = Signal()
