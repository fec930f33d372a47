"""The sharing matrix: per role, which fields of which objects it reads and writes, and the legal
basis. One declarative table; screens, exports and the API ask it; docs/sharing-matrix.md
explains each row. Art. 18a Pbw lets the PI, the reclassering and the gemeente share what the
D&R-trajectory needs, without the detainee's consent; art. 20d Penitentiaire maatregel lists
which data. Medical content is not shared: the zorg basisvoorwaarde holds continuity of care."""

from dataclasses import dataclass

from .rollen import Rol

GEDETINEERDE = frozenset({"naam", "geboortedatum", "bsn"})
# The LVB flag, its explanation and communication needs are the PI's assessment, kept on the
# trajectory (ADR 0009); every role that sees the trajectory sees them, as before.
TRAJECT = frozenset(
    {
        "pi",
        "binnenkomst",
        "uitstroom",
        "gemeente",
        "betrokkenen",
        "fase",
        "titel",
        "termijnen",
        "lvb",
        "lvb_toelichting",
        "communicatiebehoeften",
        "overplaatsingen",
        # Known risks of violence or sexual offences (ADR 0011): every role that sees the case
        # needs them to work safely with the person (PI, reclassering, gemeente, ZVH).
        "risicos",
    }
)
# "voorbereidingen": the release preparations (ID, benefit, bank account, housing; issue 11).
BASISVOORWAARDE = frozenset(
    {"status", "hulpvraag", "uitvoerende_partner", "acties", "notities", "voorbereidingen"}
)
PLAN = frozenset(
    {
        "begeleidingsplan",
        "doelen",
        "activiteiten",
        "ontbrekend",
        "regie",
        "monitoring",
        "versies",
        "advies",  # the reclassering's D&R-advies beside the plan
    }
)
GESPREK = frozenset({"planning", "verslag"})
CONTACT = frozenset({"contactmomenten"})
OVERDRACHT = frozenset({"overdracht"})

ART_18A = "art. 18a Penitentiaire beginselenwet"
GRONDSLAG = {
    "pi": f"{ART_18A}; art. 20d Penitentiaire maatregel (taak: detentie en re-integratie)",
    "reclassering": f"{ART_18A}; art. 20d Penitentiaire maatregel (advies en toezicht)",
    "gemeente": f"{ART_18A}; art. 20d Penitentiaire maatregel (nazorg, procesregie)",
    "zvh": f"{ART_18A} (betrokken Zorg- en Veiligheidshuis, via de gemeente)",
}
# Shown beside the risks wherever they appear (ADR 0011).
GRONDSLAG_RISICOS = (
    f"{ART_18A}: bekende risico's op geweld en zedendelicten worden gedeeld met de ketenpartners "
    "die ze nodig hebben om veilig met deze persoon te werken"
)


@dataclass(frozen=True)
class Zicht:
    """What one role reads and writes; `grondslag` is shown beside shared data."""

    gedetineerde: frozenset[str]
    traject: frozenset[str]
    basisvoorwaarde: frozenset[str]
    plan: frozenset[str]
    gesprek: frozenset[str]
    contact: frozenset[str]
    overdracht: frozenset[str]
    schrijven: frozenset[str]
    grondslag: str


GEEN: frozenset[str] = frozenset()
_PI = Zicht(
    GEDETINEERDE, TRAJECT, BASISVOORWAARDE, PLAN, GESPREK, CONTACT, OVERDRACHT,
    schrijven=frozenset({"traject", "basisvoorwaarde", "plan", "gesprek", "contact", "overdracht"}),
    grondslag=GRONDSLAG["pi"],
)  # fmt: skip
# Working notes (notities) stay inside the PI; so does the guidance plan, which holds care needs.
# The goals go to the gemeente (ADR 0011): it holds process direction and acts on them.
_GEMEENTE = Zicht(
    GEDETINEERDE,
    TRAJECT,
    BASISVOORWAARDE - {"notities"},
    frozenset({"doelen", "ontbrekend", "regie", "monitoring"}),
    GESPREK,
    CONTACT,
    OVERDRACHT,
    schrijven=frozenset({"contact", "ontvangst", "acties", "opgepakt"}),
    grondslag=GRONDSLAG["gemeente"],
)
_RECLASSERING = Zicht(
    GEDETINEERDE,
    TRAJECT,
    BASISVOORWAARDE - {"notities"},
    PLAN,
    GESPREK,
    CONTACT,
    OVERDRACHT,
    schrijven=frozenset({"contact", "advies"}),
    grondslag=GRONDSLAG["reclassering"],
)
_ZVH = Zicht(
    GEDETINEERDE - {"bsn"}, TRAJECT, frozenset({"status", "hulpvraag"}),
    frozenset({"ontbrekend", "regie"}), frozenset({"planning"}), GEEN, OVERDRACHT,
    schrijven=GEEN, grondslag=GRONDSLAG["zvh"],
)  # fmt: skip
_NIETS = Zicht(GEEN, GEEN, GEEN, GEEN, GEEN, GEEN, GEEN, GEEN, "")

MATRIX: dict[str, Zicht] = {
    Rol.CASEMANAGER: _PI,
    Rol.MENTOR: Zicht(**{**_PI.__dict__, "schrijven": frozenset({"basisvoorwaarde", "contact"})}),
    Rol.RIC_MEDEWERKER: _PI,
    Rol.HOOFD_DR: _PI,
    Rol.STAFFUNCTIONARIS: Zicht(**{**_PI.__dict__, "schrijven": GEEN}),
    Rol.RECLASSERINGSWERKER: _RECLASSERING,
    Rol.NAZORGCOORDINATOR: _GEMEENTE,
    Rol.ZVH_MEDEWERKER: _ZVH,
    # The functional administrator manages organisations and accounts and reads no case content.
    Rol.FUNCTIONEEL_BEHEERDER: _NIETS,
}


def zicht(rol: str) -> Zicht:
    return MATRIX.get(rol, _NIETS)


def categorieen(rol: str) -> list[str]:
    """The data categories a read by this role touches, for the audit trail."""
    z = zicht(rol)
    namen = {
        "persoonsgegevens": z.gedetineerde,
        "traject": z.traject,
        "basisvoorwaarden": z.basisvoorwaarde,
        "plan": z.plan,
        "gesprekken": z.gesprek,
        "contacten": z.contact,
        "overdracht": z.overdracht,
    }
    return [naam for naam, velden in namen.items() if velden]
