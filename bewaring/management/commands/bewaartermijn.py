"""`python manage.py bewaartermijn [--date YYYY-MM-DD] [--dry-run]` (ADR 0023)."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from bewaring import services


class Command(BaseCommand):
    help = (
        "Voert de bewaartermijnen uit: verwijdert afgesloten trajecten, personen, historie, "
        "meldingen, verzonden berichten, verlopen sessies en maanden audittrail waarvan de "
        "termijn op de peildatum verstreken is."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Peildatum JJJJ-MM-DD (standaard: vandaag)")
        parser.add_argument(
            "--dry-run", action="store_true", help="Toon wat zou verdwijnen; wijzig niets"
        )

    def handle(self, *args, **opties):
        peildatum = timezone.localdate()
        if opties["date"]:
            try:
                peildatum = date.fromisoformat(opties["date"])
            except ValueError as fout:
                raise CommandError(
                    "Geef de datum als JJJJ-MM-DD, bijvoorbeeld 2031-01-31."
                ) from fout
        verslag = services.pas_bewaartermijnen_toe(peildatum=peildatum, proef=opties["dry_run"])
        kop = "Proefrun, er is niets gewijzigd" if verslag.proef else "Uitgevoerd"
        self.stdout.write(f"{kop}: bewaartermijnen op peildatum {peildatum:%d-%m-%Y}.")
        grenzen = services.grenzen(peildatum)
        for wat, grens in grenzen.items():
            self.stdout.write(f"  bewaard vanaf {grens:%d-%m-%Y}: {wat}")
        if verslag.leeg:
            self.stdout.write("Niets verlopen.")
        for wat, aantal in sorted(verslag.verwijderd.items()):
            self.stdout.write(
                f"  {'zou verwijderen' if verslag.proef else 'verwijderd'}: {aantal} {wat}"
            )
        for naam in verslag.partities_verwijderd:
            self.stdout.write(
                f"  auditpartitie {'zou vervallen' if verslag.proef else 'vervallen'}: {naam}"
            )
