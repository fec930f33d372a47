"""ketenpartners announces account events (ketenpartners.signalen); the audit trail writes them.
Connected in AuditConfig.ready."""

from . import services


def accountgebeurtenis(sender, *, actie, medewerker=None, door=None, **gegevens):
    services.accountactie(
        actie=actie,
        medewerker=medewerker,
        door=door,
        gebruikersnaam=gegevens.get("gebruikersnaam", ""),
        toelichting=gegevens.get("toelichting", ""),
    )
