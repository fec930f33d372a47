"""Caseload continuity (issue 12, slice E): the staffunctionaris moves a leaving casemanager's
cases to colleagues in one action; grants, audit and events follow; the query count does not
grow with the number of cases; stale and racing moves move each case once."""

import threading
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audit.models import Auditactie, Auditregel
from ketenpartners.models import Medewerker, Organisatie
from ketenpartners.rollen import Rol
from signalering.models import Notificatie
from tests.factories import MedewerkerFactory, TrajectFactory
from trajecten import access, services
from trajecten.keuzes import Gebeurtenissoort
from trajecten.models import Traject, TrajectUserObjectPermission
from trajecten.signalen import gebeurtenissen as gebeurtenissen_signaal


@pytest.fixture
def almelo(demo):
    return Organisatie.objects.get(code="PI-ALMELO")


@pytest.fixture
def vertrekker(almelo):
    return MedewerkerFactory(
        username="vertrekker", rol=Rol.CASEMANAGER, organisatie=almelo, last_name="Vertrek"
    )


@pytest.fixture
def collega(almelo):
    return MedewerkerFactory(
        username="collega", rol=Rol.CASEMANAGER, organisatie=almelo, last_name="Jansen"
    )


@pytest.fixture
def gebeurtenissen():
    """The CASELOAD_OVERGEDRAGEN announcements, one record per case (a move announces all its
    cases in one set-based signal)."""
    ontvangen: list[dict] = []

    def ontvanger(sender, **kwargs):
        if kwargs["soort"] == Gebeurtenissoort.CASELOAD_OVERGEDRAGEN:
            ontvangen.extend({**kwargs, "traject": t} for t in kwargs["trajecten"])

    gebeurtenissen_signaal.connect(ontvanger, dispatch_uid="test-caseload-overdracht")
    yield ontvangen
    gebeurtenissen_signaal.disconnect(dispatch_uid="test-caseload-overdracht")


def _cases(cm, n: int) -> list[Traject]:
    return [TrajectFactory(acting_user=cm, casemanager=cm) for _ in range(n)]


def _alles_naar(trajecten, ontvanger) -> dict:
    return {
        "toewijzingen": {t.pk: ontvanger.pk for t in trajecten},
        "versies": {t.pk: t.versie for t in trajecten},
    }


def _persoonlijk(traject) -> set[int]:
    return set(
        TrajectUserObjectPermission.objects.filter(content_object=traject).values_list(
            "user_id", flat=True
        )
    )


@pytest.mark.django_db
def test_the_move_changes_casemanager_grants_audit_and_tells_both(
    demo, vertrekker, collega, gebeurtenissen
):
    staf = demo["staf1"]
    trajecten = _cases(vertrekker, 3)
    assert all(vertrekker.pk in _persoonlijk(t) for t in trajecten)
    naar = {
        trajecten[0].pk: collega.pk,
        trajecten[1].pk: collega.pk,
        trajecten[2].pk: demo["casemanager1"].pk,
    }

    resultaat = services.draag_caseload_over(
        acting_user=staf,
        van=vertrekker,
        toewijzingen=naar,
        versies={t.pk: t.versie for t in trajecten},
    )

    assert resultaat.verplaatst == naar
    assert resultaat.overgeslagen == []
    for t in trajecten:
        t.refresh_from_db()
        assert t.casemanager_id == naar[t.pk]
        personen = _persoonlijk(t)
        assert vertrekker.pk not in personen and naar[t.pk] in personen
        # The receiver sees it through the door (the leaver only via the PI while still there).
        ontvanger = collega if naar[t.pk] == collega.pk else demo["casemanager1"]
        assert access.trajecten_voor(ontvanger).filter(pk=t.pk).exists()
    regels = Auditregel.objects.filter(traject_id__in=naar, gebruiker=staf)
    assert (
        regels.filter(
            actie=Auditactie.TOEGANG_INGETROKKEN, toelichting__startswith="vertrekker:"
        ).count()
        == 3
    )
    assert (
        regels.filter(actie=Auditactie.TOEGANG_VERLEEND, toelichting__startswith="collega:").count()
        == 2
    )
    assert regels.filter(actie=Auditactie.SCHRIJVEN).count() == 3
    assert [(g["soort"], g["traject"].pk, g["ontvangers"]) for g in gebeurtenissen] == [
        ("caseload_overgedragen", t.pk, [vertrekker.pk]) for t in trajecten
    ]
    # Both the new and the leaving casemanager find it in their notifications; staf1 (who did
    # it) does not.
    for t in trajecten:
        assert set(
            Notificatie.objects.filter(
                gebeurtenis__traject=t, gebeurtenis__soort=Gebeurtenissoort.CASELOAD_OVERGEDRAGEN
            ).values_list("ontvanger_id", flat=True)
        ) == {naar[t.pk], vertrekker.pk}


