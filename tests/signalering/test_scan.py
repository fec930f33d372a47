"""The deadline watch through its real entry points: the scan service, the command, the task."""

import io
import threading
from datetime import date, datetime, time, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from ketenpartners.models import Organisatie
from nazorg import services as nazorgdiensten
from signalering import services
from signalering.models import (
    SIGNALERINGEN,
    Bericht,
    Kanaal,
    Meldingsvoorkeur,
    Notificatie,
    Signalering,
    Signaleringssoort,
)
from trajecten import services as trajectdiensten
from trajecten.keuzes import Regie

from ..factories import screen

ENSCHEDE = "GM0153"


def intake(demo, binnen: date, **extra):
    t = trajectdiensten.neem_op(
        acting_user=demo["casemanager1"],
        voornamen="Jan",
        achternaam=extra.pop("achternaam", "de Vries"),
        geboortedatum=date(1985, 1, 1),
        binnenkomst_datum=binnen,
        gemelde_gemeente=Organisatie.objects.get(code=ENSCHEDE),
        **extra,
    )
    from trajecten.models import Traject

    # Intake happens on the day of arrival: that is when the gemeente's inbox got it.
    Traject.objects.filter(pk=t.pk).update(
        aangemaakt_op=timezone.make_aware(datetime.combine(binnen, time(9)))
    )
    t.refresh_from_db()
    return t


def flags(**filters):
    return sorted(
        Signalering.objects.filter(**filters).values_list("traject_id", "soort", "uiterlijk")
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("binnen", "peildatum", "uiterlijk"),
    [
        # DOMAIN.md's example: 27 April (King's Day) and 5 May skipped.
        (date(2026, 4, 20), date(2026, 5, 7), date(2026, 5, 6)),
        # Good Friday and Easter Monday 2026 (3 and 6 April).
        (date(2026, 3, 30), date(2026, 4, 16), date(2026, 4, 15)),
        # Christmas, Boxing Day, New Year and the decreed bridging day of 2 January 2026.
        (date(2025, 12, 19), date(2026, 1, 9), date(2026, 1, 8)),
    ],
)
def test_missed_ten_day_deadline_is_flagged_the_next_working_morning(
    demo, binnen, peildatum, uiterlijk
):
    t = intake(demo, binnen)
    gisteren = services.scan(vandaag=peildatum - timedelta(days=1))
    assert (t.pk, Signaleringssoort.CONTACT_GEMEENTE, uiterlijk) not in gisteren.nieuw
    resultaat = services.scan(vandaag=peildatum)
    assert (t.pk, Signaleringssoort.CONTACT_GEMEENTE, uiterlijk) in resultaat.nieuw


@pytest.mark.django_db
def test_four_week_deadlines_move_past_a_holiday(demo):
    # Arrival Thu 16 April 2026 + 28 days = Thu 14 May, Ascension Day; 15 May is a decreed
    # bridging day; so the deadline is Monday 18 May.
    t = intake(demo, date(2026, 4, 16))
    resultaat = services.scan(vandaag=date(2026, 5, 19))
    assert (t.pk, Signaleringssoort.PLAN_VASTGESTELD, date(2026, 5, 18)) in resultaat.nieuw
    assert (t.pk, Signaleringssoort.STARTOVERLEG, date(2026, 5, 18)) in resultaat.nieuw
    assert services.scan(vandaag=date(2026, 5, 18)).nieuw == []  # on the day itself: still open


@pytest.mark.django_db
def test_a_second_run_changes_nothing(demo):
    intake(demo, date(2026, 3, 2))
    eerste = services.scan(vandaag=date(2026, 6, 1))
    voor = (flags(), Notificatie.objects.count())
    tweede = services.scan(vandaag=date(2026, 6, 1))
    assert len(eerste.nieuw) == 5  # contact, plan, startoverleg, ontvangst, escalatie
    assert tweede.nieuw == [] and tweede.opgelost == []
    assert (flags(), Notificatie.objects.count()) == voor


