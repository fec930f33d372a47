"""Issue 12: is anyone reading what the PI shares with a gemeente? In the app (an active
nazorgcoördinator), by its contact point only, or not at all."""

import pytest

from ketenpartners import selectors, services
from ketenpartners.models import Organisatie
from ketenpartners.rollen import Rol
from tests.factories import GemeenteFactory, MedewerkerFactory


@pytest.mark.django_db
def test_the_three_states_of_reachability(demo):
    enschede = Organisatie.objects.get(code="GM0153")  # nazorg1 and a contact point
    hengelo = Organisatie.objects.get(code="GM0164")  # nothing
    met_punt = GemeenteFactory()
    services.zet_contactpunt(
        acting_user=None, organisatie=met_punt, naam="Nazorg", telefoon="074-245 9111"
    )

    assert selectors.bereikbaarheid(enschede).stand == selectors.IN_APP
    assert selectors.bereikbaarheid(met_punt).stand == selectors.CONTACTPUNT
    assert selectors.bereikbaarheid(met_punt).hoe_bereiken == "Nazorg: 074-245 9111"
    bereik = selectors.bereikbaarheid(hengelo)
    assert bereik.stand == selectors.ONBEREIKBAAR
    assert bereik.uitleg(hengelo) == (
        "Gemeente Hengelo (O.) gebruikt dit systeem nog niet en heeft geen contactpunt: "
        "niemand leest dit hier."
    )
    assert "14 + netnummer" in bereik.hoe_bereiken


@pytest.mark.django_db
def test_an_inactive_nazorgcoordinator_does_not_make_a_gemeente_reachable(demo):
    gemeente = GemeenteFactory()
    persoon = MedewerkerFactory(rol=Rol.NAZORGCOORDINATOR, organisatie=gemeente)
    assert selectors.bereikbaarheid(gemeente).in_app
    persoon.is_active = False
    persoon.save()
    assert selectors.bereikbaarheid(gemeente).onbereikbaar


@pytest.mark.django_db
def test_the_set_variant_answers_many_gemeenten_in_two_queries(demo, django_assert_num_queries):
    ids = list(Organisatie.objects.gemeenten().values_list("pk", flat=True)[:200])
    with django_assert_num_queries(2):
        bereik = selectors.bereikbaarheid_van(ids)
    assert len(bereik) == 200
    enschede = Organisatie.objects.get(code="GM0153").pk
    if enschede in bereik:
        assert bereik[enschede].in_app
