"""Issue 17 item 5 (ADR 0023): `bewaartermijn` removes what has outlived its term, history
tables included; a full dump then holds no trace of the person; a second run changes nothing;
`--dry-run` changes nothing."""

import io
import shutil
import subprocess
import threading
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bewaring import services
from trajecten.models import Gedetineerde, Traject

from .conftest import afsluiten, opnemen, tellingen

pytestmark = pytest.mark.django_db(transaction=True)

VER = "2099-01-01"


def dump() -> str:
    instellingen = connection.settings_dict
    return subprocess.run(
        [
            "pg_dump",
            "-h",
            instellingen["HOST"] or "127.0.0.1",
            "-p",
            str(instellingen["PORT"] or 5432),
            "-U",
            instellingen["USER"] or "postgres",
            "--data-only",
            instellingen["NAME"],
        ],
        check=True,
        capture_output=True,
        text=True,
        env={"PGPASSWORD": instellingen["PASSWORD"] or "", "PATH": "/usr/bin:/bin"},
    ).stdout


def uitvoeren(*args: str) -> str:
    uit = io.StringIO()
    call_command("bewaartermijn", *args, stdout=uit)
    return uit.getvalue()


@pytest.fixture(autouse=True)
def auditpartities_terug():
    """A run far ahead drops the months of the audit trail; the next test gets them back."""
    yield
    with connection.cursor() as c:
        c.execute("TRUNCATE audit_auditregel")
    services.maak_auditpartities(vanaf=timezone.localdate() - timedelta(days=62))


@pytest.mark.skipif(not shutil.which("pg_dump"), reason="pg_dump ontbreekt")
def test_far_in_the_future_no_trace_of_the_expired_person_is_left_in_a_full_dump(twee_personen):
    weg, blijft = twee_personen
    voor = dump()
    for spoor in ("Verloopvelder", "Oudnaamveld", "123456782", "Geheimeactiewoord"):
        assert spoor in voor  # the dump can see them: the test below can fail

    uit = uitvoeren("--date", VER)

    assert "verwijderd: 1 trajecten.Gedetineerde" in uit
    na = dump()
    for spoor in ("Verloopvelder", "Oudnaamveld", "123456782", "Geheimeactiewoord"):
        assert spoor not in na, spoor
    # The other person, whose trajectory is open, is untouched, history included.
    assert "Blijvendveld" in na and "111222333" in na
    assert Traject.objects.filter(pk=blijft.pk).exists()
    assert not Gedetineerde.objects.filter(pk=weg.gedetineerde_id).exists()


def test_a_second_run_changes_nothing(twee_personen):
    uitvoeren("--date", VER)
    eerst = tellingen()
    uit = uitvoeren("--date", VER)
    assert "Niets verlopen." in uit
    assert tellingen() == eerst


def test_dry_run_reports_and_changes_nothing(twee_personen):
    eerst = tellingen()
    uit = uitvoeren("--date", VER, "--dry-run")
    assert "Proefrun, er is niets gewijzigd" in uit
    assert "zou verwijderen: 1 trajecten.Gedetineerde" in uit
    assert "zou verwijderen: 1 trajecten.Traject" in uit
    assert tellingen() == eerst


def test_nothing_goes_before_its_term(twee_personen):
    weg, _ = twee_personen
    vier_jaar = timezone.localdate() + timedelta(days=4 * 365)
    verslag = services.pas_bewaartermijnen_toe(peildatum=vier_jaar)
    assert "trajecten.Traject" not in verslag.verwijderd
    assert Traject.objects.filter(pk=weg.pk).exists()
    zes_jaar = timezone.localdate() + timedelta(days=6 * 365)
    verslag = services.pas_bewaartermijnen_toe(peildatum=zes_jaar)
    assert verslag.verwijderd["trajecten.Traject"] == 1


def test_a_person_with_a_kept_trajectory_stays_when_another_expires(demo):
    cm = demo["casemanager1"]
    oud = opnemen(cm, achternaam="Tweemaal", bsn="123456782")
    afsluiten(oud, cm)
    nieuw = services_neem_opnieuw(cm, oud)
    services.pas_bewaartermijnen_toe(peildatum=date(2099, 1, 1))
    assert not Traject.objects.filter(pk=oud.pk).exists()
    assert Traject.objects.filter(pk=nieuw.pk).exists()
    assert Gedetineerde.objects.get(pk=oud.gedetineerde_id).achternaam == "Tweemaal"


def services_neem_opnieuw(cm, oud):
    from trajecten import services as trajectdiensten

    return trajectdiensten.neem_op(
        acting_user=cm,
        voornamen="Piet",
        achternaam="Tweemaal",
        geboortedatum=oud.gedetineerde.geboortedatum,
        binnenkomst_datum=timezone.localdate(),
        bsn="123456782",
        bevestig_bestaande_persoon=True,
    )