@pytest.mark.django_db
def test_a_flag_resolves_itself_as_te_laat_gehaald_when_the_event_is_recorded(demo):
    t = intake(demo, date(2026, 3, 2))
    screen(t, op=date(2026, 3, 10))  # the ten-day step needs the screening complete too
    services.scan(vandaag=date(2026, 3, 20))
    trajectdiensten.registreer_contactmoment(
        acting_user=demo["casemanager1"],
        traject=t,
        organisatie=Organisatie.objects.get(code=ENSCHEDE),
        kanaal="telefoon",
        datum=date(2026, 3, 23),
        samenvatting="Gebeld",
    )
    resultaat = services.scan(vandaag=date(2026, 3, 24))
    assert (t.pk, Signaleringssoort.CONTACT_GEMEENTE, date(2026, 3, 16)) in resultaat.opgelost
    sig = Signalering.objects.get(traject=t, soort=Signaleringssoort.CONTACT_GEMEENTE)
    assert sig.opgelost_datum == date(2026, 3, 23)


@pytest.mark.django_db
def test_the_right_people_are_notified(demo):
    from ketenpartners.models import Contactpunt

    t = intake(demo, date(2026, 3, 2))
    services.scan(vandaag=date(2026, 6, 1))
    ontvangers = {
        (n.signalering.soort, n.ontvanger.username if n.ontvanger else f"cp:{n.contactpunt.naam}")
        for n in Notificatie.objects.filter(signalering__isnull=False).select_related(
            "signalering", "ontvanger", "contactpunt"
        )
    }
    cp = Contactpunt.objects.get(organisatie__code=ENSCHEDE).naam
    assert ontvangers == {
        (Signaleringssoort.CONTACT_GEMEENTE, "casemanager1"),
        (Signaleringssoort.PLAN_VASTGESTELD, "casemanager1"),
        (Signaleringssoort.STARTOVERLEG, "casemanager1"),
        (Signaleringssoort.STARTOVERLEG, "nazorg1"),
        (Signaleringssoort.STARTOVERLEG, f"cp:{cp}"),
        (Signaleringssoort.ONTVANGST, "nazorg1"),
        (Signaleringssoort.ONTVANGST, f"cp:{cp}"),
        (Signaleringssoort.ONTVANGST_ESCALATIE, "staf1"),
    }
    assert t.pk in Signalering.objects.values_list("traject_id", flat=True)


@pytest.mark.django_db
def test_acknowledged_and_completed_trajectories_raise_no_flags(demo):
    cm = demo["casemanager1"]
    t = intake(demo, date(2026, 3, 2))
    screen(t, op=date(2026, 3, 4))  # the ten-day step needs the screening complete too
    nazorgdiensten.bevestig_ontvangst(acting_user=demo["nazorg1"], traject=t)
    # The acknowledgement is recorded now, long after the deadline: it resolves, it was late.
    trajectdiensten.registreer_contactmoment(
        acting_user=cm,
        traject=t,
        organisatie=t.gemeente,
        kanaal="telefoon",
        datum=date(2026, 3, 5),
        samenvatting="Gebeld",
    )
    trajectdiensten.bewerk_plan(
        acting_user=cm,
        traject=t,
        versie=t.plan.versie,
        begeleidingsplan="b",
        doelen="d",
        activiteiten="",
        regie=Regie.PI,
        monitoring="",
        gespreksfrequentie_weken=6,
    )
    trajectdiensten.stel_plan_vast(
        acting_user=cm, traject=t, versie=t.plan.versie, vastgesteld_datum=date(2026, 3, 20)
    )
    gesprek = trajectdiensten.plan_gesprek(
        acting_user=cm,
        traject=t,
        soort="startoverleg",
        gepland_op=timezone.make_aware(datetime(2026, 3, 25, 10)),
        plaats="PI",
    )
    trajectdiensten.leg_gesprek_vast(
        acting_user=cm, gesprek=gesprek, gehouden_datum=date(2026, 3, 25), verslag="ok"
    )
    resultaat = services.scan(vandaag=date(2026, 4, 2))
    soorten = {s for _t, s, _u in resultaat.nieuw}
    assert soorten == set()


