from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from signalering import services
from signalering.models import Signaleringssoort as Soort
from signalering.tasks import in_wachtrij


class Command(BaseCommand):
    help = "Signaleert gemiste termijnen nu (dezelfde dienst als de ochtendscan van Celery beat)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Peildatum JJJJ-MM-DD (standaard: vandaag)")
        parser.add_argument(
            "--zonder-mail", action="store_true", help="Geen dagelijkse e-mail opstellen."
        )

    def handle(self, *args, **options):
        try:
            vandaag = (
                date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
            )
        except ValueError as fout:
            raise CommandError("Gebruik --date JJJJ-MM-DD, bijvoorbeeld 2026-05-06.") from fout
        resultaat = services.scan(vandaag=vandaag)
        self.stdout.write(f"Peildatum {vandaag:%d-%m-%Y}")
        self.stdout.write(f"Nieuw gesignaleerd: {len(resultaat.nieuw)}")
        for traject_id, soort, uiterlijk in resultaat.nieuw:
            self.stdout.write(
                f"  traject {traject_id}: {Soort(soort).label}, uiterlijk {uiterlijk:%d-%m-%Y}"
            )
        self.stdout.write(f"Opgelost (te laat gehaald): {len(resultaat.opgelost)}")
        for traject_id, soort, uiterlijk in resultaat.opgelost:
            self.stdout.write(
                f"  traject {traject_id}: {Soort(soort).label}, uiterlijk {uiterlijk:%d-%m-%Y}"
            )
        self.stdout.write(f"Nog open: {resultaat.open}")
        if not options["zonder_mail"]:
            ids = services.stel_digests_op(vandaag=vandaag)
            in_wachtrij(ids)
            self.stdout.write(f"Dagelijkse e-mails in de outbox: {len(ids)}")
