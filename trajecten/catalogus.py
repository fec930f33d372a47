"""The catalogue of release preparations as first delivered (issue 11). The data migration
`voorbereidingen` seeds a frozen copy; `zorg_voor_catalogus` restores missing kinds where the
database was emptied (demo data, tests that flush the database)."""

from .keuzes import UITKERING_AANVRAAG, Domein
from .models import VoorbereidingSoort

CATALOGUS: list[tuple[str, str, str]] = [
    (Domein.ID_BEWIJS, "ID-bewijs aangevraagd", "id_bewijs_aanvraag"),
    (Domein.ID_BEWIJS, "ID-bewijs opgehaald", ""),
    (Domein.ID_BEWIJS, "DigiD aangevraagd", ""),
    (Domein.HUISVESTING, "Huur doorbetaald", ""),
    (Domein.HUISVESTING, "Ingeschreven als woningzoekende", ""),
    (Domein.HUISVESTING, "Plek in de maatschappelijke opvang", ""),
    (Domein.WERK_INKOMEN, "Uitkering aangevraagd (voorbereid in de PI)", UITKERING_AANVRAAG),
    (Domein.WERK_INKOMEN, "Lopende uitkering tijdig stopgezet", ""),
    (Domein.WERK_INKOMEN, "Bankrekening", ""),
    (Domein.FINANCIEN_SCHULDEN, "Beschermingsbewind aangevraagd", ""),
    (Domein.FINANCIEN_SCHULDEN, "Aangemeld bij schuldhulpverlening", ""),
    (Domein.ZORG, "Zorgverzekering geregeld", ""),
    (Domein.ZORG, "Afspraak zorg na detentie", ""),
    (Domein.SOCIAAL_NETWERK, "Contact met familie of netwerk bij uitstroom", ""),
]


def zorg_voor_catalogus() -> int:
    """Add the kinds of CATALOGUS that are missing (by domain and name); returns how many."""
    nieuw = 0
    for volgorde, (domein, naam, code) in enumerate(CATALOGUS, start=1):
        _soort, gemaakt = VoorbereidingSoort.objects.get_or_create(
            domein=domein, naam=naam, defaults={"code": code, "volgorde": volgorde * 10}
        )
        nieuw += gemaakt
    return nieuw
