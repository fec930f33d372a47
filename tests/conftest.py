import io

import pytest
from django.core.management import call_command

from demo.accounts import DEMO_ACCOUNTS
from ketenpartners.models import Medewerker


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Reference data (342 gemeenten, the PIs, 3RO) is in every test database, as in production."""
    with django_db_blocker.unblock():
        call_command("load_referentiedata", stdout=io.StringIO())


@pytest.fixture
def demo(db) -> dict[str, Medewerker]:
    """The eight demo accounts of the README, by username (without the demo trajectories)."""
    call_command("seed_demo", "--force", "--zonder-trajecten", stdout=io.StringIO())
    return {
        m.username: m for m in Medewerker.objects.filter(username__in=[a[0] for a in DEMO_ACCOUNTS])
    }


@pytest.fixture
def traject(demo):
    """A trajectory of casemanager1 at PI Almelo, returning to Enschede (nazorg1), with
    Reclassering Nederland team Oost (reclassering1) and one planned startoverleg."""
    from datetime import timedelta

    from django.utils import timezone

    from ketenpartners.models import Organisatie, Team
    from trajecten import services
    from trajecten.keuzes import Titel

    cm = demo["casemanager1"]
    t = services.neem_op(
        acting_user=cm,
        voornamen="Jan Pieter",
        achternaam="de Vries",
        geboortedatum=timezone.localdate().replace(year=1990),
        binnenkomst_datum=timezone.localdate() - timedelta(days=3),
        gemelde_gemeente=Organisatie.objects.get(code="GM0153"),
    )
    rn = Organisatie.objects.get(code="RN")
    services.werk_traject_bij(
        acting_user=cm,
        traject=t,
        versie=t.versie,
        verwachte_uitstroom_datum=None,
        casemanager=cm,
        mentor=demo["mentor1"],
        reclassering=rn,
        reclassering_team=Team.objects.get(organisatie=rn, naam="Oost"),
        reclasseringswerker=demo["reclassering1"],
        titel=Titel.ONBEKEND,
    )
    services.plan_gesprek(
        acting_user=cm,
        traject=t,
        soort="startoverleg",
        gepland_op=timezone.now() + timedelta(days=2),
        plaats="PI Almelo",
        videolink="https://video.example/start",
    )
    return t
