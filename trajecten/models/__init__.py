"""One detention (Traject) of one person (Gedetineerde), its basisvoorwaarden, actions, plan,
contact moments, meetings and handover, one module per part. Every table is tracked by
pghistory: who changed what, when, is answerable for every record."""

from .afsluiting import Afsluiting, AfsluitingUitkomst
from .basisvoorwaarden import Actie, Basisvoorwaarde
from .contact import Contactmoment, InformatiebladGedeeld, NietOnzeGemeente, Trajectgesprek
from .kalender import Kalenderdag
from .persoon import Brugdag, Gedetineerde
from .plan import DRAdvies, DRPlan, DRPlanVersie
from .traject import (
    KORT_VERBLIJF,
    Overplaatsing,
    Traject,
    TrajectGroupObjectPermission,
    TrajectUserObjectPermission,
)
from .uitstroom import Overdracht, OverdrachtNotitie, UitstroomBasisvoorwaarde
from .voorbereidingen import Voorbereiding, VoorbereidingSoort

__all__ = [
    "KORT_VERBLIJF",
    "Actie",
    "Afsluiting",
    "AfsluitingUitkomst",
    "Basisvoorwaarde",
    "Brugdag",
    "Contactmoment",
    "DRAdvies",
    "DRPlan",
    "DRPlanVersie",
    "Gedetineerde",
    "InformatiebladGedeeld",
    "Kalenderdag",
    "NietOnzeGemeente",
    "Overdracht",
    "OverdrachtNotitie",
    "Overplaatsing",
    "Traject",
    "TrajectGroupObjectPermission",
    "TrajectUserObjectPermission",
    "Trajectgesprek",
    "UitstroomBasisvoorwaarde",
    "Voorbereiding",
    "VoorbereidingSoort",
]