def test_the_query_count_does_not_grow_with_the_number_of_expired_cases(demo):
    cm = demo["casemanager1"]
    bsns = iter(["123456782", "111222333", "100000009", "100000010", "100000022"])

    def meet(aantal: int) -> int:
        for i in range(aantal):
            afsluiten(opnemen(cm, achternaam=f"Telling {aantal} {i}", bsn=next(bsns, "")), cm)
        with CaptureQueriesContext(connection) as vastgelegd:
            services.pas_bewaartermijnen_toe(peildatum=date(2099, 1, 1))
        return len(vastgelegd)

    een, drie = meet(1), meet(3)
    assert drie <= een, (een, drie)


def test_two_runs_at_once_remove_once_and_both_finish(twee_personen):
    verslagen, fouten = [], []
    begin = threading.Barrier(2)

    def run():
        try:
            begin.wait()
            verslagen.append(services.pas_bewaartermijnen_toe(peildatum=date(2099, 1, 1)))
        except Exception as fout:
            fouten.append(fout)
        finally:
            connections.close_all()

    draden = [threading.Thread(target=run) for _ in range(2)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(60)
    assert fouten == []
    verwijderd = sorted(v.verwijderd.get("trajecten.Gedetineerde", 0) for v in verslagen)
    assert verwijderd == [0, 1]


def test_a_wrong_date_is_a_clear_message():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="JJJJ-MM-DD"):
        uitvoeren("--date", "31-01-2031")


def test_sent_outbox_mails_go_after_their_term_waiting_ones_never():
    from signalering.models import Bericht, Berichtstatus

    def bericht(aan: str, status: str) -> Bericht:
        b = Bericht.objects.create(
            aan=aan, soort="direct", datum=date(2026, 1, 5), onderwerp="x", tekst="x", status=status
        )
        Bericht.objects.filter(pk=b.pk).update(aangemaakt_op=timezone.now() - timedelta(days=100))
        return b

    verzonden = bericht("a@example.org", Berichtstatus.VERZONDEN)
    wachtend = bericht("b@example.org", Berichtstatus.WACHTEND)
    nieuw = Bericht.objects.create(
        aan="c@example.org", soort="direct", datum=date(2026, 1, 5), onderwerp="x", tekst="x",
        status=Berichtstatus.VERZONDEN,
    )  # fmt: skip
    verslag = services.pas_bewaartermijnen_toe(peildatum=timezone.localdate())
    assert verslag.verwijderd.get("signalering.Bericht") == 1
    assert set(Bericht.objects.values_list("pk", flat=True)) == {wachtend.pk, nieuw.pk}
    assert not Bericht.objects.filter(pk=verzonden.pk).exists()


def test_event_deliveries_go_after_their_term_with_their_log_waiting_ones_never(demo):
    from abonnementen.models import Abonnement, Aflevering, Afleverstatus, Poging

    account = demo["nazorg1"]
    abonnement = Abonnement.objects.create(
        organisatie=account.organisatie, account=account, naam="x", url="https://x.nl/e",
        soorten=["nl.reintegratie.detentie.gemeld"], melden_aan="x@example.org", geheim="0" * 64,
    )  # fmt: skip

    def aflevering(status: str, dagen: int) -> Aflevering:
        a = Aflevering.objects.create(
            abonnement=abonnement, soort="nl.reintegratie.detentie.gemeld", traject_id=1,
            envelop={}, status=status, volgende_poging=timezone.now(),
        )  # fmt: skip
        Poging.objects.create(aflevering=a, op=timezone.now(), duur_ms=1, gelukt=True)
        Aflevering.objects.filter(pk=a.pk).update(
            aangemaakt_op=timezone.now() - timedelta(days=dagen)
        )
        return a

    afgeleverd = aflevering(Afleverstatus.AFGELEVERD, 100)
    opgegeven = aflevering(Afleverstatus.OPGEGEVEN, 100)
    wachtend = aflevering(Afleverstatus.WACHTEND, 100)
    nieuw = aflevering(Afleverstatus.AFGELEVERD, 10)
    verslag = services.pas_bewaartermijnen_toe(peildatum=timezone.localdate())
    assert verslag.verwijderd.get("abonnementen.Aflevering") == 2
    assert verslag.verwijderd.get("abonnementen.Poging") == 2
    assert set(Aflevering.objects.values_list("pk", flat=True)) == {wachtend.pk, nieuw.pk}
    assert not Poging.objects.filter(aflevering_id__in=[afgeleverd.pk, opgegeven.pk]).exists()
