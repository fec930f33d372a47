"""Caseload continuity in the demo (issue 12): PI Almelo has its own norm (28), and a second
Almelo casemanager, casemanager3 (Ruud Kok, password `demo`), holds a handful of cases that
staf1 can move to casemanager1 on "Caseload overdragen"."""

from datetime import date, timedelta

from ketenpartners import services as ketendiensten
from ketenpartners.models import Medewerker, Organisatie
from ketenpartners.rollen import Rol
from trajecten import services

from .accounts import DEMO_WACHTWOORD

NAMEN = [
    ("Youssef", "Bos", date(1991, 4, 2), 20, 60),
    ("Daan", "Hendriks", date(1986, 9, 17), 45, 40),
    ("Hakan", "Dekker", date(1979, 1, 30), 9, 120),
    ("Stefan", "Kok", date(1995, 11, 5), 60, 21),
    ("Milan", "Brouwer", date(2001, 6, 12), 3, None),
    ("Erik", "Vermeulen", date(1972, 2, 23), 31, 90),
]


def maak_demo_caseload(*, vandaag: date) -> int:
    """PI Almelo's norm, casemanager3 and their six cases; nothing when they exist."""
    almelo = Organisatie.objects.get(code="PI-ALMELO")
    if almelo.caseload_norm is None:
        almelo.caseload_norm = 28
        almelo.save(update_fields=["caseload_norm"])
    if Medewerker.objects.filter(username="casemanager3").exists():
        return 0
    cm = ketendiensten.maak_medewerker(
        acting_user=None,
        username="casemanager3",
        rol=Rol.CASEMANAGER,
        organisatie=almelo,
        team=None,
        first_name="Ruud",
        last_name="Kok",
        email="casemanager3@demo.example",
        telefoon="0546-123 405",
        password=DEMO_WACHTWOORD,
    )
    gemeenten = ["GM0153", "GM0141", "GM0153", "GM0164", "GM0153", "GM0183"]
    for (voornamen, achternaam, geboren, dagen_binnen, verblijf), code in zip(
        NAMEN, gemeenten, strict=True
    ):
        binnen = vandaag - timedelta(days=dagen_binnen)
        services.neem_op(
            acting_user=cm,
            voornamen=voornamen,
            achternaam=achternaam,
            geboortedatum=geboren,
            binnenkomst_datum=binnen,
            verwachte_uitstroom_datum=binnen + timedelta(days=verblijf) if verblijf else None,
            gemelde_gemeente=Organisatie.objects.get(code=code),
        )
    return len(NAMEN)
