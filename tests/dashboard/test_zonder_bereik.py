"""Issue 12: the staffunctionaris's list "Gemeenten zonder bereik": the own PI's active cases
whose gemeente has no active nazorgcoördinator, paged, in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ketenpartners.models import Organisatie
from trajecten import services


def _neem_op(cm, naam: str, code: str):
    return services.neem_op(
        acting_user=cm,
        voornamen="Test",
        achternaam=naam,
        geboortedatum=timezone.localdate().replace(year=1984),
        binnenkomst_datum=timezone.localdate() - timedelta(days=5),
        gemelde_gemeente=Organisatie.objects.get(code=code),
    )


@pytest.mark.django_db
def test_lists_only_own_active_cases_whose_gemeente_nobody_reads(client, demo):
    hengelo = _neem_op(demo["casemanager1"], "Hengelo", "GM0164")
    _neem_op(demo["casemanager1"], "Enschede", "GM0153")  # nazorg1 reads it
    _neem_op(demo["casemanager2"], "Elders", "GM0164")  # another PI
    client.force_login(demo["staf1"])
    response = client.get(reverse("dashboard:zonder_bereik"))
    assert response.status_code == 200
    assert [t.pk for t in response.context["pagina"]] == [hengelo.pk]
    pagina = response.content.decode()
    assert "Hengelo" in pagina and "14 + netnummer" in pagina


@pytest.mark.django_db
def test_the_query_count_does_not_grow_with_the_cases(client, demo, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    codes = ["GM0164", "GM0183", "GM1774", "GM1735"]
    client.force_login(demo["staf1"])
    tellingen = []
    for tot in (2, 14):
        for i in range(len(tellingen) and 2, tot):
            _neem_op(demo["casemanager1"], f"Volume {i}", codes[i % len(codes)])
        with CaptureQueriesContext(connection) as vangst:
            response = client.get(reverse("dashboard:zonder_bereik"))
        assert len(response.context["pagina"]) == tot
        tellingen.append(len(vangst))
    assert tellingen[0] == tellingen[1], tellingen
    with django_assert_max_num_queries(tellingen[0]):
        client.get(reverse("dashboard:zonder_bereik"))
