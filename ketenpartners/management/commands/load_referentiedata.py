import csv
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ketenpartners import services

DATA = Path(__file__).resolve().parents[2] / "data"


def lees_csv(pad: Path) -> list[dict[str, str]]:
    with pad.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


class Command(BaseCommand):
    help = "Laadt gemeenten, regio's, inrichtingen en reclassering (idempotent, upsert op code)."

    def add_arguments(self, parser):
        parser.add_argument("--gemeenten", type=Path, default=DATA / "gemeenten.csv")
        parser.add_argument("--inrichtingen", type=Path, default=DATA / "inrichtingen.csv")
        parser.add_argument("--reclassering", type=Path, default=DATA / "reclassering.csv")

    def handle(self, *args, **options):
        try:
            gemeenten = services.laad_gemeenten(rows=lees_csv(options["gemeenten"]))
            inrichtingen = services.laad_inrichtingen(rows=lees_csv(options["inrichtingen"]))
            reclassering = services.laad_reclassering(rows=lees_csv(options["reclassering"]))
            services.zorg_voor_beheerorganisatie()
            services.synchroniseer_rolgroepen()
        except (OSError, ValidationError) as fout:
            raise CommandError(str(fout)) from fout
        self.stdout.write(f"Gemeenten: {gemeenten}")
        for code in gemeenten.inactief_gemaakt:
            self.stdout.write(f"  inactief (opgegaan in een andere gemeente): {code}")
        self.stdout.write(f"Inrichtingen: {inrichtingen}")
        self.stdout.write(f"Reclassering: {reclassering}")
        self.stdout.write(self.style.SUCCESS("Referentiedata geladen."))
