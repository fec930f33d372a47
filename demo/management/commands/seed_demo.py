from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from demo.accounts import DEMO_ACCOUNTS, DEMO_CONTACTPUNTEN, DEMO_WACHTWOORD
from demo.caseload import maak_demo_caseload
from demo.meldingen import maak_demo_meldingen
from demo.nazorg import maak_demo_nazorg
from demo.overdracht import maak_demo_overdracht
from demo.trajecten import maak_demo_trajecten
from demo.voorbereidingen import maak_demo_voorbereidingen
from ketenpartners import services
from ketenpartners.models import Medewerker, Organisatie, Team
from trajecten.catalogus import zorg_voor_catalogus


class Command(BaseCommand):
    help = "Maakt de demo-accounts en contactpunten (idempotent). Alleen met DEBUG aan, of --force."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Ook zonder DEBUG (nooit op productie)."
        )
        parser.add_argument(
            "--zonder-trajecten", action="store_true", help="Alleen accounts en contactpunten."
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "seed_demo weigert zonder DEBUG: demo-accounts met wachtwoord 'demo' horen niet "
                "op een echte omgeving. Gebruik --force als u zeker weet wat u doet."
            )
        if not Organisatie.objects.filter(code="PI-ALMELO").exists():
            call_command("load_referentiedata", stdout=self.stdout)
        with transaction.atomic():
            zorg_voor_catalogus()  # release preparations: a flushed test database lost them
            nieuw = self._accounts()
            for code, team, naam, telefoon, email, uren in DEMO_CONTACTPUNTEN:
                organisatie = Organisatie.objects.get(code=code)
                services.zet_contactpunt(
                    acting_user=None,
                    organisatie=organisatie,
                    team=Team.objects.get(organisatie=organisatie, naam=team) if team else None,
                    naam=naam,
                    telefoon=telefoon,
                    email=email,
                    bereikbaarheid=uren,
                )
            trajecten = 0
            if not options["zonder_trajecten"]:
                trajecten = maak_demo_trajecten(vandaag=timezone.localdate())
                trajecten += maak_demo_voorbereidingen(vandaag=timezone.localdate())
                trajecten += maak_demo_overdracht(vandaag=timezone.localdate())
                trajecten += maak_demo_nazorg(vandaag=timezone.localdate())
                self._uitnodiging()
                trajecten += maak_demo_caseload(vandaag=timezone.localdate())
                # Last: it leaves the two newest event notifications of nazorg1 unread.
                maak_demo_meldingen()
        self.stdout.write(self.style.SUCCESS(f"Demo-accounts: {nieuw} nieuw, wachtwoord 'demo'."))
        self.stdout.write(self.style.SUCCESS(f"Demo-trajecten: {trajecten} nieuw."))

    def _uitnodiging(self) -> None:
        """Issue 12: Hengelo (cases of casemanager1, no users, no contact point) has an open
        invitation for its first nazorgcoördinator, so beheer1 sees one on its list."""
        hengelo = Organisatie.objects.get(code="GM0164")
        if hengelo.uitnodigingen.exists():
            return
        services.nodig_uit(
            acting_user=Medewerker.objects.get(username="beheer1"),
            gemeente=hengelo,
            naam="Sanne de Boer",
            email="s.deboer@hengelo.example",
        )

    def _accounts(self) -> int:
        nieuw = 0
        for username, rol, code, team, voornaam, achternaam, telefoon in DEMO_ACCOUNTS:
            if Medewerker.objects.filter(username=username).exists():
                continue
            organisatie = Organisatie.objects.get(code=code)
            services.maak_medewerker(
                acting_user=None,
                username=username,
                rol=rol,
                organisatie=organisatie,
                team=Team.objects.get(organisatie=organisatie, naam=team) if team else None,
                first_name=voornaam,
                last_name=achternaam,
                email=f"{username}@demo.example",
                telefoon=telefoon,
                password=DEMO_WACHTWOORD,
            )
            nieuw += 1
        return nieuw
