"""Every write to a trajectory, one module per part of the aggregate. Keyword-only, atomic, taking
the acting user, validating with Dutch messages at the field; a refused write leaves nothing
half-saved. The gemeente's writes live in nazorg.services, the reclassering's in
reclassering.services; they use `eis`, `audit` and the phase functions from here."""

from ._gedeeld import (
    OngeldigeFaseovergang,
    audit,
    controleer_gemeente,
    eis,
    huidige_datum,
    meld_gebeurtenis,
    meld_gebeurtenissen,
    naar_fase,
    vooruit_naar_fase,
)
from .acties import voeg_actie_toe, zet_actiestatus
from .basisvoorwaarden import werk_basisvoorwaarde_bij
from .beperking import beperk_toegang, mag_beperken, te_noemen
from .betrokkenen import verifieer_terugkeergemeente, werk_traject_bij
from .caseload import (
    Caseloadoverdracht,
    draag_caseload_over,
    mag_caseload_overdragen,
    stel_caseloadnorm_in,
)
from .contact import deel_informatieblad, leg_gemeente_bereikt_vast, registreer_contactmoment
from .correcties import corrigeer_gegevens, persoon_elders_bekend
from .gesprekken import leg_gesprek_vast, plan_gesprek
from .intake import BestaandePersoon, LopendeDetentie, neem_op
from .nazorgfase import bevestig_ontvangst, bevestig_overdracht, sluit_nazorg_af
from .overplaatsing import plaats_over
from .plan import bewerk_plan, ontbrekende_voorwaarden, stel_plan_vast
from .risicos import leg_risicos_vast
from .uitstroom import (
    bewaar_overdracht_notities,
    regie_voor_titel,
    registreer_uitstroom,
    wijzig_fase,
)
from .voorbereidingen import (
    mag_voorbereiding_bijwerken,
    voeg_voorbereiding_toe,
    werk_voorbereiding_bij,
)

__all__ = [
    "BestaandePersoon",
    "Caseloadoverdracht",
    "LopendeDetentie",
    "OngeldigeFaseovergang",
    "audit",
    "beperk_toegang",
    "bevestig_ontvangst",
    "bevestig_overdracht",
    "bewaar_overdracht_notities",
    "bewerk_plan",
    "controleer_gemeente",
    "corrigeer_gegevens",
    "deel_informatieblad",
    "draag_caseload_over",
    "eis",
    "huidige_datum",
    "leg_gemeente_bereikt_vast",
    "leg_gesprek_vast",
    "leg_risicos_vast",
    "mag_beperken",
    "mag_caseload_overdragen",
    "mag_voorbereiding_bijwerken",
    "meld_gebeurtenis",
    "meld_gebeurtenissen",
    "naar_fase",
    "neem_op",
    "ontbrekende_voorwaarden",
    "persoon_elders_bekend",
    "plaats_over",
    "plan_gesprek",
    "regie_voor_titel",
    "registreer_contactmoment",
    "registreer_uitstroom",
    "sluit_nazorg_af",
    "stel_caseloadnorm_in",
    "stel_plan_vast",
    "te_noemen",
    "verifieer_terugkeergemeente",
    "voeg_actie_toe",
    "voeg_voorbereiding_toe",
    "vooruit_naar_fase",
    "werk_basisvoorwaarde_bij",
    "werk_traject_bij",
    "werk_voorbereiding_bij",
    "wijzig_fase",
    "zet_actiestatus",
]
