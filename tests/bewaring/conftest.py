from datetime import timedelta

import pytest
from django.utils import timezone

from trajecten import services
from trajecten.keuzes import Fase
from trajecten.models import Actie, Afsluiting, Gedetineerde, Traject


def opnemen(cm, *, achternaam: str, bsn: str, voornamen: str = "Piet") -> Traject:
    """A trajectory with an action (history copies included) for `cm`'s PI."""
    t = services.neem_op(
        acting_user=cm,
        voornamen=voornamen,
        achternaam=achternaam,
        geboortedatum=timezone.localdate().replace(year=1980),
        binnenkomst_datum=timezone.localdate() - timedelta(days=3),
        bsn=bsn,
    )
    bv = t.basisvoorwaarden.order_by("pk").first()
    services.voeg_actie_toe(
        acting_user=cm,
        basisvoorwaarde=bv,
        omschrijving=f"Actie voor {achternaam}",
        organisatie=cm.organisatie,
    )
    return t


def afsluiten(t: Traject, cm) -> None:
    """Closed as `sluit_nazorg_af` leaves it (that service needs a whole nazorg phase first)."""
    Afsluiting.objects.create(traject=t, afgesloten_door=cm, toelichting="klaar")
    Traject.objects.filter(pk=t.pk).update(
        fase=Fase.AFGESLOTEN, uitstroom_datum=timezone.localdate() - timedelta(days=1)
    )


@pytest.fixture
def twee_personen(demo):
    """`weg`: closed trajectory, an earlier surname in the history, an action deleted before
    (it lives on only in the history table). `blijft`: an open trajectory."""
    cm = demo["casemanager1"]
    weg = opnemen(cm, achternaam="Oudnaamveld", bsn="123456782")
    persoon = weg.gedetineerde
    persoon.achternaam = "Verloopvelder"
    persoon.save()
    Actie.objects.create(
        basisvoorwaarde=weg.basisvoorwaarden.order_by("pk").last(),
        omschrijving="Geheimeactiewoord",
        organisatie=cm.organisatie,
        aangemaakt_door=cm,
    ).delete()
    afsluiten(weg, cm)
    blijft = opnemen(cm, achternaam="Blijvendveld", bsn="111222333")
    return weg, blijft


def tellingen() -> dict[str, int]:
    from django.apps import apps

    return {
        m._meta.label: m._base_manager.count()
        for m in apps.get_models()
        if not m._meta.proxy and m._meta.managed and m._meta.db_table != "audit_auditregel"
    } | {"personen": Gedetineerde.objects.count()}
