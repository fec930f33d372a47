import io

import pytest
from django.core.management import CommandError, call_command

from ketenpartners.models import Contactpunt, Medewerker

pytestmark = pytest.mark.django_db

EXPECTED = {
    "casemanager1": ("casemanager", "PI Almelo", None),
    "casemanager2": ("casemanager", "PI Nieuwersluis", None),
    "mentor1": ("mentor", "PI Almelo", None),
    "reclassering1": ("reclasseringswerker", "Reclassering Nederland", "Oost"),
    "nazorg1": ("nazorgcoordinator", "Enschede", None),
    "nazorg2": ("nazorgcoordinator", "Rotterdam", None),
    "staf1": ("staffunctionaris", "PI Almelo", None),
    "beheer1": ("functioneel_beheerder", "Functioneel beheer", None),
    # Issue 12: a second Almelo casemanager whose caseload staf1 can move.
    "casemanager3": ("casemanager", "PI Almelo", None),
}


def test_refuses_without_debug_unless_forced():
    with pytest.raises(CommandError, match="weigert zonder DEBUG"):
        call_command("seed_demo", stdout=io.StringIO())
    assert not Medewerker.objects.filter(username="casemanager1").exists()


def test_creates_the_readme_accounts_once(demo):
    call_command("seed_demo", "--force", stdout=io.StringIO())
    accounts = {
        m.username: (m.rol, m.organisatie.naam, m.team.naam if m.team else None)
        for m in Medewerker.objects.select_related("organisatie", "team")
    }
    assert accounts == EXPECTED
    assert all(m.check_password("demo") for m in demo.values())
    assert Contactpunt.objects.filter(organisatie__code="GM0153").count() == 1
    assert Contactpunt.objects.count() == 5
    # Issue 12: casemanager3 holds a handful of cases to move; PI Almelo has its own norm.
    from ketenpartners.models import Organisatie
    from trajecten.models import Traject

    assert Traject.objects.filter(casemanager__username="casemanager3").count() == 6
    assert Organisatie.objects.get(code="PI-ALMELO").norm == 28


def test_the_demo_gives_each_partner_actions_some_overdue(demo):
    """Issue 11: casemanager1, nazorg1 and reclassering1 each have a "Mijn acties" list."""
    from django.utils import timezone

    from trajecten.selectors import aantal_lopende_acties, mijn_acties

    call_command("seed_demo", "--force", stdout=io.StringIO())
    vandaag = timezone.localdate()
    for wie in ("casemanager1", "nazorg1", "reclassering1"):
        regels = mijn_acties(user=demo[wie], vandaag=vandaag)
        assert any(r.te_laat for r in regels), wie
        assert any(r.mag_wijzigen and r.actie.loopt for r in regels), wie
        assert aantal_lopende_acties(user=demo[wie]) > 0