@pytest.mark.django_db
def test_one_digest_per_person_without_names_and_none_for_who_switched_mail_off(demo):
    intake(demo, date(2026, 3, 2), achternaam="Geheimnaam")
    intake(demo, date(2026, 3, 3), achternaam="Anderenaam")
    # Issue 12: the on/off switch became a channel per kind; "in the app only" for the flags.
    Meldingsvoorkeur.objects.create(
        medewerker=demo["staf1"], soort=SIGNALERINGEN, kanaal=Kanaal.APP
    )
    services.scan(vandaag=date(2026, 6, 1))
    ids = services.stel_digests_op(vandaag=date(2026, 6, 1))
    berichten = {b.aan: b for b in Bericht.objects.filter(pk__in=ids)}
    assert set(berichten) == {
        "casemanager1@demo.example",
        "nazorg1@demo.example",
        "nazorg@enschede.example",
    }
    tekst = berichten["casemanager1@demo.example"].tekst
    assert tekst.count("Screening en contact gemeente") == 2
    assert "Geheimnaam" not in tekst and "Anderenaam" not in tekst
    assert services.stel_digests_op(vandaag=date(2026, 6, 1)) == []  # nothing new to add
    for bericht_id in ids:
        assert services.verstuur(bericht_id=bericht_id)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(berichten)


@pytest.mark.django_db
def test_a_failing_mail_server_is_recorded_and_the_message_is_never_lost(demo, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 1, 2
    intake(demo, date(2026, 3, 2))
    services.scan(vandaag=date(2026, 6, 1))
    bericht_id = services.stel_digests_op(vandaag=date(2026, 6, 1))[0]
    for poging in range(1, services.MAX_POGINGEN + 1):
        assert services.verstuur(bericht_id=bericht_id) is False
        bericht = Bericht.objects.get(pk=bericht_id)
        assert bericht.pogingen == poging
        assert "ConnectionRefusedError" in bericht.laatste_fout
    assert bericht.status == "mislukt"


@pytest.mark.django_db
def test_the_command_prints_what_it_flagged_resolved_and_left_open(demo):
    t = intake(demo, date(2026, 3, 2))
    uit = io.StringIO()
    call_command("flag_deadlines", "--date", "2026-03-20", "--zonder-mail", stdout=uit)
    tekst = uit.getvalue()
    assert "Peildatum 20-03-2026" in tekst
    assert (
        f"traject {t.pk}: Screening en contact gemeente (10 werkdagen), uiterlijk 16-03-2026"
        in tekst
    )
    uit = io.StringIO()
    call_command("flag_deadlines", "--date", "2026-03-20", "--zonder-mail", stdout=uit)
    assert "Nieuw gesignaleerd: 0" in uit.getvalue()
    assert "Nog open: 3" in uit.getvalue()


@pytest.mark.django_db(transaction=True)
def test_two_scans_at_the_same_time_give_the_same_flags_once(demo):
    for i in range(5):
        intake(demo, date(2026, 3, 2) + timedelta(days=i), achternaam=f"Gelijktijdig {i}")
    resultaten, fouten = [], []

    def draai():
        try:
            resultaten.append(services.scan(vandaag=date(2026, 6, 1)))
        except Exception as fout:
            fouten.append(fout)
        finally:
            connection.close()

    draden = [threading.Thread(target=draai) for _ in range(2)]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=60)
    assert fouten == []
    assert sorted(len(r.nieuw) for r in resultaten) == [0, 25]
    assert Signalering.objects.count() == 25
    assert Notificatie.objects.filter(ontvanger__username="casemanager1").count() == 15