@pytest.mark.django_db
def test_the_single_case_recompute_still_writes_the_same_grants_and_audit(demo, traject):
    """herbereken_toegang now runs through the bulk variant: a change of mentor still revokes
    and grants with one audit row each."""
    cm = demo["casemanager1"]
    services.werk_traject_bij(
        acting_user=cm,
        traject=traject,
        versie=traject.versie,
        verwachte_uitstroom_datum=None,
        casemanager=cm,
        mentor=None,
        reclassering=traject.reclassering,
        reclassering_team=traject.reclassering_team,
        reclasseringswerker=traject.reclasseringswerker,
        titel=traject.titel,
    )
    assert demo["mentor1"].pk not in _persoonlijk(traject)
    assert (
        Auditregel.objects.filter(
            traject_id=traject.pk,
            actie=Auditactie.TOEGANG_INGETROKKEN,
            toelichting__startswith="mentor1:",
        ).count()
        == 1
    )


def _soorten(vastgelegd) -> list[str]:
    """The statements without their details (a savepoint's name differs per call)."""
    return [q["sql"].split('"s')[0][:70] for q in vastgelegd.captured_queries]


@pytest.mark.django_db
def test_the_query_count_of_a_move_does_not_grow_with_the_cases(
    demo, almelo, django_assert_num_queries, gebeurtenissen
):
    """3 cases and 29 cases: the same number of queries (fewer than 30: the move, the grants,
    the audit rows and the notifications of everyone told, with their preferences and the
    outbox). The staff account is read afresh for each move, as each request does."""

    def nieuwe_cm():
        return MedewerkerFactory(rol=Rol.CASEMANAGER, organisatie=almelo)

    van, naar = nieuwe_cm(), nieuwe_cm()
    drie = _cases(van, 3)
    staf = Medewerker.objects.get(username="staf1")
    with CaptureQueriesContext(connection) as bij_drie:
        services.draag_caseload_over(acting_user=staf, van=van, **_alles_naar(drie, naar))
    aantal = len(bij_drie.captured_queries)
    assert aantal < 30

    van, naar = nieuwe_cm(), nieuwe_cm()
    negenentwintig = _cases(van, 29)
    staf = Medewerker.objects.get(username="staf1")
    with django_assert_num_queries(aantal, info=_soorten(bij_drie)) as bij_29:
        resultaat = services.draag_caseload_over(
            acting_user=staf, van=van, **_alles_naar(negenentwintig, naar)
        )
    assert _soorten(bij_29) == _soorten(bij_drie)
    assert len(resultaat.verplaatst) == 29
    assert Traject.objects.filter(casemanager=naar).count() == 29
    assert len(gebeurtenissen) == 32


@pytest.mark.django_db
def test_only_staff_of_a_pi_may_move(demo, vertrekker, collega):
    trajecten = _cases(vertrekker, 1)
    for wie in ("casemanager1", "nazorg1", "reclassering1", "beheer1"):
        with pytest.raises(PermissionDenied):
            services.draag_caseload_over(
                acting_user=demo[wie], van=vertrekker, **_alles_naar(trajecten, collega)
            )
    assert Traject.objects.get(pk=trajecten[0].pk).casemanager_id == vertrekker.pk


@pytest.mark.django_db
def test_a_case_of_another_pi_is_refused_and_nothing_is_saved(demo, vertrekker, collega):
    eigen = _cases(vertrekker, 2)
    ander = TrajectFactory(acting_user=demo["casemanager2"])
    with pytest.raises(ValidationError) as fout:
        services.draag_caseload_over(
            acting_user=demo["staf1"], van=vertrekker, **_alles_naar([*eigen, ander], collega)
        )
    assert "eigen inrichting" in str(fout.value.message_dict["toewijzingen"])
    assert set(
        Traject.objects.filter(pk__in=[t.pk for t in eigen]).values_list("casemanager", flat=True)
    ) == {vertrekker.pk}
    assert Traject.objects.get(pk=ander.pk).casemanager_id == demo["casemanager2"].pk


