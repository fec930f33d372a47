"""The casemanager's screens. Every view reads through the access door (trajecten.access) and
writes through one service; forms work as plain POST, and htmx swaps fragments in place."""

from .acties import actie_status, mijn_acties
from .basisvoorwaarden import actie_toevoegen, basisvoorwaarde
from .formulieren import (
    beperken,
    contactmoment,
    corrigeren,
    gegevens,
    gemeente_bereikt,
    gesprek_ics,
    gesprek_plannen,
    gesprek_verslag,
    overplaatsen,
    plan,
    plan_vaststellen,
    risicos,
    terugkeergemeente,
)
from .mijn_plan import mijn_plan, mijn_plan_pdf
from .nazorgfase import nazorg_afsluiten, overdracht_ontvangen
from .overdracht import overdracht_concept, uitstroom, uitstroom_controleren
from .pagina import caseload, detail, informatieblad, informatieblad_delen, intake, inzage
from .voorbereidingen import voorbereiding, voorbereiding_toevoegen

__all__ = [
    "actie_status",
    "actie_toevoegen",
    "basisvoorwaarde",
    "beperken",
    "caseload",
    "contactmoment",
    "corrigeren",
    "detail",
    "gegevens",
    "gemeente_bereikt",
    "gesprek_ics",
    "gesprek_plannen",
    "gesprek_verslag",
    "informatieblad",
    "informatieblad_delen",
    "intake",
    "inzage",
    "mijn_acties",
    "mijn_plan",
    "mijn_plan_pdf",
    "nazorg_afsluiten",
    "overdracht_concept",
    "overdracht_ontvangen",
    "overplaatsen",
    "plan",
    "plan_vaststellen",
    "risicos",
    "terugkeergemeente",
    "uitstroom",
    "uitstroom_controleren",
    "voorbereiding",
    "voorbereiding_toevoegen",
]
