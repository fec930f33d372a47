"""How each person hears of each kind of notification (issue 12): in the app only, in the daily
e-mail, or at once by e-mail. A saved choice (Meldingsvoorkeur) wins; without one the default of
the person's role applies, so nobody needs to set anything to hear what matters to them."""

from collections.abc import Iterable

from ketenpartners.models import Medewerker
from ketenpartners.rollen import Rol
from trajecten.keuzes import Gebeurtenissoort as G

from .models import MELDINGSSOORTEN, Kanaal, Meldingsvoorkeur

# Per role, the kinds that are not in the daily digest by default. Everything else: digest.
STANDAARD: dict[str, dict[str, str]] = {
    Rol.NAZORGCOORDINATOR: {
        G.DETENTIE_GEMELD: Kanaal.DIRECT,
        G.OVERDRACHT_VERSTUURD: Kanaal.DIRECT,
    },
    Rol.CASEMANAGER: {
        G.OVERDRACHT_BEVESTIGD: Kanaal.DIRECT,
        G.NIET_ONZE_GEMEENTE: Kanaal.DIRECT,
    },
    Rol.RECLASSERINGSWERKER: {G.OVERDRACHT_VERSTUURD: Kanaal.DIRECT},
}
SOORTEN = [soort for soort, _label in MELDINGSSOORTEN]


def standaard(rol: str, soort: str) -> str:
    return STANDAARD.get(rol, {}).get(soort, Kanaal.DIGEST)


def voorkeuren_van(medewerker: Medewerker) -> dict[str, str]:
    """Every kind with the person's channel (saved, else the role's default). One query."""
    gekozen = dict(
        Meldingsvoorkeur.objects.filter(medewerker=medewerker).values_list("soort", "kanaal")
    )
    return {s: gekozen.get(s) or standaard(medewerker.rol, s) for s in SOORTEN}


def kanalen(personen: Iterable[Medewerker]) -> dict[tuple[int, str], str]:
    """(person id, kind) → channel for the given people (their `rol` already loaded) and every
    kind. One query whatever the number of people."""
    personen = list(personen)
    gekozen = {
        (v["medewerker_id"], v["soort"]): v["kanaal"]
        for v in Meldingsvoorkeur.objects.filter(medewerker_id__in=[p.pk for p in personen]).values(
            "medewerker_id", "soort", "kanaal"
        )
    }
    return {
        (p.pk, s): gekozen.get((p.pk, s)) or standaard(p.rol, s) for p in personen for s in SOORTEN
    }