@pytest.mark.django_db
def test_a_target_in_another_pi_or_inactive_is_refused_in_dutch(demo, vertrekker, collega):
    trajecten = _cases(vertrekker, 2)
    with pytest.raises(ValidationError) as fout:
        services.draag_caseload_over(
            acting_user=demo["staf1"],
            van=vertrekker,
            **_alles_naar(trajecten, demo["casemanager2"]),
        )
    assert fout.value.message_dict["ontvanger"] == [
        "Kies een casemanager van uw eigen inrichting als ontvanger."
    ]
    collega.is_active = False
    collega.save(update_fields=["is_active"])
    with pytest.raises(ValidationError) as fout:
        services.draag_caseload_over(
            acting_user=demo["staf1"], van=vertrekker, **_alles_naar(trajecten, collega)
        )
    assert "geen actief account" in fout.value.message_dict["ontvanger"][0]
    assert set(
        Traject.objects.filter(pk__in=[t.pk for t in trajecten]).values_list(
            "casemanager", flat=True
        )
    ) == {vertrekker.pk}
    assert not Auditregel.objects.filter(
        actie=Auditactie.TOEGANG_VERLEEND, toelichting__startswith="collega:"
    ).exists()


@pytest.mark.django_db
def test_a_case_changed_meanwhile_is_reported_not_overwritten(demo, vertrekker, collega):
    trajecten = _cases(vertrekker, 3)
    gezien = _alles_naar(trajecten, collega)
    gewijzigd = trajecten[1]
    # The leaving casemanager still sets the expected release on the case: the casemanager
    # stays the same, only the version moves.
    services.werk_traject_bij(
        acting_user=vertrekker,
        traject=gewijzigd,
        versie=gewijzigd.versie,
        verwachte_uitstroom_datum=gewijzigd.binnenkomst_datum + timedelta(days=90),
        casemanager=vertrekker,
        mentor=None,
        reclassering=None,
        reclassering_team=None,
        reclasseringswerker=None,
        titel=gewijzigd.titel,
    )
    resultaat = services.draag_caseload_over(acting_user=demo["staf1"], van=vertrekker, **gezien)
    assert set(resultaat.verplaatst) == {trajecten[0].pk, trajecten[2].pk}
    assert [t.pk for t in resultaat.overgeslagen] == [gewijzigd.pk]
    assert Traject.objects.get(pk=gewijzigd.pk).casemanager_id == vertrekker.pk


@pytest.mark.django_db
def test_a_double_submit_moves_each_case_once(demo, vertrekker, collega, gebeurtenissen):
    trajecten = _cases(vertrekker, 3)
    gezien = _alles_naar(trajecten, collega)
    eerste = services.draag_caseload_over(acting_user=demo["staf1"], van=vertrekker, **gezien)
    tweede = services.draag_caseload_over(acting_user=demo["staf1"], van=vertrekker, **gezien)
    assert len(eerste.verplaatst) == 3
    assert tweede.verplaatst == {} and len(tweede.overgeslagen) == 3
    assert len(gebeurtenissen) == 3
    assert Traject.objects.filter(pk__in=gezien["toewijzingen"], versie=2).count() == 3


@pytest.mark.django_db(transaction=True)
def test_two_staff_racing_move_each_case_once(demo, almelo, vertrekker, collega):
    """Real threads on PostgreSQL: staf1 and a hoofd D&R send the same move at once (each to
    another colleague); every case ends with exactly one of them, granted once."""
    hoofd = MedewerkerFactory(username="hoofd", rol=Rol.HOOFD_DR, organisatie=almelo)
    trajecten = _cases(vertrekker, 5)
    doelen = {"staf1": collega, "hoofd": demo["casemanager1"]}
    start = threading.Barrier(2)
    uitkomst: dict[str, object] = {}

    def verplaats(gebruiker):
        try:
            start.wait(timeout=10)
            uitkomst[gebruiker.username] = services.draag_caseload_over(
                acting_user=gebruiker,
                van=vertrekker,
                **_alles_naar(trajecten, doelen[gebruiker.username]),
            )
        except Exception as fout:
            uitkomst[gebruiker.username] = fout
        finally:
            connection.close()

    draden = [threading.Thread(target=verplaats, args=(g,)) for g in (demo["staf1"], hoofd)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=30)
    verplaatst = [len(u.verplaatst) for u in uitkomst.values()]  # type: ignore[union-attr]
    assert sorted(verplaatst) == [0, 5]
    winnaar = next(doelen[w] for w, u in uitkomst.items() if u.verplaatst)  # type: ignore[union-attr]
    for t in trajecten:
        t.refresh_from_db()
        assert t.casemanager_id == winnaar.pk
        assert t.versie == 2
        personen = _persoonlijk(t)
        assert winnaar.pk in personen and vertrekker.pk not in personen
        assert len(personen & {collega.pk, demo["casemanager1"].pk}) == 1
