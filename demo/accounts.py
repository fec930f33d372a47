"""The demo accounts and contact points (README lists them). Password `demo` for all."""

from ketenpartners.rollen import Rol

DEMO_WACHTWOORD = "demo"

# username, role, organisation code, team, first name, last name, phone
DEMO_ACCOUNTS = [
    ("casemanager1", Rol.CASEMANAGER, "PI-ALMELO", None, "Karin", "Smit", "0546-123 401"),
    (
        "casemanager2",
        Rol.CASEMANAGER,
        "PI-NIEUWERSLUIS",
        None,
        "Fatima",
        "El Amrani",
        "0294-123 402",
    ),
    ("mentor1", Rol.MENTOR, "PI-ALMELO", None, "Pieter", "Jansen", "0546-123 403"),
    ("reclassering1", Rol.RECLASSERINGSWERKER, "RN", "Oost", "Sanne", "de Boer", "088-804 1001"),
    ("nazorg1", Rol.NAZORGCOORDINATOR, "GM0153", None, "Ahmed", "Yilmaz", "053-481 1001"),
    ("nazorg2", Rol.NAZORGCOORDINATOR, "GM0599", None, "Linda", "Bakker", "010-267 1002"),
    ("staf1", Rol.STAFFUNCTIONARIS, "PI-ALMELO", None, "Marco", "Visser", "0546-123 404"),
    ("beheer1", Rol.FUNCTIONEEL_BEHEERDER, "BEHEER", None, "Eva", "Mulder", "070-370 1005"),
]

# organisation code, team, name, phone, e-mail, hours
DEMO_CONTACTPUNTEN = [
    (
        "PI-ALMELO",
        None,
        "Casemanagement",
        "0546-123 400",
        "casemanagement.almelo@dji.example",
        "ma–vr 8.30–17 uur",
    ),
    (
        "PI-NIEUWERSLUIS",
        None,
        "Casemanagement",
        "0294-123 400",
        "casemanagement.nieuwersluis@dji.example",
        "ma–vr 8.30–17 uur",
    ),
    (
        "GM0153",
        None,
        "Nazorg gedetineerden",
        "053-481 1000",
        "nazorg@enschede.example",
        "ma–vr 9–17 uur",
    ),
    (
        "GM0599",
        None,
        "Nazorg ex-gedetineerden",
        "010-267 1000",
        "nazorg@rotterdam.example",
        "ma–vr 8.30–17 uur",
    ),
    (
        "RN",
        "Oost",
        "Adviesunit Oost",
        "088-804 1000",
        "oost@reclassering.example",
        "ma–vr 9–17 uur",
    ),
]
