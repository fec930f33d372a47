"""Demo of the nazorg phase (issue 12), for nazorg1 (gemeente Enschede): one case released a few
working days ago whose handover nobody confirmed (the inbox's 'Overdrachten te bevestigen'; the
morning scan chases it), and one confirmed case past its nazorg period ('af te sluiten'), with
an action of the gemeente. Through the services, then dated back."""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.utils import timezone

from ketenpartners.models import Medewerker, Organisatie
from trajecten import services
from trajecten.deadlines import plus_werkdagen
from trajecten.keuzes import Domein, Titel
from trajecten.models import Basisvoorwaarde, Gedetineerde, Overdracht, Traject
from trajecten.selectors import brugdagen

ONBEVESTIGD = ("Mohamed", "Bakker", date(1990, 2, 11))
AF_TE_SLUITEN = ("Erik", "Jansen", date(1979, 7, 23))


def _moment(d: date, uur: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(d, time(uur)))


def _vrijgelaten(cm, persoon, *, binnen: date, uit: date) -> Traject:
    voornamen, achternaam, geboren = persoon
    t = services.neem_op(
        acting_user=cm,
        voornamen=voornamen,
        achternaam=achternaam,
        geboortedatum=geboren,
        binnenkomst_datum=binnen,
        gemelde_gemeente=Organisatie.objects.get(code="GM0153"),
        casemanager=cm,
    )
    services.registreer_uitstroom(
        acting_user=cm,
        traject=t,
        versie=t.versie,
        uitstroom_datum=uit,
        titel=Titel.GEEN,
        toch_versturen=True,
        reden="Besproken in het uitstroomoverleg.",
        toelichting="Overdracht besproken met de nazorgcoördinator.",
    )
    Overdracht.objects.filter(traject=t).update(opgesteld_op=_moment(uit, 11))
    return t


def maak_demo_nazorg(*, vandaag: date) -> int:
    if Gedetineerde.objects.filter(
        voornamen=ONBEVESTIGD[0], achternaam=ONBEVESTIGD[1], geboortedatum=ONBEVESTIGD[2]
    ).exists():
        return 0
    cm = Medewerker.objects.get(username="casemanager1")
    nazorg = Medewerker.objects.get(username="nazorg1")
    # Released three working days ago: past the two working days to confirm.
    uit = plus_werkdagen(vandaag, -3, brugdagen=brugdagen())
    _vrijgelaten(cm, ONBEVESTIGD, binnen=uit - timedelta(days=64), uit=uit)

    weken = settings.NAZORGFASE_WEKEN
    uit = vandaag - timedelta(weeks=weken + 2)
    oud = _vrijgelaten(cm, AF_TE_SLUITEN, binnen=uit - timedelta(days=120), uit=uit)
    services.bevestig_overdracht(acting_user=nazorg, traject=oud)
    gemeente = nazorg.organisatie
    assert gemeente is not None  # a role comes with an organisation
    Overdracht.objects.filter(traject=oud).update(ontvangen_op=_moment(uit + timedelta(days=1), 9))
    services.voeg_actie_toe(
        acting_user=nazorg,
        basisvoorwaarde=Basisvoorwaarde.objects.select_related("traject").get(
            traject=oud, domein=Domein.HUISVESTING
        ),
        omschrijving="Aanmelding maatschappelijke opvang",
        organisatie=gemeente,
    )
    return 2
